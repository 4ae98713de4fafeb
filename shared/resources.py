"""One mechanism for the standard's resource operations.

Every ZGW resource has the same shape: `<name>_list`, `_create`, `_retrieve`, `_update`,
`_partial_update`, `_destroy`, `_headers`, with the same pagination, ETag, scopes and status
codes. `register_resource` wires those HTTP operations for a domain's `ResourceService`, which
holds the queries and rules; a domain router adds its own extra operations (e.g. `/publish`).
"""

import functools
import uuid as uuid_module
from dataclasses import dataclass, field
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Body, Depends, Header, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError
from sqlalchemy import Select
from sqlalchemy.orm import Session

from shared.auth import Principal, require_scopes
from shared.db import SessionDep, commits
from shared.errors import NotFound, ValidationProblem
from shared.http import detail_response, json_response
from shared.pagination import envelope, fetch_page, page_from
from shared.query import query_model


def _contains_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_contains_nul(v) for v in value)
    return False


class ApiModel(BaseModel):
    """Request/response models: camelCase aliases as in the standard; unknown fields ignored."""

    # A number where the standard has a string is taken as its text, as the reference
    # implementation's serializers take it (VNG's suite sends `"identificatie": 20` for a zaaktype).
    model_config = ConfigDict(populate_by_name=True, extra="ignore", coerce_numbers_to_str=True)

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_nul(cls, value):
        # no database stores a NUL character in text (PostgreSQL refuses it)
        if _contains_nul(value):
            raise PydanticCustomError("zgw:invalid", "Het teken NUL (\\x00) is niet toegestaan.")
        return value


def comma_separated(description: str = "Meerdere waarden kunnen met komma's gescheiden worden.", enum: tuple[str, ...] = ()) -> Any:
    """A query parameter holding a comma-separated list (OpenAPI: array, style form, explode false),
    optionally of the values in `enum`."""
    extra: dict[str, Any] = {"x-comma-separated": True}
    if enum:
        extra["x-items-enum"] = list(enum)
    return Field(None, description=description, json_schema_extra=extra)


