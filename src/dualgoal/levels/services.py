"""Writes of the commune levels: compute a week for every commune of the district, store it, and tell the commune,
its enterprises and its venues when a level changes. Keyword-only, atomic; bad input is a ValidationError naming
the field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dualgoal.core.notify import notify

from . import compute, selectors
from .models import CommuneLevel, Venue
from .querysets import VENUE_OPERATOR
from .reasons import reason_lines

ONE_WEEK = dt.timedelta(days=7)


@dataclass
class LevelChange:
    commune: object
    old: CommuneLevel
    new: CommuneLevel


@dataclass
class LevelRun:
    week_start: dt.date
    rules: selectors.LevelRules
    rows: list[CommuneLevel] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[object, str]] = field(default_factory=list)
    changes: list[LevelChange] = field(default_factory=list)
    notified: int = 0

    def as_dict(self) -> dict:
        return {
            "week_start": self.week_start.isoformat(),
            "week_end": selectors.week_end(self.week_start).isoformat(),
            "rules": self.rules.used,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "notified": self.notified,
            "communes": [
                {
                    "code": row.commune.code,
                    "name": row.commune.name,
                    "level": row.level,
                    "base_level": row.base_level,
                    "new_cases": row.new_cases,
                    "population": row.population,
                    "population_source": row.population_source,
                    "cases_per_100k": float(row.cases_per_100k),
                    "share_one": float(row.share_one) if row.share_one is not None else None,
                    "reasons": row.reason_lines,
                }
                for row in self.rows
            ],
            "changes": [
                {"code": c.commune.code, "name": c.commune.name, "old": c.old.level, "new": c.new.level}
                for c in self.changes
            ],
            "skipped": [{"code": c.code, "name": c.name, "reason": reason} for c, reason in self.skipped],
        }


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 1)))


def _check_week(week_start) -> dt.date:
    if not isinstance(week_start, dt.date):
        raise ValidationError({"week_start": _("Enter the week as a date (its Monday).")})
    if week_start.weekday() != 0:
        raise ValidationError(
            {
                "week_start": _("A week starts on a Monday: %(day)s is not one (its week starts on %(monday)s).")
                % {"day": f"{week_start:%d/%m/%Y}", "monday": f"{selectors.week_monday(week_start):%d/%m/%Y}"}
            }
        )
    return week_start


@transaction.atomic
def levels_compute(*, week_start: dt.date, user=None, is_demo: bool = False, notify_changes: bool = True) -> LevelRun:
    """Compute and store the level of every commune of the district for the week starting `week_start` (Monday).

    Refuses (ValidationError on `week_start`, nothing stored) a week in which no level rule is in force, saying from
    when one applies. Re-running a week is idempotent: unchanged rows are not saved again and a notification already
    sent is not sent twice.
    """
    week_start = _check_week(week_start)
    try:
        rules = selectors.level_rules(week_start)
    except selectors.NoLevelRule as exc:
        raise ValidationError({"week_start": exc.message}) from exc
    district = selectors.the_district()
    if district is None:
        raise ValidationError({"week_start": _("The district's administrative units are not loaded.")})
    communes = list(selectors.communes_in_week(district, week_start))
    ids = [c.pk for c in communes]
    cases = selectors.new_cases_by_commune(communes, week_start)
    pops = selectors.populations(communes)
    age_min = rules.adjustment.age_min if rules.adjustment else None
    coverage = selectors.coverage_by_commune(on=rules.day, commune_ids=ids, min_age=age_min)
    run = LevelRun(week_start=week_start, rules=rules)
    previous = {
        r.commune_id: r for r in CommuneLevel.objects.filter(week_start=week_start - ONE_WEEK, commune_id__in=ids)
    }
    existing = {r.commune_id: r for r in CommuneLevel.objects.filter(week_start=week_start, commune_id__in=ids)}
    now = timezone.now()
    for commune in communes:
        population, population_source = pops[commune.pk]
        cov = coverage.get(commune.pk)
        figures = compute.CommuneFigures(
            unit_id=commune.pk,
            population=population,
            new_cases=cases.get(commune.pk, 0),
            share_one=cov.share_one if cov and cov.adults else None,
            share_full=cov.share_full if cov and cov.adults else None,
        )
        assessment = compute.assess(figures, rules.thresholds, rules.adjustment)
        if assessment.level is None:
            run.skipped.append((commune, _("no population figure and no registered resident")))
            continue
        info = rules.thresholds.info(assessment.level)
        values = {
            "level": assessment.level,
            "base_level": assessment.base_level,
            "label": info.label if info else "",
            "color": info.color if info else "",
            "new_cases": figures.new_cases,
            "population": population,
            "population_source": population_source,
            "cases_per_100k": _decimal(assessment.cases_per_100k),
            "coverage_adults": cov.adults if cov else None,
            "coverage_one_dose": cov.one_dose if cov else None,
            "coverage_full": cov.full if cov else None,
            "share_one": _decimal(figures.share_one * 100) if figures.share_one is not None else None,
            "share_full": _decimal(figures.share_full * 100) if figures.share_full is not None else None,
            "reasons": [{"code": r.code, "params": r.params} for r in assessment.reasons],
            "rules_used": rules.used,
            "rule_source": rules.source,
        }
        row = existing.get(commune.pk)
        if row is None:
            row = CommuneLevel.objects.create(
                commune=commune, week_start=week_start, computed_at=now, computed_by=user, is_demo=is_demo, **values
            )
            run.created += 1
        else:
            changed = [name for name, value in values.items() if getattr(row, name) != value]
            if changed:
                for name in changed:
                    setattr(row, name, values[name])
                row.computed_at, row.computed_by = now, user
                row.save()
                run.updated += 1
            else:
                run.unchanged += 1
        row.commune = commune
        run.rows.append(row)
        old = previous.get(commune.pk)
        if old is not None and old.level != row.level:
            run.changes.append(LevelChange(commune=commune, old=old, new=row))
    if notify_changes:
        for change in run.changes:
            run.notified += level_change_notify(change=change)
    return run


def _level_name(row: CommuneLevel) -> str:
    return row.label or _("level %(level)s") % {"level": row.level}


def level_change_notify(*, change: LevelChange) -> int:
    """Tell the commune's staff, the enterprises in the commune and the operators of its venues. Idempotent per
    commune, week, new level and recipient (dedupe keys)."""
    from dualgoal.accounts.models import User
    from dualgoal.accounts.roles import STAFF_ROLES
    from dualgoal.economy.models import Enterprise

    commune, old, new = change.commune, change.old, change.new
    base_key = f"levels:{commune.pk}:{new.week_start:%Y-%m-%d}:{new.level}"
    url = reverse("levels:commune_history", args=[commune.pk])
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        verb = _("raised") if new.level > old.level else _("lowered")
        subject = _("%(commune)s: epidemic level %(verb)s to level %(new)s (was level %(old)s)") % {
            "commune": commune.name,
            "verb": verb,
            "new": new.level,
            "old": old.level,
        }
        lines = [
            _("Week %(start)s–%(end)s: %(new)s (previous week: %(old)s).")
            % {
                "start": f"{new.week_start:%d/%m/%Y}",
                "end": f"{new.week_end:%d/%m/%Y}",
                "new": _level_name(new),
                "old": _level_name(old),
            },
            _("Reason:"),
            *[f"- {line}" for line in reason_lines(new.reasons)],
            _("Rule: %(source)s.") % {"source": new.rule_source},
        ]
        body = "\n".join(lines)
        staff = User.objects.filter(
            is_active=True,
            memberships__admin_unit__path__startswith=commune.path,
            memberships__role__in=[str(r) for r in STAFF_ROLES],
        ).distinct()
        sent += notify(users=staff, subject=subject, body=body, url=url, dedupe_key=f"{base_key}:commune")

        for enterprise in Enterprise.objects.filter(commune=commune).select_related("organisation"):
            users = User.objects.filter(is_active=True, memberships__organisation=enterprise.organisation).distinct()
            text = _("Enterprise %(name)s is in %(commune)s.") % {"name": enterprise.name, "commune": commune.name}
            sent += notify(
                users=users,
                subject=subject,
                body=f"{text}\n{body}",
                url=url,
                dedupe_key=f"{base_key}:enterprise:{enterprise.pk}",
            )

        for venue in Venue.objects.filter(commune=commune, organisation__isnull=False):
            users = User.objects.filter(
                is_active=True,
                memberships__organisation_id=venue.organisation_id,
                memberships__role=VENUE_OPERATOR,
            ).distinct()
            capacity = selectors.venue_capacity(venue, on=new.week_end, level=new)
            if capacity.percent is None:
                allowed = _("No rule limits the capacity of %(venue)s.") % {"venue": venue.name}
            else:
                allowed = _(
                    "Allowed capacity of %(venue)s: %(percent)s%% of %(normal)s, that is at most %(persons)s persons."
                ) % {
                    "venue": venue.name,
                    "percent": selectors._n_int(capacity.percent),
                    "normal": venue.normal_capacity,
                    "persons": capacity.persons,
                }
            details = "\n".join(f"- {r}" for r in capacity.reasons)
            sent += notify(
                users=users,
                subject=subject,
                body=f"{allowed}\n{details}\n{body}",
                url=reverse("levels:venue_detail", args=[venue.pk]),
                dedupe_key=f"{base_key}:venue:{venue.pk}",
            )
    return sent


@transaction.atomic
def venue_save(
    *,
    name: str,
    kind: str,
    commune,
    normal_capacity: int,
    organisation=None,
    address: str = "",
    opens_on: dt.date | None = None,
    note: str = "",
    venue: Venue | None = None,
    is_demo: bool = False,
) -> Venue:
    """Create or update a venue."""
    from dualgoal.geography.choices import Level

    from .choices import VenueKind

    errors = {}
    if not (name or "").strip():
        errors["name"] = _("Enter the venue's name.")
    if kind not in VenueKind.values:
        errors["kind"] = _("Choose the kind of venue.")
    if commune is None or commune.level != Level.COMMUNE:
        errors["commune"] = _("Choose a commune or township.")
    if normal_capacity is None or int(normal_capacity) <= 0:
        errors["normal_capacity"] = _("The normal capacity must be a positive number of persons.")
    if errors:
        raise ValidationError(errors)
    venue = venue or Venue()
    venue.name, venue.kind, venue.commune = name.strip(), kind, commune
    venue.normal_capacity, venue.organisation, venue.address = int(normal_capacity), organisation, address
    venue.opens_on, venue.note = opens_on, note
    if venue.pk is None:
        venue.is_demo = is_demo
    venue.save()
    return venue
