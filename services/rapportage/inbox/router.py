"""`POST /callbacks`: the abonnement callback (the Notificaties API's contract: a message in,
204 out), and `GET /inbox`: what came in, and what waits with which error."""

import hmac
import json
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy import select

from services.rapportage.access import require_lezen
from services.rapportage.inbox.models import InboxEvent
from services.rapportage.inbox.schemas import InboxEventRead, InboxFilters, Notificatie
from shared import utc
from shared.auth import Principal
from shared.db import SessionDep
from shared.errors import NotAuthenticated, PermissionDenied, ValidationProblem, invalid_params_from_pydantic
from shared.http import json_response
from shared.openapi import _to_30
from shared.pagination import envelope, fetch_page, page_from
from shared.query import query_model
from shared.resources import ensure_known_parameters, paginated_model_of

router = APIRouter()
if TYPE_CHECKING:  # query_model builds the annotation at run time; the value is an InboxFilters
    Filters = InboxFilters
else:
    Filters = query_model(InboxFilters)

_NOTIFICATIE_SCHEMA = _to_30(Notificatie.model_json_schema())


def authorize_callback(request: Request) -> None:
    """`RAPPORTAGE_CALLBACK_AUTHORIZATION` set: the Authorization header must be exactly that
    (or `Bearer <that>`): missing 401, another value 403. Not set: a valid ZGW JWT of a known
    applicatie (401 otherwise)."""
    expected = request.app.state.settings.callback_authorization
    header = request.headers.get("authorization")
    if expected:
        if not header:
            raise NotAuthenticated("De callback vereist een Authorization header.")
        given = header.encode()
        if not (hmac.compare_digest(given, expected.encode()) or hmac.compare_digest(given, f"Bearer {expected}".encode())):
            raise PermissionDenied("Ongeldige Authorization header voor deze callback.")
        return
    request.app.state.authenticator.authenticate(header, with_rights=False)


@router.post(
    "/callbacks",
    operation_id="notificatie_receive",
    summary="Ontvang een notificatie (abonnement callback).",
    description=(
        "Het callback-endpoint van een ABONNEMENT (Notificaties API): de notificatie wordt met een dedupe-sleutel in de "
        "inbox gezet en, in dezelfde transactie, verwerkt: de zaak, status, resultaat of rol waar ze naar wijst wordt "
        "opgehaald en in de leesmodellen gezet. Wat (nog) niet opgehaald kan worden wacht en wordt opnieuw geprobeerd. "
        "Een bericht van een ander kanaal dan `zaken` wordt genegeerd (204); een herhaald bericht ook."
    ),
    tags=["notificaties"],
    status_code=204,
    response_class=Response,
    responses={204: {"description": "Ontvangen."}},
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": _NOTIFICATIE_SCHEMA}}}},
)
async def notificatie_receive(request: Request) -> Response:
    authorize_callback(request)
    raw = await request.body()
    try:
        data = json.loads(raw or b"")
    except ValueError:
        raise ValidationProblem.field("nonFieldErrors", "parse_error", "De notificatie is geen geldige JSON.") from None
    if not isinstance(data, dict):
        raise ValidationProblem.field("nonFieldErrors", "invalid", "De notificatie moet een JSON-object zijn.")
    try:
        message = Notificatie.model_validate(data)
    except ValidationError as exc:
        raise ValidationProblem(*invalid_params_from_pydantic(exc.errors())) from None
    bericht = {**message.model_dump(mode="json"), "aanmaakdatum": data["aanmaakdatum"]}
    await run_in_threadpool(request.app.state.intake.receive, bericht)
    return Response(status_code=204)


def _event_json(e: InboxEvent) -> dict:
    iso = utc.iso
    return {
        "id": e.id, "status": e.status, "kanaal": e.kanaal, "hoofdObject": e.hoofd_object, "resource": e.resource,
        "resourceUrl": e.resource_url, "actie": e.actie, "aanmaakdatum": iso(e.aanmaakdatum), "ontvangenOp": iso(e.ontvangen_op),
        "pogingen": e.pogingen, "volgendePoging": iso(e.volgende_poging), "laatsteFout": e.laatste_fout, "verwerktOp": iso(e.verwerkt_op),
    }  # fmt: skip


@router.get(
    "/inbox",
    operation_id="inbox_list",
    summary="De ontvangen notificaties, nieuwste eerst; `status=wachtend`: wat wacht op een nieuwe poging, met de fout.",
    tags=["notificaties"],
    response_model=paginated_model_of(InboxEventRead, "PaginatedInboxEventList"),
)
def inbox_list(
    request: Request,
    session: SessionDep,
    principal: Annotated[Principal, Depends(require_lezen)],
    filters: Filters,
    page: Annotated[int | None, Query(description="Een pagina binnen de gepagineerde set resultaten.")] = None,
) -> Response:
    ensure_known_parameters(request, InboxFilters, "page")
    query = select(InboxEvent).order_by(InboxEvent.id.desc())
    if filters.status:
        query = query.where(InboxEvent.status == filters.status)
    if filters.hoofdObject:
        query = query.where(InboxEvent.hoofd_object == filters.hoofdObject)
    number = page_from(page)
    count, rows = fetch_page(session, query, number)
    return json_response(envelope(request, count=count, page=number, results=[_event_json(e) for e in rows]))
