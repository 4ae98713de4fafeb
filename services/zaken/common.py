"""What every Zaken resource shares: the zaak a sub-resource hangs on, its URL, and the one place
where a write becomes an audit trail record and a notification (kanaal `zaken`)."""

import uuid as uuid_module
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import contains_eager

from services.zaken.access import SCOPE_LEZEN, ensure_allowed, ensure_open_or_forced, visible_clause
from services.zaken.db import audittrail, outbox
from services.zaken.zaak.models import Zaak
from shared.changes import ChangeRecorder
from shared.errors import NotFound, ValidationProblem
from shared.resources import OPERATION_OF_METHOD, Context, ParentPath, WritesOfItsOperations, ensure_unchanged, local_uuid

KANAAL = "zaken"
BRON = "zrc"


def zaak_url(ctx: Context, zaak: Zaak) -> str:
    return ctx.url("zaken", zaak.uuid)


def zaak_kenmerken(zaak: Zaak) -> dict[str, str]:
    """The kenmerken of every message on kanaal `zaken` (those of the hoofdobject zaak)."""
    return {
        "bronorganisatie": zaak.bronorganisatie,
        "zaaktype": zaak.zaaktype,
        "vertrouwelijkheidaanduiding": zaak.vertrouwelijkheidaanduiding,
    }


def zaak_weergave(zaak: Zaak) -> str:
    return f"{zaak.bronorganisatie} - {zaak.identificatie}"


# the audit trail and the notifications of every write, on the zaak
CHANGES = ChangeRecorder(audittrail, outbox, BRON, KANAAL, zaak_url, zaak_kenmerken)


# built once: every write on a zaak or its sub-resources finds its zaak (~30 µs to build a statement)
_ZAAK = select(Zaak).where(Zaak.uuid == bindparam("uuid"))
_ZAAK_LOCKED = _ZAAK.with_for_update().execution_options(populate_existing=True)


def zaak_by_uuid(ctx: Context, object_uuid: uuid_module.UUID, *, lock: bool = False) -> Zaak | None:
    """The zaak with this uuid, to change (None when unknown). `lock`: its row stays locked until
    the transaction ends (SELECT ... FOR UPDATE), read afresh."""
    return ctx.session.scalar(_ZAAK_LOCKED if lock else _ZAAK, {"uuid": object_uuid})


def resolve_zaak(ctx: Context, url: str, name: str = "zaak", *, missing_code: str = "object-does-not-exist", lock: bool = False) -> Zaak:
    """The local zaak a URL points at: 400 `no_match` for a URL that is no zaak of this API,
    `missing_code` for an unknown zaak. `lock`: its row stays locked until the transaction ends
    (SELECT ... FOR UPDATE), read afresh."""
    object_uuid = local_uuid(ctx, url, "zaken")
    if object_uuid is None:
        raise ValidationProblem.field(name, "no_match", "Ongeldige hyperlink - Geen URL match.")
    zaak = zaak_by_uuid(ctx, object_uuid, lock=lock)
    if zaak is None:
        raise ValidationProblem.field(name, missing_code, "Het object bestaat niet in de database.")
    return zaak


