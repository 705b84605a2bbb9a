"""Screens of environmental cleaning. Thin: scope, permission, parse the form, call a service or a selector."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from dualgoal.core.clock import today
from dualgoal.core.views import ObjectDetailView, ObjectListView
from dualgoal.operations.views import ServiceFormView

from . import selectors, services
from .filters import PlanFilter, WasteFilter
from .forms import CancelForm, DoneForm, PlanForm, RescheduleForm, WasteForm
from .models import CleaningPlan, WasteCollection
from .tables import PlanTable, WasteTable


class DashboardView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "cleaning.view_cleaningplan"
    template_name = "cleaning/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.dashboard(self.request.user, today()))
        return context


class PlanListView(ObjectListView):
    model = CleaningPlan
    table_class = PlanTable
    filterset_class = PlanFilter
    template_name = "cleaning/plan_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("boarding_house", "case", "zone", "commune")


class PlanDetailView(ObjectDetailView):
    model = CleaningPlan
    template_name = "cleaning/plan_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("boarding_house", "case__person", "zone", "commune")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overdue"] = self.object.is_overdue(today())
        return context


class WasteListView(ObjectListView):
    model = WasteCollection
    table_class = WasteTable
    filterset_class = WasteFilter
    template_name = "cleaning/waste_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("facility", "commune")


class WasteDetailView(ObjectDetailView):
    model = WasteCollection
    template_name = "cleaning/waste_detail.html"
    detail_fields = (
        "source_kind",
        "facility",
        "place",
        "commune",
        "collected_on",
        "weight_kg",
        "bags",
        "collector",
        "destination",
        "manifest_number",
        "notes",
    )


class CleaningFormView(ServiceFormView):
    testid = "cleaning-form"


class PlanCreateView(CleaningFormView):
    permission_required = "cleaning.add_cleaningplan"
    form_class = PlanForm
    title = gettext_lazy("New cleaning plan")
    intro = gettext_lazy(
        "Seed plan II.1.6: the communes clean the lockdown zones and quarantine areas down to each boarding house, "
        "each home with a case, the public places and the markets."
    )

    def get_initial(self):
        initial = {"scheduled_on": today()}
        case = self.request.GET.get("case", "")
        if case.isdigit():
            initial.update(target_kind="case_home", case=int(case))
        return initial

    def perform(self, data):
        return services.cleaning_plan_create(created_by=self.request.user, **data)

    def success_message(self, result):
        return _("The cleaning is scheduled.")


class PlanRescheduleView(CleaningFormView):
    permission_required = "cleaning.change_cleaningplan"
    model = CleaningPlan
    form_class = RescheduleForm
    title = gettext_lazy("Change the schedule")

    def get_initial(self):
        p = self.object
        return {
            "scheduled_on": p.scheduled_on,
            "scheduled_until": p.scheduled_until,
            "in_charge": p.in_charge,
            "notes": p.notes,
        }

    def perform(self, data):
        return services.cleaning_plan_reschedule(plan=self.object, **data)


class PlanDoneView(CleaningFormView):
    permission_required = "cleaning.change_cleaningplan"
    model = CleaningPlan
    form_class = DoneForm
    title = gettext_lazy("Cleaning done")
    submit = gettext_lazy("Record as done")

    def get_initial(self):
        return {"done_on": today(), "done_by": self.object.in_charge}

    def perform(self, data):
        return services.cleaning_mark_done(plan=self.object, **data)


class PlanCancelView(CleaningFormView):
    permission_required = "cleaning.change_cleaningplan"
    model = CleaningPlan
    form_class = CancelForm
    title = gettext_lazy("Cancel the cleaning")
    submit = gettext_lazy("Cancel the cleaning")

    def perform(self, data):
        return services.cleaning_cancel(plan=self.object, **data)


class WasteCreateView(CleaningFormView):
    permission_required = "cleaning.add_wastecollection"
    form_class = WasteForm
    title = gettext_lazy("Record a medical waste collection")

    def get_initial(self):
        return {"collected_on": today()}

    def perform(self, data):
        return services.waste_collection_record(**data)

    def success_message(self, result):
        return _("The collection is recorded.")
