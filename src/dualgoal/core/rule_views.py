"""Screens of the rule table: list, detail, history, and adding a new version."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from .filters import RuleFilter
from .forms import RuleVersionForm
from .models import Rule
from .rulebook import rule_add_version
from .tables import RuleTable
from .views import ObjectDetailView, ObjectListView


class RuleListView(ObjectListView):
    model = Rule
    table_class = RuleTable
    filterset_class = RuleFilter
    template_name = "core/rule_list.html"


class RuleDetailView(ObjectDetailView):
    template_name = "core/rule_detail.html"
    detail_fields = ("key", "valid_from", "valid_to", "source", "confidence", "note")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["value_json"] = json.dumps(self.object.value, ensure_ascii=False, indent=2)
        context["versions"] = Rule.objects.filter(key=self.object.key).order_by("valid_from")
        return context


class RuleVersionCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "core.add_rule"
    form_class = RuleVersionForm
    template_name = "core/rule_form.html"

    def get_initial(self):
        initial = super().get_initial()
        if key := self.request.GET.get("key"):
            initial["key"] = key
            latest = Rule.objects.filter(key=key).order_by("-valid_from").first()
            if latest is not None:
                initial.update(value=json.dumps(latest.value, ensure_ascii=False), source=latest.source)
        return initial

    def form_valid(self, form):
        try:
            created = rule_add_version(**form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("New version of “%(key)s” saved.") % {"key": created.key})
        return redirect("core:rule_detail", pk=created.pk)
