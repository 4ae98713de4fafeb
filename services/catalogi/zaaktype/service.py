import datetime as dt
import json
import uuid as uuid_module

from sqlalchemy import Select, Text, cast, delete, false, insert, literal, select, union_all
from sqlalchemy.orm import joinedload

from services.catalogi.besluittype.models import BesluitType
from services.catalogi.catalogus.models import Catalogus
from services.catalogi.common import (
    apply_status,
    ensure_concept_for_delete,
    ensure_concept_for_update,
    ensure_no_overlap,
    geldig_op,
    geldigheid_dict,
    iso,
    keys_from_input,
    local_uuid,
    non_field,
    notify,
    parse_day,
    resolve_local,
    today,
    versions_by_key,
)
from services.catalogi.eigenschap.models import Eigenschap
from services.catalogi.informatieobjecttype.models import InformatieObjectType
from services.catalogi.referentielijsten import referentielijsten
from services.catalogi.resultaattype.models import ResultaatType
from services.catalogi.roltype.models import RolType
from services.catalogi.statustype.models import StatusType
from services.catalogi.zaakobjecttype.models import ZaakObjectType
from services.catalogi.zaaktype.models import ZaakType, ZaakTypeBesluitType, ZaakTypeDeelzaaktype, ZaakTypenRelatie
from services.catalogi.zaaktype.schemas import ZaakTypeCreate, ZaakTypeFilters, ZaakTypeRetrieveParams
from services.catalogi.zaaktypeinformatieobjecttype.models import ZaakTypeInformatieObjectType
from shared.errors import InvalidParam, ValidationProblem
from shared.resources import Context, split_commas

KANAAL = "zaaktypen"

# Plain columns: API field (snake_case) -> model attribute of the same name.
_PLAIN_FIELDS = (
    "identificatie",
    "omschrijving",
    "omschrijving_generiek",
    "vertrouwelijkheidaanduiding",
    "doel",
    "aanleiding",
    "toelichting",
    "indicatie_intern_of_extern",
    "handeling_initiator",
    "onderwerp",
    "handeling_behandelaar",
    "doorlooptijd",
    "servicenorm",
    "opschorting_en_aanhouding_mogelijk",
    "verlenging_mogelijk",
    "verlengingstermijn",
    "trefwoorden",
    "publicatie_indicatie",
    "publicatietekst",
    "verantwoordingsrelatie",
    "producten_of_diensten",
    "selectielijst_procestype",
    "referentieproces",
    "verantwoordelijke",
    "broncatalogus",
    "bronzaaktype",
    "begin_geldigheid",
    "einde_geldigheid",
    "begin_object",
    "einde_object",
    "versiedatum",
)

# The sub-types listed on a zaaktype, in the order each list is shown.
_CHILDREN = (
    ("statustypen", StatusType, StatusType.volgnummer),
    ("roltypen", RolType, RolType.id),
    ("resultaattypen", ResultaatType, ResultaatType.id),
    ("eigenschappen", Eigenschap, Eigenschap.id),
    ("zaakobjecttypen", ZaakObjectType, ZaakObjectType.id),
)


