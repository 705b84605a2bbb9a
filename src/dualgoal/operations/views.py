"""Screens of epidemic operations. Thin: scope, permission, parse the form, call a service or a selector.

Every read of a person's quarantine or test record is written to the access log.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from dualgoal.core.access import access_log, mask_id_number
from dualgoal.core.clock import today
from dualgoal.core.views import ObjectDetailView, ObjectListView, ensure_visible
from dualgoal.core.views import ServiceFormView as CoreServiceFormView
from dualgoal.people.models import Person

from . import certificate, selectors, services
from .choices import OrderKind, OrderStatus, SampleResult
from .filters import OrderFilter, SampleFilter
from .forms import (
    AdmitForm,
    ApplyArrivalForm,
    ArrivalForm,
    CloseForm,
    CollectForm,
    CommunityReportForm,
    DischargeForm,
    EndEarlyForm,
    ExtendForm,
    FacilityForm,
    FollowUpForm,
    FollowUpListForm,
    OrderForm,
    OriginAreaForm,
    PoolForm,
    ReleaseForm,
    ResultForm,
    RoomForm,
    SampleForm,
    SampleResultForm,
    WarningSignForm,
)
from .models import (
    Admission,
    Arrival,
    CommunityReport,
    FollowUp,
    IncidentReview,
    Pool,
    QuarantineFacility,
    QuarantineOrder,
    ReleaseCertificate,
    TestSample,
)
from .tables import OrderTable, SampleTable


def shown_id(user, person: Person) -> str:
    return person.id_number if user.has_perm("people.view_id_number") else mask_id_number(person.id_number)


class ServiceFormView(CoreServiceFormView):
    testid = "operations-form"

    def chosen_person(self) -> Person | None:
        pk = self.request.GET.get("person", "")
        if not pk.isdigit():
            return None
        return get_object_or_404(Person.objects.visible_to(self.request.user), pk=pk)


class OpsListView(ObjectListView):
    template_name = "operations/object_list.html"


class OpsDetailView(ObjectDetailView):
    template_name = "operations/object_detail.html"


# ------------------------------------------------------------------------------------------------ dashboard


class DashboardView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "operations.view_dashboard"
    template_name = "operations/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.dashboard(self.request.user, today()))
        return context


# ------------------------------------------------------------------------------------------------ facilities


class FacilityCreateView(ServiceFormView):
    permission_required = "operations.add_quarantinefacility"
    form_class = FacilityForm
    title = gettext_lazy("New quarantine facility")

    def perform(self, data):
        return services.facility_save(**data)


class FacilityDetailView(ObjectDetailView):
    model = QuarantineFacility
    template_name = "operations/facility_detail.html"
    detail_fields = ("name", "commune", "address", "capacity", "staff")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rooms"] = selectors.room_occupancy(self.object, today())
        context["day"] = today()
        return context


class RoomCreateView(ServiceFormView):
    permission_required = "operations.add_room"
    model = QuarantineFacility
    form_class = RoomForm
    title = gettext_lazy("New room")

    def perform(self, data):
        services.room_save(facility=self.object, **data)
        return self.object


# ------------------------------------------------------------------------------------------------ orders


class OrderListView(OpsListView):
    model = QuarantineOrder
    table_class = OrderTable
    filterset_class = OrderFilter

    def get_queryset(self):
        return super().get_queryset().select_related("person__residence_unit__parent", "facility")


class OrderCreateView(ServiceFormView):
    permission_required = "operations.add_quarantineorder"
    form_class = OrderForm
    title = gettext_lazy("New quarantine order")
    intro = gettext_lazy(
        "The end date and the test days follow the rules in force on the start date; tracing is told the person "
        "is quarantined from that day."
    )
    testid = "order-form"

    def get_initial(self):
        person = self.chosen_person()
        return {"person": person, "start_date": today()} if person else {"start_date": today()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.chosen_person()
        return context

    def perform(self, data):
        return services.order_create(
            person=data["person"],
            subject=data["subject"],
            kind=data["kind"],
            start_date=data["start_date"],
            facility=data["facility"],
            carer=data["carer"],
            source_person=data["source_person"],
            cluster=data["cluster"],
            exposed_on=data["exposed_on"],
            number=data["number"],
        )

    def success_message(self, order):
        return _("Quarantine order recorded: %(person)s until %(end)s.") % {
            "person": order.person,
            "end": f"{order.planned_end:%d/%m/%Y}" if order.planned_end else "—",
        }


class OrderDetailView(ObjectDetailView):
    model = QuarantineOrder
    template_name = "operations/order_detail.html"
    detail_fields = (
        "number",
        "subject",
        "kind",
        "start_date",
        "planned_end",
        "monitoring_end",
        "rule_note",
        "facility",
        "carer",
        "source_person",
        "cluster",
        "exposed_on",
        "status",
        "released_on",
        "end_reason",
        "extension_note",
        "warning_sign",
        "warning_sign_on",
    )

    def get_queryset(self):
        return super().get_queryset().select_related("person__residence_unit__parent", "facility")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order, user = self.object, self.request.user
        access_log(request=self.request, action="view", obj=order, detail="quarantine order")
        context.update(
            person=order.person,
            id_number=shown_id(user, order.person),
            samples=order.samples.select_related("pool").order_by("taken_on", "pk"),
            admissions=order.admissions.select_related("room__facility").order_by("admitted_on"),
            followups=order.followups.order_by("-day")[:30],
            certificate=ReleaseCertificate.objects.filter(order=order).first(),
            is_active=order.status == OrderStatus.ACTIVE,
            is_facility=order.kind == OrderKind.FACILITY,
            is_home=order.kind == OrderKind.HOME,
            open_admission=order.admissions.filter(discharged_on__isnull=True).first(),
        )
        return context


class AdmitView(ServiceFormView):
    permission_required = "operations.add_admission"
    model = QuarantineOrder
    form_class = AdmitForm
    template_name = "operations/admit.html"
    title = gettext_lazy("Admit to a room")
    testid = "admit-form"

    def facilities(self):
        facilities = QuarantineFacility.objects.visible_to(self.request.user)
        if self.object.facility_id:
            facilities = facilities.filter(pk=self.object.facility_id)
        return facilities

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "facilities": self.facilities(),
            "can_override": self.request.user.has_perm("operations.override_cohort"),
        }

    def proposals(self):
        day = today()
        return [
            (facility, services.room_proposal(order=self.object, facility=facility, on=day))
            for facility in self.facilities()
        ]

    def get_initial(self):
        initial = {"admitted_on": self.object.start_date}
        for _facility, options in self.proposals():
            if options and options[0].suitable:
                initial["room"] = options[0].room
                break
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposals"] = self.proposals()
        return context

    def perform(self, data):
        reason = data.get("override_reason") or ""
        services.admission_create(
            order=self.object,
            room=data["room"],
            admitted_on=data["admitted_on"],
            override_reason=reason,
            overridden_by=self.request.user if reason else None,
        )
        return self.object

    def success_message(self, order):
        return _("%(person)s admitted.") % {"person": order.person}


class ReleaseView(ServiceFormView):
    permission_required = "operations.add_releasecertificate"
    model = QuarantineOrder
    form_class = ReleaseForm
    title = gettext_lazy("Release and certificate")
    intro = gettext_lazy("Release at the end of the planned period, with every due test negative.")
    submit = gettext_lazy("Release and issue the certificate")
    testid = "release-form"

    def get_initial(self):
        return {"released_on": today()}

    def perform(self, data):
        return services.release_with_certificate(
            order=self.object, released_on=data["released_on"], user=self.request.user, signer=data["signer"]
        )

    def success_message(self, cert):
        return _("Released; certificate %(number)s issued.") % {"number": cert.number}


class EndEarlyView(ServiceFormView):
    permission_required = "operations.change_quarantineorder"
    model = QuarantineOrder
    form_class = EndEarlyForm
    title = gettext_lazy("End the quarantine early")

    def get_initial(self):
        return {"ended_on": today()}

    def perform(self, data):
        return services.order_end_early(order=self.object, **data)


class ExtendView(ServiceFormView):
    permission_required = "operations.change_quarantineorder"
    model = QuarantineOrder
    form_class = ExtendForm
    title = gettext_lazy("Extend after a re-exposure")

    def perform(self, data):
        return services.order_extend(order=self.object, **data)


class WarningSignView(ServiceFormView):
    permission_required = "operations.change_quarantineorder"
    model = QuarantineOrder
    form_class = WarningSignForm
    title = gettext_lazy("Warning sign at the home")

    def get_initial(self):
        return {"warning_sign": self.object.warning_sign, "warning_sign_on": today()}

    def perform(self, data):
        return services.warning_sign_set(order=self.object, status=data["warning_sign"], on=data["warning_sign_on"])


class DischargeView(ServiceFormView):
    permission_required = "operations.change_admission"
    model = Admission
    form_class = DischargeForm
    title = gettext_lazy("Discharge from the room")

    def get_initial(self):
        return {"discharged_on": today()}

    def perform(self, data):
        services.admission_discharge(admission=self.object, discharged_on=data["discharged_on"])
        return self.object.order


# ------------------------------------------------------------------------------------------------ testing


class SampleListView(OpsListView):
    model = TestSample
    table_class = SampleTable
    filterset_class = SampleFilter

    def get_queryset(self):
        return super().get_queryset().select_related("person", "pool")


class SampleDetailView(ObjectDetailView):
    model = TestSample
    template_name = "operations/sample_detail.html"
    detail_fields = (
        "taken_on",
        "kind",
        "reason",
        "lab",
        "collected",
        "result",
        "result_on",
        "ct_value",
        "pool",
        "retest_of",
        "order",
        "case",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access_log(request=self.request, action="view", obj=self.object, detail="test sample")
        context["person"] = self.object.person
        context["can_result"] = self.object.result == SampleResult.PENDING and not self.object.pool_id
        return context


class SampleCreateView(ServiceFormView):
    permission_required = "operations.add_testsample"
    form_class = SampleForm
    title = gettext_lazy("Record a sample")

    def get_initial(self):
        person = self.chosen_person()
        return {"person": person, "taken_on": today()}

    def perform(self, data):
        data = dict(data)
        data.pop("id_number", None)
        return services.sample_record(**data)


class SampleCollectView(ServiceFormView):
    permission_required = "operations.change_testsample"
    model = TestSample
    form_class = CollectForm
    title = gettext_lazy("Sample taken")

    def get_initial(self):
        return {"taken_on": today()}

    def perform(self, data):
        return services.sample_collect(sample=self.object, **data)


class SampleResultView(ServiceFormView):
    permission_required = "operations.change_testsample"
    model = TestSample
    form_class = SampleResultForm
    title = gettext_lazy("Record the result")
    intro = gettext_lazy("A positive RT-PCR records the case (F0): its contacts are re-levelled at once.")
    testid = "result-form"

    def get_initial(self):
        return {"result_on": today()}

    def perform(self, data):
        return services.sample_result_record(sample=self.object, **data)


class PoolDetailView(ObjectDetailView):
    model = Pool
    template_name = "operations/pool_detail.html"
    detail_fields = ("code", "taken_on", "area", "risk_level", "lab", "result", "result_on", "ct_value")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        samples = TestSample.objects.visible_to(self.request.user).filter(pool=self.object).select_related("person")
        context["members"] = samples
        context["retests"] = (
            TestSample.objects.visible_to(self.request.user)
            .filter(retest_of__pool=self.object)
            .select_related("person")
            .order_by("person__name_folded")
        )
        return context


class PoolCreateView(ServiceFormView):
    permission_required = "operations.add_pool"
    form_class = PoolForm
    title = gettext_lazy("New pooled sample")
    intro = gettext_lazy("At most 10 samples in a pool in a lower-risk area, 5 in a high-risk area.")
    testid = "pool-form"

    def get_initial(self):
        return {"taken_on": today()}

    def perform(self, data):
        return services.pool_create(**data)


class PoolResultView(ServiceFormView):
    permission_required = "operations.change_pool"
    model = Pool
    form_class = ResultForm
    title = gettext_lazy("Record the pool's result")
    intro = gettext_lazy("Negative clears every member; positive creates an individual retest for each member.")
    testid = "result-form"

    def get_initial(self):
        return {"result_on": today()}

    def perform(self, data):
        services.pool_result_record(pool=self.object, **data)
        return self.object


# ------------------------------------------------------------------------------------------------ certificates


def base_url(request) -> str:
    return request.build_absolute_uri("/")


class CertificateDetailView(ObjectDetailView):
    model = ReleaseCertificate
    template_name = "operations/certificate_detail.html"
    detail_fields = ("number", "issued_on", "issued_by", "signer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url = certificate.verification_url(self.object, base=base_url(self.request))
        context.update(
            order=self.object.order,
            verify_url=url,
            qr=base64.b64encode(certificate.qr_png(url)).decode(),
            pdf_available=certificate.pdf_available(),
        )
        return context


class CertificateFileView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "operations.view_releasecertificate"
    fmt = "docx"

    def get(self, request, pk):
        cert = ensure_visible(ReleaseCertificate.objects.visible_to(request.user).select_related("order"), pk)
        access_log(request=request, action="export", obj=cert, detail=f"certificate {self.fmt}")
        name = f"giay-xac-nhan-{cert.number.replace('/', '-')}"
        if self.fmt == "pdf":
            content = certificate.certificate_pdf(cert, base_url=base_url(request))
            if content is None:
                raise Http404(_("PDF is not available on this server: download the DOCX."))
            response = HttpResponse(content, content_type=certificate.PDF)
            response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
            return response
        response = HttpResponse(
            certificate.certificate_docx(cert, base_url=base_url(request)), content_type=certificate.DOCX
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
        return response


class CertificateVerifyView(TemplateView):
    """Public: anyone scanning the QR code learns whether the certificate is genuine (name masked)."""

    template_name = "operations/verify.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cert = certificate.certificate_from_token(self.kwargs["token"])
        context["certificate"] = cert
        if cert is not None:
            words = cert.order.person.full_name.split()
            context["masked_name"] = " ".join([w[0] + "." for w in words[:-1]] + words[-1:])
        return context


# ------------------------------------------------------------------------------------------------ follow-up


class FollowUpTodayView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """The day's list of persons to check in one commune (or village), with the checks done so far."""

    permission_required = "operations.add_followup"
    template_name = "operations/followup_today.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        units = selectors.followup_units(self.request.user)
        form = FollowUpListForm(self.request.GET or None, units=units)
        unit, day = (units[0] if units else None), today()
        if form.is_valid():
            unit = form.cleaned_data["unit"] or unit
            day = form.cleaned_data["day"] or day
        rows = selectors.followup_list(unit, day) if unit else []
        context.update(form=form, unit=unit, day=day, rows=rows, done=sum(1 for r in rows if r.outcome))
        return context


