from django.utils.translation import gettext_lazy as _

from dualgoal.core.navigation import Counter, MenuEntry, register_counter, register_group, register_menu

register_group("economy", _("Economy"))
register_menu(
    MenuEntry(_("My enterprise"), "economy:portal_home", "economy.view_own_enterprise"),
    MenuEntry(_("Recovery dashboard"), "economy:dashboard", "economy.view_dashboard", group="economy"),
    MenuEntry(_("Enterprises"), "economy:enterprise_list", "economy.view_enterprise", group="economy"),
    MenuEntry(
        _("Industrial parks and clusters"),
        "economy:industrialpark_list",
        "economy.view_industrialpark",
        group="economy",
    ),
    MenuEntry(_("Workers"), "economy:employment_list", "economy.view_employment", group="economy"),
    MenuEntry(_("Travel permits"), "economy:permit_list", "economy.view_permit", group="economy"),
    MenuEntry(_("Checkpoint: check permits"), "economy:checkpoint", "economy.scan_permit", group="economy"),
    MenuEntry(_("Permit scans"), "economy:permitscan_list", "economy.view_permitscan", group="economy"),
    MenuEntry(_("Inspections"), "economy:inspection_list", "economy.view_inspection", group="economy"),
    MenuEntry(_("Boarding houses"), "economy:boardinghouse_list", "economy.view_boardinghouse", group="economy"),
    MenuEntry(_("Shuttles"), "economy:shuttle_list", "economy.view_shuttle", group="economy"),
    MenuEntry(_("Automatic actions"), "economy:automaticaction_list", "economy.view_automaticaction", group="economy"),
)


def _open_enterprises(user) -> int:
    from .models import Enterprise
    from .selectors import OPEN_STATUSES

    return Enterprise.objects.visible_to(user).filter(status__in=OPEN_STATUSES).count()


def _valid_permits(user) -> int:
    from dualgoal.core.clock import today

    from .models import Permit
    from .selectors import valid_permit_q

    return Permit.objects.visible_to(user).filter(valid_permit_q(today())).count()


def _inspections_due(user) -> int:
    from dualgoal.core.clock import today

    from .models import Inspection
    from .selectors import inspections_due

    return len(inspections_due(Inspection.objects.visible_to(user), on=today()))


def _enterprises(user) -> int:
    from .models import Enterprise

    return Enterprise.objects.visible_to(user).count()


register_counter(
    Counter(_("enterprises"), "economy.view_dashboard", _enterprises, "economy:enterprise_list"),
    Counter(_("enterprises operating or reopened"), "economy.view_dashboard", _open_enterprises, "economy:dashboard"),
    Counter(_("valid travel permits"), "economy.view_permit", _valid_permits, "economy:permit_list"),
    Counter(_("re-inspections due"), "economy.view_dashboard", _inspections_due, "economy:dashboard"),
)
