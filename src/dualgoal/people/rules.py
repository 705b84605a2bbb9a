"""Who may do what with the person registry (scope is applied separately: Person.objects.visible_to)."""

from dualgoal.accounts.roles import STAFF_ROLES, Role, grant, within

for model in ("person", "household"):
    grant(f"people.view_{model}", *STAFF_ROLES)
    # Registering residents: the health department, the commune and its village Covid teams.
    grant(f"people.add_{model}", Role.ADMIN, Role.DEPARTMENT, Role.COMMUNE, Role.COMMUNITY_TEAM)
    grant(f"people.change_{model}", Role.ADMIN, Role.DEPARTMENT, Role.COMMUNE, Role.COMMUNITY_TEAM)
# Unmasked citizen ID numbers (lists, detail, API); everybody else sees "02409****234".
grant("people.view_id_number", Role.ADMIN, Role.DEPARTMENT, Role.COMMUNE, Role.FACILITY_MANAGER)
# A person's health data (cases, tests, quarantine) — read access is logged.
grant("people.view_health", Role.ADMIN, within(Role.DEPARTMENT, "health"), Role.COMMUNE, Role.FACILITY_MANAGER)
