from services.zaken.access import SCOPE_LEZEN, WRITE
from services.zaken.klantcontact.schemas import KlantContact, KlantContactFilters, KlantContactRequest
from services.zaken.klantcontact.service import KlantContactService
from services.zaken.resource import declare
from shared.auth import ZRC
from shared.resources import ResourceSpec

SCOPES = {
    "list": (SCOPE_LEZEN,),
    "retrieve": (SCOPE_LEZEN,),
    "create": WRITE,
}

service = KlantContactService(SCOPES)

RESOURCE = declare(
    ResourceSpec(
        name="klantcontact",
        audited=("create",),
        etag=False,
        collection="klantcontacten",
        tag="klantcontacten",
        component=ZRC,
        service=service,
        read_model=KlantContact,
        create_model=KlantContactRequest,
        filter_model=KlantContactFilters,
        operations=("list", "create", "retrieve"),
        scopes=SCOPES,
        strict_query=True,
        descriptions={
            "list": "Alle KLANTCONTACTen opvragen.",
            "create": "Maak een KLANTCONTACT bij een ZAAK aan.",
            "retrieve": "Een specifieke KLANTCONTACT opvragen.",
        },
    ),
)