class FollowUpRecordView(ServiceFormView):
    permission_required = "operations.add_followup"
    form_class = FollowUpForm
    title = gettext_lazy("Health check")
    testid = "followup-form"

    def load(self):
        self.person = get_object_or_404(Person.objects.visible_to(self.request.user), pk=self.kwargs["person_pk"])
        self.day = today()
        with contextlib.suppress(ValueError):
            self.day = dt.date.fromisoformat(self.request.GET.get("day", ""))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Health check: %(person)s, %(day)s") % {
            "person": self.person,
            "day": f"{self.day:%d/%m/%Y}",
        }
        return context

    def perform(self, data):
        return services.followup_record(person=self.person, day=self.day, user=self.request.user, **data)

    def success_message(self, followup):
        if followup.test_sample_id:
            return _("Recorded; a test was requested for %(person)s.") % {"person": followup.person}
        return _("Recorded.")

    def success_url_for(self, followup):
        unit = followup.person.residence_unit
        commune = unit.parent if unit and unit.level == 4 and unit.parent_id else unit
        return f"{reverse('operations:followups_today')}?unit={commune.pk if commune else ''}&day={self.day:%d/%m/%Y}"


# ------------------------------------------------------------------------------------------------ risk watch


class CommunityReportCreateView(ServiceFormView):
    permission_required = "operations.add_communityreport"
    form_class = CommunityReportForm
    title = gettext_lazy("Community report")
    intro = gettext_lazy("Someone with cough, fever or breathlessness: the rules require a test and home isolation.")

    def get_initial(self):
        return {"reported_on": today()}

    def perform(self, data):
        data = dict(data)
        data.pop("id_number", None)
        return services.community_report_record(**data)


