"""What the sub-types of a zaaktype share: statustype, roltype, eigenschap, zaakobjecttype,
resultaattype and zaaktype-informatieobjecttype.

Each belongs to one zaaktype (a URL of ours), shows the zaaktype's identificatie and catalogus,
and may only be written while its zaaktype is a concept (ztc-010). Its geldigheid
(begin/eindeGeldigheid, begin/eindeObject) is inherited at read time: a sub-type stores only the
values a client gave (null = inherit) and shows, and is filtered on, its own value or else the
zaaktype's, so that it follows when the zaaktype later gets e.g. an eindeGeldigheid.
"""

import datetime as dt
import uuid as uuid_module
from types import SimpleNamespace
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import Select, false, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from services.catalogi.catalogus.models import Catalogus
from services.catalogi.common import (
    BeginObject,
    DatumGeldigheidParam,
    EindeGeldigheid,
    EindeObject,
    StatusFilter,
    apply_status,
    ensure_geldigheid_order,
    ensure_same_catalogus,
    ensure_zaaktype_concept,
    geldig_op,
    geldigheid_dict,
    non_field,
    parse_day,
    resolve_local,
)
from services.catalogi.statustype.models import StatusType
from services.catalogi.zaaktype.models import ZaakType
from shared.api_model import ApiModel
from shared.errors import ValidationProblem
from shared.resources import Context, local_uuid

GELDIGHEID = ("begin_geldigheid", "einde_geldigheid", "begin_object", "einde_object")

# Code of the error when a sub-type refers to a sub-type of another zaaktype (documented choice:
# the same code the Zaken API uses for "belongs to another zaaktype", zrc-016..020).
ZAAKTYPE_MISMATCH = "zaaktype-mismatch"


class GeldigheidRequest(ApiModel):
    """beginGeldigheid/eindeGeldigheid/beginObject/eindeObject; the zaaktype's when not given."""

    begin_geldigheid: dt.date | None = Field(None, alias="beginGeldigheid", description="De datum waarop het is ontstaan.")
    einde_geldigheid: EindeGeldigheid = None
    begin_object: BeginObject = None
    einde_object: EindeObject = None


class SubTypeFilters(ApiModel):
    zaaktype: str | None = Field(None, description="URL-referentie naar het ZAAKTYPE.", json_schema_extra={"format": "uri"})
    zaaktype_identificatie: str | None = Field(
        None, alias="zaaktypeIdentificatie", description="Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS."
    )
    status: StatusFilter | None = Field(
        None, description="`alles`, `concept` of `definitief` (standaard): filter op de status van het ZAAKTYPE."
    )
    datum_geldigheid: DatumGeldigheidParam = None


# ---------------------------------------------------------------- inherited geldigheid


def _given_or(own, zaaktype_value):
    return own if own is not None else zaaktype_value


def inherited_geldigheid(sub, zaaktype, combine=_given_or) -> SimpleNamespace:
    """The four geldigheid attributes of a sub-type: its own value, else its zaaktype's.

    On instances (the default) it gives the values; with `combine=func.coalesce` on the model
    classes (the zaaktype joined) it gives the SQL expressions, so reads and filters agree.
    """
    return SimpleNamespace(**{name: combine(getattr(sub, name), getattr(zaaktype, name)) for name in GELDIGHEID})


def inherited_columns(model) -> SimpleNamespace:
    """SQL: COALESCE(sub-type.x, zaaktype.x) for each geldigheid column (ZaakType joined)."""
    return inherited_geldigheid(model, ZaakType, func.coalesce)


def geldigheid_out(obj) -> dict:
    """beginGeldigheid, eindeGeldigheid, beginObject, eindeObject of a sub-type (its zaaktype loaded)."""
    return geldigheid_dict(inherited_geldigheid(obj, obj.zaaktype))


# ---------------------------------------------------------------- queries


def base_query(model) -> Select:
    """Sub-types with their zaaktype and its catalogus loaded in the same query (one join used
    for both filtering and serializing)."""
    return (
        select(model)
        .join(model.zaaktype)
        .join(ZaakType.catalogus)
        .options(contains_eager(model.zaaktype).contains_eager(ZaakType.catalogus))
    )


def filter_zaaktype(ctx: Context, query: Select, zaaktype_url: str | None, identificatie: str | None = None) -> Select:
    if zaaktype_url:
        zaaktype_uuid = local_uuid(ctx, zaaktype_url, "zaaktypen")
        query = query.where(false()) if zaaktype_uuid is None else query.where(ZaakType.uuid == zaaktype_uuid)
    if identificatie:
        query = query.where(ZaakType.identificatie == identificatie)
    return query


def param_name(filters: BaseModel, field: str) -> str:
    """The public name of a query parameter (its alias, else the python name)."""
    return type(filters).model_fields[field].alias or field


