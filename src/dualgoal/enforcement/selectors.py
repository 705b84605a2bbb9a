"""Reads of violations: totals for the staff, and the public list as the publication rule allows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from .choices import DECIDED_STATUSES, OffenderKind, ViolationStatus
from .models import Violation
from .rulebook import PUBLICATION, en_rule
from .services import vnd

# Whatever the rule says, these never reach the public page (no getter exists for them).
NEVER_PUBLISHED = frozenset({"id_number", "phone", "address", "health", "description", "place"})


def totals(queryset) -> dict:
    """Count, fines decided and fines collected, by act and by commune (cancelled ones excluded)."""
    live = queryset.exclude(status=ViolationStatus.CANCELLED)
    decided = Q(status__in=DECIDED_STATUSES)
    aggregates = {
        "count": Count("pk"),
        "decided": Count("pk", filter=decided),
        "fines_decided": Sum("fine_amount", filter=decided),
        "fines_paid": Sum("fine_amount", filter=Q(status=ViolationStatus.PAID)),
    }
    by_act = list(live.values("act_code", "act_label").annotate(**aggregates).order_by("-count", "act_label"))
    by_commune = list(live.values("commune__name").annotate(**aggregates).order_by("commune__name"))
    overall = live.aggregate(**aggregates)
    for row in [*by_act, *by_commune, overall]:
        row["fines_decided"] = row["fines_decided"] or 0
        row["fines_paid"] = row["fines_paid"] or 0
    # acts of the "other" kind keep their own wording: group them under one line
    merged: dict[str, dict] = {}
    for row in by_act:
        key = row["act_code"]
        if key in merged:
            for name in ("count", "decided", "fines_decided", "fines_paid"):
                merged[key][name] += row[name]
        else:
            merged[key] = {**row, "act_label": row["act_label"] if key != "other" else _("Other acts")}
    return {"by_act": list(merged.values()), "by_commune": by_commune, "overall": overall}


# ------------------------------------------------------------------------------------------------ public list


def _village(v: Violation) -> str:
    unit = v.person.residence_unit if v.person_id else None
    return unit.name if unit is not None and unit.level == 4 else ""


GETTERS = {
    OffenderKind.PERSON: {
        "full_name": lambda v: v.person.full_name,
        "birth_year": lambda v: v.person.birth_year or "",
        "village": _village,
    },
    OffenderKind.ENTERPRISE: {
        "name": lambda v: v.enterprise.name,
        "tax_code": lambda v: v.enterprise.tax_code,
    },
}
COMMON = {
    "commune": lambda v: v.commune.name,
    "act": lambda v: v.act_label,
    "act_date": lambda v: f"{v.act_date:%d/%m/%Y}",
    "decision_number": lambda v: v.decision_number,
    "decision_date": lambda v: f"{v.decision_date:%d/%m/%Y}" if v.decision_date else "",
    "authority": lambda v: v.authority,
    "fine": lambda v: vnd(v.fine_amount) if v.fine_amount else "",
    "other_measures": lambda v: v.other_measures,
}
# Public columns, in order: (column, label, field key per kind)
COLUMNS = (
    ("offender", _l("Offender"), {"person": "full_name", "enterprise": "name"}),
    ("birth_year", _l("Year of birth"), {"person": "birth_year"}),
    ("tax_code", _l("Tax code"), {"enterprise": "tax_code"}),
    ("village", _l("Village"), {"person": "village"}),
    ("commune", _l("Commune"), {"person": "commune", "enterprise": "commune"}),
    ("act", _l("Act"), {"person": "act", "enterprise": "act"}),
    ("act_date", _l("Date of the act"), {"person": "act_date", "enterprise": "act_date"}),
    ("decision_number", _l("Decision number"), {"person": "decision_number", "enterprise": "decision_number"}),
    ("decision_date", _l("Decision date"), {"person": "decision_date", "enterprise": "decision_date"}),
    ("authority", _l("Sanctioning authority"), {"person": "authority", "enterprise": "authority"}),
    ("fine", _l("Fine"), {"person": "fine", "enterprise": "fine"}),
    ("other_measures", _l("Other measures"), {"person": "other_measures", "enterprise": "other_measures"}),
)


@dataclass
class Publication:
    rule: object
    allowed: dict[str, frozenset[str]]
    statuses: tuple[str, ...]
    since: dt.date
    day: dt.date
    columns: list[tuple[str, str]]

    def row(self, v: Violation) -> list[str]:
        kind = v.offender_kind
        allowed = self.allowed[kind]
        cells = []
        for column, _label, keys in COLUMNS:
            if column not in {c for c, _l in self.columns}:
                continue
            key = keys.get(kind)
            if key is None or key not in allowed or key in NEVER_PUBLISHED:
                cells.append("")
                continue
            getter = GETTERS[kind].get(key) or COMMON.get(key)
            cells.append(str(getter(v)) if getter else "")
        return cells


def publication(day: dt.date) -> Publication | None:
    """The publication rule in force on `day`, or None (then nothing is published)."""
    from dualgoal.core.rulebook import RuleNotFound

    try:
        found = en_rule(PUBLICATION, on=day)
    except RuleNotFound:
        return None
    value = found.value
    allowed = {
        OffenderKind.PERSON: frozenset(value.get("person_fields", [])) - NEVER_PUBLISHED,
        OffenderKind.ENTERPRISE: frozenset(value.get("enterprise_fields", [])) - NEVER_PUBLISHED,
    }
    columns = [
        (column, str(label))
        for column, label, keys in COLUMNS
        if any(keys.get(kind) in allowed[kind] for kind in allowed)
    ]
    since = day - dt.timedelta(days=int(value.get("retention_days", 0)))
    statuses = tuple(s for s in value.get("statuses", []) if s in DECIDED_STATUSES)
    return Publication(found, allowed, statuses, since, day, columns)


def published(pub: Publication, *, commune=None, month: dt.date | None = None):
    """Decided, not cancelled sanctions whose decision falls in the publication window (newest first)."""
    qs = (
        Violation.objects.filter(status__in=pub.statuses, decision_date__gte=pub.since, decision_date__lte=pub.day)
        .select_related("person__residence_unit", "enterprise", "commune")
        .order_by("-decision_date", "-pk")
    )
    if commune is not None:
        qs = qs.filter(commune=commune)
    if month is not None:
        qs = qs.filter(decision_date__year=month.year, decision_date__month=month.month)
    return qs
