from services.zaken.access import SCOPES_ZAAK_RELATION
from services.zaken.expand import one
from services.zaken.resource import declare_zaak_child
from services.zaken.zaakobject.schemas import ZaakObject, ZaakObjectFilters, ZaakObjectRequest
from services.zaken.zaakobject.service import ZaakObjectService

service = ZaakObjectService(SCOPES_ZAAK_RELATION)

RESOURCE = declare_zaak_child(
    "zaakobject",
    "zaakobjecten",
    service,
    ZaakObject,
    ZaakObjectRequest,
    ZaakObjectFilters,
    audited=("create",),
    descriptions={
        "list": "Alle ZAAKOBJECTen opvragen.",
        "create": "Maak een ZAAKOBJECT aan.",
        "retrieve": "Een specifieke ZAAKOBJECT opvragen.",
        "update": "Werk een ZAAKOBJECT zijn geheel bij.",
        "partial_update": "Werk een ZAAKOBJECT deels bij.",
        "destroy": "Verwijder een ZAAKOBJECT.",
        "headers": "De headers voor een specifiek(e) ZAAKOBJECT opvragen.",
    },
    expandable={"zaak": one("zaak"), "zaakobjecttype": one("ZaakObjectType")},
)