def _like_json_string(value: str) -> str:
    """A LIKE pattern matching `value` as a string element of a JSON array column."""
    encoded = json.dumps(value)
    return "%" + encoded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class ZaakTypeService:
    # ------------------------------------------------------------ reads

    def list_query(self, ctx: Context, filters: ZaakTypeFilters) -> Select:
        query = select(ZaakType).options(joinedload(ZaakType.catalogus))
        if filters.catalogus:
            catalogus_uuid = local_uuid(ctx, filters.catalogus, "catalogussen")
            if catalogus_uuid is None:
                query = query.where(false())
            else:
                query = query.join(ZaakType.catalogus).where(Catalogus.uuid == catalogus_uuid)
        if filters.identificatie:
            query = query.where(ZaakType.identificatie == filters.identificatie)
        if filters.trefwoorden:
            for woord in split_commas(filters.trefwoorden):
                query = query.where(cast(ZaakType.trefwoorden, Text).like(_like_json_string(woord), escape="\\"))
        query = apply_status(query, ZaakType.concept, filters.status)
        day = parse_day(filters.datum_geldigheid, "datumGeldigheid")
        if day:
            query = query.where(geldig_op(ZaakType, day))
            ctx.request.state.relation_day = day
        return query.order_by(ZaakType.id.desc())

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params: ZaakTypeRetrieveParams | None = None) -> ZaakType | None:
        if params is not None:
            day = parse_day(params.datum_geldigheid, "datumGeldigheid")
            if day:
                ctx.request.state.relation_day = day
        return ctx.session.scalar(
            select(ZaakType).options(joinedload(ZaakType.catalogus)).where(ZaakType.uuid == object_uuid)
        )

    def serialize(self, ctx: Context, objects: list[ZaakType]) -> list[dict]:
        if not objects:
            return []
        ids = [z.id for z in objects]
        day: dt.date = getattr(ctx.request.state, "relation_day", None) or today()
        catalogus_of = {z.id: z.catalogus_id for z in objects}

        children: dict[int, dict[str, list]] = {i: {name: [] for name, _, _ in _CHILDREN} for i in ids}
        child_rows = ctx.session.execute(
            union_all(
                *(
                    select(literal(name).label("kind"), model.zaaktype_id, model.uuid, order.label("position")).where(
                        model.zaaktype_id.in_(ids)
                    )
                    for name, model, order in _CHILDREN
                )
            )
        ).all()
        for kind, zaaktype_id, child_uuid, position in sorted(child_rows, key=lambda r: (r[0], r[3])):
            children[zaaktype_id][kind].append(ctx.url(kind, child_uuid))

        ziot_keys = _grouped(
            ctx.session.execute(
                select(ZaakTypeInformatieObjectType.zaaktype_id, ZaakTypeInformatieObjectType.informatieobjecttype_omschrijving)
                .where(ZaakTypeInformatieObjectType.zaaktype_id.in_(ids))
                .order_by(ZaakTypeInformatieObjectType.volgnummer)
            )
        )
        besluittype_keys = _grouped(
            ctx.session.execute(
                select(ZaakTypeBesluitType.zaaktype_id, ZaakTypeBesluitType.omschrijving).where(ZaakTypeBesluitType.zaaktype_id.in_(ids))
            )
        )
        deelzaaktype_keys = _grouped(
            ctx.session.execute(
                select(ZaakTypeDeelzaaktype.zaaktype_id, ZaakTypeDeelzaaktype.identificatie).where(
                    ZaakTypeDeelzaaktype.zaaktype_id.in_(ids)
                )
            )
        )
        relaties: dict[int, list[ZaakTypenRelatie]] = {}
        for relatie in ctx.session.scalars(
            select(ZaakTypenRelatie).where(ZaakTypenRelatie.zaaktype_id.in_(ids)).order_by(ZaakTypenRelatie.volgorde)
        ):
            relaties.setdefault(relatie.zaaktype_id, []).append(relatie)

        def wanted(keys: dict[int, list[str]]) -> set[tuple[int, str]]:
            return {(catalogus_of[z], k) for z, ks in keys.items() for k in ks}

        iotypes = versions_by_key(ctx, InformatieObjectType, "omschrijving", wanted(ziot_keys), day)
        besluittypen = versions_by_key(ctx, BesluitType, "omschrijving", wanted(besluittype_keys), day)
        related_identificaties = wanted(deelzaaktype_keys) | {
            (catalogus_of[z], r.gerelateerd) for z, rs in relaties.items() for r in rs if not r.gerelateerd.startswith("http")
        }
        zaaktypen = versions_by_key(ctx, ZaakType, "identificatie", related_identificaties, day)

        def urls(collection: str, found: dict, zaaktype: ZaakType, keys: list[str]) -> list[str]:
            result: list[str] = []
            for key in keys:
                obj = found.get((zaaktype.catalogus_id, key))
                if obj is not None:
                    url = ctx.url(collection, obj.uuid)
                    if url not in result:
                        result.append(url)
            return result

        out = []
        for z in objects:
            gerelateerde = []
            for relatie in relaties.get(z.id, []):
                if relatie.gerelateerd.startswith("http"):
                    target = relatie.gerelateerd
                else:
                    found = zaaktypen.get((z.catalogus_id, relatie.gerelateerd))
                    if found is None:
                        continue
                    target = ctx.url("zaaktypen", found.uuid)
                gerelateerde.append({"zaaktype": target, "aardRelatie": relatie.aard_relatie, "toelichting": relatie.toelichting})
            out.append(
                {
                    "url": ctx.url("zaaktypen", z.uuid),
                    "identificatie": z.identificatie,
                    "omschrijving": z.omschrijving,
                    "omschrijvingGeneriek": z.omschrijving_generiek,
                    "vertrouwelijkheidaanduiding": z.vertrouwelijkheidaanduiding,
                    "doel": z.doel,
                    "aanleiding": z.aanleiding,
                    "toelichting": z.toelichting,
                    "indicatieInternOfExtern": z.indicatie_intern_of_extern,
                    "handelingInitiator": z.handeling_initiator,
                    "onderwerp": z.onderwerp,
                    "handelingBehandelaar": z.handeling_behandelaar,
                    "doorlooptijd": z.doorlooptijd,
                    "servicenorm": z.servicenorm,
                    "opschortingEnAanhoudingMogelijk": z.opschorting_en_aanhouding_mogelijk,
                    "verlengingMogelijk": z.verlenging_mogelijk,
                    "verlengingstermijn": z.verlengingstermijn,
                    "trefwoorden": list(z.trefwoorden or []),
                    "publicatieIndicatie": z.publicatie_indicatie,
                    "publicatietekst": z.publicatietekst,
                    "verantwoordingsrelatie": list(z.verantwoordingsrelatie or []),
                    "productenOfDiensten": list(z.producten_of_diensten or []),
                    "selectielijstProcestype": z.selectielijst_procestype,
                    "referentieproces": {"naam": z.referentieproces.get("naam", ""), "link": z.referentieproces.get("link", "")},
                    "verantwoordelijke": z.verantwoordelijke,
                    "zaakobjecttypen": children[z.id]["zaakobjecttypen"],
                    "broncatalogus": z.broncatalogus,
                    "bronzaaktype": z.bronzaaktype,
                    "catalogus": ctx.url("catalogussen", z.catalogus.uuid),
                    "statustypen": children[z.id]["statustypen"],
                    "resultaattypen": children[z.id]["resultaattypen"],
                    "eigenschappen": children[z.id]["eigenschappen"],
                    "informatieobjecttypen": urls("informatieobjecttypen", iotypes, z, ziot_keys.get(z.id, [])),
                    "roltypen": children[z.id]["roltypen"],
                    "besluittypen": urls("besluittypen", besluittypen, z, besluittype_keys.get(z.id, [])),
                    "deelzaaktypen": urls("zaaktypen", zaaktypen, z, deelzaaktype_keys.get(z.id, [])),
                    "gerelateerdeZaaktypen": gerelateerde,
                    **geldigheid_dict(z),
                    "versiedatum": iso(z.versiedatum),
                    "concept": z.concept,
                }
            )
        return out

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data: ZaakTypeCreate) -> ZaakType:
        zaaktype = ZaakType(concept=True)
        self._write(ctx, zaaktype, data, data.model_fields_set | set(_PLAIN_FIELDS) | {"catalogus"}, creating=True)
        notify(ctx, kanaal=KANAAL, resource="zaaktype", url=ctx.url("zaaktypen", zaaktype.uuid), actie="create", catalogus_url=ctx.url("catalogussen", zaaktype.catalogus.uuid))
        return zaaktype

    def update(self, ctx: Context, obj: ZaakType, data: ZaakTypeCreate, partial: bool) -> ZaakType:
        ensure_concept_for_update(ctx, obj, data, partial)
        fields = data.model_fields_set if partial else data.model_fields_set | set(_PLAIN_FIELDS) | {"catalogus"}
        self._write(ctx, obj, data, fields, creating=False)
        if not obj.concept:
            # a published version whose geldigheid changes must not overlap another version
            ensure_no_overlap(ctx, ZaakType, "identificatie", obj, "eindeGeldigheid" if partial else "beginGeldigheid")
        notify(
            ctx,
            kanaal=KANAAL,
            resource="zaaktype",
            url=ctx.url("zaaktypen", obj.uuid),
            actie="partial_update" if partial else "update",
            catalogus_url=ctx.url("catalogussen", obj.catalogus.uuid),
        )
        return obj

    def delete(self, ctx: Context, obj: ZaakType) -> None:
        ensure_concept_for_delete(ctx, obj)
        url = ctx.url("zaaktypen", obj.uuid)
        catalogus_url = ctx.url("catalogussen", obj.catalogus.uuid)
        ctx.session.delete(obj)
        ctx.session.flush()
        notify(ctx, kanaal=KANAAL, resource="zaaktype", url=url, actie="destroy", catalogus_url=catalogus_url)

    def publish(self, ctx: Context, obj: ZaakType) -> ZaakType:
        """ztc-012: a zaaktype is published only when its besluittypen, informatieobjecttypen and
        deelzaaktypen have a published version; two published versions never overlap."""
        if obj.concept:
            self._ensure_relations_published(ctx, obj)
            ensure_no_overlap(ctx, ZaakType, "identificatie", obj)
            obj.concept = False
            ctx.session.flush()
        return obj

    def _ensure_relations_published(self, ctx: Context, obj: ZaakType) -> None:
        checks = (
            (BesluitType, BesluitType.omschrijving, select(ZaakTypeBesluitType.omschrijving).where(ZaakTypeBesluitType.zaaktype_id == obj.id)),
            (
                InformatieObjectType,
                InformatieObjectType.omschrijving,
                select(ZaakTypeInformatieObjectType.informatieobjecttype_omschrijving).where(
                    ZaakTypeInformatieObjectType.zaaktype_id == obj.id
                ),
            ),
            (ZaakType, ZaakType.identificatie, select(ZaakTypeDeelzaaktype.identificatie).where(ZaakTypeDeelzaaktype.zaaktype_id == obj.id)),
        )
        for model, key_column, keys_query in checks:
            keys = set(ctx.session.scalars(keys_query))
            if not keys:
                continue
            published = set(
                ctx.session.scalars(
                    select(key_column).where(model.catalogus_id == obj.catalogus_id, key_column.in_(keys), model.concept.is_(False))
                )
            )
            if keys - published:
                raise non_field("concept-relation", "Alle gerelateerde resources moeten gepubliceerd zijn.")

    def _write(self, ctx: Context, zaaktype: ZaakType, data: ZaakTypeCreate, fields: set[str], *, creating: bool) -> None:
        if "catalogus" in fields:
            catalogus = resolve_local(ctx, data.catalogus, Catalogus, "catalogussen", "catalogus")
            zaaktype.catalogus = catalogus
            zaaktype.catalogus_id = catalogus.id
        for name in _PLAIN_FIELDS:
            if name in fields:
                value = getattr(data, name)
                if hasattr(value, "model_dump"):
                    value = value.model_dump(by_alias=True)
                setattr(zaaktype, name, value)
        if "einde_geldigheid" in fields or "begin_geldigheid" in fields:
            if zaaktype.einde_geldigheid and zaaktype.begin_geldigheid and zaaktype.einde_geldigheid < zaaktype.begin_geldigheid:
                raise ValidationProblem.field("eindeGeldigheid", "invalid", "eindeGeldigheid ligt voor beginGeldigheid.")
        self._ensure_verlenging(zaaktype)
        if "selectielijst_procestype" in fields and zaaktype.selectielijst_procestype:
            referentielijsten(ctx).procestype(zaaktype.selectielijst_procestype)

        besluittypen = deelzaaktypen = relaties = None
        if "besluittypen" in fields:
            besluittypen = keys_from_input(ctx, BesluitType, "besluittypen", "omschrijving", zaaktype.catalogus_id, data.besluittypen, "besluittypen")
        if "deelzaaktypen" in fields:
            deelzaaktypen = keys_from_input(
                ctx, ZaakType, "zaaktypen", "identificatie", zaaktype.catalogus_id, data.deelzaaktypen, "deelzaaktypen", mismatch_name="deelzaaktypen"
            )
        if "gerelateerde_zaaktypen" in fields:
            relaties = []
            for index, relatie in enumerate(data.gerelateerde_zaaktypen):
                target = relatie.zaaktype
                if not target.startswith("http") or local_uuid(ctx, target, "zaaktypen") is not None:
                    target = keys_from_input(
                        ctx, ZaakType, "zaaktypen", "identificatie", zaaktype.catalogus_id, [target], f"gerelateerdeZaaktypen.{index}.zaaktype"
                    )[0]
                relaties.append((target, relatie))

        if creating:
            ctx.session.add(zaaktype)
        ctx.session.flush()
        if besluittypen is not None:
            ctx.session.execute(delete(ZaakTypeBesluitType).where(ZaakTypeBesluitType.zaaktype_id == zaaktype.id))
            if besluittypen:
                ctx.session.execute(insert(ZaakTypeBesluitType), [{"zaaktype_id": zaaktype.id, "omschrijving": k} for k in besluittypen])
        if deelzaaktypen is not None:
            ctx.session.execute(delete(ZaakTypeDeelzaaktype).where(ZaakTypeDeelzaaktype.zaaktype_id == zaaktype.id))
            if deelzaaktypen:
                ctx.session.execute(
                    insert(ZaakTypeDeelzaaktype), [{"zaaktype_id": zaaktype.id, "identificatie": k} for k in deelzaaktypen]
                )
        if relaties is not None:
            ctx.session.execute(delete(ZaakTypenRelatie).where(ZaakTypenRelatie.zaaktype_id == zaaktype.id))
            for position, (target, relatie) in enumerate(relaties):
                ctx.session.add(
                    ZaakTypenRelatie(
                        zaaktype_id=zaaktype.id,
                        gerelateerd=target,
                        aard_relatie=relatie.aard_relatie,
                        toelichting=relatie.toelichting,
                        volgorde=position,
                    )
                )
            ctx.session.flush()

    @staticmethod
    def _ensure_verlenging(zaaktype: ZaakType) -> None:
        """A zaaktype whose zaken can be extended says by how long (`verlenging-mismatch`)."""
        if zaaktype.verlenging_mogelijk and not zaaktype.verlengingstermijn:
            raise ValidationProblem(
                InvalidParam("nonFieldErrors", "verlenging-mismatch", "verlengingstermijn is verplicht als verlengingMogelijk waar is.")
            )


def _grouped(rows) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for owner, key in rows:
        keys = grouped.setdefault(owner, [])
        if key not in keys:
            keys.append(key)
    return grouped
