import datetime as dt
import re

from sqlalchemy import select

from services.catalogi.besluittype.models import BesluitType
from services.catalogi.common import ensure_same_catalogus, keys_from_input, non_field, replace_links, today, versions_by_key
from services.catalogi.informatieobjecttype.models import InformatieObjectType
from services.catalogi.referentielijsten import referentielijsten
from services.catalogi.resultaattype.models import (
    ResultaatType,
    ResultaatTypeBesluitType,
    ResultaatTypeInformatieObjectType,
)
from services.catalogi.resultaattype.schemas import ResultaatTypeCreate
from services.catalogi.subtype import SubTypeService, resolve_many
from services.catalogi.zaakobjecttype.models import ZaakObjectTypeResultaatType
from services.catalogi.zaaktype.models import ZaakType
from shared.errors import InvalidParam, ValidationProblem
from shared.resources import Context

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
    afleidingswijze = brondatum.get("afleidingswijze", "")
    errors = []
    for field, required in _BRONDATUM_RULES.get(afleidingswijze, {}).items():
        if bool(brondatum.get(field)) == required:
            continue
        if required:
            errors.append(
                InvalidParam(f"{_BRONDATUM}.{field}", "required", f"Dit veld is verplicht bij afleidingswijze `{afleidingswijze}`.")
            )
        else:
            errors.append(
                InvalidParam(f"{_BRONDATUM}.{field}", "must-be-empty", f"Dit veld moet leeg zijn bij afleidingswijze `{afleidingswijze}`.")
            )
    return errors


def afleidingswijze_errors(brondatum: dict | None, resultaat: dict) -> list[InvalidParam]:
    """ztc-003/ztc-004: the selectielijst resultaat's procestermijn fixes the afleidingswijze:
    `nihil` <-> `afgehandeld`, `ingeschatte_bestaansduur_procesobject` <-> `termijn`; an empty
    procestermijn allows any."""
    procestermijn = resultaat.get("procestermijn")
    if not brondatum or not procestermijn:
        return []
    afleidingswijze = brondatum.get("afleidingswijze")
    if (procestermijn == "nihil") != (afleidingswijze == "afgehandeld") or (procestermijn == "ingeschatte_bestaansduur_procesobject") != (
        afleidingswijze == "termijn"
    ):
        return [
            InvalidParam(
                "nonFieldErrors",
                "invalid-afleidingswijze-for-procestermijn",
                f"Afleidingswijze `{afleidingswijze}` past niet bij selectielijst procestermijn `{procestermijn}`.",
            )
        ]
    return []


