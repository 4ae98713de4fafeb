from services.catalogi.resource import declare
from services.catalogi.zaakobjecttype.schemas import ZaakObjectType, ZaakObjectTypeFilters, ZaakObjectTypeRequest
from services.catalogi.zaakobjecttype.service import ZaakObjectTypeService

router, spec = declare(
    "zaakobjecttype", "zaakobjecttypen", ZaakObjectTypeService(), ZaakObjectType, ZaakObjectTypeRequest, ZaakObjectTypeFilters
)
