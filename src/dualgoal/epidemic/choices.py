from django.db import models
from django.utils.translation import gettext_lazy as _


class TestKind(models.TextChoices):
    RT_PCR = "rt_pcr", _("RT-PCR")
    ANTIGEN = "antigen", _("rapid antigen")


class CaseSource(models.TextChoices):
    LOCAL = "local", _("local transmission")
    IMPORTED = "imported", _("imported")
    NOTIFIED = "notified", _("notified by another locality")


class Outcome(models.TextChoices):
    TREATING = "treating", _("under treatment")
    DISCHARGED = "discharged", _("discharged")
    DIED = "died", _("died")


class Setting(models.TextChoices):
    HOUSEHOLD = "household", _("household")
    WORKPLACE = "workplace", _("workplace")
    BOARDING_HOUSE = "boarding_house", _("boarding house")
    SHUTTLE = "shuttle", _("shuttle")
    VENUE = "venue", _("venue")
    COMMUNITY = "community", _("community")
    HEALTHCARE = "healthcare", _("healthcare")
    OTHER = "other", _("other")


class QuarantineKind(models.TextChoices):
    FACILITY = "facility", _("centralized facility")
    HOME = "home", _("at home")
    SELF_MONITORING = "self_monitoring", _("self-monitoring")
    TREATMENT = "treatment", _("isolation for treatment")
