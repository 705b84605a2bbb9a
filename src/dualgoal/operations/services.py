"""Writes of epidemic operations. Keyword-only, one transaction each, Vietnamese errors per field that cite the rule.

Dates of a quarantine come from the rules in force on its start date (a 10/7/2021 start runs 21 days, a
14/7/2021 start 14 days plus 14 of home monitoring). Day 1 is the start date; `planned_end` is the last day.
Every order tells tracing that the person is quarantined (epidemic.services.quarantine_start_record); a positive
individual RT-PCR records the case (epidemic.services.case_record), which re-levels everyone downstream.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from dualgoal.core.clock import today
from dualgoal.core.notify import notify
from dualgoal.core.querysets import ancestor_paths
from dualgoal.epidemic import services as epidemic_services
from dualgoal.epidemic.models import Case, TraceState
from dualgoal.people.models import Person

from .choices import (
    ActionStatus,
    FollowUpOutcome,
    OrderKind,
    OrderStatus,
    ReviewStatus,
    RiskLevel,
    SampleKind,
    SampleReason,
    SampleResult,
    Subject,
    Symptom,
    WarningSign,
)
from .models import (
    Admission,
    Arrival,
    CommunityReport,
    FollowUp,
    IncidentReview,
    OriginArea,
    Pool,
    QuarantineFacility,
    QuarantineOrder,
    ReleaseCertificate,
    Room,
    TestSample,
    ViolationNote,
)
from .rulebook import op_rule, optional_rule, required_rule

DAY = dt.timedelta(days=1)
HEALTH_ROLES = ("admin", "department", "commune", "facility_manager")


def _d(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "—"


def _fail(field_name: str, message: str) -> None:
    raise ValidationError({field_name: message})


def _not_future(errors: dict, field_name: str, value: dt.date | None) -> None:
    if value is not None and value > today():
        errors[field_name] = _("The date %(day)s is in the future.") % {"day": _d(value)}


def staff_for(unit, roles=HEALTH_ROLES):
    """Users holding one of `roles` over `unit` (a membership on the unit or one above it)."""
    from dualgoal.accounts.models import User

    if unit is None:
        return User.objects.none()
    paths = [*ancestor_paths(unit.path), unit.path]
    return User.objects.filter(
        is_active=True, memberships__role__in=roles, memberships__admin_unit__path__in=paths
    ).distinct()


def age_on(person: Person, day: dt.date) -> int | None:
    if person.birth_date:
        b = person.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))
    if person.birth_year:
        return day.year - person.birth_year
    return None


# ------------------------------------------------------------------------------------------------ order dates


@dataclass
class OrderPlan:
    planned_end: dt.date | None
    monitoring_end: dt.date | None
    test_days: list[int]
    notes: list[str] = field(default_factory=list)
    warning_sign: str = WarningSign.NOT_REQUIRED

    @property
    def rule_note(self) -> str:
        return "; ".join(self.notes)[:600]


def _last_day(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=int(days) - 1)


def order_plan(
    *,
    person: Person,
    subject: str,
    kind: str,
    start_date: dt.date,
    carer: Person | None = None,
    arrival_action: dict | None = None,
) -> OrderPlan:
    """The dates and test days of an order from the rules in force on `start_date`; refusals name the field."""
    start = start_date
    if subject == Subject.F1 or (subject == Subject.ARRIVAL and arrival_action and arrival_action["days"] == "f1"):
        plan = _plan_f1(person=person, kind=kind, start=start, carer=carer)
    elif subject == Subject.F2:
        regime = required_rule("quarantine.f2.regime", on=start, field="subject")
        if kind != OrderKind.HOME:
            _fail("kind", _("An F2 is quarantined at home (%(cite)s).") % {"cite": regime.cite()})
        plan = OrderPlan(None, None, [], [f"{regime.value.get('label', '')} ({regime.cite()})"])
    elif subject == Subject.F0:
        days = required_rule("quarantine.f0.home_isolation_days", on=start, field="start_date")
        if kind != OrderKind.HOME:
            _fail("kind", _("An F0 after treatment isolates at home (%(cite)s).") % {"cite": days.cite()})
        plan = OrderPlan(
            _last_day(start, days.value),
            None,
            [],
            [_("%(days)s days of home isolation %(cite)s") % {"days": days.value, "cite": days.cite()}],
        )
        checks = optional_rule("quarantine.f0.home_temperature_checks_per_day", on=start)
        if checks:
            plan.notes.append(_("temperature %(n)s times a day") % {"n": checks.value})
    elif subject == Subject.F3:
        days = required_rule("quarantine.f3.self_monitoring_days", on=start, field="start_date")
        if kind == OrderKind.FACILITY:
            _fail("kind", _("An F3 monitors their own health at home (%(cite)s).") % {"cite": days.cite()})
        plan = OrderPlan(
            _last_day(start, days.value),
            None,
            [],
            [_("%(days)s days of self-monitoring %(cite)s") % {"days": days.value, "cite": days.cite()}],
        )
    elif subject == Subject.ARRIVAL:
        if not arrival_action:
            _fail("subject", _("An arrival's order is made from the arrival record."))
        plan = OrderPlan(
            _last_day(start, arrival_action["days"]),
            None,
            list(arrival_action.get("test_days") or []),
            [f"{arrival_action.get('label', '')} ({arrival_action.get('cite', '')})"],
        )
    else:
        _fail("subject", _("Unknown subject."))
    if kind == OrderKind.HOME:
        plan.warning_sign = WarningSign.TO_POST
    return plan


def _plan_f1(*, person: Person, kind: str, start: dt.date, carer: Person | None) -> OrderPlan:
    facility = required_rule("quarantine.f1.facility_days", on=start, field="start_date")
    monitoring = optional_rule("quarantine.f1.home_monitoring_days", on=start)
    tests = optional_rule("quarantine.f1.test_days", on=start)
    age = age_on(person, start)
    under_5 = optional_rule("quarantine.child.under_5", on=start)
    if under_5 and age is not None and age < under_5.value["max_age_exclusive"]:
        if kind != OrderKind.HOME:
            _fail(
                "kind",
                _("A child under %(age)s is quarantined at home with a carer (%(cite)s).")
                % {"age": under_5.value["max_age_exclusive"], "cite": under_5.cite()},
            )
        if under_5.value.get("carer_required") and carer is None:
            _fail(
                "carer",
                _("Name the healthy carer who stays with the child (%(cite)s).") % {"cite": under_5.cite()},
            )
    if carer is not None and carer.pk == person.pk:
        _fail("carer", _("The carer must be another person."))
    days = int(facility.value)
    notes = [_("%(days)s days of quarantine %(cite)s") % {"days": days, "cite": facility.cite()}]
    if days == 0:
        home = required_rule("quarantine.f1.home_quarantine", on=start, field="start_date")
        if kind == OrderKind.FACILITY:
            _fail("kind", _("No centralized quarantine for an F1 on this date (%(cite)s).") % {"cite": facility.cite()})
        days = int(home.value["days"].get("other") or 0) or int(home.value.get("self_monitoring_days") or 0)
        notes = [_("%(days)s days at home %(cite)s") % {"days": days, "cite": home.cite()}]
        return OrderPlan(_last_day(start, days), None, list(home.value.get("test_days") or []), notes)
    end = _last_day(start, days)
    test_days = list(tests.value) if tests else []
    monitoring_end = end + dt.timedelta(days=int(monitoring.value)) if monitoring else None
    if monitoring:
        notes.append(
            _("then %(days)s days of home monitoring %(cite)s") % {"days": monitoring.value, "cite": monitoring.cite()}
        )
    child = optional_rule("quarantine.child.age_5_to_under_15", on=start)
    if (
        kind == OrderKind.FACILITY
        and child
        and age is not None
        and child.value["min_age"] <= age < child.value["max_age_exclusive"]
    ):
        end = _last_day(start, child.value["facility_days"])
        monitoring_end = _last_day(start, child.value["total_days"])
        test_days = list(child.value["test_days"])
        notes = [f"{child.value['label']} ({child.cite()})"]
    if tests and test_days:
        notes.append(_("tests on days %(days)s") % {"days": ", ".join(str(d) for d in test_days)})
    return OrderPlan(end, monitoring_end, test_days, notes)


def _default_cluster(person: Person) -> tuple[str, dt.date | None]:
    state = TraceState.objects.filter(person=person).first()
    if state is None or state.level == 0:
        return "", None
    source = state.path[0]["person"] if state.path else None
    code = Case.objects.filter(person_id=source).values_list("code", flat=True).first() if source else None
    return (code or ""), state.exposed_on


def _schedule_tests(order: QuarantineOrder, base: dt.date, test_days: list[int]) -> None:
    TestSample.objects.bulk_create(
        [
            TestSample(
                person=order.person,
                order=order,
                taken_on=_last_day(base, day),
                kind=SampleKind.RT_PCR,
                reason=SampleReason.SCHEDULED,
                collected=False,
                is_demo=order.is_demo,
            )
            for day in test_days
        ]
    )


def active_order(person: Person) -> QuarantineOrder | None:
    return QuarantineOrder.objects.filter(person=person, status=OrderStatus.ACTIVE).order_by("-start_date").first()


@transaction.atomic
def order_create(
    *,
    person: Person,
    subject: str,
    kind: str,
    start_date: dt.date,
    facility: QuarantineFacility | None = None,
    carer: Person | None = None,
    source_person: Person | None = None,
    cluster: str = "",
    exposed_on: dt.date | None = None,
    number: str = "",
    arrival_action: dict | None = None,
    is_demo: bool = False,
) -> QuarantineOrder:
    """Make a quarantine order; its dates and tests follow the rules in force on `start_date`."""
    errors: dict[str, str] = {}
    _not_future(errors, "start_date", start_date)
    if kind not in OrderKind.values:
        errors["kind"] = _("Unknown kind of quarantine.")
    if exposed_on and exposed_on > start_date:
        errors["exposed_on"] = _("The exposure date is after the start of quarantine.")
    current = active_order(person)
    if current is not None:
        errors["person"] = _(
            "%(person)s is already in quarantine from %(day)s (order #%(pk)s): extend or end that order."
        ) % {"person": person, "day": _d(current.start_date), "pk": current.pk}
    if facility is not None and kind != OrderKind.FACILITY:
        errors["facility"] = _("Only a centralized quarantine takes place in a facility.")
    if source_person is not None and source_person.pk == person.pk:
        errors["source_person"] = _("The F1 must be another person.")
    if errors:
        raise ValidationError(errors)
    plan = order_plan(
        person=person, subject=subject, kind=kind, start_date=start_date, carer=carer, arrival_action=arrival_action
    )
    default_cluster, traced_exposure = _default_cluster(person)
    record = epidemic_services.quarantine_start_record(
        person=person, kind=kind, start_date=start_date, note=_("Quarantine order") + (f" {number}" if number else "")
    )
    order = QuarantineOrder.objects.create(
        number=number.strip(),
        person=person,
        subject=subject,
        kind=kind,
        start_date=start_date,
        planned_end=plan.planned_end,
        monitoring_end=plan.monitoring_end,
        test_days=plan.test_days,
        rule_note=plan.rule_note,
        facility=facility,
        carer=carer,
        source_person=source_person,
        cluster=(cluster or default_cluster).strip(),
        exposed_on=exposed_on or traced_exposure,
        warning_sign=plan.warning_sign,
        quarantine_start=record,
        is_demo=is_demo,
    )
    _schedule_tests(order, start_date, plan.test_days)
    return order


@transaction.atomic
def order_extend(*, order: QuarantineOrder, exposed_on: dt.date, reason: str) -> QuarantineOrder:
    """Re-exposure during quarantine: the count restarts from the new exposure, under the rules of that day."""
    order = QuarantineOrder.objects.select_for_update().get(pk=order.pk)
    errors: dict[str, str] = {}
    if not order.is_active:
        errors["exposed_on"] = _("Only an order in force can be extended.")
    elif order.planned_end is None:
        errors["exposed_on"] = _("An F2's quarantine ends with the F1's result; it is not extended.")
    elif exposed_on < order.start_date:
        errors["exposed_on"] = _("The re-exposure is before the start of quarantine (%(day)s).") % {
            "day": _d(order.start_date)
        }
    _not_future(errors, "exposed_on", exposed_on)
    if not reason.strip():
        errors["reason"] = _("Say what the re-exposure was.")
    if errors:
        raise ValidationError(errors)
    plan = order_plan(
        person=order.person, subject=order.subject, kind=order.kind, start_date=exposed_on, carer=order.carer
    )
    if plan.planned_end is None or plan.planned_end <= order.planned_end:
        _fail(
            "exposed_on",
            _("The quarantine already runs until %(end)s, after the new count would end.")
            % {"end": _d(order.planned_end)},
        )
    old_end = order.planned_end
    order.planned_end = plan.planned_end
    order.monitoring_end = plan.monitoring_end
    order.exposed_on = exposed_on
    order.extension_note = (
        _("Extended from %(old)s to %(new)s after a re-exposure on %(day)s: %(reason)s (%(rules)s)")
        % {
            "old": _d(old_end),
            "new": _d(plan.planned_end),
            "day": _d(exposed_on),
            "reason": reason.strip(),
            "rules": plan.rule_note,
        }
    )[:400]
    order.save()
    order.samples.filter(reason=SampleReason.SCHEDULED, collected=False, taken_on__gte=exposed_on).delete()
    _schedule_tests(order, exposed_on, plan.test_days)
    return order


def _close_admission(order: QuarantineOrder, on: dt.date) -> None:
    for admission in order.admissions.filter(discharged_on__isnull=True):
        admission.discharged_on = max(on, admission.admitted_on)
        admission.save()


@transaction.atomic
def order_end_early(*, order: QuarantineOrder, ended_on: dt.date, reason: str) -> QuarantineOrder:
    errors: dict[str, str] = {}
    if not order.is_active:
        errors["ended_on"] = _("This order is no longer in force.")
    elif ended_on < order.start_date:
        errors["ended_on"] = _("The end is before the start of quarantine (%(day)s).") % {"day": _d(order.start_date)}
    _not_future(errors, "ended_on", ended_on)
    if not reason.strip():
        errors["reason"] = _("Give the reason for ending the quarantine early.")
    if errors:
        raise ValidationError(errors)
    order.status = OrderStatus.ENDED_EARLY
    order.released_on = ended_on
    order.end_reason = reason.strip()[:400]
    if order.warning_sign == WarningSign.POSTED:
        order.warning_sign, order.warning_sign_on = WarningSign.REMOVED, ended_on
    order.save()
    _close_admission(order, ended_on)
    return order


def release_blockers(order: QuarantineOrder, released_on: dt.date) -> list[str]:
    """Why the order cannot be released on that day (results missing, a positive test), in the user's words."""
    problems = []
    samples = order.samples.filter(taken_on__lte=released_on).exclude(result=SampleResult.POOL_POSITIVE)
    for sample in samples.order_by("taken_on"):
        if sample.result == SampleResult.POSITIVE:
            problems.append(_("the sample of %(day)s is positive") % {"day": _d(sample.taken_on)})
        elif sample.result == SampleResult.PENDING:
            if sample.collected:
                problems.append(_("the result of the sample of %(day)s is not in") % {"day": _d(sample.taken_on)})
            else:
                problems.append(_("the test due on %(day)s was not taken") % {"day": _d(sample.taken_on)})
    return problems


