"""Screens of zones and checkpoints. Thin: scope, permission, parse the form, call a service or a selector.

The residents of a zone and the passages at a checkpoint are personal data: every read goes to the access log.
"""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dualgoal.core.access import access_log, mask_id_number
from dualgoal.core.clock import today
from dualgoal.core.views import ObjectDetailView, ObjectListView, ensure_visible
from dualgoal.core.views import ServiceFormView as CoreServiceFormView

from . import selectors, services
from .choices import Outcome
from .filters import PassageFilter, ZoneFilter
from .forms import (
    CheckpointForm,
    PassageForm,
    ShiftForm,
    StaffForm,
    ZoneExtendForm,
    ZoneForm,
    ZoneLiftForm,
)
from .geo import polygon_bounds
from .models import Checkpoint, Passage, Shift, Zone
from .tables import STATUS_CLASS, PassageTable, ZoneTable

PHONE_SESSION_KEY = "zones_checkpoint"


class ServiceFormView(CoreServiceFormView):
    form_column = "col-12 col-lg-9 col-xl-8"  # zones draw their boundary: a wider column
    testid = "zones-form"


class ZonesListView(ObjectListView):
    template_name = "zones/object_list.html"


class ZonesDetailView(ObjectDetailView):
    template_name = "zones/object_detail.html"


# ------------------------------------------------------------------------------------------------ zones


class ZoneListView(ZonesListView):
    model = Zone
    table_class = ZoneTable
    filterset_class = ZoneFilter

    def get_queryset(self):
        return selectors.zones_with_end(super().get_queryset(), today()).prefetch_related("units", "extensions")


def _zone_values(data: dict) -> dict:
    return {
        "kind": data["kind"],
        "directive": data["directive"],
        "unit": data["unit"],
        "units": list(data["units"]),
        "decision_number": data["decision_number"],
        "issued_on": data["issued_on"],
        "start_date": data["start_date"],
        "planned_end": data["planned_end"],
        "name": data["name"],
        "polygon": data["polygon"],
        "inner_control": data["inner_control"],
        "outer_control": data["outer_control"],
    }


class ZoneCreateView(ServiceFormView):
    permission_required = "zones.add_zone"
    form_class = ZoneForm
    template_name = "zones/zone_form.html"
    title = gettext_lazy("Declare a zone")
    intro = gettext_lazy(
        "A lockdown or social-distancing zone over communes or villages; the measures of its directive come from "
        "the rules in force on the start date. Who and what is inside is listed automatically."
    )
    submit = gettext_lazy("Declare the zone")
    testid = "zone-form"

    def get_initial(self):
        day = today()
        return {"issued_on": day, "start_date": day}

    def perform(self, data):
        return services.zone_declare(**_zone_values(data))

    def success_message(self, zone):
        return _("Zone declared: %(zone)s.") % {"zone": zone}


class ZoneUpdateView(ServiceFormView):
    permission_required = "zones.change_zone"
    model = Zone
    form_class = ZoneForm
    template_name = "zones/zone_form.html"
    title = gettext_lazy("Edit the zone")
    testid = "zone-form"

    def get_initial(self):
        return ZoneForm.initial_for(self.object)

    def perform(self, data):
        return services.zone_update(zone=self.object, **_zone_values(data))


class ZoneExtendView(ServiceFormView):
    permission_required = "zones.add_zoneextension"
    model = Zone
    form_class = ZoneExtendForm
    title = gettext_lazy("Extend the zone")
    submit = gettext_lazy("Extend")
    testid = "zone-extend-form"

    def get_initial(self):
        return {"decided_on": today()}

    def perform(self, data):
        services.zone_extend(zone=self.object, **data)
        return self.object

    def success_message(self, zone):
        return _("Zone extended to %(day)s.") % {"day": f"{zone.end_on():%d/%m/%Y}"}


class ZoneLiftView(ServiceFormView):
    permission_required = "zones.lift_zone"
    model = Zone
    form_class = ZoneLiftForm
    title = gettext_lazy("Lift the zone")
    submit = gettext_lazy("Lift")
    testid = "zone-lift-form"

    def get_initial(self):
        return {"lifted_on": today()}

    def perform(self, data):
        return services.zone_lift(zone=self.object, **data)

    def success_message(self, zone):
        return _("Zone lifted from %(day)s.") % {"day": f"{zone.lifted_on:%d/%m/%Y}"}


