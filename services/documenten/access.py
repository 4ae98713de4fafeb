"""Who may do what in the Documenten API: component `drc`, its scopes per operation, and the
autorisaties per informatieobjecttype up to a maxVertrouwelijkheidaanduiding (shared.access), in
SQL for lists as in the Zaken API."""

from collections.abc import Mapping

from shared.access import TypedAccess

COMPONENT = "drc"

SCOPE_LEZEN = "documenten.lezen"
SCOPE_AANMAKEN = "documenten.aanmaken"
SCOPE_BIJWERKEN = "documenten.bijwerken"
SCOPE_VERWIJDEREN = "documenten.verwijderen"
SCOPE_LOCK = "documenten.lock"
SCOPE_GEFORCEERD_UNLOCK = "documenten.geforceerd-unlock"

DOCUMENTEN = TypedAccess(COMPONENT, "informatieobjecttype")

Scopes = Mapping[str, tuple[str, ...]]  # operation -> the scopes that allow it (any one of them)
READ: Scopes = {"list": (SCOPE_LEZEN,), "retrieve": (SCOPE_LEZEN,)}
# every resource of the API is read, created, changed and removed with the same four scopes
SCOPES: Scopes = {
    **READ,
    "create": (SCOPE_AANMAKEN,),
    "update": (SCOPE_BIJWERKEN,),
    "partial_update": (SCOPE_BIJWERKEN,),
    "destroy": (SCOPE_VERWIJDEREN,),
}
