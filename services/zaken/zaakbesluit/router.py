from services.zaken.access import SCOPE_BIJWERKEN, SCOPE_LEZEN
from services.zaken.resource import declare
from services.zaken.zaakbesluit.schemas import ZaakBesluit, ZaakBesluitRequest
from services.zaken.zaakbesluit.service import ZaakBesluitService
from shared.auth import ZRC
from shared.resources import ResourceSpec

# the standard: writes with zaken.bijwerken only (no geforceerd-bijwerken)
SCOPES = {
    "list": (SCOPE_LEZEN,),
    "retrieve": (SCOPE_LEZEN,),
    "create": (SCOPE_BIJWERKEN,),
    "destroy": (SCOPE_BIJWERKEN,),
}

service = ZaakBesluitService(SCOPES)

_SYNC = (
    "**LET OP: Dit endpoint hoor je als consumer niet zelf aan te spreken.**\n\n"
    "De Besluiten API gebruikt dit endpoint om relaties te synchroniseren, daarom is dit endpoint in de Zaken API geimplementeerd."
)

RESOURCE = declare(
    ResourceSpec(
        name="zaakbesluit",
        collection="besluiten",
        tag="zaken",
        component=ZRC,
        service=service,
        parent=service.parent_path(),
        paginated=False,
        read_model=ZaakBesluit,
        create_model=ZaakBesluitRequest,
        operations=("list", "create", "retrieve", "destroy"),
        scopes=SCOPES,
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
    ),
)
