"""Writes of vaccination. Keyword-only, one transaction each; a refusal names the field and cites the rule.

Eligibility of a dose (`dose_refusals`) returns every reason at once:
age on the day (birth date, or the year alone when only the year is known), product approved on the day, dose
number = previous doses + 1 and within the product's series, interval since the previous dose, dose 2 with the same
product unless `vaccination.dose2_mix` allows the pair, no date in the future, once per session, no F0 under
treatment. `dose_record` refuses with all of them and saves nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dualgoal.core.clock import today
from dualgoal.epidemic.choices import Outcome
from dualgoal.epidemic.models import Case
from dualgoal.geography.choices import Level
from dualgoal.people.models import Person

from . import rulebook
from .choices import SessionStatus
from .models import Dose, PriorityAssignment, Session
from .selectors import years_before


def _d(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "—"


@dataclass(frozen=True)
class Refusal:
    field: str
    message: str


def _errors(refusals: list[Refusal]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for refusal in refusals:
        errors.setdefault(refusal.field, []).append(refusal.message)
    return errors


def age_refusal(person: Person, on: dt.date) -> Refusal | None:
    """The minimum-age check: by birth date, or by the year alone (said so) when only the year is known."""
    found = rulebook.optional_rule(rulebook.MIN_AGE, on=on)
    if found is None:
        return Refusal(
            "person", _("No rule “%(key)s” is in force on %(day)s.") % {"key": rulebook.MIN_AGE, "day": _d(on)}
        )
    minimum = int(found.value)
    if person.birth_date:
        if person.birth_date > years_before(on, minimum):
            age = (
                on.year
                - person.birth_date.year
                - ((on.month, on.day) < (person.birth_date.month, person.birth_date.day))
            )
            return Refusal(
                "person",
                _("%(name)s is %(age)s years old on %(day)s; the minimum age is %(min)s (rule “%(key)s”, %(cite)s).")
                % {
                    "name": person.full_name,
                    "age": age,
                    "day": _d(on),
                    "min": minimum,
                    "key": found.key,
                    "cite": found.cite(),
                },
            )
        return None
    if person.birth_year:
        if on.year - person.birth_year < minimum:
            return Refusal(
                "person",
                _(
                    "Only the year of birth (%(year)s) is known, judged by year: %(name)s turns %(age)s in %(this)s; "
                    "the minimum age is %(min)s (rule “%(key)s”, %(cite)s)."
                )
                % {
                    "year": person.birth_year,
                    "name": person.full_name,
                    "age": on.year - person.birth_year,
                    "this": on.year,
                    "min": minimum,
                    "key": found.key,
                    "cite": found.cite(),
                },
            )
        return None
    return Refusal(
        "person",
        _(
            "The date of birth of %(name)s is unknown: the minimum age of %(min)s cannot be checked "
            "(rule “%(key)s”, %(cite)s). Record the date or year of birth in the person registry first."
        )
        % {"name": person.full_name, "min": minimum, "key": found.key, "cite": found.cite()},
    )


def dose_refusals(
    person: Person,
    product: str,
    on: dt.date,
    *,
    session: Session | None = None,
    dose_number: int | None = None,
) -> list[Refusal]:
    """Every reason why `person` may not receive `product` on `on` (empty: eligible). Each cites its rule."""
    refusals: list[Refusal] = []
    if on > today():
        refusals.append(
            Refusal(
                "given_on", _("The date %(day)s is in the future: a dose is recorded once given.") % {"day": _d(on)}
            )
        )

    age = age_refusal(person, on)
    if age:
        refusals.append(age)

    products_rule = rulebook.optional_rule(rulebook.PRODUCTS, on=on)
    entry = None
    if products_rule is None:
        refusals.append(
            Refusal(
                "product", _("No rule “%(key)s” is in force on %(day)s.") % {"key": rulebook.PRODUCTS, "day": _d(on)}
            )
        )
    else:
        entry = next((p for p in products_rule.value if p["code"] == product), None)
        if entry is None:
            refusals.append(
                Refusal(
                    "product",
                    _("“%(code)s” is not a vaccine of the rule “%(key)s” (%(cite)s).")
                    % {"code": product, "key": products_rule.key, "cite": products_rule.cite()},
                )
            )
        elif dt.date.fromisoformat(entry["approved_on"]) > on:
            refusals.append(
                Refusal(
                    "product",
                    _(
                        "%(label)s was not yet approved on %(day)s: it is approved from %(approved)s "
                        "(rule “%(key)s”, %(cite)s)."
                    )
                    % {
                        "label": entry["label"],
                        "day": _d(on),
                        "approved": _d(dt.date.fromisoformat(entry["approved_on"])),
                        "key": products_rule.key,
                        "cite": products_rule.cite(),
                    },
                )
            )

    previous = list(Dose.objects.filter(person=person).order_by("dose_number"))
    last = previous[-1] if previous else None
    expected = len(previous) + 1
    if dose_number is not None and dose_number != expected:
        refusals.append(
            Refusal(
                "dose_number",
                _("%(name)s has %(count)s dose(s) recorded: this is dose %(expected)s, not dose %(number)s.")
                % {"name": person.full_name, "count": len(previous), "expected": expected, "number": dose_number},
            )
        )
    if last is not None:
        first_entry = rulebook.product(previous[0].product, on=on)
        if last.completes_series:
            source = products_rule.cite() if products_rule else ""
            refusals.append(
                Refusal(
                    "dose_number",
                    _(
                        "%(name)s has completed the series (%(count)s dose(s) of %(label)s, the last on %(day)s); "
                        "the rule “%(key)s” provides no further dose (%(cite)s)."
                    )
                    % {
                        "name": person.full_name,
                        "count": len(previous),
                        "label": rulebook.product_label(previous[0].product),
                        "day": _d(last.given_on),
                        "key": rulebook.PRODUCTS,
                        "cite": source,
                    },
                )
            )
        else:
            last_entry = rulebook.product(last.product, on=on) or first_entry
            low, _high = rulebook.interval(last_entry or {})
            if last.given_on >= on:
                refusals.append(
                    Refusal(
                        "given_on",
                        _("Dose %(number)s was given on %(day)s: the next dose must come after it.")
                        % {"number": last.dose_number, "day": _d(last.given_on)},
                    )
                )
            elif low is not None and on < last.given_on + dt.timedelta(days=low):
                refusals.append(
                    Refusal(
                        "given_on",
                        _(
                            "Only %(days)s days since dose %(number)s of %(label)s (%(day)s); the minimum interval is "
                            "%(min)s days: the earliest allowed date is %(earliest)s (rule “%(key)s”, %(cite)s)."
                        )
                        % {
                            "days": (on - last.given_on).days,
                            "number": last.dose_number,
                            "label": rulebook.product_label(last.product),
                            "day": _d(last.given_on),
                            "min": low,
                            "earliest": _d(last.given_on + dt.timedelta(days=low)),
                            "key": rulebook.PRODUCTS,
                            "cite": products_rule.cite() if products_rule else "",
                        },
                    )
                )
            if entry is not None and product != last.product:
                refusals.extend(_mix_refusals(last.product, product, on, expected))

    if session is not None and session.pk and Dose.objects.filter(person=person, session=session).exists():
        refusals.append(
            Refusal(
                "person",
                _("%(name)s has already been vaccinated in this session.") % {"name": person.full_name},
            )
        )

    active = Case.objects.filter(person=person, outcome=Outcome.TREATING, sample_date__lte=on).first()
    if active is not None:
        defer = rulebook.optional_rule(rulebook.DEFER_CASE, on=on)
        cite = _(" (rule “%(key)s”, %(cite)s)") % {"key": defer.key, "cite": defer.cite()} if defer else ""
        refusals.append(
            Refusal(
                "person",
                _(
                    "%(name)s is a confirmed case (F0) under treatment (%(code)s, positive on %(day)s): "
                    "vaccination is postponed%(cite)s."
                )
                % {"name": person.full_name, "code": active.code, "day": _d(active.sample_date), "cite": cite},
            )
        )
    return refusals


def _mix_refusals(first: str, second: str, on: dt.date, number: int) -> list[Refusal]:
    mix = rulebook.optional_rule(rulebook.DOSE2_MIX, on=on)
    allowed = mix.value.get("allowed", []) if mix else []
    if any(pair.get("first") == first and pair.get("second") == second for pair in allowed):
        return []
    if mix is None:
        return [
            Refusal(
                "product",
                _("No rule “%(key)s” is in force on %(day)s: dose %(number)s must be the same vaccine.")
                % {"key": rulebook.DOSE2_MIX, "day": _d(on), "number": number},
            )
        ]
    return [
        Refusal(
            "product",
            _(
                "Dose %(number)s must be the same vaccine as the previous dose (%(first)s); %(second)s after "
                "%(first)s is not allowed on %(day)s (rule “%(key)s”, %(cite)s)."
            )
            % {
                "number": number,
                "first": rulebook.product_label(first),
                "second": rulebook.product_label(second),
                "day": _d(on),
                "key": mix.key,
                "cite": mix.cite(),
            },
        )
    ]


@transaction.atomic
def dose_record(
    *,
    person: Person,
    session: Session | None = None,
    given_on: dt.date | None = None,
    product: str = "",
    lot_number: str = "",
    place: str = "",
    reaction_notes: str = "",
    dose_number: int | None = None,
    is_demo: bool = False,
) -> Dose:
    """Record a dose (in `session`, or given elsewhere at `place`). Refuses with every reason, saving nothing."""
    person = Person.objects.select_for_update().get(pk=person.pk)  # one dose at a time per person
    refusals: list[Refusal] = []
    if session is not None:
        session = Session.objects.select_for_update().get(pk=session.pk)
        given_on = given_on or session.date
        if given_on != session.date:
            refusals.append(
                Refusal(
                    "given_on",
                    _("The session takes place on %(day)s: its doses are given that day.") % {"day": _d(session.date)},
                )
            )
        if product and product != session.product:
            refusals.append(
                Refusal(
                    "product",
                    _("The session gives %(label)s only.") % {"label": session.product_label},
                )
            )
        product = session.product
        lot_number = lot_number or session.lot_number
        place = place or session.place
        if session.status == SessionStatus.CANCELLED:
            refusals.append(Refusal("session", _("The session was cancelled.")))
        if session.lot_expiry and session.lot_expiry < given_on:
            refusals.append(
                Refusal(
                    "session",
                    _("Lot %(lot)s expired on %(day)s.") % {"lot": session.lot_number, "day": _d(session.lot_expiry)},
                )
            )
    else:
        if given_on is None:
            refusals.append(Refusal("given_on", _("Enter the date the dose was given.")))
        if not product:
            refusals.append(Refusal("product", _("Choose the vaccine.")))
        if not place.strip():
            refusals.append(Refusal("place", _("Say where the dose was given (a dose outside a session).")))
    if given_on is not None and product:
        refusals.extend(dose_refusals(person, product, given_on, session=session, dose_number=dose_number))
    if refusals:
        raise ValidationError(_errors(refusals))
    number = Dose.objects.filter(person=person).count() + 1
    entry = rulebook.product(product, on=given_on) or {}
    try:
        with transaction.atomic():
            return Dose.objects.create(
                person=person,
                session=session,
                dose_number=number,
                given_on=given_on,
                product=product,
                lot_number=lot_number,
                place=place,
                reaction_notes=reaction_notes,
                completes_series=number >= int(entry.get("doses", 2)),
                is_demo=is_demo,
            )
    except IntegrityError as exc:
        raise ValidationError({"person": _("This dose was just recorded by someone else; reload the page.")}) from exc


@transaction.atomic
def dose_update_notes(*, dose: Dose, reaction_notes: str) -> Dose:
    dose = Dose.objects.select_for_update().get(pk=dose.pk)
    if dose.reaction_notes != reaction_notes:
        dose.reaction_notes = reaction_notes
        dose.save(update_fields=["reaction_notes", "updated_at"])
    return dose


@transaction.atomic
def session_save(
    *,
    session: Session | None = None,
    name: str,
    unit,
    date: dt.date,
    product: str,
    lot_number: str,
    capacity: int,
    place: str = "",
    organisation=None,
    lot_expiry: dt.date | None = None,
    status: str = SessionStatus.PLANNED,
    is_demo: bool = False,
) -> Session:
    """Create or change a session. The product must be approved on its date (rule `vaccination.products`)."""
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors.setdefault("name", []).append(_("Enter the session's name."))
    if unit is None or unit.level != Level.COMMUNE:
        errors.setdefault("unit", []).append(_("Choose a commune or township."))
    if not lot_number.strip():
        errors.setdefault("lot_number", []).append(_("Enter the lot number."))
    if capacity is None or capacity < 1:
        errors.setdefault("capacity", []).append(_("The planned capacity must be at least 1."))
    if lot_expiry and lot_expiry < date:
        errors.setdefault("lot_expiry", []).append(
            _("Lot %(lot)s expires on %(expiry)s, before the session (%(day)s).")
            % {"lot": lot_number, "expiry": _d(lot_expiry), "day": _d(date)}
        )
    products_rule = rulebook.optional_rule(rulebook.PRODUCTS, on=date)
    entry = next((p for p in products_rule.value if p["code"] == product), None) if products_rule else None
    if products_rule is None:
        errors.setdefault("product", []).append(
            _("No rule “%(key)s” is in force on %(day)s.") % {"key": rulebook.PRODUCTS, "day": _d(date)}
        )
    elif entry is None:
        errors.setdefault("product", []).append(
            _("“%(code)s” is not a vaccine of the rule “%(key)s” (%(cite)s).")
            % {"code": product, "key": products_rule.key, "cite": products_rule.cite()}
        )
    elif dt.date.fromisoformat(entry["approved_on"]) > date:
        errors.setdefault("product", []).append(
            _("%(label)s was not yet approved on %(day)s: it is approved from %(approved)s (rule “%(key)s”, %(cite)s).")
            % {
                "label": entry["label"],
                "day": _d(date),
                "approved": _d(dt.date.fromisoformat(entry["approved_on"])),
                "key": products_rule.key,
                "cite": products_rule.cite(),
            }
        )
    if session is not None and session.pk and session.doses.exists():
        old = Session.objects.get(pk=session.pk)
        if old.product != product or old.date != date:
            errors.setdefault("product", []).append(
                _("Doses were already recorded in this session: its vaccine and date can no longer change.")
            )
    if errors:
        raise ValidationError(errors)
    session = session or Session()
    for field, value in {
        "name": name.strip(),
        "unit": unit,
        "date": date,
        "product": product,
        "lot_number": lot_number.strip(),
        "lot_expiry": lot_expiry,
        "capacity": capacity,
        "place": place.strip(),
        "organisation": organisation,
        "status": status,
        "is_demo": is_demo,
    }.items():
        setattr(session, field, value)
    session.save()
    return session


@transaction.atomic
def assignment_save(
    *,
    person: Person,
    group_code: str,
    basis: str,
    assigned_on: dt.date,
    basis_detail: str = "",
    organisation=None,
    is_demo: bool = False,
) -> PriorityAssignment:
    """Assign the person's current priority group (the previous current one is kept as history)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    groups_rule = rulebook.optional_rule(rulebook.GROUPS, on=assigned_on)
    if groups_rule is None:
        raise ValidationError(
            {
                "group_code": _("No rule “%(key)s” is in force on %(day)s.")
                % {"key": rulebook.GROUPS, "day": _d(assigned_on)}
            }
        )
    if group_code not in {g["code"] for g in groups_rule.value}:
        raise ValidationError(
            {
                "group_code": _("“%(code)s” is not one of the priority groups of the rule “%(key)s” (%(cite)s).")
                % {"code": group_code, "key": groups_rule.key, "cite": groups_rule.cite()}
            }
        )
    if assigned_on > today():
        raise ValidationError({"assigned_on": _("The date %(day)s is in the future.") % {"day": _d(assigned_on)}})
    current = PriorityAssignment.objects.filter(person=person, is_current=True).first()
    if current is not None:
        if (current.group_code, current.basis, current.basis_detail, current.organisation_id) == (
            group_code,
            basis,
            basis_detail,
            getattr(organisation, "pk", None),
        ):
            return current
        current.is_current = False
        current.save(update_fields=["is_current", "updated_at"])
    return PriorityAssignment.objects.create(
        person=person,
        group_code=group_code,
        basis=basis,
        basis_detail=basis_detail,
        organisation=organisation,
        assigned_on=assigned_on,
        is_current=True,
        is_demo=is_demo,
    )
