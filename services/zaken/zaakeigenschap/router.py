from services.zaken.access import SCOPES_ZAAK_PART
from services.zaken.expand import one
from services.zaken.resource import declare_zaak_nested
from services.zaken.zaakeigenschap.schemas import ZaakEigenschap, ZaakEigenschapRequest
from services.zaken.zaakeigenschap.service import ZaakEigenschapService

service = ZaakEigenschapService(SCOPES_ZAAK_PART)

RESOURCE = declare_zaak_nested(
    "zaakeigenschap",
    "zaakeigenschappen",
    service,
    ZaakEigenschap,
    ZaakEigenschapRequest,
    operations=("list", "create", "retrieve", "headers", "update", "partial_update", "destroy"),
    audited=("create",),
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
    expandable={"zaak": one("zaak"), "eigenschap": one("Eigenschap")},
)
