"""The person registry shared by every domain: identity, residence down to the village, household."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dualgoal.core.models import TrackedModel
from dualgoal.core.text import TOKEN_LENGTH, fold, name_tails, nfc

from .choices import Sex


class Household(TrackedModel):
    """A household (hộ gia đình) at one address in a village."""

    code = models.CharField(_("household code"), max_length=40, unique=True)
    village = models.ForeignKey(
        "geography.AdminUnit", verbose_name=_("village"), on_delete=models.PROTECT, related_name="households"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)

    scope_unit_field = "village"

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return f"{self.code} — {self.address or self.village}"


class AsciiKeyField(models.CharField):
    """A folded (ASCII) search key compared byte by byte, so that `key >= q AND key < q || '\uffff'` is a prefix
    range an ordinary B-tree index answers. SQLite compares bytes already (BINARY); PostgreSQL needs the "C"
    collation whatever the database's locale (a linguistic collation ignores spaces at the first level)."""

    def db_parameters(self, connection):
        parameters = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            parameters["collation"] = "C"
        return parameters


class Person(TrackedModel):
    """A person. `residence_unit` is the village for residents, or the district/province of someone from
    elsewhere (with the free `address`); `managing_unit` is, for someone from elsewhere, the commune or district
    that manages them here (the commune that registered a visitor, the commune of a worker's enterprise). Scope
    follows either. `name_folded` is the indexed search form."""

    full_name = models.CharField(_("full name"), max_length=150)
    name_folded = AsciiKeyField(max_length=150, editable=False)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    # Digits compared byte by byte ("C" on PostgreSQL): the same order as any collation's, without its cost on
    # every index comparison. Unique through a constraint (Meta), which adds no PostgreSQL LIKE twin index.
    id_number = AsciiKeyField(_("citizen ID"), max_length=12, null=True, blank=True)
    phone = AsciiKeyField(_("phone"), max_length=12, blank=True)
    residence_unit = models.ForeignKey(
        "geography.AdminUnit",
        verbose_name=_("residence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="residents",
        db_index=False,  # a partial index below: imported workers known only by address have none
    )
    managing_unit = models.ForeignKey(
        "geography.AdminUnit",
        verbose_name=_("managed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="managed_persons",
        db_index=False,
        help_text=_("For someone living outside the district: the commune or district that manages them here."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        db_index=False,
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    scope_unit_field = ("residence_unit", "managing_unit")

    class Meta:
        ordering = ["name_folded", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        # Plain B-tree indexes declared here rather than with db_index=True: on PostgreSQL db_index on a CharField
        # adds a second, varchar_pattern_ops index (for LIKE) that no query here uses — name search goes through
        # PersonNameToken, ID and phone are looked up by equality. Fewer indexes make bulk imports cheaper.
        indexes = [
            models.Index(fields=["name_folded"], name="person_name_folded_idx"),
            models.Index(fields=["phone"], name="person_phone_idx"),
            # Partial: only the rows that have one (bulk imports of workers known by address add no entries).
            models.Index(
                fields=["residence_unit"], name="person_residence_idx", condition=Q(residence_unit__isnull=False)
            ),
            models.Index(
                fields=["managing_unit"], name="person_managing_idx", condition=Q(managing_unit__isnull=False)
            ),
            models.Index(fields=["household"], name="person_household_idx", condition=Q(household__isnull=False)),
        ]
        constraints = [
            models.UniqueConstraint(fields=["id_number"], name="person_id_number_unique"),
            models.CheckConstraint(condition=~Q(id_number=""), name="person_id_number_null_not_empty"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.prepare()
        super().save(*args, **kwargs)
        name_tokens_sync(self)

    def prepare(self) -> None:
        """Derived columns, also for bulk inserts (which skip save(); those call `name_tokens_bulk` after)."""
        self.full_name = nfc(self.full_name)
        self.name_folded = fold(self.full_name)
        if self.birth_date and not self.birth_year:
            self.birth_year = self.birth_date.year
        if self.id_number == "":
            self.id_number = None


class PersonNameToken(models.Model):
    """One word-suffix of a person's folded name ("nguyen van an", "van an", "an"): the name search index.

    A search for "van a" is one prefix range of the primary key (token, person); a multi-word query needs no
    intersection because the words are consecutive in one key. Derived data: kept in step by Person.save() and the
    cascade, written by `name_tokens_bulk` and the bulk writers; it has no history of its own (the person's history
    records the name).

    Keyed by (token, person): the search's prefix range is a range of the primary key, with no surrogate id. On SQLite
    the table is WITHOUT ROWID (migration 0005): the key is the table. The index by person serves a person's own
    tokens (`name_tokens_sync`, the cascade, the scope-driven search plan)."""

    pk = models.CompositePrimaryKey("token", "person")
    token = AsciiKeyField(max_length=TOKEN_LENGTH)
    # Derived rows, deleted with their person by the ORM's cascade: no database-level foreign key, whose per-row
    # check would cost bulk imports more than the rows themselves (half a million tokens for 180,000 workers).
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_tokens", db_constraint=False)
    position = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return self.token


def name_tokens_sync(person: Person) -> None:
    """Make the person's tokens match the current name (a no-op when they already do)."""
    wanted = name_tails(person.full_name)
    current = list(person.name_tokens.order_by("position").values_list("token", flat=True))
    if current != wanted:
        person.name_tokens.all().delete()
        name_tokens_bulk([person])


def name_tokens_bulk(persons, *, batch_size: int = 5000) -> int:
    """Tokens for persons just inserted with bulk_create (which bypasses save()). Returns the number of rows."""
    rows = [
        PersonNameToken(person_id=p.pk, position=i, token=t)
        for p in persons
        for i, t in enumerate(name_tails(p.full_name))
    ]
    PersonNameToken.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)
