"""Screens of the plans module. Views stay thin: scope, permission, parse input, call a service or selector."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from dualgoal.core.clock import today
from dualgoal.core.views import ObjectDetailView, ObjectListView
from dualgoal.organisations.models import Organisation

from . import importing, report, selectors, services
from .choices import TaskStatus
from .forms import AsOfForm, PlanUploadForm, ProgressReportForm, ReviewForm, SubPlanSubmitForm
from .models import Plan, PlanImport, ProgressReport, SubPlan, Task
from .querysets import user_organisation_ids
from .tables import PlanTable


def as_of_date(request) -> dt.date:
    form = AsOfForm(request.GET)
    return (form.cleaned_data.get("as_of") if form.is_valid() else None) or today()


class AsOfMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["as_of"] = as_of_date(self.request)
        context["statuses_legend"] = TaskStatus
        return context


class PlanListView(ObjectListView):
    model = Plan
    table_class = PlanTable
    template_name = "plans/plan_list.html"


class PlanDetailView(AsOfMixin, ObjectDetailView):
    model = Plan
    template_name = "plans/plan_detail.html"
    detail_fields = ("number", "issued_on", "place", "issuer", "signer_name", "coordinator", "subplan_due", "status")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        as_of = context["as_of"]
        tasks = list(
            selectors.tasks_with_relations(Task.objects.visible_to(self.request.user).filter(plan=self.object))
        )
        statuses = selectors.task_statuses(tasks, as_of=as_of)
        context["tree"] = selectors.section_progress(self.object, tasks, statuses)
        context["tasks"] = [(t, statuses[t.pk]) for t in tasks]
        context["unresolved"] = sorted({n for t in tasks for n in t.unresolved_names})
        context["subplans"] = selectors.subplan_returns(
            self.object, as_of=as_of, subplans=SubPlan.objects.visible_to(self.request.user)
        )
        if context["unresolved"] and self.request.user.has_perm("plans.change_task"):
            context["organisations_in_scope"] = Organisation.objects.visible_to(self.request.user).order_by("name")
        return context


class TaskBoardView(LoginRequiredMixin, PermissionRequiredMixin, AsOfMixin, TemplateView):
    """An organisation's tasks by status class. Overseers may pick any organisation; others see their own."""

    permission_required = "plans.view_task"
    template_name = "plans/board.html"
    model = Task

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        tasks = Task.objects.visible_to(user)
        own = user_organisation_ids(user)
        chosen = self.request.GET.get("organisation")
        if chosen and chosen.isdigit():
            tasks = tasks.assigned_to([int(chosen)])
            context["organisation"] = Organisation.objects.visible_to(user).filter(pk=chosen).first()
        elif own:
            tasks = tasks.assigned_to(own)
        tasks = list(selectors.tasks_with_relations(tasks))
        statuses = selectors.task_statuses(tasks, as_of=context["as_of"])
        columns = {status: [] for status in TaskStatus}
        for task in tasks:
            columns[statuses[task.pk].status].append((task, statuses[task.pk]))
        context["columns"] = [(TaskStatus(s), rows) for s, rows in columns.items()]
        context["organisations"] = Organisation.objects.visible_to(user).filter(assignments__isnull=False).distinct()
        return context


class OverdueView(LoginRequiredMixin, PermissionRequiredMixin, AsOfMixin, TemplateView):
    permission_required = "plans.view_task"
    template_name = "plans/overdue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tasks = list(selectors.tasks_with_relations(Task.objects.visible_to(self.request.user)))
        statuses = selectors.task_statuses(tasks, as_of=context["as_of"])
        rows = [(t, statuses[t.pk]) for t in tasks if statuses[t.pk].status == TaskStatus.OVERDUE]
        context["rows"] = sorted(rows, key=lambda r: (r[1].due or dt.date.max, r[0].order))
        return context


class ScorecardView(LoginRequiredMixin, PermissionRequiredMixin, AsOfMixin, TemplateView):
    """On-time rate and overdue count per lead body: what Phòng Nội vụ needs to commend or criticise."""

    permission_required = "plans.view_scorecard"
    template_name = "plans/scorecard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["cards"] = selectors.scorecard(
            plans=Plan.objects.visible_to(user),
            as_of=context["as_of"],
            organisations=Organisation.objects.visible_to(user),
        )
        return context


