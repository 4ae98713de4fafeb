"""HTTP of `/zaken`: list, `_zoek`, create, read, update, delete, HEAD (all with CRS negotiation),
and the zaak's audit trail."""

import uuid as uuid_module
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response
from sqlalchemy import Select

from services.zaken.access import SCOPE_AANMAKEN, SCOPE_LEZEN, SCOPE_VERWIJDEREN, WRITE
from services.zaken.db import audittrail
from services.zaken.expand import expand_results
from services.zaken.zaak import service
from services.zaken.zaak.schemas import (
    Zaak,
    ZaakExpanded,
    ZaakFilters,
    ZaakRequest,
    ZaakZoek,
)
from shared.audittrail import (
    SCOPE_AUDITTRAILS_LEZEN,
    AuditTrailResponse,
    declare_audit_headers,
)
from shared.auth import ZRC, Principal, require_scopes
from shared.crs import CrsNegotiation, crs_openapi
from shared.db import SessionDep, commits, is_postgresql
from shared.errors import NotFound
from shared.http import detail_response, json_response
from shared.pagination import envelope, fetch_page, page_from
from shared.query import query_model
from shared.resources import (
    Context,
    IfNoneMatch,
    UuidPath,
    ensure_known_parameters,
    paginated_model_of,
    patch_model_of,
    split_commas,
)

router = APIRouter()
TAG = "zaken"
# the writes on which the standard documents X-Audit-Toelichting / X-NLX-Logrecord-ID
AUDITED = [Depends(declare_audit_headers)]

ZaakService = service.ZaakService()
PatchedZaak = patch_model_of(ZaakRequest, "PatchedZaak")
PaginatedZaakList = paginated_model_of(ZaakExpanded, "PaginatedZaakList")

Reader = Annotated[Principal, Depends(require_scopes(ZRC, SCOPE_LEZEN))]
Creator = Annotated[Principal, Depends(require_scopes(ZRC, SCOPE_AANMAKEN))]
Writer = Annotated[Principal, Depends(require_scopes(ZRC, *WRITE))]
Remover = Annotated[Principal, Depends(require_scopes(ZRC, SCOPE_VERWIJDEREN))]
Page = Annotated[int | None, Query(description="Een pagina binnen de gepagineerde set resultaten.")]
Expand = Annotated[
    str | None,
    Query(
        description="Haal details van gelinkte resources direct op. Als je meerdere resources tegelijk wilt ophalen kun je "
        "deze scheiden met een komma. Voor het ophalen van resources die een laag dieper genest zijn wordt de punt-notatie gebruikt."
    ),
]


def _page(ctx: Context, query, page: int | None, expand: str | None, counting: Select | None) -> dict:
    number = page_from(page)
    # the zaken as rows (service.row_columns): no ORM objects for a page only read (fetch_page
    # says what it saves)
    columns = service.row_columns(is_postgresql(ctx.session))
    count, zaken = fetch_page(ctx.session, query.with_only_columns(*columns), number, counting, rows=True)
    results = service.serialize(ctx, zaken)
    if expand:
        expand_results(ctx, "zaak", results, expand)
    return envelope(ctx.request, count=count, page=number, results=results)


@router.get(
    "/zaken",
    operation_id="zaak_list",
    summary="Alle ZAAKen opvragen.",
    description="Deze lijst kan gefilterd wordt met query-string parameters.",
    tags=[TAG],
    response_model=PaginatedZaakList,
    openapi_extra=crs_openapi(200),
)
def zaak_list(
    request: Request,
    session: SessionDep,
    principal: Reader,
    _crs: CrsNegotiation,
    filters: query_model(ZaakFilters),
    page: Page = None,
) -> Response:
    ensure_known_parameters(request, ZaakFilters, "page")
    ctx = Context(request, principal, session)
    values = service.query_filters(filters)
    expand = values.pop("expand")
    ordering = split_commas(values.pop("ordering"))
    query = service.order(service.apply_filters(service.visible_zaken(ctx), values), ordering)
    if expand:
        from services.zaken.expand import parse_expand

        parse_expand("zaak", expand)  # an unknown name is a 400 before any work
    return json_response(_page(ctx, query, page, expand, service.count_unfiltered(ctx, values)))


