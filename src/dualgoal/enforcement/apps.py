from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "dualgoal.enforcement"
    label = "enforcement"
    verbose_name = _("Violations and fines")

    def ready(self) -> None:
        from . import demo, navigation  # noqa: F401  (register the menu, the counter and the demo loader)