@transaction.atomic
def order_release(*, order: QuarantineOrder, released_on: dt.date) -> QuarantineOrder:
    """Release at the end of the planned period with every due test negative; a facility stay is discharged."""
    order = QuarantineOrder.objects.select_for_update().get(pk=order.pk)
    errors: dict[str, str] = {}
    _not_future(errors, "released_on", released_on)
    if not order.is_active:
        errors["released_on"] = _("This order is no longer in force (%(status)s).") % {
            "status": order.get_status_display()
        }
    elif order.planned_end is None:
        errors["released_on"] = _("An F2 is released when the F1's test is negative (end the order early).")
    elif released_on < order.planned_end:
        errors["released_on"] = _("The quarantine runs until %(end)s (%(rules)s).") % {
            "end": _d(order.planned_end),
            "rules": order.rule_note,
        }
    else:
        problems = release_blockers(order, released_on)
        if problems:
            errors["released_on"] = _("Cannot release yet: %(problems)s.") % {"problems": "; ".join(problems)}
    if errors:
        raise ValidationError(errors)
    order.status = OrderStatus.RELEASED
    order.released_on = released_on
    if order.warning_sign == WarningSign.POSTED:
        order.warning_sign, order.warning_sign_on = WarningSign.REMOVED, released_on
    order.save()
    _close_admission(order, released_on)
    return order


