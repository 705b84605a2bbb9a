"""Screens of the person registry. Every read of a person's page is written to the access log (Decree 13/2023)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from dualgoal.core.access import access_log, mask_id_number
from dualgoal.core.views import ObjectDetailView, ObjectHistoryView, ObjectListView, history_rows

from . import services
from .filters import HouseholdFilter, PersonFilter
from .forms import PersonForm
from .models import Household, Person
from .selectors import COUNT_CAP, identity_q, search_count
from .tables import HouseholdTable, PersonTable, unit_label


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows: "more than 500" instead of counting a million Nguyễn."""

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        queryset = getattr(getattr(rows, "data", None), "data", rows)
        if hasattr(queryset, "query"):
            return search_count(queryset)
        return len(rows)


def can_see_id_number(user) -> bool:
    return user.has_perm("people.view_id_number")


def search_detail(query: str) -> str:
    """The search as written to the access log — an ID or phone number typed in is masked there too."""
    return mask_id_number("".join(c for c in query if c.isdigit())) if identity_q(query) is not None else query


class PersonListView(ObjectListView):
    model = Person
    table_class = PersonTable
    filterset_class = PersonFilter
    template_name = "people/person_list.html"
    paginator_class = CappedPaginator

    def get_table_kwargs(self):
        return {"show_id_number": can_see_id_number(self.request.user)}

    def get_table_data(self):
        return self.object_list.prefetch_related("residence_unit__parent")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()
        if query:
            access_log(request=request, action="search", object_type="people.Person", detail=search_detail(query))
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["searched"] = getattr(self.filterset, "searched", False)
        context["count_cap"] = COUNT_CAP
        return context


class PersonDetailView(ObjectDetailView):
    model = Person
    template_name = "people/person_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("residence_unit__parent", "household")

    def get_object(self, queryset=None):
        person = super().get_object(queryset)
        access_log(request=self.request, action="view", obj=person, detail="detail")
        return person

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person, user = self.object, self.request.user
        show_id = can_see_id_number(user)
        context["field_rows"] = person_rows(person, show_id_number=show_id)
        context["can_change"] = user.has_perm("people.change_person")
        if person.household_id:
            context["household_members"] = (
                Person.objects.visible_to(user).filter(household_id=person.household_id).exclude(pk=person.pk)
            )
        return context


def person_rows(person: Person, *, show_id_number: bool) -> list[tuple[str, object]]:
    field = Person._meta.get_field
    return [
        (field("full_name").verbose_name, person.full_name),
        (field("birth_date").verbose_name, f"{person.birth_date:%d/%m/%Y}" if person.birth_date else None),
        (field("birth_year").verbose_name, person.birth_year),
        (field("sex").verbose_name, person.get_sex_display()),
        (
            field("id_number").verbose_name,
            person.id_number if show_id_number else mask_id_number(person.id_number),
        ),
        (field("phone").verbose_name, person.phone),
        (field("residence_unit").verbose_name, unit_label(person.residence_unit)),
        *([(field("managing_unit").verbose_name, unit_label(person.managing_unit))] if person.managing_unit_id else []),
        (field("address").verbose_name, person.address),
    ]


class PersonHistoryView(ObjectHistoryView):
    """The person's changes; citizen IDs in them are masked as everywhere else, and the read is logged."""

    def get_object(self, queryset=None):
        person = super().get_object(queryset)
        access_log(request=self.request, action="view", obj=person, detail="history")
        return person

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not can_see_id_number(self.request.user):
            label = Person._meta.get_field("id_number").verbose_name
            rows = history_rows(self.object)
            for row in rows:
                for change in row["changes"]:
                    if change["field"] == label:
                        change["old"], change["new"] = mask_id_number(change["old"]), mask_id_number(change["new"])
            context["versions"] = rows
        return context


class PersonFormMixin(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    form_class = PersonForm
    template_name = "people/person_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save(self, form) -> Person:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            person = self.save(form)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                field = "household_code" if field == "household" else field
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s saved.") % {"name": person.full_name})
        return redirect(person.get_absolute_url())


class PersonCreateView(PersonFormMixin):
    permission_required = "people.add_person"

    def save(self, form) -> Person:
        return services.person_create(user=self.request.user, **form.service_values())


class PersonUpdateView(PersonFormMixin):
    permission_required = "people.change_person"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.person = get_object_or_404(Person.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        person = self.person
        return {
            "full_name": person.full_name,
            "birth_date": person.birth_date,
            "birth_year": person.birth_year,
            "sex": person.sex,
            "id_number": person.id_number or "",
            "phone": person.phone,
            "residence_unit": person.residence_unit_id,
            "address": person.address,
            "household_code": person.household.code if person.household_id else "",
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "person": self.person}

    def save(self, form) -> Person:
        return services.person_update(person=self.person, user=self.request.user, **form.service_values())


class HouseholdListView(ObjectListView):
    model = Household
    table_class = HouseholdTable
    filterset_class = HouseholdFilter
    template_name = "people/household_list.html"

    def get_queryset(self):
        from django.db.models import Count

        return (
            super()
            .get_queryset()
            .select_related("village__parent")
            .annotate(members_count=Count("members"))
            .order_by("village__path", "code")
        )


class HouseholdDetailView(ObjectDetailView):
    model = Household
    template_name = "people/household_detail.html"
    detail_fields = ("code", "village", "address")

    def get_object(self, queryset=None):
        household = super().get_object(queryset)
        access_log(request=self.request, action="view", obj=household, detail="members")
        return household

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = Person.objects.visible_to(self.request.user).filter(household=self.object)
        return context
