from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CleaningConfig(AppConfig):
    name = "dualgoal.cleaning"
    label = "cleaning"
    verbose_name = _("Environmental cleaning")

    def ready(self) -> None:
        from . import demo, navigation  # noqa: F401  (register the menu, the counter and the demo loader)
