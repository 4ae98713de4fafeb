"""What every Catalogi resource shares: geldigheid columns and filters, the concept rules
(ztc-009, ztc-010), resolving URLs of local objects, and notifications."""

import datetime as dt
import uuid as uuid_module
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal, Protocol

from pydantic import Field
from sqlalchemy import Boolean, Date, ForeignKey, Select, Uuid, and_, delete, insert, or_, select
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from services.catalogi.access import forced_delete, forced_write
from services.catalogi.db import outbox
from shared import utc
from shared.errors import InvalidParam, ValidationProblem
from shared.fields import Duration, Uri, Vertrouwelijkheidaanduiding, parse_day  # noqa: F401  (used by the domains)
from shared.resources import Context, local_uuid

if TYPE_CHECKING:
    from services.catalogi.catalogus.models import Catalogus
    from services.catalogi.zaaktype.models import ZaakType

# ---------------------------------------------------------------- field types

StatusFilter = Literal["alles", "concept", "definitief"]

# The list filters of a versioned type's status and of the day its versions are valid on
StatusParam = Annotated[StatusFilter | None, Field(description="`alles`, `concept` of `definitief` (standaard).")]
DatumGeldigheidParam = Annotated[str | None, Field(alias="datumGeldigheid", description="filter objecten op hun geldigheids datum.")]

# The geldigheid fields of a request, as the standard describes them; an optional one has `= None`.
BeginGeldigheid = Annotated[dt.date, Field(alias="beginGeldigheid", description="De datum waarop het is ontstaan.")]
EindeGeldigheid = Annotated[dt.date | None, Field(alias="eindeGeldigheid", description="De datum waarop het is opgeheven.")]
BeginObject = Annotated[
    dt.date | None, Field(alias="beginObject", description="De datum waarop de eerst versie van het object ontstaan is.")
]
EindeObject = Annotated[dt.date | None, Field(alias="eindeObject", description="De datum van de aller laatste versie van het object.")]

# `concept` of a besluittype or informatieobjecttype, as the standard describes it
CONCEPT_DESCRIPTION = "Geeft aan of het object een concept betreft. Concepten zijn niet-definitieve versies en zouden niet gebruikt moeten worden buiten deze API."

# ---------------------------------------------------------------- geldigheid


class GeldigheidColumns:
    """beginGeldigheid..eindeGeldigheid (inclusive) and beginObject/eindeObject."""

    begin_geldigheid: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    einde_geldigheid: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    begin_object: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    einde_object: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class VersionedTypeColumns:
    """What a version of a zaaktype, informatieobjecttype or besluittype stores besides its own
    fields: its keys, the catalogus it is in and whether it is still a concept (ztc-009).
    `sort_order`: the keys lead the table, as they did when each model declared them."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4, sort_order=-1)
    catalogus_id: Mapped[int] = mapped_column(ForeignKey("catalogus.id", ondelete="CASCADE"), index=True, sort_order=-1)
    concept: Mapped[bool] = mapped_column(Boolean, default=True, index=True)

    @declared_attr
    def catalogus(cls) -> Mapped["Catalogus"]:
        return relationship("Catalogus", lazy="raise")


class SubTypeColumns:
    """What a sub-type of a zaaktype (statustype, roltype, ...; services/catalogi/subtype.py)
    stores besides its own fields: its keys and the zaaktype it belongs to (leading the table)."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4, sort_order=-1)
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"), index=True, sort_order=-1)

    @declared_attr
    def zaaktype(cls) -> Mapped["ZaakType"]:
        return relationship("ZaakType", lazy="raise")


def geldig_op(model, day: dt.date):
    """The SQL condition 'this version is valid on `day`' (both ends inclusive)."""
    return and_(
        or_(model.begin_geldigheid.is_(None), model.begin_geldigheid <= day),
        or_(model.einde_geldigheid.is_(None), model.einde_geldigheid >= day),
    )


def apply_status(query: Select, concept_column, status: str | None) -> Select:
    """The `status` filter; lists show only published (definitief) objects when it is absent."""
    if status in (None, "definitief"):
        return query.where(concept_column.is_(False))
    if status == "concept":
        return query.where(concept_column.is_(True))
    return query


