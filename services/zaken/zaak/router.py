"""HTTP of `/zaken`: the standard operations (all with CRS negotiation, list and read with
`expand`), `_zoek`, and the zaak's audit trail."""

import uuid as uuid_module
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from services.zaken.access import SCOPE_LEZEN, SCOPES_ZAAK
from services.zaken.db import audittrail
from services.zaken.expand import expand_hook, many, one
from services.zaken.resource import declare_collection
from services.zaken.zaak import queries
from services.zaken.zaak.schemas import Zaak, ZaakExpanded, ZaakFilters, ZaakRequest, ZaakRetrieveParams, ZaakZoek
from services.zaken.zaak.service import ZaakService
from shared.audittrail import SCOPE_AUDITTRAILS_LEZEN
from shared.auth import ZRC, Principal, require_scopes
from shared.crs import CrsNegotiation, crs_openapi
from shared.db import commits
from shared.http import json_response
from shared.pagination import envelope, page_from
from shared.resources import Context, paginated_model_of, register_audittrail

router = APIRouter()
TAG = "zaken"

service = ZaakService()
EXPAND = expand_hook("zaak", ZaakExpanded)
# a model built at run time (every list filter as a body field): its fields are not typed
ZoekBody: Any = Annotated[ZaakZoek, Body()]
Page = Annotated[int | None, Query(description="Een pagina binnen de gepagineerde set resultaten.")]


RESOURCE = declare_collection(
    "zaak",
    "zaken",
    service,
    Zaak,
    ZaakRequest,
    ZaakFilters,
    scopes=SCOPES_ZAAK,
    audited=("create", "update", "partial_update", "destroy"),
    retrieve_params_model=ZaakRetrieveParams,
    crs=True,
    expand=EXPAND,
    list_page=service.list_page,
    descriptions={"list": "Alle ZAAKen opvragen.", "retrieve": "Een specifieke ZAAK opvragen."},
    details={
        "list": "Deze lijst kan gefilterd wordt met query-string parameters.",
        "create": "Indien geen identificatie gegeven is, dan wordt deze automatisch gegenereerd. "
        "De identificatie moet uniek zijn binnen de bronorganisatie.",
        "destroy": "Verwijder een ZAAK samen met alle gerelateerde resources binnen deze API (zrc-023).",
    },
    expandable={
        "zaaktype": one("ZaakType"),
        "hoofdzaak": one("zaak"),
        "deelzaken": many("zaak"),
        "relevanteAndereZaken": many("zaak", "url"),
        "eigenschappen": many("zaakeigenschap"),
        "rollen": many("rol"),
        "status": one("status"),
        "zaakobjecten": many("zaakobject"),
        "zaakinformatieobjecten": many("zaakinformatieobject"),
        "resultaat": one("resultaat"),
    },
    router=router,
)


@router.post(
    "/zaken/_zoek",
    operation_id="zaak__zoek",
    summary="Voer een (geo)-zoekopdracht uit op ZAAKen.",
    description="Zoeken/filteren gaat normaal via de `list` operatie, deze is echter niet geschikt voor geo-zoekopdrachten.",
    tags=[TAG],
    status_code=200,
    response_model=paginated_model_of(ZaakExpanded, "PaginatedZaakList"),  # the list's model
    openapi_extra=crs_openapi(200),
)
@commits
def zaak_zoek(
    request: Request,
    session: Session,
    principal: Annotated[Principal, Depends(require_scopes(ZRC, SCOPE_LEZEN))],
    _crs: CrsNegotiation,
    data: ZoekBody,
    page: Page = None,
) -> Response:
    ctx = Context(request, principal, session)
    values = data.model_dump(exclude={"zaakgeometrie", "expand", "ordering"})
    query = queries.apply_filters(queries.visible_zaken(ctx), values)
    counting = queries.count_unfiltered(ctx, values)
    if data.zaakgeometrie is not None and data.zaakgeometrie.within is not None:
        query = queries.within_ids(ctx, query, data.zaakgeometrie.within)
        counting = None
    query = queries.order(query, [data.ordering] if data.ordering else [])
    if data.expand:
        EXPAND.check(data.expand)
    number = page_from(page)
    count, zaken = queries.page_of_rows(ctx, query, number, counting)
    results = queries.serialize(ctx, zaken)
    if data.expand:
        EXPAND.apply(ctx, results, data.expand)
    return json_response(envelope(request, count=count, page=number, results=results))


# ---------------------------------------------------------------- audit trail


def _ensure_trail_visible(ctx: Context, zaak_uuid: uuid_module.UUID) -> None:
    """zrc-006 for the audit trail: the trail of a zaak outside the client's autorisaties is a 403."""
    queries.get_zaak(ctx, zaak_uuid, (SCOPE_AUDITTRAILS_LEZEN,))


register_audittrail(
    router,
    trail=audittrail,
    component=ZRC,
    collection="zaken",
    param="zaak_uuid",
    tag=TAG,
    hoofdobject="de ZAAK",
    subject="deze zaak",
    ensure_visible=_ensure_trail_visible,
)
