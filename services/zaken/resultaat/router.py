from services.zaken.access import SCOPES_ZAAK_PART
from services.zaken.expand import one
from services.zaken.resource import declare_zaak_child
from services.zaken.resultaat.schemas import Resultaat, ResultaatFilters, ResultaatRequest
from services.zaken.resultaat.service import ResultaatService

service = ResultaatService(SCOPES_ZAAK_PART)

RESOURCE = declare_zaak_child(
    "resultaat",
    "resultaten",
    service,
    Resultaat,
    ResultaatRequest,
    ResultaatFilters,
    audited=("create", "update", "partial_update", "destroy"),
    expandable={"zaak": one("zaak"), "resultaattype": one("ResultaatType")},
)
