from services.zaken.access import SCOPES_SYNCED_RELATION
from services.zaken.resource import declare_zaak_relation
from services.zaken.zaakverzoek.schemas import ZaakVerzoek, ZaakVerzoekFilters, ZaakVerzoekRequest
from services.zaken.zaakverzoek.service import ZaakVerzoekService

service = ZaakVerzoekService(SCOPES_SYNCED_RELATION)

RESOURCE = declare_zaak_relation(
    "zaakverzoek",
    "zaakverzoeken",
    service,
    ZaakVerzoek,
    ZaakVerzoekRequest,
    ZaakVerzoekFilters,
    descriptions={
        "list": "Alle ZAAK-VERZOEKen opvragen.",
        "create": "Maak een ZAAK-VERZOEK aan.",
        "retrieve": "Een specifieke ZAAK-VERZOEK opvragen.",
        "destroy": "Verwijder een ZAAK-VERZOEK.",
    },
)
