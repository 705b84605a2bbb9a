from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LevelsConfig(AppConfig):
    name = "dualgoal.levels"
    label = "levels"
    verbose_name = _("Commune epidemic levels")

    def ready(self) -> None:
        from . import demo, navigation, rules  # noqa: F401  (menu, counters, permissions, demo loader)
