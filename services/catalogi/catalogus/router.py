from fastapi import APIRouter

from services.catalogi.catalogus.schemas import Catalogus, CatalogusFilters, CatalogusRequest
from services.catalogi.catalogus.service import CatalogusService
from services.catalogi.common import SCOPES_MAIN
from shared.auth import ZTC
from shared.resources import ResourceSpec, register_resource

router = APIRouter()

register_resource(
    router,
    ResourceSpec(
        name="catalogus",
        collection="catalogussen",
        tag="catalogussen",
        component=ZTC,
        service=CatalogusService(),
        read_model=Catalogus,
        create_model=CatalogusRequest,
        filter_model=CatalogusFilters,
        operations=("list", "create", "retrieve", "headers"),
        scopes=SCOPES_MAIN,
    ),
)
