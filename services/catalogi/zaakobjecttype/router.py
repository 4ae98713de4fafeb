from fastapi import APIRouter

from services.catalogi.common import SCOPES_SUB
from services.catalogi.zaakobjecttype.schemas import ZaakObjectType, ZaakObjectTypeFilters, ZaakObjectTypeRequest
from services.catalogi.zaakobjecttype.service import ZaakObjectTypeService
from shared.auth import ZTC
from shared.resources import ResourceSpec, register_resource

router = APIRouter()

register_resource(
    router,
    ResourceSpec(
        name="zaakobjecttype",
        collection="zaakobjecttypen",
        tag="zaakobjecttypen",
        component=ZTC,
        service=ZaakObjectTypeService(),
        read_model=ZaakObjectType,
        create_model=ZaakObjectTypeRequest,
        filter_model=ZaakObjectTypeFilters,
        scopes=SCOPES_SUB,
    ),
)
