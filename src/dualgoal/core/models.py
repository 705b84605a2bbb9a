"""Core models: the audited base, the versioned rule table, the personal-data access log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .querysets import ScopedQuerySet


class TrackedModel(models.Model):
    """Base of every domain model: timestamps and a full change history (who, when, which fields)."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(inherit=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        """The object's detail page (`<app>:<model>_detail`), or "" for models shown only inside another page."""
        from django.urls import NoReverseMatch, reverse

        meta = self._meta
        try:
            return reverse(f"{meta.app_label}:{meta.model_name}_detail", args=[self.pk])
        except NoReverseMatch:
            return ""


class Confidence(models.TextChoices):
    VERIFIED = "verified", _("verified (official text)")
    PRESS = "press", _("press report")
    UNVERIFIED = "unverified", _("unverified")
    DEMO = "demo", _("demo assumption")


class Rule(TrackedModel):
    """One version of a rule: its value applies on dates valid_from..valid_to (inclusive, open-ended if null)."""

    key = models.CharField(_("key"), max_length=120, db_index=True)
    value = models.JSONField(_("value"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source = models.CharField(_("legal source"), max_length=400)
    confidence = models.CharField(
        _("confidence"), max_length=20, choices=Confidence.choices, default=Confidence.VERIFIED
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["key", "valid_from"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="rule_unique_key_start"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="rule_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.key} ({self.valid_from:%d/%m/%Y}–{self.valid_to:%d/%m/%Y})"
            if self.valid_to
            else (f"{self.key} ({self.valid_from:%d/%m/%Y}–)")
        )


class AccessLog(models.Model):
    """A read of personal or sensitive data (Decree 13/2023/NĐ-CP): who read what, when, and why."""

    class Action(models.TextChoices):
        VIEW = "view", _("view")
        EXPORT = "export", _("export")
        API = "api", _("API read")
        SEARCH = "search", _("search")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    detail = models.CharField(_("detail"), max_length=400, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_unit_field = None  # readable only with core.view_accesslog (administrators)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.object_type}#{self.object_id}"


class Notification(models.Model):
    """An in-app notification to a user (reminders, reviews, level changes…). E-mail goes out alongside."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("content"), blank=True)
    url = models.CharField(_("link"), max_length=400, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Idempotency: the same reminder for the same thing on the same day is sent once.
    dedupe_key = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"], condition=~models.Q(dedupe_key=""), name="notification_dedupe"
            )
        ]

    def __str__(self) -> str:
        return self.subject
