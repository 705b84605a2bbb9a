from django.utils.translation import gettext_lazy as _

from dualgoal.core.navigation import Counter, MenuEntry, register_counter, register_menu

# Entries join the "zones" menu group (registered by the zones app): fewer top-level menus.
register_menu(
    MenuEntry(_("Violations"), "enforcement:violation_list", "enforcement.view_violation", group="zones"),
    MenuEntry(_("Record a violation"), "enforcement:violation_create", "enforcement.add_violation", "zones"),
    MenuEntry(_("Totals by act and commune"), "enforcement:totals", "enforcement.view_violation", "zones"),
    MenuEntry(_("Public list of sanctions"), "enforcement:public", "enforcement.view_violation", "zones"),
)


def _awaiting(user) -> int:
    from .choices import ViolationStatus
    from .models import Violation

    return Violation.objects.visible_to(user).filter(status=ViolationStatus.RECORDED).count()


register_counter(
    Counter(
        _("violations awaiting a decision"), "enforcement.decide_violation", _awaiting, "enforcement:violation_list"
    ),
)
