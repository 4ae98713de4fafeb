"""HTTP of `/statussen`: list, create, read, HEAD (the standard has no update or delete)."""

from services.zaken.access import SCOPE_AANMAKEN, SCOPE_HEROPENEN, SCOPE_LEZEN, SCOPE_STATUSSEN_TOEVOEGEN
from services.zaken.expand import many, one
from services.zaken.resource import declare
from services.zaken.status.schemas import Status, StatusFilters, StatusRequestbody
from services.zaken.status.service import StatusService
from shared.auth import ZRC
from shared.resources import ResourceSpec

SCOPES = {
    "list": (SCOPE_LEZEN,),
    "retrieve": (SCOPE_LEZEN,),
    "create": (SCOPE_AANMAKEN, SCOPE_STATUSSEN_TOEVOEGEN, SCOPE_HEROPENEN),
}

service = StatusService(SCOPES)

RESOURCE = declare(
    ResourceSpec(
        name="status",
        audited=("create",),
        collection="statussen",
        tag="statussen",
        component=ZRC,
        service=service,
        read_model=Status,
        create_model=StatusRequestbody,
        filter_model=StatusFilters,
        operations=("list", "create", "retrieve", "headers"),
        scopes=SCOPES,
        strict_query=True,
        descriptions={
            "list": "Alle STATUSsen van ZAAKen opvragen.",
            "create": "Maak een STATUS aan voor een ZAAK.",
            "retrieve": "Een specifieke STATUS van een ZAAK opvragen.",
            "headers": "De headers voor een specifiek(e) STATUS opvragen.",
        },
    ),
    expandable={
        "zaak": one("zaak"),
        "statustype": one("StatusType"),
        "gezetdoor": one("rol"),
        "zaakinformatieobjecten": many("zaakinformatieobject"),
    },
)
