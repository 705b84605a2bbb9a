from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "dualgoal.operations"
    label = "operations"
    verbose_name = _("Epidemic operations")

    def ready(self) -> None:
        from . import demo, navigation  # noqa: F401  (register the menu, the counters and the demo loader)
