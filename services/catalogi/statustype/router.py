from fastapi import APIRouter

from services.catalogi.common import SCOPES_SUB
from services.catalogi.statustype.schemas import StatusType, StatusTypeFilters, StatusTypeRequest
from services.catalogi.statustype.service import StatusTypeService
from shared.auth import ZTC
from shared.resources import ResourceSpec, register_resource

router = APIRouter()

register_resource(
    router,
    ResourceSpec(
        name="statustype",
        collection="statustypen",
        tag="statustypen",
        component=ZTC,
        service=StatusTypeService(),
        read_model=StatusType,
        create_model=StatusTypeRequest,
        filter_model=StatusTypeFilters,
        scopes=SCOPES_SUB,
    ),
)
