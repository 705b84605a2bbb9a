from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderKind(models.TextChoices):
    FACILITY = "facility", _("centralized facility")
    HOME = "home", _("at home")
    SELF_MONITORING = "self_monitoring", _("self-monitoring")


class Subject(models.TextChoices):
    """Who the order is for: the person's F-level when it was made, or an arrival from an epidemic area."""

    F0 = "f0", _("F0 after treatment")
    F1 = "f1", _("F1")
    F2 = "f2", _("F2")
    F3 = "f3", _("F3")
    ARRIVAL = "arrival", _("arrival from an epidemic area")


class OrderStatus(models.TextChoices):
    ACTIVE = "active", _("in quarantine")
    RELEASED = "released", _("released")
    ENDED_EARLY = "ended_early", _("ended early")
    BECAME_CASE = "became_case", _("became a case (F0)")
    CANCELLED = "cancelled", _("cancelled")


class WarningSign(models.TextChoices):
    NOT_REQUIRED = "not_required", _("not required")
    TO_POST = "to_post", _("to be posted")
    POSTED = "posted", _("posted")
    REMOVED = "removed", _("removed")


class RiskLevel(models.TextChoices):
    LOW = "low", _("lower risk")
    HIGH = "high", _("high risk")


class AreaRisk(models.TextChoices):
    VERY_HIGH = "very_high", _("very high risk (lockdown)")
    HIGH = "high", _("high risk")
    MEDIUM = "medium", _("at risk")
    LOW = "low", _("new normal")


class SampleKind(models.TextChoices):
    RT_PCR = "rt_pcr", _("RT-PCR")
    ANTIGEN = "antigen", _("rapid antigen")


class SampleResult(models.TextChoices):
    PENDING = "pending", _("pending")
    NEGATIVE = "negative", _("negative")
    POSITIVE = "positive", _("positive")
    POOL_POSITIVE = "pool_positive", _("pool positive, retested individually")


class SampleReason(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled (quarantine test day)")
    POOL = "pool", _("pooled sample")
    RETEST = "retest", _("individual retest after a positive pool")
    SYMPTOMS = "symptoms", _("symptoms at follow-up")
    COMMUNITY = "community", _("community report")
    ARRIVAL = "arrival", _("arrival from an epidemic area")
    OTHER = "other", _("other")


class FollowUpOutcome(models.TextChoices):
    WELL = "well", _("well")
    SYMPTOMS = "symptoms", _("symptoms")
    NOT_REACHED = "not_reached", _("not reached")
    BREACH = "breach", _("breach of quarantine")


class Symptom(models.TextChoices):
    COUGH = "cough", _("cough")
    FEVER = "fever", _("fever")
    BREATHLESSNESS = "breathlessness", _("breathlessness")
    SORE_THROAT = "sore_throat", _("sore throat")
    LOSS_OF_SMELL = "loss_of_smell", _("loss of taste or smell")


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class ActionStatus(models.TextChoices):
    PENDING = "pending", _("action pending")
    DONE = "done", _("action taken")
    CLOSED = "closed", _("closed")


class ListReason(models.TextChoices):
    """Why a person is on a day's follow-up list."""

    HOME = "home", _("home quarantine")
    SELF_MONITORING = "self_monitoring", _("self-monitoring")
    AFTER_FACILITY = "after_facility", _("home monitoring after the facility")
    F3 = "f3", _("F3 (traced)")
