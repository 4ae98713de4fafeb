import datetime as dt
import functools
import json
import uuid as uuid_module
from dataclasses import dataclass

from sqlalchemy import CompoundSelect, Select, Text, cast, literal, select, union_all

from services.catalogi.besluittype.models import BesluitType
from services.catalogi.common import (
    forced_delete,
    geldigheid_dict,
    iso,
    keys_from_input,
    non_field,
    parse_day,
    published_among,
    replace_links,
    today,
    versions_by_key,
)
from services.catalogi.eigenschap.models import Eigenschap
from services.catalogi.informatieobjecttype.models import InformatieObjectType
from services.catalogi.referentielijsten import referentielijsten
from services.catalogi.resultaattype.models import ResultaatType
from services.catalogi.roltype.models import RolType
from services.catalogi.statustype.models import StatusType
from services.catalogi.versioned import VersionedTypeService
from services.catalogi.zaakobjecttype.models import ZaakObjectType
from services.catalogi.zaaktype.models import ZaakType, ZaakTypeBesluitType, ZaakTypeDeelzaaktype, ZaakTypenRelatie
from services.catalogi.zaaktype.schemas import ZaakTypeCreate, ZaakTypeFilters, ZaakTypenRelatieCreate, ZaakTypeRetrieveParams
from services.catalogi.zaaktypeinformatieobjecttype.models import ZaakTypeInformatieObjectType
from shared.api_model import split_commas
from shared.db import in_list, is_postgresql, uuid_text
from shared.errors import InvalidParam, ValidationProblem
from shared.resources import Context, local_uuid

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


@dataclass(frozen=True)
class _PageStatements:
    children: CompoundSelect
    informatieobjecttypen: Select
    besluittypen: Select
    deelzaaktypen: Select
    relaties: Select


@functools.cache
def _page_statements(postgresql: bool) -> _PageStatements:
    """What a page of zaaktypen (`ids`) shows beyond its rows, built once per dialect with one
    array parameter (a page of 100 zaaktypen was ~900 IN parameters, expanded, converted and
    cache-keyed anew on every request)."""

    def of_page(column):
        return in_list(column, postgresql, name="ids")

    children = union_all(
        *(
            select(literal(name).label("kind"), model.zaaktype_id, uuid_text(model.uuid, postgresql), order.label("position")).where(
                of_page(model.zaaktype_id)
            )
            for name, model, order in _CHILDREN
        )
    ).order_by("kind", "position")
    return _PageStatements(
        children=children,
        informatieobjecttypen=select(
            ZaakTypeInformatieObjectType.zaaktype_id, ZaakTypeInformatieObjectType.informatieobjecttype_omschrijving
        )
        .where(of_page(ZaakTypeInformatieObjectType.zaaktype_id))
        .order_by(ZaakTypeInformatieObjectType.volgnummer),
        besluittypen=select(ZaakTypeBesluitType.zaaktype_id, ZaakTypeBesluitType.omschrijving).where(
            of_page(ZaakTypeBesluitType.zaaktype_id)
        ),
        deelzaaktypen=select(ZaakTypeDeelzaaktype.zaaktype_id, ZaakTypeDeelzaaktype.identificatie).where(
            of_page(ZaakTypeDeelzaaktype.zaaktype_id)
        ),
        relaties=select(ZaakTypenRelatie).where(of_page(ZaakTypenRelatie.zaaktype_id)).order_by(ZaakTypenRelatie.volgorde),
    )


def _like_json_string(value: str) -> str:
    """A LIKE pattern matching `value` as a string element of a JSON array column."""
    encoded = json.dumps(value)
    return "%" + encoded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass
class _Relations:
    """The relations a write sends; None means: not sent, keep what is stored."""

    besluittypen: list[str] | None = None
    deelzaaktypen: list[str] | None = None
    gerelateerde: list[tuple[str, ZaakTypenRelatieCreate]] | None = None


