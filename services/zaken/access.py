"""zrc-006: a client sees and touches only zaken of zaaktypen in its autorisaties, at or below the
autorisatie's maxVertrouwelijkheidaanduiding.

Lists, `_zoek` and expand apply `visible_clause` in the SQL query itself: one condition for any
number of autorisaties (grouped by maximum, so at most one `zaaktype IN (...)` per rank). A detail
or write on a zaak (or on one of its sub-resources) outside the autorisaties is a 403, as in the
reference implementation (a 404 would hide that the object exists only on lists).
"""

from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, false, or_, true

from shared.auth import VERTROUWELIJKHEID_RANK, ZRC, Principal
from shared.errors import PermissionDenied

SCOPE_LEZEN = "zaken.lezen"
SCOPE_AANMAKEN = "zaken.aanmaken"
SCOPE_BIJWERKEN = "zaken.bijwerken"
SCOPE_GEFORCEERD_BIJWERKEN = "zaken.geforceerd-bijwerken"
SCOPE_VERWIJDEREN = "zaken.verwijderen"
SCOPE_STATUSSEN_TOEVOEGEN = "zaken.statussen.toevoegen"
SCOPE_HEROPENEN = "zaken.heropenen"

WRITE = (SCOPE_BIJWERKEN, SCOPE_GEFORCEERD_BIJWERKEN)


def _grants(principal: Principal, scopes: Iterable[str]) -> dict[int, set[str]]:
    """max rank -> the zaaktypen the client holds one of `scopes` for at that maximum."""
    wanted = set(scopes)
    grants: dict[int, set[str]] = {}
    for autorisatie in principal.applicatie.autorisaties:
        if autorisatie.component != ZRC or not (autorisatie.scopes & wanted) or not autorisatie.zaaktype:
            continue
        rank = VERTROUWELIJKHEID_RANK.get(autorisatie.max_vertrouwelijkheidaanduiding or "", -1)
        grants.setdefault(rank, set()).add(autorisatie.zaaktype)
    return grants


def visible_clause(principal: Principal, zaak_model, scopes: Iterable[str] = (SCOPE_LEZEN,)) -> ColumnElement:
    """The SQL condition on `zaak_model` (Zaak or an alias) for the zaken this client may see."""
    if principal.all_rights:
        return true()
    grants = _grants(principal, scopes)
    if not grants:
        return false()
    return or_(
        *(
            and_(zaak_model.zaaktype.in_(sorted(zaaktypen)), zaak_model.vertrouwelijkheid_rank <= rank)
            for rank, zaaktypen in sorted(grants.items())
        )
    )


def allows(principal: Principal, scopes: Iterable[str], zaaktype: str, vertrouwelijkheidaanduiding: str | None) -> bool:
    """Does an autorisatie for `zaaktype` at or above this vertrouwelijkheid hold one of `scopes`?"""
    if principal.all_rights:
        return True
    rank = VERTROUWELIJKHEID_RANK.get(vertrouwelijkheidaanduiding or "", -1)
    for max_rank, zaaktypen in _grants(principal, scopes).items():
        if zaaktype in zaaktypen and rank <= max_rank:
            return True
    return False


def ensure_allowed(principal: Principal, scopes: Iterable[str], zaak) -> None:
    """zrc-006: 403 unless the client holds one of `scopes` for this zaak's zaaktype and vertrouwelijkheid."""
    if not allows(principal, scopes, zaak.zaaktype, zaak.vertrouwelijkheidaanduiding):
        raise PermissionDenied()


def may_force(principal: Principal, zaak) -> bool:
    return allows(principal, (SCOPE_GEFORCEERD_BIJWERKEN,), zaak.zaaktype, zaak.vertrouwelijkheidaanduiding)


def ensure_open_or_forced(principal: Principal, zaak) -> None:
    """zrc-007: a closed zaak (einddatum set) and everything on it may only be changed with
    `zaken.geforceerd-bijwerken` (403 otherwise)."""
    if zaak.einddatum is not None and not may_force(principal, zaak):
        raise PermissionDenied("Het bijwerken van een afgesloten zaak vereist de scope zaken.geforceerd-bijwerken.")
