import uuid as uuid_module

from sqlalchemy import Select, false, select
from sqlalchemy.orm import joinedload

from services.catalogi.besluittype.models import BesluitType, BesluitTypeInformatieObjectType
from services.catalogi.catalogus.models import Catalogus
from services.catalogi.common import (
    apply_status,
    ensure_concept_for_delete,
    ensure_concept_for_update,
    ensure_no_overlap,
    forced_delete,
    geldig_op,
    geldigheid_dict,
    local_uuid,
    non_field,
    notify,
    parse_day,
    resolve_local,
)
from services.catalogi.informatieobjecttype.models import InformatieObjectType
from services.catalogi.informatieobjecttype.schemas import InformatieObjectTypeFilters, InformatieObjectTypeRequest
from services.catalogi.zaaktype.models import ZaakType
from services.catalogi.zaaktypeinformatieobjecttype.models import ZaakTypeInformatieObjectType
from shared.errors import ValidationProblem
from shared.resources import Context

KANAAL = "informatieobjecttypen"
RESOURCE = "informatieobjecttype"
COLLECTION = "informatieobjecttypen"

_PLAIN_FIELDS = (
    "omschrijving",
    "vertrouwelijkheidaanduiding",
    "informatieobjectcategorie",
    "trefwoord",
    "begin_geldigheid",
    "einde_geldigheid",
    "begin_object",
    "einde_object",
)

# What an omschrijvingGeneriek reads as when none was given (the gegevensgroep's empty form).
_EMPTY_GENERIEK = {
    "informatieobjecttypeOmschrijvingGeneriek": "",
    "definitieInformatieobjecttypeOmschrijvingGeneriek": "",
    "herkomstInformatieobjecttypeOmschrijvingGeneriek": "",
    "hierarchieInformatieobjecttypeOmschrijvingGeneriek": "",
    "opmerkingInformatieobjecttypeOmschrijvingGeneriek": None,
}


def ensure_geldigheid_order(obj) -> None:
    """eindeGeldigheid never lies before beginGeldigheid."""
    if obj.einde_geldigheid and obj.begin_geldigheid and obj.einde_geldigheid < obj.begin_geldigheid:
        raise ValidationProblem.field("eindeGeldigheid", "invalid", "eindeGeldigheid ligt voor beginGeldigheid.")


def ensure_versions_do_not_overlap(ctx: Context, model, key_attr: str, obj, name: str = "beginGeldigheid") -> None:
    """Versions (historiemodel): two published versions with the same (catalogus, key) are never
    valid on the same day; code `overlap` on `beginGeldigheid` (RI ZaaktypeGeldigheidValidator).

    Works for every versioned main type: (InformatieObjectType|BesluitType, "omschrijving"),
    (ZaakType, "identificatie"). Delegates to the shared common.ensure_no_overlap query."""
    ensure_no_overlap(ctx, model, key_attr, obj, name)


def related_by_omschrijving(ctx: Context, objects: list, owner_model, link_model, link_owner_attr: str, link_key_attr: str, collection: str) -> dict[int, list[str]]:
    """URLs of `owner_model` rows (of the same catalogus) whose `link_model` rows hold the omschrijving
    of each object, in one query for a whole page: {object id: [url, ...]}."""
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
            key_column.in_({o.omschrijving for o in objects}),
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
        result[o.id] = by_pair.get((o.catalogus_id, o.omschrijving), [])
    return result