class ZaakTypeService(VersionedTypeService[ZaakTypeCreate]):
    model = ZaakType
    collection = "zaaktypen"
    resource = "zaaktype"
    key_attr = "identificatie"
    plain_fields = _PLAIN_FIELDS
    extra_fields = ("besluittypen", "deelzaaktypen", "gerelateerde_zaaktypen")

    # ------------------------------------------------------------ reads

    def filter(self, ctx: Context, query: Select, filters: ZaakTypeFilters) -> Select:
        for woord in split_commas(filters.trefwoorden):
            query = query.where(cast(ZaakType.trefwoorden, Text).like(_like_json_string(woord), escape="\\"))
        return query

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params: ZaakTypeRetrieveParams | None = None) -> ZaakType | None:
        if params is not None:
            day = parse_day(params.datum_geldigheid, "datumGeldigheid")
            if day:
                ctx.request.state.relation_day = day
        return super().get(ctx, object_uuid)

    def serialize(self, ctx: Context, objects: list[ZaakType]) -> list[dict]:
        if not objects:
            return []
        ids = [z.id for z in objects]
        day: dt.date = getattr(ctx.request.state, "relation_day", None) or today()
        catalogus_of = {z.id: z.catalogus_id for z in objects}

        statements = _page_statements(is_postgresql(ctx.session))
        connection = ctx.session.connection()
        page = {"ids": ids}

        children: dict[int, dict[str, list]] = {i: {name: [] for name, _, _ in _CHILDREN} for i in ids}
        for kind, zaaktype_id, child_uuid, _ in connection.execute(statements.children, page):  # Core: no ORM result handling
            children[zaaktype_id][kind].append(ctx.url(kind, child_uuid))

        ziot_keys = _grouped(connection.execute(statements.informatieobjecttypen, page))
        besluittype_keys = _grouped(connection.execute(statements.besluittypen, page))
        deelzaaktype_keys = _grouped(connection.execute(statements.deelzaaktypen, page))
        relaties: dict[int, list[ZaakTypenRelatie]] = {}
        for relatie in ctx.session.scalars(statements.relaties, page):
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

    def ensure_publishable(self, ctx: Context, obj: ZaakType) -> None:
        """ztc-012: a zaaktype is published only when its besluittypen, informatieobjecttypen and
        deelzaaktypen have a published version."""
        checks = (
            (
                BesluitType,
                BesluitType.omschrijving,
                select(ZaakTypeBesluitType.omschrijving).where(ZaakTypeBesluitType.zaaktype_id == obj.id),
            ),
            (
                InformatieObjectType,
                InformatieObjectType.omschrijving,
                select(ZaakTypeInformatieObjectType.informatieobjecttype_omschrijving).where(
                    ZaakTypeInformatieObjectType.zaaktype_id == obj.id
                ),
            ),
            (
                ZaakType,
                ZaakType.identificatie,
                select(ZaakTypeDeelzaaktype.identificatie).where(ZaakTypeDeelzaaktype.zaaktype_id == obj.id),
            ),
        )
        for model, key_column, keys_query in checks:
            # a relation whose every version was deleted since has nothing left to publish: it
            # does not hold the zaaktype back (in the RI such a relation goes with its target)
            versions = ctx.session.execute(
                select(key_column, model.concept).where(model.catalogus_id == obj.catalogus_id, key_column.in_(keys_query))
            )
            concept: set[str] = set()
            published: set[str] = set()
            for key, is_concept in versions:
                (concept if is_concept else published).add(key)
            if concept - published:
                raise non_field("concept-relation", "Alle gerelateerde resources moeten gepubliceerd zijn.")

    def ensure_deletable(self, ctx: Context, obj: ZaakType) -> None:
        """RI M2MConceptDestroyMixin (concept_related_fields besluittypen): a zaaktype related to a
        published besluittype is not deleted (`non-concept-relation`), unless
        `catalogi.geforceerd-verwijderen`."""
        if forced_delete(ctx):
            return
        keys = select(ZaakTypeBesluitType.omschrijving).where(ZaakTypeBesluitType.zaaktype_id == obj.id)
        if published_among(ctx, BesluitType, BesluitType.omschrijving, obj.catalogus_id, keys):
            raise non_field("non-concept-relation", "Een zaaktype met gepubliceerde besluittypen kan niet worden verwijderd.")

    def write(self, ctx: Context, zaaktype: ZaakType, data: ZaakTypeCreate, fields: set[str], *, creating: bool) -> _Relations:
        self.apply_fields(ctx, zaaktype, data, fields)
        self._ensure_verlenging(zaaktype)
        if "selectielijst_procestype" in fields and zaaktype.selectielijst_procestype:
            referentielijsten(ctx).procestype(zaaktype.selectielijst_procestype)

        relations = _Relations()
        if "besluittypen" in fields:
            relations.besluittypen = keys_from_input(
                ctx, BesluitType, "besluittypen", "omschrijving", zaaktype.catalogus_id, data.besluittypen, "besluittypen"
            )
        if "deelzaaktypen" in fields:
            relations.deelzaaktypen = keys_from_input(
                ctx,
                ZaakType,
                "zaaktypen",
                "identificatie",
                zaaktype.catalogus_id,
                data.deelzaaktypen,
                "deelzaaktypen",
                mismatch_name="deelzaaktypen",
            )
        if "gerelateerde_zaaktypen" in fields:
            relations.gerelateerde = []
            for index, relatie in enumerate(data.gerelateerde_zaaktypen):
                target = relatie.zaaktype
                if not target.startswith("http") or local_uuid(ctx, target, "zaaktypen") is not None:
                    # ours: by identificatie; a zaaktype of another Catalogi API stays a URL
                    target = keys_from_input(
                        ctx,
                        ZaakType,
                        "zaaktypen",
                        "identificatie",
                        zaaktype.catalogus_id,
                        [target],
                        f"gerelateerdeZaaktypen.{index}.zaaktype",
                    )[0]
                relations.gerelateerde.append((target, relatie))
        return relations

    def store_relations(self, ctx: Context, zaaktype: ZaakType, relations: _Relations) -> None:
        replace_links(ctx, ZaakTypeBesluitType, "zaaktype_id", zaaktype.id, relations.besluittypen, "omschrijving")
        replace_links(ctx, ZaakTypeDeelzaaktype, "zaaktype_id", zaaktype.id, relations.deelzaaktypen, "identificatie")
        gerelateerde = relations.gerelateerde
        rows = (
            None
            if gerelateerde is None
            else [
                {"gerelateerd": target, "aard_relatie": relatie.aard_relatie, "toelichting": relatie.toelichting, "volgorde": position}
                for position, (target, relatie) in enumerate(gerelateerde)
            ]
        )
        replace_links(ctx, ZaakTypenRelatie, "zaaktype_id", zaaktype.id, rows)

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
