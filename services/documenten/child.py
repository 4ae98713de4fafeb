"""What the resources on one informatieobject share (gebruiksrechten, objectinformatieobjecten,
verzendingen): the document they hang on, who may see them, their audit trail and notifications.

- Autorisaties: such an object is visible when its informatieobject is (DOCUMENTEN, by the
  informatieobjecttype and vertrouwelijkheidaanduiding of the document's newest version). A list
  applies that in its SQL by joining the newest version: the page and its count are two queries,
  whatever the page size. A detail or a write outside the client's autorisaties is a 403.
- Writes are recorded on the informatieobject (its audit trail, hoofdObject the document) where the
  standard audits the resource, and announced on kanaal `documenten` with the document's kenmerken,
  both in the write's own transaction.
- `expand=informatieobject` on list and retrieve embeds the document in its own representation,
  the page's documents read in one query.
"""

import datetime as dt
import re
import uuid as uuid_module
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import Select, false, select
from sqlalchemy.orm import contains_eager

from services.documenten.access import COMPONENT, SCOPES
from services.documenten.common import CHANGES, COLLECTION, NEWEST, document_url, document_weergave, ensure_allowed, visible
from services.documenten.enkelvoudiginformatieobject.models import InformatieObject, InformatieObjectVersie
from services.documenten.enkelvoudiginformatieobject.service import InformatieObjectService
from services.documenten.shapes import ExpandParams, expanded_model
from shared.errors import ValidationProblem
from shared.expand import ensure_format, invalid_expand_field
from shared.resources import OPERATION_OF_METHOD, Context, ExpandHook, ResourceSpec, WritesOfItsOperations, local_uuid, register_resource


def document_by_url(
    ctx: Context, url: str, name: str = "informatieobject", *, lock: bool = False
) -> tuple[InformatieObject, InformatieObjectVersie]:
    """The local document a URL points at, with its newest version: 400 `no_match` on `name` for a
    URL that is no document of this API, `does_not_exist` for an unknown one. `lock`: the document's
    row stays locked until the transaction ends (SELECT ... FOR UPDATE), read afresh."""
    document_uuid = local_uuid(ctx, url, COLLECTION)
    if document_uuid is None:
        raise ValidationProblem.field(name, "no_match", "Ongeldige hyperlink - Geen URL match.")
    query = newest_with_document().where(InformatieObject.uuid == document_uuid)
    if lock:
        query = query.with_for_update(of=InformatieObject).execution_options(populate_existing=True)
    versie = ctx.session.scalars(query).first()
    if versie is None:
        raise ValidationProblem.field(name, "does_not_exist", "Ongeldige hyperlink - Object bestaat niet.")
    return versie.informatieobject, versie


def newest_with_document() -> Select:
    """A document's newest version with its canonical row loaded along (what the audit trail and
    the notifications name)."""
    return select(InformatieObjectVersie).join(InformatieObject, NEWEST).options(contains_eager(InformatieObjectVersie.informatieobject))


