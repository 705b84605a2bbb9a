"""Who may read and compute commune levels and venues (scope is applied separately: Model.objects.visible_to).

Levels are public information for staff: every staff role reads them (a commune officer sees every commune of the
district). Computing a week is for the district: leaders, the coordinator, the health department and the
administrator. Venue operators read their own venues; commune officers the venues of their commune.
"""

from dualgoal.accounts.roles import STAFF_ROLES, Role, grant

COMPUTE = (Role.ADMIN, Role.LEADER, Role.COORDINATOR, Role.DEPARTMENT)
VENUE_MANAGERS = (Role.ADMIN, Role.DEPARTMENT, Role.COMMUNE)

grant("levels.view_communelevel", *STAFF_ROLES)
grant("levels.compute_communelevel", *COMPUTE)
grant("levels.view_venue", *STAFF_ROLES, Role.VENUE_OPERATOR)
grant("levels.add_venue", *VENUE_MANAGERS)
grant("levels.change_venue", *VENUE_MANAGERS)
