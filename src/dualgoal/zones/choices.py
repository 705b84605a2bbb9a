from django.db import models
from django.utils.translation import gettext_lazy as _


class ZoneKind(models.TextChoices):
    LOCKDOWN = "lockdown", _("lockdown")
    DISTANCING = "distancing", _("social distancing")


class Directive(models.IntegerChoices):
    D15 = 15, _("Directive 15/CT-TTg")
    D16 = 16, _("Directive 16/CT-TTg")
    D19 = 19, _("Directive 19/CT-TTg")


class ZoneStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_FORCE = "in_force", _("in force")
    EXTENDED = "extended", _("extended")
    LIFTED = "lifted", _("lifted")
    EXPIRED = "expired", _("expired")


class StaffRole(models.TextChoices):
    POLICE = "police", _("police")
    MILITIA = "militia", _("militia")
    HEALTH = "health", _("health worker")
    VOLUNTEER = "volunteer", _("volunteer")
    OTHER = "other", _("other")


class Direction(models.TextChoices):
    IN = "in", _("in")
    OUT = "out", _("out")


class Outcome(models.TextChoices):
    ALLOWED = "allowed", _("allowed through")
    TURNED_BACK = "turned_back", _("turned back")
