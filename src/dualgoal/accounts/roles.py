"""Roles (PRODUCT.md) and what each may do: one matrix, extended by every app's `rules.py` through `grant`."""

from __future__ import annotations

from collections import defaultdict

import rules
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("system administrator")
    LEADER = "leader", _("district leader")
    COORDINATOR = "coordinator", _("plan coordinator (Finance–Planning)")
    DEPARTMENT = "department", _("department officer")
    COMMUNE = "commune", _("commune committee officer")
    COMMUNITY_TEAM = "community_team", _("community Covid team")
    CHECKPOINT = "checkpoint", _("checkpoint officer")
    FACILITY_MANAGER = "facility_manager", _("quarantine facility manager")
    ENTERPRISE = "enterprise", _("enterprise")
    VENUE_OPERATOR = "venue_operator", _("venue operator")


STAFF_ROLES = (
    Role.ADMIN,
    Role.LEADER,
    Role.COORDINATOR,
    Role.DEPARTMENT,
    Role.COMMUNE,
    Role.COMMUNITY_TEAM,
    Role.CHECKPOINT,
    Role.FACILITY_MANAGER,
)
ALL_ROLES = tuple(Role)

_GRANTS: dict[str, set[str]] = defaultdict(set)


def within(role: str, competence: str) -> str:
    """A role narrowed to the bodies responsible for one field: within(Role.DEPARTMENT, "labour") is held by
    department officers of a body with the labour competence (organisations.choices.Competence) only."""
    return f"{role}:{competence}"


def user_roles(user) -> frozenset[str]:
    """The roles the user holds (through any membership)."""
    return frozenset(key for key in grant_keys(user) if ":" not in key)


def grant_keys(user) -> frozenset[str]:
    """What grants may match: the user's roles, plus each role narrowed to the competences of the body it is held in
    ("department:labour")."""
    if not user or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_dualgoal_roles", None)
    if cached is None:
        keys = set()
        for role, competences in user.memberships.values_list("role", "organisation__competences"):
            keys.add(role)
            keys.update(within(role, c) for c in competences or ())
        cached = frozenset(keys)
        user._dualgoal_roles = cached
    return cached


def grant(perm: str, *roles: str) -> None:
    """Allow `roles` the permission `perm` ("app.action_model"). A role may be narrowed with `within(role, field)`.
    Scope is applied separately by visible_to."""
    _GRANTS[perm].update(str(r) for r in roles)
    if not rules.perm_exists(perm):
        rules.add_perm(perm, _role_predicate(perm))


def roles_with(perm: str) -> frozenset[str]:
    return frozenset(_GRANTS.get(perm, ()))


def _role_predicate(perm: str) -> rules.Predicate:
    @rules.predicate(name=f"role_grants:{perm}")
    def has_granting_role(user, obj=None) -> bool:
        return bool(grant_keys(user) & _GRANTS[perm])

    return has_granting_role
