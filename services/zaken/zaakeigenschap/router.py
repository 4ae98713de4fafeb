from services.zaken.access import SCOPE_LEZEN, WRITE
from services.zaken.expand import one
from services.zaken.resource import declare
from services.zaken.zaakeigenschap.schemas import ZaakEigenschap, ZaakEigenschapRequest
from services.zaken.zaakeigenschap.service import ZaakEigenschapService
from shared.auth import ZRC
from shared.resources import ResourceSpec

SCOPES = {
    "list": (SCOPE_LEZEN,),
    "retrieve": (SCOPE_LEZEN,),
    "create": WRITE,
    "update": WRITE,
    "partial_update": WRITE,
    "destroy": WRITE,
}

service = ZaakEigenschapService(SCOPES)

RESOURCE = declare(
    ResourceSpec(
        name="zaakeigenschap",
        collection="zaakeigenschappen",
        tag="zaken",
        component=ZRC,
        service=service,
        parent=service.parent_path(),
        paginated=False,
        read_model=ZaakEigenschap,
        create_model=ZaakEigenschapRequest,
        operations=("list", "create", "retrieve", "headers", "update", "partial_update", "destroy"),
        scopes=SCOPES,
        audited=("create",),
        etag=True,
        descriptions={
            "list": "Alle ZAAKEIGENSCHAPpen opvragen.",
            "create": "Maak een ZAAKEIGENSCHAP aan.",
            "retrieve": "Een specifieke ZAAKEIGENSCHAP opvragen.",
            "headers": "De headers voor een specifiek(e) ZAAKEIGENSCHAP opvragen",
            "update": "Werk een ZAAKEIGENSCHAP in zijn geheel bij.",
            "partial_update": "Werk een ZAAKEIGENSCHAP deels bij.",
            "destroy": "Verwijder een ZAAKEIGENSCHAP.",
        },
        details={
            "create": "**Er wordt gevalideerd op:**\n- geldigheid `eigenschap` URL - de resource moet opgevraagd kunnen worden uit de "
            "Catalogi API en de vorm van een EIGENSCHAP hebben.\n- de `eigenschap` moet bij het `ZAAK.zaaktype` horen",
            "update": "**Er wordt gevalideerd op**\n- Alleen de `waarde` mag gewijzigd worden",
            "partial_update": "**Er wordt gevalideerd op**\n- Alleen de `waarde` mag gewijzigd worden",
        },
    ),
    expandable={"zaak": one("zaak"), "eigenschap": one("Eigenschap")},
)
