"""Who may do what in the Besluiten API: component `brc`, its scopes per operation, and the
autorisaties per besluittype (shared.access; a besluit has no vertrouwelijkheidaanduiding), in SQL
for lists as in the Zaken and Documenten APIs."""

from collections.abc import Mapping

from shared.access import TypedAccess

COMPONENT = "brc"

SCOPE_LEZEN = "besluiten.lezen"
SCOPE_AANMAKEN = "besluiten.aanmaken"
SCOPE_BIJWERKEN = "besluiten.bijwerken"
SCOPE_VERWIJDEREN = "besluiten.verwijderen"

BESLUITEN = TypedAccess(COMPONENT, "besluittype", ranked=False)

Scopes = Mapping[str, tuple[str, ...]]  # operation -> the scopes that allow it (any one of them)
SCOPES: Scopes = {
    "list": (SCOPE_LEZEN,),
    "retrieve": (SCOPE_LEZEN,),
    "create": (SCOPE_AANMAKEN,),
    "update": (SCOPE_BIJWERKEN,),
    "partial_update": (SCOPE_BIJWERKEN,),
    "destroy": (SCOPE_VERWIJDEREN,),
}
ALL_SCOPES = (SCOPE_LEZEN, SCOPE_AANMAKEN, SCOPE_BIJWERKEN, SCOPE_VERWIJDEREN)
