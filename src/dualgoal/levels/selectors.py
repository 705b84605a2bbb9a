"""Reads for the commune levels: the week's figures (one aggregate query each), the rules in force, the grid,
a commune's history and a venue's allowed capacity."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from dualgoal.core.rulebook import RuleValue

from . import compute
from .choices import COLOURS, NO_LEVEL_COLOUR, PopulationSource
from .rulebook import ADJUSTMENT, THRESHOLDS, VENUE_CAPS, VENUE_CEILING, caps_by_level, next_version, optional_rule


def week_monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_end(week_start: dt.date) -> dt.date:
    return week_start + dt.timedelta(days=6)


def assessment_day(week_start: dt.date) -> dt.date:
    """The level of a week is assessed on its last day (Sunday): the rules in force that day apply."""
    return week_end(week_start)


def the_district():
    from dualgoal.geography.selectors import YEN_DUNG_CODE, unit_by_code

    return unit_by_code(YEN_DUNG_CODE)


def communes_in_week(district, week_start: dt.date):
    from dualgoal.geography.choices import Level
    from dualgoal.geography.models import AdminUnit

    end = week_end(week_start)
    return (
        AdminUnit.objects.filter(parent=district, level=Level.COMMUNE, valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=week_start))
        .order_by("code")
    )


def _by_commune(rows, communes) -> dict[int, int]:
    """Sum `(unit path, n)` rows into the communes whose subtree holds the unit."""
    by_path = {c.path: c.pk for c in communes}
    depths = {c.path.count("/") for c in communes}
    out = dict.fromkeys(by_path.values(), 0)
    for path, n in rows:
        if not path:
            continue
        parts = path.split("/")
        for depth in depths:
            pk = by_path.get("/".join(parts[:depth]) + "/")
            if pk is not None:
                out[pk] += n
                break
    return out


def new_cases_by_commune(communes, week_start: dt.date) -> dict[int, int]:
    """Confirmed cases (F0) whose positive sample was taken in the week, by the commune of the person's residence.

    One aggregate query for all communes (grouped by residence unit)."""
    from dualgoal.epidemic.models import Case

    rows = (
        Case.objects.filter(sample_date__gte=week_start, sample_date__lte=week_end(week_start))
        .values_list("person__residence_unit__path")
        .annotate(n=Count("id"))
        .order_by()
    )
    return _by_commune(rows, communes)


def residents_by_commune(communes) -> dict[int, int]:
    from dualgoal.people.models import Person

    rows = Person.objects.values_list("residence_unit__path").annotate(n=Count("id")).order_by()
    return _by_commune(rows, communes)


def populations(communes) -> dict[int, tuple[int, str]]:
    """The population each commune's rate is divided by: AdminUnit.population when set, else its registered
    residents; (0, residents) when neither is known."""
    missing = [c for c in communes if not c.population]
    residents = residents_by_commune(missing) if missing else {}
    out = {}
    for commune in communes:
        if commune.population:
            out[commune.pk] = (commune.population, PopulationSource.UNIT)
        else:
            out[commune.pk] = (residents.get(commune.pk, 0), PopulationSource.RESIDENTS)
    return out


def coverage_by_commune(*, on: dt.date, commune_ids: list[int], min_age: int | None = None) -> dict:
    """The vaccination app's coverage (`{unit_id: Coverage(...)}`) of residents aged `min_age` and over (the
    vaccination age when None)."""
    from dualgoal.vaccination.selectors import coverage_by_commune as vaccination_coverage

    return vaccination_coverage(on=on, commune_ids=commune_ids, min_age=min_age)


# --- rules ---------------------------------------------------------------------------------------------------


class NoLevelRule(LookupError):
    """No version of `epidemic_level.thresholds` is in force in the week."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class LevelRules:
    day: dt.date
    thresholds_rule: RuleValue
    thresholds: compute.Thresholds
    adjustment_rule: RuleValue | None
    adjustment: compute.Adjustment | None

    @property
    def used(self) -> list[dict]:
        return [
            {
                "key": r.key,
                "valid_from": r.valid_from.isoformat(),
                "valid_to": r.valid_to.isoformat() if r.valid_to else None,
                "source": r.source,
                "confidence": r.confidence,
            }
            for r in (self.thresholds_rule, self.adjustment_rule)
            if r is not None
        ]

    @property
    def source(self) -> str:
        return "; ".join(dict.fromkeys(r["source"] for r in self.used))[:600]


def no_rule_message(week_start: dt.date) -> str:
    end = week_end(week_start)
    text = _("No rule determining the epidemic level is in force in this week (%(start)s–%(end)s).") % {
        "start": f"{week_start:%d/%m/%Y}",
        "end": f"{end:%d/%m/%Y}",
    }
    later = next_version(THRESHOLDS, after=end)
    if later is not None:
        text += " " + _("%(source)s applies from %(day)s.") % {
            "source": later.source,
            "day": f"{later.valid_from:%d/%m/%Y}",
        }
    return text


def level_rules(week_start: dt.date) -> LevelRules:
    """The rules in force on the week's assessment day. Raises NoLevelRule (with its message) when none is."""
    day = assessment_day(week_start)
    found = optional_rule(THRESHOLDS, on=day)
    if found is None:
        raise NoLevelRule(no_rule_message(week_start))
    adjustment_rule = optional_rule(ADJUSTMENT, on=day)
    return LevelRules(
        day=day,
        thresholds_rule=found,
        thresholds=compute.Thresholds.from_value(found.value),
        adjustment_rule=adjustment_rule,
        adjustment=compute.Adjustment.from_value(adjustment_rule.value) if adjustment_rule else None,
    )