@router.post(
    "/zaken/_zoek",
    operation_id="zaak__zoek",
    summary="Voer een (geo)-zoekopdracht uit op ZAAKen.",
    description="Zoeken/filteren gaat normaal via de `list` operatie, deze is echter niet geschikt voor geo-zoekopdrachten.",
    tags=[TAG],
    status_code=200,
    response_model=PaginatedZaakList,
    openapi_extra=crs_openapi(200),
)
@commits
def zaak_zoek(
    request: Request,
    session: SessionDep,
    principal: Reader,
    _crs: CrsNegotiation,
    data: Annotated[ZaakZoek, Body()],
    page: Page = None,
) -> Response:
    ctx = Context(request, principal, session)
    values = data.model_dump(exclude={"zaakgeometrie", "expand", "ordering"})
    query = service.apply_filters(service.visible_zaken(ctx), values)
    counting = service.count_unfiltered(ctx, values)
    if data.zaakgeometrie is not None and data.zaakgeometrie.within is not None:
        query = service.within_ids(ctx, query, data.zaakgeometrie.within)
        counting = None
    query = service.order(query, [data.ordering] if data.ordering else [])
    if data.expand:
        from services.zaken.expand import parse_expand

        parse_expand("zaak", data.expand)
    return json_response(_page(ctx, query, page, data.expand, counting))


@router.post(
    "/zaken",
    operation_id="zaak_create",
    dependencies=AUDITED,
    summary="Maak een ZAAK aan.",
    description="Indien geen identificatie gegeven is, dan wordt deze automatisch gegenereerd. De identificatie moet uniek zijn binnen de bronorganisatie.",
    tags=[TAG],
    status_code=201,
    response_model=Zaak,
    openapi_extra=crs_openapi(201),
)
@commits
def zaak_create(
    request: Request,
    session: SessionDep,
    principal: Creator,
    _crs: CrsNegotiation,
    data: Annotated[ZaakRequest, Body()],
) -> Response:
    ctx = Context(request, principal, session)
    body = ZaakService.create(ctx, data)
    return detail_response(request, body, status_code=201, headers={"Location": body["url"]})


def _load(ctx: Context, object_uuid: uuid_module.UUID, scopes: tuple[str, ...], *, read_only: bool = False):
    zaak = service.get_zaak(ctx, object_uuid, scopes, read_only=read_only)
    if zaak is None:
        raise NotFound("Geen zaak gevonden met deze uuid.")
    return zaak


