from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.routing import APIRoute

from services.autorisaties.access import COMPONENT, SCOPES
from services.autorisaties.applicatie.schemas import (
    Applicatie,
    ApplicatieFilters,
    ApplicatieRequest,
)
from services.autorisaties.applicatie.service import ApplicatieService
from shared.auth import Principal, require_scopes
from shared.db import SessionDep
from shared.errors import NotFound
from shared.http import detail_response
from shared.resources import Context, ResourceSpec, register_resource

WITH_AUTORISATIES = (
    "De autorisaties zijn gedefinieerd op een specifieke component, bijvoorbeeld het ZRC, en geven aan welke "
    "scopes van toepassing zijn voor dit component. De waarde van de `component` bepaalt ook welke verdere "
    "informatie ingesloten is, zoals `zaaktype` en `maxVertrouwelijkheidaanduiding` voor het ZRC."
)
EITHER_OR = (
    "Indien `heeftAlleAutorisaties` gezet is, dan moet je `autorisaties` leeg (of weg) laten. Indien je "
    "`autorisaties` meegeeft, dan moet `heeftAlleAutorisaties` de waarde `false` hebben of weggelaten worden."
)

router = APIRouter()
service = ApplicatieService()


@router.get(
    "/applicaties/consumer",
    operation_id="applicatie_consumer",
    summary="Vraag een applicatie op, op basis van clientId",
    description=(
        "Gegeven een `clientId`, via de query string, zoek de bijbehorende applicatie op. Het antwoord bevat de "
        "applicatie met ingesloten autorisaties (één object, zoals de referentie-implementatie; 404 als geen "
        "applicatie deze clientId heeft)."
    ),
    tags=["applicaties"],
    response_model=Applicatie,
    responses={
        404: {
            "description": "Not found",
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Fout"}}},
        }
    },
)
def consumer_endpoint(
    request: Request,
    session: SessionDep,
    principal: Annotated[Principal, Depends(require_scopes(COMPONENT, *SCOPES["consumer"]))],
    client_id: Annotated[str, Query(alias="clientId", description="Geef het client ID op waarvoor je de applicatie wil opvragen.")],
) -> Response:
    ctx = Context(request, principal, session)
    applicatie = service.consumer(ctx, client_id)
    if applicatie is None:
        raise NotFound("Geen applicatie gevonden met deze clientId.")
    return detail_response(request, service.serialize(ctx, [applicatie])[0])


register_resource(
    router,
    ResourceSpec(
        name="applicatie",
        collection="applicaties",
        tag="applicaties",
        component=COMPONENT,
        service=service,
        read_model=Applicatie,
        create_model=ApplicatieRequest,
        filter_model=ApplicatieFilters,
        operations=("list", "create", "retrieve", "update", "partial_update", "destroy"),
        operation_ids={"retrieve": "applicatie_read", "destroy": "applicatie_delete"},
        scopes=SCOPES,
        descriptions={
            "list": "Geef een collectie van applicaties, met ingesloten autorisaties.",
            "retrieve": "Vraag een applicatie op, met ingesloten autorisaties.",
            "create": "Registreer een applicatie met een bepaalde set van autorisaties.",
            "update": "Werk de applicatie bij.",
            "partial_update": "Werk (een deel van) de applicatie bij.",
            "destroy": "Verwijder een applicatie met de bijhorende autorisaties.",
        },
    ),
)

# Longer texts for the contract (the summaries above stay one line).
DESCRIPTIONS = {
    "applicatie_list": WITH_AUTORISATIES + " De collectie kan doorzocht worden met de `clientIds` query parameter.",
    "applicatie_read": WITH_AUTORISATIES,
    "applicatie_create": EITHER_OR + " Na het aanmaken wordt een notificatie verstuurd.",
    "applicatie_update": EITHER_OR + " Na het bijwerken wordt een notificatie verstuurd.",
    "applicatie_partial_update": (
        "Indien `autorisaties` meegegeven is, dan worden de bestaande `autorisaties` vervangen met de nieuwe set van "
        "`autorisaties`. " + EITHER_OR + " Na het bijwerken wordt een notificatie verstuurd."
    ),
    "applicatie_delete": "Na het verwijderen wordt een notificatie verstuurd.",
}
for route in router.routes:
    if isinstance(route, APIRoute) and route.operation_id in DESCRIPTIONS:
        route.description = DESCRIPTIONS[route.operation_id]