INSIDE_TABS = ("residents", "enterprises", "boarding_houses")
PAGE_SIZE = 50


class ZoneDetailView(ObjectDetailView):
    model = Zone
    template_name = "zones/zone_detail.html"
    detail_fields = (
        "kind",
        "directive",
        "unit",
        "decision_number",
        "issued_on",
        "start_date",
        "planned_end",
        "lift_decision",
        "lifted_on",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        zone, user, day = self.object, self.request.user, today()
        tab = self.request.GET.get("tab", "residents")
        tab = tab if tab in INSIDE_TABS else "residents"
        from dualgoal.economy.models import BoardingHouse, Enterprise
        from dualgoal.people.models import Person

        residents = selectors.zone_residents(zone)
        can_see_people = user.has_perm("people.view_person")
        residents = residents.filter(pk__in=Person.objects.visible_to(user).values("pk")) if can_see_people else None
        enterprises = selectors.zone_enterprises(zone).filter(pk__in=Enterprise.objects.visible_to(user).values("pk"))
        houses = selectors.zone_boarding_houses(zone).filter(pk__in=BoardingHouse.objects.visible_to(user).values("pk"))
        source = {"residents": residents, "enterprises": enterprises, "boarding_houses": houses}[tab]
        page = None
        if source is not None:
            page = Paginator(source.order_by("pk") if tab != "residents" else source, PAGE_SIZE).get_page(
                self.request.GET.get("page")
            )
        if tab == "residents" and page is not None:
            access_log(
                request=self.request,
                action="view",
                object_type="people.Person",
                detail=f"zone {zone.pk} residents page {page.number}: "
                + ",".join(str(p.pk) for p in page.object_list)[:300],
            )
            show_ids = user.has_perm("people.view_id_number")
            for person in page.object_list:
                person.shown_id = person.id_number if show_ids else mask_id_number(person.id_number)
        status = zone.status_on(day)
        context.update(
            day=day,
            status=status,
            status_label=zone.status_label(day),
            status_class=STATUS_CLASS.get(status, ""),
            end_in_force=zone.end_on(day),
            measures=selectors.zone_measures(zone),
            units=list(zone.units.select_related("parent")),
            extensions=list(zone.extensions.all()),
            counts={
                "residents": residents.count() if residents is not None else None,
                "enterprises": enterprises.count(),
                "boarding_houses": houses.count(),
            },
            tab=tab,
            page=page,
            polygon_json=json.dumps(zone.polygon) if zone.polygon else "",
            bounds=polygon_bounds(zone.polygon),
            dashboard=selectors.zone_dashboard(zone, day),
        )
        return context


# ------------------------------------------------------------------------------------------------ checkpoints


class CheckpointCreateView(ServiceFormView):
    permission_required = "zones.add_checkpoint"
    form_class = CheckpointForm
    title = gettext_lazy("New checkpoint")
    testid = "checkpoint-form"

    def get_initial(self):
        zone = self.request.GET.get("zone", "")
        if zone.isdigit():
            found = Zone.objects.visible_to(self.request.user).filter(pk=zone).first()
            return {"zone": found}
        return {}

    def perform(self, data):
        return services.checkpoint_create(**data)


class CheckpointDetailView(ObjectDetailView):
    model = Checkpoint
    template_name = "zones/checkpoint_detail.html"
    detail_fields = ("name", "place", "zone", "unit", "organisation", "active")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shifts = list(self.object.shifts.prefetch_related("staff__user")[:30])
        counts = selectors.shift_counts(shifts)
        for shift in shifts:
            shift.counts = counts[shift.pk]
        passages = Passage.objects.filter(checkpoint=self.object)
        context.update(
            shifts=shifts,
            totals=selectors.passage_totals(passages),
            off_shift=passages.filter(shift__isnull=True).count(),
            day=today(),
        )
        return context


class ShiftCreateView(ServiceFormView):
    permission_required = "zones.add_shift"
    model = Checkpoint
    form_class = ShiftForm
    title = gettext_lazy("New shift")
    testid = "shift-form"

    def get_initial(self):
        return {"date": today()}

    def perform(self, data):
        return services.shift_create(checkpoint=self.object, **data)

    def success_url_for(self, result):
        return self.object.get_absolute_url()


class ShiftDetailView(ObjectDetailView):
    model = Shift
    template_name = "zones/shift_detail.html"
    detail_fields = ("checkpoint", "date", "start_time", "end_time", "note")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["staff"] = list(self.object.staff.select_related("user"))
        context["counts"] = selectors.shift_counts([self.object])[self.object.pk]
        if self.request.user.has_perm("zones.add_shiftstaff"):
            context["staff_form"] = StaffForm(user=self.request.user)
        return context


class StaffAddView(ServiceFormView):
    permission_required = "zones.add_shiftstaff"
    model = Shift
    form_class = StaffForm
    title = gettext_lazy("Add staff on duty")

    def perform(self, data):
        services.shift_staff_add(shift=self.object, **data)
        return self.object


class PassageListView(ZonesListView):
    model = Passage
    table_class = PassageTable
    filterset_class = PassageFilter

    def get_queryset(self):
        return super().get_queryset().select_related("checkpoint", "shift", "person")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        access_log(
            request=request, action="view", object_type="zones.Passage", detail=f"list {request.GET.urlencode()}"
        )
        return response


class PassageDetailView(ObjectDetailView):
    model = Passage
    template_name = "zones/passage_detail.html"
    detail_fields = (
        "checkpoint",
        "shift",
        "at",
        "direction",
        "person",
        "name",
        "plate",
        "origin",
        "origin_area",
        "outcome",
        "reason",
        "arrival",
        "officer",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access_log(request=self.request, action="view", obj=self.object)
        show = self.request.user.has_perm("people.view_id_number")
        context["shown_id"] = self.object.id_number if show else mask_id_number(self.object.id_number)
        return context


# ------------------------------------------------------------------------------------------------ the phone page


class PhoneView(ServiceFormView):
    """The checkpoint officer's phone page: pick the checkpoint once, then scan or type and log in one tap."""

    permission_required = "zones.add_passage"
    form_class = PassageForm
    template_name = "zones/phone.html"
    testid = "passage-form"

    def load(self):
        if "pk" in self.kwargs:  # /phone/<pk>/: that checkpoint, if the officer may see it (else 404)
            visible = Checkpoint.objects.visible_to(self.request.user).filter(active=True)
            self.request.session[PHONE_SESSION_KEY] = ensure_visible(visible, self.kwargs["pk"]).pk

    def get_initial(self):
        initial = {"direction": "in", "outcome": Outcome.ALLOWED}
        remembered = self.request.session.get(PHONE_SESSION_KEY)
        visible = Checkpoint.objects.visible_to(self.request.user).filter(active=True)
        chosen = visible.filter(pk=remembered).first() if remembered else None
        chosen = chosen or (visible.first() if visible.count() == 1 else None)
        if chosen:
            initial["checkpoint"] = chosen
        scan = self.request.GET.get("scan", "")
        if scan:
            initial["scan"] = scan
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        checkpoint_id = self.request.session.get(PHONE_SESSION_KEY)
        last_id = self.request.session.get("zones_last_passage")
        last = None
        if last_id:
            last = Passage.objects.visible_to(self.request.user).filter(pk=last_id).select_related("shift").first()
        recent = Passage.objects.visible_to(self.request.user).filter(officer=self.request.user)
        if checkpoint_id:
            recent = recent.filter(checkpoint_id=checkpoint_id)
        context.update(last=last, recent=list(recent.select_related("shift")[:10]))
        if last is not None:
            self.request.session.pop("zones_last_passage", None)
        return context

    def perform(self, data):
        self.request.session[PHONE_SESSION_KEY] = data["checkpoint"].pk
        passage = services.passage_log(
            checkpoint=data["checkpoint"],
            officer=self.request.user,
            direction=data["direction"],
            outcome=data["outcome"],
            reason=data["reason"],
            name=data["name"],
            id_number=data["id_number"],
            plate=data["plate"],
            origin=data["origin"],
            origin_area=data["origin_area"],
            permit_token=data["scan"],
        )
        if passage.person_id:
            access_log(request=self.request, action="view", obj=passage, detail=f"passage {passage.scan_result}")
        return passage

    def success_message(self, passage):
        return _("Logged: %(passage)s.") % {"passage": passage}

    def success_url_for(self, passage):
        self.request.session["zones_last_passage"] = passage.pk
        return reverse("zones:phone")
