"""Who may do what in the Autorisaties API: its component and its scopes per operation."""

COMPONENT = "ac"
SCOPE_LEZEN = "autorisaties.lezen"
SCOPE_BIJWERKEN = "autorisaties.bijwerken"

SCOPES: dict[str, tuple[str, ...]] = {
    "list": (SCOPE_LEZEN,),
    "retrieve": (SCOPE_LEZEN,),
    "consumer": (SCOPE_LEZEN,),
    "create": (SCOPE_BIJWERKEN,),
    "update": (SCOPE_BIJWERKEN,),
    "partial_update": (SCOPE_BIJWERKEN,),
    "destroy": (SCOPE_BIJWERKEN,),
}
