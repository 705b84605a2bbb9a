from django.utils.translation import gettext_lazy as _

from dualgoal.core.navigation import Counter, MenuEntry, register_counter, register_menu

from .models import Plan, Task

register_menu(
    MenuEntry(_("Plans"), "plans:plan_list", "plans.view_plan"),
    MenuEntry(_("My tasks"), "plans:board", "plans.view_task"),
    MenuEntry(_("Overdue"), "plans:overdue", "plans.view_task"),
    MenuEntry(_("Scorecard"), "plans:scorecard", "plans.view_scorecard"),
)
register_counter(
    Counter(_("plans"), "plans.view_plan", lambda user: Plan.objects.visible_to(user).count(), "plans:plan_list"),
    Counter(_("tasks"), "plans.view_task", lambda user: Task.objects.visible_to(user).count(), "plans:board"),
)
