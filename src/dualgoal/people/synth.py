"""Generator step "persons": residents for every village in scope, in households, from `synth_persons`.

Speed: a province is ~1.8 million persons, ~0.5 million households and ~6 million name tokens. The ORM's
bulk_create (model instances, one compiled statement per batch) and simple-history (one historical row per person)
would take many minutes, so the rows are written with the DB-API `executemany` in batches, with explicit primary
keys (read back from nothing, so tokens can point at their person at once), and **without history**: this is
synthetic data, created by a command, not a change anybody made — history starts with the first real edit.
On PostgreSQL the rows go through COPY instead of executemany.

Determinism: each village draws from its own generator seeded by (seed, village code), so a village's persons do
not depend on which other villages were generated before; a village that already has generated persons is skipped
(idempotent). Citizen IDs are unique over the whole run: serials continue from village to village (in path order)
and the birth-province code changes when the 6-digit serial space wraps.
"""

from __future__ import annotations

import zlib

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from dualgoal.core.synth import SynthContext, register_step, synth_persons
from dualgoal.core.text import fold, nfc

from .models import Household, Person, PersonNameToken, name_tails

HOUSEHOLD_CODE_PREFIX = "SYN-"
MEAN_HOUSEHOLD = 3.5
# Birth-province codes used once the serial space of the previous one is exhausted (Bắc Giang first).
PROVINCE_CODES = ("024", "001", "027", "019", "022", "030", "031", "033", "034", "035")
MOBILE_PREFIXES = np.array(
    [
        "86",
        "96",
        "97",
        "98",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "38",
        "39",
        "88",
        "91",
        "94",
        "81",
        "82",
        "83",
        "84",
        "85",
        "90",
        "93",
        "70",
        "76",
        "77",
        "78",
        "79",
    ]
)
BATCH = 20_000
CACHE_KB = 512 * 1024  # SQLite page cache while generating (this connection only)

PERSON_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "full_name",
    "name_folded",
    "birth_date",
    "birth_year",
    "sex",
    "id_number",
    "phone",
    "address",
    "is_demo",
    "household_id",
    "residence_unit_id",
)
HOUSEHOLD_COLUMNS = ("id", "created_at", "updated_at", "code", "address", "village_id")
TOKEN_COLUMNS = ("person_id", "position", "token")


@register_step("persons", order=30)
def persons(context: SynthContext) -> str:
    from dualgoal.geography.choices import Level
    from dualgoal.geography.models import AdminUnit
    from dualgoal.geography.selectors import unit_by_code

    root = unit_by_code(context.root_code)
    villages = list(
        AdminUnit.objects.filter(path__startswith=root.path, level=Level.VILLAGE, population__gt=0).order_by("path")
    )
    done = set(
        Household.objects.filter(code__startswith=HOUSEHOLD_CODE_PREFIX, village__in=villages)
        .values_list("village_id", flat=True)
        .distinct()
    )
    created = generate_persons(villages, seed=context.seed, skip=done)
    return f"{_n(created['persons'])} người, {_n(created['households'])} hộ mới; {_n(len(done))} thôn đã có sẵn"


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def village_rng(seed: int, code: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(code.encode())])


def generate_persons(villages, *, seed: int, skip: set[int] = frozenset(), log=None) -> dict[str, int]:
    """Insert the residents of `villages` (each with `population` set), skipping the ids in `skip`."""
    writer = _Writer()
    offset = 0
    totals = {"persons": 0, "households": 0}
    with transaction.atomic():
        writer.start()
        for village in villages:
            count = int(village.population or 0)
            first_serial = offset
            offset += count
            if village.pk in skip or count == 0:
                continue
            columns = _village_columns(village, count, seed=seed, first_serial=first_serial)
            writer.add(village, columns)
            totals["persons"] += count
            if log and writer.pending_persons >= BATCH:
                log(totals["persons"])
        writer.flush()
        writer.finish()
    totals["households"] = writer.households
    return totals


