from django.db import models
from django.utils.translation import gettext_lazy as _


class OffenderKind(models.TextChoices):
    PERSON = "person", _("individual")
    ENTERPRISE = "enterprise", _("organisation (enterprise)")


class ViolationStatus(models.TextChoices):
    RECORDED = "recorded", _("recorded (awaiting decision)")
    DECIDED = "decided", _("sanction decided")
    PAID = "paid", _("fine paid")
    APPEALED = "appealed", _("under complaint")
    CANCELLED = "cancelled", _("cancelled")


DECIDED_STATUSES = (ViolationStatus.DECIDED, ViolationStatus.PAID, ViolationStatus.APPEALED)
