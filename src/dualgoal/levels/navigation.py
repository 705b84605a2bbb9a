from django.utils.translation import gettext_lazy as _

from dualgoal.core.navigation import Counter, MenuEntry, register_counter, register_menu

# Entries join the "epidemic" menu group (registered by the epidemic app): fewer top-level menus.
register_menu(
    MenuEntry(_("Commune epidemic levels"), "levels:grid", "levels.view_communelevel", group="epidemic"),
    MenuEntry(_("Weekly levels (table)"), "levels:communelevel_list", "levels.view_communelevel", group="epidemic"),
    MenuEntry(_("Venues and allowed capacity"), "levels:venue_list", "levels.view_venue", group="epidemic"),
)


def _red_communes(user) -> int:
    from dualgoal.core.clock import today

    from .models import CommuneLevel
    from .selectors import week_monday

    latest = (
        CommuneLevel.objects.visible_to(user)
        .filter(week_start__lte=week_monday(today()))
        .order_by("-week_start")
        .values_list("week_start", flat=True)
        .first()
    )
    if latest is None:
        return 0
    return CommuneLevel.objects.visible_to(user).filter(week_start=latest, level__gte=3).count()


register_counter(
    Counter(_("communes at level 3–4"), "levels.view_communelevel", _red_communes, "levels:grid"),
)