class ZaakChildService(WritesOfItsOperations):
    """A resource hanging on one zaak (status, rol, resultaat, ...): the zaak is loaded with it
    (`obj.zaak`), lists show only what the client may see (zrc-006), a detail or write outside the
    client's autorisaties is a 403.

    A domain sets `model`, `collection`, `resource`, `scopes` (operation -> scopes, as its
    ResourceSpec), `notify_actions` and `equal_filters`; it implements `to_json`, `filter`,
    `create`, `update` and, where a delete does more than `delete` here, `delete`, with the helpers
    here.
    """

    model: Any
    collection: str
    resource: str
    scopes: Mapping[str, tuple[str, ...]]
    notify_actions: frozenset[str] = frozenset({"create", "update", "partial_update", "destroy"})
    ordering: tuple = ()
    # the list filters that ask for one value of a column: query parameter -> column
    equal_filters: Mapping[str, Any] = {}

    def __init__(self, scopes: Mapping[str, tuple[str, ...]]):
        self.scopes = scopes  # those of its ResourceSpec

    # ------------------------------------------------------------ reads

    def base_query(self, ctx: Context) -> Select:
        return select(self.model).join(self.model.zaak).options(contains_eager(self.model.zaak))

    def list_query(self, ctx: Context, filters: Any) -> Select:
        query = self.base_query(ctx).where(visible_clause(ctx.principal, Zaak, self.scopes["list"]))
        if getattr(filters, "zaak", None):  # every such list filters on the zaak (ZaakFilter)
            query = query.where(Zaak.uuid == local_uuid(ctx, filters.zaak, "zaken"))
        for parameter, column in self.equal_filters.items():
            value = getattr(filters, parameter)
            if value:
                query = query.where(column == value)
        query = self.filter(ctx, query, filters)
        return query.order_by(*(self.ordering or (self.model.id.desc(),)))

    def filter(self, ctx: Context, query: Select, filters: Any) -> Select:
        """The list filters of the resource beyond `zaak` and `equal_filters` (which `list_query`
        applies)."""
        return query

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params: BaseModel | None = None):
        obj = ctx.session.scalar(self.base_query(ctx).where(self.model.uuid == object_uuid))
        if obj is not None:
            operation = OPERATION_OF_METHOD.get(ctx.request.method, "retrieve")
            ensure_allowed(ctx.principal, self.scopes.get(operation, (SCOPE_LEZEN,)), obj.zaak)
        return obj

    def url(self, ctx: Context, obj) -> str:
        return ctx.url(self.collection, obj.uuid)

    def serialize(self, ctx: Context, objects: list) -> list[dict]:
        page = self.load_page(ctx, objects) if objects else None
        return [self.shown_as(ctx, obj, page) for obj in objects]

    def load_page(self, ctx: Context, objects: list) -> Any:
        """Whatever `to_json` needs beyond the row, for the whole page in one query."""
        return None

    def to_json(self, ctx: Context, obj, page: Any) -> dict:
        raise NotImplementedError

    def weergave(self, obj) -> str:
        return f"({zaak_weergave(obj.zaak)}) - {obj.uuid}"

    # ------------------------------------------------------------ rules

    def ensure_unchanged(self, ctx: Context, obj, data: BaseModel, **current: Any) -> None:
        """`wijzigen-niet-toegelaten`: an object stays on its zaak (a URL of it from any host is
        the same zaak) and keeps the values of `current` (field -> its value now)."""
        ensure_unchanged(data, {"zaak": obj.zaak.uuid, **current}, as_stored={"zaak": lambda url: local_uuid(ctx, url, "zaken")})

    # ------------------------------------------------------------ writes

    def zaak_for_create(self, ctx: Context, url: str, *, lock: bool = False) -> Zaak:
        """The zaak of a new object, which the client must hold the create scopes for (zrc-006);
        `lock`: locked until the transaction ends."""
        zaak = resolve_zaak(ctx, url, lock=lock)
        ensure_allowed(ctx.principal, self.scopes["create"], zaak)
        return zaak

    def add(self, ctx: Context, obj):
        """A new object: stored, and audited (and notified) as created."""
        ctx.session.add(obj)
        self.record(ctx, obj, "create")
        return obj

    def shown_as(self, ctx: Context, obj, page: Any) -> dict:
        """`obj` as `serialize` shows it, with its `load_page` answer known already."""
        return {"url": self.url(ctx, obj), "uuid": str(obj.uuid), **self.to_json(ctx, obj, page)}

    def record(self, ctx: Context, obj, actie: str, oud: dict | None = None, nieuw: dict | None = None) -> None:
        """The write's audit record and notification; `nieuw`: the object as shown after it, when
        the write knows it (else serialised here)."""
        ctx.session.flush()
        if nieuw is None and actie != "destroy":
            nieuw = self.serialize(ctx, [obj])[0]
        if nieuw is not None:
            ctx.remember_shown(obj, nieuw)  # the response shows the same
        CHANGES.record(
            ctx,
            obj.zaak,
            resource=self.resource,
            resource_url=self.url(ctx, obj),
            actie=actie,
            oud=oud,
            nieuw=nieuw,
            weergave=self.weergave(obj),
            notify=actie in self.notify_actions,
        )

    def update_one_field(self, ctx: Context, obj, data: BaseModel, partial: bool, *, fixed: str, changeable: str):
        """An update in which only `changeable` may change (resultaat: toelichting, zaakeigenschap:
        waarde): the zaak and `fixed` stay (`wijzigen-niet-toegelaten`), a closed zaak needs
        geforceerd-bijwerken (zrc-007), the audit record holds the object before and after."""
        oud = self.serialize(ctx, [obj])[0]
        self.ensure_unchanged(ctx, obj, data, **{fixed: getattr(obj, fixed)})
        ensure_open_or_forced(ctx.principal, obj.zaak)
        value = getattr(data, changeable)
        if changeable in data.model_fields_set and value is not None:
            setattr(obj, changeable, value)
        self.record(ctx, obj, "partial_update" if partial else "update", oud)
        return obj

    def delete(self, ctx: Context, obj: Any) -> None:
        """On an open zaak, or with zaken.geforceerd-bijwerken (zrc-007)."""
        ensure_open_or_forced(ctx.principal, obj.zaak)
        self.destroy(ctx, obj)

    def destroy(self, ctx: Context, obj) -> None:
        """Delete with its audit record (and a notification where the standard lists it)."""
        oud = self.serialize(ctx, [obj])[0]
        self.record(ctx, obj, "destroy", oud)
        ctx.session.delete(obj)
        ctx.session.flush()


class ZaakNestedService(ZaakChildService):
    """A sub-resource addressed through its zaak, `/zaken/{zaak_uuid}/<collection>[/{uuid}]`: the
    zaak of the path (`ctx.parent`, see `parent_path`) is checked first, lists are plain arrays of
    that zaak's objects in creation order."""

    def parent_path(self) -> ParentPath:
        return ParentPath("zaken", "zaak_uuid", self.zaak_of_path)

    def url(self, ctx: Context, obj) -> str:
        return f"{ctx.api_root_url}/zaken/{obj.zaak.uuid}/{self.collection}/{obj.uuid}"

    def zaak_of_path(self, ctx: Context, zaak_uuid: uuid_module.UUID, operation: str) -> Zaak:
        """zrc-006 for a nested resource: the zaak of the path, 404 when unknown, 403 outside the
        client's autorisaties for the operation."""
        zaak = zaak_by_uuid(ctx, zaak_uuid)
        if zaak is None:
            raise NotFound("Geen zaak gevonden met deze uuid.")
        ensure_allowed(ctx.principal, self.scopes[operation], zaak)
        return zaak

    def list_query(self, ctx: Context, filters: BaseModel) -> Select:
        return self.base_query(ctx).where(self.model.zaak_id == ctx.parent.id).order_by(self.model.id)

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params: BaseModel | None = None):
        obj = ctx.session.scalar(self.base_query(ctx).where(self.model.zaak_id == ctx.parent.id, self.model.uuid == object_uuid))
        if obj is None:
            raise NotFound("Geen object gevonden met deze uuid bij deze zaak.")
        return obj