def ensure_geldigheid_order(geldigheid) -> None:
    """eindeGeldigheid never lies before beginGeldigheid (of an object, or its effective values)."""
    begin, einde = geldigheid.begin_geldigheid, geldigheid.einde_geldigheid
    if begin and einde and einde < begin:
        raise ValidationProblem.field("eindeGeldigheid", "invalid", "eindeGeldigheid ligt voor beginGeldigheid.")


def geldigheid_dict(obj) -> dict:
    return {
        "beginGeldigheid": iso(obj.begin_geldigheid),
        "eindeGeldigheid": iso(obj.einde_geldigheid),
        "beginObject": iso(obj.begin_object),
        "eindeObject": iso(obj.einde_object),
    }


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# ---------------------------------------------------------------- local URLs


def resolve_local(ctx: Context, url: str, model, collection: str, name: str):
    """A local object by URL, or a 400 naming the field (`no_match` / `does_not_exist`)."""
    object_uuid = local_uuid(ctx, url, collection)
    if object_uuid is None:
        raise ValidationProblem.field(name, "no_match", "Ongeldige hyperlink - Geen URL match.")
    obj = ctx.session.query(model).filter(model.uuid == object_uuid).one_or_none()
    if obj is None:
        raise ValidationProblem.field(name, "does_not_exist", "Ongeldige hyperlink - Object bestaat niet.")
    return obj


# ---------------------------------------------------------------- concept rules


def non_field(code: str, reason: str) -> ValidationProblem:
    return ValidationProblem(InvalidParam("nonFieldErrors", code, reason))


class SentRequest(Protocol):
    """A request model (pydantic) as the write rules read it: the fields the client sent."""

    @property
    def model_fields_set(self) -> set[str]: ...


def ensure_concept_for_update(ctx: Context, obj, data: SentRequest, partial: bool) -> None:
    """ztc-009: a published zaaktype/informatieobjecttype/besluittype is not changed, except its
    eindeGeldigheid (PATCH with only that field) or as a correction (`catalogi.geforceerd-schrijven`)."""
    if obj.concept or forced_write(ctx):
        return
    if partial and data.model_fields_set == {"einde_geldigheid"}:
        return
    raise non_field("non-concept-object", "Het is niet toegestaan om een non-concept object bij te werken.")


def ensure_concept_for_delete(ctx: Context, obj) -> None:
    """ztc-009: only concepts are deleted (unless `catalogi.geforceerd-verwijderen`)."""
    if obj.concept or forced_delete(ctx):
        return
    raise non_field("non-concept-object", "Alleen concepten kunnen worden verwijderd.")


def published_among(ctx: Context, model, key_column, catalogus_id: int, keys) -> bool:
    """Has one of `keys` (values, or a query of them) a published version of `model` in the catalogus?"""
    query = select(model.id).where(model.catalogus_id == catalogus_id, key_column.in_(keys), model.concept.is_(False))
    return ctx.session.scalar(query.limit(1)) is not None


def ensure_zaaktype_concept(ctx: Context, zaaktype, *, deleting: bool = False) -> None:
    """ztc-010: the sub-types of a published zaaktype are not created, changed or deleted."""
    if zaaktype.concept or (forced_delete(ctx) if deleting else forced_write(ctx)):
        return
    raise non_field(
        "non-concept-zaaktype",
        "Het is niet toegestaan om objecten van een gepubliceerd zaaktype aan te maken, te wijzigen of te verwijderen.",
    )


def ensure_same_catalogus(catalogus_id: int, related, name: str = "nonFieldErrors") -> None:
    """ztc-013: no relations across catalogi."""
    if related is not None and related.catalogus_id != catalogus_id:
        raise ValidationProblem(
            InvalidParam(name, "relations-incorrect-catalogus", "De relatie verwijst naar een object in een andere catalogus.")
        )


# ---------------------------------------------------------------- notifications


def notify(ctx: Context, *, kanaal: str, resource: str, url: str, actie: str, catalogus_url: str) -> None:
    """Kanalen `zaaktypen`, `besluittypen`, `informatieobjecttypen`, kenmerk `catalogus`."""
    outbox.enqueue(
        ctx.session,
        kanaal=kanaal,
        hoofd_object=url,
        resource=resource,
        resource_url=url,
        actie=actie,
        kenmerken={"catalogus": catalogus_url},
    )


# ---------------------------------------------------------------- relations by key (historiemodel)


def today() -> dt.date:
    return utc.today()


