from __future__ import annotations

from dualgoal.core.querysets import ScopedQuerySet

# An enterprise's own users (role "enterprise") see their enterprise only, whatever the admin-unit scope says.
ENTERPRISE_ROLE = "enterprise"


class EnterpriseScopedQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Staff: the admin-unit scope. Enterprise users: their own enterprise's rows, wherever the rows sit
        (a leased boarding house or a worker may be in another commune)."""
        from dualgoal.accounts.roles import user_roles

        if not user or not user.is_authenticated or not user.is_active or user.is_superuser:
            return super().visible_to(user)
        roles = user_roles(user)
        if ENTERPRISE_ROLE not in roles:
            return super().visible_to(user)
        own = list(user.memberships.filter(role=ENTERPRISE_ROLE).values_list("organisation_id", flat=True))
        field = getattr(self.model, "enterprise_field", "")
        mine = self.filter(**{f"{field}__organisation_id__in" if field else "organisation_id__in": own})
        if roles == {ENTERPRISE_ROLE}:
            return mine
        return (super().visible_to(user) | mine).distinct()
