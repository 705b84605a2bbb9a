"""Who may read and record epidemic data (scope is applied separately: Model.objects.visible_to)."""

from dualgoal.accounts.roles import STAFF_ROLES, Role, grant, within

# Health records are read by staff, except checkpoint officers (and venue operators, who are not staff).
VIEWERS = tuple(role for role in STAFF_ROLES if role != Role.CHECKPOINT)
# Of the departments, only the health office (Phòng Y tế, TTYT) records.
RECORDERS = (Role.ADMIN, within(Role.DEPARTMENT, "health"), Role.COMMUNE)

for model in ("case", "contact", "groupexposure", "attendance", "quarantinestart"):
    grant(f"epidemic.view_{model}", *VIEWERS)
for model in ("case", "contact", "groupexposure", "quarantinestart"):
    grant(f"epidemic.add_{model}", *RECORDERS)
grant("epidemic.change_case", *RECORDERS)
grant("epidemic.view_tracing", *VIEWERS)  # levels, "why" panels, counts, the transmission graph
grant("epidemic.import_cases", *RECORDERS)  # F0/F1 lists notified by other localities
