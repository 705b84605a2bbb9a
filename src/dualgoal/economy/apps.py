import contextlib

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "dualgoal.economy"
    label = "economy"
    verbose_name = _("Economic recovery")

    def ready(self) -> None:
        from . import demo, navigation, receivers, rules  # noqa: F401  (tracing -> permits, flags; menu; demo)

        with contextlib.suppress(ImportError):
            from . import rules_workers  # noqa: F401  (the worker-list import's permissions)