def load_zaaktype(ctx: Context, url: str, name: str = "zaaktype") -> ZaakType:
    """Our zaaktype by URL (`no_match` / `does_not_exist`), with its catalogus, which the
    response shows (relationships are lazy="raise")."""
    zaaktype = resolve_local(ctx, url, ZaakType, "zaaktypen", name)
    ctx.session.refresh(zaaktype, ["catalogus"])
    return zaaktype


def resolve_many(ctx: Context, urls: list[str], model, collection: str, name: str) -> list:
    """Local objects by URL, duplicates dropped, order kept (the field names the error, as DRF's
    many-related fields do)."""
    found: list = []
    for url in urls:
        obj = resolve_local(ctx, url, model, collection, name)
        if all(o.id != obj.id for o in found):
            found.append(obj)
    return found


def ensure_same_zaaktype(zaaktype_id: int, related_zaaktype_ids, what: str) -> None:
    """A sub-type refers only to sub-types of its own zaaktype (`zaaktype-mismatch`)."""
    if any(other != zaaktype_id for other in related_zaaktype_ids):
        raise non_field(ZAAKTYPE_MISMATCH, f"{what}: alleen objecten van hetzelfde ZAAKTYPE zijn toegestaan.")


def statustype_to_check(ctx: Context, obj, data, fields: set[str], *, moved: bool) -> int | None:
    """The optional `statustype` of a sub-type (eigenschap, zaaktype-informatieobjecttype): sets it
    when sent and returns the zaaktype id of the statustype that must be the sub-type's own (after
    a move, of the stored one), or None when there is nothing to check."""
    if "statustype" in fields:
        statustype = resolve_local(ctx, data.statustype, StatusType, "statustypen", "statustype") if data.statustype else None
        obj.statustype_id = statustype.id if statustype else None
        return statustype.zaaktype_id if statustype else None
    if moved and obj.statustype_id is not None:
        return ctx.session.scalar(select(StatusType.zaaktype_id).where(StatusType.id == obj.statustype_id))
    return None


def ensure_not_referenced(ctx: Context, checks: list[tuple[Select, str]]) -> None:
    """Moving a sub-type to another zaaktype is refused while sub-types of its current zaaktype
    still refer to it (they would then point into another zaaktype)."""
    for query, what in checks:
        if ctx.session.scalar(select(query.exists())):
            raise non_field(
                ZAAKTYPE_MISMATCH,
                f"Dit object wordt nog gebruikt door {what} van het huidige ZAAKTYPE; verwijder die relaties eerst.",
            )


def dump(value):
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True)
    if isinstance(value, list):
        return [dump(v) for v in value]
    return value


