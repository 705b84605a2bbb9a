from django.utils.translation import gettext_lazy as _

from dualgoal.core.navigation import Counter, MenuEntry, register_counter, register_group, register_menu

register_group("epidemic", _("Epidemic"))
register_menu(
    MenuEntry(_("Cases (F0)"), "epidemic:case_list", "epidemic.view_case", group="epidemic"),
    MenuEntry(_("Record a case"), "epidemic:case_create", "epidemic.add_case", group="epidemic"),
    MenuEntry(_("Contacts"), "epidemic:contact_list", "epidemic.view_contact", group="epidemic"),
    MenuEntry(_("Record a contact"), "epidemic:contact_create", "epidemic.add_contact", group="epidemic"),
    MenuEntry(_("Group exposures"), "epidemic:groupexposure_list", "epidemic.view_groupexposure", group="epidemic"),
    MenuEntry(_("Counts by level and commune"), "epidemic:counts", "epidemic.view_tracing", group="epidemic"),
    MenuEntry(_("Transmission graph"), "epidemic:graph", "epidemic.view_tracing", group="epidemic"),
    MenuEntry(_("Import notified F0/F1 lists"), "epidemic:import", "epidemic.import_cases", group="epidemic"),
)


def _level_counter(level: int):
    def count(user) -> int:
        from .selectors import level_count

        return level_count(user, level)

    return count


register_counter(
    Counter(_("F0 (cases)"), "epidemic.view_tracing", _level_counter(0), "epidemic:counts"),
    Counter(_("F1"), "epidemic.view_tracing", _level_counter(1), "epidemic:counts"),
    Counter(_("F2"), "epidemic.view_tracing", _level_counter(2), "epidemic:counts"),
    Counter(_("F3"), "epidemic.view_tracing", _level_counter(3), "epidemic:counts"),
)
