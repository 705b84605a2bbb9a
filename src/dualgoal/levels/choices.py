from django.db import models
from django.utils.translation import gettext_lazy as _


class VenueKind(models.TextChoices):
    GOLF = "golf", _("golf course")
    SPORT = "sport", _("sports venue")
    CULTURE = "culture", _("cultural venue")
    TOURISM = "tourism", _("tourist site")
    OTHER = "other", _("other")


class PopulationSource(models.TextChoices):
    UNIT = "unit", _("population of the administrative unit")
    RESIDENTS = "residents", _("registered residents")


# Bootstrap-friendly colours of the rule's colour names (the rule keeps the words, the screens the shades).
COLOURS = {
    "green": ("#198754", "#ffffff"),
    "yellow": ("#ffc107", "#212529"),
    "orange": ("#fd7e14", "#212529"),
    "red": ("#dc3545", "#ffffff"),
}
NO_LEVEL_COLOUR = ("#e9ecef", "#212529")
