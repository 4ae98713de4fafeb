from fastapi import APIRouter

from services.catalogi.common import SCOPES_SUB
from services.catalogi.roltype.schemas import RolType, RolTypeFilters, RolTypeRequest
from services.catalogi.roltype.service import RolTypeService
from shared.auth import ZTC
from shared.resources import ResourceSpec, register_resource

router = APIRouter()

register_resource(
    router,
    ResourceSpec(
        name="roltype",
        collection="roltypen",
        tag="roltypen",
        component=ZTC,
        service=RolTypeService(),
        read_model=RolType,
        create_model=RolTypeRequest,
        filter_model=RolTypeFilters,
        scopes=SCOPES_SUB,
    ),
)
