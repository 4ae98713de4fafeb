"""One mechanism for the standard's resource operations.

Every ZGW resource has the same shape: `<name>_list`, `_create`, `_retrieve`, `_update`,
`_partial_update`, `_destroy`, `_headers`, with the same pagination, ETag, scopes and status
codes. `register_resource` wires those HTTP operations for a domain's `ResourceService`, which
holds the queries and rules; a domain router adds its own extra operations (e.g. `/publish`).

A `ResourceSpec` also says where a resource differs within the standard: a path under its parent
object (`ParentPath`: `/zaken/{zaak_uuid}/zaakeigenschappen`), CRS negotiation (`crs`), `expand`
(`ExpandHook`) and a list page fetched its own way (`list_page`).
"""

import functools
import re
import uuid as uuid_module
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Protocol
from urllib.parse import urlsplit

from fastapi import APIRouter, Body, Depends, Header, Path, Query, Request, Response
from pydantic import BaseModel, Field, create_model
from pydantic.fields import FieldInfo
from sqlalchemy import Select
from sqlalchemy.orm import Session

from shared.api_model import ApiModel
from shared.audittrail import SCOPE_AUDITTRAILS_LEZEN, AuditTrail, AuditTrailResponse, declare_audit_headers
from shared.auth import Principal, require_scopes
from shared.crs import CrsNegotiation, crs_openapi
from shared.db import commits, reads
from shared.errors import InvalidParam, NotFound, ValidationProblem
from shared.http import detail_response, json_response
from shared.pagination import Page, envelope, fetch_page, kept, page_from
from shared.query import query_model


