"""Who may read and record cleaning plans and waste collections (scope: Model.objects.visible_to)."""

from dualgoal.accounts.roles import Role, grant

VIEWERS = (Role.ADMIN, Role.LEADER, Role.COORDINATOR, Role.DEPARTMENT, Role.COMMUNE, Role.COMMUNITY_TEAM)
# The department is the health office or natural resources and environment (seed III.5).
RECORDERS = (Role.ADMIN, Role.DEPARTMENT, Role.COMMUNE, Role.COMMUNITY_TEAM)

for model in ("cleaningplan", "wastecollection"):
    grant(f"cleaning.view_{model}", *VIEWERS)
    grant(f"cleaning.add_{model}", *RECORDERS)
    grant(f"cleaning.change_{model}", *RECORDERS)
