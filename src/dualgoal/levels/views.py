"""Screens of the commune levels: the grid of communes for a week, a commune's weekly history, the "compute this
week" action, and the venues with their allowed capacity. Thin: scope, permission, parse, call a selector or a
service."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from dualgoal.core.clock import today
from dualgoal.core.querysets import user_scope_paths
from dualgoal.core.views import ObjectDetailView, ObjectListView, add_errors, ensure_visible

from . import selectors, services
from .filters import CommuneLevelFilter, VenueFilter
from .forms import VenueForm
from .models import CommuneLevel, Venue
from .querysets import district_paths
from .tables import CommuneLevelTable, VenueTable


def parse_week(value: str | None) -> dt.date | None:
    """ "2021-07-12" (any day of the week) -> its Monday; None if absent or not a date."""
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return None
    return selectors.week_monday(day)


def _iso_to_day(value: str | None) -> str:
    return dt.date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


def default_week(user) -> dt.date:
    """The latest computed week up to today's week, else today's week."""
    current = selectors.week_monday(today())
    latest = (
        CommuneLevel.objects.visible_to(user)
        .filter(week_start__lte=current)
        .order_by("-week_start")
        .values_list("week_start", flat=True)
        .first()
    )
    return latest or current


class LevelsPermissionMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "levels.view_communelevel"


class GridView(LevelsPermissionMixin, TemplateView):
    """The communes of the district as coloured tiles for one week (the level is written, not only coloured)."""

    template_name = "levels/grid.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        raw = self.request.GET.get("week")
        week = parse_week(raw)
        if raw and week is None:
            messages.error(self.request, _("Week: enter a date as dd/mm/yyyy or yyyy-mm-dd."))
        week = week or default_week(user)
        tiles = selectors.grid(user, week)
        try:
            rules = selectors.level_rules(week)
            no_rule = ""
        except selectors.NoLevelRule as exc:
            rules, no_rule = None, exc.message
        weeks = selectors.known_weeks(user)
        current = selectors.week_monday(today())
        context.update(
            week=week,
            week_end=selectors.week_end(week),
            previous_week=week - dt.timedelta(days=7),
            next_week=week + dt.timedelta(days=7),
            current_week=current,
            tiles=tiles,
            computed=sum(1 for t in tiles if t.level),
            legend=selectors.legend(week),
            rules=rules,
            no_rule=no_rule,
            weeks=weeks,
            can_compute=user.has_perm("levels.compute_communelevel"),
            confidence=selectors.confidence_label(rules.thresholds_rule.confidence) if rules else "",
        )
        return context


class ComputeView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """POST: compute the week for every commune (the grid's button)."""

    permission_required = "levels.compute_communelevel"

    def post(self, request):
        week = parse_week(request.POST.get("week")) or selectors.week_monday(today())
        try:
            run = services.levels_compute(week_start=week, user=request.user)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(
                request,
                _(
                    "Levels of the week %(start)s–%(end)s computed for %(n)s communes: %(changes)s level changes, "
                    "%(notified)s notifications sent."
                )
                % {
                    "start": f"{week:%d/%m/%Y}",
                    "end": f"{selectors.week_end(week):%d/%m/%Y}",
                    "n": len(run.rows),
                    "changes": len(run.changes),
                    "notified": run.notified,
                },
            )
            for commune, reason in run.skipped:
                messages.warning(request, f"{commune}: {reason}")
        return redirect(f"{reverse('levels:grid')}?week={week.isoformat()}")


class CommuneHistoryView(LevelsPermissionMixin, TemplateView):
    """A commune's weekly levels: table and a simple chart (inline SVG)."""

    template_name = "levels/commune_history.html"

    def get_commune(self):
        from dualgoal.geography.choices import Level
        from dualgoal.geography.models import AdminUnit

        user = self.request.user
        qs = AdminUnit.objects.filter(level=Level.COMMUNE)
        if not user.is_superuser:
            paths = district_paths(user_scope_paths(user))
            q = Q(pk__in=[])
            for path in paths:
                q |= Q(path__startswith=path)
            qs = qs.filter(q)
        return ensure_visible(qs, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        commune = self.get_commune()
        rows = selectors.commune_history(self.request.user, commune)
        venues = Venue.objects.visible_to(self.request.user).filter(commune=commune)
        context.update(
            commune=commune,
            rows=list(reversed(rows)),
            chart=selectors.history_chart(rows),
            venues=venues,
            can_compute=self.request.user.has_perm("levels.compute_communelevel"),
        )
        return context


class CommuneLevelListView(ObjectListView):
    table_class = CommuneLevelTable
    filterset_class = CommuneLevelFilter
    template_name = "levels/object_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("commune")


class CommuneLevelDetailView(ObjectDetailView):
    template_name = "levels/communelevel_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rules_used"] = [
            {
                **r,
                "confidence_label": selectors.confidence_label(r.get("confidence", "")),
                "valid_from": _iso_to_day(r.get("valid_from")),
                "valid_to": _iso_to_day(r.get("valid_to")),
            }
            for r in self.object.rules_used
        ]
        return context

    detail_fields = (
        "commune",
        "week_start",
        "level",
        "base_level",
        "label",
        "new_cases",
        "population",
        "population_source",
        "cases_per_100k",
        "coverage_adults",
        "coverage_one_dose",
        "coverage_full",
        "share_one",
        "share_full",
        "rule_source",
        "computed_at",
        "computed_by",
    )


class VenueListView(ObjectListView):
    table_class = VenueTable
    filterset_class = VenueFilter
    template_name = "levels/object_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("commune", "organisation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["day"] = today()
        return context


class VenueDetailView(ObjectDetailView):
    template_name = "levels/venue_detail.html"
    detail_fields = ("name", "kind", "commune", "address", "organisation", "normal_capacity", "opens_on", "note")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = today()
        context["day"] = day
        context["capacity"] = selectors.venue_capacity(self.object, on=day)
        return context


class VenueFormView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    template_name = "core/form.html"
    form_class = VenueForm
    venue = None

    def get_permission_required(self):
        return ["levels.change_venue" if "pk" in self.kwargs else "levels.add_venue"]

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs and request.user.is_authenticated:
            self.venue = ensure_visible(Venue.objects.visible_to(request.user), kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "user": self.request.user}
        if self.venue is not None:
            kwargs["instance_venue"] = self.venue
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit venue") if self.venue else _("New venue")
        context["object"] = self.venue
        context["testid"] = "venue-form"
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            venue = services.venue_save(
                name=data["name"],
                kind=data["kind"],
                commune=data["commune"],
                normal_capacity=data["normal_capacity"],
                organisation=data.get("organisation"),
                address=data.get("address", ""),
                opens_on=data.get("opens_on"),
                note=data.get("note", ""),
                venue=self.venue,
            )
        except ValidationError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Venue saved."))
        return redirect(venue.get_absolute_url())