@router.get(
    "/zaken/{uuid}",
    operation_id="zaak_retrieve",
    summary="Een specifieke ZAAK opvragen.",
    tags=[TAG],
    response_model=ZaakExpanded,
    openapi_extra=crs_openapi(200),
)
def zaak_retrieve(
    request: Request,
    session: SessionDep,
    principal: Reader,
    _crs: CrsNegotiation,
    uuid: UuidPath,
    expand: Expand = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    ctx = Context(request, principal, session)
    if expand:
        from services.zaken.expand import parse_expand

        parse_expand("zaak", expand)
    body = service.serialize(ctx, [_load(ctx, uuid, (SCOPE_LEZEN,), read_only=True)])[0]
    if expand:
        expand_results(ctx, "zaak", [body], expand)
    return detail_response(request, body)


@router.head(
    "/zaken/{uuid}",
    operation_id="zaak_headers",
    summary="De headers voor een specifiek(e) ZAAK opvragen.",
    tags=[TAG],
    response_model=None,
    responses={200: {"description": "OK"}},
    openapi_extra=crs_openapi(None),
)
def zaak_headers(
    request: Request, session: SessionDep, principal: Reader, _crs: CrsNegotiation, uuid: UuidPath, if_none_match: IfNoneMatch = None
) -> Response:
    ctx = Context(request, principal, session)
    return detail_response(request, service.serialize(ctx, [_load(ctx, uuid, (SCOPE_LEZEN,), read_only=True)])[0])


def _write(request: Request, session, principal: Principal, object_uuid: uuid_module.UUID, data, *, partial: bool) -> Response:
    ctx = Context(request, principal, session)
    return detail_response(request, ZaakService.update(ctx, _load(ctx, object_uuid, WRITE), data, partial=partial))


@router.put(
    "/zaken/{uuid}",
    operation_id="zaak_update",
    dependencies=AUDITED,
    summary="Werk een ZAAK in zijn geheel bij.",
    tags=[TAG],
    response_model=Zaak,
    openapi_extra=crs_openapi(200),
)
@commits
def zaak_update(
    request: Request,
    session: SessionDep,
    principal: Writer,
    _crs: CrsNegotiation,
    uuid: UuidPath,
    data: Annotated[ZaakRequest, Body()],
) -> Response:
    return _write(request, session, principal, uuid, data, partial=False)


@router.patch(
    "/zaken/{uuid}",
    operation_id="zaak_partial_update",
    dependencies=AUDITED,
    summary="Werk een ZAAK deels bij.",
    tags=[TAG],
    response_model=Zaak,
    openapi_extra=crs_openapi(200),
)
@commits
def zaak_partial_update(
    request: Request,
    session: SessionDep,
    principal: Writer,
    _crs: CrsNegotiation,
    uuid: UuidPath,
    data: Annotated[PatchedZaak, Body()],
) -> Response:
    return _write(request, session, principal, uuid, data, partial=True)


@router.delete(
    "/zaken/{uuid}",
    operation_id="zaak_destroy",
    dependencies=AUDITED,
    summary="Verwijder een ZAAK.",
    description="Verwijder een ZAAK samen met alle gerelateerde resources binnen deze API (zrc-023).",
    tags=[TAG],
    status_code=204,
    response_model=None,
    responses={204: {"description": "No content"}},
    openapi_extra=crs_openapi(204),
)
@commits
def zaak_destroy(
    request: Request,
    session: SessionDep,
    principal: Remover,
    _crs: CrsNegotiation,
    uuid: UuidPath,
) -> Response:
    ctx = Context(request, principal, session)
    ZaakService.delete(ctx, _load(ctx, uuid, (SCOPE_VERWIJDEREN,)))
    return Response(status_code=204)


# ---------------------------------------------------------------- audit trail

AuditReader = Annotated[Principal, Depends(require_scopes(ZRC, SCOPE_AUDITTRAILS_LEZEN))]
ZaakUuidPath = Annotated[uuid_module.UUID, Path(description="Unieke resource identifier (UUID4)")]


def _ensure_trail_visible(ctx: Context, zaak_uuid: uuid_module.UUID) -> None:
    """zrc-006 for the audit trail: the trail of a zaak outside the client's autorisaties is a 403."""
    service.get_zaak(ctx, zaak_uuid, (SCOPE_AUDITTRAILS_LEZEN,))


@router.get(
    "/zaken/{zaak_uuid}/audittrail",
    operation_id="audittrail_list",
    summary="Alle audit trail regels behorend bij de ZAAK.",
    tags=[TAG],
    response_model=list[AuditTrailResponse],
)
def audittrail_list(request: Request, session: SessionDep, principal: AuditReader, zaak_uuid: ZaakUuidPath) -> Response:
    ctx = Context(request, principal, session)
    _ensure_trail_visible(ctx, zaak_uuid)
    records = audittrail.list_for(session, ctx.url("zaken", zaak_uuid))
    if not records:
        raise NotFound("Geen audit trail gevonden voor deze zaak.")
    return json_response(records)


@router.get(
    "/zaken/{zaak_uuid}/audittrail/{uuid}",
    operation_id="audittrail_retrieve",
    summary="Een specifieke audit trail regel opvragen.",
    tags=[TAG],
    response_model=AuditTrailResponse,
)
def audittrail_retrieve(request: Request, session: SessionDep, principal: AuditReader, zaak_uuid: ZaakUuidPath, uuid: UuidPath) -> Response:
    ctx = Context(request, principal, session)
    _ensure_trail_visible(ctx, zaak_uuid)
    record = audittrail.get(session, ctx.url("zaken", zaak_uuid), uuid)
    if record is None:
        raise NotFound("Geen audit trail regel gevonden met deze uuid.")
    return json_response(record)
