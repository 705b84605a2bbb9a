"""The menu and the home page counts: each app registers its entries in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    perm: str
    group: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class Counter:
    label: str
    perm: str
    count: Callable  # (user) -> int
    url_name: str = ""


MENU: list[MenuEntry] = []
COUNTERS: list[Counter] = []


def register_menu(*entries: MenuEntry) -> None:
    for entry in entries:
        if entry not in MENU:
            MENU.append(entry)


def register_counter(*counters: Counter) -> None:
    for counter in counters:
        if counter.label not in {c.label for c in COUNTERS}:
            COUNTERS.append(counter)


def menu_for(user) -> list[MenuEntry]:
    return [e for e in MENU if user.has_perm(e.perm)]


def counters_for(user) -> list[dict]:
    return [
        {"label": c.label, "value": c.count(user), "url": reverse(c.url_name) if c.url_name else ""}
        for c in COUNTERS
        if user.has_perm(c.perm)
    ]
