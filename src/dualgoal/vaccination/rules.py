"""Who may read and record vaccination (scope is applied separately: Model.objects.visible_to)."""

from dualgoal.accounts.roles import Role, grant, within

# Health staff in their scope: the district health office and centre (department), commune committees and their
# health stations, community Covid teams, facility staff.
RECORDERS = (Role.ADMIN, within(Role.DEPARTMENT, "health"), Role.COMMUNE, Role.COMMUNITY_TEAM, Role.FACILITY_MANAGER)
OVERSEERS = (Role.LEADER, Role.COORDINATOR)

for model in ("session", "dose", "priorityassignment"):
    grant(f"vaccination.view_{model}", *RECORDERS)
    grant(f"vaccination.add_{model}", *RECORDERS)
    grant(f"vaccination.change_{model}", *RECORDERS)
grant("vaccination.view_session", *OVERSEERS)  # the sessions held, not who was vaccinated
grant("vaccination.view_coverage", *RECORDERS, *OVERSEERS)  # aggregate numbers only
