"""What zaaktype, informatieobjecttype and besluittype share: versions of a type in a catalogus
(by key: identificatie or omschrijving, with a geldigheid), concept until published, and a
notification (kanaal = the collection, kenmerk catalogus) on every create, update and delete.

A domain service subclasses `VersionedTypeService`, names its model and fields, and fills in the
hooks for its own fields, relations and rules.
"""

import uuid as uuid_module
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel
from sqlalchemy import Select, false, select
from sqlalchemy.orm import joinedload

from services.catalogi.catalogus.models import Catalogus
from services.catalogi.common import (
    SentRequest,
    apply_status,
    ensure_concept_for_delete,
    ensure_concept_for_update,
    ensure_geldigheid_order,
    ensure_no_overlap,
    geldig_op,
    notify,
    parse_day,
    resolve_local,
)
from shared.resources import Context, local_uuid


def related_by_key(
    ctx: Context, objects: list, key_attr: str, owner_model, link_model, link_owner_attr: str, link_key_attr: str, collection: str
) -> dict[int, list[str]]:
    """The reverse of a relation by key, for a whole page in one query: for each object, the URLs of
    the `owner_model` rows of its catalogus whose `link_model` rows hold the object's key."""
    result: dict[int, list[str]] = {o.id: [] for o in objects}
    if not objects:
        return result
    owner_id = getattr(link_model, link_owner_attr)
    key_column = getattr(link_model, link_key_attr)
    rows = ctx.session.execute(
        select(owner_model.catalogus_id, key_column, owner_model.uuid)
        .join(link_model, owner_id == owner_model.id)
        .where(
            owner_model.catalogus_id.in_({o.catalogus_id for o in objects}),
            key_column.in_({getattr(o, key_attr) for o in objects}),
        )
        .order_by(owner_model.id)
    ).all()
    by_pair: dict[tuple[int, str], list[str]] = {}
    for catalogus_id, key, owner_uuid in rows:
        urls = by_pair.setdefault((catalogus_id, key), [])
        url = ctx.url(collection, owner_uuid)
        if url not in urls:
            urls.append(url)
    for o in objects:
        result[o.id] = by_pair.get((o.catalogus_id, getattr(o, key_attr)), [])
    return result


class VersionedRequest(SentRequest, Protocol):
    """What the shared writes read of a versioned type's create/update request."""

    @property
    def catalogus(self) -> str: ...


RequestT = TypeVar("RequestT", bound=VersionedRequest)


class VersionedFilters(Protocol):
    """The list filters every versioned type has (VersionedTypeService.filtered_query)."""

    @property
    def catalogus(self) -> str | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def datum_geldigheid(self) -> str | None: ...