@transaction.atomic
def warning_sign_set(*, order: QuarantineOrder, status: str, on: dt.date) -> QuarantineOrder:
    """The warning sign (biển cảnh báo) at the gate of a home quarantine: posted, removed."""
    errors: dict[str, str] = {}
    if status not in WarningSign.values:
        errors["warning_sign"] = _("Unknown status.")
    elif order.kind != OrderKind.HOME and status != WarningSign.NOT_REQUIRED:
        errors["warning_sign"] = _("A warning sign is posted only at a home quarantine.")
    _not_future(errors, "warning_sign_on", on)
    if on < order.start_date:
        errors["warning_sign_on"] = _("The date is before the start of quarantine (%(day)s).") % {
            "day": _d(order.start_date)
        }
    if errors:
        raise ValidationError(errors)
    order.warning_sign, order.warning_sign_on = status, on
    order.save()
    return order


# ------------------------------------------------------------------------------------------------ facilities


@transaction.atomic
def facility_save(
    *,
    name: str,
    commune,
    capacity: int,
    address: str = "",
    staff: str = "",
    facility: QuarantineFacility | None = None,
    is_demo: bool = False,
) -> QuarantineFacility:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Enter the facility's name.")
    if capacity is None or capacity < 1:
        errors["capacity"] = _("The capacity must be at least 1.")
    if errors:
        raise ValidationError(errors)
    facility = facility or QuarantineFacility(is_demo=is_demo)
    facility.name, facility.commune, facility.capacity = name.strip(), commune, capacity
    facility.address, facility.staff = address.strip(), staff.strip()
    facility.save()
    return facility


