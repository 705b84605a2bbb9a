"""Screens of the economy module (enterprises, portal, permits, checkpoints, shuttles, boarding houses).

Views stay thin: scope (`visible_to`), permission, parse the form, call a service or a selector. An enterprise's
own users see their enterprise only (the querysets restrict them); anything outside a user's scope is a 404.
"""

from __future__ import annotations

import mimetypes
import os

import segno
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from dualgoal.accounts.roles import user_roles
from dualgoal.core.access import access_log
from dualgoal.core.clock import today
from dualgoal.core.rulebook import RuleNotFound, rule
from dualgoal.core.views import ObjectDetailView, ObjectListView, add_errors, object_urls
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit

from . import selectors, services
from .choices import ConditionKind, EnterpriseStatus, ScanResult
from .filters import (
    ACTION_LABELS,
    AutomaticActionFilter,
    EmploymentFilter,
    EnterpriseFilter,
    InspectionFilter,
    PermitFilter,
)
from .forms import (
    BoardingHouseForm,
    BulkCommitmentForm,
    CheckpointForm,
    CommitmentForm,
    ConditionReviewForm,
    ConditionSubmitForm,
    ConfirmationForm,
    DecisionForm,
    EnterpriseForm,
    InspectionForm,
    LeaseForm,
    PermitRequestForm,
    ShuttleForm,
    TripForm,
    WorkerSearchForm,
    units_for,
)
from .models import (
    AutomaticAction,
    BoardingHouse,
    Condition,
    Decision,
    Employment,
    Enterprise,
    IndustrialPark,
    Inspection,
    LabourConfirmation,
    Lease,
    Permit,
    PermitScan,
    Shuttle,
    Trip,
)
from .querysets import ENTERPRISE_ROLE
from .tables import (
    BoardingHouseTable,
    DecisionTable,
    EmploymentTable,
    EnterpriseTable,
    IndustrialParkTable,
    InspectionTable,
    LabourConfirmationTable,
    LeaseTable,
    PermitScanTable,
    PermitTable,
    ShuttleTable,
    TripTable,
)

CHECKPOINT_SESSION_KEY = "economy_checkpoint"
MAX_REFUSAL_MESSAGES = 30


def own_enterprises(user):
    """The enterprises whose portal the user works in as the enterprise itself (role "enterprise")."""
    organisations = user.memberships.filter(role=ENTERPRISE_ROLE).values_list("organisation_id", flat=True)
    return Enterprise.objects.visible_to(user).filter(organisation_id__in=list(organisations))


def is_enterprise_user(user) -> bool:
    return not user.is_superuser and user_roles(user) == {ENTERPRISE_ROLE}