class VersionedTypeService(Generic[RequestT]):
    # type[Any]: the columns (uuid, catalogus, concept, ...) are those of the subclass's model
    model: type[Any]
    collection: str  # also the notification kanaal
    resource: str
    key_attr: str  # what identifies the type across its versions
    plain_fields: tuple[str, ...] = ()  # request field == model attribute
    extra_fields: tuple[str, ...] = ()  # request fields a hook handles (relations, nested objects)

    # ------------------------------------------------------------ reads

    def base_query(self) -> Select:
        return select(self.model).options(joinedload(self.model.catalogus))

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params=None):
        return ctx.session.scalar(self.base_query().where(self.model.uuid == object_uuid))

    def filtered_query(self, ctx: Context, filters: "VersionedFilters") -> Select:
        """The list query with the filters every versioned type has: catalogus (URL), status and
        datumGeldigheid; the day also picks the versions of related types that a response shows."""
        query = self.base_query()
        if catalogus := filters.catalogus:
            catalogus_uuid = local_uuid(ctx, catalogus, "catalogussen")
            if catalogus_uuid is None:
                query = query.where(false())
            else:
                query = query.where(
                    self.model.catalogus_id == select(Catalogus.id).where(Catalogus.uuid == catalogus_uuid).scalar_subquery()
                )
        query = apply_status(query, self.model.concept, filters.status)
        day = parse_day(filters.datum_geldigheid, "datumGeldigheid")
        if day:
            query = query.where(geldig_op(self.model, day))
            ctx.request.state.relation_day = day
        return query

    def list_query(self, ctx: Context, filters) -> Select:
        """Newest first, with the filters every versioned type has, that on its key (`key_attr`:
        `identificatie`, `omschrijving`) and those of `filter`."""
        query = self.filtered_query(ctx, filters)
        if key := getattr(filters, self.key_attr):
            query = query.where(getattr(self.model, self.key_attr) == key)
        return self.filter(ctx, query, filters).order_by(self.model.id.desc())

    def filter(self, ctx: Context, query: Select, filters) -> Select:
        """The list filters of the type beyond those of `list_query`."""
        return query

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data: RequestT):
        obj = self.model(uuid=uuid_module.uuid4(), concept=True)
        relations = self.write(ctx, obj, data, self._all_fields(), creating=True)
        ctx.session.add(obj)
        ctx.session.flush()
        self.store_relations(ctx, obj, relations)
        self.notify(ctx, obj, "create")
        return obj

    def update(self, ctx: Context, obj, data: RequestT, partial: bool):
        ensure_concept_for_update(ctx, obj, data, partial)
        fields = data.model_fields_set if partial else self._all_fields()
        relations = self.write(ctx, obj, data, fields, creating=False)
        ctx.session.flush()
        self.store_relations(ctx, obj, relations)
        if not obj.concept:
            # a published version whose geldigheid changes must not overlap another version
            ensure_no_overlap(ctx, self.model, self.key_attr, obj, "eindeGeldigheid" if partial else "beginGeldigheid")
        self.notify(ctx, obj, "partial_update" if partial else "update")
        return obj

    def delete(self, ctx: Context, obj) -> None:
        ensure_concept_for_delete(ctx, obj)
        self.ensure_deletable(ctx, obj)
        url, catalogus_url = ctx.url(self.collection, obj.uuid), ctx.url("catalogussen", obj.catalogus.uuid)
        ctx.session.delete(obj)
        ctx.session.flush()
        notify(ctx, kanaal=self.collection, resource=self.resource, url=url, actie="destroy", catalogus_url=catalogus_url)

    def publish(self, ctx: Context, obj):
        """Publishing makes the version usable; it may not overlap another published version.
        Publishing a published object changes nothing (idempotent, as the RI)."""
        if obj.concept:
            self.ensure_publishable(ctx, obj)
            ensure_no_overlap(ctx, self.model, self.key_attr, obj)
            obj.concept = False
            ctx.session.flush()
        return obj

    def notify(self, ctx: Context, obj, actie: str) -> None:
        notify(
            ctx,
            kanaal=self.collection,
            resource=self.resource,
            url=ctx.url(self.collection, obj.uuid),
            actie=actie,
            catalogus_url=ctx.url("catalogussen", obj.catalogus.uuid),
        )

    def _all_fields(self) -> set[str]:
        """What a create or PUT sets: every field (absent ones get their default)."""
        return set(self.plain_fields) | set(self.extra_fields) | {"catalogus"}

    def apply_fields(self, ctx: Context, obj, data: RequestT, fields: set[str]) -> None:
        """catalogus and the plain fields that were sent."""
        if "catalogus" in fields:
            catalogus = resolve_local(ctx, data.catalogus, Catalogus, "catalogussen", "catalogus")
            obj.catalogus = catalogus
            obj.catalogus_id = catalogus.id
        for name in self.plain_fields:
            if name in fields:
                value = getattr(data, name)
                if isinstance(value, BaseModel):
                    value = value.model_dump(by_alias=True)
                elif isinstance(value, list):
                    value = list(value)
                setattr(obj, name, value)
        ensure_geldigheid_order(obj)

    # ------------------------------------------------------------ hooks

    def write(self, ctx: Context, obj, data: RequestT, fields: set[str], *, creating: bool):
        """Validate and apply the sent fields; returns what `store_relations` stores after the flush."""
        self.apply_fields(ctx, obj, data, fields)
        return None

    def store_relations(self, ctx: Context, obj, relations) -> None:
        return None

    def ensure_deletable(self, ctx: Context, obj) -> None:
        return None

    def ensure_publishable(self, ctx: Context, obj) -> None:
        return None


def register_versioned_type(router, spec, *, publish_description: str) -> None:
    """The standard's operations of a versioned type plus `<name>_publish`."""
    from shared.resources import register_action, register_resource

    register_resource(router, spec)
    register_action(
        router,
        spec,
        "publish",
        spec.service.publish,
        summary=f"Publiceer het concept {spec.name.upper()}.",
        description=publish_description,
    )
