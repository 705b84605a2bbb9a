from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EpidemicConfig(AppConfig):
    name = "dualgoal.epidemic"
    label = "epidemic"
    verbose_name = _("Epidemic")

    def ready(self) -> None:
        from . import demo, navigation  # noqa: F401  (register the menu, the counters and the demo loader)
