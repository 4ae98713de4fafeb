"""zrc-006: a client sees and touches only zaken of zaaktypen in its autorisaties, at or below the
autorisatie's maxVertrouwelijkheidaanduiding.

Extension (as Open Zaak's catalogus autorisaties): an autorisatie with a `catalogus` (URL) instead
of a `zaaktype` holds for every zaaktype of that catalogus, present and future. A zaak keeps the
catalogus of its zaaktype (`Zaak.zaaktype_catalogus`, taken from the zaaktype when the zaak is
created), so this too is a plain column comparison; a zaak without it (created before the column
existed) is reached through its zaaktype only.

Lists, `_zoek` and expand apply `visible_clause` in the SQL query itself: one condition for any
number of autorisaties (grouped by maximum, so at most one `zaaktype IN (...)` and one
`zaaktype_catalogus IN (...)` per rank). A detail or write on a zaak (or on one of its
sub-resources) outside the autorisaties is a 403, as in the reference implementation (a 404 would
hide that the object exists only on lists).
"""

from collections.abc import Iterable, Mapping

from sqlalchemy import ColumnElement

from shared.access import GrantsKey, TypedAccess
from shared.auth import ZRC, Principal
from shared.errors import PermissionDenied

SCOPE_LEZEN = "zaken.lezen"
SCOPE_AANMAKEN = "zaken.aanmaken"
SCOPE_BIJWERKEN = "zaken.bijwerken"
SCOPE_GEFORCEERD_BIJWERKEN = "zaken.geforceerd-bijwerken"
SCOPE_VERWIJDEREN = "zaken.verwijderen"
SCOPE_STATUSSEN_TOEVOEGEN = "zaken.statussen.toevoegen"
SCOPE_HEROPENEN = "zaken.heropenen"

WRITE = (SCOPE_BIJWERKEN, SCOPE_GEFORCEERD_BIJWERKEN)

# The scopes per operation of each resource (its ResourceSpec's and its service's), as the standard
# gives them; every resource is read with zaken.lezen.
Scopes = Mapping[str, tuple[str, ...]]  # operation -> the scopes that allow it (any one of them)
READ: Scopes = {"list": (SCOPE_LEZEN,), "retrieve": (SCOPE_LEZEN,)}
SCOPES_ZAAK: Scopes = {**READ, "create": (SCOPE_AANMAKEN,), "update": WRITE, "partial_update": WRITE, "destroy": (SCOPE_VERWIJDEREN,)}
# a status is set by whoever creates the zaak, adds statussen, or reopens it (zrc-007)
SCOPES_STATUS: Scopes = {**READ, "create": (SCOPE_AANMAKEN, SCOPE_STATUSSEN_TOEVOEGEN, SCOPE_HEROPENEN)}
# a part of the zaak (rol, resultaat, zaakeigenschap, klantcontact): every write changes the zaak
SCOPES_ZAAK_PART: Scopes = {**READ, "create": WRITE, "update": WRITE, "partial_update": WRITE, "destroy": WRITE}
# an object the zaak relates to (zaakobject, zaakinformatieobject): also created along with the
# zaak (zaken.aanmaken) and removed along with it (zaken.verwijderen)
SCOPES_ZAAK_RELATION: Scopes = {**SCOPES_ZAAK_PART, "create": (SCOPE_AANMAKEN, *WRITE), "destroy": (*WRITE, SCOPE_VERWIJDEREN)}
# a relation another API keeps in sync (zaakbesluit, zaakcontactmoment, zaakverzoek): writes
# with zaken.bijwerken only, no geforceerd-bijwerken
SCOPES_SYNCED_RELATION: Scopes = {**READ, "create": (SCOPE_BIJWERKEN,), "destroy": (SCOPE_BIJWERKEN,)}


ZAKEN = TypedAccess(ZRC, "zaaktype")


def visible_clause(principal: Principal, zaak_model, scopes: Iterable[str] = (SCOPE_LEZEN,)) -> ColumnElement:
    """The SQL condition on `zaak_model` (Zaak or an alias) for the zaken this client may see."""
    return visible_for(ZAKEN.grants_key(principal, scopes), zaak_model)


def visible_for(key: GrantsKey, zaak_model) -> ColumnElement:
    """The SQL condition on `zaak_model` (Zaak, an alias, ZaakTelling) for the zaken of a
    `ZAKEN.grants_key`: a statement built from it may be cached under that key."""
    return ZAKEN.clause_for(key, zaak_model.zaaktype, zaak_model.zaaktype_catalogus, zaak_model.vertrouwelijkheid_rank)


def allows(
    principal: Principal,
    scopes: Iterable[str],
    zaaktype: str,
    vertrouwelijkheidaanduiding: str | None,
    catalogus: str | None = None,
) -> bool:
    """Does an autorisatie for `zaaktype` (or for its `catalogus`) at or above this vertrouwelijkheid
    hold one of `scopes`?"""
    return ZAKEN.allows(principal, scopes, zaaktype, vertrouwelijkheidaanduiding, catalogus)


def ensure_allowed(principal: Principal, scopes: Iterable[str], zaak) -> None:
    """zrc-006: 403 unless the client holds one of `scopes` for this zaak's zaaktype and vertrouwelijkheid."""
    if not allows(principal, scopes, zaak.zaaktype, zaak.vertrouwelijkheidaanduiding, zaak.zaaktype_catalogus):
        raise PermissionDenied()


def may_force(principal: Principal, zaak) -> bool:
    return allows(principal, (SCOPE_GEFORCEERD_BIJWERKEN,), zaak.zaaktype, zaak.vertrouwelijkheidaanduiding, zaak.zaaktype_catalogus)


def ensure_open_or_forced(principal: Principal, zaak) -> None:
    """zrc-007: a closed zaak (einddatum set) and everything on it may only be changed with
    `zaken.geforceerd-bijwerken` (403 otherwise)."""
    if zaak.einddatum is not None and not may_force(principal, zaak):
        raise PermissionDenied("Het bijwerken van een afgesloten zaak vereist de scope zaken.geforceerd-bijwerken.")
