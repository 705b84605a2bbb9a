"""Who may read and record zones and checkpoints (scope is applied separately: Model.objects.visible_to)."""

from dualgoal.accounts.roles import Role, grant, within

VIEWERS = (
    Role.ADMIN,
    Role.LEADER,
    Role.COORDINATOR,
    Role.DEPARTMENT,
    Role.COMMUNE,
    Role.COMMUNITY_TEAM,
    Role.CHECKPOINT,
)
# Of the departments, only the health office (Phòng Y tế) declares zones.
DECLARERS = (Role.ADMIN, within(Role.DEPARTMENT, "health"), Role.COMMUNE)
ORGANISERS = (Role.ADMIN, Role.DEPARTMENT, Role.COMMUNE)
LOGGERS = (Role.ADMIN, Role.COMMUNE, Role.CHECKPOINT)

for model in ("zone", "zoneextension", "checkpoint", "shift", "shiftstaff", "passage"):
    grant(f"zones.view_{model}", *VIEWERS)

for perm in ("add_zone", "change_zone", "add_zoneextension", "lift_zone"):
    grant(f"zones.{perm}", *DECLARERS)
for perm in ("add_checkpoint", "change_checkpoint", "add_shift", "change_shift", "add_shiftstaff"):
    grant(f"zones.{perm}", *ORGANISERS)
grant("zones.add_passage", *LOGGERS)
