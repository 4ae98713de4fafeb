import datetime as dt
import re
import uuid as uuid_module

from sqlalchemy import Select, and_, delete, false, func, insert, or_, select
from sqlalchemy.orm import joinedload

from services.catalogi.besluittype.models import BesluitType
from services.catalogi.catalogus.models import Catalogus
from services.catalogi.common import (
    apply_status,
    ensure_same_catalogus,
    ensure_zaaktype_concept,
    iso,
    keys_from_input,
    local_uuid,
    non_field,
    parse_day,
    resolve_local,
    today,
    versions_by_key,
)
from services.catalogi.informatieobjecttype.models import InformatieObjectType
from services.catalogi.referentielijsten import referentielijsten
from services.catalogi.resultaattype.models import (
    ResultaatType,
    ResultaatTypeBesluitType,
    ResultaatTypeInformatieObjectType,
)
from services.catalogi.resultaattype.schemas import ResultaatTypeCreate, ResultaatTypeFilters
from services.catalogi.zaaktype.models import ZaakType
from shared.errors import InvalidParam, ValidationProblem
from shared.resources import Context

# API field (snake_case) -> model attribute of the same name.
_PLAIN_FIELDS = (
    "omschrijving",
    "resultaattypeomschrijving",
    "selectielijstklasse",
    "toelichting",
    "archiefnominatie",
    "archiefactietermijn",
    "procesobjectaard",
    "begin_geldigheid",
    "einde_geldigheid",
    "begin_object",
    "einde_object",
    "indicatie_specifiek",
    "procestermijn",
)
_ALL_FIELDS = frozenset(ResultaatTypeCreate.model_fields)
# A change in one of these re-checks the selectielijst resultaat (ztc-002..008).
_SELECTIELIJST_FIELDS = {"zaaktype", "selectielijstklasse", "archiefnominatie", "archiefactietermijn", "brondatum_archiefprocedure"}

_DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$")

_BRONDATUM = "brondatumArchiefprocedure"
# ztc-003..008: per afleidingswijze, which sub-fields are required (True) or must be empty (False);
# fields not named are free.
_BRONDATUM_RULES: dict[str, dict[str, bool]] = {
    "afgehandeld": {"procestermijn": False, "datumkenmerk": False, "einddatumBekend": False, "objecttype": False, "registratie": False},
    "termijn": {"procestermijn": True, "datumkenmerk": False, "einddatumBekend": False, "objecttype": False, "registratie": False},
    "ander_datumkenmerk": {"procestermijn": False, "datumkenmerk": True, "objecttype": True, "registratie": True},
    "eigenschap": {"procestermijn": False, "datumkenmerk": True, "objecttype": False, "registratie": False},
    "zaakobject": {"procestermijn": False, "datumkenmerk": True, "objecttype": True, "registratie": False},
    "gerelateerde_zaak": {"procestermijn": False, "datumkenmerk": False, "objecttype": False, "registratie": False},
    "hoofdzaak": {"procestermijn": False, "datumkenmerk": False, "objecttype": False, "registratie": False},
    "ingangsdatum_besluit": {"procestermijn": False, "datumkenmerk": False, "objecttype": False, "registratie": False},
    "vervaldatum_besluit": {"procestermijn": False, "datumkenmerk": False, "objecttype": False, "registratie": False},
}


def brondatum_errors(brondatum: dict | None) -> list[InvalidParam]:
    """ztc-003..008: the sub-fields of brondatumArchiefprocedure that a given afleidingswijze
    requires or forbids (`required` / `must-be-empty` on `brondatumArchiefprocedure.<field>`);
    every violation is reported, not just the first."""
    if not brondatum:
        return []
    afleidingswijze = brondatum.get("afleidingswijze")
    errors = []
    for field, required in _BRONDATUM_RULES.get(afleidingswijze, {}).items():
        if bool(brondatum.get(field)) == required:
            continue
        if required:
            errors.append(InvalidParam(f"{_BRONDATUM}.{field}", "required", f"Dit veld is verplicht bij afleidingswijze `{afleidingswijze}`."))
        else:
            errors.append(InvalidParam(f"{_BRONDATUM}.{field}", "must-be-empty", f"Dit veld moet leeg zijn bij afleidingswijze `{afleidingswijze}`."))
    return errors


