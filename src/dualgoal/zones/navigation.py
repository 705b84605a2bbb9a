from django.utils.translation import gettext_lazy as _

from dualgoal.core.navigation import Counter, MenuEntry, register_counter, register_group, register_menu

register_group("zones", _("Area control"))  # zones, checkpoints; cleaning and violations join it
register_menu(
    MenuEntry(_("Zones"), "zones:zone_list", "zones.view_zone", group="zones"),
    MenuEntry(_("Declare a zone"), "zones:zone_create", "zones.add_zone", group="zones"),
    MenuEntry(_("Checkpoints"), "zones:checkpoint_list", "zones.view_checkpoint", group="zones"),
    MenuEntry(_("Log a passage"), "zones:phone", "zones.add_passage", group="zones"),
    MenuEntry(_("Passages"), "zones:passage_list", "zones.view_passage", group="zones"),
)


def _zones_in_force(user) -> int:
    from dualgoal.core.clock import today

    from .models import Zone
    from .selectors import zones_active

    return zones_active(Zone.objects.visible_to(user), today()).count()


register_counter(Counter(_("zones in force"), "zones.view_zone", _zones_in_force, "zones:zone_list"))
