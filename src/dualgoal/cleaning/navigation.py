from django.utils.translation import gettext_lazy as _

from dualgoal.core.navigation import Counter, MenuEntry, register_counter, register_group, register_menu

register_group("cleaning", _("Environmental cleaning"))
register_menu(
    MenuEntry(_("Cleaning dashboard"), "cleaning:dashboard", "cleaning.view_cleaningplan", group="cleaning"),
    MenuEntry(_("Cleaning plans"), "cleaning:cleaningplan_list", "cleaning.view_cleaningplan", group="cleaning"),
    MenuEntry(
        _("Medical waste collections"), "cleaning:wastecollection_list", "cleaning.view_wastecollection", "cleaning"
    ),
)


def _overdue(user) -> int:
    from dualgoal.core.clock import today

    from .selectors import plans_overdue

    return plans_overdue(user, today()).count()


register_counter(
    Counter(_("cleanings overdue"), "cleaning.view_cleaningplan", _overdue, "cleaning:dashboard"),
)
