from services.zaken.access import SCOPES_ZAAK_RELATION
from services.zaken.expand import one
from services.zaken.relations import INFORMATIEOBJECT
from services.zaken.resource import declare_zaak_child
from services.zaken.zaakinformatieobject.schemas import (
    ZaakInformatieObject,
    ZaakInformatieObjectFilters,
    ZaakInformatieObjectRequest,
)
from services.zaken.zaakinformatieobject.service import ZaakInformatieObjectService

service = ZaakInformatieObjectService(SCOPES_ZAAK_RELATION)

RESOURCE = declare_zaak_child(
    "zaakinformatieobject",
    "zaakinformatieobjecten",
    service,
    ZaakInformatieObject,
    ZaakInformatieObjectRequest,
    ZaakInformatieObjectFilters,
    audited=("create", "update", "partial_update", "destroy"),
    paginated=False,
    descriptions={
        "list": "Alle ZAAK-INFORMATIEOBJECT relaties opvragen",
        "create": "Maak een ZAAK-INFORMATIEOBJECT relatie aan.",
        "retrieve": "Een specifieke ZAAK-INFORMATIEOBJECT relatie opvragen.",
        "update": "Werk een ZAAK-INFORMATIEOBJECT relatie in zijn geheel bij.",
        "partial_update": "Werk een ZAAK-INFORMATIEOBJECT relatie deels bij.",
        "destroy": "Verwijder een ZAAK-INFORMATIEOBJECT relatie.",
        "headers": "De headers voor een specifiek(e) ZAAKINFORMATIEOBJECT opvragen",
    },
    # zrc-025: `informatieobject` lives in the Documenten API and is not expandable
    expandable={"zaak": one("zaak"), "status": one("status")},
    mirror=INFORMATIEOBJECT,
)
