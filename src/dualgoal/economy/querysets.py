from __future__ import annotations

from dualgoal.core.querysets import ScopedQuerySet

# An enterprise's own users (role "enterprise") see their enterprise only, whatever the admin-unit scope says.
ENTERPRISE_ROLE = "enterprise"


class EnterpriseScopedQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        from dualgoal.accounts.roles import user_roles

        qs = super().visible_to(user)
        if not user or not user.is_authenticated or user.is_superuser:
            return qs
        roles = user_roles(user)
        if ENTERPRISE_ROLE not in roles:
            return qs
        own = user.memberships.filter(role=ENTERPRISE_ROLE).values_list("organisation_id", flat=True)
        field = getattr(self.model, "enterprise_field", "")
        lookup = f"{field}__organisation_id__in" if field else "organisation_id__in"
        if roles == {ENTERPRISE_ROLE}:
            return qs.filter(**{lookup: list(own)})
        return qs