@transaction.atomic
def room_save(
    *, facility: QuarantineFacility, code: str, capacity: int, risk_level: str = RiskLevel.LOW, room: Room | None = None
) -> Room:
    errors: dict[str, str] = {}
    code = code.strip()
    if not code:
        errors["code"] = _("Enter the room number.")
    elif Room.objects.filter(facility=facility, code=code).exclude(pk=room.pk if room else None).exists():
        errors["code"] = _("Room %(code)s already exists in this facility.") % {"code": code}
    if capacity is None or capacity < 1:
        errors["capacity"] = _("The capacity must be at least 1.")
    else:
        others = sum(r.capacity for r in facility.rooms.exclude(pk=room.pk if room else None))
        if others + capacity > facility.capacity:
            errors["capacity"] = _(
                "The rooms would hold %(total)s persons, more than the facility's capacity (%(cap)s)."
            ) % {"total": others + capacity, "cap": facility.capacity}
    if errors:
        raise ValidationError(errors)
    room = room or Room(facility=facility)
    room.code, room.capacity, room.risk_level = code, capacity, risk_level
    room.save()
    return room


def occupants(room: Room, on: dt.date):
    """Admissions present in the room on that day."""
    return room.admissions.filter(admitted_on__lte=on).filter(Q(discharged_on__isnull=True) | Q(discharged_on__gt=on))


def _exposure(order: QuarantineOrder) -> dt.date:
    return order.exposed_on or order.start_date


def cohort_conflicts(order: QuarantineOrder, room: Room, on: dt.date) -> list[str]:
    """Why putting `order`'s person in the room would mix cohorts (another cluster, exposures too far apart)."""
    gap = op_rule("quarantine.cohort.max_exposure_gap_days", on=on)
    problems = []
    for admission in occupants(room, on).select_related("order__person"):
        other = admission.order
        if order.cluster and other.cluster and order.cluster != other.cluster:
            problems.append(
                _("%(person)s belongs to cluster %(other)s, not %(mine)s")
                % {"person": other.person, "other": other.cluster, "mine": order.cluster}
            )
        elif abs((_exposure(other) - _exposure(order)).days) > int(gap.value):
            problems.append(
                _("%(person)s was exposed on %(other)s, more than %(days)s days from %(mine)s")
                % {
                    "person": other.person,
                    "other": _d(_exposure(other)),
                    "days": gap.value,
                    "mine": _d(_exposure(order)),
                }
            )
    return problems


@dataclass
class RoomOption:
    room: Room
    occupied: int
    free: int
    conflicts: list[str]

    @property
    def suitable(self) -> bool:
        return self.free > 0 and not self.conflicts


def room_proposal(*, order: QuarantineOrder, facility: QuarantineFacility, on: dt.date) -> list[RoomOption]:
    """Every room of the facility, best first: rooms already holding the same cohort, then empty rooms; rooms
    that would mix cohorts or are full come last (with the reason)."""
    options = []
    for room in facility.rooms.order_by("code"):
        occupied = occupants(room, on).count()
        options.append(RoomOption(room, occupied, room.capacity - occupied, cohort_conflicts(order, room, on)))

    def rank(option: RoomOption):
        return (not option.suitable, option.occupied == 0, -option.occupied, option.room.code)

    return sorted(options, key=rank)


@transaction.atomic
def admission_create(
    *, order: QuarantineOrder, room: Room, admitted_on: dt.date, override_reason: str = "", overridden_by=None
) -> Admission:
    """Admit an order's person to a room. Over capacity is refused; mixing cohorts needs a manager's reason."""
    room = Room.objects.select_for_update().select_related("facility").get(pk=room.pk)
    order = QuarantineOrder.objects.select_for_update().get(pk=order.pk)
    errors: dict[str, str] = {}
    _not_future(errors, "admitted_on", admitted_on)
    if order.kind != OrderKind.FACILITY:
        errors["order"] = _("Only a centralized quarantine order is admitted to a facility.")
    elif not order.is_active:
        errors["order"] = _("This order is no longer in force.")
    elif order.facility_id and order.facility_id != room.facility_id:
        errors["room"] = _("The order names the facility %(facility)s.") % {"facility": order.facility}
    if admitted_on < order.start_date:
        errors["admitted_on"] = _("The admission is before the start of quarantine (%(day)s).") % {
            "day": _d(order.start_date)
        }
    if order.admissions.filter(discharged_on__isnull=True).exists():
        errors["order"] = _("%(person)s is already in a room: discharge them first to move them.") % {
            "person": order.person
        }
    if errors:
        raise ValidationError(errors)
    present = occupants(room, admitted_on).count()
    if present >= room.capacity:
        _fail(
            "room",
            _("Room %(room)s is full: %(n)s persons, capacity %(cap)s (the room's “capacity”).")
            % {"room": room.code, "n": present, "cap": room.capacity},
        )
    conflicts = cohort_conflicts(order, room, admitted_on)
    if conflicts and not override_reason.strip():
        gap = op_rule("quarantine.cohort.max_exposure_gap_days", on=admitted_on)
        _fail(
            "room",
            _("Room %(room)s would mix cohorts: %(problems)s (%(cite)s). A manager may override with a reason.")
            % {"room": room.code, "problems": "; ".join(conflicts), "cite": gap.cite()},
        )
    admission = Admission.objects.create(
        order=order,
        room=room,
        admitted_on=admitted_on,
        override_reason=override_reason.strip() if conflicts else "",
        overridden_by=overridden_by if conflicts else None,
    )
    if order.facility_id is None:
        order.facility = room.facility
        order.save()
    return admission


@transaction.atomic
def admission_discharge(*, admission: Admission, discharged_on: dt.date) -> Admission:
    errors: dict[str, str] = {}
    _not_future(errors, "discharged_on", discharged_on)
    if admission.discharged_on is not None:
        errors["discharged_on"] = _("Already discharged on %(day)s.") % {"day": _d(admission.discharged_on)}
    elif discharged_on < admission.admitted_on:
        errors["discharged_on"] = _("The discharge (%(out)s) is before the admission (%(in)s).") % {
            "out": _d(discharged_on),
            "in": _d(admission.admitted_on),
        }
    if errors:
        raise ValidationError(errors)
    admission.discharged_on = discharged_on
    admission.save()
    return admission


# ------------------------------------------------------------------------------------------------ testing


def _order_for_sample(person: Person, order: QuarantineOrder | None, taken_on: dt.date, errors: dict) -> object:
    order = order or active_order(person)
    if order is not None and taken_on < order.start_date:
        errors["taken_on"] = _(
            "The sample of %(person)s (%(day)s) is dated before the quarantine order began (%(start)s)."
        ) % {"person": person, "day": _d(taken_on), "start": _d(order.start_date)}
    return order


