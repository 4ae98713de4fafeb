from services.zaken.access import SCOPE_BIJWERKEN, SCOPE_LEZEN
from services.zaken.relations import VERZOEK
from services.zaken.resource import declare
from services.zaken.zaakverzoek.schemas import ZaakVerzoek, ZaakVerzoekFilters, ZaakVerzoekRequest
from services.zaken.zaakverzoek.service import ZaakVerzoekService
from shared.auth import ZRC
from shared.resources import ResourceSpec

# the standard: writes with zaken.bijwerken only (no geforceerd-bijwerken)
SCOPES = {
    "list": (SCOPE_LEZEN,),
    "retrieve": (SCOPE_LEZEN,),
    "create": (SCOPE_BIJWERKEN,),
    "destroy": (SCOPE_BIJWERKEN,),
}

service = ZaakVerzoekService(SCOPES)

RESOURCE = declare(
    ResourceSpec(
        name="zaakverzoek",
        audited=("create", "destroy"),
        etag=False,
        collection="zaakverzoeken",
        tag="zaakverzoeken",
        component=ZRC,
        service=service,
        read_model=ZaakVerzoek,
        create_model=ZaakVerzoekRequest,
        filter_model=ZaakVerzoekFilters,
        operations=("list", "create", "retrieve", "destroy"),
        scopes=SCOPES,
        strict_query=True,
        paginated=False,
        descriptions={
            "list": "Alle ZAAK-VERZOEKen opvragen.",
            "create": "Maak een ZAAK-VERZOEK aan.",
            "retrieve": "Een specifieke ZAAK-VERZOEK opvragen.",
            "destroy": "Verwijder een ZAAK-VERZOEK.",
        },
    ),
    mirror=VERZOEK,
)
