"""Writes of the economic-recovery module: enterprises, conditions, inspections, decisions, leases, permits.

Where the two goals meet (`worker_exposed`): a worker who becomes F0/F1 loses their permit at once, their
enterprise, boarding house and shuttle co-riders are flagged, and their workplace/boarding-house/shuttle contacts
go into tracing. Every automatic action is recorded with its cause.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dualgoal.core.clock import today
from dualgoal.core.rulebook import RuleNotFound, rule

from .choices import ConditionKind, ConditionStatus, DecisionKind, EnterpriseStatus, InspectionDecision, PermitStatus
from .models import (
    AutomaticAction,
    BoardingHouse,
    Condition,
    Decision,
    Employment,
    Enterprise,
    Inspection,
    Lease,
    Permit,
    PermitScan,
)

TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
PERMIT_SALT = "dualgoal.permit"


def normalise_tax_code(raw: str) -> str:
    """10 digits, or 13 for a branch ("0101234567-001" or "0101234567001")."""
    digits = re.sub(r"[\s.]", "", raw or "")
    if re.fullmatch(r"\d{13}", digits):
        digits = f"{digits[:10]}-{digits[10:]}"
    if not TAX_CODE.match(digits):
        raise ValidationError(
            {
                "tax_code": _("A tax code has 10 digits, or 13 for a branch (0101234567-001); “%(value)s” does not.")
                % {"value": raw}
            }
        )
    return digits


@transaction.atomic
def enterprise_register(
    *,
    tax_code: str,
    name: str,
    commune,
    park=None,
    address: str = "",
    sector: str = "",
    workforce: int = 0,
    status: str = EnterpriseStatus.SUSPENDED,
    is_demo: bool = False,
) -> Enterprise:
    """Register an enterprise with its organisation (for its portal users) and its empty reopening checklist."""
    from dualgoal.organisations.models import Organisation

    code = normalise_tax_code(tax_code)
    if Enterprise.objects.filter(tax_code=code).exists():
        raise ValidationError({"tax_code": _("An enterprise with tax code %(code)s already exists.") % {"code": code}})
    if not name.strip():
        raise ValidationError({"name": _("Enter the enterprise's name.")})
    organisation = Organisation.objects.create(
        code=f"dn-{code}", name=name.strip(), kind="enterprise", admin_unit=commune
    )
    enterprise = Enterprise.objects.create(
        tax_code=code,
        name=name.strip(),
        organisation=organisation,
        park=park,
        commune=commune,
        address=address,
        sector=sector,
        workforce=workforce,
        status=status,
        is_demo=is_demo,
    )
    Condition.objects.bulk_create([Condition(enterprise=enterprise, kind=kind) for kind in ConditionKind.values])
    return enterprise


@transaction.atomic
def condition_submit(*, condition: Condition, document=None, note: str = "") -> Condition:
    if not document and not condition.document:
        raise ValidationError({"document": _("Attach the document for this condition.")})
    if document:
        condition.document = document
    condition.note = note
    condition.status = ConditionStatus.SUBMITTED
    condition.save()
    return condition


@transaction.atomic
def inspection_record(
    *,
    enterprise: Enterprise,
    team: str,
    date: dt.date,
    findings: dict[str, str],
    decision: str,
    fix_by: dt.date | None = None,
    decision_number: str = "",
) -> Inspection:
    """An inspection; a "suspend" decision suspends the enterprise (and revokes its permits)."""
    errors: dict[str, str] = {}
    if not team.strip():
        errors["team"] = _("Enter the inspection team.")
    if date > today():
        errors["date"] = _("The inspection date is in the future.")
    if decision == InspectionDecision.FIX and (fix_by is None or fix_by < date):
        errors["fix_by"] = _("Give the date by which the findings must be fixed (after the inspection).")
    unknown = set(findings) - set(ConditionKind.values)
    if unknown:
        errors["findings"] = _("Unknown checklist items: %(items)s") % {"items": ", ".join(sorted(unknown))}
    if errors:
        raise ValidationError(errors)
    inspection = Inspection.objects.create(
        enterprise=enterprise, team=team, date=date, findings=findings, decision=decision, fix_by=fix_by
    )
    if decision == InspectionDecision.SUSPEND:
        decision_record(
            enterprise=enterprise,
            kind=DecisionKind.SUSPENSION,
            date=date,
            number=decision_number,
            reason=_("Inspection of %(day)s: conditions not met") % {"day": f"{date:%d/%m/%Y}"},
        )
    return inspection


@transaction.atomic
def decision_record(
    *, enterprise: Enterprise, kind: str, date: dt.date, number: str = "", reason: str = "", automatic: bool = False
) -> Decision:
    """A suspension/reopening/closure; the status follows and, when suspended or closed, every permit is revoked."""
    if kind == DecisionKind.REOPENING:
        missing = enterprise.conditions.exclude(status=ConditionStatus.APPROVED)
        if missing.exists():
            names = ", ".join(str(c.get_kind_display()) for c in missing)
            raise ValidationError({"kind": _("Cannot reopen: conditions not approved: %(names)s.") % {"names": names}})
    decision = Decision.objects.create(
        enterprise=enterprise, kind=kind, date=date, number=number, reason=reason, automatic=automatic
    )
    enterprise.status = {
        DecisionKind.SUSPENSION: EnterpriseStatus.SUSPENDED,
        DecisionKind.REOPENING: EnterpriseStatus.REOPENED,
        DecisionKind.CLOSURE: EnterpriseStatus.CLOSED,
    }[kind]
    enterprise.save(update_fields=["status", "updated_at"])
    if kind in {DecisionKind.SUSPENSION, DecisionKind.CLOSURE}:
        cause = _("%(kind)s of %(name)s (%(day)s)") % {
            "kind": decision.get_kind_display(),
            "name": enterprise.name,
            "day": f"{date:%d/%m/%Y}",
        }
        for permit in Permit.objects.filter(employment__enterprise=enterprise, status=PermitStatus.VALID):
            permit_revoke(permit=permit, reason=cause)
    return decision


def _lease_rule(on: dt.date) -> tuple[bool, str]:
    try:
        found = rule("boarding_house.one_enterprise_all_rooms", on=on)
    except RuleNotFound:
        return False, ""
    return bool(found.value), found.cite()


@transaction.atomic
def lease_record(
    *, boarding_house: BoardingHouse, enterprise: Enterprise, rooms: int, start: dt.date, end: dt.date | None = None
) -> Lease:
    """Lease a boarding house to an enterprise under the rule in force: one house, one enterprise, every room."""
    BoardingHouse.objects.select_for_update().filter(pk=boarding_house.pk).first()
    enforced, citation = _lease_rule(start)
    if end is not None and end < start:
        raise ValidationError({"end": _("The lease ends before it starts.")})
    if enforced:
        if rooms != boarding_house.rooms:
            raise ValidationError(
                {
                    "rooms": _(
                        "One boarding house is leased by one enterprise, which must lease all its rooms "
                        "(%(rooms)s rooms, not %(asked)s) — %(rule)s."
                    )
                    % {"rooms": boarding_house.rooms, "asked": rooms, "rule": citation}
                }
            )
        overlapping = boarding_house.leases.exclude(enterprise=enterprise).filter(start__lte=end or dt.date.max)
        overlapping = [lease for lease in overlapping if lease.end is None or lease.end >= start]
        if overlapping:
            raise ValidationError(
                {
                    "enterprise": _(
                        "%(house)s is already leased to %(other)s: one boarding house may be contracted by "
                        "one enterprise only — %(rule)s."
                    )
                    % {"house": boarding_house.name, "other": overlapping[0].enterprise, "rule": citation}
                }
            )
    return Lease.objects.create(boarding_house=boarding_house, enterprise=enterprise, rooms=rooms, start=start, end=end)


# --- permits -----------------------------------------------------------------------------------------------


def permit_refusals(employment: Employment, *, on: dt.date) -> list[str]:
    """Why this worker cannot have a permit (empty if they can): confirmed, committed, not under quarantine."""
    from dualgoal.epidemic.models import Case, QuarantineStart

    reasons = []
    if employment.enterprise.status not in {EnterpriseStatus.OPERATING, EnterpriseStatus.REOPENED}:
        reasons.append(
            _("The enterprise is not allowed to operate (status: %(status)s).")
            % {"status": employment.enterprise.get_status_display()}
        )
    if employment.confirmation_id is None:
        reasons.append(_("The worker is not on a list confirmed by the Labour department."))
    if employment.commitment_signed_on is None:
        reasons.append(_("The worker has not signed the “2 điểm, 1 đường” commitment."))
    person = employment.person
    if Case.objects.filter(person=person, outcome="treating").exists():
        reasons.append(_("The worker is a confirmed case (F0) under treatment."))
    quarantine = QuarantineStart.objects.filter(person=person, start_date__lte=on).order_by("-start_date").first()
    if quarantine and quarantine.start_date >= on - dt.timedelta(days=_quarantine_days(on)):
        reasons.append(
            _("The worker is under quarantine since %(day)s.") % {"day": f"{quarantine.start_date:%d/%m/%Y}"}
        )
    trace = getattr(person, "trace", None)
    if trace is not None and trace.level == 1:
        reasons.append(_("The worker is an F1 contact (exposed on %(day)s).") % {"day": f"{trace.exposed_on:%d/%m/%Y}"})
    return reasons


def _quarantine_days(on: dt.date) -> int:
    try:
        return int(rule("quarantine.f1.facility_days", on=on).value) or 14
    except (RuleNotFound, TypeError, ValueError):
        return 14


@transaction.atomic
def permit_issue(
    *, employment: Employment, residence: str, workplace: str, valid_from: dt.date, valid_to: dt.date, route: str = ""
) -> Permit:
    reasons = permit_refusals(employment, on=valid_from)
    if valid_to < valid_from:
        reasons.append(_("The permit ends before it starts."))
    if not residence.strip() or not workplace.strip():
        reasons.append(_("Give both points: the residence and the workplace."))
    if reasons:
        raise ValidationError(reasons)
    return Permit.objects.create(
        employment=employment,
        residence=residence,
        workplace=workplace,
        route=route,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def permit_token(permit: Permit) -> str:
    """The QR payload: a signed token of the permit id only — no personal data in the code."""
    return signing.dumps(permit.pk, salt=PERMIT_SALT, compress=True)


@transaction.atomic
def permit_revoke(*, permit: Permit, reason: str) -> Permit:
    if permit.status == PermitStatus.REVOKED:
        return permit
    permit.status = PermitStatus.REVOKED
    permit.revoked_on = timezone.now()
    permit.revoke_reason = reason[:255]
    permit.save(update_fields=["status", "revoked_on", "revoke_reason", "updated_at"])
    AutomaticAction.objects.create(
        action="permit_revoked", target=str(permit), cause=reason[:255], enterprise=permit.employment.enterprise
    )
    return permit


@transaction.atomic
def permit_scan(*, token: str, checkpoint: str, officer) -> tuple[PermitScan, Permit | None]:
    """Check a scanned token at a checkpoint; every scan is logged with its answer."""
    try:
        permit_id = signing.loads(token, salt=PERMIT_SALT)
        permit = Permit.objects.select_related("employment__person", "employment__enterprise").get(pk=permit_id)
    except (signing.BadSignature, Permit.DoesNotExist, TypeError, ValueError):
        scan = PermitScan.objects.create(
            checkpoint=checkpoint,
            officer=officer,
            result="unknown",
            reason=_("The code is not a permit issued by this system."),
        )
        return scan, None
    day = today()
    if permit.status == PermitStatus.REVOKED:
        result, reason = "revoked", permit.revoke_reason
    elif day > permit.valid_to:
        result, reason = "expired", _("Expired on %(day)s.") % {"day": f"{permit.valid_to:%d/%m/%Y}"}
    elif day < permit.valid_from:
        result, reason = "not_yet", _("Valid from %(day)s.") % {"day": f"{permit.valid_from:%d/%m/%Y}"}
    else:
        result, reason = "valid", ""
    scan = PermitScan.objects.create(
        permit=permit, checkpoint=checkpoint, officer=officer, result=result, reason=reason[:255]
    )
    return scan, permit


# --- where the two goals meet --------------------------------------------------------------------------------


@transaction.atomic
def worker_exposed(*, person, level: int, cause: str) -> int:
    """A worker became F0 (level 0) or F1 (level 1): revoke, flag, and put their workplace contacts into tracing.

    Returns the number of automatic actions taken. Idempotent: a revoked permit or a set flag is left as is.
    """
    from .models import Trip

    actions = 0
    employments = Employment.objects.filter(person=person, active=True).select_related("enterprise")
    for permit in Permit.objects.filter(employment__in=employments, status=PermitStatus.VALID):
        permit_revoke(permit=permit, reason=cause)
        actions += 1
    for employment in employments:
        enterprise = employment.enterprise
        if not enterprise.flagged:
            enterprise.flagged = True
            enterprise.save(update_fields=["flagged", "updated_at"])
            AutomaticAction.objects.create(
                action="enterprise_flagged", target=enterprise.name, cause=cause[:255], enterprise=enterprise
            )
            actions += 1
        for lease in enterprise.leases.select_related("boarding_house"):
            house = lease.boarding_house
            if not house.flagged:
                house.flagged = True
                house.save(update_fields=["flagged", "updated_at"])
                AutomaticAction.objects.create(
                    action="boarding_house_flagged", target=str(house), cause=cause[:255], enterprise=enterprise
                )
                actions += 1
    if level == 0:
        actions += _trips_into_tracing(person, Trip, cause)
    return actions


def _trips_into_tracing(person, trip_model, cause: str) -> int:
    """Shuttle co-riders of an F0 are contacts: one contact per co-rider and trip (the engine levels them)."""
    from dualgoal.epidemic.services import contact_record

    count = 0
    for trip in trip_model.objects.filter(riders=person).prefetch_related("riders").select_related("shuttle"):
        for rider in trip.riders.all():
            if rider.pk == person.pk or trip.date > today():
                continue
            contact_record(
                person_a=person,
                person_b=rider,
                date=trip.date,
                setting="shuttle",
                note=f"{trip.shuttle.plate} {trip.date:%d/%m/%Y}",
            )
            AutomaticAction.objects.create(
                action="co_rider_traced", target=str(rider), cause=cause[:255], enterprise=trip.shuttle.enterprise
            )
            count += 1
    return count


# --- writes the portal and staff forms make (forms validate input, these own the writes) -------------------


@transaction.atomic
def condition_review(*, condition: Condition, decision: str, note: str = "") -> Condition:
    if condition.status == ConditionStatus.MISSING:
        raise ValidationError(_("This condition has not been submitted yet."))
    if decision == ConditionStatus.REJECTED and not note.strip():
        raise ValidationError(_("Say why the condition is rejected."))
    condition.status = decision
    if note.strip():
        condition.note = note.strip()
    condition.save()
    return condition


@transaction.atomic
def labour_confirmation_record(*, enterprise: Enterprise, number: str, date: dt.date, confirmed_by, employments):
    from .models import LabourConfirmation

    confirmation = LabourConfirmation.objects.create(
        enterprise=enterprise, number=number.strip(), date=date, confirmed_by=confirmed_by
    )
    for employment in employments:
        employment.confirmation = confirmation
        employment.save(update_fields=["confirmation", "updated_at"])
    return confirmation


@transaction.atomic
def commitment_record(*, employment: Employment, signed_on: dt.date, scan=None) -> Employment:
    if signed_on > today():
        raise ValidationError({"commitment_signed_on": _("The date is in the future.")})
    employment.commitment_signed_on = signed_on
    if scan:
        employment.commitment_scan = scan
    employment.save()
    return employment


@transaction.atomic
def commitments_record(*, employments, signed_on: dt.date) -> int:
    """The same signing date for several workers' commitments (a list signed together); all or none."""
    count = 0
    for employment in employments:
        commitment_record(employment=employment, signed_on=signed_on)
        count += 1
    return count


@transaction.atomic
def boarding_house_declare(**fields) -> BoardingHouse:
    return BoardingHouse.objects.create(**fields)


@transaction.atomic
def shuttle_declare(*, enterprise: Enterprise, plate: str, route: str, seats: int, driver=None):
    from .models import Shuttle

    return Shuttle.objects.create(enterprise=enterprise, plate=plate, route=route, seats=seats, driver=driver)


@transaction.atomic
def trip_record(*, shuttle, date: dt.date, departure, rider_ids: list[int]):
    from .models import Trip

    trip = Trip.objects.create(shuttle=shuttle, date=date, departure=departure)
    trip.riders.set(rider_ids)
    return trip
