"""The resources that live under one zaak's path: `/zaken/{zaak_uuid}/zaakeigenschappen[/{uuid}]`
and `/zaken/{zaak_uuid}/besluiten[/{uuid}]`.

The zaak comes from the path: an unknown zaak is a 404, a zaak outside the client's autorisaties
for the operation a 403 (zrc-006). Lists are plain arrays (not paginated), in creation order.
`register_nested` wires the operations the standard lists for a resource, as `register_resource`
does for the top-level ones.
"""

import uuid as uuid_module
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Request, Response
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from services.zaken.access import ensure_allowed
from services.zaken.common import ZaakChildService, zaak_by_uuid
from services.zaken.zaak.models import Zaak
from shared.audittrail import declare_audit_headers
from shared.auth import ZRC, Principal, require_scopes
from shared.db import SessionDep, commits
from shared.errors import NotFound
from shared.http import detail_response, json_response
from shared.resources import Context, IfNoneMatch, UuidPath, patch_model_of

ZaakUuidPath = Annotated[uuid_module.UUID, Path(description="Unieke resource identifier (UUID4)")]


class ZaakNestedService(ZaakChildService):
    """A sub-resource addressed through its zaak: `nested_collection` is the last path segment."""

    nested_collection: str

    def url(self, ctx: Context, obj) -> str:
        return f"{ctx.api_root_url}/zaken/{obj.zaak.uuid}/{self.nested_collection}/{obj.uuid}"

    def zaak_of_path(self, ctx: Context, zaak_uuid: uuid_module.UUID, operation: str) -> Zaak:
        """The zaak of the path: 404 when unknown, 403 outside the autorisaties (zrc-006)."""
        zaak = zaak_by_uuid(ctx, zaak_uuid)
        if zaak is None:
            raise NotFound("Geen zaak gevonden met deze uuid.")
        ensure_allowed(ctx.principal, self.scopes[operation], zaak)
        return zaak

    def of_zaak(self, ctx: Context, zaak: Zaak) -> list:
        query = (
            select(self.model)
            .where(self.model.zaak_id == zaak.id)
            .options(contains_eager(self.model.zaak))
            .join(self.model.zaak)
            .order_by(self.model.id)
        )
        return list(ctx.session.scalars(query))

    def get_of_zaak(self, ctx: Context, zaak: Zaak, object_uuid: uuid_module.UUID):
        obj = ctx.session.scalar(self.base_query(ctx).where(self.model.zaak_id == zaak.id, self.model.uuid == object_uuid))
        if obj is None:
            raise NotFound("Geen object gevonden met deze uuid bij deze zaak.")
        return obj

    def create(self, ctx: Context, zaak: Zaak, data: BaseModel) -> Any:
        raise NotImplementedError

    def update(self, ctx: Context, obj, data: BaseModel, partial: bool) -> Any:
        raise NotImplementedError

    def delete(self, ctx: Context, obj) -> None:
        raise NotImplementedError


@dataclass
class NestedSpec:
    name: str  # operationId prefix, e.g. "zaakeigenschap"
    collection: str  # path segment under /zaken/{zaak_uuid}/
    service: ZaakNestedService
    read_model: type[BaseModel]
    create_model: type[BaseModel]
    operations: tuple[str, ...]
    scopes: dict[str, tuple[str, ...]]
    summaries: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    # ETag / If-None-Match on the detail (only where the standard has HEAD for the resource)
    etag: bool = False
    # the operations on which the standard documents the audit headers (X-Audit-Toelichting, ...)
    audited: tuple[str, ...] = ()
    tag: str = "zaken"


