from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "dualgoal.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from . import demo, navigation  # noqa: F401  (register the menu, counters and the demo loader)
