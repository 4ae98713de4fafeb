from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from services.catalogi.common import SCOPES_MAIN
from services.catalogi.zaaktype.schemas import (
    ZaakType,
    ZaakTypeCreate,
    ZaakTypeFilters,
    ZaakTypeRetrieveParams,
    ZaakTypeUpdate,
)
from services.catalogi.zaaktype.service import ZaakTypeService
from shared.auth import ZTC, Principal, require_scopes
from shared.db import SessionDep
from shared.http import detail_response
from shared.resources import Context, ResourceSpec, UuidPath, load_or_404, register_resource

router = APIRouter()
service = ZaakTypeService()
spec = ResourceSpec(
    name="zaaktype",
    collection="zaaktypen",
    tag="zaaktypen",
    component=ZTC,
    service=service,
    read_model=ZaakType,
    create_model=ZaakTypeCreate,
    update_model=ZaakTypeUpdate,
    filter_model=ZaakTypeFilters,
    retrieve_params_model=ZaakTypeRetrieveParams,
    scopes=SCOPES_MAIN,
)
register_resource(router, spec)


@router.post(
    "/zaaktypen/{uuid}/publish",
    operation_id="zaaktype_publish",
    summary="Publiceer het concept ZAAKTYPE.",
    description=(
        "Publiceren van het zaaktype zorgt ervoor dat dit in een Zaken API kan gebruikt worden. Na het "
        "publiceren zijn geen inhoudelijke wijzigingen meer mogelijk; maak daarvoor een nieuwe versie."
    ),
    tags=["zaaktypen"],
    response_model=ZaakType,
)
def publish(
    request: Request,
    session: SessionDep,
    principal: Annotated[Principal, Depends(require_scopes(ZTC, *SCOPES_MAIN["publish"]))],
    uuid: UuidPath,
) -> Response:
    ctx = Context(request, principal, session)
    zaaktype = service.publish(ctx, load_or_404(ctx, spec, uuid))
    return detail_response(request, service.serialize(ctx, [zaaktype])[0])
