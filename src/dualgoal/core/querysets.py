"""The one scoping choke point: `Model.objects.visible_to(user)`.

A model says how it is scoped with two class attributes:

- ``scope_unit_field``: the lookup path to its administrative unit (``"admin_unit"``, ``"commune"``,
  ``"residence__commune"``…), or a tuple of them (a row is visible when any of its units is in scope: a person by
  residence or by the commune that manages them); ``"self"`` for the unit tree itself; ``None`` for reference data
  every signed-in user may read (rules, for instance).
- ``scope_include_ancestors``: reference data that belongs to a higher level (a district department) is visible to
  users scoped below it; personal records are not.

A user's scope is the union of the admin-unit subtrees of their memberships. Superusers see everything.
Modules with finer rules (an organisation's own tasks) override ``visible_to`` on their own queryset and still
start from this one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from dualgoal.accounts.models import User


def user_scope_paths(user: User) -> list[str]:
    """Materialised paths of the admin units the user's memberships cover (cached on the user object)."""
    cached = getattr(user, "_dualgoal_scope_paths", None)
    if cached is None:
        cached = sorted(set(user.memberships.values_list("admin_unit__path", flat=True)))
        user._dualgoal_scope_paths = cached
    return cached


def ancestor_paths(path: str) -> list[str]:
    """ "24/221/7681/" -> ["24/", "24/221/"] (the units above, not the unit itself)."""
    parts = [p for p in path.split("/") if p]
    return ["/".join(parts[:i]) + "/" for i in range(1, len(parts))]


def scope_q(paths: list[str], *, field: str, include_ancestors: bool) -> Q:
    """A Q object matching rows whose unit lies in any of `paths` (subtrees), or above them if asked."""
    prefix = "path" if field == "self" else f"{field}__path"
    q = Q(pk__in=[])
    above: set[str] = set()
    for path in paths:
        q |= Q(**{f"{prefix}__startswith": path})
        if include_ancestors:
            above.update(ancestor_paths(path))
    if above:
        q |= Q(**{f"{prefix}__in": sorted(above)})
    return q


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user: User | AnonymousUser | None) -> ScopedQuerySet:
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        field: str | tuple[str, ...] | None = getattr(self.model, "scope_unit_field", None)
        if field is None:
            return self
        paths = user_scope_paths(user)  # type: ignore[arg-type]
        if not paths:
            return self.none()
        include_ancestors: bool = getattr(self.model, "scope_include_ancestors", False)
        q = Q(pk__in=[])
        for lookup in (field,) if isinstance(field, str) else field:
            q |= scope_q(paths, field=lookup, include_ancestors=include_ancestors)
        return self.filter(q)


def is_visible(obj: Any, user: User) -> bool:
    return type(obj)._default_manager.visible_to(user).filter(pk=obj.pk).exists()