def split_commas(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def read_only(description: str = "", *, format: str | None = None, **kwargs) -> Any:
    """A response-only field, marked `readOnly` in the contract."""
    extra: dict[str, Any] = {"readOnly": True, **kwargs.pop("json_schema_extra", {})}
    if format:
        extra["format"] = format
    return Field(json_schema_extra=extra, description=description or None, **kwargs)


def patch_model_of(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The PATCH body: the same fields, none required; `model_fields_set` tells what was sent.

    Defaults are not validated, so a non-nullable field stays non-nullable (null gives `null`).
    """
    fields = {}
    for fname, info in model.model_fields.items():
        new = FieldInfo.merge_field_infos(info, default=None)
        new.default_factory = None
        fields[fname] = (info.annotation, new)
    return create_model(name, __base__=ApiModel, __doc__=model.__doc__, **fields)


def paginated_model_of(model: type[BaseModel], name: str) -> type[BaseModel]:
    return create_model(
        name,
        __base__=ApiModel,
        count=(int, Field(examples=[123])),
        next=(str | None, Field(json_schema_extra={"format": "uri"}, examples=["http://api.example.org/accounts/?page=4"])),
        previous=(str | None, Field(json_schema_extra={"format": "uri"}, examples=["http://api.example.org/accounts/?page=2"])),
        results=(list[model], ...),
    )


@dataclass
class Context:
    """What a service needs of the request: who asks, and the absolute API root for URLs."""

    request: Request
    principal: Principal
    session: Session
    # id(object) -> (object, its JSON) of what this request wrote, as its audit record took it
    _shown: dict[int, tuple[Any, dict]] = field(default_factory=dict, repr=False)

    @functools.cached_property
    def api_root_url(self) -> str:
        # once per request: a page of zaaktypen makes ~1,000 URLs
        return self.request.app.state.api_root_url(self.request)

    def url(self, collection: str, object_uuid) -> str:
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


class ResourceService(Protocol):
    def list_query(self, ctx: Context, filters: BaseModel) -> Select: ...
    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params: BaseModel | None = None) -> Any: ...
    def serialize(self, ctx: Context, objects: list) -> list[dict]: ...
    def create(self, ctx: Context, data: BaseModel) -> Any: ...
    def update(self, ctx: Context, obj: Any, data: BaseModel, partial: bool) -> Any: ...
    def delete(self, ctx: Context, obj: Any) -> None: ...


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
    operations: tuple[str, ...] = ("list", "create", "retrieve", "update", "partial_update", "destroy", "headers")
    scopes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    create_status: int = 201
    destroy_status: int = 204
    descriptions: dict[str, str] = field(default_factory=dict)
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

    def operation_id(self, operation: str) -> str:
        return self.operation_ids.get(operation, f"{self.name}_{operation}")


UuidPath = Annotated[uuid_module.UUID, Path(description="Unieke resource identifier (UUID4)")]
# Read by detail_response from the request; declared so the contract documents it.
IfNoneMatch = Annotated[
    str | None,
    Header(
        alias="If-None-Match",
        description="Voer een voorwaardelijk verzoek uit: bevat de ETag van de huidige resource, dan volgt een lege HTTP 304.",
    ),
]


@functools.cache
def _known_parameters(model: type[BaseModel] | None, extra: tuple[str, ...]) -> frozenset[str]:
    return frozenset(extra) | {info.alias or name for name, info in (model.model_fields if model else {}).items()}


def ensure_known_parameters(request: Request, model: type[BaseModel] | None, *extra: str) -> None:
    """400 `nonFieldErrors` `unknown-parameters` for a query parameter the operation does not know
    (vng-api-common CheckQueryParamsMixin), so a misspelt filter never silently returns everything."""
    unknown = sorted(set(request.query_params) - _known_parameters(model, extra))
    if unknown:
        raise ValidationProblem.field("nonFieldErrors", "unknown-parameters", f"Onbekende query parameters: {', '.join(unknown)}")


def load_or_404(ctx: Context, spec: ResourceSpec, object_uuid, params=None):
    obj = spec.service.get(ctx, object_uuid, params)
    if obj is None:
        raise NotFound(f"Geen {spec.name} gevonden met deze uuid.")
    return obj


def register_resource(router: APIRouter, spec: ResourceSpec) -> None:
    from shared.audittrail import declare_audit_headers

    service = spec.service

    def respond(request: Request, body: dict, status_code: int = 200, headers: dict | None = None) -> Response:
        if spec.etag:
            return detail_response(request, body, status_code=status_code, headers=headers)
        return json_response(body, status_code=status_code, headers=headers)

    def audited(operation: str):
        return [Depends(declare_audit_headers)] if operation in spec.audited else None

    # If-None-Match is documented only where the resource has an ETag
    IfNoneMatchParam = IfNoneMatch if spec.etag else Annotated[str | None, Header(alias="If-None-Match", include_in_schema=False)]
    read_model = spec.read_model
    list_model = paginated_model_of(read_model, f"Paginated{read_model.__name__}List")
    detail_path = f"/{spec.collection}/{{uuid}}"

    def principal_dep(operation: str):
        return Depends(require_scopes(spec.component, *spec.scopes[operation]))

    def doc(operation: str, default: str) -> str:
        return spec.descriptions.get(operation, default)

    if "list" in spec.operations:
        filter_model = spec.filter_model or create_model(f"{read_model.__name__}Filters", __base__=ApiModel)

        if spec.paginated:

            @router.get(
                f"/{spec.collection}",
                operation_id=spec.operation_id("list"),
                summary=doc("list", f"Alle {spec.collection.upper()} opvragen."),
                tags=[spec.tag],
                response_model=list_model,
            )
            def list_endpoint(
                request: Request,
                session: SessionDep,
                principal: Annotated[Principal, principal_dep("list")],
                filters: query_model(filter_model),
                page: Annotated[int | None, Query(description="Een pagina binnen de gepagineerde set resultaten.")] = None,
            ) -> Response:
                if spec.strict_query:
                    ensure_known_parameters(request, filter_model, "page")
                ctx = Context(request, principal, session)
                number = page_from(page)
                count, rows = fetch_page(session, service.list_query(ctx, filters), number)
                return json_response(envelope(request, count=count, page=number, results=service.serialize(ctx, rows)))

        else:

            @router.get(
                f"/{spec.collection}",
                operation_id=spec.operation_id("list"),
                summary=doc("list", f"Alle {spec.collection.upper()} opvragen."),
                tags=[spec.tag],
                response_model=list[read_model],
            )
            def plain_list_endpoint(
                request: Request,
                session: SessionDep,
                principal: Annotated[Principal, principal_dep("list")],
                filters: query_model(filter_model),
            ) -> Response:
                if spec.strict_query:
                    ensure_known_parameters(request, filter_model)
                ctx = Context(request, principal, session)
                rows = list(session.scalars(service.list_query(ctx, filters)))
                return json_response(service.serialize(ctx, rows))

    if "retrieve" in spec.operations or "headers" in spec.operations:
        params_model = spec.retrieve_params_model or create_model(f"{read_model.__name__}RetrieveParams", __base__=ApiModel)

        def detail(
            request: Request,
            session: SessionDep,
            principal: Principal,
            object_uuid: uuid_module.UUID,
            params,
        ) -> Response:
            ctx = Context(request, principal, session)
            obj = load_or_404(ctx, spec, object_uuid, params)
            return respond(request, service.serialize(ctx, [obj])[0])

        if "retrieve" in spec.operations:

            @router.get(
                detail_path,
                operation_id=spec.operation_id("retrieve"),
                summary=doc("retrieve", f"Een specifieke {spec.name.upper()} opvragen."),
                tags=[spec.tag],
                response_model=read_model,
            )
            def retrieve_endpoint(
                request: Request,
                session: SessionDep,
                principal: Annotated[Principal, principal_dep("retrieve")],
                uuid: UuidPath,
                params: query_model(params_model),
                if_none_match: IfNoneMatchParam = None,
            ) -> Response:
                return detail(request, session, principal, uuid, params)

        if "headers" in spec.operations:

            @router.head(
                detail_path,
                operation_id=spec.operation_id("headers"),
                summary=doc("headers", f"De headers voor een specifiek(e) {spec.name.upper()} opvragen."),
                tags=[spec.tag],
                response_model=None,
                responses={200: {"description": "OK"}},
            )
            def headers_endpoint(
                request: Request,
                session: SessionDep,
                principal: Annotated[Principal, principal_dep("retrieve")],
                uuid: UuidPath,
                if_none_match: IfNoneMatch = None,
            ) -> Response:
                return detail(request, session, principal, uuid, None)

    if "create" in spec.operations:
        create_model_ = spec.create_model

        @router.post(
            f"/{spec.collection}",
            operation_id=spec.operation_id("create"),
            dependencies=audited("create"),
            summary=doc("create", f"Maak een {spec.name.upper()} aan."),
            tags=[spec.tag],
            status_code=spec.create_status,
            response_model=read_model,
        )
        @commits
        def create_endpoint(
            request: Request,
            session: SessionDep,
            principal: Annotated[Principal, principal_dep("create")],
            data: Annotated[create_model_, Body()],
        ) -> Response:
            ctx = Context(request, principal, session)
            obj = service.create(ctx, data)
            session.flush()
            body = ctx.shown(service, obj)
            return respond(request, body, status_code=spec.create_status, headers={"Location": body["url"]})

    def write(request, session, principal, object_uuid, data, partial) -> Response:
        ctx = Context(request, principal, session)
        obj = load_or_404(ctx, spec, object_uuid)
        obj = service.update(ctx, obj, data, partial)
        session.flush()
        return respond(request, ctx.shown(service, obj))

    if "update" in spec.operations:
        update_model_ = spec.update_model or spec.create_model

        @router.put(
            detail_path,
            operation_id=spec.operation_id("update"),
            dependencies=audited("update"),
            summary=doc("update", f"Werk een {spec.name.upper()} in zijn geheel bij."),
            tags=[spec.tag],
            response_model=read_model,
        )
        @commits
        def update_endpoint(
            request: Request,
            session: SessionDep,
            principal: Annotated[Principal, principal_dep("update")],
            uuid: UuidPath,
            data: Annotated[update_model_, Body()],
        ) -> Response:
            return write(request, session, principal, uuid, data, False)

    if "partial_update" in spec.operations:
        patch_model_ = spec.patch_model or patch_model_of(spec.update_model or spec.create_model, f"Patched{read_model.__name__}")

        @router.patch(
            detail_path,
            operation_id=spec.operation_id("partial_update"),
            dependencies=audited("partial_update"),
            summary=doc("partial_update", f"Werk een {spec.name.upper()} deels bij."),
            tags=[spec.tag],
            response_model=read_model,
        )
        @commits
        def partial_update_endpoint(
            request: Request,
            session: SessionDep,
            principal: Annotated[Principal, principal_dep("partial_update")],
            uuid: UuidPath,
            data: Annotated[patch_model_, Body()],
        ) -> Response:
            return write(request, session, principal, uuid, data, True)

    if "destroy" in spec.operations:

        @router.delete(
            detail_path,
            operation_id=spec.operation_id("destroy"),
            dependencies=audited("destroy"),
            summary=doc("destroy", f"Verwijder een {spec.name.upper()}."),
            tags=[spec.tag],
            status_code=spec.destroy_status,
            response_model=None,
            responses={spec.destroy_status: {"description": "No content"}},
        )
        @commits
        def destroy_endpoint(
            request: Request,
            session: SessionDep,
            principal: Annotated[Principal, principal_dep("destroy")],
            uuid: UuidPath,
        ) -> Response:
            ctx = Context(request, principal, session)
            obj = load_or_404(ctx, spec, uuid)
            service.delete(ctx, obj)
            return Response(status_code=spec.destroy_status)


def register_action(
    router: APIRouter,
    spec: ResourceSpec,
    action: str,
    handler,
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
        session: SessionDep,
        principal: Annotated[Principal, Depends(require_scopes(spec.component, *spec.scopes[action]))],
        uuid: UuidPath,
        body: Annotated[dict[str, Any] | None, Body(description="Unspecified request body")] = None,
    ) -> Response:
        ctx = Context(request, principal, session)
        obj = handler(ctx, load_or_404(ctx, spec, uuid))
        session.flush()
        return detail_response(request, spec.service.serialize(ctx, [obj])[0])
