from services.zaken.access import SCOPE_LEZEN, WRITE
from services.zaken.expand import one
from services.zaken.resource import declare
from services.zaken.resultaat.schemas import Resultaat, ResultaatFilters, ResultaatRequest
from services.zaken.resultaat.service import ResultaatService
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

service = ResultaatService(SCOPES)

RESOURCE = declare(
    ResourceSpec(
        name="resultaat",
        audited=("create", "update", "partial_update", "destroy"),
        collection="resultaten",
        tag="resultaten",
        component=ZRC,
        service=service,
        read_model=Resultaat,
        create_model=ResultaatRequest,
        filter_model=ResultaatFilters,
        scopes=SCOPES,
        strict_query=True,
    ),
    expandable={"zaak": one("zaak"), "resultaattype": one("ResultaatType")},
)
