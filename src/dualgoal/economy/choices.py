from django.db import models
from django.utils.translation import gettext_lazy as _


class ParkKind(models.TextChoices):
    INDUSTRIAL_PARK = "kcn", _("industrial park (KCN)")
    CLUSTER = "ccn", _("industrial cluster (CCN)")


class EnterpriseStatus(models.TextChoices):
    OPERATING = "operating", _("operating")
    SUSPENDED = "suspended", _("suspended")
    REOPENED = "reopened", _("reopened")
    CLOSED = "closed", _("closed")


class ConditionKind(models.TextChoices):
    SAFE_PRODUCTION = "safe_production", _("safe-production plan")
    ACCOMMODATION = "accommodation", _("accommodation for workers")
    TEST_SCHEDULE = "test_schedule", _("testing schedule")
    SHUTTLE_PLAN = "shuttle_plan", _("shuttle plan")


class ConditionStatus(models.TextChoices):
    MISSING = "missing", _("not submitted")
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class InspectionDecision(models.TextChoices):
    PASS = "pass", _("pass")
    FIX = "fix", _("fix by a date")
    SUSPEND = "suspend", _("suspend")


class DecisionKind(models.TextChoices):
    SUSPENSION = "suspension", _("suspension")
    REOPENING = "reopening", _("reopening")
    CLOSURE = "closure", _("closure")


class PermitStatus(models.TextChoices):
    VALID = "valid", _("valid")
    REVOKED = "revoked", _("revoked")


class ScanResult(models.TextChoices):
    VALID = "valid", _("valid")
    REVOKED = "revoked", _("revoked")
    EXPIRED = "expired", _("expired")
    NOT_YET = "not_yet", _("not yet valid")
    UNKNOWN = "unknown", _("unknown or forged")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
