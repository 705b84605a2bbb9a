from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dualgoal.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import demo_loaders, synth_steps  # noqa: F401  (register the foundation's demo and generator steps)
        from .models import Rule
        from .navigation import Counter, MenuEntry, register_counter, register_group, register_menu

        register_group("catalogue", _("Catalogues"))
        register_menu(
            MenuEntry(_("Rules"), "core:rule_list", "core.view_rule", group="catalogue"),
            MenuEntry(_("Access log"), "core:accesslog_list", "core.view_accesslog", group="catalogue"),
        )
        register_counter(
            Counter(
                _("rule versions"),
                "core.view_rule",
                lambda user: Rule.objects.visible_to(user).count(),
                "core:rule_list",
            ),
        )
