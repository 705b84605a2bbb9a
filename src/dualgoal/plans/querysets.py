from __future__ import annotations

from django.db.models import Exists, OuterRef

from dualgoal.core.querysets import ScopedQuerySet

# Roles that oversee every task of the plans in their scope; the others see the tasks of their own bodies.
OVERSEEING_ROLES = {"admin", "leader", "coordinator"}


def user_organisation_ids(user) -> list[int]:
    cached = getattr(user, "_dualgoal_org_ids", None)
    if cached is None:
        cached = sorted(set(user.memberships.values_list("organisation_id", flat=True)))
        user._dualgoal_org_ids = cached
    return cached


class TaskQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        from dualgoal.accounts.roles import user_roles

        qs = super().visible_to(user)
        if not user or not user.is_authenticated or user.is_superuser or user_roles(user) & OVERSEEING_ROLES:
            return qs
        return qs.assigned_to(user_organisation_ids(user))

    def assigned_to(self, organisation_ids, *, role: str | None = None):
        from .models import Assignment

        assignments = Assignment.objects.filter(task=OuterRef("pk"), organisation_id__in=organisation_ids)
        if role:
            assignments = assignments.filter(role=role)
        return self.filter(Exists(assignments))
