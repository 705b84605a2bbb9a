from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeographyConfig(AppConfig):
    name = "dualgoal.geography"
    label = "geography"
    verbose_name = _("Geography")

    def ready(self) -> None:
        from dualgoal.core.navigation import Counter, MenuEntry, register_counter, register_menu

        from .choices import Level
        from .models import AdminUnit

        def count_version(level):
            return lambda user: AdminUnit.objects.visible_to(user).filter(level=level).count()

        register_menu(
            MenuEntry(
                _("Administrative units"), "geography:adminunit_list", "geography.view_adminunit", group="catalogue"
            )
        )
        register_counter(
            Counter(
                _("districts"),
                "geography.view_adminunit",
                count_version(Level.DISTRICT),
                "geography:adminunit_list",
            ),
            Counter(
                _("communes and townships"),
                "geography.view_adminunit",
                count_version(Level.COMMUNE),
                "geography:adminunit_list",
            ),
            Counter(
                _("villages and residential groups"),
                "geography.view_adminunit",
                count_version(Level.VILLAGE),
                "geography:adminunit_list",
            ),
        )