class CommunityReportCloseView(ServiceFormView):
    permission_required = "operations.change_communityreport"
    model = CommunityReport
    form_class = CloseForm
    title = gettext_lazy("Close the report")

    def perform(self, data):
        return services.community_report_close(report=self.object, outcome_note=data["text"])


class OriginAreaCreateView(ServiceFormView):
    permission_required = "operations.add_originarea"
    form_class = OriginAreaForm
    title = gettext_lazy("New epidemic area")

    def perform(self, data):
        data = dict(data)
        data.pop("unit_code", None)
        return services.origin_area_save(**data)


class ArrivalCreateView(ServiceFormView):
    permission_required = "operations.add_arrival"
    form_class = ArrivalForm
    title = gettext_lazy("Arrival from an epidemic area")

    def get_initial(self):
        return {"person": self.chosen_person(), "arrived_on": today()}

    def perform(self, data):
        data = dict(data)
        data.pop("id_number", None)
        return services.arrival_record(**data)

    def success_url_for(self, arrival):
        if self.request.user.has_perm("operations.view_arrival"):
            return arrival.get_absolute_url()
        return reverse("operations:arrival_create")


class ArrivalApplyView(ServiceFormView):
    permission_required = "operations.change_arrival"
    model = Arrival
    form_class = ApplyArrivalForm
    title = gettext_lazy("Carry out the required action")
    submit = gettext_lazy("Make the order and the test request")

    def perform(self, data):
        return services.arrival_apply(arrival=self.object, facility=data["facility"])


class IncidentCloseView(ServiceFormView):
    permission_required = "operations.change_incidentreview"
    model = IncidentReview
    form_class = CloseForm
    title = gettext_lazy("Conclude the incident review")

    def perform(self, data):
        return services.incident_close(review=self.object, conclusion=data["text"])


class FollowUpDetailView(OpsDetailView):
    model = FollowUp
    detail_fields = ("person", "day", "reason", "outcome", "symptoms", "temperature", "note", "test_sample", "order")

    def get_context_data(self, **kwargs):
        access_log(request=self.request, action="view", obj=self.object, detail="health follow-up")
        return super().get_context_data(**kwargs)