class SubTypeService:
    """Reads and writes of a sub-type; subclasses add their own fields, rules and relations.

    PUT sets every plain, geldigheid and `put_fields` field (absent ones get their default; an
    absent geldigheid is inherited again); other relations are only replaced when sent. PATCH
    changes only what is sent.
    """

    # type[Any]: the columns (id, uuid, zaaktype_id, ...) are those of the subclass's model
    model: type[Any]
    collection: str
    plain_fields: tuple[str, ...] = ()  # copied from the request as they are
    put_fields: tuple[str, ...] = ()  # further fields (written by `validate`) that a PUT always sets
    geldigheid: tuple[str, ...] = GELDIGHEID  # () for a sub-type without geldigheid
    has_catalogus = False  # a writable `catalogus` that must be the zaaktype's (ztc-013)
    unique_field: str | None = None  # a field unique within the zaaktype (`unique`)

    # ------------------------------------------------------------ reads

    def filtered(self, ctx: Context, filters) -> Select:
        """The sub-types with the filters zaaktype, zaaktypeIdentificatie, status (of the zaaktype;
        default definitief) and datumGeldigheid (on the inherited geldigheid)."""
        query = filter_zaaktype(ctx, base_query(self.model), filters.zaaktype, filters.zaaktype_identificatie)
        query = apply_status(query, ZaakType.concept, filters.status)
        day = parse_day(filters.datum_geldigheid, param_name(filters, "datum_geldigheid"))
        if day:
            query = query.where(geldig_op(inherited_columns(self.model), day))
            ctx.request.state.relation_day = day  # relations by key: the version valid that day
        return query

    def list_query(self, ctx: Context, filters) -> Select:
        return self.filtered(ctx, filters).order_by(self.model.id.desc())

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params=None):
        return ctx.session.scalar(base_query(self.model).where(self.model.uuid == object_uuid))

    def serialize(self, ctx: Context, objects: list) -> list[dict]:
        page = self.load_page(ctx, objects) if objects else None
        return [{**self.common(ctx, obj), **self.own_fields(ctx, obj, page)} for obj in objects]

    def common(self, ctx: Context, obj) -> dict:
        """url, zaaktype, zaaktypeIdentificatie, catalogus and the inherited geldigheid."""
        zaaktype = obj.zaaktype
        out = {
            "url": ctx.url(self.collection, obj.uuid),
            "zaaktype": ctx.url("zaaktypen", zaaktype.uuid),
            "zaaktypeIdentificatie": zaaktype.identificatie,
            "catalogus": ctx.url("catalogussen", zaaktype.catalogus.uuid),
        }
        if self.geldigheid:
            out.update(geldigheid_out(obj))
        return out

    def load_page(self, ctx: Context, objects: list):
        """What `own_fields` needs for a whole page, in a constant number of queries."""
        return None

    def own_fields(self, ctx: Context, obj, page) -> dict:
        raise NotImplementedError

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data):
        obj = self.model()
        self._write(ctx, obj, data, data.model_fields_set | self._all_fields(), creating=True, partial=False)
        return obj

    def update(self, ctx: Context, obj, data, partial: bool):
        self.ensure_concept(ctx, obj)
        fields = data.model_fields_set if partial else data.model_fields_set | self._all_fields()
        self._write(ctx, obj, data, fields, creating=False, partial=partial)
        return obj

    def delete(self, ctx: Context, obj) -> None:
        self.ensure_concept(ctx, obj, deleting=True)
        ctx.session.delete(obj)
        ctx.session.flush()

    def _all_fields(self) -> set[str]:
        return {*self.plain_fields, *self.put_fields, *self.geldigheid, "zaaktype"} | ({"catalogus"} if self.has_catalogus else set())

    def _write(self, ctx: Context, obj, data, fields: set[str], *, creating: bool, partial: bool) -> None:
        with ctx.session.no_autoflush:  # validate the new state before anything is written
            old_zaaktype: ZaakType | None = None if creating else obj.zaaktype
            zaaktype = load_zaaktype(ctx, data.zaaktype) if "zaaktype" in fields else old_zaaktype
            assert zaaktype is not None  # a create sends "zaaktype" (_all_fields); else the stored one
            moved = old_zaaktype is not None and zaaktype.id != old_zaaktype.id
            self.ensure_concept_target(ctx, obj, data, fields, zaaktype, creating=creating, moved=moved)
            if self.has_catalogus and "catalogus" in fields and data.catalogus is not None:
                # ztc-013: a given catalogus must be the zaaktype's (`relations-incorrect-catalogus`)
                catalogus = resolve_local(ctx, data.catalogus, Catalogus, "catalogussen", "catalogus")
                ensure_same_catalogus(catalogus.id, zaaktype)
            if moved:
                ensure_not_referenced(ctx, self.referenced_by(obj))
            for name in (*self.plain_fields, *self.geldigheid):  # a null geldigheid: inherited
                if name in fields:
                    setattr(obj, name, dump(getattr(data, name)))
            if self.geldigheid:
                ensure_geldigheid_order(inherited_geldigheid(obj, zaaktype))
            obj.zaaktype = zaaktype
            obj.zaaktype_id = zaaktype.id
            if self.unique_field:
                self._ensure_unique(ctx, obj)
            relations = self.validate(ctx, obj, data, fields, creating=creating, moved=moved, partial=partial)
        if creating:
            ctx.session.add(obj)
        try:
            ctx.session.flush()
        except IntegrityError:  # a concurrent write won the race for a unique value
            if self.unique_field is None:
                raise
            raise self._unique_error() from None
        self.write_relations(ctx, obj, relations)

    def _ensure_unique(self, ctx: Context, obj) -> None:
        """`unique_field` is unique per zaaktype (`unique`, as DRF's UniqueTogetherValidator)."""
        field = self.unique_field
        if field is None:  # nothing to keep unique
            return
        column = getattr(self.model, field)
        query = select(self.model.id).where(self.model.zaaktype_id == obj.zaaktype_id, column == getattr(obj, field))
        if obj.id is not None:
            query = query.where(self.model.id != obj.id)
        if ctx.session.scalar(query.limit(1)) is not None:
            raise self._unique_error()

    def _unique_error(self) -> ValidationProblem:
        return non_field("unique", f"De velden zaaktype, {self.unique_field} moeten een unieke set zijn.")

    # ------------------------------------------------------------ hooks

    def ensure_concept(self, ctx: Context, obj, *, deleting: bool = False) -> None:
        """ztc-010: a sub-type of a published zaaktype is not changed or deleted."""
        ensure_zaaktype_concept(ctx, obj.zaaktype, deleting=deleting)

    def ensure_concept_target(self, ctx: Context, obj, data, fields: set[str], zaaktype: ZaakType, *, creating: bool, moved: bool) -> None:
        """ztc-010: no sub-type is added to (created in or moved to) a published zaaktype."""
        if creating or moved:
            ensure_zaaktype_concept(ctx, zaaktype)

    def referenced_by(self, obj) -> list[tuple[Select, str]]:
        """Queries for rows of other sub-types that refer to `obj` (checked when it moves)."""
        return []

    def validate(self, ctx: Context, obj, data, fields: set[str], *, creating: bool, moved: bool, partial: bool):
        """Own rules and relations on the merged state (`partial`: a PATCH); returns what
        write_relations stores."""
        return None

    def write_relations(self, ctx: Context, obj, relations) -> None:
        return None
