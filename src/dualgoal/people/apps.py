from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "dualgoal.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from . import navigation, synth  # noqa: F401  (register the menu, the counters and the generator step)