@transaction.atomic
def sample_record(
    *,
    person: Person,
    taken_on: dt.date,
    kind: str = SampleKind.RT_PCR,
    reason: str = SampleReason.OTHER,
    lab: str = "",
    order: QuarantineOrder | None = None,
    collected: bool = True,
    is_demo: bool = False,
) -> TestSample:
    """A sample taken (or, with collected=False, a test request)."""
    errors: dict[str, str] = {}
    if collected:
        _not_future(errors, "taken_on", taken_on)
    order = _order_for_sample(person, order, taken_on, errors)
    if errors:
        raise ValidationError(errors)
    return TestSample.objects.create(
        person=person,
        order=order,
        taken_on=taken_on,
        kind=kind,
        reason=reason,
        lab=lab.strip(),
        collected=collected,
        is_demo=is_demo,
    )


def _test_request(person: Person, day: dt.date, reason: str) -> TestSample:
    """A pending test request, unless the person already has a test waiting."""
    waiting = TestSample.objects.filter(person=person, result=SampleResult.PENDING, pool__isnull=True).first()
    if waiting is not None:
        return waiting
    order = active_order(person)
    if order is not None and day < order.start_date:
        order = None
    return TestSample.objects.create(
        person=person, order=order, taken_on=day, kind=SampleKind.RT_PCR, reason=reason, collected=False
    )


@transaction.atomic
def sample_collect(*, sample: TestSample, taken_on: dt.date, lab: str = "") -> TestSample:
    errors: dict[str, str] = {}
    _not_future(errors, "taken_on", taken_on)
    if sample.collected:
        errors["taken_on"] = _("This sample was already taken.")
    _order_for_sample(sample.person, sample.order, taken_on, errors)
    if errors:
        raise ValidationError(errors)
    sample.collected, sample.taken_on = True, taken_on
    if lab:
        sample.lab = lab.strip()
    sample.save()
    return sample


@transaction.atomic
def sample_result_record(
    *,
    sample: TestSample,
    result: str,
    result_on: dt.date,
    ct_value: Decimal | None = None,
    case_code: str = "",
) -> TestSample:
    """The result of an individual sample. Positive RT-PCR → the case (F0) is recorded and traced; a negative
    first result of an F1 ends the quarantine of their F2s."""
    sample = TestSample.objects.select_for_update().get(pk=sample.pk)
    errors: dict[str, str] = {}
    _not_future(errors, "result_on", result_on)
    if sample.pool_id:
        errors["result"] = _("A pooled sample gets its result through the pool %(pool)s.") % {"pool": sample.pool}
    elif sample.result != SampleResult.PENDING:
        errors["result"] = _("This sample already has a result (%(result)s).") % {"result": sample.get_result_display()}
    elif result not in (SampleResult.NEGATIVE, SampleResult.POSITIVE):
        errors["result"] = _("Choose negative or positive.")
    if result_on < sample.taken_on:
        errors["result_on"] = _("The result (%(res)s) is dated before the sample (%(day)s).") % {
            "res": _d(result_on),
            "day": _d(sample.taken_on),
        }
    if ct_value is not None and not (Decimal(5) <= ct_value <= Decimal(45)):
        errors["ct_value"] = _("A Ct value lies between 5 and 45.")
    if errors:
        raise ValidationError(errors)
    sample.collected = True
    sample.result, sample.result_on, sample.ct_value = result, result_on, ct_value
    sample.save()
    if result == SampleResult.POSITIVE:
        _after_positive(sample, case_code=case_code, on=result_on)
    else:
        _after_negative(sample, on=result_on)
    _close_watch(sample)
    return sample


def _close_watch(sample: TestSample) -> None:
    """A community report whose test has a result: the action is done (the outcome says what was found)."""
    for report in CommunityReport.objects.filter(test_sample=sample, status=ActionStatus.PENDING):
        report.status = ActionStatus.DONE
        report.outcome_note = _("Test of %(day)s: %(result)s") % {
            "day": _d(sample.taken_on),
            "result": sample.get_result_display(),
        }
        report.save()


def _after_negative(sample: TestSample, *, on: dt.date) -> None:
    if sample.kind != SampleKind.RT_PCR:
        return
    dependants = QuarantineOrder.objects.filter(
        source_person=sample.person, subject=Subject.F2, status=OrderStatus.ACTIVE
    )
    for order in dependants:
        regime = op_rule("quarantine.f2.regime", on=order.start_date)
        order_end_early(
            order=order,
            ended_on=max(on, order.start_date),
            reason=_("The F1 %(person)s tested negative on %(day)s (%(cite)s).")
            % {"person": sample.person, "day": _d(sample.taken_on), "cite": regime.cite()},
        )


def _after_positive(sample: TestSample, *, case_code: str, on: dt.date) -> None:
    person = sample.person
    if sample.kind != SampleKind.RT_PCR:
        # 2021: a positive rapid test is confirmed by RT-PCR (tracing.f0.confirmation_tests)
        _test_request(person, on, SampleReason.OTHER)
        return
    order = active_order(person)
    admission = (
        Admission.objects.filter(order=order, discharged_on__isnull=True).select_related("room__facility").first()
        if order
        else None
    )
    case = Case.objects.filter(person=person).first()
    if case is None:
        code = (case_code or f"XN{sample.pk}").strip().upper()
        try:
            case = epidemic_services.case_record(
                person=person,
                code=code,
                sample_date=sample.taken_on,
                test_kind=SampleKind.RT_PCR,
                isolation_date=sample.taken_on if order else None,
                notified_by=sample.lab,
            )
        except ValidationError as exc:
            errors = exc.message_dict
            raise ValidationError({"case_code": errors.get("code", exc.messages)}) from exc
    sample.case = case
    sample.save(update_fields=["case", "updated_at"])
    if admission is not None:
        incident_open(admission=admission, case=case, on=sample.taken_on)
    if order is not None:
        order.status = OrderStatus.BECAME_CASE
        order.released_on = on
        order.end_reason = _("Tested positive on %(day)s: case %(code)s.") % {"day": _d(sample.taken_on), "code": case}
        order.save()
        _close_admission(order, on)
    for dependant in QuarantineOrder.objects.filter(
        source_person=person, subject=Subject.F2, status=OrderStatus.ACTIVE
    ):
        _f2_becomes_f1(dependant, f1=person, on=on)
    unit = person.residence_unit
    notify(
        users=staff_for(unit),
        subject=_("Positive test: %(person)s (case %(code)s)") % {"person": person, "code": case.code},
        url=case.get_absolute_url(),
        dedupe_key=f"operations-positive-{sample.pk}",
    )


