from services.documenten.child import declare
from services.documenten.gebruiksrechten.schemas import (
    Gebruiksrechten,
    GebruiksrechtenFilters,
    GebruiksrechtenRequest,
)
from services.documenten.gebruiksrechten.service import GebruiksrechtenService

RESOURCE = declare(
    "gebruiksrechten",
    "gebruiksrechten",
    GebruiksrechtenService(),
    Gebruiksrechten,
    GebruiksrechtenRequest,
    GebruiksrechtenFilters,
    expandable=True,
    paginated=False,
    audited=("create", "update", "partial_update", "destroy"),
    descriptions={
        "list": "Alle GEBRUIKSRECHTen opvragen.",
        "create": "Maak een GEBRUIKSRECHT aan.",
        "retrieve": "Een specifieke GEBRUIKSRECHT opvragen.",
        "update": "Werk een GEBRUIKSRECHT in zijn geheel bij.",
        "partial_update": "Werk een GEBRUIKSRECHT relatie deels bij.",
        "destroy": "Verwijder een GEBRUIKSRECHT.",
        "headers": "De headers voor een specifiek(e) GEBRUIKSRECHT INFORMATIEOBJECT opvragen ",
    },
    details={
        "list": "Deze lijst kan gefilterd wordt met query-string parameters.",
        "create": (
            "Voeg GEBRUIKSRECHTen toe voor een INFORMATIEOBJECT.\n\n**Opmerkingen**\n  - Het toevoegen van gebruiksrechten zorgt "
            "ervoor dat de `indicatieGebruiksrecht` op het informatieobject op `true` gezet wordt."
        ),
        "retrieve": "Een specifieke GEBRUIKSRECHT opvragen.",
        "update": "Werk een GEBRUIKSRECHT in zijn geheel bij.",
        "partial_update": "Werk een GEBRUIKSRECHT relatie deels bij.",
        "destroy": (
            "**Opmerkingen**\n  - Indien het laatste GEBRUIKSRECHT van een INFORMATIEOBJECT verwijderd wordt, dan wordt de "
            "`indicatieGebruiksrecht` van het INFORMATIEOBJECT op `null` gezet."
        ),
        "headers": "Vraag de headers op die je bij een GET request zou krijgen.",
    },
)
