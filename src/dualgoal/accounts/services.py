"""Writes: users and memberships."""

from __future__ import annotations

from django.db import transaction

from dualgoal.geography.selectors import unit_by_code
from dualgoal.organisations.models import Organisation

from .models import Membership, User


@transaction.atomic
def membership_grant(*, user: User, organisation: Organisation, admin_unit, role: str) -> Membership:
    membership, _ = Membership.objects.get_or_create(
        user=user, organisation=organisation, admin_unit=admin_unit, role=role
    )
    return membership


@transaction.atomic
def user_ensure(*, demo, password: str) -> bool:
    """Create a demo user with its membership unless it exists. Returns True if created (idempotent)."""
    user, created = User.objects.get_or_create(
        username=demo.username,
        defaults={"full_name": demo.full_name, "is_superuser": demo.superuser, "is_staff": demo.superuser},
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    membership_grant(
        user=user,
        organisation=Organisation.objects.get(code=demo.organisation_code),
        admin_unit=unit_by_code(demo.unit_code),
        role=demo.role,
    )
    return created
