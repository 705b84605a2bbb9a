"""Generic object views: a model's list, detail and history pages are a few declarative lines.

Every view here: anonymous → login redirect; no permission → 403; outside the user's scope → 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from .navigation import counters_for
from .tables import auto_table


class ScopedMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Login, then the model permission (`app.<action>_<model>`), then the scope (`visible_to`)."""

    model: type[models.Model]
    action = "view"

    def get_permission_required(self):
        meta = self.model._meta
        return [f"{meta.app_label}.{self.action}_{meta.model_name}"]

    def get_queryset(self):
        return self.model._default_manager.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meta"] = self.model._meta
        context["url_names"] = url_names(self.model)
        return context


class ObjectListView(ScopedMixin, SingleTableMixin, FilterView):
    template_name = "core/object_list.html"
    table_fields: tuple[str, ...] = ()
    paginate_by = 50

    def get_table_class(self):
        if self.table_class:
            return self.table_class
        return auto_table(self.model, self.table_fields)

    def get_filterset_class(self):
        if self.filterset_class:
            return self.filterset_class
        from django_filters import FilterSet

        return type("AutoFilterSet", (FilterSet,), {"Meta": type("Meta", (), {"model": self.model, "fields": []})})


class ObjectDetailView(ScopedMixin, DetailView):
    template_name = "core/object_detail.html"
    detail_fields: tuple[str, ...] = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["field_rows"] = field_rows(self.object, self.detail_fields)
        return context


class ObjectHistoryView(ScopedMixin, DetailView):
    """Who changed what, and when: every version with the fields that changed."""

    template_name = "core/object_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = history_rows(self.object)
        return context


def field_rows(obj: models.Model, names: tuple[str, ...] = ()) -> list[tuple[str, object]]:
    rows = []
    for field in obj._meta.concrete_fields:
        if (names and field.name not in names) or field.name in {"id"} or not field.editable:
            continue
        display = getattr(obj, f"get_{field.name}_display", None)
        value = display() if display else getattr(obj, field.name)
        rows.append((field.verbose_name, value))
    return rows


def history_rows(obj: models.Model) -> list[dict]:
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
    rows = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changes = []
        if older is not None:
            delta = newer.diff_against(older)
            for change in delta.changes:
                field = obj._meta.get_field(change.field)
                changes.append({"field": field.verbose_name, "old": change.old, "new": change.new})
        rows.append(
            {
                "date": newer.history_date,
                "user": newer.history_user,
                "type": {"+": _("created"), "~": _("changed"), "-": _("deleted")}[newer.history_type],
                "changes": changes,
            }
        )
    return rows


def url_names(model: type[models.Model]) -> dict[str, str]:
    meta = model._meta
    base = f"{meta.app_label}:{meta.model_name}"
    return {"list": f"{base}_list", "detail": f"{base}_detail", "history": f"{base}_history"}


def object_urls(
    model, *, list_view=ObjectListView, detail_view=ObjectDetailView, prefix: str | None = None, **list_options
):
    """URL patterns for a model's list, detail and history pages, named `<model>_list` etc. in the app namespace."""
    name = model._meta.model_name
    prefix = f"{name}s/" if prefix is None else prefix
    return [
        path(prefix, list_view.as_view(model=model, **list_options), name=f"{name}_list"),
        path(f"{prefix}<int:pk>/", detail_view.as_view(model=model), name=f"{name}_detail"),
        path(f"{prefix}<int:pk>/history/", ObjectHistoryView.as_view(model=model), name=f"{name}_history"),
    ]


def absolute_url(obj: models.Model) -> str:
    return reverse(url_names(type(obj))["detail"], args=[obj.pk])


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["counters"] = counters_for(user)
        context["memberships"] = user.memberships.select_related("organisation", "admin_unit")
        return context


class DualGoalLoginView(LoginView):
    redirect_authenticated_user = True


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_500(request):
    return render(request, "500.html", status=500)


def ensure_visible(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


class NotificationListView(LoginRequiredMixin, TemplateView):
    """A user's own notifications (reminders, returned reports…); opening the page marks them read."""

    template_name = "core/notifications.html"

    def get_context_data(self, **kwargs):
        from .models import Notification
        from .notify import notifications_mark_read

        context = super().get_context_data(**kwargs)
        context["notifications"] = list(Notification.objects.filter(user=self.request.user)[:200])
        notifications_mark_read(user=self.request.user)
        return context


def add_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError onto the form: each message on its field when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


class ServiceFormView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """A form that calls one service (`perform`); the service's refusals land on the form and nothing is saved.
    With `model`, the URL's pk names an object in the user's scope (else 404). Apps set `testid` (and may set
    `template_name`, extending core/form.html, and `form_column`)."""

    template_name = "core/form.html"
    form_column = ""  # the column's classes: core/form.html's default when empty
    model = None
    title = ""
    intro = ""
    submit = _("Save")
    testid = "service-form"
    object = None

    def load(self):
        if self.model is not None:
            self.object = ensure_visible(self.model.objects.visible_to(self.request.user), self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.load()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.load()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title,
            intro=self.intro,
            submit=self.submit,
            object=self.object,
            testid=self.testid,
            form_column=self.form_column,
        )
        return context

    def perform(self, data: dict):
        raise NotImplementedError

    def success_message(self, result) -> str:
        return str(_("Saved."))

    def form_valid(self, form):
        try:
            result = self.perform(form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(result))
        return redirect(self.success_url_for(result))

    def success_url_for(self, result) -> str:
        return result.get_absolute_url()
