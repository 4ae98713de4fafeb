from fastapi import APIRouter

from services.catalogi.common import SCOPES_SUB
from services.catalogi.zaaktypeinformatieobjecttype.schemas import (
    ZaakTypeInformatieObjectType,
    ZaakTypeInformatieObjectTypeFilters,
    ZaakTypeInformatieObjectTypeRequest,
)
from services.catalogi.zaaktypeinformatieobjecttype.service import ZaakTypeInformatieObjectTypeService
from shared.auth import ZTC
from shared.resources import ResourceSpec, register_resource

router = APIRouter()
spec = ResourceSpec(
    name="zaakinformatieobjecttype",
    collection="zaaktype-informatieobjecttypen",
    tag="zaaktype-informatieobjecttypen",
    component=ZTC,
    service=ZaakTypeInformatieObjectTypeService(),
    read_model=ZaakTypeInformatieObjectType,
    create_model=ZaakTypeInformatieObjectTypeRequest,
    filter_model=ZaakTypeInformatieObjectTypeFilters,
    scopes=SCOPES_SUB,
)
register_resource(router, spec)
