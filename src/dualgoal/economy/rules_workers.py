"""Who may import worker lists and read the outcome (issue 6, point 3). Imported by the app's ready().

Scope is applied separately: an enterprise's own users reach their enterprise only, department and commune officers
the enterprises of their territory (`Enterprise.objects.visible_to`, `WorkerImport.objects.visible_to`).
"""

from dualgoal.accounts.roles import Role, grant

grant("economy.add_workerimport", Role.ADMIN, Role.DEPARTMENT, Role.ENTERPRISE)
grant("economy.view_workerimport", Role.ADMIN, Role.DEPARTMENT, Role.ENTERPRISE, Role.COMMUNE)
