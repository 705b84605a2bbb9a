import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Organisation


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = Organisation
        fields = ["q", "kind", "admin_unit", "is_active"]

    def search(self, queryset, name, value):
        from .selectors import alias_key

        return queryset.filter(
            Q(name__icontains=value) | Q(short_name__icontains=value) | Q(aliases__key__contains=alias_key(value))
        ).distinct()
