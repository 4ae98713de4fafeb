"""HTTP of `/statussen`: list, create, read, HEAD (the standard has no update or delete)."""

from services.zaken.access import SCOPES_STATUS
from services.zaken.expand import many, one
from services.zaken.resource import declare_zaak_child
from services.zaken.status.schemas import Status, StatusFilters, StatusRequestbody
from services.zaken.status.service import StatusService

service = StatusService(SCOPES_STATUS)

RESOURCE = declare_zaak_child(
    "status",
    "statussen",
    service,
    Status,
    StatusRequestbody,
    StatusFilters,
    operations=("list", "create", "retrieve", "headers"),
    audited=("create",),
    descriptions={
        "list": "Alle STATUSsen van ZAAKen opvragen.",
        "create": "Maak een STATUS aan voor een ZAAK.",
        "retrieve": "Een specifieke STATUS van een ZAAK opvragen.",
        "headers": "De headers voor een specifiek(e) STATUS opvragen.",
    },
    expandable={
        "zaak": one("zaak"),
        "statustype": one("StatusType"),
        "gezetdoor": one("rol"),
        "zaakinformatieobjecten": many("zaakinformatieobject"),
    },
)
