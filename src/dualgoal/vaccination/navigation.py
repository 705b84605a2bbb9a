from django.utils.translation import gettext_lazy as _

from dualgoal.core.navigation import Counter, MenuEntry, register_counter, register_group, register_menu

register_group("vaccination", _("Vaccination"))
register_menu(
    MenuEntry(_("Vaccination coverage"), "vaccination:coverage", "vaccination.view_coverage", group="vaccination"),
    MenuEntry(_("Vaccination sessions"), "vaccination:session_list", "vaccination.view_session", group="vaccination"),
    MenuEntry(_("Due for the next dose"), "vaccination:due", "vaccination.view_dose", group="vaccination"),
    MenuEntry(_("Doses given"), "vaccination:dose_list", "vaccination.view_dose", group="vaccination"),
    MenuEntry(
        _("Priority groups"),
        "vaccination:priorityassignment_list",
        "vaccination.view_priorityassignment",
        group="vaccination",
    ),
)


def _overdue(user) -> int:
    from dualgoal.core.clock import today

    from .models import Dose
    from .selectors import due_doses

    day = today()
    return due_doses(Dose.objects.visible_to(user), due_by=day, today=day).filter(overdue=True).count()


register_counter(
    Counter(_("overdue for the next dose"), "vaccination.view_dose", _overdue, "vaccination:due"),
)
