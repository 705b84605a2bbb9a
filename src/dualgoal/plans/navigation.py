from django.utils.translation import gettext_lazy as _

from dualgoal.core.navigation import Counter, MenuEntry, register_counter, register_group, register_menu

from .models import Plan, Task

register_group("plans", _("Plans"))
register_menu(
    MenuEntry(_("Plans"), "plans:plan_list", "plans.view_plan", group="plans"),
    MenuEntry(_("My tasks"), "plans:board", "plans.view_task", group="plans"),
    MenuEntry(_("Overdue"), "plans:overdue", "plans.view_task", group="plans"),
    MenuEntry(_("Scorecard"), "plans:scorecard", "plans.view_scorecard", group="plans"),
)


def overdue_count(user) -> int:
    from dualgoal.core.clock import today

    from .choices import TaskStatus
    from .selectors import task_statuses

    tasks = list(Task.objects.visible_to(user).select_related("plan"))
    return sum(1 for j in task_statuses(tasks, as_of=today()).values() if j.status == TaskStatus.OVERDUE)


register_counter(
    Counter(_("plans"), "plans.view_plan", lambda user: Plan.objects.visible_to(user).count(), "plans:plan_list"),
    Counter(_("tasks"), "plans.view_task", lambda user: Task.objects.visible_to(user).count(), "plans:board"),
    Counter(_("overdue tasks"), "plans.view_task", overdue_count, "plans:overdue"),
)