def register_nested(router: APIRouter, spec: NestedSpec) -> None:
    service = spec.service
    list_path = f"/zaken/{{zaak_uuid}}/{spec.collection}"
    detail_path = f"{list_path}/{{uuid}}"

    def principal_dep(operation: str):
        return Depends(require_scopes(ZRC, *spec.scopes[operation]))

    def meta(operation: str) -> dict:
        return {
            "operation_id": f"{spec.name}_{operation}",
            "summary": spec.summaries.get(operation),
            "description": spec.descriptions.get(operation),
            "tags": [spec.tag],
            "dependencies": [Depends(declare_audit_headers)] if operation in spec.audited else None,
        }

    def detail(request: Request, ctx: Context, obj, status_code: int = 200, headers: dict | None = None) -> Response:
        body = service.serialize(ctx, [obj])[0]
        if spec.etag:
            return detail_response(request, body, status_code=status_code, headers=headers)
        return json_response(body, status_code=status_code, headers=headers)

    def load(ctx: Context, zaak_uuid, object_uuid, operation: str):
        zaak = service.zaak_of_path(ctx, zaak_uuid, operation)
        return service.get_of_zaak(ctx, zaak, object_uuid)

    if "list" in spec.operations:

        @router.get(list_path, response_model=list[spec.read_model], **meta("list"))
        def list_endpoint(
            request: Request, session: SessionDep, principal: Annotated[Principal, principal_dep("list")], zaak_uuid: ZaakUuidPath
        ) -> Response:
            ctx = Context(request, principal, session)
            zaak = service.zaak_of_path(ctx, zaak_uuid, "list")
            return json_response(service.serialize(ctx, service.of_zaak(ctx, zaak)))

    if "create" in spec.operations:
        create_model = spec.create_model

        @router.post(list_path, status_code=201, response_model=spec.read_model, **meta("create"))
        @commits
        def create_endpoint(
            request: Request,
            session: SessionDep,
            principal: Annotated[Principal, principal_dep("create")],
            zaak_uuid: ZaakUuidPath,
            data: Annotated[create_model, Body()],
        ) -> Response:
            ctx = Context(request, principal, session)
            zaak = service.zaak_of_path(ctx, zaak_uuid, "create")
            obj = service.create(ctx, zaak, data)
            session.flush()
            url = service.url(ctx, obj)
            return detail(request, ctx, obj, 201, {"Location": url})

    if "retrieve" in spec.operations:
        if spec.etag:

            @router.get(detail_path, response_model=spec.read_model, **meta("retrieve"))
            def retrieve_endpoint(
                request: Request,
                session: SessionDep,
                principal: Annotated[Principal, principal_dep("retrieve")],
                zaak_uuid: ZaakUuidPath,
                uuid: UuidPath,
                if_none_match: IfNoneMatch = None,
            ) -> Response:
                ctx = Context(request, principal, session)
                return detail(request, ctx, load(ctx, zaak_uuid, uuid, "retrieve"))

        else:

            @router.get(detail_path, response_model=spec.read_model, **meta("retrieve"))
            def plain_retrieve_endpoint(
                request: Request,
                session: SessionDep,
                principal: Annotated[Principal, principal_dep("retrieve")],
                zaak_uuid: ZaakUuidPath,
                uuid: UuidPath,
            ) -> Response:
                ctx = Context(request, principal, session)
                return detail(request, ctx, load(ctx, zaak_uuid, uuid, "retrieve"))

    if "headers" in spec.operations:

        @router.head(detail_path, response_model=None, responses={200: {"description": "OK"}}, **meta("headers"))
        def headers_endpoint(
            request: Request,
            session: SessionDep,
            principal: Annotated[Principal, principal_dep("retrieve")],
            zaak_uuid: ZaakUuidPath,
            uuid: UuidPath,
            if_none_match: IfNoneMatch = None,
        ) -> Response:
            ctx = Context(request, principal, session)
            return detail(request, ctx, load(ctx, zaak_uuid, uuid, "retrieve"))

    def write(request, session, principal, zaak_uuid, object_uuid, data, partial: bool) -> Response:
        ctx = Context(request, principal, session)
        obj = load(ctx, zaak_uuid, object_uuid, "partial_update" if partial else "update")
        obj = service.update(ctx, obj, data, partial)
        session.flush()
        return detail(request, ctx, obj)

    if "update" in spec.operations:
        update_model = spec.create_model

        @router.put(detail_path, response_model=spec.read_model, **meta("update"))
        @commits
        def update_endpoint(
            request: Request,
            session: SessionDep,
            principal: Annotated[Principal, principal_dep("update")],
            zaak_uuid: ZaakUuidPath,
            uuid: UuidPath,
            data: Annotated[update_model, Body()],
        ) -> Response:
            return write(request, session, principal, zaak_uuid, uuid, data, False)

    if "partial_update" in spec.operations:
        patch_model = patch_model_of(spec.create_model, f"Patched{spec.read_model.__name__}")

        @router.patch(detail_path, response_model=spec.read_model, **meta("partial_update"))
        @commits
        def partial_update_endpoint(
            request: Request,
            session: SessionDep,
            principal: Annotated[Principal, principal_dep("partial_update")],
            zaak_uuid: ZaakUuidPath,
            uuid: UuidPath,
            data: Annotated[patch_model, Body()],
        ) -> Response:
            return write(request, session, principal, zaak_uuid, uuid, data, True)

    if "destroy" in spec.operations:

        @router.delete(detail_path, status_code=204, response_model=None, responses={204: {"description": "No content"}}, **meta("destroy"))
        @commits
        def destroy_endpoint(
            request: Request,
            session: SessionDep,
            principal: Annotated[Principal, principal_dep("destroy")],
            zaak_uuid: ZaakUuidPath,
            uuid: UuidPath,
        ) -> Response:
            ctx = Context(request, principal, session)
            service.delete(ctx, load(ctx, zaak_uuid, uuid, "destroy"))
            return Response(status_code=204)
