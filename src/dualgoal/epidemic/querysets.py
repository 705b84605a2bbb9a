from __future__ import annotations

from dualgoal.core.querysets import ScopedQuerySet, scope_q, user_scope_paths


class ContactQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """A contact is visible if either person lives in the user's scope (tracing crosses communes)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        paths = user_scope_paths(user)
        if not paths:
            return self.none()
        return self.filter(
            scope_q(paths, field="person_a__residence_unit", include_ancestors=False)
            | scope_q(paths, field="person_b__residence_unit", include_ancestors=False)
        )
