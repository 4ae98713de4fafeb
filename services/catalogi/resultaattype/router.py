from services.catalogi.resource import declare
from services.catalogi.resultaattype.schemas import (
    ResultaatType,
    ResultaatTypeCreate,
    ResultaatTypeFilters,
    ResultaatTypeUpdate,
)
from services.catalogi.resultaattype.service import ResultaatTypeService

router, spec = declare(
    "resultaattype",
    "resultaattypen",
    ResultaatTypeService(),
    ResultaatType,
    ResultaatTypeCreate,
    ResultaatTypeFilters,
    update_model=ResultaatTypeUpdate,
)