def afleidingswijze_errors(brondatum: dict | None, resultaat: dict) -> list[InvalidParam]:
    """ztc-003/ztc-004: the selectielijst resultaat's procestermijn fixes the afleidingswijze:
    `nihil` <-> `afgehandeld`, `ingeschatte_bestaansduur_procesobject` <-> `termijn`; an empty
    procestermijn allows any."""
    procestermijn = resultaat.get("procestermijn")
    if not brondatum or not procestermijn:
        return []
    afleidingswijze = brondatum.get("afleidingswijze")
    if (procestermijn == "nihil") != (afleidingswijze == "afgehandeld") or (
        procestermijn == "ingeschatte_bestaansduur_procesobject"
    ) != (afleidingswijze == "termijn"):
        return [
            InvalidParam(
                "nonFieldErrors",
                "invalid-afleidingswijze-for-procestermijn",
                f"Afleidingswijze `{afleidingswijze}` past niet bij selectielijst procestermijn `{procestermijn}`.",
            )
        ]
    return []


def _effective(resultaattype_value, zaaktype_value):
    """Sub-types inherit the geldigheid of their zaaktype unless they have their own."""
    return resultaattype_value if resultaattype_value is not None else zaaktype_value


class ResultaatTypeService:
    # ------------------------------------------------------------ reads

    def list_query(self, ctx: Context, filters: ResultaatTypeFilters) -> Select:
        query = select(ResultaatType).join(ResultaatType.zaaktype)
        if filters.zaaktype:
            zaaktype_uuid = local_uuid(ctx, filters.zaaktype, "zaaktypen")
            query = query.where(false()) if zaaktype_uuid is None else query.where(ZaakType.uuid == zaaktype_uuid)
        if filters.zaaktype_identificatie:
            query = query.where(ZaakType.identificatie == filters.zaaktype_identificatie)
        query = apply_status(query, ZaakType.concept, filters.status)
        day = parse_day(filters.datum_geldigheid, "datum_geldigheid")
        if day:
            begin = func.coalesce(ResultaatType.begin_geldigheid, ZaakType.begin_geldigheid)
            einde = func.coalesce(ResultaatType.einde_geldigheid, ZaakType.einde_geldigheid)
            query = query.where(and_(or_(begin.is_(None), begin <= day), or_(einde.is_(None), einde >= day)))
            ctx.request.state.relation_day = day
        return query.order_by(ResultaatType.id.desc())

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params=None) -> ResultaatType | None:
        return ctx.session.scalar(
            select(ResultaatType).options(joinedload(ResultaatType.zaaktype)).where(ResultaatType.uuid == object_uuid)
        )

    def serialize(self, ctx: Context, objects: list[ResultaatType]) -> list[dict]:
        if not objects:
            return []
        ids = [r.id for r in objects]
        day: dt.date = getattr(ctx.request.state, "relation_day", None) or today()
        zaaktypen = {
            row.id: row
            for row in ctx.session.execute(
                select(
                    ZaakType.id,
                    ZaakType.uuid,
                    ZaakType.identificatie,
                    ZaakType.catalogus_id,
                    ZaakType.begin_geldigheid,
                    ZaakType.einde_geldigheid,
                    ZaakType.begin_object,
                    ZaakType.einde_object,
                    Catalogus.uuid.label("catalogus_uuid"),
                )
                .join(Catalogus, Catalogus.id == ZaakType.catalogus_id)
                .where(ZaakType.id.in_({r.zaaktype_id for r in objects}))
            )
        }
        besluittype_keys: dict[int, list[str]] = {}
        for owner, key in ctx.session.execute(
            select(ResultaatTypeBesluitType.resultaattype_id, ResultaatTypeBesluitType.omschrijving)
            .where(ResultaatTypeBesluitType.resultaattype_id.in_(ids))
            .order_by(ResultaatTypeBesluitType.omschrijving)
        ):
            besluittype_keys.setdefault(owner, []).append(key)
        iotypes: dict[int, list[tuple]] = {}
        for owner, iot_uuid, omschrijving in ctx.session.execute(
            select(ResultaatTypeInformatieObjectType.resultaattype_id, InformatieObjectType.uuid, InformatieObjectType.omschrijving)
            .join(InformatieObjectType, InformatieObjectType.id == ResultaatTypeInformatieObjectType.informatieobjecttype_id)
            .where(ResultaatTypeInformatieObjectType.resultaattype_id.in_(ids))
            .order_by(InformatieObjectType.omschrijving, InformatieObjectType.id)
        ):
            iotypes.setdefault(owner, []).append((iot_uuid, omschrijving))
        wanted = {(zaaktypen[r.zaaktype_id].catalogus_id, k) for r in objects for k in besluittype_keys.get(r.id, [])}
        besluittypen = versions_by_key(ctx, BesluitType, "omschrijving", wanted, day)

        out = []
        for r in objects:
            zt = zaaktypen[r.zaaktype_id]
            keys = besluittype_keys.get(r.id, [])
            besluittype_urls = []
            for key in keys:
                found = besluittypen.get((zt.catalogus_id, key))
                if found is not None:
                    besluittype_urls.append(ctx.url("besluittypen", found.uuid))
            omschrijvingen = []
            for _, omschrijving in iotypes.get(r.id, []):
                if omschrijving not in omschrijvingen:
                    omschrijvingen.append(omschrijving)
            out.append(
                {
                    "url": ctx.url("resultaattypen", r.uuid),
                    "zaaktype": ctx.url("zaaktypen", zt.uuid),
                    "zaaktypeIdentificatie": zt.identificatie,
                    "omschrijving": r.omschrijving,
                    "resultaattypeomschrijving": r.resultaattypeomschrijving,
                    "omschrijvingGeneriek": r.omschrijving_generiek,
                    "selectielijstklasse": r.selectielijstklasse,
                    "toelichting": r.toelichting,
                    "archiefnominatie": r.archiefnominatie,
                    "archiefactietermijn": r.archiefactietermijn,
                    "brondatumArchiefprocedure": _brondatum_out(r.brondatum_archiefprocedure),
                    "procesobjectaard": r.procesobjectaard,
                    "catalogus": ctx.url("catalogussen", zt.catalogus_uuid),
                    "beginGeldigheid": iso(_effective(r.begin_geldigheid, zt.begin_geldigheid)),
                    "eindeGeldigheid": iso(_effective(r.einde_geldigheid, zt.einde_geldigheid)),
                    "beginObject": iso(_effective(r.begin_object, zt.begin_object)),
                    "eindeObject": iso(_effective(r.einde_object, zt.einde_object)),
                    "indicatieSpecifiek": r.indicatie_specifiek,
                    "procestermijn": r.procestermijn,
                    "besluittypen": besluittype_urls,
                    "besluittypeOmschrijving": keys,
                    "informatieobjecttypen": [ctx.url("informatieobjecttypen", u) for u, _ in iotypes.get(r.id, [])],
                    "informatieobjecttypeOmschrijving": omschrijvingen,
                }
            )
        return out

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data: ResultaatTypeCreate) -> ResultaatType:
        resultaattype = ResultaatType()
        self._write(ctx, resultaattype, data, set(_ALL_FIELDS), creating=True, partial=False)
        return resultaattype

    def update(self, ctx: Context, obj: ResultaatType, data: ResultaatTypeCreate, partial: bool) -> ResultaatType:
        ensure_zaaktype_concept(ctx, obj.zaaktype)
        fields = set(data.model_fields_set) if partial else set(_ALL_FIELDS)
        self._write(ctx, obj, data, fields, creating=False, partial=partial)
        return obj

    def delete(self, ctx: Context, obj: ResultaatType) -> None:
        ensure_zaaktype_concept(ctx, obj.zaaktype, deleting=True)
        ctx.session.delete(obj)
        ctx.session.flush()

    def _write(self, ctx: Context, obj: ResultaatType, data: ResultaatTypeCreate, fields: set[str], *, creating: bool, partial: bool) -> None:
        previous_catalogus_id = None if creating else obj.zaaktype.catalogus_id
        if "zaaktype" in fields:
            zaaktype = resolve_local(ctx, data.zaaktype, ZaakType, "zaaktypen", "zaaktype")
            if creating or zaaktype.id != obj.zaaktype_id:
                # ztc-010: no new sub-types on a published zaaktype
                ensure_zaaktype_concept(ctx, zaaktype)
            obj.zaaktype = zaaktype
            obj.zaaktype_id = zaaktype.id
        zaaktype: ZaakType = obj.zaaktype

        if "catalogus" in fields and data.catalogus is not None:
            # ztc-013: the catalogus, when given, is the zaaktype's
            catalogus = resolve_local(ctx, data.catalogus, Catalogus, "catalogussen", "catalogus")
            if catalogus.id != zaaktype.catalogus_id:
                raise non_field("relations-incorrect-catalogus", "De catalogus is niet die van het zaaktype.")

        for name in _PLAIN_FIELDS:
            if name in fields:
                setattr(obj, name, getattr(data, name))
        if "brondatum_archiefprocedure" in fields:
            obj.brondatum_archiefprocedure = _brondatum_in(obj.brondatum_archiefprocedure, data.brondatum_archiefprocedure, partial)
        begin = _effective(obj.begin_geldigheid, zaaktype.begin_geldigheid)
        einde = _effective(obj.einde_geldigheid, zaaktype.einde_geldigheid)
        if begin and einde and einde < begin:
            raise ValidationProblem.field("eindeGeldigheid", "invalid", "eindeGeldigheid ligt voor beginGeldigheid.")

        lijsten = referentielijsten(ctx)
        if "resultaattypeomschrijving" in fields:
            # ztc-002: omschrijvingGeneriek is the omschrijving of the generic resultaattypeomschrijving
            generiek = lijsten.resultaattypeomschrijving(obj.resultaattypeomschrijving)
            obj.omschrijving_generiek = str(generiek.get("omschrijving") or "")[:80] if generiek else ""

        errors: list[InvalidParam] = []
        if fields & _SELECTIELIJST_FIELDS:
            resultaat = lijsten.resultaat(obj.selectielijstklasse)
            if resultaat is not None:  # None: validation is off and the API did not answer
                errors += self._apply_selectielijst(obj, zaaktype, resultaat)
        if "brondatum_archiefprocedure" in fields:
            errors += brondatum_errors(obj.brondatum_archiefprocedure)
        if errors:
            raise ValidationProblem(*errors)

        catalogus_changed = previous_catalogus_id is not None and previous_catalogus_id != zaaktype.catalogus_id
        besluittypen = informatieobjecttypen = None
        if "besluittypen" in fields:
            besluittypen = keys_from_input(ctx, BesluitType, "besluittypen", "omschrijving", zaaktype.catalogus_id, data.besluittypen, "besluittypen")
        elif catalogus_changed:
            self._ensure_besluittypen_in(ctx, obj, zaaktype.catalogus_id)
        if "informatieobjecttypen" in fields:
            informatieobjecttypen = []
            for index, url in enumerate(data.informatieobjecttypen):
                name = f"informatieobjecttypen.{index}" if len(data.informatieobjecttypen) > 1 else "informatieobjecttypen"
                iotype = resolve_local(ctx, url, InformatieObjectType, "informatieobjecttypen", name)
                ensure_same_catalogus(zaaktype.catalogus_id, iotype)
                if iotype.id not in informatieobjecttypen:
                    informatieobjecttypen.append(iotype.id)
        elif catalogus_changed:
            self._ensure_informatieobjecttypen_in(ctx, obj, zaaktype.catalogus_id)

        if creating:
            ctx.session.add(obj)
        ctx.session.flush()
        if besluittypen is not None:
            ctx.session.execute(delete(ResultaatTypeBesluitType).where(ResultaatTypeBesluitType.resultaattype_id == obj.id))
            if besluittypen:
                ctx.session.execute(
                    insert(ResultaatTypeBesluitType), [{"resultaattype_id": obj.id, "omschrijving": key} for key in besluittypen]
                )
        if informatieobjecttypen is not None:
            ctx.session.execute(
                delete(ResultaatTypeInformatieObjectType).where(ResultaatTypeInformatieObjectType.resultaattype_id == obj.id)
            )
            if informatieobjecttypen:
                ctx.session.execute(
                    insert(ResultaatTypeInformatieObjectType),
                    [{"resultaattype_id": obj.id, "informatieobjecttype_id": i} for i in informatieobjecttypen],
                )

    @staticmethod
    def _apply_selectielijst(obj: ResultaatType, zaaktype: ZaakType, resultaat: dict) -> list[InvalidParam]:
        """ztc-002: the selectielijstklasse belongs to the zaaktype's selectielijst procestype, and
        supplies archiefnominatie (waardering) and archiefactietermijn (bewaartermijn) when they are
        not given; ztc-003/004 via the resultaat's procestermijn."""
        errors = []
        if resultaat.get("procesType") != zaaktype.selectielijst_procestype:
            errors.append(
                InvalidParam(
                    "nonFieldErrors",
                    "procestype-mismatch",
                    "De selectielijstklasse hoort niet bij het selectielijstProcestype van het zaaktype.",
                )
            )
        if not obj.archiefnominatie and resultaat.get("waardering") in ("blijvend_bewaren", "vernietigen"):
            obj.archiefnominatie = resultaat["waardering"]
        bewaartermijn = resultaat.get("bewaartermijn")
        if obj.archiefactietermijn is None and isinstance(bewaartermijn, str) and _DURATION.match(bewaartermijn):
            obj.archiefactietermijn = bewaartermijn
        errors += afleidingswijze_errors(obj.brondatum_archiefprocedure, resultaat)
        return errors

    @staticmethod
    def _ensure_besluittypen_in(ctx: Context, obj: ResultaatType, catalogus_id: int) -> None:
        """ztc-013 when the zaaktype moves to another catalogus and the besluittypen stay."""
        keys = set(ctx.session.scalars(select(ResultaatTypeBesluitType.omschrijving).where(ResultaatTypeBesluitType.resultaattype_id == obj.id)))
        if not keys:
            return
        present = set(
            ctx.session.scalars(select(BesluitType.omschrijving).where(BesluitType.catalogus_id == catalogus_id, BesluitType.omschrijving.in_(keys)))
        )
        if keys - present:
            raise non_field("relations-incorrect-catalogus", "De besluittypen horen bij een andere catalogus dan het zaaktype.")

    @staticmethod
    def _ensure_informatieobjecttypen_in(ctx: Context, obj: ResultaatType, catalogus_id: int) -> None:
        other = ctx.session.scalar(
            select(InformatieObjectType.id)
            .join(ResultaatTypeInformatieObjectType, ResultaatTypeInformatieObjectType.informatieobjecttype_id == InformatieObjectType.id)
            .where(ResultaatTypeInformatieObjectType.resultaattype_id == obj.id, InformatieObjectType.catalogus_id != catalogus_id)
            .limit(1)
        )
        if other is not None:
            raise non_field("relations-incorrect-catalogus", "De informatieobjecttypen horen bij een andere catalogus dan het zaaktype.")


_BRONDATUM_KEYS = ("afleidingswijze", "datumkenmerk", "einddatumBekend", "objecttype", "registratie", "procestermijn")


def _brondatum_in(stored: dict | None, given, partial: bool) -> dict | None:
    """The stored brondatumArchiefprocedure; a PATCH changes only the sub-fields it sends."""
    if given is None:
        return None
    sent = given.model_dump(by_alias=True, include=given.model_fields_set) if partial and stored else given.model_dump(by_alias=True)
    base = dict(stored) if partial and stored else {}
    return {**base, **sent}


def _brondatum_out(stored: dict | None) -> dict | None:
    if stored is None:
        return None
    defaults = {"afleidingswijze": "", "datumkenmerk": "", "einddatumBekend": False, "objecttype": "", "registratie": "", "procestermijn": None}
    return {key: stored.get(key, defaults[key]) for key in _BRONDATUM_KEYS}