def _village_columns(village, count: int, *, seed: int, first_serial: int) -> dict:
    rng = village_rng(seed, village.code)
    drawn = synth_persons(rng, count, first_serial=first_serial % 1_000_000)
    ids = drawn["id_number"].astype("U12")
    # The serial of local person k is (first_serial + k') mod 10^6 for some k' < count: recover the run-wide index
    # first_serial + k' and give the persons past each million another birth-province code.
    digits = ids.view("<U1").reshape(-1, 12).view(np.uint32).astype(np.int64) - ord("0")
    serial = digits[:, 6:] @ (10 ** np.arange(5, -1, -1))
    wrap = (first_serial + (serial - first_serial) % 1_000_000) // 1_000_000
    if wrap.any():
        codes = np.array(PROVINCE_CODES)[wrap % len(PROVINCE_CODES)]
        ids = np.char.add(codes, np.array([x[3:] for x in ids.tolist()], dtype="U9"))
    birth_year = drawn["birth_year"]
    birth_date = drawn["birth_date"].astype("datetime64[D]")
    first = (birth_year - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    last = (birth_year - 1969).astype("datetime64[Y]").astype("datetime64[D]") - np.timedelta64(1, "D")
    birth_date = np.minimum(np.maximum(birth_date, first), last)  # keep the date inside the CCCD's year
    has_phone = (2021 - birth_year >= 15) & (rng.random(count) < 0.85)
    phone = np.char.add(
        np.char.add("0", rng.choice(MOBILE_PREFIXES, count)),
        np.char.zfill(rng.integers(0, 10_000_000, count).astype(str), 7),
    )
    sizes = np.maximum(1, rng.poisson(MEAN_HOUSEHOLD - 1, count) + 1)
    household_of = np.repeat(np.arange(count), sizes)[:count]
    return {
        "full_name": drawn["full_name"].tolist(),
        "sex": np.where(drawn["female"], "F", "M").tolist(),
        "birth_year": birth_year.tolist(),
        "birth_date": np.datetime_as_string(birth_date, unit="D").tolist(),
        "id_number": ids.tolist(),
        "phone": np.where(has_phone, phone, "").tolist(),
        "household_of": household_of.tolist(),
        "households": int(household_of[-1]) + 1 if count else 0,
    }


class _Writer:
    """Buffers rows and writes them with executemany; primary keys are allocated here, inside the transaction."""

    def __init__(self):
        self.persons: list[tuple] = []
        self.households_rows: list[tuple] = []
        self.tokens: list[tuple] = []
        self.households = 0
        self._folded: dict[str, tuple[str, str, list[str]]] = {}

    @property
    def pending_persons(self) -> int:
        return len(self.persons)

    def start(self) -> None:
        if connection.vendor == "sqlite":  # index pages of millions of rows: keep them in memory while writing
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = -{CACHE_KB}")
        self.now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.next_person = (Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        self.next_household = (Household.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        self.check_ids = Person.objects.exclude(id_number=None).exists()

    def _name(self, raw: str) -> tuple[str, str, list[str]]:
        found = self._folded.get(raw)
        if found is None:
            name = nfc(raw)
            found = self._folded[raw] = (name, fold(name), name_tails(name))
        return found

    def add(self, village, columns: dict) -> None:
        now = self.now
        household_ids = range(self.next_household, self.next_household + columns["households"])
        self.next_household += columns["households"]
        self.households += columns["households"]
        code = f"{HOUSEHOLD_CODE_PREFIX}{village.code}-"
        address = village.name
        self.households_rows.extend(
            (pk, now, now, f"{code}{n + 1:05d}", address, village.pk) for n, pk in enumerate(household_ids)
        )
        ids = columns["id_number"]
        if self.check_ids:  # persons entered by hand may already hold a drawn number: leave theirs alone
            taken = set(Person.objects.filter(id_number__in=ids).values_list("id_number", flat=True))
            ids = [None if x in taken else x for x in ids]
        first = household_ids.start
        for i, raw in enumerate(columns["full_name"]):
            name, folded, tails = self._name(raw)
            pk = self.next_person
            self.next_person += 1
            self.persons.append(
                (
                    pk,
                    now,
                    now,
                    name,
                    folded,
                    columns["birth_date"][i],
                    columns["birth_year"][i],
                    columns["sex"][i],
                    ids[i],
                    columns["phone"][i],
                    "",
                    True,
                    first + columns["household_of"][i],
                    village.pk,
                )
            )
            self.tokens.extend((pk, position, tail) for position, tail in enumerate(tails))
        if len(self.persons) >= BATCH:
            self.flush()

    def flush(self) -> None:
        with connection.cursor() as cursor:
            for table, names, rows in (
                (Household._meta.db_table, HOUSEHOLD_COLUMNS, self.households_rows),
                (Person._meta.db_table, PERSON_COLUMNS, self.persons),
                (PersonNameToken._meta.db_table, TOKEN_COLUMNS, self.tokens),
            ):
                if not rows:
                    continue
                columns = ", ".join(connection.ops.quote_name(n) for n in names)
                if connection.vendor == "postgresql":  # COPY: an order of magnitude faster than executemany
                    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    marks = ", ".join(["%s"] * len(names))
                    cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
                rows.clear()

    def finish(self) -> None:
        """PostgreSQL sequences do not see explicit keys: move them past the new rows."""
        from django.core.management.color import no_style

        statements = connection.ops.sequence_reset_sql(no_style(), [Household, Person])
        if connection.vendor == "sqlite":
            statements.append("PRAGMA cache_size = -2000")  # SQLite's default again
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
