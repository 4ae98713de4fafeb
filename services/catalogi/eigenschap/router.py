from fastapi import APIRouter

from services.catalogi.common import SCOPES_SUB
from services.catalogi.eigenschap.schemas import Eigenschap, EigenschapFilters, EigenschapRequest
from services.catalogi.eigenschap.service import EigenschapService
from shared.auth import ZTC
from shared.resources import ResourceSpec, register_resource

router = APIRouter()

register_resource(
    router,
    ResourceSpec(
        name="eigenschap",
        collection="eigenschappen",
        tag="eigenschappen",
        component=ZTC,
        service=EigenschapService(),
        read_model=Eigenschap,
        create_model=EigenschapRequest,
        filter_model=EigenschapFilters,
        scopes=SCOPES_SUB,
    ),
)
