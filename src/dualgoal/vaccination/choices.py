from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SessionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("vaccination session", "planned")
    OPEN = "open", pgettext_lazy("vaccination session", "in progress")
    CLOSED = "closed", pgettext_lazy("vaccination session", "closed")
    CANCELLED = "cancelled", pgettext_lazy("vaccination session", "cancelled")


class Basis(models.TextChoices):
    """Why a person belongs to a priority group."""

    OCCUPATION = "occupation", _("occupation")
    ORGANISATION = "organisation", _("organisation")
    AGE = "age", _("age")
    HEALTH = "health", _("health condition")
    RESIDENCE = "residence", _("residence")
    OTHER = "other", _("other")


class AgeBand(models.TextChoices):
    YOUNG = "18-49", _("18–49")
    MIDDLE = "50-64", _("50–64")
    OLD = "65+", _("65 and over")