def _f2_becomes_f1(order: QuarantineOrder, *, f1: Person, on: dt.date) -> None:
    regime = op_rule("quarantine.f2.regime", on=order.start_date)
    plan = order_plan(person=order.person, subject=Subject.F1, kind=OrderKind.HOME, start_date=order.start_date)
    order.subject = Subject.F1
    order.planned_end, order.monitoring_end, order.test_days = plan.planned_end, plan.monitoring_end, plan.test_days
    order.rule_note = plan.rule_note
    order.extension_note = (
        _("%(f1)s tested positive on %(day)s: handled as an F1 (%(cite)s); move to a facility if required.")
        % {"f1": f1, "day": _d(on), "cite": regime.cite()}
    )[:400]
    order.save()
    _schedule_tests(order, order.start_date, plan.test_days)


def incident_open(*, admission: Admission, case: Case, on: dt.date) -> IncidentReview:
    """An F0 inside a facility: open the review and record the room-mates as contacts (they are re-levelled and
    their quarantine restarts from the exposure)."""
    room = admission.room
    mates = list(
        occupants(room, on).exclude(pk=admission.pk).select_related("order__person").order_by("order__person_id")
    )
    review = IncidentReview.objects.create(
        facility=room.facility, room=room, person=admission.order.person, case=case, opened_on=on
    )
    for mate in mates:
        epidemic_services.contact_record(
            person_a=admission.order.person,
            person_b=mate.order.person,
            date=on,
            setting="other",
            note=_("Same quarantine room %(room)s") % {"room": room},
        )
        with contextlib.suppress(ValidationError):  # already running past the new count
            order_extend(
                order=mate.order,
                exposed_on=on,
                reason=_("shared room %(room)s with case %(code)s") % {"room": room.code, "code": case.code},
            )
    review.room_contacts = len(mates)
    review.findings = _("Case %(code)s found in room %(room)s on %(day)s; %(n)s room-mates recorded as contacts.") % {
        "code": case.code,
        "room": room.code,
        "day": _d(on),
        "n": len(mates),
    }
    review.save()
    notify(
        users=staff_for(room.facility.commune),
        subject=_("Incident review opened: a case in %(facility)s") % {"facility": room.facility},
        url=review.get_absolute_url(),
        dedupe_key=f"operations-incident-{review.pk}",
    )
    return review


@transaction.atomic
def incident_close(*, review: IncidentReview, conclusion: str) -> IncidentReview:
    if not conclusion.strip():
        _fail("conclusion", _("Write the review's conclusion."))
    review.conclusion, review.status = conclusion.strip(), ReviewStatus.CLOSED
    review.save()
    return review


def pool_size_rule(risk_level: str, on: dt.date):
    key = "testing.pool_max_size.high_risk" if risk_level == RiskLevel.HIGH else "testing.pool_max_size.low_risk"
    return required_rule(key, on=on, field="risk_level")


@transaction.atomic
def pool_create(
    *,
    code: str,
    taken_on: dt.date,
    area,
    members: list[Person],
    risk_level: str = RiskLevel.LOW,
    lab: str = "",
    is_demo: bool = False,
) -> Pool:
    """A pooled sample of `members` (up to the rule's size for the area's risk)."""
    errors: dict[str, str] = {}
    code = code.strip().upper()
    if not code:
        errors["code"] = _("Enter the pool code.")
    elif Pool.objects.filter(code=code).exists():
        errors["code"] = _("Pool %(code)s already exists.") % {"code": code}
    _not_future(errors, "taken_on", taken_on)
    size = pool_size_rule(risk_level, taken_on)
    ids = [p.pk for p in members]
    if len(set(ids)) != len(ids):
        errors["members"] = _("A person is listed twice in the pool.")
    elif len(ids) < 2:
        errors["members"] = _("A pool holds at least 2 persons.")
    elif len(ids) > int(size.value):
        errors["members"] = _(
            "A pool holds at most %(max)s samples in a %(risk)s area (%(cite)s); this one has %(n)s."
        ) % {
            "max": size.value,
            "risk": RiskLevel(risk_level).label,
            "cite": size.cite(),
            "n": len(ids),
        }
    orders = {}
    for person in members:
        orders[person.pk] = _order_for_sample(person, None, taken_on, errors)
        if "taken_on" in errors:
            break
    if errors:
        raise ValidationError(errors)
    pool = Pool.objects.create(
        code=code, taken_on=taken_on, area=area, risk_level=risk_level, lab=lab.strip(), is_demo=is_demo
    )
    for person in members:
        scheduled = TestSample.objects.filter(
            person=person, taken_on=taken_on, collected=False, reason=SampleReason.SCHEDULED, pool__isnull=True
        ).first()
        if scheduled is not None:
            scheduled.pool, scheduled.collected, scheduled.lab = pool, True, pool.lab
            scheduled.save()
            continue
        TestSample.objects.create(
            person=person,
            order=orders[person.pk],
            pool=pool,
            taken_on=taken_on,
            kind=SampleKind.RT_PCR,
            reason=SampleReason.POOL,
            lab=pool.lab,
            collected=True,
            is_demo=is_demo,
        )
    return pool


