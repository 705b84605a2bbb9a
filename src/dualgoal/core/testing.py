"""The reusable test harness: a two-commune world and the scope matrix every model must pass.

For each model registered as a `ScopeCase`, `check_scope_matrix` asserts, on the HTML pages and the API:
anonymous → login redirect (HTML) / 401-403 (API); signed in without the permission → 403; a record of another
commune → 404 and absent from lists; a permitted user → 200 with their own record listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.test import Client
from django.urls import reverse

from dualgoal.accounts.models import Membership, User
from dualgoal.geography.choices import Level
from dualgoal.geography.models import AdminUnit
from dualgoal.organisations.models import Organisation

PASSWORD = "Test-password-2021"


@dataclass
class World:
    province: AdminUnit
    district: AdminUnit
    commune_a: AdminUnit
    commune_b: AdminUnit
    village_a: AdminUnit
    village_b: AdminUnit
    district_body: Organisation
    committee_a: Organisation
    committee_b: Organisation
    users: dict[str, User] = field(default_factory=dict)

    def user(self, role: str, *, unit: AdminUnit | None = None, organisation: Organisation | None = None) -> User:
        """A user holding `role` over `unit` (default: commune A) for `organisation` (default: its committee; for a
        department officer, the district health office)."""
        unit = unit or self.commune_a
        if organisation is None and role == "department":
            organisation = self.district_body
        organisation = organisation or (
            self.committee_a if unit.path.startswith(self.commune_a.path) else self.district_body
        )
        name = f"{role}-{unit.code}-{len(self.users)}"
        user = User.objects.create_user(username=name, password=PASSWORD, full_name=name)
        Membership.objects.create(user=user, organisation=organisation, admin_unit=unit, role=role)
        self.users[name] = user
        return user

    def nobody(self) -> User:
        """Signed in, active, but with no membership: no role, no permission."""
        user = User.objects.create_user(username=f"nobody-{len(self.users)}", password=PASSWORD)
        self.users[user.username] = user
        return user


def unit(code: str, name: str, kind: str, level: int, parent: AdminUnit | None = None) -> AdminUnit:
    found = AdminUnit(code=code, name=name, kind=kind, level=level, parent=parent)
    found.save()
    return found


def build_world() -> World:
    province = unit("24", "Tỉnh Bắc Giang", "tỉnh", Level.PROVINCE)
    district = unit("221", "Huyện Yên Dũng", "huyện", Level.DISTRICT, province)
    commune_a = unit("07708", "Xã Nội Hoàng", "xã", Level.COMMUNE, district)
    commune_b = unit("07729", "Xã Tiến Dũng", "xã", Level.COMMUNE, district)
    village_a = unit("07708-01", "Thôn Đông", "thôn", Level.VILLAGE, commune_a)
    village_b = unit("07729-01", "Thôn Tây", "thôn", Level.VILLAGE, commune_b)
    body = Organisation.objects.create(
        code="t-pyt", name="Phòng Y tế", kind="department", admin_unit=district, competences=["health"]
    )
    committee_a = Organisation.objects.create(
        code="t-ubnd-a", name="UBND xã Nội Hoàng", kind="committee", admin_unit=commune_a
    )
    committee_b = Organisation.objects.create(
        code="t-ubnd-b", name="UBND xã Tiến Dũng", kind="committee", admin_unit=commune_b
    )
    return World(province, district, commune_a, commune_b, village_a, village_b, body, committee_a, committee_b)


@dataclass
class ScopeCase:
    """How to check one model: make a record in a given commune; which role may see it."""

    model: type[models.Model]
    make: Callable[[World, AdminUnit], models.Model]
    permitted_role: str = "commune"
    api_basename: str | None = None
    html: bool = True
    scoped: bool = True  # False for reference data every permitted user reads (no "other commune" case)

    @property
    def id(self) -> str:
        return self.model._meta.label


def _html_urls(obj: models.Model) -> list[str]:
    from .views import url_names

    names = url_names(type(obj))
    return [reverse(names["detail"], args=[obj.pk]), reverse(names["history"], args=[obj.pk])]


def _api_urls(case: ScopeCase, obj: models.Model) -> tuple[str, str]:
    return (
        reverse(f"api:{case.api_basename}-list"),
        reverse(f"api:{case.api_basename}-detail", args=[obj.pk]),
    )


def check_scope_matrix(case: ScopeCase, world: World) -> None:
    own = case.make(world, world.commune_a)
    other = case.make(world, world.commune_b)
    permitted = world.user(case.permitted_role)
    list_url = reverse(f"{case.model._meta.app_label}:{case.model._meta.model_name}_list") if case.html else None

    anonymous = Client()
    lacking = Client()
    lacking.force_login(world.nobody())
    allowed = Client()
    allowed.force_login(permitted)

    if case.html:
        for url in [list_url, *_html_urls(own)]:
            response = anonymous.get(url)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], (url, response)
            assert lacking.get(url).status_code == 403, url
            assert allowed.get(url).status_code == 200, url
        if case.scoped:
            for url in _html_urls(other):
                assert allowed.get(url).status_code == 404, f"{url} leaks another commune's record"
        listing = allowed.get(list_url, {"per_page": 500})
        assert f'href="{own.get_absolute_url()}"' in listing.content.decode(), "own record missing from the list"

    if case.api_basename:
        api_list, api_own = _api_urls(case, own)
        _, api_other = _api_urls(case, other)
        for url in (api_list, api_own):
            assert anonymous.get(url).status_code in (401, 403), url
            assert lacking.get(url).status_code == 403, url
            assert allowed.get(url).status_code == 200, url
        ids = _all_ids(allowed, api_list)
        assert own.pk in ids
        if case.scoped:
            assert allowed.get(api_other).status_code == 404, f"{api_other} leaks another commune's record"
            assert other.pk not in ids


def _all_ids(client: Client, url: str) -> set[int]:
    ids: set[int] = set()
    while url:
        payload = client.get(url).json()
        ids.update(row["id"] for row in payload["results"])
        url = payload.get("next")
    return ids
