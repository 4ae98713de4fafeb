from services.zaken.access import SCOPE_AANMAKEN, SCOPE_LEZEN, SCOPE_VERWIJDEREN, WRITE
from services.zaken.expand import one
from services.zaken.resource import declare
from services.zaken.zaakobject.schemas import ZaakObject, ZaakObjectFilters, ZaakObjectRequest
from services.zaken.zaakobject.service import ZaakObjectService
from shared.auth import ZRC
from shared.resources import ResourceSpec

SCOPES = {
    "list": (SCOPE_LEZEN,),
    "retrieve": (SCOPE_LEZEN,),
    "create": (SCOPE_AANMAKEN, *WRITE),
    "update": WRITE,
    "partial_update": WRITE,
    "destroy": (*WRITE, SCOPE_VERWIJDEREN),
}

service = ZaakObjectService(SCOPES)

RESOURCE = declare(
    ResourceSpec(
        name="zaakobject",
        audited=("create",),
        collection="zaakobjecten",
        tag="zaakobjecten",
        component=ZRC,
        service=service,
        read_model=ZaakObject,
        create_model=ZaakObjectRequest,
        filter_model=ZaakObjectFilters,
        scopes=SCOPES,
        strict_query=True,
        descriptions={
            "list": "Alle ZAAKOBJECTen opvragen.",
            "create": "Maak een ZAAKOBJECT aan.",
            "retrieve": "Een specifieke ZAAKOBJECT opvragen.",
            "update": "Werk een ZAAKOBJECT zijn geheel bij.",
            "partial_update": "Werk een ZAAKOBJECT deels bij.",
            "destroy": "Verwijder een ZAAKOBJECT.",
            "headers": "De headers voor een specifiek(e) ZAAKOBJECT opvragen.",
        },
    ),
    expandable={"zaak": one("zaak"), "zaakobjecttype": one("ZaakObjectType")},
)
