"""Who may read, record and decide violations (scope is applied separately: Violation.objects.visible_to)."""

from dualgoal.accounts.roles import Role, grant

VIEWERS = (
    Role.ADMIN,
    Role.LEADER,
    Role.COORDINATOR,
    Role.DEPARTMENT,
    Role.COMMUNE,
    Role.COMMUNITY_TEAM,
    Role.CHECKPOINT,
)
DECIDERS = (Role.ADMIN, Role.DEPARTMENT, Role.COMMUNE)
# Community Covid teams and checkpoint officers witness acts: they record them, they do not decide.
RECORDERS = (*DECIDERS, Role.COMMUNITY_TEAM, Role.CHECKPOINT)

grant("enforcement.view_violation", *VIEWERS)
grant("enforcement.add_violation", *RECORDERS)
grant("enforcement.change_violation", *DECIDERS)
grant("enforcement.decide_violation", *DECIDERS)
