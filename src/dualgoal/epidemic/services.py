"""Writes of the epidemic core: cases, contacts, group exposures, quarantine starts — each re-levels tracing.

Every service validates first (Vietnamese messages naming the field), writes in one transaction, and calls
`tracing_service.relevel` in that same transaction, so a stored level never disagrees with its inputs.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dualgoal.core.clock import today
from dualgoal.people.models import Person

from . import tracing_service
from .choices import Outcome
from .models import Attendance, Case, Contact, GroupExposure, QuarantineStart


def _not_future(errors: dict, field: str, value: dt.date | None) -> None:
    if value is not None and value > today():
        errors[field] = _("The date %(day)s is in the future.") % {"day": f"{value:%d/%m/%Y}"}


@transaction.atomic
def case_record(
    *,
    person: Person,
    code: str,
    sample_date: dt.date,
    test_kind: str = "rt_pcr",
    onset_date: dt.date | None = None,
    source: str = "local",
    notified_by: str = "",
    isolation_date: dt.date | None = None,
    treatment_place: str = "",
    is_demo: bool = False,
) -> Case:
    """Record a confirmed case (F0); everyone downstream is re-levelled (an F1 who becomes F0 included)."""
    errors: dict[str, str] = {}
    code = code.strip().upper()
    if not code:
        errors["code"] = _("Enter the case code (e.g. BN12345).")
    elif Case.objects.filter(code=code).exists():
        errors["code"] = _("Case code %(code)s already exists.") % {"code": code}
    for field, value in (("sample_date", sample_date), ("onset_date", onset_date), ("isolation_date", isolation_date)):
        _not_future(errors, field, value)
    if onset_date and onset_date > sample_date + dt.timedelta(days=30):
        errors["onset_date"] = _("Symptom onset is more than 30 days after the positive sample.")
    if isolation_date and isolation_date < min(onset_date or sample_date, sample_date) - dt.timedelta(days=30):
        errors["isolation_date"] = _("The isolation date is long before the sample date.")
    if errors:
        raise ValidationError(errors)
    case = Case.objects.create(
        person=person,
        code=code,
        sample_date=sample_date,
        test_kind=test_kind,
        onset_date=onset_date,
        source=source,
        notified_by=notified_by,
        isolation_date=isolation_date,
        treatment_place=treatment_place,
        is_demo=is_demo,
    )
    start, stop = tracing_service.source_window(case)
    tracing_service.relevel(cause=_("Case %(code)s recorded") % {"code": code}, set_sources=[(person.pk, start, stop)])
    return case


@transaction.atomic
def case_update(
    *,
    case: Case,
    isolation_date: dt.date | None = None,
    outcome: str | None = None,
    outcome_date: dt.date | None = None,
    treatment_place: str | None = None,
) -> Case:
    errors: dict[str, str] = {}
    _not_future(errors, "isolation_date", isolation_date)
    _not_future(errors, "outcome_date", outcome_date)
    if outcome is not None and outcome not in Outcome.values:
        errors["outcome"] = _("Unknown outcome.")
    if outcome in {Outcome.DISCHARGED, Outcome.DIED} and not (outcome_date or case.outcome_date):
        errors["outcome_date"] = _("Enter the date of discharge or death.")
    if errors:
        raise ValidationError(errors)
    changed_window = isolation_date is not None and isolation_date != case.isolation_date
    if isolation_date is not None:
        case.isolation_date = isolation_date
    for name, value in (("outcome", outcome), ("outcome_date", outcome_date), ("treatment_place", treatment_place)):
        if value is not None:
            setattr(case, name, value)
    case.save()
    if changed_window:
        start, stop = tracing_service.source_window(case)
        tracing_service.relevel(
            cause=_("Case %(code)s isolated on %(day)s") % {"code": case.code, "day": f"{isolation_date:%d/%m/%Y}"},
            set_sources=[(case.person_id, start, stop)],
        )
    return case


@transaction.atomic
def contact_record(
    *, person_a: Person, person_b: Person, date: dt.date, setting: str = "other", note: str = "", is_demo: bool = False
) -> Contact:
    errors: dict[str, str] = {}
    if person_a.pk == person_b.pk:
        errors["person_b"] = _("A person cannot be their own contact.")
    _not_future(errors, "date", date)
    if errors:
        raise ValidationError(errors)
    contact = Contact.objects.create(
        person_a=person_a, person_b=person_b, date=date, setting=setting, note=note, is_demo=is_demo
    )
    tracing_service.relevel(
        # The cause is shown in the history of everyone it re-levels, in any commune: it names no person.
        cause=_("Contact no. %(pk)s on %(day)s") % {"pk": contact.pk, "day": f"{date:%d/%m/%Y}"},
        add_contacts=[(contact.pk, person_a.pk, person_b.pk, date)],
    )
    return contact


@transaction.atomic
def group_exposure_create(
    *,
    name: str,
    admin_unit,
    date_from: dt.date,
    date_to: dt.date,
    setting: str = "other",
    place: str = "",
    attendees: list[tuple[Person, dt.date, dt.date]] = (),
    is_demo: bool = False,
) -> GroupExposure:
    """An event or place with its attendees (each present from–to); no pairs are stored."""
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Enter the name of the event or place.")
    if date_to < date_from:
        errors["date_to"] = _("The end date is before the start date.")
    _not_future(errors, "date_from", date_from)
    for number, (_person, start, end) in enumerate(attendees, start=1):
        if end < start or start < date_from or end > date_to:
            errors["attendees"] = _("Attendee %(n)s: the days present must lie within the event's dates.") % {
                "n": number
            }
            break
    if errors:
        raise ValidationError(errors)
    group = GroupExposure.objects.create(
        name=name.strip(),
        admin_unit=admin_unit,
        date_from=date_from,
        date_to=date_to,
        setting=setting,
        place=place,
        is_demo=is_demo,
    )
    Attendance.objects.bulk_create(
        [Attendance(group=group, person=p, date_from=start, date_to=end) for p, start, end in attendees]
    )
    tracing_service.relevel(
        cause=_("Group exposure %(name)s") % {"name": group.name},
        add_attendance=[(group.pk, p.pk, start, end) for p, start, end in attendees],
    )
    return group


@transaction.atomic
def quarantine_start_record(*, person: Person, kind: str, start_date: dt.date, note: str = "") -> QuarantineStart:
    errors: dict[str, str] = {}
    _not_future(errors, "start_date", start_date)
    if errors:
        raise ValidationError(errors)
    record = QuarantineStart.objects.create(person=person, kind=kind, start_date=start_date, note=note)
    latest = (
        QuarantineStart.objects.filter(person=person).order_by("-start_date").values_list("start_date", flat=True)[0]
    )
    tracing_service.relevel(
        cause=_("Quarantine no. %(pk)s from %(day)s") % {"pk": record.pk, "day": f"{start_date:%d/%m/%Y}"},
        set_quarantine=[(person.pk, latest)],
    )
    return record
