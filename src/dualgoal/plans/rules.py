"""Who may do what with plans (scope is applied separately: Task.objects.visible_to)."""

from dualgoal.accounts.roles import STAFF_ROLES, Role, grant

for model in ("plan", "section", "task", "assignment", "progressreport", "subplan"):
    grant(f"plans.view_{model}", *STAFF_ROLES)
grant("plans.add_plan", Role.ADMIN, Role.COORDINATOR)
grant("plans.view_planimport", Role.ADMIN, Role.COORDINATOR)
grant("plans.add_planimport", Role.ADMIN, Role.COORDINATOR)
grant("plans.change_task", Role.ADMIN, Role.COORDINATOR)  # map unresolved names, correct a task
grant("plans.add_progressreport", Role.ADMIN, Role.COORDINATOR, Role.DEPARTMENT, Role.COMMUNE)
grant("plans.review_progressreport", Role.ADMIN, Role.COORDINATOR)
grant("plans.submit_subplan", Role.ADMIN, Role.DEPARTMENT, Role.COMMUNE, Role.COORDINATOR)
grant("plans.review_subplan", Role.ADMIN, Role.COORDINATOR)
grant("plans.view_scorecard", Role.ADMIN, Role.LEADER, Role.COORDINATOR, Role.DEPARTMENT)
grant("plans.export_report", Role.ADMIN, Role.LEADER, Role.COORDINATOR)
