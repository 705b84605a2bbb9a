"""Screens of the epidemic core. Views stay thin: scope, permission, parse input, call a service or selector.

Every read of a person's health detail (a case, a "why" panel) is written to the access log.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from dualgoal.core.access import access_log, mask_id_number
from dualgoal.core.views import ObjectDetailView, ObjectListView, add_errors
from dualgoal.people.models import Person

from . import importing, selectors, services
from .filters import CaseFilter, ContactFilter
from .forms import CaseForm, CaseUpdateForm, ContactForm, GraphForm, ImportForm
from .models import Attendance, Case, Contact, GroupExposure, TraceState
from .tables import CaseTable, ContactTable


def can_see_id_numbers(user) -> bool:
    return user.has_perm("people.view_id_number")


def level_label(level: int | None) -> str:
    return "" if level is None else f"F{level}"


class CaseListView(ObjectListView):
    model = Case
    table_class = CaseTable
    filterset_class = CaseFilter
    template_name = "epidemic/case_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("person__residence_unit__parent")

    def get_table_kwargs(self):
        return {"show_id": can_see_id_numbers(self.request.user)}


class CaseDetailView(ObjectDetailView):
    model = Case
    template_name = "epidemic/case_detail.html"
    detail_fields = (
        "code",
        "sample_date",
        "test_kind",
        "onset_date",
        "source",
        "notified_by",
        "isolation_date",
        "treatment_place",
        "outcome",
        "outcome_date",
    )
    update_form = None

    def get_queryset(self):
        return super().get_queryset().select_related("person__residence_unit__parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case, user = self.object, self.request.user
        access_log(request=self.request, action="view", obj=case, detail=f"case {case.code}")
        person = case.person
        context["person"] = person
        context["id_number"] = person.id_number if can_see_id_numbers(user) else mask_id_number(person.id_number)
        context["state"] = TraceState.objects.filter(person=person).first()
        context["can_trace"] = user.has_perm("epidemic.view_tracing")
        if user.has_perm("epidemic.change_case"):
            context["update_form"] = self.update_form or CaseUpdateForm(
                initial={
                    "isolation_date": case.isolation_date,
                    "outcome": case.outcome,
                    "outcome_date": case.outcome_date,
                    "treatment_place": case.treatment_place,
                }
            )
        return context

    def post(self, request, *args, **kwargs):
        """Update isolation, outcome and treatment place (isolation re-levels the case's contacts)."""
        self.object = self.get_object()
        if not request.user.has_perm("epidemic.change_case"):
            raise PermissionDenied
        form = CaseUpdateForm(request.POST)
        if form.is_valid():
            try:
                services.case_update(case=self.object, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Case %(code)s updated.") % {"code": self.object.code})
                return redirect(self.object.get_absolute_url())
        self.update_form = form
        return self.render_to_response(self.get_context_data(object=self.object), status=400)


class ContactListView(ObjectListView):
    model = Contact
    table_class = ContactTable
    filterset_class = ContactFilter
    template_name = "epidemic/contact_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("person_a", "person_b")


class ContactDetailView(ObjectDetailView):
    model = Contact
    detail_fields = ("person_a", "person_b", "date", "setting", "note")


class AttendanceListView(ObjectListView):
    model = Attendance
    table_fields = ("group", "date_from", "date_to")

    def get_queryset(self):
        return super().get_queryset().select_related("group", "person").order_by("-date_from", "pk")


class GroupExposureDetailView(ObjectDetailView):
    model = GroupExposure
    template_name = "epidemic/groupexposure_detail.html"
    detail_fields = ("name", "setting", "place", "admin_unit", "date_from", "date_to")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        attendances = list(
            Attendance.objects.visible_to(user)
            .filter(group=self.object)
            .select_related("person__residence_unit__parent")
            .order_by("date_from", "person__name_folded")[:500]
        )
        visible = selectors.visible_person_ids(user, [a.person_id for a in attendances])
        levels = dict(
            TraceState.objects.filter(person_id__in=[a.person_id for a in attendances]).values_list(
                "person_id", "level"
            )
        )
        context["attendees"] = [
            {
                "attendance": a,
                "visible": a.person_id in visible,
                "level": level_label(levels.get(a.person_id)),
            }
            for a in attendances
        ]
        context["attendee_count"] = Attendance.objects.visible_to(user).filter(group=self.object).count()
        return context


class PermissionFormView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def chosen_person(self) -> Person | None:
        pk = self.request.GET.get("person", "")
        if not pk.isdigit():
            return None
        return get_object_or_404(Person.objects.visible_to(self.request.user), pk=pk)


class CaseCreateView(PermissionFormView):
    """Record a positive test (a case): the person comes from their page or is typed as a citizen ID."""

    permission_required = "epidemic.add_case"
    form_class = CaseForm
    template_name = "epidemic/case_form.html"

    def get_initial(self):
        person = self.chosen_person()
        return {"person": person} if person else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.chosen_person()
        return context

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        data.pop("id_number", None)
        try:
            case = services.case_record(**data)
        except ValidationError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Case %(code)s recorded; the levels of %(name)s's contacts were recomputed.")
            % {"code": case.code, "name": case.person},
        )
        return redirect(case.get_absolute_url())


class ContactCreateView(PermissionFormView):
    """Record a contact between two persons; the first one is in the user's scope, the other may be anywhere."""

    permission_required = "epidemic.add_contact"
    form_class = ContactForm
    template_name = "epidemic/contact_form.html"

    def get_initial(self):
        person = self.chosen_person()
        return {"person_a": person} if person else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.chosen_person()
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            contact = services.contact_record(
                person_a=data["person_a"],
                person_b=data["person_b"],
                date=data["date"],
                setting=data["setting"],
                note=data["note"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Contact recorded: %(contact)s.") % {"contact": contact})
        if self.request.user.has_perm("epidemic.view_tracing"):
            return redirect("epidemic:why", person_pk=contact.person_a_id)
        return redirect(contact.get_absolute_url())


class WhyView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """A person's level and why: the path from an F0 to them, step by step, and the history of their level."""

    permission_required = "epidemic.view_tracing"
    template_name = "epidemic/why.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        person = get_object_or_404(
            Person.objects.visible_to(user).select_related("residence_unit__parent"), pk=self.kwargs["person_pk"]
        )
        access_log(request=self.request, action="view", obj=person, detail="why (exposure path)")
        state = TraceState.objects.filter(person=person).first()
        show_id = can_see_id_numbers(user)
        path = selectors.explained_path(state, user, show_id=show_id)
        cases_visible = Case.objects.visible_to(user)
        source_case = path[0].case if path else None
        context.update(
            person=person,
            id_number=person.id_number if show_id else mask_id_number(person.id_number),
            state=state,
            level=level_label(state.level if state else None),
            path=path,
            source_case=source_case if source_case and cases_visible.filter(pk=source_case.pk).exists() else None,
            history=selectors.level_history(person),
            cases=cases_visible.filter(person=person),
            quarantines=person.quarantine_starts.all()[:10],
            can_add_case=user.has_perm("epidemic.add_case"),
            can_add_contact=user.has_perm("epidemic.add_contact"),
        )
        return context


class CountsView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "epidemic.view_tracing"
    template_name = "epidemic/counts.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        levels, rows, totals = selectors.counts_by_commune(self.request.user)
        context.update(
            levels=levels,
            rows=[(row, row.cells(levels)) for row in rows],
            totals=totals.cells(levels),
            total=totals.total,
            level_totals=list(zip(levels, totals.cells(levels), strict=True)),
        )
        return context


class GraphView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """The transmission graph of one cluster: the persons connected to one chosen case (never the whole district)."""

    permission_required = "epidemic.view_tracing"
    template_name = "epidemic/graph.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = GraphForm(self.request.GET or None)
        context["form"] = form
        cases = Case.objects.visible_to(user).select_related("person")
        case = None
        if form.is_bound and form.is_valid() and form.cleaned_data["case"]:
            case = cases.filter(code=form.cleaned_data["case"].strip().upper()).first()
            if case is None:
                form.add_error("case", _("No case with this code in your area."))
        context["recent"] = cases.order_by("-sample_date", "code")[:12]
        if case is not None:
            access_log(request=self.request, action="view", obj=case, detail="transmission graph")
            cluster = selectors.cluster_graph(case, user)
            context.update(
                case=case,
                cluster=cluster,
                level_counts=[(level_label(k), n) for k, n in cluster.level_counts().items()],
                figure=graph_figure(cluster),
                why_url=reverse("epidemic:why", args=[0]),
            )
        return context


class ImportView(PermissionFormView):
    """Upload an F0/F1 list notified by another locality; every row is validated and reported on."""

    permission_required = "epidemic.import_cases"
    form_class = ImportForm
    template_name = "epidemic/import.html"

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            result = importing.import_notified_list(
                name=upload.name,
                content=upload.read(),
                notified_by=form.cleaned_data["notified_by"],
                within=form.cleaned_data["admin_unit"],
            )
        except ValidationError as exc:
            for error in exc.messages:
                form.add_error("file", error)
            return self.form_invalid(form)
        access_log(
            request=self.request,
            action="view",
            object_type="epidemic.import",
            detail=f"{upload.name}: {result.created_rows} ok, {len(result.errors)} errors",
        )
        return self.render_to_response(self.get_context_data(form=form, result=result))


LEVEL_COLOURS = {0: "#d62728", 1: "#ff7f0e", 2: "#e0b000", 3: "#1f77b4"}
OTHER_COLOUR = "#9467bd"
GROUP_COLOUR = "#7f7f7f"


def graph_figure(cluster: selectors.Cluster) -> dict:
    """A plotly figure (data + layout) for a cluster laid out server-side: edges as lines, persons coloured by
    level, group exposures as grey diamonds, the chosen case outlined. customdata carries the person's pk."""
    nodes = cluster.nodes
    plain_x: list = []
    plain_y: list = []
    carried_x: list = []
    carried_y: list = []
    for a, b, carried in cluster.edges:
        xs, ys = (carried_x, carried_y) if carried else (plain_x, plain_y)
        xs += [nodes[a]["x"], nodes[b]["x"], None]
        ys += [nodes[a]["y"], nodes[b]["y"], None]
    data: list[dict] = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": plain_x,
            "y": plain_y,
            "line": {"color": "#bbbbbb", "width": 0.6},
            "hoverinfo": "skip",
            "name": _("other contacts"),
            "visible": "legendonly",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "x": carried_x,
            "y": carried_y,
            "line": {"color": "#555555", "width": 1.2},
            "hoverinfo": "skip",
            "name": _("exposure passed on"),
        },
    ]
    by_level: dict = {}
    for key, node in nodes.items():
        bucket = "group" if node["kind"] == "group" else node["level"]
        by_level.setdefault(bucket, []).append((key, node))
    for bucket in sorted(by_level, key=lambda b: (b == "group", b if isinstance(b, int) else 99)):
        members = by_level[bucket]
        is_group = bucket == "group"
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [n["x"] for _k, n in members],
                "y": [n["y"] for _k, n in members],
                "text": [_hover(n) for _k, n in members],
                "hoverinfo": "text",
                "customdata": [0 if is_group or not n["visible"] else n["pk"] for _k, n in members],
                "name": _("group exposure") if is_group else level_label(bucket),
                "marker": {
                    "size": 9 if is_group else max(6, 14 - 2 * bucket),
                    "symbol": "diamond" if is_group else "circle",
                    "color": GROUP_COLOUR if is_group else LEVEL_COLOURS.get(bucket, OTHER_COLOUR),
                    "line": {"width": 0.5, "color": "#ffffff"},
                },
            }
        )
    root = nodes[("p", cluster.root)]
    data.append(
        {
            "type": "scatter",
            "mode": "markers",
            "x": [root["x"]],
            "y": [root["y"]],
            "text": [_hover(root)],
            "hoverinfo": "text",
            "customdata": [root["pk"] if root["visible"] else 0],
            "name": _("chosen case"),
            "marker": {"size": 20, "color": "rgba(0,0,0,0)", "line": {"width": 3, "color": "#000000"}},
        }
    )
    layout = {
        "showlegend": True,
        "legend": {"orientation": "h", "y": -0.02, "yanchor": "top"},
        "hovermode": "closest",
        "dragmode": "pan",
        "margin": {"l": 4, "r": 4, "t": 4, "b": 4},
        "xaxis": {"visible": False},
        "yaxis": {"visible": False, "scaleanchor": "x", "scaleratio": 1},
        "plot_bgcolor": "#ffffff",
    }
    return {"data": data, "layout": layout}


def _hover(node: dict) -> str:
    if node["kind"] == "group":
        return f"<b>{escape(node['label'])}</b><br>{escape(_('group exposure'))}"
    level = level_label(node["level"])
    lines = []
    if node["visible"]:
        lines.append(
            f"<b>{escape(node['label'])}</b>" + (f" ({escape(node['id_number'])})" if node["id_number"] else "")
        )
        if node["case_code"]:
            lines.append(escape(node["case_code"]))
    else:
        lines.append(escape(_("A person outside your area")))
    day = node.get("exposed_on")
    if day and node["level"]:
        lines.append(escape(_("%(level)s, exposed on %(day)s") % {"level": level, "day": f"{day:%d/%m/%Y}"}))
    else:
        lines.append(level)
    if node["place"]:
        lines.append(escape(node["place"]))
    return "<br>".join(lines)
