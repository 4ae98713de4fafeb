from services.zaken.access import SCOPE_BIJWERKEN, SCOPE_LEZEN
from services.zaken.relations import CONTACTMOMENT
from services.zaken.resource import declare
from services.zaken.zaakcontactmoment.schemas import ZaakContactMoment, ZaakContactMomentFilters, ZaakContactMomentRequest
from services.zaken.zaakcontactmoment.service import ZaakContactMomentService
from shared.auth import ZRC
from shared.resources import ResourceSpec

# the standard: writes with zaken.bijwerken only (no geforceerd-bijwerken)
SCOPES = {
    "list": (SCOPE_LEZEN,),
    "retrieve": (SCOPE_LEZEN,),
    "create": (SCOPE_BIJWERKEN,),
    "destroy": (SCOPE_BIJWERKEN,),
}

service = ZaakContactMomentService(SCOPES)

RESOURCE = declare(
    ResourceSpec(
        name="zaakcontactmoment",
        audited=("create", "destroy"),
        etag=False,
        collection="zaakcontactmomenten",
        tag="zaakcontactmomenten",
        component=ZRC,
        service=service,
        read_model=ZaakContactMoment,
        create_model=ZaakContactMomentRequest,
        filter_model=ZaakContactMomentFilters,
        operations=("list", "create", "retrieve", "destroy"),
        scopes=SCOPES,
        strict_query=True,
        paginated=False,
        descriptions={
            "list": "Alle ZAAKCONTACTMOMENTen opvragen.",
            "create": "Maak een ZAAKCONTACTMOMENT aan.",
            "retrieve": "Een specifiek ZAAKCONTACTMOMENT opvragen",
            "destroy": "Verwijder een ZAAKCONTACTMOMENT.",
        },
    ),
    mirror=CONTACTMOMENT,
)