def serve_file(field_file, *, request, obj, detail: str):
    if not field_file:
        raise Http404
    access_log(request=request, action="view", obj=obj, detail=detail)
    name = os.path.basename(field_file.name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(field_file.open("rb"), filename=name, content_type=content_type)


# --- entry, dashboard ------------------------------------------------------------------------------------------


class IndexView(LoginRequiredMixin, View):
    """/economy/: an enterprise's user lands on their own enterprise, staff on the dashboard."""

    def get(self, request):
        if is_enterprise_user(request.user):
            return redirect("economy:portal_home")
        if request.user.has_perm("economy.view_dashboard"):
            return redirect("economy:dashboard")
        raise PermissionDenied


class DashboardView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "economy.view_dashboard"
    template_name = "economy/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, day = self.request.user, today()
        enterprises = Enterprise.objects.visible_to(user)
        scans = PermitScan.objects.filter(permit__in=Permit.objects.visible_to(user), at__date=day)
        context.update(
            day=day,
            reopen=selectors.reopen_figure(enterprises, on=day),
            statuses=selectors.by_status(enterprises),
            status_choices=EnterpriseStatus,
            parks=selectors.by_park(enterprises, IndustrialPark.objects.visible_to(user)),
            workers=selectors.workers_figure(enterprises, Employment.objects.visible_to(user), on=day),
            permits=selectors.permit_counts(Permit.objects.visible_to(user), on=day),
            due=selectors.inspections_due(Inspection.objects.visible_to(user), on=day, limit=20),
            scans=scan_counts(scans),
            actions=action_rows(AutomaticAction.objects.filter(enterprise__in=enterprises)[:8]),
            flagged=enterprises.filter(flagged=True).count(),
        )
        return context


def scan_counts(scans) -> list[dict]:
    counts = dict(scans.order_by().values_list("result").annotate(n=Count("pk")))
    return [{"value": r.value, "label": r.label, "n": counts[r.value]} for r in ScanResult if counts.get(r.value)]


# --- enterprises -----------------------------------------------------------------------------------------------


class EnterpriseListView(ObjectListView):
    model = Enterprise
    table_class = EnterpriseTable
    filterset_class = EnterpriseFilter
    template_name = "economy/enterprise_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("park", "commune")


class EnterpriseCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "economy.add_enterprise"
    form_class = EnterpriseForm
    template_name = "core/form.html"
    extra_context = {"title": _("Register an enterprise"), "testid": "enterprise-form"}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            enterprise = services.enterprise_register(**form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s registered.") % {"name": enterprise.name})
        return redirect(enterprise.get_absolute_url())


def ordered_conditions(enterprise: Enterprise) -> list[Condition]:
    """The checklist in its own order (plan, accommodation, tests, shuttles)."""
    return sorted(enterprise.conditions.all(), key=lambda c: ConditionKind.values.index(c.kind))


def with_findings(inspections) -> list[Inspection]:
    """Inspections with `finding_rows`: (checklist item, finding) for the items the team wrote about."""
    rows = list(inspections)
    for inspection in rows:
        findings = inspection.findings or {}
        inspection.finding_rows = [(k.label, findings[k.value]) for k in ConditionKind if findings.get(k.value)]
    return rows


def action_rows(actions) -> list[dict]:
    return [{"action": a, "label": ACTION_LABELS.get(a.action, a.action)} for a in actions]


class EnterpriseDetailView(ObjectDetailView):
    model = Enterprise
    template_name = "economy/enterprise_detail.html"
    detail_fields = ("tax_code", "park", "commune", "address", "sector", "workforce", "status")

    def get_queryset(self):
        return super().get_queryset().select_related("park", "commune", "organisation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enterprise, user, day = self.object, self.request.user, today()
        employments = Employment.objects.visible_to(user)
        context.update(
            day=day,
            conditions=ordered_conditions(enterprise),
            can_review=user.has_perm("economy.change_condition"),
            can_submit=user.has_perm("economy.submit_condition"),
            inspections=with_findings(Inspection.objects.visible_to(user).filter(enterprise=enterprise)),
            decisions=Decision.objects.visible_to(user).filter(enterprise=enterprise),
            summary=selectors.workers_summary(enterprise, employments, on=day),
            confirmations=LabourConfirmation.objects.visible_to(user)
            .filter(enterprise=enterprise)
            .select_related("confirmed_by")
            .annotate(worker_count=Count("employments")),
            leases=Lease.objects.visible_to(user).filter(enterprise=enterprise).select_related("boarding_house"),
            shuttles=Shuttle.objects.visible_to(user)
            .filter(enterprise=enterprise)
            .annotate(trip_count=Count("trips"))
            .select_related("driver"),
            actions=action_rows(enterprise.automatic_actions.all()[:50]),
            permits=selectors.permit_counts(
                Permit.objects.visible_to(user).filter(employment__enterprise=enterprise), on=day
            ),
            ready=selectors.conditions_ready(enterprise),
        )
        return context


class EnterpriseMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """A page about one enterprise the user may see (else 404)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.enterprise = get_object_or_404(
            Enterprise.objects.visible_to(request.user).select_related("park", "commune"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "enterprise": self.enterprise}


class InspectionCreateView(EnterpriseMixin, FormView):
    """An inspection with its findings per checklist item and its decision (pass, fix by a date, suspend)."""

    permission_required = "economy.add_inspection"
    form_class = InspectionForm
    template_name = "economy/inspection_form.html"

    def get_initial(self):
        return {"date": today()}

    def form_valid(self, form):
        try:
            services.inspection_record(enterprise=self.enterprise, **form.service_arguments())
        except ValidationError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Inspection recorded."))
        return redirect(self.enterprise.get_absolute_url())


class DecisionCreateView(EnterpriseMixin, FormView):
    permission_required = "economy.add_decision"
    form_class = DecisionForm
    template_name = "economy/decision_form.html"

    def get_initial(self):
        return {"date": today()}

    def form_valid(self, form):
        try:
            decision = services.decision_record(enterprise=self.enterprise, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Decision recorded (%(decision)s); the enterprise is now %(status)s.")
            % {"decision": decision.get_kind_display(), "status": self.enterprise.get_status_display()},
        )
        return redirect(self.enterprise.get_absolute_url())


class ConfirmationCreateView(EnterpriseMixin, FormView):
    """The Labour department confirms a list of the enterprise's committed workers."""

    permission_required = "economy.add_labourconfirmation"
    form_class = ConfirmationForm
    template_name = "economy/confirmation_form.html"

    def get_initial(self):
        return {"date": today()}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "enterprise": self.enterprise,
            "employments": Employment.objects.visible_to(self.request.user),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        confirmation = services.labour_confirmation_record(
            enterprise=self.enterprise,
            number=data["number"],
            date=data["date"],
            confirmed_by=data["confirmed_by"],
            employments=data["employments"],
        )
        messages.success(
            self.request,
            _("List %(number)s confirmed with %(n)s workers.")
            % {"number": confirmation.number, "n": confirmation.employments.count()},
        )
        return redirect(self.enterprise.get_absolute_url())


class ConditionSubmitView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "economy.submit_condition"

    def post(self, request, pk):
        condition = get_object_or_404(Condition.objects.visible_to(request.user), pk=pk)
        form = ConditionSubmitForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.condition_submit(condition=condition, **form.cleaned_data)
            except ValidationError as exc:
                for error in exc.messages:
                    messages.error(request, f"{condition.get_kind_display()}: {error}")
            else:
                messages.success(request, _("%(condition)s submitted.") % {"condition": condition.get_kind_display()})
        return redirect(request.POST.get("next") or reverse("economy:portal", args=[condition.enterprise_id]))


class ConditionReviewView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "economy.change_condition"

    def post(self, request, pk):
        condition = get_object_or_404(Condition.objects.visible_to(request.user), pk=pk)
        form = ConditionReviewForm(request.POST)
        if not form.is_valid():
            raise Http404
        try:
            services.condition_review(
                condition=condition, decision=form.cleaned_data["decision"], note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(
                request,
                _("%(condition)s: %(status)s.")
                % {"condition": condition.get_kind_display(), "status": condition.get_status_display()},
            )
        return redirect(condition.enterprise.get_absolute_url())


class ConditionDocumentView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "economy.view_condition"

    def get(self, request, pk):
        condition = get_object_or_404(Condition.objects.visible_to(request.user), pk=pk)
        return serve_file(condition.document, request=request, obj=condition, detail="condition document")


# --- the enterprise portal -------------------------------------------------------------------------------------


class PortalHomeView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """An enterprise user lands on their own enterprise; others choose one in the list."""

    permission_required = "economy.use_portal"

    def get(self, request):
        own = list(own_enterprises(request.user)[:2])
        if len(own) == 1:
            return redirect("economy:portal", pk=own[0].pk)
        return redirect("economy:enterprise_list")


class PortalMixin(EnterpriseMixin):
    permission_required = "economy.use_portal"
    tab = "conditions"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tab"] = self.tab
        context["day"] = today()
        return context


class PortalView(PortalMixin, TemplateView):
    """The enterprise's own page: its status, the reopening checklist with uploads, the last inspection."""

    template_name = "economy/portal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enterprise, user = self.enterprise, self.request.user
        context.update(
            conditions=ordered_conditions(enterprise),
            can_submit=user.has_perm("economy.submit_condition"),
            summary=selectors.workers_summary(enterprise, Employment.objects.visible_to(user), on=context["day"]),
            inspection=(with_findings(Inspection.objects.visible_to(user).filter(enterprise=enterprise)[:1]) or [None])[
                0
            ],
            decision=Decision.objects.visible_to(user).filter(enterprise=enterprise).first(),
            actions=action_rows(enterprise.automatic_actions.all()[:10]),
        )
        return context


def permit_points(employment: Employment) -> tuple[str, str]:
    """The two points of a permit: the worker's residence and the enterprise's address."""
    person, enterprise = employment.person, employment.enterprise
    unit = person.residence_unit
    place = ", ".join(u.name for u in (unit, unit.parent if unit else None) if u is not None)
    address = person.address or ""
    residence = address if (not place or place in address) else ", ".join(p for p in (address, place) if p)
    park = enterprise.park.name if enterprise.park and enterprise.park.name not in enterprise.address else ""
    workplace = ", ".join(part for part in (enterprise.name, enterprise.address, park) if part)
    return residence, workplace


def issue_permits(request, employments, *, valid_from, valid_to, route: str) -> tuple[int, list[str]]:
    """Issue a permit to each worker; return the count and one refusal line per worker refused."""
    issued, refusals = 0, []
    for employment in employments:
        residence, workplace = permit_points(employment)
        try:
            services.permit_issue(
                employment=employment,
                residence=residence,
                workplace=workplace,
                valid_from=valid_from,
                valid_to=valid_to,
                route=route,
            )
        except ValidationError as exc:
            refusals.append(f"{employment.person.full_name}: {' '.join(exc.messages)}")
        else:
            issued += 1
    return issued, refusals


def report_permits(request, issued: int, refusals: list[str]) -> None:
    if issued:
        messages.success(request, _("%(n)s permits issued.") % {"n": issued})
    for line in refusals[:MAX_REFUSAL_MESSAGES]:
        messages.error(request, _("Refused — %(line)s") % {"line": line})
    if len(refusals) > MAX_REFUSAL_MESSAGES:
        messages.error(request, _("… and %(n)s more refusals.") % {"n": len(refusals) - MAX_REFUSAL_MESSAGES})
    if not issued and not refusals:
        messages.warning(request, _("Choose the workers first."))


class PortalWorkersView(PortalMixin, TemplateView):
    """The enterprise's workers: commitments, confirmation, permits; request permits for the eligible ones."""

    template_name = "economy/portal_workers.html"
    tab = "workers"

    def employments(self):
        return Employment.objects.visible_to(self.request.user).filter(enterprise=self.enterprise, active=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = context["day"]
        search = WorkerSearchForm(self.request.GET or None)
        rows = selectors.with_current_permit(self.employments(), on=day).select_related(
            "person__residence_unit__parent", "confirmation"
        )
        show = ""
        if search.is_valid():
            from dualgoal.core.text import fold

            if search.cleaned_data["q"]:
                rows = rows.filter(person__name_folded__contains=fold(search.cleaned_data["q"]))
            show = search.cleaned_data["show"]
        if show == "eligible":
            eligible = selectors.eligible_employments(self.employments(), on=day)
            rows = rows.filter(pk__in=[e.pk for e in eligible])
        elif show == "permit":
            rows = rows.filter(has_permit=True)
        elif show == "uncommitted":
            rows = rows.filter(commitment_signed_on__isnull=True)
        elif show == "unconfirmed":
            rows = rows.filter(confirmation__isnull=True)
        page = Paginator(rows.order_by("person__name_folded", "pk"), 50).get_page(self.request.GET.get("page"))
        context.update(
            search=search,
            page=page,
            rows=[
                {"employment": e, "refusals": [] if e.has_permit else services.permit_refusals(e, on=day)}
                for e in page.object_list
            ],
            eligible_count=len(selectors.eligible_employments(self.employments(), on=day)),
            permit_form=kwargs.get("permit_form") or PermitRequestForm(initial=default_validity(day)),
            commitment_form=kwargs.get("commitment_form") or BulkCommitmentForm(initial={"commitment_signed_on": day}),
            can_request=self.request.user.has_perm("economy.add_permit"),
            can_commit=self.request.user.has_perm("economy.change_employment"),
            query=self.request.GET.urlencode(),
            rule_two_points=two_points_rule(day),
        )
        return context

    def post(self, request, pk):
        chosen = self.employments().filter(pk__in=[v for v in request.POST.getlist("employment") if v.isdigit()])
        action = request.POST.get("action")
        if action in {"permits", "all_eligible"}:
            if not request.user.has_perm("economy.add_permit"):
                raise PermissionDenied
            form = PermitRequestForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(permit_form=form), status=400)
            if action == "all_eligible":
                targets = selectors.eligible_employments(self.employments(), on=form.cleaned_data["valid_from"])
            else:
                targets = list(chosen.select_related("person__residence_unit__parent", "enterprise__park"))
            with transaction.atomic():
                issued, refusals = issue_permits(request, targets, **form.cleaned_data)
            report_permits(request, issued, refusals)
        elif action == "commitments":
            if not request.user.has_perm("economy.change_employment"):
                raise PermissionDenied
            form = BulkCommitmentForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(commitment_form=form), status=400)
            try:
                count = services.commitments_record(
                    employments=chosen, signed_on=form.cleaned_data["commitment_signed_on"]
                )
            except ValidationError as exc:
                for error in exc.messages:
                    messages.error(request, error)
            else:
                messages.success(request, _("Signed commitments recorded for %(n)s workers.") % {"n": count})
        next_query = request.POST.get("query", "")
        url = reverse("economy:portal_workers", args=[self.enterprise.pk])
        return redirect(f"{url}?{next_query}" if next_query else url)


def default_validity(day):
    import datetime as dt

    return {"valid_from": day, "valid_to": day + dt.timedelta(days=13)}


def two_points_rule(day):
    try:
        return rule("permit.two_points_one_road", on=day)
    except RuleNotFound:
        return None


class PortalHousingView(PortalMixin, TemplateView):
    """Boarding houses the enterprise leases — under the rule: one house, one enterprise, every room."""

    template_name = "economy/portal_housing.html"
    tab = "housing"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            # the enterprise's own leases, wherever the houses stand (the enterprise itself is in the user's scope)
            leases=self.enterprise.leases.select_related("boarding_house__village__parent"),
            house_form=kwargs.get("house_form")
            or BoardingHouseForm(user=user, enterprise=self.enterprise, prefix="house"),
            lease_form=kwargs.get("lease_form")
            or LeaseForm(user=user, enterprise=self.enterprise, prefix="lease", initial={"start": context["day"]}),
            can_declare=user.has_perm("economy.add_boardinghouse") and user.has_perm("economy.add_lease"),
            can_lease=user.has_perm("economy.add_lease"),
            lease_rule=lease_rule(context["day"]),
        )
        return context

    def post(self, request, pk):
        user = request.user
        if request.POST.get("action") == "declare":
            if not (user.has_perm("economy.add_boardinghouse") and user.has_perm("economy.add_lease")):
                raise PermissionDenied
            form = BoardingHouseForm(request.POST, user=user, enterprise=self.enterprise, prefix="house")
            if form.is_valid():
                try:
                    with transaction.atomic():
                        house = services.boarding_house_declare(
                            **{name: form.cleaned_data[name] for name in form.HOUSE_FIELDS}
                        )
                        services.lease_record(
                            boarding_house=house,
                            enterprise=self.enterprise,
                            rooms=house.rooms,
                            start=form.cleaned_data["start"],
                            end=form.cleaned_data["end"],
                        )
                except ValidationError as exc:
                    add_errors(form, exc)
                else:
                    messages.success(request, _("%(house)s declared and leased.") % {"house": house.name})
                    return redirect("economy:portal_housing", pk=self.enterprise.pk)
            return self.render_to_response(self.get_context_data(house_form=form), status=400)
        if not user.has_perm("economy.add_lease"):
            raise PermissionDenied
        form = LeaseForm(request.POST, user=user, enterprise=self.enterprise, prefix="lease")
        if form.is_valid():
            try:
                services.lease_record(enterprise=self.enterprise, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Lease recorded."))
                return redirect("economy:portal_housing", pk=self.enterprise.pk)
        return self.render_to_response(self.get_context_data(lease_form=form), status=400)


def lease_rule(day):
    try:
        return rule("boarding_house.one_enterprise_all_rooms", on=day)
    except RuleNotFound:
        return None


class PortalShuttlesView(PortalMixin, TemplateView):
    """The enterprise's shuttles and their trip manifests (who rode which trip)."""

    template_name = "economy/portal_shuttles.html"
    tab = "shuttles"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            shuttles=Shuttle.objects.visible_to(user)
            .filter(enterprise=self.enterprise)
            .select_related("driver")
            .annotate(trip_count=Count("trips")),
            trips=Trip.objects.visible_to(user)
            .filter(shuttle__enterprise=self.enterprise)
            .select_related("shuttle")
            .annotate(rider_count=Count("riders"))[:30],
            shuttle_form=kwargs.get("shuttle_form") or ShuttleForm(enterprise=self.enterprise, prefix="shuttle"),
            trip_form=kwargs.get("trip_form")
            or TripForm(enterprise=self.enterprise, prefix="trip", initial={"date": context["day"]}),
            can_shuttle=user.has_perm("economy.add_shuttle"),
            can_trip=user.has_perm("economy.add_trip"),
        )
        return context

    def post(self, request, pk):
        if request.POST.get("action") == "shuttle":
            if not request.user.has_perm("economy.add_shuttle"):
                raise PermissionDenied
            form = ShuttleForm(request.POST, enterprise=self.enterprise, prefix="shuttle")
            if form.is_valid():
                data = form.cleaned_data
                shuttle = services.shuttle_declare(
                    enterprise=self.enterprise,
                    plate=data["plate"],
                    route=data["route"],
                    seats=data["seats"],
                    driver=data["driver"].person if data["driver"] else None,
                )
                messages.success(request, _("Shuttle %(plate)s declared.") % {"plate": shuttle.plate})
                return redirect("economy:portal_shuttles", pk=self.enterprise.pk)
            return self.render_to_response(self.get_context_data(shuttle_form=form), status=400)
        if not request.user.has_perm("economy.add_trip"):
            raise PermissionDenied
        form = TripForm(request.POST, enterprise=self.enterprise, prefix="trip")
        if form.is_valid():
            data = form.cleaned_data
            trip = services.trip_record(
                shuttle=data["shuttle"],
                date=data["date"],
                departure=data["departure"],
                rider_ids=[e.person_id for e in data["riders"]],
            )
            messages.success(
                request, _("Trip of %(trip)s recorded with %(n)s riders.") % {"trip": trip, "n": trip.riders.count()}
            )
            return redirect("economy:portal_shuttles", pk=self.enterprise.pk)
        return self.render_to_response(self.get_context_data(trip_form=form), status=400)


# --- workers (employments) and permits ---------------------------------------------------------------------------


class EmploymentListView(ObjectListView):
    model = Employment
    table_class = EmploymentTable
    filterset_class = EmploymentFilter

    def get_queryset(self):
        return (
            selectors.with_current_permit(super().get_queryset(), on=today())
            .select_related("person", "enterprise", "confirmation")
            .order_by("person__name_folded", "pk")
        )


class EmploymentDetailView(ObjectDetailView):
    """A worker at an enterprise: commitment, confirmation, permits, and why a permit would be refused."""

    model = Employment
    template_name = "economy/employment_detail.html"
    detail_fields = ("enterprise", "department", "position", "commitment_signed_on", "confirmation", "active")
    commitment_form = None
    permit_form = None

    def get_queryset(self):
        return super().get_queryset().select_related("person__residence_unit__parent", "enterprise__park")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        employment, user, day = self.object, self.request.user, today()
        access_log(request=self.request, action="view", obj=employment, detail="worker")
        context.update(
            day=day,
            person=employment.person,
            permits=Permit.objects.visible_to(user).filter(employment=employment),
            current=Permit.objects.filter(selectors.valid_permit_q(day), employment=employment).first(),
            refusals=services.permit_refusals(employment, on=day),
            points=permit_points(employment),
            commitment_form=self.commitment_form
            or CommitmentForm(initial={"commitment_signed_on": employment.commitment_signed_on or day}),
            permit_form=self.permit_form or PermitRequestForm(initial=default_validity(day)),
            can_commit=user.has_perm("economy.change_employment"),
            can_request=user.has_perm("economy.add_permit"),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = employment = self.get_object()
        if request.POST.get("action") == "commitment":
            if not request.user.has_perm("economy.change_employment"):
                raise PermissionDenied
            form = CommitmentForm(request.POST, request.FILES)
            if form.is_valid():
                services.commitment_record(
                    employment=employment,
                    signed_on=form.cleaned_data["commitment_signed_on"],
                    scan=form.cleaned_data.get("commitment_scan"),
                )
                messages.success(request, _("Signed commitment recorded."))
                return redirect(employment.get_absolute_url())
            self.commitment_form = form
        else:
            if not request.user.has_perm("economy.add_permit"):
                raise PermissionDenied
            form = PermitRequestForm(request.POST)
            if form.is_valid():
                issued, refusals = issue_permits(request, [employment], **form.cleaned_data)
                report_permits(request, issued, refusals)
                if issued:
                    return redirect(employment.permits.order_by("-pk").first().get_absolute_url())
                return redirect(employment.get_absolute_url())
            self.permit_form = form
        return self.render_to_response(self.get_context_data(object=employment), status=400)


class CommitmentScanView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "economy.view_employment"

    def get(self, request, pk):
        employment = get_object_or_404(Employment.objects.visible_to(request.user), pk=pk)
        return serve_file(employment.commitment_scan, request=request, obj=employment, detail="commitment scan")


class PermitListView(ObjectListView):
    model = Permit
    table_class = PermitTable
    filterset_class = PermitFilter

    def get_queryset(self):
        return super().get_queryset().select_related("employment__person", "employment__enterprise")


class PermitDetailView(ObjectDetailView):
    model = Permit
    template_name = "economy/permit_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("employment__person", "employment__enterprise")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        permit = self.object
        context.update(
            day=today(),
            scans=permit.scans.select_related("officer")[:50],
            can_revoke=self.request.user.has_perm("economy.change_permit"),
            state=permit_state(permit, today()),
        )
        return context


def permit_state(permit: Permit, day) -> str:
    if permit.status == "revoked":
        return "revoked"
    if day > permit.valid_to:
        return "expired"
    if day < permit.valid_from:
        return "not_yet"
    return "valid"


def qr_svg(data: str, *, scale: int = 4) -> str:
    """The QR code as inline SVG (no image file, prints sharp)."""
    return segno.make(data, error="m").svg_inline(scale=scale, border=2, dark="#000", light="#fff")


class PermitPrintView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """The printable permit (A5): the two points, the validity, and the QR code of the checkpoint page."""

    permission_required = "economy.view_permit"
    template_name = "economy/permit_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        permit = get_object_or_404(
            Permit.objects.visible_to(self.request.user).select_related(
                "employment__person", "employment__enterprise__park"
            ),
            pk=kwargs["pk"],
        )
        access_log(request=self.request, action="export", obj=permit, detail="print")
        url = self.request.build_absolute_uri(reverse("economy:check", args=[services.permit_token(permit)]))
        context.update(
            permit=permit,
            person=permit.employment.person,
            enterprise=permit.employment.enterprise,
            check_url=url,
            qr=mark_safe(qr_svg(url)),
            rule_two_points=two_points_rule(permit.valid_from),
            state=permit_state(permit, today()),
        )
        return context


class PermitRevokeView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "economy.change_permit"

    def post(self, request, pk):
        permit = get_object_or_404(Permit.objects.visible_to(request.user), pk=pk)
        reason = " ".join(request.POST.get("reason", "").split())
        if not reason:
            messages.error(request, _("Give the reason for revoking the permit."))
        else:
            services.permit_revoke(permit=permit, reason=reason)
            messages.success(request, _("Permit revoked."))
        return redirect(permit.get_absolute_url())


# --- the checkpoint (phone) -------------------------------------------------------------------------------------


def checkpoint_choices(user) -> list[str]:
    """Checkpoint names: one per commune of the user's scope (or hosting enterprises), then names used before."""
    communes = units_for(user, Level.COMMUNE)
    if user.is_superuser or communes.count() > 60:
        communes = AdminUnit.objects.filter(enterprises__isnull=False).distinct().order_by("path")
    names = [_("Checkpoint %(commune)s") % {"commune": c.name} for c in communes]
    used = PermitScan.objects.filter(officer=user).values_list("checkpoint", flat=True).distinct()[:20]
    return list(dict.fromkeys([*names, *used]))


class CheckpointMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "economy.scan_permit"

    def checkpoint_form(self, data=None):
        current = self.request.session.get(CHECKPOINT_SESSION_KEY, "")
        choices = checkpoint_choices(self.request.user)
        if current and current not in choices:
            choices.append(current)
        return CheckpointForm(data, choices=choices, initial={"checkpoint": current or (choices[:1] or [""])[0]})

    def remember(self, request) -> CheckpointForm:
        form = self.checkpoint_form(request.POST)
        if form.is_valid():
            request.session[CHECKPOINT_SESSION_KEY] = form.cleaned_data["name"]
        return form


class CheckpointHomeView(CheckpointMixin, TemplateView):
    """Where the officer says which checkpoint they stand at; their latest scans."""

    template_name = "economy/checkpoint.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=kwargs.get("form") or self.checkpoint_form(),
            checkpoint=self.request.session.get(CHECKPOINT_SESSION_KEY, ""),
            recent=PermitScan.objects.filter(officer=self.request.user).select_related("permit")[:20],
        )
        return context

    def post(self, request):
        form = self.remember(request)
        if form.is_valid():
            next_url = request.POST.get("next", "")
            if next_url.startswith("/economy/check/"):
                return redirect(next_url)
            return redirect("economy:checkpoint")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CheckView(CheckpointMixin, TemplateView):
    """The page a scanned QR code opens: VALID / REVOKED / EXPIRED in big colours, with the reason. Logged."""

    template_name = "economy/check.html"

    def get(self, request, token):
        checkpoint = request.session.get(CHECKPOINT_SESSION_KEY, "")
        if not checkpoint:
            return self.render_to_response({"form": self.checkpoint_form(), "choose": True})
        scan, permit = services.permit_scan(token=token, checkpoint=checkpoint, officer=request.user)
        if permit is not None:
            access_log(request=request, action="view", obj=permit, detail=f"scan {checkpoint}: {scan.result}")
        context = {
            "scan": scan,
            "permit": permit,
            "person": permit.employment.person if permit else None,
            "enterprise": permit.employment.enterprise if permit else None,
            "checkpoint": checkpoint,
            "form": self.checkpoint_form(),
            "earlier": PermitScan.objects.filter(permit=permit).exclude(pk=scan.pk).count() if permit else 0,
        }
        return self.render_to_response(context)

    def post(self, request, token):
        form = self.remember(request)
        if form.is_valid():
            return redirect("economy:check", token=token)
        return self.render_to_response({"form": form, "choose": True}, status=400)


class PermitScanListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    """Every scan of the permits in scope (and the officer's own scans, forged codes included)."""

    permission_required = "economy.view_permitscan"
    template_name = "economy/scan_list.html"
    paginate_by = 50

    def get_queryset(self):
        from django.db.models import Q

        user = self.request.user
        visible = Permit.objects.visible_to(user)
        return PermitScan.objects.filter(Q(permit__in=visible) | Q(officer=user)).select_related("officer", "permit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["table"] = PermitScanTable(context["object_list"], orderable=False)
        return context


class AutomaticActionListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    """Everything the system did by itself — revocations, flags, contacts put into tracing — with its cause."""

    permission_required = "economy.view_automaticaction"
    template_name = "economy/action_list.html"
    paginate_by = 50

    def get_queryset(self):
        enterprises = Enterprise.objects.visible_to(self.request.user)
        queryset = AutomaticAction.objects.filter(enterprise__in=enterprises).select_related("enterprise")
        self.filterset = AutomaticActionFilter(self.request.GET or None, queryset=queryset, request=self.request)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["rows"] = action_rows(context["object_list"])
        return context


# --- other records ---------------------------------------------------------------------------------------------


class IndustrialParkListView(ObjectListView):
    model = IndustrialPark
    table_class = IndustrialParkTable

    def get_queryset(self):
        queryset = super().get_queryset().select_related("commune")
        return queryset.annotate(enterprise_count=Count("enterprises")).order_by("name")


class IndustrialParkDetailView(ObjectDetailView):
    model = IndustrialPark
    template_name = "economy/park_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enterprises = Enterprise.objects.visible_to(self.request.user).filter(park=self.object)
        context.update(
            enterprises=enterprises.select_related("commune"),
            reopen=selectors.reopen_figure(enterprises, on=today()),
        )
        return context


class InspectionListView(ObjectListView):
    model = Inspection
    table_class = InspectionTable
    filterset_class = InspectionFilter

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise")


class InspectionDetailView(ObjectDetailView):
    model = Inspection
    template_name = "economy/inspection_detail.html"
    detail_fields = ("enterprise", "team", "date", "decision", "fix_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        findings = self.object.findings or {}
        context["findings"] = [(kind.label, findings.get(kind.value, "")) for kind in ConditionKind]
        return context


class DecisionListView(ObjectListView):
    model = Decision
    table_class = DecisionTable

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise")


class LabourConfirmationListView(ObjectListView):
    model = LabourConfirmation
    table_class = LabourConfirmationTable

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("enterprise", "confirmed_by")
            .annotate(worker_count=Count("employments"))
            .order_by("-date", "-pk")
        )


class LabourConfirmationDetailView(ObjectDetailView):
    model = LabourConfirmation
    template_name = "economy/confirmation_detail.html"
    detail_fields = ("enterprise", "number", "date", "confirmed_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["workers"] = (
            Employment.objects.visible_to(self.request.user)
            .filter(confirmation=self.object)
            .select_related("person")
            .order_by("person__name_folded")
        )
        return context


class BoardingHouseListView(ObjectListView):
    model = BoardingHouse
    table_class = BoardingHouseTable

    def get_queryset(self):
        return super().get_queryset().select_related("village__parent")


class BoardingHouseDetailView(ObjectDetailView):
    model = BoardingHouse
    template_name = "economy/boardinghouse_detail.html"
    detail_fields = ("name", "owner_name", "owner_phone", "address", "village", "rooms", "flagged")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["leases"] = Lease.objects.visible_to(self.request.user).filter(boarding_house=self.object)
        context["lease_rule"] = lease_rule(today())
        return context


class LeaseListView(ObjectListView):
    model = Lease
    table_class = LeaseTable

    def get_queryset(self):
        return super().get_queryset().select_related("boarding_house", "enterprise")


class ShuttleListView(ObjectListView):
    model = Shuttle
    table_class = ShuttleTable

    def get_queryset(self):
        queryset = super().get_queryset().select_related("enterprise", "driver")
        return queryset.annotate(trip_count=Count("trips")).order_by("enterprise__name", "plate")


class ShuttleDetailView(ObjectDetailView):
    model = Shuttle
    template_name = "economy/shuttle_detail.html"
    detail_fields = ("enterprise", "plate", "route", "seats", "driver")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["trips"] = (
            Trip.objects.visible_to(self.request.user).filter(shuttle=self.object).annotate(rider_count=Count("riders"))
        )
        return context


class TripListView(ObjectListView):
    model = Trip
    table_class = TripTable

    def get_queryset(self):
        queryset = super().get_queryset().select_related("shuttle").annotate(rider_count=Count("riders"))
        return queryset.order_by("-date", "-departure", "-pk")


class TripDetailView(ObjectDetailView):
    model = Trip
    template_name = "economy/trip_detail.html"
    detail_fields = ("shuttle", "date", "departure")

    def get_queryset(self):
        from dualgoal.people.models import Person

        return (
            super()
            .get_queryset()
            .select_related("shuttle__enterprise")
            .prefetch_related(Prefetch("riders", queryset=Person.objects.select_related("trace")))
        )


urlpatterns = [
    path("", IndexView.as_view(), name="index"),
    path("dashboard/", DashboardView.as_view(), name="dashboard"),
    path("enterprises/new/", EnterpriseCreateView.as_view(), name="enterprise_create"),
    *object_urls(Enterprise, list_view=EnterpriseListView, detail_view=EnterpriseDetailView, prefix="enterprises/"),
    path("enterprises/<int:pk>/inspect/", InspectionCreateView.as_view(), name="inspection_create"),
    path("enterprises/<int:pk>/decide/", DecisionCreateView.as_view(), name="decision_create"),
    path("enterprises/<int:pk>/confirm/", ConfirmationCreateView.as_view(), name="confirmation_create"),
    path("enterprises/<int:pk>/portal/", PortalView.as_view(), name="portal"),
    path("enterprises/<int:pk>/portal/workers/", PortalWorkersView.as_view(), name="portal_workers"),
    path("enterprises/<int:pk>/portal/housing/", PortalHousingView.as_view(), name="portal_housing"),
    path("enterprises/<int:pk>/portal/shuttles/", PortalShuttlesView.as_view(), name="portal_shuttles"),
    path("portal/", PortalHomeView.as_view(), name="portal_home"),
    path("conditions/<int:pk>/submit/", ConditionSubmitView.as_view(), name="condition_submit"),
    path("conditions/<int:pk>/review/", ConditionReviewView.as_view(), name="condition_review"),
    path("conditions/<int:pk>/document/", ConditionDocumentView.as_view(), name="condition_document"),
    *object_urls(Employment, list_view=EmploymentListView, detail_view=EmploymentDetailView, prefix="employments/"),
    path("employments/<int:pk>/commitment/", CommitmentScanView.as_view(), name="employment_commitment_scan"),
    *object_urls(Permit, list_view=PermitListView, detail_view=PermitDetailView, prefix="permits/"),
    path("permits/<int:pk>/print/", PermitPrintView.as_view(), name="permit_print"),
    path("permits/<int:pk>/revoke/", PermitRevokeView.as_view(), name="permit_revoke"),
    path("check/", CheckpointHomeView.as_view(), name="checkpoint"),
    path("check/<str:token>/", CheckView.as_view(), name="check"),
    path("scans/", PermitScanListView.as_view(), name="permitscan_list"),
    path("actions/", AutomaticActionListView.as_view(), name="automaticaction_list"),
    *object_urls(
        IndustrialPark, list_view=IndustrialParkListView, detail_view=IndustrialParkDetailView, prefix="parks/"
    ),
    *object_urls(Inspection, list_view=InspectionListView, detail_view=InspectionDetailView, prefix="inspections/"),
    *object_urls(Decision, list_view=DecisionListView, prefix="decisions/"),
    *object_urls(
        LabourConfirmation,
        list_view=LabourConfirmationListView,
        detail_view=LabourConfirmationDetailView,
        prefix="confirmations/",
    ),
    *object_urls(
        BoardingHouse,
        list_view=BoardingHouseListView,
        detail_view=BoardingHouseDetailView,
        prefix="boarding-houses/",
    ),
    *object_urls(Lease, list_view=LeaseListView, prefix="leases/"),
    *object_urls(Shuttle, list_view=ShuttleListView, detail_view=ShuttleDetailView, prefix="shuttles/"),
    *object_urls(Trip, list_view=TripListView, detail_view=TripDetailView, prefix="trips/"),
]
