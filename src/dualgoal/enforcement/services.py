"""Writes of violations: keyword-only, atomic, each refusal names the field (and the rule with its source)."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dualgoal.core.clock import today
from dualgoal.geography.choices import Level

from .choices import OffenderKind, ViolationStatus
from .models import Violation
from .rulebook import ACTS, act_for, required_rule

DECISION_NUMBER = re.compile(r"^\d{1,6}/[0-9A-ZĐ][0-9A-ZĐa-zđ.\-]*(/[0-9A-ZĐ][0-9A-ZĐa-zđ.\-]*)?$")


def commune_of(unit):
    """The commune a unit belongs to (a village's parent), or None above the commune level."""
    if unit is None:
        return None
    if unit.level == Level.VILLAGE:
        return unit.parent
    if unit.level == Level.COMMUNE:
        return unit
    return None


def vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đ"


def _not_future(day: dt.date | None, field: str, errors: dict) -> None:
    if day is not None and day > today():
        errors[field] = _("The date %(day)s is in the future.") % {"day": f"{day:%d/%m/%Y}"}


@transaction.atomic
def violation_record(
    *,
    act_code: str,
    act_date: dt.date,
    place: str,
    person=None,
    enterprise=None,
    commune=None,
    other_act: str = "",
    other_legal_basis: str = "",
    description: str = "",
    record_number: str = "",
    violation_note=None,
    recorded_by=None,
    is_demo: bool = False,
) -> Violation:
    """Record an act (status "recorded"). The offender is a person or an enterprise, never both."""
    errors: dict[str, str] = {}
    if (person is None) == (enterprise is None):
        errors["person"] = _("Give exactly one offender: a person or an enterprise, not both and not neither.")
        raise ValidationError(errors)
    if not (place or "").strip():
        errors["place"] = _("Enter the place of the act.")
    _not_future(act_date, "act_date", errors)
    act = act_for(act_code, on=act_date)
    kind = OffenderKind.PERSON if person is not None else OffenderKind.ENTERPRISE
    if kind not in act.offenders:
        errors["act_code"] = _("The act “%(act)s” does not apply to %(kind)s (%(article)s, %(cite)s).") % {
            "act": act.label,
            "kind": OffenderKind(kind).label,
            "article": act.article,
            "cite": act.rule.cite(),
        }
    label, basis = act.label, f"{act.article} ({act.rule.source})" if act.article else act.rule.source
    if act.is_other:
        if not other_act.strip():
            errors["other_act"] = _("Describe the act (the “other act” needs its own wording).")
        if not other_legal_basis.strip():
            errors["other_legal_basis"] = _("Give the legal basis of the other act (article, clause, decree).")
        label, basis = other_act.strip(), other_legal_basis.strip()
    derived = commune_of(person.residence_unit) if person is not None else enterprise.commune
    commune = derived or commune
    if commune is None:
        errors["commune"] = _(
            "The offender does not live in a commune of the registry: choose the commune where the act happened."
        )
    elif commune.level != Level.COMMUNE:
        errors["commune"] = _("Choose a commune.")
    if violation_note is not None and (person is None or violation_note.person_id != person.pk):
        errors["violation_note"] = _("The quarantine breach note is about another person.")
    if errors:
        raise ValidationError(errors)
    return Violation.objects.create(
        offender_kind=kind,
        person=person,
        enterprise=enterprise,
        act_code=act.code,
        act_label=label[:400],
        legal_basis=basis[:600],
        act_date=act_date,
        place=place.strip(),
        commune=commune,
        description=description,
        record_number=record_number.strip(),
        violation_note=violation_note,
        recorded_by=recorded_by,
        is_demo=is_demo,
    )


@transaction.atomic
def violation_update(
    *, violation: Violation, place: str, act_date: dt.date, description: str = "", record_number: str = ""
) -> Violation:
    """Correct the record while no decision exists (afterwards the decision is the legal text)."""
    violation = Violation.objects.select_for_update().get(pk=violation.pk)
    if violation.status != ViolationStatus.RECORDED:
        raise ValidationError(
            _("Only a violation awaiting its decision can be edited; this one is %(status)s.")
            % {"status": violation.get_status_display()}
        )
    errors: dict[str, str] = {}
    if not (place or "").strip():
        errors["place"] = _("Enter the place of the act.")
    _not_future(act_date, "act_date", errors)
    if errors:
        raise ValidationError(errors)
    if act_date != violation.act_date:
        act_for(violation.act_code, on=act_date, field="act_date")
    violation.place, violation.act_date = place.strip(), act_date
    violation.description, violation.record_number = description, record_number.strip()
    violation.save()
    return violation


def fine_range_check(violation: Violation, amount: int | None, *, field: str = "fine_amount") -> str:
    """The fine must lie in the act's range at the act's date; returns the range text applied."""
    act = act_for(violation.act_code, on=violation.act_date, field=field)
    if amount is None or amount <= 0:
        raise ValidationError({field: _("Enter the fine in VND (a whole number above zero).")})
    bounds = act.fine_range(violation.offender_kind)
    if bounds is None:
        return violation.legal_basis
    low, high = bounds
    multiplier = ""
    if violation.offender_kind == OffenderKind.ENTERPRISE and low != act.fine_min:
        multiplier = " " + _("(organisation: %(n)s× the individual's range)") % {
            "n": act.rule.value.get("organisation_multiplier", 1)
        }
    applied = _("%(low)s – %(high)s%(multiplier)s, %(article)s") % {
        "low": vnd(low),
        "high": vnd(high),
        "multiplier": multiplier,
        "article": act.article,
    }
    if not low <= amount <= high:
        raise ValidationError(
            {
                field: _("The fine %(amount)s is outside the range %(range)s for “%(act)s” on %(day)s, %(cite)s.")
                % {
                    "amount": vnd(amount),
                    "range": applied,
                    "act": act.label,
                    "day": f"{violation.act_date:%d/%m/%Y}",
                    "cite": act.rule.cite(),
                }
            }
        )
    return applied


@transaction.atomic
def violation_decide(
    *,
    violation: Violation,
    decision_number: str,
    decision_date: dt.date,
    authority: str,
    signer: str,
    fine_amount: int | None,
    other_measures: str = "",
) -> Violation:
    """Record the sanctioning decision (quyết định xử phạt); the fine is checked against the act's range."""
    violation = Violation.objects.select_for_update().get(pk=violation.pk)
    if violation.status != ViolationStatus.RECORDED:
        raise ValidationError(
            _("A decision can only be recorded for a violation awaiting its decision; this one is %(status)s.")
            % {"status": violation.get_status_display()}
        )
    errors: dict[str, str] = {}
    number = (decision_number or "").strip()
    if not DECISION_NUMBER.match(number):
        errors["decision_number"] = _("Write the decision number as on the decision, e.g. “123/QĐ-XPVPHC”.")
    elif (
        Violation.objects.filter(decision_number=number, decision_date__year=decision_date.year)
        .exclude(pk=violation.pk)
        .exclude(status=ViolationStatus.CANCELLED)
        .exists()
    ):
        errors["decision_number"] = _("Decision %(number)s of %(year)s is already recorded for another violation.") % {
            "number": number,
            "year": decision_date.year,
        }
    if decision_date < violation.act_date:
        errors["decision_date"] = _("The decision cannot precede the act (%(day)s).") % {
            "day": f"{violation.act_date:%d/%m/%Y}"
        }
    _not_future(decision_date, "decision_date", errors)
    if not (authority or "").strip():
        errors["authority"] = _("Enter the authority that decided (e.g. Chairman of the commune People's Committee).")
    if not (signer or "").strip():
        errors["signer"] = _("Enter who signed the decision.")
    try:
        applied = fine_range_check(violation, fine_amount)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    violation.decision_number = number
    violation.decision_date = decision_date
    violation.authority = authority.strip()
    violation.signer = signer.strip()
    violation.fine_amount = fine_amount
    violation.fine_rule = applied[:600]
    violation.other_measures = other_measures.strip()
    violation.status = ViolationStatus.DECIDED
    violation.save()
    return violation


@transaction.atomic
def violation_mark_paid(*, violation: Violation, paid_on: dt.date, receipt_number: str = "") -> Violation:
    violation = Violation.objects.select_for_update().get(pk=violation.pk)
    if violation.status not in (ViolationStatus.DECIDED, ViolationStatus.APPEALED):
        raise ValidationError(
            _("Only a decided fine can be marked paid; this violation is %(status)s.")
            % {"status": violation.get_status_display()}
        )
    errors: dict[str, str] = {}
    if paid_on < violation.decision_date:
        errors["paid_on"] = _("Payment cannot precede the decision (%(day)s).") % {
            "day": f"{violation.decision_date:%d/%m/%Y}"
        }
    _not_future(paid_on, "paid_on", errors)
    if errors:
        raise ValidationError(errors)
    violation.status = ViolationStatus.PAID
    violation.paid_on = paid_on
    violation.receipt_number = receipt_number.strip()
    violation.save()
    return violation


@transaction.atomic
def violation_appeal(*, violation: Violation, note: str) -> Violation:
    """The offender complains against the decision (khiếu nại): the decision stays, marked under complaint."""
    violation = Violation.objects.select_for_update().get(pk=violation.pk)
    if violation.status != ViolationStatus.DECIDED:
        raise ValidationError(
            _("Only a decided, unpaid sanction can be put under complaint; this one is %(status)s.")
            % {"status": violation.get_status_display()}
        )
    if not (note or "").strip():
        raise ValidationError({"note": _("Summarise the complaint (who, when, what is contested).")})
    violation.status = ViolationStatus.APPEALED
    violation.appeal_note = note.strip()
    violation.save()
    return violation


@transaction.atomic
def violation_cancel(*, violation: Violation, reason: str) -> Violation:
    """Cancel a record or a decision (wrong person, decision annulled…) with the reason; it leaves the public list."""
    violation = Violation.objects.select_for_update().get(pk=violation.pk)
    if violation.status in (ViolationStatus.CANCELLED, ViolationStatus.PAID):
        raise ValidationError(
            _("A violation that is %(status)s cannot be cancelled.") % {"status": violation.get_status_display()}
        )
    if len((reason or "").strip()) < 5:
        raise ValidationError({"reason": _("Give the reason for the cancellation.")})
    violation.status = ViolationStatus.CANCELLED
    violation.cancel_reason = reason.strip()
    violation.save()
    return violation


__all__ = [
    "ACTS",
    "commune_of",
    "required_rule",
    "violation_appeal",
    "violation_cancel",
    "violation_decide",
    "violation_mark_paid",
    "violation_record",
    "violation_update",
]
