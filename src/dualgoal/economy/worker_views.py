"""Screens of the worker-list import (issue 6, point 3): upload, progress (polled with htmx), outcome, error file.

Login, then the permission (`economy.add_workerimport` to upload, `economy.view_workerimport` to follow), then the
scope: the enterprise and the import must be visible to the user (`visible_to`) or the page is a 404 — an
enterprise's own users reach their enterprise only.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_htmx.http import HttpResponseClientRefresh

from dualgoal.core.access import access_log

from .choices import ImportStatus
from .models import Enterprise, WorkerImport
from .workers import ERRORS_ON_SCREEN, errors_xlsx, worker_import_start

ACCEPTED = ".xlsx,.xlsm,.xls,.xlsb,.ods,.csv"
MAX_UPLOAD = 50 * 1024 * 1024


class WorkerListForm(forms.Form):
    file = forms.FileField(
        label=_("Worker list (.xlsx, .xls, .ods or .csv)"),
        help_text=_(
            "The list as the enterprise keeps it: title rows, merged cells, numbered columns and signatures are fine."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check every row without saving anything"), required=False, initial=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload


class WorkerImportUploadView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "economy.add_workerimport"
    form_class = WorkerListForm
    template_name = "economy/workers_upload.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.enterprise = get_object_or_404(Enterprise.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["enterprise"] = self.enterprise
        context["recent"] = WorkerImport.objects.visible_to(self.request.user).filter(enterprise=self.enterprise)[:10]
        return context

    def form_valid(self, form):
        record = worker_import_start(
            enterprise=self.enterprise,
            upload=form.cleaned_data["file"],
            dry_run=form.cleaned_data["dry_run"],
            user=self.request.user,
        )
        return redirect("economy:worker_import_status", pk=record.pk)


class _ImportMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "economy.view_workerimport"

    def get_record(self) -> WorkerImport:
        queryset = WorkerImport.objects.visible_to(self.request.user).select_related("enterprise", "created_by")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])


def _outcome(record: WorkerImport) -> dict:
    errors = record.errors or []
    return {
        "record": record,
        "finished": record.status in (ImportStatus.DONE, ImportStatus.FAILED),
        "errors_shown": errors[:ERRORS_ON_SCREEN],
        "errors_total": len(errors),
        "error_rows": len({e.get("row") for e in errors if e.get("row") is not None}),
        "errors_limit": ERRORS_ON_SCREEN,
    }


class WorkerImportStatusView(_ImportMixin, TemplateView):
    template_name = "economy/workers_status.html"

    def get_context_data(self, **kwargs):
        record = self.get_record()
        access_log(request=self.request, action="view", obj=record, detail=record.filename)
        return {**super().get_context_data(**kwargs), **_outcome(record)}


class WorkerImportProgressView(_ImportMixin, TemplateView):
    """The progress bar, polled by the status page; once the import is over the page reloads to show the outcome."""

    template_name = "economy/workers_progress.html"

    def get(self, request, *args, **kwargs):
        record = self.get_record()
        context = _outcome(record)
        if context["finished"] and request.htmx:
            return HttpResponseClientRefresh()
        return self.render_to_response(context)


class WorkerImportErrorsView(_ImportMixin, View):
    def get(self, request, *args, **kwargs):
        record = self.get_record()
        access_log(request=request, action="export", obj=record, detail=f"errors of {record.filename}")
        response = HttpResponse(
            errors_xlsx(record.errors or []),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="loi-danh-sach-{record.pk}.xlsx"'
        return response


urlpatterns: list = [
    path("enterprises/<int:pk>/workers/import/", WorkerImportUploadView.as_view(), name="worker_import"),
    path("worker-imports/<int:pk>/", WorkerImportStatusView.as_view(), name="worker_import_status"),
    path("worker-imports/<int:pk>/progress/", WorkerImportProgressView.as_view(), name="worker_import_progress"),
    path("worker-imports/<int:pk>/errors.xlsx", WorkerImportErrorsView.as_view(), name="worker_import_errors"),
]
