"""Logging reads of personal data (Decree 13/2023/NĐ-CP): every view, export and API read of a person's record."""

from __future__ import annotations

from django.http import HttpRequest

from .models import AccessLog


def access_log(*, request: HttpRequest, action: str, obj=None, object_type: str = "", detail: str = "") -> None:
    AccessLog.objects.create(
        user=request.user,
        action=action,
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail[:400],
        ip_address=request.META.get("REMOTE_ADDR"),
    )


def mask_id_number(value: str | None) -> str:
    """ "024093001234" -> "02409****234": enough to tell two people apart on a list, not enough to misuse."""
    if not value:
        return ""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:5] + "*" * (len(value) - 8) + value[-3:]
