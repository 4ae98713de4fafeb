from services.zaken.access import SCOPES_ZAAK_PART
from services.zaken.klantcontact.schemas import KlantContact, KlantContactFilters, KlantContactRequest
from services.zaken.klantcontact.service import KlantContactService
from services.zaken.resource import declare_zaak_child

service = KlantContactService(SCOPES_ZAAK_PART)

RESOURCE = declare_zaak_child(
    "klantcontact",
    "klantcontacten",
    service,
    KlantContact,
    KlantContactRequest,
    KlantContactFilters,
    operations=("list", "create", "retrieve"),
    audited=("create",),
    etag=False,
    descriptions={
        "list": "Alle KLANTCONTACTen opvragen.",
        "create": "Maak een KLANTCONTACT bij een ZAAK aan.",
        "retrieve": "Een specifieke KLANTCONTACT opvragen.",
    },
)
