"""Permissions of the foundation apps (loaded by rules' autodiscovery)."""

from .roles import ALL_ROLES, STAFF_ROLES, Role, grant

grant("geography.view_adminunit", *ALL_ROLES)
grant("organisations.view_organisation", *ALL_ROLES)
grant("organisations.view_organisationgroup", *ALL_ROLES)
grant("core.view_rule", *ALL_ROLES)
grant("core.add_rule", Role.ADMIN, Role.COORDINATOR)
grant("core.view_accesslog", Role.ADMIN)
grant("accounts.view_user", Role.ADMIN)
grant("accounts.view_membership", Role.ADMIN)
grant("dualgoal.view_dashboard", *STAFF_ROLES)
