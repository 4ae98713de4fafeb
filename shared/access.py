"""Autorisaties per type: a client of the Zaken, Documenten or Besluiten API sees and touches only
the objects of the types (zaaktype, informatieobjecttype, besluittype) its autorisaties name for
that component, at or below the autorisatie's maxVertrouwelijkheidaanduiding (zrc-006 and its
Documenten and Besluiten counterparts).

Extension (as Open Zaak's catalogus autorisaties): an autorisatie with a `catalogus` (URL) instead
of a type holds for every type of that catalogus, present and future. An object keeps the catalogus
of its type (taken from the Catalogi API when it is created), so this too is a plain column
comparison.

Lists, `_zoek` and expand apply `visible_clause` in the SQL query itself: one condition for any
number of autorisaties (grouped by maximum, so at most one `type IN (...)` and one
`catalogus IN (...)` per rank).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, false, or_, true

from shared.auth import VERTROUWELIJKHEID_RANK, Principal

# TypedAccess.grants_key: True (all rights) or ((rank, types, catalogi), ...)
GrantsKey = bool | tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...]


@dataclass
class Grant:
    """What a client reaches at one maximum vertrouwelijkheid: these types, and every type of these
    catalogi."""

    types: set[str] = field(default_factory=set)
    catalogi: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class TypedAccess:
    """The autorisaties of one component whose objects each have a type: `TypedAccess("zrc",
    "zaaktype")`. `ranked`: its objects have a vertrouwelijkheidaanduiding (a besluit has none)."""

    component: str
    type_field: str  # the Autorisatie field naming the type: zaaktype, informatieobjecttype, besluittype
    ranked: bool = True

    def grants(self, principal: Principal, scopes: Iterable[str]) -> dict[int, Grant]:
        """max rank -> the types and catalogi the client holds one of `scopes` for at that maximum
        (one entry, rank 0, where objects are not ranked)."""
        wanted = set(scopes)
        grants: dict[int, Grant] = {}
        for autorisatie in principal.applicatie.autorisaties:
            if autorisatie.component != self.component or not (autorisatie.scopes & wanted):
                continue
            type_url = getattr(autorisatie, self.type_field)
            if not (type_url or autorisatie.catalogus):
                continue
            rank = VERTROUWELIJKHEID_RANK.get(autorisatie.max_vertrouwelijkheidaanduiding or "", -1) if self.ranked else 0
            grant = grants.setdefault(rank, Grant())
            if type_url:
                grant.types.add(type_url)
            if autorisatie.catalogus:
                grant.catalogi.add(autorisatie.catalogus)
        return grants

    def grants_key(self, principal: Principal, scopes: Iterable[str]) -> GrantsKey:
        """What the client reaches with one of `scopes`, as a hashable value: True for all rights,
        else `(rank, types, catalogi)` per rank, sorted. Two clients with the same key see exactly
        the same objects, so a statement built from the key (`clause_for`) may be shared by them
        and by no other client."""
        if principal.all_rights:
            return True
        grants = self.grants(principal, scopes)
        return tuple((rank, tuple(sorted(g.types)), tuple(sorted(g.catalogi))) for rank, g in sorted(grants.items()))

    def clause_for(self, key: GrantsKey, type_column, catalogus_column, rank_column=None) -> ColumnElement:
        """The SQL condition on an object's columns (its type, its type's catalogus, its
        vertrouwelijkheid rank) for the objects of `grants_key`'s key."""
        if key is True:
            return true()
        if not key:
            return false()
        # one (column IN ..., rank <= max) per kind and rank: each matches an index of its own
        conditions = []
        for rank, types, catalogi in key:
            for column, values in ((type_column, types), (catalogus_column, catalogi)):
                if values:
                    condition = column.in_(values)
                    conditions.append(and_(condition, rank_column <= rank) if rank_column is not None else condition)
        return or_(*conditions)

    def visible_clause(
        self,
        principal: Principal,
        scopes: Iterable[str],
        type_column,
        catalogus_column,
        rank_column=None,
    ) -> ColumnElement:
        """The SQL condition on an object's columns (its type, its type's catalogus, its
        vertrouwelijkheid rank) for the objects this client may reach with one of `scopes`."""
        return self.clause_for(self.grants_key(principal, scopes), type_column, catalogus_column, rank_column)

    def allows(
        self,
        principal: Principal,
        scopes: Iterable[str],
        type_url: str,
        vertrouwelijkheidaanduiding: str | None = None,
        catalogus: str | None = None,
    ) -> bool:
        """Does an autorisatie for `type_url` (or for its `catalogus`) at or above this
        vertrouwelijkheid hold one of `scopes`?"""
        if principal.all_rights:
            return True
        rank = VERTROUWELIJKHEID_RANK.get(vertrouwelijkheidaanduiding or "", -1) if self.ranked else 0
        for max_rank, grant in self.grants(principal, scopes).items():
            if rank <= max_rank and (type_url in grant.types or (catalogus and catalogus in grant.catalogi)):
                return True
        return False

    def may_reach_by_catalogus(self, principal: Principal, scopes: Iterable[str]) -> bool:
        """Does the client hold one of `scopes` through a catalogus autorisatie? (Then only the type
        itself tells whether an object of it is allowed: it names its catalogus.)"""
        return any(grant.catalogi for grant in self.grants(principal, scopes).values())
