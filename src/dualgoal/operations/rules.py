"""Who may read and record epidemic operations (scope is applied separately: Model.objects.visible_to)."""

from dualgoal.accounts.roles import STAFF_ROLES, Role, grant, within

# Health records are read by staff, except checkpoint officers (who record arrivals only).
VIEWERS = tuple(role for role in STAFF_ROLES if role != Role.CHECKPOINT)
HEALTH_OFFICE = within(Role.DEPARTMENT, "health")  # of the departments, the health office (Phòng Y tế, TTYT)
HEALTH = (Role.ADMIN, HEALTH_OFFICE, Role.COMMUNE)
FACILITY = (Role.ADMIN, HEALTH_OFFICE, Role.FACILITY_MANAGER)
COMMUNITY = (*HEALTH, Role.COMMUNITY_TEAM)

MODELS = (
    "quarantinefacility",
    "room",
    "quarantineorder",
    "admission",
    "pool",
    "testsample",
    "releasecertificate",
    "incidentreview",
    "followup",
    "violationnote",
    "communityreport",
    "originarea",
    "arrival",
)
for model in MODELS:
    grant(f"operations.view_{model}", *VIEWERS)
grant("operations.view_dashboard", *VIEWERS)

for model in ("quarantinefacility", "room"):
    grant(f"operations.add_{model}", *FACILITY)
    grant(f"operations.change_{model}", *FACILITY)
for perm in ("add_quarantineorder", "change_quarantineorder", "add_testsample", "change_testsample", "add_pool"):
    grant(f"operations.{perm}", *HEALTH, Role.FACILITY_MANAGER)
grant("operations.change_pool", *HEALTH, Role.FACILITY_MANAGER)
grant("operations.add_releasecertificate", *HEALTH, Role.FACILITY_MANAGER)
grant("operations.add_admission", *FACILITY)
grant("operations.change_admission", *FACILITY)
grant("operations.override_cohort", Role.ADMIN, Role.FACILITY_MANAGER)  # a manager's reasoned override
grant("operations.change_incidentreview", *FACILITY)
grant("operations.add_followup", *COMMUNITY)
grant("operations.add_violationnote", *COMMUNITY)
grant("operations.add_communityreport", *COMMUNITY)
grant("operations.change_communityreport", *HEALTH)
grant("operations.add_originarea", Role.ADMIN, HEALTH_OFFICE)
grant("operations.change_originarea", Role.ADMIN, HEALTH_OFFICE)
grant("operations.add_arrival", *HEALTH, Role.CHECKPOINT)
grant("operations.change_arrival", *HEALTH)
