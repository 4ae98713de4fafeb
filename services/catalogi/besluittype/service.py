import datetime as dt

from sqlalchemy import Select, false, select

from services.catalogi.access import forced_delete
from services.catalogi.besluittype.models import BesluitType, BesluitTypeInformatieObjectType
from services.catalogi.besluittype.schemas import BesluitTypeCreate, BesluitTypeFilters
from services.catalogi.common import geldigheid_dict, keys_from_input, non_field, published_among, replace_links, today, versions_by_key
from services.catalogi.informatieobjecttype.models import InformatieObjectType
from services.catalogi.resultaattype.models import ResultaatType, ResultaatTypeBesluitType
from services.catalogi.versioned import VersionedTypeService, related_by_key
from services.catalogi.zaaktype.models import ZaakType, ZaakTypeBesluitType
from shared.resources import Context, local_uuid

_PLAIN_FIELDS = (
    "omschrijving",
    "omschrijving_generiek",
    "besluitcategorie",
    "reactietermijn",
    "publicatie_indicatie",
    "publicatietekst",
    "publicatietermijn",
    "toelichting",
    "begin_geldigheid",
    "einde_geldigheid",
    "begin_object",
    "einde_object",
)


class BesluitTypeService(VersionedTypeService[BesluitTypeCreate]):
    model = BesluitType
    collection = "besluittypen"
    resource = "besluittype"
    key_attr = "omschrijving"
    plain_fields = _PLAIN_FIELDS
    extra_fields = ("informatieobjecttypen",)

    # ------------------------------------------------------------ reads

    def filter(self, ctx: Context, query: Select, filters: BesluitTypeFilters) -> Select:
        if filters.zaaktypen:
            # the besluittypen a zaaktype relates to: its omschrijvingen, within its catalogus
            zaaktype_uuid = local_uuid(ctx, filters.zaaktypen, "zaaktypen")
            if zaaktype_uuid is None:
                query = query.where(false())
            else:
                query = query.where(
                    BesluitType.catalogus_id == select(ZaakType.catalogus_id).where(ZaakType.uuid == zaaktype_uuid).scalar_subquery(),
                    BesluitType.omschrijving.in_(
                        select(ZaakTypeBesluitType.omschrijving)
                        .join(ZaakType, ZaakType.id == ZaakTypeBesluitType.zaaktype_id)
                        .where(ZaakType.uuid == zaaktype_uuid)
                    ),
                )
        if filters.informatieobjecttypen:
            # the besluittypen that hold the omschrijving of this informatieobjecttype, within its catalogus
            iotype_uuid = local_uuid(ctx, filters.informatieobjecttypen, "informatieobjecttypen")
            if iotype_uuid is None:
                query = query.where(false())
            else:
                iotype = select(InformatieObjectType).where(InformatieObjectType.uuid == iotype_uuid).subquery()
                query = query.where(
                    BesluitType.catalogus_id == select(iotype.c.catalogus_id).scalar_subquery(),
                    BesluitType.id.in_(
                        select(BesluitTypeInformatieObjectType.besluittype_id).where(
                            BesluitTypeInformatieObjectType.omschrijving == select(iotype.c.omschrijving).scalar_subquery()
                        )
                    ),
                )
        return query

    def serialize(self, ctx: Context, objects: list[BesluitType]) -> list[dict]:
        if not objects:
            return []
        ids = [b.id for b in objects]
        day: dt.date = getattr(ctx.request.state, "relation_day", None) or today()

        iot_keys: dict[int, list[str]] = {i: [] for i in ids}
        for besluittype_id, key in ctx.session.execute(
            select(BesluitTypeInformatieObjectType.besluittype_id, BesluitTypeInformatieObjectType.omschrijving)
            .where(BesluitTypeInformatieObjectType.besluittype_id.in_(ids))
            .order_by(BesluitTypeInformatieObjectType.omschrijving)
        ):
            iot_keys[besluittype_id].append(key)
        catalogus_of = {b.id: b.catalogus_id for b in objects}
        iotypes = versions_by_key(
            ctx, InformatieObjectType, "omschrijving", {(catalogus_of[b], k) for b, keys in iot_keys.items() for k in keys}, day
        )

        zaaktypen = related_by_key(ctx, objects, "omschrijving", ZaakType, ZaakTypeBesluitType, "zaaktype_id", "omschrijving", "zaaktypen")
        resultaattypen = self._resultaattypen(ctx, objects)

        out = []
        for b in objects:
            related = [iotypes[(b.catalogus_id, k)] for k in iot_keys[b.id] if (b.catalogus_id, k) in iotypes]
            results = resultaattypen.get((b.catalogus_id, b.omschrijving), [])
            out.append(
                {
                    "url": ctx.url(self.collection, b.uuid),
                    "catalogus": ctx.url("catalogussen", b.catalogus.uuid),
                    "zaaktypen": zaaktypen[b.id],
                    "omschrijving": b.omschrijving,
                    "omschrijvingGeneriek": b.omschrijving_generiek,
                    "besluitcategorie": b.besluitcategorie,
                    "reactietermijn": b.reactietermijn,
                    "publicatieIndicatie": b.publicatie_indicatie,
                    "publicatietekst": b.publicatietekst,
                    "publicatietermijn": b.publicatietermijn,
                    "toelichting": b.toelichting,
                    "informatieobjecttypen": [ctx.url("informatieobjecttypen", i.uuid) for i in related],
                    **geldigheid_dict(b),
                    "concept": b.concept,
                    "resultaattypen": [ctx.url("resultaattypen", u) for u, _ in results],
                    "resultaattypenOmschrijving": list(dict.fromkeys(o for _, o in results)),
                    "vastgelegdIn": list(dict.fromkeys(i.omschrijving for i in related)),
                }
            )
        return out

    def _resultaattypen(self, ctx: Context, objects: list[BesluitType]) -> dict[tuple[int, str], list[tuple]]:
        """(catalogus id, besluittype omschrijving) -> [(resultaattype uuid, omschrijving)] in one query."""
        found: dict[tuple[int, str], list[tuple]] = {}
        rows = ctx.session.execute(
            select(ZaakType.catalogus_id, ResultaatTypeBesluitType.omschrijving, ResultaatType.uuid, ResultaatType.omschrijving)
            .join(ResultaatType, ResultaatType.id == ResultaatTypeBesluitType.resultaattype_id)
            .join(ZaakType, ZaakType.id == ResultaatType.zaaktype_id)
            .where(
                ZaakType.catalogus_id.in_({b.catalogus_id for b in objects}),
                ResultaatTypeBesluitType.omschrijving.in_({b.omschrijving for b in objects}),
            )
            .order_by(ResultaatType.id)
        )
        for catalogus_id, key, resultaattype_uuid, omschrijving in rows:
            found.setdefault((catalogus_id, key), []).append((resultaattype_uuid, omschrijving))
        return found

    # ------------------------------------------------------------ writes

    def write(self, ctx: Context, obj: BesluitType, data: BesluitTypeCreate, fields: set[str], *, creating: bool) -> list[str] | None:
        """Applies the sent fields; returns the informatieobjecttype keys to store (None: unchanged)."""
        previous_catalogus = obj.catalogus_id
        self.apply_fields(ctx, obj, data, fields)
        if "informatieobjecttypen" in fields:
            values = data.informatieobjecttypen
        elif not creating and obj.catalogus_id != previous_catalogus:
            # ztc-013: the kept relations must also hold in the new catalogus
            values = list(
                ctx.session.scalars(
                    select(BesluitTypeInformatieObjectType.omschrijving).where(BesluitTypeInformatieObjectType.besluittype_id == obj.id)
                )
            )
        else:
            return None
        # ztc-013 and unknown omschrijvingen are checked by keys_from_input
        return keys_from_input(
            ctx, InformatieObjectType, "informatieobjecttypen", "omschrijving", obj.catalogus_id, values, "informatieobjecttypen"
        )

    def store_relations(self, ctx: Context, obj: BesluitType, keys: list[str] | None) -> None:
        replace_links(ctx, BesluitTypeInformatieObjectType, "besluittype_id", obj.id, keys, "omschrijving")

    def ensure_deletable(self, ctx: Context, obj: BesluitType) -> None:
        """RI M2MConceptDestroyMixin (concept_related_fields informatieobjecttypen, zaaktypen): a
        besluittype related to a published informatieobjecttype or zaaktype is not deleted
        (`non-concept-relation`), unless `catalogi.geforceerd-verwijderen`."""
        if forced_delete(ctx):
            return
        iotype_keys = select(BesluitTypeInformatieObjectType.omschrijving).where(BesluitTypeInformatieObjectType.besluittype_id == obj.id)
        if published_among(ctx, InformatieObjectType, InformatieObjectType.omschrijving, obj.catalogus_id, iotype_keys):
            raise non_field("non-concept-relation", "Een besluittype met gepubliceerde informatieobjecttypen kan niet worden verwijderd.")
        published_zaaktype = ctx.session.scalar(
            select(ZaakType.id)
            .join(ZaakTypeBesluitType, ZaakTypeBesluitType.zaaktype_id == ZaakType.id)
            .where(
                ZaakType.catalogus_id == obj.catalogus_id, ZaakTypeBesluitType.omschrijving == obj.omschrijving, ZaakType.concept.is_(False)
            )
            .limit(1)
        )
        if published_zaaktype is not None:
            raise non_field(
                "non-concept-relation", "Een besluittype waarnaar gepubliceerde zaaktypen verwijzen kan niet worden verwijderd."
            )
