from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "dualgoal.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from dualgoal.core.navigation import Counter, MenuEntry, register_counter, register_menu

        from .models import Organisation

        register_menu(
            MenuEntry(
                _("Organisations"),
                "organisations:organisation_list",
                "organisations.view_organisation",
                group="catalogue",
            )
        )
        register_counter(
            Counter(
                _("organisations"),
                "organisations.view_organisation",
                lambda user: Organisation.objects.visible_to(user).filter(is_active=True).count(),
                "organisations:organisation_list",
            ),
        )
