"""Notifications: in-app rows and e-mail through Django's mail backend (console in the demo)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from .models import Notification


def notify(*, users: Iterable, subject: str, body: str = "", url: str = "", dedupe_key: str = "") -> int:
    """Notify each user once per `dedupe_key` (empty: always). Returns how many notifications were created.

    E-mail is sent after the transaction commits, so a rolled-back action never mails anyone.
    """
    created = 0
    for user in users:
        try:
            with transaction.atomic():
                Notification.objects.create(user=user, subject=subject, body=body, url=url, dedupe_key=dedupe_key)
        except IntegrityError:
            continue  # already notified for this key
        created += 1
        if user.email:
            transaction.on_commit(
                lambda u=user: send_mail(subject, f"{body}\n\n{url}".strip(), settings.DEFAULT_FROM_EMAIL, [u.email])
            )
    return created


def notifications_mark_read(*, user) -> int:
    """Mark every unread notification of `user` as read (opening the notifications page does this)."""
    from django.utils import timezone

    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
