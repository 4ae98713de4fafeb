from services.zaken.access import SCOPE_AANMAKEN, SCOPE_LEZEN, SCOPE_VERWIJDEREN, WRITE
from services.zaken.expand import one
from services.zaken.relations import INFORMATIEOBJECT
from services.zaken.resource import declare
from services.zaken.zaakinformatieobject.schemas import (
    ZaakInformatieObject,
    ZaakInformatieObjectFilters,
    ZaakInformatieObjectRequest,
)
from services.zaken.zaakinformatieobject.service import ZaakInformatieObjectService
from shared.auth import ZRC
from shared.resources import ResourceSpec

SCOPES = {
    "list": (SCOPE_LEZEN,),
    "retrieve": (SCOPE_LEZEN,),
    "create": (SCOPE_AANMAKEN, *WRITE),
    "update": WRITE,
    "partial_update": WRITE,
    "destroy": (*WRITE, SCOPE_VERWIJDEREN),
}

service = ZaakInformatieObjectService(SCOPES)

RESOURCE = declare(
    ResourceSpec(
        name="zaakinformatieobject",
        audited=("create", "update", "partial_update", "destroy"),
        collection="zaakinformatieobjecten",
        tag="zaakinformatieobjecten",
        component=ZRC,
        service=service,
        read_model=ZaakInformatieObject,
        create_model=ZaakInformatieObjectRequest,
        filter_model=ZaakInformatieObjectFilters,
        scopes=SCOPES,
        strict_query=True,
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
    ),
    # zrc-025: `informatieobject` lives in the Documenten API and is not expandable
    expandable={"zaak": one("zaak"), "status": one("status")},
    mirror=INFORMATIEOBJECT,
)