def newest_version(ctx: Context, informatieobject: InformatieObject, *, lock: bool = False) -> InformatieObjectVersie:
    """The document's newest version. `lock`: the document's row stays locked until the
    transaction ends (SELECT ... FOR UPDATE), read afresh, so its newest version is the one now."""
    if lock:
        ctx.session.execute(
            select(InformatieObject.id)
            .where(InformatieObject.id == informatieobject.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        ctx.session.refresh(informatieobject, ["versie"])
    return ctx.session.scalars(newest_with_document().where(InformatieObject.id == informatieobject.id)).one()


def parse_moment(value: str | None, name: str) -> dt.datetime | None:
    """A date-time query parameter (ISO 8601; a date alone is its midnight, no offset is UTC);
    400 `invalid` on `name` otherwise."""
    if value in (None, ""):
        return None
    try:
        # an offset's unencoded `+` reaches us as a space
        moment = dt.datetime.fromisoformat(re.sub(r" (\d{2}:?\d{2})$", r"+\1", value))
    except ValueError:
        raise ValidationProblem.field(name, "invalid", "Ongeldige datum/tijd, verwacht ISO 8601 (YYYY-MM-DDThh:mm:ss).") from None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


class DocumentChildService(WritesOfItsOperations):
    """A resource whose objects each hang on one informatieobject: `model` has
    `informatieobject_id` and the relationship `informatieobject`. A domain sets `model`,
    `collection`, `resource`, `audited` and `notify_actions`, and implements `to_json`, `filter`,
    `create`, `update`, `delete` with the helpers here."""

    model: Any
    collection: str
    resource: str  # as the audit trail and the notifications name it
    scopes: Mapping[str, tuple[str, ...]] = SCOPES
    audited: bool = True  # recorded in the document's audit trail
    notify_actions: frozenset[str] = frozenset({"create", "update", "partial_update", "destroy"})

    # ------------------------------------------------------------ reads

    def base_query(self, ctx: Context) -> Select:
        return (
            select(self.model)
            .join(self.model.informatieobject)
            .options(contains_eager(self.model.informatieobject))
            .join(InformatieObjectVersie, NEWEST)
        )

    def list_query(self, ctx: Context, filters: Any) -> Select:
        query = self.base_query(ctx).where(visible(ctx.principal, self.scopes["list"]))
        informatieobject = getattr(filters, "informatieobject", None)
        if informatieobject:  # every such list filters on its document
            document_uuid = local_uuid(ctx, informatieobject, COLLECTION)
            query = query.where(InformatieObject.uuid == document_uuid if document_uuid else false())
        return self.filter(ctx, query, filters).order_by(self.model.id)

    def filter(self, ctx: Context, query: Select, filters: Any) -> Select:
        """The list filters of the resource beyond `informatieobject` (which `list_query` applies)."""
        return query

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params: BaseModel | None = None):
        row = ctx.session.execute(self.base_query(ctx).add_columns(InformatieObjectVersie).where(self.model.uuid == object_uuid)).first()
        if row is None:
            return None
        operation = OPERATION_OF_METHOD.get(ctx.request.method, "retrieve")
        ensure_allowed(ctx, self.scopes[operation], row[1])
        return row[0]

    def url(self, ctx: Context, obj) -> str:
        return ctx.url(self.collection, obj.uuid)

    def serialize(self, ctx: Context, objects: list) -> list[dict]:
        return [
            {"url": self.url(ctx, obj), "informatieobject": document_url(ctx, obj.informatieobject), **self.to_json(obj)} for obj in objects
        ]

    def to_json(self, obj) -> dict:
        raise NotImplementedError

    def weergave(self, obj) -> str:
        """How the audit trail names the object, after its document."""
        return str(obj.uuid)

    # ------------------------------------------------------------ writes

    def document_for_write(
        self, ctx: Context, url: str, operation: str, *, lock: bool = False
    ) -> tuple[InformatieObject, InformatieObjectVersie]:
        """The document of a new (or moved) object, which the client must hold the scopes of
        `operation` for; `lock`: locked until the transaction ends."""
        informatieobject, versie = document_by_url(ctx, url, lock=lock)
        ensure_allowed(ctx, self.scopes[operation], versie)
        return informatieobject, versie

    def record(self, ctx: Context, obj, actie: str, oud: dict | None = None, versie: InformatieObjectVersie | None = None) -> None:
        """Every write: the audit trail record on the document (where `audited`) and the
        notification (where the standard lists the actie), in the write's own transaction.
        `versie`: the document's newest version, when the caller has it already."""
        ctx.session.flush()
        nieuw = None if actie == "destroy" else self.serialize(ctx, [obj])[0]
        if nieuw is not None:
            ctx.remember_shown(obj, nieuw)  # the response shows the same
        versie = versie or newest_version(ctx, obj.informatieobject)
        CHANGES.record(
            ctx,
            versie,
            resource=self.resource,
            resource_url=self.url(ctx, obj),
            actie=actie,
            oud=oud,
            nieuw=nieuw,
            weergave=f"({document_weergave(versie)}) - {self.weergave(obj)}",
            audit=self.audited,
            notify=actie in self.notify_actions,
        )

    def destroy(self, ctx: Context, obj, versie: InformatieObjectVersie | None = None) -> None:
        """Delete the object, recorded before it goes (its URL and document are still known)."""
        oud = self.serialize(ctx, [obj])[0]
        self.record(ctx, obj, "destroy", oud, versie)
        ctx.session.delete(obj)
        ctx.session.flush()


EXPANDABLE = ("informatieobject",)


def check_expand(value: str) -> list[str]:
    """`expand` of a resource on one informatieobject: only `informatieobject` (the spec's one
    example); another name is 400 `expand` `invalid-expand-field`, a malformed list `expand-format-error`."""
    names = ensure_format(value)
    for name in names:
        if name not in EXPANDABLE:
            raise invalid_expand_field(name)
    return names


def embed_informatieobject(ctx: Context, results: list[dict], value: str) -> None:
    """Each result's `_expand.informatieobject`: its document as GET on the document shows it. The
    client sees the result only through that document's autorisaties, so it may see the document."""
    check_expand(value)
    uuids = {local_uuid(ctx, result["informatieobject"], COLLECTION) for result in results}
    versions = list(ctx.session.scalars(newest_with_document().where(InformatieObject.uuid.in_(uuids - {None}))))
    shown = {document["url"]: document for document in InformatieObjectService().serialize(ctx, versions)}
    for result in results:
        result["_expand"] = {"informatieobject": shown.get(result["informatieobject"])}


@dataclass(frozen=True, eq=False)
class DocumentenResource:
    """A resource as services/documenten/resources.py lists it: its spec and router."""

    spec: ResourceSpec
    router: APIRouter


def declare(
    name: str,
    collection: str,
    service: DocumentChildService,
    read_model: Any,
    create_model: Any,
    filter_model: Any,
    *,
    expandable: bool = False,
    **options: Any,
) -> DocumentenResource:
    """A collection of the Documenten API as the standard declares each: tagged by its collection,
    of component `drc` with its service's scopes, its list refusing unknown query parameters;
    `expandable`: `expand=informatieobject` on list and retrieve.
    `options` are ResourceSpec's own: what differs per resource."""
    if expandable:
        options["expand"] = ExpandHook(expanded_model(read_model), check_expand, embed_informatieobject)
        options["retrieve_params_model"] = ExpandParams
    # ResourceSpec's leading fields, in its order: name, collection, tag, component, service, read_model, create_model
    options = {"filter_model": filter_model, "scopes": service.scopes, "strict_query": True, **options}
    spec = ResourceSpec(name, collection, collection, COMPONENT, service, read_model, create_model, **options)
    router = APIRouter()
    register_resource(router, spec)
    return DocumentenResource(spec, router)
