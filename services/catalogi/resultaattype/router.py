from fastapi import APIRouter

from services.catalogi.common import SCOPES_SUB
from services.catalogi.resultaattype.schemas import (
    ResultaatType,
    ResultaatTypeCreate,
    ResultaatTypeFilters,
    ResultaatTypeUpdate,
)
from services.catalogi.resultaattype.service import ResultaatTypeService
from shared.auth import ZTC
from shared.resources import ResourceSpec, register_resource

router = APIRouter()
spec = ResourceSpec(
    name="resultaattype",
    collection="resultaattypen",
    tag="resultaattypen",
    component=ZTC,
    service=ResultaatTypeService(),
    read_model=ResultaatType,
    create_model=ResultaatTypeCreate,
    update_model=ResultaatTypeUpdate,
    filter_model=ResultaatTypeFilters,
    scopes=SCOPES_SUB,
)
register_resource(router, spec)
