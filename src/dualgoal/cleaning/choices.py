from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetKind(models.TextChoices):
    ZONE = "zone", _("lockdown or distancing zone")
    BOARDING_HOUSE = "boarding_house", _("boarding house")
    MARKET = "market", _("market")
    CASE_HOME = "case_home", _("home with a case")
    PUBLIC_PLACE = "public_place", _("public place")
    OTHER = "other", _("other place")


class Method(models.TextChoices):
    CHLORAMINE_SPRAY = "chloramine_spray", _("spraying disinfectant (Cloramin B)")
    LIME = "lime", _("spreading lime powder")
    WIPE = "wipe", _("wiping surfaces with disinfectant")
    GENERAL = "general", _("general clean-up and waste collection")
    OTHER = "other", _("other method")


class PlanStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class WasteSource(models.TextChoices):
    FACILITY = "facility", _("quarantine facility")
    HOME = "home", _("home (home isolation or case)")
    ZONE = "zone", _("lockdown zone")
    OTHER = "other", _("other place")
