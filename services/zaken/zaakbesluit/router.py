from services.zaken.access import SCOPES_SYNCED_RELATION
from services.zaken.resource import declare_zaak_nested
from services.zaken.zaakbesluit.schemas import ZaakBesluit, ZaakBesluitRequest
from services.zaken.zaakbesluit.service import ZaakBesluitService

service = ZaakBesluitService(SCOPES_SYNCED_RELATION)

_SYNC = (
    "**LET OP: Dit endpoint hoor je als consumer niet zelf aan te spreken.**\n\n"
    "De Besluiten API gebruikt dit endpoint om relaties te synchroniseren, daarom is dit endpoint in de Zaken API geimplementeerd."
)

RESOURCE = declare_zaak_nested(
    "zaakbesluit",
    "besluiten",
    service,
    ZaakBesluit,
    ZaakBesluitRequest,
    operations=("list", "create", "retrieve", "destroy"),
    audited=("create", "destroy"),
    etag=False,
    descriptions={
        "list": "Alle ZAAKBESLUITen opvragen.",
        "create": "Maak een ZAAKBESLUIT aan.",
        "retrieve": "Een specifiek ZAAKBESLUIT opvragen",
        "destroy": "Verwijder een ZAAKBESLUIT.",
    },
    details={
        "create": _SYNC + "\n\n**Er wordt gevalideerd op:**\n- geldigheid URL naar de ZAAK",
        "destroy": _SYNC,
    },
)
