"""Who may do what in the Documenten API: component `drc`, its scopes per operation, and the
autorisaties per informatieobjecttype up to a maxVertrouwelijkheidaanduiding (shared.access), in
SQL for lists as in the Zaken API."""

from collections.abc import Mapping

from shared.access import TypedAccess

COMPONENT = "drc"

SCOPE_LEZEN = "documenten.lezen"
SCOPE_AANMAKEN = "documenten.aanmaken"
SCOPE_BIJWERKEN = "documenten.bijwerken"
SCOPE_GEFORCEERD_BIJWERKEN = "documenten.geforceerd-bijwerken"
SCOPE_VERWIJDEREN = "documenten.verwijderen"
SCOPE_LOCK = "documenten.lock"
SCOPE_GEFORCEERD_UNLOCK = "documenten.geforceerd-unlock"

DOCUMENTEN = TypedAccess(COMPONENT, "informatieobjecttype")

Scopes = Mapping[str, tuple[str, ...]]  # operation -> the scopes that allow it (any one of them)
READ: Scopes = {"list": (SCOPE_LEZEN,), "retrieve": (SCOPE_LEZEN,)}
WRITE = (SCOPE_BIJWERKEN, SCOPE_GEFORCEERD_BIJWERKEN)
# an enkelvoudiginformatieobject (the spec: update with bijwerken or geforceerd-bijwerken)
SCOPES: Scopes = {**READ, "create": (SCOPE_AANMAKEN,), "update": WRITE, "partial_update": WRITE, "destroy": (SCOPE_VERWIJDEREN,)}
# gebruiksrechten and the other resources on a document: bijwerken alone
SCOPES_RELATED: Scopes = {**SCOPES, "update": (SCOPE_BIJWERKEN,), "partial_update": (SCOPE_BIJWERKEN,)}
ALL_SCOPES = (
    SCOPE_LEZEN,
    SCOPE_AANMAKEN,
    SCOPE_BIJWERKEN,
    SCOPE_GEFORCEERD_BIJWERKEN,
    SCOPE_VERWIJDEREN,
    SCOPE_LOCK,
    SCOPE_GEFORCEERD_UNLOCK,
)