def confidence_label(code: str) -> str:
    """The rule table's confidence codes in words ("demo" marks a demo assumption, never a rule in force)."""
    labels = {
        "verified": _("verified against the official text"),
        "press": _("from press reports"),
        "unverified": _("not verified"),
        "demo": _("demo assumption, not a rule in force"),
    }
    return labels.get(code, code)


# --- screens -------------------------------------------------------------------------------------------------


@dataclass
class Tile:
    commune: object
    level: object  # CommuneLevel or None

    @property
    def colours(self) -> tuple[str, str]:
        return self.level.colours if self.level else NO_LEVEL_COLOUR


def grid(user, week_start: dt.date) -> list[Tile]:
    """One tile per commune of the user's district(s) for the week, with its stored level (or none)."""
    from .models import CommuneLevel

    levels = {
        row.commune_id: row
        for row in CommuneLevel.objects.visible_to(user).filter(week_start=week_start).select_related("commune")
    }
    district = the_district()
    if district is None:
        return [Tile(row.commune, row) for row in levels.values()]
    return [Tile(c, levels.get(c.pk)) for c in communes_in_week(district, week_start)]


def legend(week_start: dt.date) -> list[dict]:
    """The rule's levels with their colours and labels (empty when no rule is in force)."""
    try:
        rules = level_rules(week_start)
    except NoLevelRule:
        return []
    return [
        {"level": info.level, "label": info.label, "colours": COLOURS.get(info.color, NO_LEVEL_COLOUR)}
        for info in rules.thresholds.levels
    ]


def known_weeks(user) -> list[dt.date]:
    from .models import CommuneLevel

    return list(
        CommuneLevel.objects.visible_to(user)
        .order_by("-week_start")
        .values_list("week_start", flat=True)
        .distinct()[:60]
    )


def commune_history(user, commune) -> list:
    from .models import CommuneLevel

    return list(CommuneLevel.objects.visible_to(user).filter(commune=commune).order_by("week_start"))


def history_chart(rows, *, width: int = 640, height: int = 180) -> dict:
    """Points of a simple inline-SVG chart: bars of cases per 100,000, coloured by level."""
    if not rows:
        return {}
    pad_left, pad_bottom, pad_top = 48, 28, 12
    top = max(float(r.cases_per_100k) for r in rows) or 1.0
    inner_w, inner_h = width - pad_left - 8, height - pad_bottom - pad_top
    step = inner_w / len(rows)
    bars = []
    for i, row in enumerate(rows):
        h = inner_h * float(row.cases_per_100k) / top
        bars.append(
            {
                "x": round(pad_left + i * step + step * 0.15, 1),
                "y": round(pad_top + inner_h - h, 1),
                "w": round(step * 0.7, 1),
                "h": round(h, 1),
                "fill": row.colours[0],
                "label": f"{row.week_start:%d/%m}",
                "lx": round(pad_left + i * step + step / 2, 1),
                "row": row,
            }
        )
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "top": top,
        "axis_y": pad_top + inner_h,
        "pad_left": pad_left,
        "label_y": height - 8,
        "top_y": pad_top + 4,
    }


# --- venues --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Capacity:
    percent: float | None
    persons: int | None
    level: object  # CommuneLevel or None
    reasons: tuple[str, ...]


def current_level(commune, on: dt.date):
    """The latest level computed for the commune for a week starting on or before `on`."""
    from .models import CommuneLevel

    return CommuneLevel.objects.filter(commune=commune, week_start__lte=on).order_by("-week_start").first()


def venue_capacity(venue, *, on: dt.date, level=...) -> Capacity:
    """What share of its normal capacity the venue may use on `on`: the plan's ceiling and the level's cap."""
    if level is ...:
        level = current_level(venue.commune, on)
    reasons: list[str] = []
    if venue.opens_on and on < venue.opens_on:
        return Capacity(0, 0, level, (_("Not operating before %(day)s.") % {"day": f"{venue.opens_on:%d/%m/%Y}"},))
    ceiling = optional_rule(VENUE_CEILING, on=on)
    caps_rule = optional_rule(VENUE_CAPS, on=on)
    caps = caps_by_level(caps_rule.value) if caps_rule else {}
    if ceiling is not None:
        reasons.append(
            _("Ceiling %(percent)s%% of capacity %(cite)s.")
            % {"percent": _n_int(ceiling.value), "cite": ceiling.cite()}
        )
    level_no = level.level if level else None
    if level_no is not None and level_no in caps:
        reasons.append(
            _("Level %(level)s (week of %(week)s): at most %(percent)s%% %(cite)s.")
            % {
                "level": level_no,
                "week": f"{level.week_start:%d/%m/%Y}",
                "percent": _n_int(caps[level_no]),
                "cite": caps_rule.cite(),
            }
        )
    elif level is None:
        reasons.append(_("No epidemic level computed for the commune yet."))
    percent = compute.allowed_capacity_percent(
        level=level_no, ceiling_percent=float(ceiling.value) if ceiling else None, caps_by_level=caps
    )
    if percent is None:
        reasons.append(_("No rule limits the capacity."))
    return Capacity(percent, compute.allowed_persons(venue.normal_capacity, percent), level, tuple(reasons))


def _n_int(value: float) -> str:
    return str(int(value)) if float(value) == int(value) else str(value)