class TaskDetailView(AsOfMixin, ObjectDetailView):
    """A task with its status, its reports (reviewable by the coordinator) and, for its bodies, the report form."""

    model = Task
    template_name = "plans/task_detail.html"
    detail_fields = ("text", "deadline", "recurrence", "deadline_text", "target_text")
    report_form = None

    def get_queryset(self):
        return selectors.tasks_with_relations(super().get_queryset())

    def reporters(self):
        organisations = Organisation.objects.filter(assignments__task=self.object)
        if not self.request.user.is_superuser:
            organisations = organisations.filter(pk__in=user_organisation_ids(self.request.user))
        return organisations

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task, user = self.object, self.request.user
        context["judgement"] = selectors.task_statuses([task], as_of=context["as_of"])[task.pk]
        context["reports"] = task.reports.select_related("organisation", "author", "reviewed_by")
        reporters = self.reporters()
        if user.has_perm("plans.add_progressreport") and reporters.exists():
            context["report_form"] = self.report_form or ProgressReportForm(
                organisations=reporters, initial={"reported_on": today()}
            )
        context["can_review"] = user.has_perm("plans.review_progressreport")
        if user.has_perm("plans.change_task"):
            context["assignable"] = Organisation.objects.visible_to(user).filter(is_active=True).order_by("name")
        return context

    def post(self, request, *args, **kwargs):
        """Report progress on this task (only its own bodies; the service checks the assignment again)."""
        self.object = self.get_object()
        if not request.user.has_perm("plans.add_progressreport"):
            raise PermissionDenied
        form = ProgressReportForm(request.POST, request.FILES, organisations=self.reporters())
        if form.is_valid():
            try:
                services.task_report_progress(task=self.object, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Progress report recorded."))
                return redirect(self.object.get_absolute_url())
        self.report_form = form
        return self.render_to_response(self.get_context_data(object=self.object), status=400)


class ProgressReviewView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "plans.review_progressreport"

    def post(self, request, pk):
        report_obj = get_object_or_404(ProgressReport.objects.visible_to(request.user), pk=pk)
        form = ReviewForm(request.POST)
        if not form.is_valid():
            raise Http404
        try:
            services.progress_review(
                report=report_obj,
                user=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(request, _("Review recorded."))
        return redirect(report_obj.task.get_absolute_url())


class TaskMapNameView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "plans.change_task"

    def post(self, request, pk):
        plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=pk)
        organisation = get_object_or_404(
            Organisation.objects.visible_to(request.user), pk=request.POST.get("organisation")
        )
        name = request.POST.get("name", "")
        count = services.task_map_name(plan=plan, name=name, organisation=organisation)
        messages.success(
            request, _("“%(name)s” mapped to %(org)s on %(n)s tasks.") % {"name": name, "org": organisation, "n": count}
        )
        return redirect(plan.get_absolute_url())


class TaskAssignView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "plans.change_task"

    def post(self, request, pk):
        task = get_object_or_404(Task.objects.visible_to(request.user), pk=pk)
        organisation = Organisation.objects.visible_to(request.user).filter(pk=request.POST.get("organisation")).first()
        if organisation is None:
            messages.error(request, _("Choose an organisation."))
        else:
            try:
                services.task_assign(task=task, organisation=organisation, role=request.POST.get("role", ""))
            except ValidationError as exc:
                for error in exc.messages:
                    messages.error(request, error)
            else:
                messages.success(request, _("%(org)s assigned.") % {"org": organisation})
        return redirect(task.get_absolute_url())


class SubPlanSubmitView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "plans.submit_subplan"
    form_class = SubPlanSubmitForm
    template_name = "plans/subplan_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        subplans = SubPlan.objects.visible_to(request.user)
        if not request.user.is_superuser:
            subplans = subplans.filter(organisation__in=user_organisation_ids(request.user))
        self.subplan = get_object_or_404(subplans, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"submitted_on": today()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "subplan": self.subplan}

    def form_valid(self, form):
        try:
            services.subplan_submit(subplan=self.subplan, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Sub-plan submitted."))
        return redirect(self.subplan.plan.get_absolute_url())


class PlanImportView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Step 1: upload a .txt or .docx; it is parsed and kept as a draft for review — nothing is saved as a plan."""

    permission_required = "plans.add_planimport"
    form_class = PlanUploadForm
    template_name = "plans/import_upload.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        within = form.cleaned_data["admin_unit"]
        try:
            text = importing.read_plan_file(upload.name, upload.read())
            draft = importing.plan_parse(text=text, within=within)
        except ValidationError as exc:
            for error in exc.messages:
                form.add_error("file", error)
            return self.form_invalid(form)
        record = PlanImport.objects.create(
            admin_unit=within,
            source_name=upload.name[:255],
            source_text=text,
            parsed=draft,
            created_by=self.request.user,
        )
        return redirect("plans:import_review", pk=record.pk)


class PlanImportReviewView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Step 2: the parsed plan, editable; unresolved names mapped; saving creates everything at once."""

    permission_required = "plans.add_planimport"
    template_name = "plans/import_review.html"

    def get_record(self) -> PlanImport:
        return get_object_or_404(PlanImport.objects.visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.get_record()
        draft = kwargs.get("draft") or record.parsed
        names = importing.names_in(draft)
        resolved = importing.resolve_names(names, within=record.admin_unit)
        context.update(
            record=record,
            draft=draft,
            errors=kwargs.get("errors", []),
            unresolved=[n for n in names if not resolved[n]],
            resolved={
                n: ", ".join(o.short_name or o.name for o in orgs[:3]) + ("…" if len(orgs) > 3 else "")
                for n, orgs in resolved.items()
                if orgs
            },
            organisations=Organisation.objects.visible_to(self.request.user).order_by("name"),
            rows=[(i, t) for i, t in enumerate(draft["tasks"])],
        )
        return context

    def post(self, request, pk):
        record = self.get_record()
        draft = review_draft(record.parsed, request.POST)
        mapping = {
            name: int(value)
            for name, value in zip(request.POST.getlist("map_name"), request.POST.getlist("map_to"), strict=False)
            if value.isdigit()
        }
        try:
            plan = services.plan_import_commit(plan_import=record, draft=draft, mapping=mapping)
        except ValidationError as exc:
            return self.render_to_response(self.get_context_data(draft=draft, errors=exc.messages), status=400)
        messages.success(request, _("Plan saved with %(n)s tasks.") % {"n": plan.tasks.count()})
        return redirect(plan.get_absolute_url())


def review_draft(draft: dict, data) -> dict:
    """Apply the reviewer's corrections (text, deadline, lead, support per task; title and number) to a draft."""
    corrected = {**draft, "tasks": []}
    for key in ("title", "number"):
        if key in data:
            corrected[key] = data[key].strip()
    for index, task in enumerate(draft["tasks"]):
        if data.get(f"task-{index}-delete"):
            continue
        row = dict(task)
        row["text"] = data.get(f"task-{index}-text", task["text"]).strip()
        row["deadline"] = data.get(f"task-{index}-deadline", task["deadline"] or "").strip() or None
        for role in ("lead", "support"):
            if f"task-{index}-{role}" in data:
                row[role] = [n.strip() for n in data[f"task-{index}-{role}"].split(";") if n.strip()]
        corrected["tasks"].append(row)
    return corrected


class PlanReportView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The coordinator's periodic report: DOCX laid out per Decree 30/2020, or the same table as XLSX."""

    permission_required = "plans.export_report"

    def get(self, request, pk, fmt):
        plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=pk)
        as_of = as_of_date(request)
        content, mime = report.plan_report(plan=plan, user=request.user, as_of=as_of, fmt=fmt)
        from dualgoal.core.access import access_log

        access_log(request=request, action="export", obj=plan, detail=f"{fmt} {as_of:%d/%m/%Y}")
        response = HttpResponse(content, content_type=mime)
        response["Content-Disposition"] = f'attachment; filename="bao-cao-ke-hoach-{plan.pk}-{as_of:%Y%m%d}.{fmt}"'
        return response


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)
