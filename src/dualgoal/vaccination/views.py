"""Screens of vaccination. Thin: scope, permission, parse the form, call a service or a selector.

Reads of a person's doses (the card, a dose, the due list) are written to the access log; IDs are masked unless
the user holds people.view_id_number.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.generic import TemplateView

from dualgoal.core.access import access_log, mask_id_number
from dualgoal.core.clock import today
from dualgoal.core.documents import Table, xlsx_tables
from dualgoal.core.views import ObjectDetailView, ObjectListView, ensure_visible
from dualgoal.core.views import ServiceFormView as CoreServiceFormView
from dualgoal.people.models import Person
from dualgoal.people.selectors import person_search

from . import rulebook, selectors, services
from .filters import AssignmentFilter, DoseFilter, SessionFilter
from .forms import (
    AssignmentForm,
    CoverageForm,
    DoseElsewhereForm,
    DueForm,
    SessionDoseForm,
    SessionForm,
    communes_visible,
)
from .models import Dose, PriorityAssignment, Session
from .tables import AssignmentTable, DoseTable, SessionTable

SEARCH_LIMIT = 20


def field_errors(form, exc: ValidationError) -> None:
    """Errors on fields the form does not show (the person is hidden): shown on top, naming the field."""
    labels = {
        "person": _("Person to vaccinate"),
        "given_on": _("Given on"),
        "product": _("Vaccine"),
        "dose_number": _("Dose number"),
        "session": _("Session"),
        "place": _("Place given"),
    }
    for name, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(None, f"{labels.get(name, name)}: {error}")


def shown_id(user, person: Person) -> str:
    return person.id_number if user.has_perm("people.view_id_number") else mask_id_number(person.id_number)


def parse_date(raw: str | None, default: dt.date) -> dt.date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime((raw or "").strip(), fmt).date()
        except ValueError:
            continue
    return default


class ServiceFormView(CoreServiceFormView):
    testid = "vaccination-form"


class VacListView(ObjectListView):
    template_name = "vaccination/object_list.html"


# ------------------------------------------------------------------------------------------------ sessions


class SessionListView(VacListView):
    model = Session
    table_class = SessionTable
    filterset_class = SessionFilter

    def get_queryset(self):
        return (
            super().get_queryset().select_related("unit").annotate(given=Count("doses")).order_by("-date", "name", "pk")
        )


class SessionCreateView(ServiceFormView):
    permission_required = "vaccination.add_session"
    form_class = SessionForm
    title = gettext_lazy("New vaccination session")
    intro = gettext_lazy("The vaccine must be approved on the session's date (rule “vaccination.products”).")
    testid = "session-form"

    def get_initial(self):
        return {"date": today(), "status": "planned"}

    def perform(self, data):
        return services.session_save(**data)

    def success_message(self, session):
        return _("Session saved: %(name)s.") % {"name": session}


class SessionEditView(ServiceFormView):
    permission_required = "vaccination.change_session"
    model = Session
    form_class = SessionForm
    title = gettext_lazy("Change the session")
    testid = "session-form"

    def get_initial(self):
        s = self.object
        return {
            "name": s.name,
            "unit": s.unit,
            "place": s.place,
            "organisation": s.organisation,
            "date": s.date,
            "product": s.product,
            "lot_number": s.lot_number,
            "lot_expiry": s.lot_expiry,
            "capacity": s.capacity,
            "status": s.status,
        }

    def perform(self, data):
        return services.session_save(session=self.object, **data)


class SessionDetailView(ObjectDetailView):
    """The session, the doses given in it, and the quick "record a dose" form: search the person by name or
    citizen ID (people.selectors.person_search), then record. Refusals are shown on the page; nothing is saved."""

    model = Session
    template_name = "vaccination/session_detail.html"
    detail_fields = (
        "name",
        "unit",
        "place",
        "organisation",
        "date",
        "lot_number",
        "lot_expiry",
        "capacity",
        "status",
    )

    def get_queryset(self):
        return super().get_queryset().select_related("unit", "organisation")

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not request.user.has_perm("vaccination.add_dose"):
            raise PermissionDenied
        form = SessionDoseForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                dose = services.dose_record(
                    person=form.cleaned_data["person"],
                    session=self.object,
                    reaction_notes=form.cleaned_data["reaction_notes"],
                )
            except ValidationError as exc:
                field_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Dose %(number)s recorded for %(name)s.") % {"number": dose.dose_number, "name": dose.person},
                )
                return redirect(self.object.get_absolute_url())
        chosen = form.cleaned_data.get("person") if hasattr(form, "cleaned_data") else None
        return self.render_to_response(self.get_context_data(form=form, chosen=chosen))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session, user = self.object, self.request.user
        doses = list(
            Dose.objects.visible_to(user)
            .filter(session=session)
            .select_related("person", "person__residence_unit")
            .order_by("-created_at")
        )
        query = self.request.GET.get("q", "").strip()
        results = []
        if query and user.has_perm("vaccination.add_dose"):
            found = list(person_search(query, user)[:SEARCH_LIMIT])
            access_log(request=self.request, action="view", object_type="people.Person", detail=f"search {query}")
            for person in found:
                reasons = services.dose_refusals(person, session.product, session.date, session=session)
                results.append(
                    {"person": person, "id_number": shown_id(user, person), "refusals": [r.message for r in reasons]}
                )
        context.update(
            doses=[{"dose": d, "id_number": shown_id(user, d.person)} for d in doses],
            given=Dose.objects.filter(session=session).count(),
            product_label=session.product_label,
            query=query,
            results=results,
            form=kwargs.get("form") or SessionDoseForm(user=user),
            chosen=kwargs.get("chosen"),
            can_record=user.has_perm("vaccination.add_dose"),
        )
        if doses:
            access_log(request=self.request, action="view", obj=session, detail="doses of the session")
        return context


# ------------------------------------------------------------------------------------------------ doses


class DoseListView(VacListView):
    model = Dose
    table_class = DoseTable
    filterset_class = DoseFilter

    def get_queryset(self):
        access_log(request=self.request, action="view", object_type="vaccination.Dose", detail="dose list")
        return super().get_queryset().select_related("person", "session")


class DoseDetailView(ObjectDetailView):
    model = Dose
    template_name = "vaccination/dose_detail.html"
    detail_fields = ("dose_number", "given_on", "lot_number", "session", "place", "reaction_notes", "completes_series")

    def get_queryset(self):
        return super().get_queryset().select_related("person", "session")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access_log(request=self.request, action="view", obj=self.object, detail="dose")
        context["id_number"] = shown_id(self.request.user, self.object.person)
        return context


class PersonMixin:
    def load(self):
        self.object = ensure_visible(Person.objects.visible_to(self.request.user), self.kwargs["person_pk"])


class DoseElsewhereView(PersonMixin, ServiceFormView):
    permission_required = "vaccination.add_dose"
    form_class = DoseElsewhereForm
    title = gettext_lazy("Record a dose given elsewhere")
    intro = gettext_lazy("A dose given outside the district's sessions: another district, a hospital, abroad.")
    testid = "dose-elsewhere-form"

    def get_initial(self):
        return {"given_on": today()}

    def perform(self, data):
        return services.dose_record(person=self.object, **data)

    def success_message(self, dose):
        return _("Dose %(number)s recorded for %(name)s.") % {"number": dose.dose_number, "name": dose.person}

    def success_url_for(self, dose):
        return reverse("vaccination:person_card", args=[dose.person_id])


# ------------------------------------------------------------------------------------------------ priority groups


class AssignmentListView(VacListView):
    model = PriorityAssignment
    table_class = AssignmentTable
    filterset_class = AssignmentFilter

    def get_queryset(self):
        return super().get_queryset().select_related("person", "organisation")


class AssignmentDetailView(ObjectDetailView):
    model = PriorityAssignment
    template_name = "vaccination/assignment_detail.html"
    detail_fields = ("basis", "basis_detail", "organisation", "assigned_on", "is_current")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access_log(request=self.request, action="view", obj=self.object, detail="priority assignment")
        return context


class AssignmentCreateView(PersonMixin, ServiceFormView):
    permission_required = "vaccination.add_priorityassignment"
    form_class = AssignmentForm
    title = gettext_lazy("Assign a priority group")
    intro = gettext_lazy("The 9 groups of Resolution 21/NQ-CP (rule “vaccination.priority_groups”).")
    testid = "assignment-form"

    def get_initial(self):
        return {"assigned_on": today()}

    def perform(self, data):
        return services.assignment_save(person=self.object, **data)

    def success_url_for(self, assignment):
        return reverse("vaccination:person_card", args=[assignment.person_id])


# ------------------------------------------------------------------------------------------------ the card


class PersonCardView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """A person's vaccination card: doses, priority group, next dose due."""

    permission_required = "vaccination.view_dose"
    template_name = "vaccination/person_card.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        person = ensure_visible(
            Person.objects.visible_to(user).select_related("residence_unit"), self.kwargs["person_pk"]
        )
        access_log(request=self.request, action="view", obj=person, detail="vaccination card")
        doses = list(person.doses.select_related("session").order_by("dose_number"))
        last = doses[-1] if doses else None
        earliest, latest = selectors.next_dose_window(last) if last else (None, None)
        day = today()
        context.update(
            person=person,
            id_number=shown_id(user, person),
            doses=doses,
            assignment=person.priority_assignments.filter(is_current=True).select_related("organisation").first(),
            complete=bool(last and last.completes_series),
            earliest=earliest,
            latest=latest,
            overdue=bool(latest and latest < day),
            due=bool(earliest and earliest <= day),
            can_record=user.has_perm("vaccination.add_dose"),
            can_assign=user.has_perm("vaccination.add_priorityassignment"),
        )
        return context