@transaction.atomic
def pool_result_record(
    *, pool: Pool, result: str, result_on: dt.date, ct_value: Decimal | None = None
) -> list[TestSample]:
    """Negative: every member is negative. Positive: every member is retested individually (returned)."""
    pool = Pool.objects.select_for_update().get(pk=pool.pk)
    errors: dict[str, str] = {}
    _not_future(errors, "result_on", result_on)
    if pool.result != SampleResult.PENDING:
        errors["result"] = _("This pool already has a result (%(result)s).") % {"result": pool.get_result_display()}
    elif result not in (SampleResult.NEGATIVE, SampleResult.POSITIVE):
        errors["result"] = _("Choose negative or positive.")
    if result_on < pool.taken_on:
        errors["result_on"] = _("The result (%(res)s) is dated before the sample (%(day)s).") % {
            "res": _d(result_on),
            "day": _d(pool.taken_on),
        }
    if errors:
        raise ValidationError(errors)
    pool.result, pool.result_on, pool.ct_value = result, result_on, ct_value
    pool.save()
    members = list(pool.samples.select_related("person"))
    retests = []
    for sample in members:
        if result == SampleResult.NEGATIVE:
            sample.result, sample.result_on = SampleResult.NEGATIVE, result_on
            sample.save()
            _after_negative(sample, on=result_on)
        else:
            sample.result, sample.result_on = SampleResult.POOL_POSITIVE, result_on
            sample.save()
            retests.append(
                TestSample.objects.create(
                    person=sample.person,
                    order=sample.order,
                    retest_of=sample,
                    taken_on=result_on,
                    kind=SampleKind.RT_PCR,
                    reason=SampleReason.RETEST,
                    lab=pool.lab,
                    collected=False,
                    is_demo=pool.is_demo,
                )
            )
    if retests:
        notify(
            users=staff_for(pool.area),
            subject=_("Pool %(code)s is positive: %(n)s persons to retest") % {"code": pool.code, "n": len(retests)},
            url=pool.get_absolute_url(),
            dedupe_key=f"operations-pool-{pool.pk}",
        )
    return retests


# ------------------------------------------------------------------------------------------------ certificates


@transaction.atomic
def certificate_issue(*, order: QuarantineOrder, issued_on: dt.date, user=None, signer: str = "") -> ReleaseCertificate:
    """The certificate of completed quarantine for a released order (one per order; issuing again returns it)."""
    existing = ReleaseCertificate.objects.filter(order=order).first()
    if existing is not None:
        return existing
    errors: dict[str, str] = {}
    if order.status not in (OrderStatus.RELEASED, OrderStatus.ENDED_EARLY):
        errors["order"] = _("Release the person first: the order is %(status)s.") % {
            "status": order.get_status_display()
        }
    elif issued_on < order.released_on:
        errors["issued_on"] = _("The certificate is dated before the release (%(day)s).") % {
            "day": _d(order.released_on)
        }
    if errors:
        raise ValidationError(errors)
    year = issued_on.year
    serial = ReleaseCertificate.objects.filter(issued_on__year=year).count() + 1
    while ReleaseCertificate.objects.filter(number=f"{serial:03d}/{year}/GXN-CL").exists():
        serial += 1
    return ReleaseCertificate.objects.create(
        order=order,
        number=f"{serial:03d}/{year}/GXN-CL",
        issued_on=issued_on,
        issued_by=user,
        signer=signer.strip(),
    )


@transaction.atomic
def release_with_certificate(
    *, order: QuarantineOrder, released_on: dt.date, user=None, signer: str = ""
) -> ReleaseCertificate:
    """Release and certify in one step (both or neither)."""
    order = order_release(order=order, released_on=released_on)
    return certificate_issue(order=order, issued_on=released_on, user=user, signer=signer)


# ------------------------------------------------------------------------------------------------ follow-up


@transaction.atomic
def followup_record(
    *,
    person: Person,
    day: dt.date,
    outcome: str,
    symptoms: list[str] = (),
    temperature: Decimal | None = None,
    note: str = "",
    reason: str = "",
    order: QuarantineOrder | None = None,
    violation: str = "",
    user=None,
) -> FollowUp:
    """One day's check. Symptoms (or fever) request a test at once; a breach may be written up as a violation."""
    errors: dict[str, str] = {}
    _not_future(errors, "day", day)
    symptoms = list(dict.fromkeys(symptoms))
    if outcome not in FollowUpOutcome.values:
        errors["outcome"] = _("Choose the outcome of the check.")
    unknown = [s for s in symptoms if s not in Symptom.values]
    if unknown:
        errors["symptoms"] = _("Unknown symptom: %(s)s.") % {"s": ", ".join(unknown)}
    if temperature is not None and not (Decimal("34") <= temperature <= Decimal("43")):
        errors["temperature"] = _("A body temperature lies between 34 and 43 °C.")
    escalation = op_rule("followup.escalation", on=day)
    fever = temperature is not None and temperature >= Decimal(str(escalation.value["fever_from_c"]))
    if fever and Symptom.FEVER not in symptoms:
        symptoms.append(Symptom.FEVER)
    if outcome == FollowUpOutcome.WELL and symptoms:
        errors["outcome"] = _("“Well” does not go with symptoms: choose “symptoms” (%(cite)s).") % {
            "cite": escalation.cite()
        }
    if outcome == FollowUpOutcome.SYMPTOMS and not symptoms:
        errors["symptoms"] = _("Tick the symptoms seen.")
    if outcome == FollowUpOutcome.NOT_REACHED and (symptoms or temperature is not None):
        errors["outcome"] = _("A person not reached has no symptoms or temperature recorded.")
    if violation.strip() and outcome != FollowUpOutcome.BREACH:
        errors["violation"] = _("A violation note goes with the outcome “breach”.")
    if errors:
        raise ValidationError(errors)
    order = order or active_order(person)
    followup, _created = FollowUp.objects.select_for_update().get_or_create(
        person=person,
        day=day,
        defaults={"outcome": outcome, "order": order, "reason": reason, "recorded_by": user},
    )
    followup.outcome, followup.symptoms, followup.temperature = outcome, symptoms, temperature
    followup.note, followup.order, followup.recorded_by = note.strip()[:400], order, user
    followup.reason = reason or followup.reason
    if symptoms and escalation.value.get("symptoms_require_test", True) and followup.test_sample_id is None:
        followup.test_sample = _test_request(person, day, SampleReason.SYMPTOMS)
        notify(
            users=staff_for(person.residence_unit, ("commune", "department", "community_team")),
            subject=_("Symptoms at follow-up: %(person)s — test requested") % {"person": person},
            url=followup.test_sample.get_absolute_url(),
            dedupe_key=f"operations-symptoms-{person.pk}-{day.isoformat()}",
        )
    followup.save()
    if violation.strip():
        violation_note_create(followup=followup, description=violation)
    return followup


