from django.utils.translation import gettext_lazy as _

from dualgoal.core.navigation import Counter, MenuEntry, register_counter, register_group, register_menu

register_group("operations", _("Quarantine and testing"))
register_menu(
    MenuEntry(_("Operations dashboard"), "operations:dashboard", "operations.view_dashboard", group="operations"),
    MenuEntry(
        _("Quarantine orders"), "operations:quarantineorder_list", "operations.view_quarantineorder", "operations"
    ),
    MenuEntry(_("Daily follow-up"), "operations:followups_today", "operations.add_followup", group="operations"),
    MenuEntry(
        _("Facilities"), "operations:quarantinefacility_list", "operations.view_quarantinefacility", "operations"
    ),
    MenuEntry(_("Test samples"), "operations:testsample_list", "operations.view_testsample", group="operations"),
    MenuEntry(_("Pooled samples"), "operations:pool_list", "operations.view_pool", group="operations"),
    MenuEntry(
        _("Community reports"), "operations:communityreport_list", "operations.view_communityreport", "operations"
    ),
    MenuEntry(_("Arrivals"), "operations:arrival_list", "operations.view_arrival", group="operations"),
    MenuEntry(_("Epidemic areas"), "operations:originarea_list", "operations.view_originarea", group="operations"),
    MenuEntry(_("Incident reviews"), "operations:incidentreview_list", "operations.view_incidentreview", "operations"),
)


def _active_orders(user) -> int:
    from .choices import OrderStatus
    from .models import QuarantineOrder

    return QuarantineOrder.objects.visible_to(user).filter(status=OrderStatus.ACTIVE).count()


def _tests_due(user) -> int:
    from dualgoal.core.clock import today

    from .selectors import tests_due

    return tests_due(user, today()).count()


register_counter(
    Counter(_("in quarantine"), "operations.view_quarantineorder", _active_orders, "operations:quarantineorder_list"),
    Counter(_("tests due"), "operations.view_testsample", _tests_due, "operations:dashboard"),
)
