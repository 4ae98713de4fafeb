"""What the sub-types of a zaaktype share: statustype, roltype, eigenschap and zaakobjecttype.

Each belongs to one zaaktype (a URL of ours), shows the zaaktype's identificatie and catalogus,
inherits the zaaktype's geldigheid when it gives none, and may only be written while its zaaktype
is a concept (ztc-010). A candidate for services/catalogi/common.py; it lives here so that this
helper touches only its own folders.
"""

import datetime as dt
import uuid as uuid_module

from pydantic import BaseModel, Field
from sqlalchemy import Select, false, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, joinedload

from services.catalogi.catalogus.models import Catalogus
from services.catalogi.common import (
    StatusFilter,
    apply_status,
    ensure_same_catalogus,
    ensure_zaaktype_concept,
    geldig_op,
    local_uuid,
    non_field,
    parse_day,
    resolve_local,
)
from services.catalogi.zaaktype.models import ZaakType
from shared.errors import ValidationProblem
from shared.resources import ApiModel, Context

GELDIGHEID = ("begin_geldigheid", "einde_geldigheid", "begin_object", "einde_object")

# Code of the error when a sub-type refers to a sub-type of another zaaktype (documented choice:
# the same code the Zaken API uses for "belongs to another zaaktype", zrc-016..020).
ZAAKTYPE_MISMATCH = "zaaktype-mismatch"


class GeldigheidRequest(ApiModel):
    """beginGeldigheid/eindeGeldigheid/beginObject/eindeObject; the zaaktype's when not given."""

    begin_geldigheid: dt.date | None = Field(None, alias="beginGeldigheid", description="De datum waarop het is ontstaan.")
    einde_geldigheid: dt.date | None = Field(None, alias="eindeGeldigheid", description="De datum waarop het is opgeheven.")
    begin_object: dt.date | None = Field(None, alias="beginObject", description="De datum waarop de eerst versie van het object ontstaan is.")
    einde_object: dt.date | None = Field(None, alias="eindeObject", description="De datum van de aller laatste versie van het object.")


class SubTypeFilters(ApiModel):
    zaaktype: str | None = Field(None, description="URL-referentie naar het ZAAKTYPE.", json_schema_extra={"format": "uri"})
    zaaktype_identificatie: str | None = Field(None, alias="zaaktypeIdentificatie", description="Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS.")
    status: StatusFilter | None = Field(None, description="`alles`, `concept` of `definitief` (standaard): filter op de status van het ZAAKTYPE.")
    datum_geldigheid: str | None = Field(None, alias="datumGeldigheid", description="filter objecten op hun geldigheids datum.")


def base_query(model) -> Select:
    """Sub-types with their zaaktype and its catalogus loaded in the same query (one join used
    for both filtering and serializing)."""
    return (
        select(model)
        .join(model.zaaktype)
        .join(ZaakType.catalogus)
        .options(contains_eager(model.zaaktype).contains_eager(ZaakType.catalogus))
    )


def filter_zaaktype(ctx: Context, query: Select, zaaktype_url: str | None, identificatie: str | None) -> Select:
    if zaaktype_url:
        zaaktype_uuid = local_uuid(ctx, zaaktype_url, "zaaktypen")
        query = query.where(false()) if zaaktype_uuid is None else query.where(ZaakType.uuid == zaaktype_uuid)
    if identificatie:
        query = query.where(ZaakType.identificatie == identificatie)
    return query


def filter_common(ctx: Context, query: Select, model, filters: SubTypeFilters) -> Select:
    """zaaktype, zaaktypeIdentificatie, status (of the zaaktype; default definitief) and
    datumGeldigheid (of the sub-type itself, which holds the zaaktype's geldigheid unless given)."""
    query = filter_zaaktype(ctx, query, filters.zaaktype, filters.zaaktype_identificatie)
    query = apply_status(query, ZaakType.concept, filters.status)
    day = parse_day(filters.datum_geldigheid, "datumGeldigheid")
    if day:
        query = query.where(geldig_op(model, day))
    return query


def get_by_uuid(ctx: Context, model, object_uuid: uuid_module.UUID):
    return ctx.session.scalar(base_query(model).where(model.uuid == object_uuid))


