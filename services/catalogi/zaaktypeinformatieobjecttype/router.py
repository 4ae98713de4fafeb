from services.catalogi.resource import declare
from services.catalogi.zaaktypeinformatieobjecttype.schemas import (
    ZaakTypeInformatieObjectType,
    ZaakTypeInformatieObjectTypeFilters,
    ZaakTypeInformatieObjectTypeRequest,
)
from services.catalogi.zaaktypeinformatieobjecttype.service import ZaakTypeInformatieObjectTypeService

router, spec = declare(
    "zaakinformatieobjecttype",
    "zaaktype-informatieobjecttypen",
    ZaakTypeInformatieObjectTypeService(),
    ZaakTypeInformatieObjectType,
    ZaakTypeInformatieObjectTypeRequest,
    ZaakTypeInformatieObjectTypeFilters,
)
