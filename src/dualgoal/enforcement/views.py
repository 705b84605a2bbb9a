"""Screens of violations. Thin: scope, permission, parse the form, call a service or a selector.

Staff pages log every read of a person's violation (access log). The public list needs no login and shows only
the fields the publication rule in force allows.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from dualgoal.core.access import access_log, mask_id_number
from dualgoal.core.clock import today
from dualgoal.core.views import ObjectDetailView, ObjectListView
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit
from dualgoal.geography.selectors import YEN_DUNG_CODE, unit_by_code
from dualgoal.operations.views import ServiceFormView

from . import selectors, services
from .choices import OffenderKind, ViolationStatus
from .filters import ViolationFilter, month_filter
from .forms import AppealForm, CancelForm, DecideForm, PaidForm, ViolationEditForm, ViolationForm
from .models import Violation
from .tables import ViolationTable


class ViolationListView(ObjectListView):
    model = Violation
    table_class = ViolationTable
    filterset_class = ViolationFilter
    template_name = "enforcement/violation_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("person", "enterprise", "commune")


class ViolationDetailView(ObjectDetailView):
    model = Violation
    template_name = "enforcement/violation_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("person__residence_unit", "enterprise", "commune", "recorded_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        violation = self.object
        user = self.request.user
        if violation.person_id:
            person = violation.person
            context["person_id_number"] = (
                person.id_number if user.has_perm("people.view_id_number") else mask_id_number(person.id_number)
            )
            access_log(request=self.request, action="view", obj=violation, detail=f"violation of person {person.pk}")
        context["statuses"] = ViolationStatus
        return context


class EnforcementFormView(ServiceFormView):
    testid = "violation-form"


class ViolationCreateView(EnforcementFormView):
    permission_required = "enforcement.add_violation"
    form_class = ViolationForm
    title = gettext_lazy("Record a violation")
    intro = gettext_lazy(
        "The act is chosen from the list of acts of Decree 117/2020/NĐ-CP in force on the date of the act; "
        "the decision and the fine are recorded afterwards by the commune or the department."
    )

    def get_initial(self):
        return {"act_date": today()}

    def form_valid(self, form):
        self._form = form
        return super().form_valid(form)

    def perform(self, data):
        return services.violation_record(recorded_by=self.request.user, **self._form.service_kwargs())

    def success_message(self, result):
        return _("The violation is recorded.")


class ViolationEditView(EnforcementFormView):
    permission_required = "enforcement.change_violation"
    model = Violation
    form_class = ViolationEditForm
    title = gettext_lazy("Correct the record")

    def get_initial(self):
        v = self.object
        return {
            "act_date": v.act_date,
            "place": v.place,
            "record_number": v.record_number,
            "description": v.description,
        }

    def perform(self, data):
        return services.violation_update(violation=self.object, **data)


class ViolationDecideView(EnforcementFormView):
    permission_required = "enforcement.decide_violation"
    model = Violation
    form_class = DecideForm
    title = gettext_lazy("Sanctioning decision")
    submit = gettext_lazy("Record the decision")

    def get_initial(self):
        return {
            "decision_date": today(),
            "authority": _("Chairman of the People's Committee of %(commune)s") % {"commune": self.object.commune.name},
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        from .rulebook import act_for

        try:
            act = act_for(self.object.act_code, on=self.object.act_date)
            bounds = act.fine_range(self.object.offender_kind)
        except Exception:
            bounds = None
        if bounds:
            context["intro"] = _("Fine range for this act and offender: %(low)s – %(high)s (%(basis)s).") % {
                "low": services.vnd(bounds[0]),
                "high": services.vnd(bounds[1]),
                "basis": self.object.legal_basis,
            }
        return context

    def perform(self, data):
        return services.violation_decide(violation=self.object, **data)

    def success_message(self, result):
        return _("The decision %(number)s is recorded.") % {"number": result.decision_number}


class ViolationPaidView(EnforcementFormView):
    permission_required = "enforcement.decide_violation"
    model = Violation
    form_class = PaidForm
    title = gettext_lazy("Fine paid")

    def get_initial(self):
        return {"paid_on": today()}

    def perform(self, data):
        return services.violation_mark_paid(violation=self.object, **data)


class ViolationAppealView(EnforcementFormView):
    permission_required = "enforcement.decide_violation"
    model = Violation
    form_class = AppealForm
    title = gettext_lazy("Complaint against the decision")

    def perform(self, data):
        return services.violation_appeal(violation=self.object, **data)


class ViolationCancelView(EnforcementFormView):
    permission_required = "enforcement.decide_violation"
    model = Violation
    form_class = CancelForm
    title = gettext_lazy("Cancel the violation")
    submit = gettext_lazy("Cancel the violation")

    def perform(self, data):
        return services.violation_cancel(violation=self.object, **data)


class TotalsView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "enforcement.view_violation"
    template_name = "enforcement/totals.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        qs = Violation.objects.visible_to(self.request.user)
        month = self.request.GET.get("month", "")
        if month:
            qs = month_filter(qs, "act_date", month)
        context.update(selectors.totals(qs), month=month)
        return context


# ------------------------------------------------------------------------------------------------ public


def parse_month(value: str) -> dt.date | None:
    try:
        year, month = (int(part) for part in value.split("-"))
        return dt.date(year, month, 1)
    except (ValueError, AttributeError):
        return None


class PublicListView(TemplateView):
    """Công khai kết quả xử phạt: no login; only what the publication rule in force allows."""

    template_name = "enforcement/public.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = today()
        pub = selectors.publication(day)
        district = unit_by_code(YEN_DUNG_CODE)
        communes = AdminUnit.objects.filter(level=Level.COMMUNE)
        if district is not None:
            communes = communes.filter(parent=district)
        communes = communes.order_by("name")
        commune = None
        code = self.request.GET.get("commune", "")
        if code:
            commune = communes.filter(code=code).first()
        month_raw = self.request.GET.get("month", "")
        month = parse_month(month_raw)
        context.update(pub=pub, day=day, communes=communes, commune=commune, month=month_raw if month else "")
        if pub is None:
            return context
        page = Paginator(selectors.published(pub, commune=commune, month=month), self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        context.update(
            page=page,
            rows=[(v, pub.row(v)) for v in page.object_list],
            columns=pub.columns,
            kinds=OffenderKind,
        )
        return context