@transaction.atomic
def violation_note_create(*, followup: FollowUp, description: str, action_taken: str = "") -> ViolationNote:
    if followup.outcome != FollowUpOutcome.BREACH:
        _fail("description", _("A violation note goes with the outcome “breach”."))
    if not description.strip():
        _fail("description", _("Describe the breach."))
    return ViolationNote.objects.create(
        person=followup.person,
        followup=followup,
        order=followup.order,
        day=followup.day,
        description=description.strip(),
        action_taken=action_taken.strip()[:400],
    )


# ------------------------------------------------------------------------------------------------ risk watch


@transaction.atomic
def community_report_record(
    *,
    unit,
    reported_on: dt.date,
    symptoms: list[str],
    person: Person | None = None,
    description: str = "",
    reporter_name: str = "",
    reporter_phone: str = "",
) -> CommunityReport:
    """A report of someone with cough, fever or breathlessness: the rule's action, a test request if the person is
    known, and a follow-up date."""
    errors: dict[str, str] = {}
    _not_future(errors, "reported_on", reported_on)
    action = required_rule("risk.community_report.action", on=reported_on, field="reported_on")
    watched = [s for s in symptoms if s in action.value["symptoms"]]
    if not symptoms:
        errors["symptoms"] = _("Tick at least one symptom.")
    elif not watched:
        errors["symptoms"] = _("The community watch is for %(list)s (%(cite)s).") % {
            "list": ", ".join(str(Symptom(s).label) for s in action.value["symptoms"]),
            "cite": action.cite(),
        }
    if person is None and not description.strip():
        errors["description"] = _("Name the person or say who and where.")
    if errors:
        raise ValidationError(errors)
    report = CommunityReport.objects.create(
        unit=unit,
        person=person,
        description=description.strip(),
        reporter_name=reporter_name.strip(),
        reporter_phone=reporter_phone.strip(),
        reported_on=reported_on,
        symptoms=list(dict.fromkeys(symptoms)),
        required_action=f"{action.value['label']} ({action.cite()})"[:600],
        follow_up_on=reported_on + dt.timedelta(days=int(action.value.get("test_within_days", 1))),
    )
    if person is not None:
        report.test_sample = _test_request(person, reported_on, SampleReason.COMMUNITY)
        report.save()
    notify(
        users=staff_for(unit, ("commune", "department")),
        subject=_("Community report: %(who)s with %(symptoms)s")
        % {"who": person or description, "symptoms": ", ".join(str(Symptom(s).label) for s in report.symptoms)},
        url=report.get_absolute_url(),
        dedupe_key=f"operations-report-{report.pk}",
    )
    return report


@transaction.atomic
def community_report_close(*, report: CommunityReport, outcome_note: str) -> CommunityReport:
    if not outcome_note.strip():
        _fail("outcome_note", _("Say what was found and done."))
    report.status, report.outcome_note = ActionStatus.CLOSED, outcome_note.strip()[:400]
    report.save()
    return report


def area_in_force(area: OriginArea, day: dt.date) -> bool:
    return area.valid_from <= day and (area.valid_to is None or day <= area.valid_to)


def arrival_action(area: OriginArea, day: dt.date) -> dict:
    rule_value = required_rule("risk.arrival.action", on=day, field="arrived_on")
    action = dict(rule_value.value[area.risk_level])
    action["cite"] = rule_value.cite()
    return action


@transaction.atomic
def arrival_record(
    *, person: Person, origin_area: OriginArea, arrived_on: dt.date, left_area_on: dt.date | None = None
) -> Arrival:
    """An arrival from an epidemic area: the action its risk level requires on the day (to carry out after)."""
    errors: dict[str, str] = {}
    _not_future(errors, "arrived_on", arrived_on)
    if left_area_on and left_area_on > arrived_on:
        errors["left_area_on"] = _("The person left the area after arriving here.")
    in_area = left_area_on or arrived_on
    if not area_in_force(origin_area, in_area):
        errors["origin_area"] = _(
            "%(area)s was not listed as an epidemic area on %(day)s (listed %(from)s–%(to)s)."
        ) % {
            "area": origin_area.name,
            "day": _d(in_area),
            "from": _d(origin_area.valid_from),
            "to": _d(origin_area.valid_to) if origin_area.valid_to else "…",
        }
    if errors:
        raise ValidationError(errors)
    action = arrival_action(origin_area, arrived_on)
    return Arrival.objects.create(
        person=person,
        origin_area=origin_area,
        arrived_on=arrived_on,
        left_area_on=left_area_on,
        required_kind=action["kind"] if action.get("days") else "",
        test_required=bool(action.get("test")),
        required_action=f"{action['label']} ({action['cite']})"[:600],
    )


@transaction.atomic
def arrival_apply(*, arrival: Arrival, facility: QuarantineFacility | None = None) -> Arrival:
    """Carry out the required action: the quarantine order (dated the arrival) and the test request."""
    if arrival.status != ActionStatus.PENDING:
        _fail("status", _("The action for this arrival was already taken."))
    action = arrival_action(arrival.origin_area, arrival.arrived_on)
    if arrival.required_kind:
        arrival.order = order_create(
            person=arrival.person,
            subject=Subject.ARRIVAL,
            kind=arrival.required_kind,
            start_date=arrival.arrived_on,
            facility=facility if arrival.required_kind == OrderKind.FACILITY else None,
            exposed_on=arrival.left_area_on or arrival.arrived_on,
            cluster=arrival.origin_area.name[:100],
            arrival_action=action,
        )
    if arrival.test_required:
        scheduled = arrival.order.samples.order_by("taken_on").first() if arrival.order else None
        arrival.test_sample = scheduled or _test_request(arrival.person, arrival.arrived_on, SampleReason.ARRIVAL)
    arrival.status = ActionStatus.DONE
    arrival.save()
    return arrival


@transaction.atomic
def origin_area_save(
    *,
    name: str,
    risk_level: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    unit=None,
    source: str = "",
    area: OriginArea | None = None,
) -> OriginArea:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Enter the area's name.")
    if valid_to and valid_to < valid_from:
        errors["valid_to"] = _("The end date must not be before the start date.")
    if errors:
        raise ValidationError(errors)
    area = area or OriginArea()
    area.name, area.risk_level, area.valid_from, area.valid_to = name.strip(), risk_level, valid_from, valid_to
    area.unit, area.source = unit, source.strip()
    area.save()
    return area