class InformatieObjectTypeService:
    # ------------------------------------------------------------ reads

    def list_query(self, ctx: Context, filters: InformatieObjectTypeFilters) -> Select:
        query = select(InformatieObjectType).options(joinedload(InformatieObjectType.catalogus))
        if filters.catalogus:
            catalogus_uuid = local_uuid(ctx, filters.catalogus, "catalogussen")
            if catalogus_uuid is None:
                query = query.where(false())
            else:
                query = query.join(InformatieObjectType.catalogus).where(Catalogus.uuid == catalogus_uuid)
        if filters.omschrijving:
            query = query.where(InformatieObjectType.omschrijving == filters.omschrijving)
        query = apply_status(query, InformatieObjectType.concept, filters.status)
        day = parse_day(filters.datum_geldigheid, "datumGeldigheid")
        if day:
            query = query.where(geldig_op(InformatieObjectType, day))
        return query.order_by(InformatieObjectType.id.desc())

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params=None) -> InformatieObjectType | None:
        return ctx.session.scalar(
            select(InformatieObjectType)
            .options(joinedload(InformatieObjectType.catalogus))
            .where(InformatieObjectType.uuid == object_uuid)
        )

    def serialize(self, ctx: Context, objects: list[InformatieObjectType]) -> list[dict]:
        zaaktypen = related_by_omschrijving(
            ctx, objects, ZaakType, ZaakTypeInformatieObjectType, "zaaktype_id", "informatieobjecttype_omschrijving", "zaaktypen"
        )
        besluittypen = related_by_omschrijving(
            ctx, objects, BesluitType, BesluitTypeInformatieObjectType, "besluittype_id", "omschrijving", "besluittypen"
        )
        return [
            {
                "url": ctx.url(COLLECTION, o.uuid),
                "catalogus": ctx.url("catalogussen", o.catalogus.uuid),
                "omschrijving": o.omschrijving,
                "vertrouwelijkheidaanduiding": o.vertrouwelijkheidaanduiding,
                **geldigheid_dict(o),
                "concept": o.concept,
                "zaaktypen": zaaktypen[o.id],
                "besluittypen": besluittypen[o.id],
                "informatieobjectcategorie": o.informatieobjectcategorie,
                "trefwoord": list(o.trefwoord or []),
                "omschrijvingGeneriek": {**_EMPTY_GENERIEK, **(o.omschrijving_generiek or {})},
            }
            for o in objects
        ]

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data: InformatieObjectTypeRequest) -> InformatieObjectType:
        obj = InformatieObjectType(uuid=uuid_module.uuid4(), concept=True)
        self._write(ctx, obj, data, set(_PLAIN_FIELDS) | {"catalogus", "omschrijving_generiek"})
        ctx.session.add(obj)
        ctx.session.flush()
        self._notify(ctx, obj, "create")
        return obj

    def update(self, ctx: Context, obj: InformatieObjectType, data: InformatieObjectTypeRequest, partial: bool) -> InformatieObjectType:
        ensure_concept_for_update(ctx, obj, data, partial)
        fields = data.model_fields_set if partial else set(_PLAIN_FIELDS) | {"catalogus", "omschrijving_generiek"}
        self._write(ctx, obj, data, fields)
        ctx.session.flush()
        if not obj.concept:
            # a published version whose geldigheid changes must not overlap another published version
            ensure_versions_do_not_overlap(ctx, InformatieObjectType, "omschrijving", obj, "eindeGeldigheid" if partial else "beginGeldigheid")
        self._notify(ctx, obj, "partial_update" if partial else "update")
        return obj

    def delete(self, ctx: Context, obj: InformatieObjectType) -> None:
        ensure_concept_for_delete(ctx, obj)
        self._ensure_no_published_relations(ctx, obj)
        url = ctx.url(COLLECTION, obj.uuid)
        catalogus_url = ctx.url("catalogussen", obj.catalogus.uuid)
        ctx.session.delete(obj)
        ctx.session.flush()
        notify(ctx, kanaal=KANAAL, resource=RESOURCE, url=url, actie="destroy", catalogus_url=catalogus_url)

    def publish(self, ctx: Context, obj: InformatieObjectType) -> InformatieObjectType:
        """Publishing makes the version usable; it may not overlap another published version.
        Publishing a published object changes nothing (RI: idempotent 200)."""
        if obj.concept:
            ensure_versions_do_not_overlap(ctx, InformatieObjectType, "omschrijving", obj)
            obj.concept = False
            ctx.session.flush()
        return obj

    # ------------------------------------------------------------ helpers

    def _write(self, ctx: Context, obj: InformatieObjectType, data: InformatieObjectTypeRequest, fields: set[str]) -> None:
        if "catalogus" in fields:
            catalogus = resolve_local(ctx, data.catalogus, Catalogus, "catalogussen", "catalogus")
            obj.catalogus = catalogus
            obj.catalogus_id = catalogus.id
        for name in _PLAIN_FIELDS:
            if name in fields:
                value = getattr(data, name)
                setattr(obj, name, list(value) if isinstance(value, list) else value)
        if "omschrijving_generiek" in fields:
            generiek = data.omschrijving_generiek
            obj.omschrijving_generiek = generiek.model_dump(by_alias=True) if generiek is not None else None
        ensure_geldigheid_order(obj)

    def _ensure_no_published_relations(self, ctx: Context, obj: InformatieObjectType) -> None:
        """RI M2MConceptDestroyMixin (concept_related_fields besluittypen, zaaktypen): a type that
        published besluittypen or zaaktypen refer to is not deleted (`non-concept-relation`), unless
        `catalogi.geforceerd-verwijderen`."""
        if forced_delete(ctx):
            return
        checks = (
            ("besluittypen", BesluitType, BesluitTypeInformatieObjectType, BesluitTypeInformatieObjectType.besluittype_id, BesluitTypeInformatieObjectType.omschrijving),
            ("zaaktypen", ZaakType, ZaakTypeInformatieObjectType, ZaakTypeInformatieObjectType.zaaktype_id, ZaakTypeInformatieObjectType.informatieobjecttype_omschrijving),
        )
        for label, owner, link, owner_id, key_column in checks:
            published = ctx.session.scalar(
                select(owner.id)
                .join(link, owner_id == owner.id)
                .where(owner.catalogus_id == obj.catalogus_id, key_column == obj.omschrijving, owner.concept.is_(False))
                .limit(1)
            )
            if published is not None:
                raise non_field(
                    "non-concept-relation",
                    f"Een informatieobjecttype waarnaar gepubliceerde {label} verwijzen kan niet worden verwijderd.",
                )

    def _notify(self, ctx: Context, obj: InformatieObjectType, actie: str) -> None:
        notify(
            ctx,
            kanaal=KANAAL,
            resource=RESOURCE,
            url=ctx.url(COLLECTION, obj.uuid),
            actie=actie,
            catalogus_url=ctx.url("catalogussen", obj.catalogus.uuid),
        )
