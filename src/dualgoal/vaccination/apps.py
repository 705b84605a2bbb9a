from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VaccinationConfig(AppConfig):
    name = "dualgoal.vaccination"
    label = "vaccination"
    verbose_name = _("Vaccination")

    def ready(self) -> None:
        from . import demo, navigation  # noqa: F401  (register the menu, the counter and the demo loader)
