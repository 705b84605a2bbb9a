from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ACTIVE = "active", _("in force")
    CLOSED = "closed", _("closed")


class Recurrence(models.TextChoices):
    DAILY = "daily", _("daily")
    WEEKLY = "weekly", _("weekly")
    MONTHLY = "monthly", _("monthly")
    CONTINUOUS = "continuous", _("continuous")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("lead (chủ trì)")
    SUPPORT = "support", _("support (phối hợp)")


class ReviewStatus(models.TextChoices):
    SUBMITTED = "submitted", _("awaiting review")
    ACCEPTED = "accepted", _("accepted")
    RETURNED = "returned", _("returned")


class TaskStatus(models.TextChoices):
    """The government's four status classes (QĐ 42/2014/QĐ-TTg practice)."""

    DONE_ON_TIME = "done_on_time", _("completed on time")
    DONE_LATE = "done_late", _("completed late")
    IN_PROGRESS = "in_progress", _("not completed, within the deadline")
    OVERDUE = "overdue", _("not completed, overdue")
