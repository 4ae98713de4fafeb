from services.zaken.access import SCOPES_SYNCED_RELATION
from services.zaken.resource import declare_zaak_relation
from services.zaken.zaakcontactmoment.schemas import ZaakContactMoment, ZaakContactMomentFilters, ZaakContactMomentRequest
from services.zaken.zaakcontactmoment.service import ZaakContactMomentService

service = ZaakContactMomentService(SCOPES_SYNCED_RELATION)

RESOURCE = declare_zaak_relation(
    "zaakcontactmoment",
    "zaakcontactmomenten",
    service,
    ZaakContactMoment,
    ZaakContactMomentRequest,
    ZaakContactMomentFilters,
    descriptions={
        "list": "Alle ZAAKCONTACTMOMENTen opvragen.",
        "create": "Maak een ZAAKCONTACTMOMENT aan.",
        "retrieve": "Een specifiek ZAAKCONTACTMOMENT opvragen",
        "destroy": "Verwijder een ZAAKCONTACTMOMENT.",
    },
)