def patch_model_of(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The PATCH body: the same fields, none required; `model_fields_set` tells what was sent.

    Defaults are not validated, so a non-nullable field stays non-nullable (null gives `null`).
    """
    fields: dict[str, Any] = {}
    for fname, info in model.model_fields.items():
        new = FieldInfo.merge_field_infos(info, default=None)
        new.default_factory = None
        fields[fname] = (info.annotation, new)
    return create_model(name, __base__=ApiModel, __doc__=model.__doc__, **fields)


@functools.cache  # one model per name: an extra operation (e.g. `_zoek`) shares the list's
def paginated_model_of(model: type[BaseModel], name: str) -> type[BaseModel]:
    return create_model(
        name,
        __base__=ApiModel,
        count=(int, Field(examples=[123])),
        next=(str | None, Field(json_schema_extra={"format": "uri"}, examples=["http://api.example.org/accounts/?page=4"])),
        previous=(str | None, Field(json_schema_extra={"format": "uri"}, examples=["http://api.example.org/accounts/?page=2"])),
        results=(list[model], ...),  # type: ignore[valid-type]  # a model given at run time
    )


@dataclass
class Context:
    """What a service needs of the request: who asks, and the absolute API root for URLs."""

    request: Request
    principal: Principal
    session: Session
    # a nested resource's parent object, as `ParentPath.load` found it (e.g. the zaak of the path)
    parent: Any = None
    # id(object) -> (object, its JSON) of what this request wrote, as its audit record took it
    _shown: dict[int, tuple[Any, dict]] = field(default_factory=dict, repr=False)

    @functools.cached_property
    def api_root_url(self) -> str:
        # once per request: a page of zaaktypen makes ~1,000 URLs
        return _api_root_url(self.request)

    def url(self, collection: str, object_uuid: Any) -> str:
        return f"{self.api_root_url}/{collection}/{object_uuid}"

    def remember_shown(self, obj: Any, body: dict) -> None:
        """`obj` as the API shows it after this request's write (its audit record's `nieuw`), so
        the response is not serialised a second time (for a status, its page query)."""
        self._shown[id(obj)] = (obj, body)

    def shown(self, service: "ResourceService", obj: Any) -> dict:
        """`obj` as the API shows it: what the write remembered, or serialised now."""
        remembered = self._shown.pop(id(obj), None)
        if remembered is not None and remembered[0] is obj:
            return remembered[1]
        return service.serialize(self, [obj])[0]


# (the app's api_root_url, scheme, server, root paths, Host) -> the API root URL of requests with
# them; bounded (the Host header is the client's to choose)
_ROOT_URLS: dict[tuple, str] = {}
_ROOT_URLS_MAX = 256


def _api_root_url(request: Request) -> str:
    """`app.state.api_root_url(request)`, once per request origin: what it is made of (starlette's
    `base_url`) are these parts of the request, and making it cost ~40 µs of every request."""
    scope = request.scope
    make = request.app.state.api_root_url
    server = scope.get("server")  # a tuple, or a list (httpx's test transport)
    key = (
        make,
        scope.get("scheme"),
        tuple(server) if server else None,
        scope.get("root_path"),
        scope.get("app_root_path"),
        request.headers.get("host"),
    )
    return kept(_ROOT_URLS, key, _ROOT_URLS_MAX, lambda: make(request))


_UUID = r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"


def local_uuid(ctx: Context, url: str, collection: str, *, parent: str | None = None) -> uuid_module.UUID | None:
    """The uuid of a URL of this API's `collection` (any host: behind a proxy the host may differ),
    None for any other URL. `parent`: the collection is nested, `/{parent}/{uuid}/{collection}/{uuid}`."""
    root = re.escape(ctx.request.app.state.api_root)
    prefix = rf"{root}/{parent}/{_UUID}" if parent else root
    try:
        match = re.fullmatch(rf"{prefix}/{collection}/({_UUID})/?", urlsplit(url).path)
    except ValueError:  # not a URL at all
        return None
    return uuid_module.UUID(match.group(1)) if match else None


# the operation a request of a detail path is, by its method
OPERATION_OF_METHOD = {"GET": "retrieve", "HEAD": "retrieve", "PUT": "update", "PATCH": "partial_update", "DELETE": "destroy"}

NOT_CHANGEABLE = "Dit veld mag niet gewijzigd worden."


def ensure_unchanged(data: BaseModel, current: Mapping[str, Any], *, as_stored: Mapping[str, Callable[[Any], Any]] | None = None) -> None:
    """`wijzigen-niet-toegelaten`: the fields of `current` (name -> its value now) keep their value
    after creation. Each one sent, not null, with another value is a 400 on that field, all in one
    answer. `as_stored[name]` puts a sent value in the terms of `current` (e.g. a URL as its uuid)."""
    sent = data.model_fields_set
    convert = as_stored or {}
    problems = []
    for name, now in current.items():
        value = getattr(data, name, None)
        if name in sent and value is not None and (convert[name](value) if name in convert else value) != now:
            problems.append(InvalidParam(name, "wijzigen-niet-toegelaten", NOT_CHANGEABLE))
    if problems:
        raise ValidationProblem(*problems)


class ResourceService(Protocol):
    def list_query(self, ctx: Context, filters: Any) -> Select: ...
    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params: Any = None) -> Any: ...
    def serialize(self, ctx: Context, objects: list) -> list[dict]: ...
    def create(self, ctx: Context, data: Any) -> Any: ...
    def update(self, ctx: Context, obj: Any, data: Any, partial: bool) -> Any: ...
    def delete(self, ctx: Context, obj: Any) -> None: ...


class WritesOfItsOperations:
    """A service base for a resource without every write: the kernel only calls the writes of
    the operations its ResourceSpec has, so the others are never reached."""

    def create(self, ctx: Context, data: Any) -> Any:
        raise NotImplementedError

    def update(self, ctx: Context, obj: Any, data: Any, partial: bool) -> Any:
        raise NotImplementedError

    def delete(self, ctx: Context, obj: Any) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class ParentPath:
    """A resource addressed under one object of another collection: `/{collection}/{{param}}/...`.
    `load(ctx, parent_uuid, operation)` finds that object (raising the 404 or 403 itself); the
    services find it as `ctx.parent`."""

    collection: str  # e.g. "zaken"
    param: str  # the path parameter of its uuid, e.g. "zaak_uuid"
    load: Callable[[Context, uuid_module.UUID, str], Any]


@dataclass(frozen=True)
class ExpandHook:
    """`expand` on list and retrieve: `check(expand)` refuses a wrong value before any work (after
    the list's filters), `apply(ctx, results, expand)` embeds the linked resources in each result's
    `_expand`; `read_model` is the read model with `_expand`."""

    read_model: type[BaseModel]
    check: Callable[[str], Any]
    apply: Callable[[Context, list[dict], str], None]


# (ctx, filters, the list query, page) -> (count, the page's objects or rows)
ListPage = Callable[[Context, Any, Select, Page], tuple[int, list]]


@dataclass
class ResourceSpec:
    name: str  # operationId prefix, e.g. "statustype"
    collection: str  # path segment, e.g. "statustypen"
    tag: str
    component: str
    service: ResourceService
    read_model: type[BaseModel]
    create_model: type[BaseModel] | None = None
    update_model: type[BaseModel] | None = None
    patch_model: type[BaseModel] | None = None
    filter_model: type[BaseModel] | None = None
    retrieve_params_model: type[BaseModel] | None = None
    # the response of a write where the standard documents another model than read_model
    # ({"create": ...CreateLock}: the Documenten API answers the document with its `lock`)
    write_models: Mapping[str, type[BaseModel]] = field(default_factory=dict)
    operations: tuple[str, ...] = ("list", "create", "retrieve", "update", "partial_update", "destroy", "headers")
    scopes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    create_status: int = 201
    destroy_status: int = 204
    # an operation's summary (the name predates `details`; Catalogi and Autorisaties pass it)
    descriptions: dict[str, str] = field(default_factory=dict)
    # an operation's description, below its summary
    details: dict[str, str] = field(default_factory=dict)
    # list: unknown query parameters give a 400 (`unknown-parameters`) instead of being ignored
    strict_query: bool = False
    # list: a plain JSON array (no pagination), where the standard says so
    paginated: bool = True
    # ETag / If-None-Match / 304 on the detail (off where the standard has no HEAD for the resource)
    etag: bool = True
    # the operations on which the standard documents the audit headers (X-Audit-Toelichting, ...)
    audited: tuple[str, ...] = ()
    # operationIds other than `<name>_<operation>`, where a spec says so (Autorisaties API 1.0:
    # {"retrieve": "applicatie_read", "destroy": "applicatie_delete"})
    operation_ids: dict[str, str] = field(default_factory=dict)
    # the paths lie under one object of another collection (`/zaken/{zaak_uuid}/zaakeigenschappen`)
    parent: ParentPath | None = None
    # Accept-Crs / Content-Crs negotiation on every operation (a resource with geometry)
    crs: bool = False
    expand: ExpandHook | None = None
    # a paginated list's page fetched otherwise than `fetch_page` of the list query
    list_page: ListPage | None = None

    def operation_id(self, operation: str) -> str:
        return self.operation_ids.get(operation, f"{self.name}_{operation}")

    @property
    def list_path(self) -> str:
        if self.parent is None:
            return f"/{self.collection}"
        return f"/{self.parent.collection}/{{{self.parent.param}}}/{self.collection}"


UUID_DESCRIPTION = "Unieke resource identifier (UUID4)"
UuidPath = Annotated[uuid_module.UUID, Path(description=UUID_DESCRIPTION)]
# Read by detail_response from the request; declared so the contract documents it.
IfNoneMatch = Annotated[
    str | None,
    Header(
        alias="If-None-Match",
        description="Voer een voorwaardelijk verzoek uit: bevat de ETag van de huidige resource, dan volgt een lege HTTP 304.",
    ),
]


async def _nothing() -> None:
    """The dependency of a parameter an operation of this resource does not have (no parent, no CRS)."""


Absent = Annotated[None, Depends(_nothing)]


@functools.cache
def _known_parameters(model: type[BaseModel] | None, extra: tuple[str, ...]) -> frozenset[str]:
    return frozenset(extra) | {info.alias or name for name, info in (model.model_fields if model else {}).items()}


def ensure_known_parameters(request: Request, model: type[BaseModel] | None, *extra: str) -> None:
    """400 `nonFieldErrors` `unknown-parameters` for a query parameter the operation does not know
    (vng-api-common CheckQueryParamsMixin), so a misspelt filter never silently returns everything."""
    unknown = sorted(set(request.query_params) - _known_parameters(model, extra))
    if unknown:
        raise ValidationProblem.field("nonFieldErrors", "unknown-parameters", f"Onbekende query parameters: {', '.join(unknown)}")


def load_or_404(ctx: Context, spec: ResourceSpec, object_uuid: uuid_module.UUID, params: Any = None) -> Any:
    obj = spec.service.get(ctx, object_uuid, params)
    if obj is None:
        raise NotFound(f"Geen {spec.name} gevonden met deze uuid.")
    return obj


def _default_list_page(ctx: Context, filters: Any, query: Select, page: Page) -> tuple[int, list]:
    return fetch_page(ctx.session, query, page)


def register_resource(router: APIRouter, spec: ResourceSpec) -> None:
    service = spec.service
    expand = spec.expand

    def respond(request: Request, body: dict, status_code: int = 200, headers: dict | None = None) -> Response:
        if spec.etag:
            return detail_response(request, body, status_code=status_code, headers=headers)
        return json_response(body, status_code=status_code, headers=headers)

    # the annotations that differ per resource: a parameter a resource has not is `Absent`
    # If-None-Match is documented only where the resource has an ETag
    IfNoneMatchParam: Any = IfNoneMatch if spec.etag else Annotated[str | None, Header(alias="If-None-Match", include_in_schema=False)]
    # after the principal: 401/403 come before 412/406 (shared.crs says why)
    Crs: Any = CrsNegotiation if spec.crs else Absent
    ParentUuid: Any = Absent
    if spec.parent is not None:
        ParentUuid = Annotated[uuid_module.UUID, Path(alias=spec.parent.param, description=UUID_DESCRIPTION)]

    read_model = spec.read_model
    shown_model = expand.read_model if expand else read_model  # list and retrieve show `_expand`
    list_model = paginated_model_of(shown_model, f"Paginated{read_model.__name__}List")
    list_path = spec.list_path
    detail_path = f"{list_path}/{{uuid}}"

    def principal_dep(operation: str) -> Any:
        return Depends(require_scopes(spec.component, *spec.scopes[operation]))

    def meta(operation: str, default_summary: str, success_status: int | None = 200) -> dict[str, Any]:
        return {
            "operation_id": spec.operation_id(operation),
            "summary": spec.descriptions.get(operation, default_summary),
            "description": spec.details.get(operation),
            "tags": [spec.tag],
            "dependencies": [Depends(declare_audit_headers)] if operation in spec.audited else None,
            "openapi_extra": crs_openapi(success_status) if spec.crs else None,
        }

    def context(request: Request, principal: Principal, session: Session, parent_uuid: uuid_module.UUID | None, operation: str) -> Context:
        ctx = Context(request, principal, session)
        if spec.parent is not None:
            assert parent_uuid is not None  # a path parameter
            ctx.parent = spec.parent.load(ctx, parent_uuid, operation)
        return ctx

    def expand_of(params: Any) -> str | None:
        """The request's `expand`, checked (before any work)."""
        value = getattr(params, "expand", None) if expand else None
        if value and expand:
            expand.check(value)
        return value

    def expanded(ctx: Context, results: list[dict], value: str | None) -> list[dict]:
        if value and expand:
            expand.apply(ctx, results, value)
        return results

    if "list" in spec.operations:
        filter_model = spec.filter_model or create_model(f"{read_model.__name__}Filters", __base__=ApiModel)
        Filters: Any = query_model(filter_model)
        list_page = spec.list_page or _default_list_page
        list_summary = f"Alle {spec.collection.upper()} opvragen."

        # a paginated list has the `page` query parameter; a plain JSON array has none
        PageParam: Any = Absent
        page_parameters: tuple[str, ...] = ()
        list_response: Any = list[shown_model]  # type: ignore[valid-type]  # a model given at run time
        if spec.paginated:
            PageParam = Annotated[int | None, Query(description="Een pagina binnen de gepagineerde set resultaten.")]
            page_parameters = ("page",)
            list_response = list_model

        @router.get(list_path, response_model=list_response, **meta("list", list_summary))
        @reads
        def list_endpoint(
            request: Request,
            session: Session,
            principal: Annotated[Principal, principal_dep("list")],
            _crs: Crs,
            parent_uuid: ParentUuid,
            filters: Filters,
            page: PageParam = None,
        ) -> Response:
            if spec.strict_query:
                ensure_known_parameters(request, filter_model, *page_parameters)
            ctx = context(request, principal, session, parent_uuid, "list")
            number = page_from(page) if spec.paginated else None
            query = service.list_query(ctx, filters)
            value = expand_of(filters)
            if number is None:
                return json_response(expanded(ctx, service.serialize(ctx, list(session.scalars(query))), value))
            count, rows = list_page(ctx, filters, query, number)
            results = expanded(ctx, service.serialize(ctx, rows), value)
            return json_response(envelope(request, count=count, page=number, results=results))

    if "retrieve" in spec.operations or "headers" in spec.operations:
        params_model = spec.retrieve_params_model or create_model(f"{read_model.__name__}RetrieveParams", __base__=ApiModel)
        Params: Any = query_model(params_model)

        def detail_endpoint(Params: Any, IfNoneMatchHeader: Any) -> Callable[..., Response]:
            """GET and HEAD of one object: the same operation, but HEAD has no query (`Absent`) and
            always documents If-None-Match."""

            @reads
            def endpoint(
                request: Request,
                session: Session,
                principal: Annotated[Principal, principal_dep("retrieve")],
                _crs: Crs,
                parent_uuid: ParentUuid,
                uuid: UuidPath,
                params: Params,
                if_none_match: IfNoneMatchHeader = None,
            ) -> Response:
                value = expand_of(params)
                ctx = context(request, principal, session, parent_uuid, "retrieve")
                obj = load_or_404(ctx, spec, uuid, params)
                return respond(request, expanded(ctx, service.serialize(ctx, [obj]), value)[0])

            return endpoint

        if "retrieve" in spec.operations:
            router.get(detail_path, response_model=shown_model, **meta("retrieve", f"Een specifieke {spec.name.upper()} opvragen."))(
                detail_endpoint(Params, IfNoneMatchParam)
            )

        if "headers" in spec.operations:
            router.head(
                detail_path,
                response_model=None,
                responses={200: {"description": "OK"}},
                **meta("headers", f"De headers voor een specifiek(e) {spec.name.upper()} opvragen.", None),
            )(detail_endpoint(Absent, IfNoneMatch))

    if "create" in spec.operations:
        CreateBody: Any = Annotated[spec.create_model, Body()]

        @router.post(
            list_path,
            status_code=spec.create_status,
            response_model=spec.write_models.get("create", read_model),
            **meta("create", f"Maak een {spec.name.upper()} aan.", spec.create_status),
        )
        @commits
        def create_endpoint(
            request: Request,
            session: Session,
            principal: Annotated[Principal, principal_dep("create")],
            _crs: Crs,
            parent_uuid: ParentUuid,
            data: CreateBody,
        ) -> Response:
            ctx = context(request, principal, session, parent_uuid, "create")
            obj = service.create(ctx, data)
            session.flush()
            body = ctx.shown(service, obj)
            return respond(request, body, status_code=spec.create_status, headers={"Location": body["url"]})

    def write_endpoint(operation: str, WriteBody: Any) -> Callable[..., Response]:
        """PUT and PATCH of one object: the same operation, but for the body and its scopes."""

        @commits
        def endpoint(
            request: Request,
            session: Session,
            principal: Annotated[Principal, principal_dep(operation)],
            _crs: Crs,
            parent_uuid: ParentUuid,
            uuid: UuidPath,
            data: WriteBody,
        ) -> Response:
            ctx = context(request, principal, session, parent_uuid, operation)
            obj = service.update(ctx, load_or_404(ctx, spec, uuid), data, operation == "partial_update")
            session.flush()
            return respond(request, ctx.shown(service, obj))

        return endpoint

    if "update" in spec.operations:
        UpdateBody: Any = Annotated[spec.update_model or spec.create_model, Body()]
        router.put(
            detail_path,
            response_model=spec.write_models.get("update", read_model),
            **meta("update", f"Werk een {spec.name.upper()} in zijn geheel bij."),
        )(write_endpoint("update", UpdateBody))

    if "partial_update" in spec.operations:
        writable = spec.update_model or spec.create_model
        assert writable is not None, f"{spec.name}: partial_update needs an update or create model"
        PatchBody: Any = Annotated[spec.patch_model or patch_model_of(writable, f"Patched{read_model.__name__}"), Body()]
        router.patch(
            detail_path,
            response_model=spec.write_models.get("partial_update", read_model),
            **meta("partial_update", f"Werk een {spec.name.upper()} deels bij."),
        )(write_endpoint("partial_update", PatchBody))

    if "destroy" in spec.operations:

        @router.delete(
            detail_path,
            status_code=spec.destroy_status,
            response_model=None,
            responses={spec.destroy_status: {"description": "No content"}},
            **meta("destroy", f"Verwijder een {spec.name.upper()}.", spec.destroy_status),
        )
        @commits
        def destroy_endpoint(
            request: Request,
            session: Session,
            principal: Annotated[Principal, principal_dep("destroy")],
            _crs: Crs,
            parent_uuid: ParentUuid,
            uuid: UuidPath,
        ) -> Response:
            ctx = context(request, principal, session, parent_uuid, "destroy")
            obj = load_or_404(ctx, spec, uuid)
            service.delete(ctx, obj)
            return Response(status_code=spec.destroy_status)


def register_action(
    router: APIRouter,
    spec: ResourceSpec,
    action: str,
    handler: Callable[[Context, Any], Any],
    *,
    summary: str,
    description: str = "",
) -> None:
    """`POST /{collection}/{uuid}/{action}` (e.g. `zaaktype_publish`): `handler(ctx, obj)` changes the
    object; the response is the object as a detail (200)."""

    @router.post(
        f"/{spec.collection}/{{uuid}}/{action}",
        operation_id=spec.operation_id(action),
        summary=summary,
        description=description or None,
        tags=[spec.tag],
        response_model=spec.read_model,
    )
    @commits
    def action_endpoint(
        request: Request,
        session: Session,
        principal: Annotated[Principal, Depends(require_scopes(spec.component, *spec.scopes[action]))],
        uuid: UuidPath,
        body: Annotated[dict[str, Any] | None, Body(description="Unspecified request body")] = None,
    ) -> Response:
        ctx = Context(request, principal, session)
        obj = handler(ctx, load_or_404(ctx, spec, uuid))
        session.flush()
        return detail_response(request, spec.service.serialize(ctx, [obj])[0])


def register_audittrail(
    router: APIRouter,
    *,
    trail: AuditTrail,
    component: str,
    collection: str,
    param: str,
    tag: str,
    hoofdobject: str,
    subject: str,
    ensure_visible: Callable[[Context, uuid_module.UUID], None],
    retrieve_id: str = "audittrail_retrieve",
) -> None:
    """`GET /{collection}/{param}/audittrail` and `.../audittrail/{uuid}` (`audittrail_list`,
    `retrieve_id`: `audittrail_read` in the older specs such as Besluiten 1.0.2): the trail of one hoofdobject, oldest first, with scope
    `audittrails.lezen`. `ensure_visible(ctx, uuid)` raises the 403 for a hoofdobject outside the
    client's autorisaties; `hoofdobject` names it as the spec's summary does ("de ZAAK"), `subject`
    in the 404 ("deze zaak")."""
    Reader = Annotated[Principal, Depends(require_scopes(component, SCOPE_AUDITTRAILS_LEZEN))]
    HoofdobjectUuid = Annotated[uuid_module.UUID, Path(alias=param, description=UUID_DESCRIPTION)]

    def hoofd_object(ctx: Context, object_uuid: uuid_module.UUID) -> str:
        ensure_visible(ctx, object_uuid)
        return ctx.url(collection, object_uuid)

    @router.get(
        f"/{collection}/{{{param}}}/audittrail",
        operation_id="audittrail_list",
        summary=f"Alle audit trail regels behorend bij {hoofdobject}.",
        tags=[tag],
        response_model=list[AuditTrailResponse],
    )
    @reads
    def audittrail_list(request: Request, session: Session, principal: Reader, object_uuid: HoofdobjectUuid) -> Response:
        ctx = Context(request, principal, session)
        records = trail.list_for(session, hoofd_object(ctx, object_uuid))
        if not records:
            raise NotFound(f"Geen audit trail gevonden voor {subject}.")
        return json_response(records)

    @router.get(
        f"/{collection}/{{{param}}}/audittrail/{{uuid}}",
        operation_id=retrieve_id,
        summary="Een specifieke audit trail regel opvragen.",
        tags=[tag],
        response_model=AuditTrailResponse,
    )
    @reads
    def audittrail_retrieve(
        request: Request, session: Session, principal: Reader, object_uuid: HoofdobjectUuid, uuid: UuidPath
    ) -> Response:
        ctx = Context(request, principal, session)
        record = trail.get(session, hoofd_object(ctx, object_uuid), uuid)
        if record is None:
            raise NotFound("Geen audit trail regel gevonden met deze uuid.")
        return json_response(record)
