from fastapi import APIRouter

from services.catalogi.access import COMPONENT, SCOPES_MAIN
from services.catalogi.versioned import register_versioned_type
from services.catalogi.zaaktype.schemas import (
    ZaakType,
    ZaakTypeCreate,
    ZaakTypeFilters,
    ZaakTypeRetrieveParams,
    ZaakTypeUpdate,
)
from services.catalogi.zaaktype.service import ZaakTypeService
from shared.resources import ResourceSpec

router = APIRouter()
service = ZaakTypeService()
spec = ResourceSpec(
    name="zaaktype",
    collection="zaaktypen",
    tag="zaaktypen",
    component=COMPONENT,
    service=service,
    read_model=ZaakType,
    create_model=ZaakTypeCreate,
    update_model=ZaakTypeUpdate,
    filter_model=ZaakTypeFilters,
    retrieve_params_model=ZaakTypeRetrieveParams,
    scopes=SCOPES_MAIN,
)
register_versioned_type(
    router,
    spec,
    publish_description=(
        "Publiceren van het zaaktype zorgt ervoor dat dit in een Zaken API kan gebruikt worden. Na het "
        "publiceren zijn geen inhoudelijke wijzigingen meer mogelijk; maak daarvoor een nieuwe versie."
    ),
)
