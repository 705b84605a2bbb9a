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


GROUP_LABELS: dict[str, str] = {}


def register_group(key: str, label: str) -> None:
    GROUP_LABELS[key] = label


def menu_for(user) -> list[dict]:
    """Top-level entries (in registration order), then the dropdown groups; only what the user may open."""
    items: list[dict] = []
    groups: dict[str, dict] = {}
    for entry in MENU:
        if not user.has_perm(entry.perm):
            continue
        if not entry.group:
            items.append({"entry": entry})
            continue
        if entry.group not in groups:
            groups[entry.group] = {"label": GROUP_LABELS.get(entry.group, entry.group), "entries": []}
        groups[entry.group]["entries"].append(entry)
    ordered = sorted(groups.items(), key=lambda item: item[0] == "catalogue")  # reference data last
    return items + [group for _, group in ordered]


def counters_for(user) -> list[dict]:
    return [
        {"label": c.label, "value": c.count(user), "url": reverse(c.url_name) if c.url_name else ""}
        for c in COUNTERS
        if user.has_perm(c.perm)
    ]
