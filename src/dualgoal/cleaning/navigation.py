from django.utils.translation import gettext_lazy as _

from dualgoal.core.navigation import Counter, MenuEntry, register_counter, register_menu

# Entries join the "zones" menu group (registered by the zones app): fewer top-level menus.
register_menu(
    MenuEntry(_("Cleaning dashboard"), "cleaning:dashboard", "cleaning.view_cleaningplan", group="zones"),
    MenuEntry(_("Cleaning plans"), "cleaning:cleaningplan_list", "cleaning.view_cleaningplan", group="zones"),
    MenuEntry(
        _("Medical waste collections"), "cleaning:wastecollection_list", "cleaning.view_wastecollection", "zones"
    ),
)


def _overdue(user) -> int:
    from dualgoal.core.clock import today

    from .selectors import plans_overdue

    return plans_overdue(user, today()).count()


register_counter(
    Counter(_("cleanings overdue"), "cleaning.view_cleaningplan", _overdue, "cleaning:dashboard"),
)