def load_zaaktype(ctx: Context, url: str, name: str = "zaaktype") -> ZaakType:
    """Our zaaktype by URL, with its catalogus (`no_match` / `does_not_exist`)."""
    zaaktype_uuid = local_uuid(ctx, url, "zaaktypen")
    if zaaktype_uuid is None:
        raise ValidationProblem.field(name, "no_match", "Ongeldige hyperlink - Geen URL match.")
    zaaktype = ctx.session.scalar(select(ZaakType).options(joinedload(ZaakType.catalogus)).where(ZaakType.uuid == zaaktype_uuid))
    if zaaktype is None:
        raise ValidationProblem.field(name, "does_not_exist", "Ongeldige hyperlink - Object bestaat niet.")
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
    """create/update/delete of a sub-type; subclasses add their own fields, rules and relations.

    PUT sets every plain field (absent ones get their default) and re-inherits absent geldigheid;
    relation lists are only replaced when sent. PATCH changes only what is sent.
    """

    model: type
    collection: str
    plain_fields: tuple[str, ...] = ()
    has_catalogus = False  # a writable `catalogus` that must be the zaaktype's (ztc-013)
    unique_error: tuple[str, str] | None = None  # (code, reason) for an IntegrityError on flush

    # ------------------------------------------------------------ reads

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params=None):
        return get_by_uuid(ctx, self.model, object_uuid)

    def common(self, ctx: Context, obj) -> dict:
        zaaktype = obj.zaaktype
        return {
            "url": ctx.url(self.collection, obj.uuid),
            "zaaktype": ctx.url("zaaktypen", zaaktype.uuid),
            "zaaktypeIdentificatie": zaaktype.identificatie,
            "catalogus": ctx.url("catalogussen", zaaktype.catalogus.uuid),
        }

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data):
        obj = self.model()
        self._write(ctx, obj, data, data.model_fields_set | self._all_fields(), creating=True)
        return obj

    def update(self, ctx: Context, obj, data, partial: bool):
        ensure_zaaktype_concept(ctx, obj.zaaktype)  # ztc-010: the current zaaktype
        fields = data.model_fields_set if partial else data.model_fields_set | self._all_fields()
        self._write(ctx, obj, data, fields, creating=False)
        return obj

    def delete(self, ctx: Context, obj) -> None:
        ensure_zaaktype_concept(ctx, obj.zaaktype, deleting=True)  # ztc-010
        ctx.session.delete(obj)
        ctx.session.flush()

    def _all_fields(self) -> set[str]:
        return set(self.plain_fields) | set(GELDIGHEID) | {"zaaktype"} | ({"catalogus"} if self.has_catalogus else set())

    def _write(self, ctx: Context, obj, data, fields: set[str], *, creating: bool) -> None:
        with ctx.session.no_autoflush:  # validate the new state before anything is written
            old_zaaktype = None if creating else obj.zaaktype
            zaaktype = load_zaaktype(ctx, data.zaaktype) if "zaaktype" in fields else old_zaaktype
            moved = old_zaaktype is not None and zaaktype.id != old_zaaktype.id
            if creating or moved:
                ensure_zaaktype_concept(ctx, zaaktype)  # ztc-010: the new zaaktype
            if self.has_catalogus and "catalogus" in fields and data.catalogus is not None:
                self._ensure_catalogus(ctx, zaaktype, data.catalogus)
            if moved:
                ensure_not_referenced(ctx, self.referenced_by(obj))
            for name in self.plain_fields:
                if name in fields:
                    setattr(obj, name, dump(getattr(data, name)))
            self._apply_geldigheid(obj, data, fields, zaaktype, old_zaaktype if moved else None, creating)
            obj.zaaktype = zaaktype
            obj.zaaktype_id = zaaktype.id
            relations = self.validate(ctx, obj, data, fields, creating=creating, moved=moved)
        if creating:
            ctx.session.add(obj)
        try:
            ctx.session.flush()
        except IntegrityError:  # a concurrent write won the race for a unique value
            if self.unique_error is None:
                raise
            raise non_field(*self.unique_error) from None
        self.write_relations(ctx, obj, relations)

    @staticmethod
    def _ensure_catalogus(ctx: Context, zaaktype: ZaakType, catalogus_url: str) -> None:
        """ztc-013: a given catalogus must be the zaaktype's (`relations-incorrect-catalogus`)."""
        catalogus = resolve_local(ctx, catalogus_url, Catalogus, "catalogussen", "catalogus")
        ensure_same_catalogus(catalogus.id, zaaktype)

    @staticmethod
    def _apply_geldigheid(obj, data, fields: set[str], zaaktype: ZaakType, previous: ZaakType | None, creating: bool) -> None:
        for name in GELDIGHEID:
            value = getattr(data, name, None) if name in fields else None
            if value is not None:
                setattr(obj, name, value)
            elif creating or name in fields:  # not given (or null): the zaaktype's
                setattr(obj, name, getattr(zaaktype, name))
            elif previous is not None and getattr(obj, name) == getattr(previous, name):
                setattr(obj, name, getattr(zaaktype, name))  # an inherited value follows a new zaaktype
        if obj.begin_geldigheid and obj.einde_geldigheid and obj.einde_geldigheid < obj.begin_geldigheid:
            raise ValidationProblem.field("eindeGeldigheid", "invalid", "eindeGeldigheid ligt voor beginGeldigheid.")

    # ------------------------------------------------------------ hooks

    def referenced_by(self, obj) -> list[tuple[Select, str]]:
        """Queries for rows of other sub-types that refer to `obj` (checked when it moves)."""
        return []

    def validate(self, ctx: Context, obj, data, fields: set[str], *, creating: bool, moved: bool):
        """Own rules and relations on the merged state; returns what write_relations stores."""
        return None

    def write_relations(self, ctx: Context, obj, relations) -> None:
        return None