# ------------------------------------------------------------------------------------------------ coverage


def pct_row(coverage, *, label: str, code: str, path: str = "") -> dict:
    return {
        "label": label,
        "code": code,
        "path": path,
        "c": coverage,
        "one_pct": coverage.share_one * 100,
        "full_pct": coverage.share_full * 100,
    }


class CoverageView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Coverage by commune, age band and priority group (one dose / full series, against registered adults)."""

    permission_required = "vaccination.view_coverage"
    template_name = "vaccination/coverage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = CoverageForm(self.request.GET or None, user=user)
        day, commune = today(), None
        if form.is_valid():
            day = form.cleaned_data["on"] or day
            commune = form.cleaned_data["commune"]
        units = list(communes_visible(user).order_by("path"))
        names = {u.pk: u for u in units}
        ids = [commune.pk] if commune else list(names)
        by_commune = selectors.coverage_by_commune(on=day, commune_ids=ids)
        rows = [
            pct_row(cov, label=str(names[pk]), code=names[pk].code, path=names[pk].path)
            for pk, cov in by_commune.items()
            if pk in names
        ]
        rows.sort(key=lambda r: r["path"])
        total = selectors.Coverage(
            unit_id=0,
            adults=sum(r["c"].adults for r in rows),
            one_dose=sum(r["c"].one_dose for r in rows),
            full=sum(r["c"].full for r in rows),
        )
        min_age = rulebook.optional_rule(rulebook.MIN_AGE, on=day)
        context.update(
            form=form,
            day=day,
            commune=commune,
            rows=rows,
            total=pct_row(total, label=_("Total"), code="total"),
            bands=[
                pct_row(r, label=r.label, code=r.key) for r in selectors.coverage_by_age_band(on=day, commune_ids=ids)
            ],
            groups=[
                pct_row(r, label=r.label, code=r.key or "none")
                for r in selectors.coverage_by_group(on=day, commune_ids=ids)
            ],
            min_age=min_age,
        )
        return context


# ------------------------------------------------------------------------------------------------ due list


class DueMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "vaccination.view_dose"

    def due_queryset(self):
        user = self.request.user
        self.form = DueForm(self.request.GET or None, user=user)
        day = today()
        self.due_by, commune, overdue_only = day, None, False
        if self.form.is_valid():
            self.due_by = self.form.cleaned_data["due_by"] or day
            commune = self.form.cleaned_data["commune"]
            overdue_only = self.form.cleaned_data["overdue_only"]
        queryset = Dose.objects.visible_to(user)
        if commune is not None:
            queryset = queryset.filter(person__residence_unit__path__startswith=commune.path)
        queryset = selectors.due_doses(queryset, due_by=self.due_by, today=day)
        if overdue_only:
            queryset = queryset.filter(overdue=True)
        return queryset

    def row(self, dose):
        earliest, latest = selectors.next_dose_window(dose)
        unit = dose.person.residence_unit
        return {
            "dose": dose,
            "person": dose.person,
            "id_number": shown_id(self.request.user, dose.person),
            "unit": unit,
            "next_number": dose.dose_number + 1,
            "earliest": earliest,
            "latest": latest,
            "overdue": dose.overdue,
        }


class DueListView(DueMixin, TemplateView):
    """People due for their next dose: due from the minimum interval, overdue after the maximum."""

    template_name = "vaccination/due.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = self.due_queryset()
        page = Paginator(queryset, 50).get_page(self.request.GET.get("page"))
        access_log(
            request=self.request,
            action="view",
            object_type="vaccination.Dose",
            detail=f"due list {self.request.GET.urlencode()}",
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=self.form,
            page=page,
            rows=[self.row(d) for d in page.object_list],
            due_by=self.due_by,
            query=query.urlencode(),
        )
        return context


class DueExportView(DueMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        queryset = self.due_queryset()
        access_log(
            request=request,
            action="export",
            object_type="vaccination.Dose",
            detail=f"due list {request.GET.urlencode()}",
        )
        rows, hot = [], set()
        for index, dose in enumerate(queryset.iterator()):
            row = self.row(dose)
            if row["overdue"]:
                hot.add(index)
            rows.append(
                [
                    index + 1,
                    row["person"].full_name,
                    row["id_number"],
                    str(row["unit"] or ""),
                    rulebook.product_label(dose.product),
                    dose.dose_number,
                    dose.given_on,
                    row["next_number"],
                    row["earliest"],
                    row["latest"],
                    pgettext("vaccination", "overdue") if row["overdue"] else pgettext("vaccination", "due"),
                ]
            )
        table = Table(
            title=_("People due for their next dose by %(day)s") % {"day": f"{self.due_by:%d/%m/%Y}"},
            columns=[
                pgettext("table row", "No."),
                _("Full name"),
                _("Citizen ID"),
                _("Residence"),
                _("Vaccine"),
                _("Last dose"),
                _("Given on"),
                _("Next dose"),
                _("Due from"),
                _("Due by"),
                _("Status"),
            ],
            rows=rows,
            highlight_rows=frozenset(hot),
        )
        content = xlsx_tables(sheets=[(_("Due"), table)], title=table.title)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="den-han-tiem-{self.due_by:%Y%m%d}.xlsx"'
        return response
