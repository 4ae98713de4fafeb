from services.documenten.child import declare
from services.documenten.verzending.schemas import (
    Verzending,
    VerzendingFilters,
    VerzendingRequest,
)
from services.documenten.verzending.service import VerzendingService

RESOURCE = declare(
    "verzending",
    "verzendingen",
    VerzendingService(),
    Verzending,
    VerzendingRequest,
    VerzendingFilters,
    expandable=True,
    descriptions={
        "list": "Alle VERZENDINGen opvragen.",
        "create": "Maak een VERZENDING aan.",
        "retrieve": "Een specifieke VERZENDING opvragen.",
        "update": "Werk een VERZENDING in zijn geheel bij.",
        "partial_update": "Werk een VERZENDING relatie deels bij.",
        "destroy": "Verwijder een VERZENDING",
        "headers": "De headers voor een specifiek(e) VERZENDING opvragen ",
    },
    details={
        "list": "Deze lijst kan gefilterd wordt met query-string parameters.",
        "create": "Voeg VERZENDINGen toe voor een INFORMATIEOBJECT en een BETROKKENE.",
        "retrieve": "Een specifieke VERZENDING opvragen.",
        "update": "Werk een VERZENDING in zijn geheel bij.",
        "partial_update": "Werk een VERZENDING relatie deels bij.",
        "destroy": "Verwijder een VERZENDING.",
        "headers": "Vraag de headers op die je bij een GET request zou krijgen.",
    },
)