def versions_by_key(ctx: Context, model, key_attr: str, wanted: set[tuple[int, str]], day: dt.date | None = None) -> dict:
    """For each (catalogus_id, key) the version valid on `day` (default today), else the newest.

    Catalogi 1.3 relates types by key (besluittype/informatieobjecttype omschrijving, zaaktype
    identificatie) so a relation holds for every version; one query resolves a whole page.
    """
    if not wanted:
        return {}
    day = day or today()
    key_column = getattr(model, key_attr)
    catalogus_ids = {c for c, _ in wanted}
    keys = {k for _, k in wanted}
    rows = ctx.session.scalars(select(model).where(model.catalogus_id.in_(catalogus_ids), key_column.in_(keys))).all()
    best: dict[tuple[int, str], object] = {}
    for row in rows:
        pair = (row.catalogus_id, getattr(row, key_attr))
        if pair not in wanted:
            continue
        current = best.get(pair)
        if current is None or _rank(row, day) > _rank(current, day):
            best[pair] = row
    return best


def _rank(obj, day: dt.date) -> tuple:
    valid = (obj.begin_geldigheid is None or obj.begin_geldigheid <= day) and (obj.einde_geldigheid is None or obj.einde_geldigheid >= day)
    return (valid, not obj.concept, obj.begin_geldigheid or dt.date.min, obj.id)


def keys_from_input(
    ctx: Context,
    model,
    collection: str,
    key_attr: str,
    catalogus_id: int,
    values: list[str],
    name: str,
    mismatch_name: str = "nonFieldErrors",
) -> list[str]:
    """Write side of a relation by key: each value is a key or a URL of one of our objects.

    ztc-013: the related type must be in the same catalogus (`relations-incorrect-catalogus`);
    a key that no version has anywhere is `does_not_exist`.
    """
    keys: list[str] = []
    key_column = getattr(model, key_attr)
    for index, value in enumerate(values):
        if value.startswith(("http://", "https://")):
            obj = resolve_local(ctx, value, model, collection, f"{name}.{index}" if len(values) > 1 else name)
            ensure_same_catalogus(catalogus_id, obj, mismatch_name)
            key = getattr(obj, key_attr)
        else:
            key = value
            found = ctx.session.execute(select(model.catalogus_id).where(key_column == key).limit(50)).scalars().all()
            if not found:
                raise ValidationProblem.field(name, "does_not_exist", f"Er bestaat geen {collection[:-1]} met {key_attr} '{key}'.")
            if catalogus_id not in found:
                raise ValidationProblem(
                    InvalidParam(mismatch_name, "relations-incorrect-catalogus", f"'{key}' hoort bij een andere catalogus.")
                )
        if key not in keys:
            keys.append(key)
    return keys


def ensure_no_overlap(ctx: Context, model, key_attr: str, obj, name: str = "beginGeldigheid") -> None:
    """Versions: two published versions of one type (same catalogus and key) are never valid on
    the same day (code `overlap`)."""
    key_column = getattr(model, key_attr)
    far_future = dt.date.max
    clash = ctx.session.scalar(
        select(model.id)
        .where(
            model.catalogus_id == obj.catalogus_id,
            key_column == getattr(obj, key_attr),
            model.concept.is_(False),
            model.id != obj.id,
            or_(model.begin_geldigheid.is_(None), model.begin_geldigheid <= (obj.einde_geldigheid or far_future)),
            or_(model.einde_geldigheid.is_(None), model.einde_geldigheid >= (obj.begin_geldigheid or dt.date.min)),
        )
        .limit(1)
    )
    if clash is not None:
        raise ValidationProblem.field(name, "overlap", "Dit object komt al voor binnen de catalogus en opgegeven geldigheidsperiode.")


def replace_links(ctx: Context, table, owner_column: str, owner_id: int, values: Sequence[Any] | None, column: str = "") -> None:
    """A relation sent whole: the rows of link table `table` of owner `owner_id` become one per
    value, `{column: value}` (without `column`: the value is the row). None: not sent, the stored
    rows stay."""
    if values is None:
        return
    ctx.session.execute(delete(table).where(getattr(table, owner_column) == owner_id))
    if values:
        rows = [{owner_column: owner_id, **({column: value} if column else value)} for value in values]
        ctx.session.execute(insert(table), rows)
