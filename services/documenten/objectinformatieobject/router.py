from services.documenten.child import declare
from services.documenten.objectinformatieobject.schemas import (
    ObjectInformatieObject,
    ObjectInformatieObjectFilters,
    ObjectInformatieObjectRequest,
)
from services.documenten.objectinformatieobject.service import ObjectInformatieObjectService

_SYNCHRONISATIE = (
    "**LET OP: Dit endpoint hoor je als consumer niet zelf aan te spreken.**\n\nAndere API's, zoals de Zaken API en de "
    "Besluiten API, gebruiken dit endpoint bij het synchroniseren van relaties."
)

RESOURCE = declare(
    "objectinformatieobject",
    "objectinformatieobjecten",
    ObjectInformatieObjectService(),
    ObjectInformatieObject,
    ObjectInformatieObjectRequest,
    ObjectInformatieObjectFilters,
    operations=("list", "create", "retrieve", "destroy", "headers"),
    paginated=False,
    descriptions={
        "list": "Alle OBJECT-INFORMATIEOBJECT relaties opvragen.",
        "create": "Maak een OBJECT-INFORMATIEOBJECT relatie aan.",
        "retrieve": "Een specifieke OBJECT-INFORMATIEOBJECT relatie opvragen.",
        "destroy": "Verwijder een OBJECT-INFORMATIEOBJECT relatie.",
        "headers": "De headers voor een specifiek(e) OOBJECT-INFORMATIEOBJECT opvragen ",
    },
    details={
        "list": "Deze lijst kan gefilterd wordt met query-string parameters.",
        "create": (
            f"{_SYNCHRONISATIE}\n\n**Er wordt gevalideerd op**\n- geldigheid `informatieobject` URL\n"
            "- de combinatie `informatieobject` en `object` moet uniek zijn\n- bestaan van `object` URL"
        ),
        "retrieve": "Een specifieke OBJECT-INFORMATIEOBJECT relatie opvragen.",
        "destroy": _SYNCHRONISATIE,
        "headers": "Vraag de headers op die je bij een GET request zou krijgen.",
    },
)
