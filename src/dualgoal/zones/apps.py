from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZonesConfig(AppConfig):
    name = "dualgoal.zones"
    label = "zones"
    verbose_name = _("Zones and checkpoints")

    def ready(self) -> None:
        from . import demo, navigation  # noqa: F401  (register the menu, the counters and the demo loader)