class ResultaatTypeService(SubTypeService):
    model = ResultaatType
    collection = "resultaattypen"
    plain_fields = (
        "omschrijving",
        "resultaattypeomschrijving",
        "selectielijstklasse",
        "toelichting",
        "archiefnominatie",
        "archiefactietermijn",
        "procesobjectaard",
        "indicatie_specifiek",
        "procestermijn",
    )
    put_fields = ("brondatum_archiefprocedure", "besluittypen", "informatieobjecttypen")
    has_catalogus = True

    # ------------------------------------------------------------ reads

    def load_page(self, ctx: Context, objects: list[ResultaatType]) -> tuple[dict, dict, dict]:
        ids = [r.id for r in objects]
        day: dt.date = getattr(ctx.request.state, "relation_day", None) or today()
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
        wanted = {(r.zaaktype.catalogus_id, k) for r in objects for k in besluittype_keys.get(r.id, [])}
        besluittypen = versions_by_key(ctx, BesluitType, "omschrijving", wanted, day)
        return besluittype_keys, iotypes, besluittypen

    def own_fields(self, ctx: Context, r: ResultaatType, page: tuple[dict, dict, dict]) -> dict:
        besluittype_keys, iotypes, besluittypen = page
        keys = besluittype_keys.get(r.id, [])
        found = [besluittypen.get((r.zaaktype.catalogus_id, key)) for key in keys]
        omschrijvingen: list[str] = []
        for _, omschrijving in iotypes.get(r.id, []):
            if omschrijving not in omschrijvingen:
                omschrijvingen.append(omschrijving)
        return {
            "omschrijving": r.omschrijving,
            "resultaattypeomschrijving": r.resultaattypeomschrijving,
            "omschrijvingGeneriek": r.omschrijving_generiek,
            "selectielijstklasse": r.selectielijstklasse,
            "toelichting": r.toelichting,
            "archiefnominatie": r.archiefnominatie,
            "archiefactietermijn": r.archiefactietermijn,
            "brondatumArchiefprocedure": _brondatum_out(r.brondatum_archiefprocedure),
            "procesobjectaard": r.procesobjectaard,
            "indicatieSpecifiek": r.indicatie_specifiek,
            "procestermijn": r.procestermijn,
            "besluittypen": [ctx.url("besluittypen", b.uuid) for b in found if b is not None],
            "besluittypeOmschrijving": keys,
            "informatieobjecttypen": [ctx.url("informatieobjecttypen", u) for u, _ in iotypes.get(r.id, [])],
            "informatieobjecttypeOmschrijving": omschrijvingen,
        }

    # ------------------------------------------------------------ rules

    def referenced_by(self, obj: ResultaatType):
        return [
            (
                select(ZaakObjectTypeResultaatType.zaakobjecttype_id).where(ZaakObjectTypeResultaatType.resultaattype_id == obj.id),
                "zaakobjecttypen",
            ),
        ]

    def validate(
        self, ctx: Context, obj: ResultaatType, data: ResultaatTypeCreate, fields: set[str], *, creating: bool, moved: bool, partial: bool
    ):
        zaaktype: ZaakType = obj.zaaktype
        if "brondatum_archiefprocedure" in fields:
            obj.brondatum_archiefprocedure = _brondatum_in(obj.brondatum_archiefprocedure, data.brondatum_archiefprocedure, partial)

        lijsten = referentielijsten(ctx)
        if "resultaattypeomschrijving" in fields:
            # ztc-002: omschrijvingGeneriek is the omschrijving of the generic resultaattypeomschrijving
            generiek = lijsten.resultaattypeomschrijving(obj.resultaattypeomschrijving)
            obj.omschrijving_generiek = str(generiek.get("omschrijving") or "")[:80] if generiek else ""

        # ztc-004..008: the field errors of brondatumArchiefprocedure first, then the selectielijst's
        errors: list[InvalidParam] = []
        if "brondatum_archiefprocedure" in fields:
            errors += brondatum_errors(obj.brondatum_archiefprocedure)
        if fields & _SELECTIELIJST_FIELDS:
            resultaat = lijsten.resultaat(obj.selectielijstklasse)
            if resultaat is not None:  # None: validation is off and the API did not answer
                errors += self._apply_selectielijst(obj, zaaktype, resultaat)
        if errors:
            raise ValidationProblem(*errors)

        besluittypen = informatieobjecttypen = None
        if "besluittypen" in fields:
            besluittypen = keys_from_input(
                ctx, BesluitType, "besluittypen", "omschrijving", zaaktype.catalogus_id, data.besluittypen, "besluittypen"
            )
        elif moved:
            self._ensure_besluittypen_in(ctx, obj, zaaktype.catalogus_id)
        if "informatieobjecttypen" in fields:
            iotypes = resolve_many(ctx, data.informatieobjecttypen, InformatieObjectType, "informatieobjecttypen", "informatieobjecttypen")
            for iotype in iotypes:
                ensure_same_catalogus(zaaktype.catalogus_id, iotype)  # ztc-013
            informatieobjecttypen = [i.id for i in iotypes]
        elif moved:
            self._ensure_informatieobjecttypen_in(ctx, obj, zaaktype.catalogus_id)
        return besluittypen, informatieobjecttypen

    def write_relations(self, ctx: Context, obj: ResultaatType, relations: tuple[list[str] | None, list[int] | None]) -> None:
        besluittypen, informatieobjecttypen = relations
        replace_links(ctx, ResultaatTypeBesluitType, "resultaattype_id", obj.id, besluittypen, "omschrijving")
        replace_links(ctx, ResultaatTypeInformatieObjectType, "resultaattype_id", obj.id, informatieobjecttypen, "informatieobjecttype_id")

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
        keys = set(
            ctx.session.scalars(select(ResultaatTypeBesluitType.omschrijving).where(ResultaatTypeBesluitType.resultaattype_id == obj.id))
        )
        if not keys:
            return
        present = set(
            ctx.session.scalars(
                select(BesluitType.omschrijving).where(BesluitType.catalogus_id == catalogus_id, BesluitType.omschrijving.in_(keys))
            )
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
    defaults = {
        "afleidingswijze": "",
        "datumkenmerk": "",
        "einddatumBekend": False,
        "objecttype": "",
        "registratie": "",
        "procestermijn": None,
    }
    return {key: stored.get(key, defaults[key]) for key in _BRONDATUM_KEYS}
