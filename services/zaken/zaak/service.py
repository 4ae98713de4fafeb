"""Zaken: queries, the rules of the standard on a zaak (zrc-001, -002, -009 .. -015, -022, -023)
and its representation."""

import datetime as dt
import functools
import re
import uuid as uuid_module
from typing import Any

from pydantic import BaseModel
from sqlalchemy import (
    DateTime,
    Select,
    and_,
    bindparam,
    cast,
    delete,
    exists,
    func,
    literal,
    null,
    select,
    union_all,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from services.zaken.access import (
    SCOPE_AANMAKEN,
    SCOPE_LEZEN,
    SCOPE_VERWIJDEREN,
    WRITE,
    allows,
    ensure_allowed,
    ensure_open_or_forced,
    may_reach_by_catalogus,
    visible_clause,
)
from services.zaken.catalogi import catalogi
from services.zaken.common import (
    KANAAL,
    local_uuid,
    record_change,
    resolve_zaak,
    zaak_by_uuid,
    zaak_kenmerken,
    zaak_url,
    zaak_weergave,
)
from services.zaken.db import audittrail, outbox
from services.zaken.resultaat.models import Resultaat
from services.zaken.rol.models import Rol
from services.zaken.status.models import Status
from services.zaken.zaak.models import Zaak, ZaakTelling
from services.zaken.zaak.schemas import BETALINGSINDICATIE_WEERGAVE, ZaakRequest
from services.zaken.zaakbesluit.models import ZaakBesluit
from services.zaken.zaakeigenschap.models import ZaakEigenschap
from services.zaken.zaakinformatieobject.models import ZaakInformatieObject
from services.zaken.zaakobject.models import ZaakObject
from shared.auth import VERTROUWELIJKHEID_RANK
from shared.db import in_list, is_postgresql, uuid_text
from shared.errors import InvalidParam, PermissionDenied, ValidationProblem
from shared.fields import add_duration, parse_day
from shared.pagination import fetch_records
from shared.resources import Context, split_commas

ORDERING = {
    "startdatum": Zaak.startdatum,
    "einddatum": Zaak.einddatum,
    "publicatiedatum": Zaak.publicatiedatum,
    "archiefactiedatum": Zaak.archiefactiedatum,
    "registratiedatum": Zaak.registratiedatum,
    "identificatie": Zaak.identificatie,
}

# rol__betrokkeneIdentificatie__<type>__<field> -> the Rol column holding that value
ROL_IDENTIFICATIE_FILTERS = {
    "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": Rol.inp_bsn,
    "rol__betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie": Rol.anp_identificatie,
    "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer": Rol.inp_a_nummer,
    "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId": Rol.inn_nnp_id,
    "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie": Rol.ann_identificatie,
    "rol__betrokkeneIdentificatie__vestiging__vestigingsNummer": Rol.vestigings_nummer,
    "rol__betrokkeneIdentificatie__medewerker__identificatie": Rol.medewerker_identificatie,
    "rol__betrokkeneIdentificatie__organisatorischeEenheid__identificatie": Rol.organisatorische_eenheid_identificatie,
}

# date filters: name -> (column, comparison)
_DATE_FILTERS: dict[str, tuple[Any, str]] = {}
for _name, _column in (
    ("archiefactiedatum", Zaak.archiefactiedatum),
    ("startdatum", Zaak.startdatum),
    ("registratiedatum", Zaak.registratiedatum),
    ("einddatum", Zaak.einddatum),
    ("einddatumGepland", Zaak.einddatum_gepland),
    ("uiterlijkeEinddatumAfdoening", Zaak.uiterlijke_einddatum_afdoening),
):
    for _suffix in ("", "__gt", "__gte", "__lt", "__lte"):
        _DATE_FILTERS[_name + _suffix] = (_column, _suffix or "__eq")
_COMPARE = {
    "__eq": lambda c, v: c == v,
    "__gt": lambda c, v: c > v,
    "__gte": lambda c, v: c >= v,
    "__lt": lambda c, v: c < v,
    "__lte": lambda c, v: c <= v,
}

IDENTIFICATIE_PREFIX = "ZAAK"


# ---------------------------------------------------------------- reads


def present_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """The filters given: absent is None, "" or [] (django-filter treats an empty value as no filter)."""
    return {k: v for k, v in filters.items() if v is not None and v != "" and v != []}


def count_unfiltered(ctx: Context, filters: dict[str, Any]) -> Select | None:
    """The statement that counts the zaken this client may see (zrc-006) exactly from
    `zaak_telling` when no filter narrows the list (for `fetch_page`); None when one does (then
    the page query is counted)."""
    if present_filters(filters):
        return None
    visible = visible_clause(ctx.principal, ZaakTelling, (SCOPE_LEZEN,))
    return select(func.coalesce(func.sum(ZaakTelling.aantal), 0)).where(visible)


def apply_filters(query: Select, filters: dict[str, Any]) -> Select:
    """Every filter of `zaak_list` and `_zoek` (`__in` values as lists); None means absent."""
    f = present_filters(filters)
    if "identificatie" in f:
        query = query.where(Zaak.identificatie == f["identificatie"])
    if "bronorganisatie" in f:
        query = query.where(Zaak.bronorganisatie == f["bronorganisatie"])
    if "bronorganisatie__in" in f:
        query = query.where(Zaak.bronorganisatie.in_(f["bronorganisatie__in"]))
    if "zaaktype" in f:
        query = query.where(Zaak.zaaktype == f["zaaktype"])
    if "zaaktype__in" in f:
        query = query.where(Zaak.zaaktype.in_(f["zaaktype__in"]))
    if "uuid__in" in f:
        # validated UUIDs, rendered inline: a long list is no problem for the parameter limit
        uuids = sorted(set(f["uuid__in"]), key=str)
        query = query.where(Zaak.uuid.in_(bindparam("uuid_in", uuids, expanding=True, literal_execute=True)))
    if "archiefnominatie" in f:
        query = query.where(Zaak.archiefnominatie == f["archiefnominatie"])
    if "archiefnominatie__in" in f:
        query = query.where(Zaak.archiefnominatie.in_(f["archiefnominatie__in"]))
    if "archiefstatus" in f:
        query = query.where(Zaak.archiefstatus == f["archiefstatus"])
    if "archiefstatus__in" in f:
        query = query.where(Zaak.archiefstatus.in_(f["archiefstatus__in"]))
    for name in ("archiefactiedatum__isnull", "einddatum__isnull"):
        if name in f:
            column = Zaak.archiefactiedatum if name.startswith("archief") else Zaak.einddatum
            query = query.where(column.is_(None) if f[name] else column.is_not(None))
    for name, (column, comparison) in _DATE_FILTERS.items():
        if name in f:
            query = query.where(_COMPARE[comparison](column, parse_day(str(f[name]), name)))
    if "maximaleVertrouwelijkheidaanduiding" in f:
        query = query.where(Zaak.vertrouwelijkheid_rank <= VERTROUWELIJKHEID_RANK[f["maximaleVertrouwelijkheidaanduiding"]])
    # the rol__ filters hold for one and the same rol of the zaak
    rol_conditions = []
    if "rol__betrokkeneType" in f:
        rol_conditions.append(Rol.betrokkene_type == f["rol__betrokkeneType"])
    if "rol__betrokkene" in f:
        rol_conditions.append(Rol.betrokkene == f["rol__betrokkene"])
    if "rol__omschrijvingGeneriek" in f:
        rol_conditions.append(Rol.omschrijving_generiek == f["rol__omschrijvingGeneriek"])
    for name, column in ROL_IDENTIFICATIE_FILTERS.items():
        if name in f:
            rol_conditions.append(column == f[name])
    if rol_conditions:
        query = query.where(exists(select(Rol.id).where(Rol.zaak_id == Zaak.id, *rol_conditions)))
    return query


def order(query: Select, ordering: list[str]) -> Select:
    """`ordering` (± startdatum, einddatum, ...); newest first when absent, as the reference implementation.
    NULL sorts as the largest value (last ascending, first descending: PostgreSQL's order, which
    the reference implementation inherits), on every database alike."""
    columns = []
    for item in ordering:
        name = item.removeprefix("-")
        if name not in ORDERING:
            raise ValidationProblem.field("ordering", "invalid_choice", f"Onbekend veld voor ordering: {item}.")
        column = ORDERING[name]
        columns.append(column.desc().nulls_first() if item.startswith("-") else column.asc().nulls_last())
    return query.order_by(*columns, Zaak.id.desc())


def query_filters(filters: BaseModel) -> dict[str, Any]:
    """The list's query parameters as `apply_filters` takes them (comma-separated `__in` split)."""
    values = filters.model_dump()
    for name in ("bronorganisatie__in", "archiefnominatie__in", "archiefstatus__in"):
        if values.get(name) is not None:
            values[name] = split_commas(values[name])
    return values


def visible_zaken(ctx: Context, scopes=(SCOPE_LEZEN,)) -> Select:
    return select(Zaak).where(visible_clause(ctx.principal, Zaak, scopes))


@functools.cache
def row_columns(postgresql: bool) -> tuple:
    """The zaak table's columns, for rows only serialised (a list page, a detail): their names
    are the model's attributes, which is all `serialize` reads; the uuid by `uuid_text`."""
    return tuple(uuid_text(c, postgresql) if c.key == "uuid" else c for c in Zaak.__table__.columns)


def get_zaak(ctx: Context, object_uuid: uuid_module.UUID, scopes: tuple[str, ...], *, read_only: bool = False) -> Zaak | None:
    """A zaak by uuid; 403 when the client holds none of `scopes` for it (zrc-006). `read_only`:
    its row as a named tuple (to serialise: no ORM loading), not a Zaak to change."""
    if read_only:
        zaak = next(iter(fetch_records(ctx.session, _row_by_uuid(is_postgresql(ctx.session)), {"uuid": object_uuid})), None)
    else:
        zaak = zaak_by_uuid(ctx, object_uuid)
    if zaak is not None:
        ensure_allowed(ctx.principal, scopes, zaak)
    return zaak


@functools.cache
def _row_by_uuid(postgresql: bool) -> Select:
    """A zaak's row by `uuid`, built once per dialect: building and cache-keying a statement of
    the zaak's 41 columns cost ~120 µs of every detail request."""
    return select(*row_columns(postgresql)).where(Zaak.uuid == bindparam("uuid"))


@functools.cache
def _relations_statement(postgresql: bool):
    """The read-only relations of a page of zaken (`ids`) in one query, a UNION over the
    sub-resources; built once per dialect (building it per request cost more than running it)."""
    deelzaak = aliased(Zaak)

    def of_page(column):
        return in_list(column, postgresql, name="ids")

    def as_text(column):
        return uuid_text(column, postgresql)

    parts = [
        select(literal("deelzaken").label("kind"), deelzaak.hoofdzaak_id.label("zaak_id"), as_text(deelzaak.uuid).label("uuid"), null_moment().label("moment"), deelzaak.id.label("id")).where(of_page(deelzaak.hoofdzaak_id)),
        select(literal("eigenschappen"), ZaakEigenschap.zaak_id, as_text(ZaakEigenschap.uuid), null_moment(), ZaakEigenschap.id).where(of_page(ZaakEigenschap.zaak_id)),
        select(literal("rollen"), Rol.zaak_id, as_text(Rol.uuid), null_moment(), Rol.id).where(of_page(Rol.zaak_id)),
        select(literal("zaakinformatieobjecten"), ZaakInformatieObject.zaak_id, as_text(ZaakInformatieObject.uuid), null_moment(), ZaakInformatieObject.id).where(of_page(ZaakInformatieObject.zaak_id)),
        select(literal("zaakobjecten"), ZaakObject.zaak_id, as_text(ZaakObject.uuid), null_moment(), ZaakObject.id).where(of_page(ZaakObject.zaak_id)),
        select(literal("resultaat"), Resultaat.zaak_id, as_text(Resultaat.uuid), null_moment(), Resultaat.id).where(of_page(Resultaat.zaak_id)),
        select(literal("status"), Status.zaak_id, as_text(Status.uuid), Status.datum_status_gezet, Status.id).where(of_page(Status.zaak_id)),
    ]  # fmt: skip
    return union_all(*parts).order_by("kind", "id")


def _related_urls(ctx: Context, zaken: list[Zaak]) -> dict[int, dict[str, Any]]:
    """The read-only relations of a page of zaken, in one query."""
    statement = _relations_statement(is_postgresql(ctx.session))
    rows = ctx.session.connection().execute(statement, {"ids": [z.id for z in zaken]})  # Core: no ORM result handling
    related = _no_relations(zaken)
    uuids = {z.id: z.uuid for z in zaken}
    latest: dict[int, tuple] = {}
    base = ctx.api_root_url
    for kind, zaak_id, object_uuid, moment, row_id in rows:
        entry = related[zaak_id]
        if kind == "deelzaken":
            entry[kind].append(f"{base}/zaken/{object_uuid}")
        elif kind == "eigenschappen":
            entry[kind].append(f"{base}/zaken/{uuids[zaak_id]}/zaakeigenschappen/{object_uuid}")
        elif kind in ("rollen", "zaakinformatieobjecten", "zaakobjecten"):
            entry[kind].append(f"{base}/{kind}/{object_uuid}")
        elif kind == "resultaat":
            entry[kind] = f"{base}/resultaten/{object_uuid}"
        else:  # the current status: the latest datumStatusGezet
            key = (_aware(moment), row_id)
            if zaak_id not in latest or key > latest[zaak_id]:
                latest[zaak_id] = key
                entry[kind] = f"{base}/statussen/{object_uuid}"
    return related


def null_moment():
    return cast(null(), DateTime(timezone=True))


def _aware(moment) -> dt.datetime:
    if isinstance(moment, str):  # SQLite returns a UNION's datetime as text
        moment = dt.datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _no_relations(zaken: list[Zaak]) -> dict[int, dict[str, Any]]:
    return {
        z.id: {
            "deelzaken": [],
            "eigenschappen": [],
            "rollen": [],
            "zaakinformatieobjecten": [],
            "zaakobjecten": [],
            "resultaat": None,
            "status": None,
        }
        for z in zaken
    }


def serialize(ctx: Context, zaken: list[Zaak], *, new: bool = False) -> list[dict]:
    """The zaken as the API shows them; `new`: just created, so nothing hangs on them yet (no query)."""
    if not zaken:
        return []
    related = _no_relations(zaken) if new else _related_urls(ctx, zaken)
    hoofdzaak_ids = {z.hoofdzaak_id for z in zaken if z.hoofdzaak_id}
    hoofdzaken = dict(ctx.session.execute(select(Zaak.id, Zaak.uuid).where(Zaak.id.in_(hoofdzaak_ids))).all()) if hoofdzaak_ids else {}
    base = ctx.api_root_url
    return [_to_json(base, z, related[z.id], hoofdzaken) for z in zaken]


def _to_json(base: str, z: Zaak, related: dict, hoofdzaken: dict) -> dict:
    return {
        "url": f"{base}/zaken/{z.uuid}",
        "uuid": str(z.uuid),
        "identificatie": z.identificatie,
        "bronorganisatie": z.bronorganisatie,
        "omschrijving": z.omschrijving,
        "toelichting": z.toelichting,
        "zaaktype": z.zaaktype,
        "registratiedatum": z.registratiedatum.isoformat(),
        "verantwoordelijkeOrganisatie": z.verantwoordelijke_organisatie,
        "startdatum": z.startdatum.isoformat(),
        "einddatum": _iso(z.einddatum),
        "einddatumGepland": _iso(z.einddatum_gepland),
        "uiterlijkeEinddatumAfdoening": _iso(z.uiterlijke_einddatum_afdoening),
        "publicatiedatum": _iso(z.publicatiedatum),
        "communicatiekanaal": z.communicatiekanaal,
        "productenOfDiensten": list(z.producten_of_diensten or []),
        "vertrouwelijkheidaanduiding": z.vertrouwelijkheidaanduiding,
        "betalingsindicatie": z.betalingsindicatie,
        "betalingsindicatieWeergave": BETALINGSINDICATIE_WEERGAVE.get(z.betalingsindicatie, ""),
        "laatsteBetaaldatum": _iso_moment(z.laatste_betaaldatum),
        "zaakgeometrie": z.zaakgeometrie,
        # zrc-012: the nested structure is always there
        "verlenging": {"reden": z.verlenging_reden, "duur": z.verlenging_duur},
        "opschorting": {"indicatie": z.opschorting_indicatie, "reden": z.opschorting_reden},
        "selectielijstklasse": z.selectielijstklasse,
        "hoofdzaak": f"{base}/zaken/{hoofdzaken[z.hoofdzaak_id]}" if z.hoofdzaak_id else None,
        "deelzaken": related["deelzaken"],
        "relevanteAndereZaken": list(z.relevante_andere_zaken or []),
        "eigenschappen": related["eigenschappen"],
        "rollen": related["rollen"],
        "status": related["status"],
        "zaakinformatieobjecten": related["zaakinformatieobjecten"],
        "zaakobjecten": related["zaakobjecten"],
        "kenmerken": list(z.kenmerken or []),
        "archiefnominatie": z.archiefnominatie,
        "archiefstatus": z.archiefstatus,
        "archiefactiedatum": _iso(z.archiefactiedatum),
        "resultaat": related["resultaat"],
        "opdrachtgevendeOrganisatie": z.opdrachtgevende_organisatie,
        "processobjectaard": z.processobjectaard,
        "startdatumBewaartermijn": _iso(z.startdatum_bewaartermijn),
        "processobject": z.processobject,
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _iso_moment(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    return as_utc(moment).isoformat().replace("+00:00", "Z")


def as_utc(moment: dt.datetime) -> dt.datetime:
    """Moments are stored in UTC (SQLite keeps no offset, so a naive value read back is UTC); a
    moment given without offset is taken as UTC."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


# ---------------------------------------------------------------- rules


def ensure_hoofdzaak(ctx: Context, zaak: Zaak | None, url: str) -> Zaak:
    """zrc-013: the hoofdzaak is a zaak of this API, not the zaak itself, and not a deelzaak."""
    hoofdzaak = resolve_zaak(ctx, url, "hoofdzaak", missing_code="does_not_exist")
    if zaak is not None and hoofdzaak.id == zaak.id:
        raise ValidationProblem.field("hoofdzaak", "self-forbidden", "De 'hoofdzaak' mag niet naar de zaak zelf verwijzen.")
    if hoofdzaak.hoofdzaak_id is not None:
        raise ValidationProblem.field("hoofdzaak", "deelzaak-als-hoofdzaak", "Deelzaken van deelzaken wordt niet ondersteund.")
    # the other way round: a zaak with deelzaken of its own does not become a deelzaak
    if (
        zaak is not None
        and zaak.hoofdzaak_id != hoofdzaak.id
        and ctx.session.scalar(select(Zaak.id).where(Zaak.hoofdzaak_id == zaak.id).limit(1)) is not None
    ):
        raise ValidationProblem.field("hoofdzaak", "deelzaak-als-hoofdzaak", "Deelzaken van deelzaken wordt niet ondersteund.")
    return hoofdzaak


def ensure_betaling(betalingsindicatie: str, laatste_betaaldatum: dt.datetime | None, given: bool) -> None:
    """zrc-014: with betalingsindicatie `nvt` there is no laatsteBetaaldatum (and switching to `nvt`
    clears it: see `apply`). A betaaldatum lies not in the future."""
    if laatste_betaaldatum is None or not given:
        return
    if betalingsindicatie == "nvt":
        raise ValidationProblem.field(
            "laatsteBetaaldatum", "betaling-nvt", 'Laatste betaaldatum kan niet gezet worden als de betalingsindicatie "nvt" is.'
        )
    moment = laatste_betaaldatum if laatste_betaaldatum.tzinfo else laatste_betaaldatum.replace(tzinfo=dt.UTC)
    if moment > dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5):
        raise ValidationProblem.field("laatsteBetaaldatum", "future_not_allowed", "Deze datum mag niet in de toekomst liggen.")


def ensure_producten_of_diensten(producten: list[str], zaaktype: dict) -> None:
    """zrc-015: productenOfDiensten is a subset of those of the zaaktype."""
    allowed = set(zaaktype.get("productenOfDiensten") or [])
    if set(producten) - allowed:
        raise ValidationProblem.field(
            "productenOfDiensten",
            "invalid-products-services",
            "Niet alle producten/diensten komen voor in de producten/diensten op het zaaktype.",
        )


def ensure_relevante_andere_zaken(ctx: Context, relaties: list) -> None:
    """zrc-011: every relevanteAndereZaken[i].url resolves to a zaak (ours, or of another Zaken API)."""
    problems = []
    for index, relatie in enumerate(relaties):
        url = relatie.url
        object_uuid = local_uuid(ctx, url, "zaken")
        if object_uuid is not None and url.startswith(ctx.api_root_url):
            if ctx.session.scalar(select(Zaak.id).where(Zaak.uuid == object_uuid)) is None:
                problems.append(
                    InvalidParam(f"relevanteAndereZaken.{index}.url", "bad-url", f"De URL {url} verwijst niet naar een bestaande zaak.")
                )
            continue
        try:
            data = catalogi(ctx).fetch_json(url, f"relevanteAndereZaken.{index}.url", "Zaken API")
        except ValidationProblem as exc:
            problems.extend(exc.invalid_params)
            continue
        if not isinstance(data, dict) or not {"url", "zaaktype", "bronorganisatie"} <= set(data):
            problems.append(
                InvalidParam(f"relevanteAndereZaken.{index}.url", "invalid-resource", f"De URL {url} verwijst niet naar een zaak.")
            )
    if problems:
        raise ValidationProblem(*problems)


def ensure_communicatiekanaal(ctx: Context, url: str) -> None:
    """zrc-010: communicatiekanaal is a communicatiekanaal of the Referentielijsten API."""
    data = catalogi(ctx).fetch_json(url, "communicatiekanaal", "Referentielijsten API")
    if not isinstance(data, dict) or not {"url", "naam", "omschrijving"} <= set(data):
        raise ValidationProblem.field("communicatiekanaal", "invalid-resource", f"De URL {url} verwijst niet naar een communicatiekanaal.")


SELECTIELIJST_RESULTAAT = ("url", "procesType", "nummer", "naam", "waardering")


def ensure_selectielijstklasse(ctx: Context, url: str) -> None:
    """selectielijstklasse is a resultaat of the Selectielijst (Referentielijsten API): `bad-url`
    when it does not answer, `invalid-resource` when it is something else (vng-api-common
    ResourceValidator('Resultaat'))."""
    data = catalogi(ctx).fetch_json(url, "selectielijstklasse", "Referentielijsten API")
    if not isinstance(data, dict) or any(key not in data for key in SELECTIELIJST_RESULTAAT):
        raise ValidationProblem.field(
            "selectielijstklasse", "invalid-resource", f"De URL {url} verwijst niet naar een selectielijst-resultaat."
        )


def ensure_archiefstatus(
    ctx: Context, zaak: Zaak | None, archiefstatus: str, archiefnominatie: str | None, archiefactiedatum: dt.date | None
) -> None:
    """zrc-022: a zaak leaves `nog_te_archiveren` only with archiefnominatie and archiefactiedatum
    set and (for an existing zaak) every informatieobject `gearchiveerd`."""
    if archiefstatus == "nog_te_archiveren":
        return
    if zaak is not None:
        urls = ctx.session.scalars(select(ZaakInformatieObject.informatieobject).where(ZaakInformatieObject.zaak_id == zaak.id)).all()
        for url in urls:
            document = catalogi(ctx).fetch_json(url, "archiefstatus", "Documenten API")
            if not isinstance(document, dict) or document.get("status") != "gearchiveerd":
                raise ValidationProblem.field(
                    "archiefstatus",
                    "documents-not-archived",
                    "Er zijn gerelateerde informatieobjecten waarvan de `status` nog niet gelijk is aan `gearchiveerd`.",
                )
    if not archiefnominatie:
        raise ValidationProblem.field(
            "archiefnominatie",
            "archiefnominatie-not-set",
            "Moet van een waarde voorzien zijn als de 'Archiefstatus' een waarde heeft anders dan 'nog_te_archiveren'.",
        )
    if archiefactiedatum is None:
        raise ValidationProblem.field(
            "archiefactiedatum",
            "archiefactiedatum-not-set",
            "Moet van een waarde voorzien zijn als de 'Archiefstatus' een waarde heeft anders dan 'nog_te_archiveren'.",
        )


def ensure_unique_identificatie(ctx: Context, bronorganisatie: str, identificatie: str, zaak: Zaak | None) -> None:
    """zrc-002: identificatie is unique per bronorganisatie."""
    query = select(Zaak.id).where(Zaak.bronorganisatie == bronorganisatie, Zaak.identificatie == identificatie)
    if zaak is not None:
        query = query.where(Zaak.id != zaak.id)
    if ctx.session.scalar(query) is not None:
        raise_identificatie_taken(identificatie)


def raise_identificatie_taken(identificatie: str):
    raise ValidationProblem.field(
        "identificatie", "identificatie-niet-uniek", f"Deze identificatie ({identificatie}) bestaat al voor deze bronorganisatie."
    )


def derive_planned_dates(data: ZaakRequest, zaaktype: dict, fields: set[str]) -> dict[str, dt.date | None]:
    """When omitted: uiterlijkeEinddatumAfdoening = startdatum + the zaaktype's doorlooptijd (the
    legal term), einddatumGepland = startdatum + its servicenorm (the organisation's own, shorter
    norm), or the doorlooptijd where it has none."""
    derived = {}
    doorlooptijd, servicenorm = zaaktype.get("doorlooptijd"), zaaktype.get("servicenorm")
    if "uiterlijkeEinddatumAfdoening" not in fields and doorlooptijd:
        derived["uiterlijke_einddatum_afdoening"] = _plus(data.startdatum, doorlooptijd)
    if "einddatumGepland" not in fields and (servicenorm or doorlooptijd):
        derived["einddatum_gepland"] = _plus(data.startdatum, servicenorm or doorlooptijd)
    return {k: v for k, v in derived.items() if v is not None}


def _plus(day: dt.date, duration: str) -> dt.date | None:
    try:
        return add_duration(day, duration)
    except (ValueError, OverflowError):
        return None  # a Catalogi API with a duration we cannot read: leave the date to the client


# ---------------------------------------------------------------- identificatie


def format_identificatie(year: int, number: int) -> str:
    """zrc-002: `ZAAK-<year>-<10 digits>`, as the reference implementation."""
    return f"{IDENTIFICATIE_PREFIX}-{year}-{number:010d}"


def generate_identificatie(ctx: Context, registratiedatum: dt.date) -> str:
    """zrc-002: `ZAAK-<year of registratiedatum>-<10 digits>`, as the reference implementation,
    numbered by a counter row per year that concurrent creates take in turn.

    On PostgreSQL the number is taken by one statement in autocommit, outside the create's
    transaction: there the counter row stayed locked until that create committed, so creates ran
    one at a time; and in a transaction of its own committed by the client the row stayed locked
    from the UPDATE's answer until the COMMIT, i.e. while the thread waited for the interpreter
    lock behind the worker's other requests. In autocommit PostgreSQL commits at the end of the
    statement itself. A zaak create that fails later leaves a gap in the numbers, which zrc-002
    allows (unique identificaties, not consecutive ones). That commit does not wait for its WAL
    flush (synchronous_commit off for that statement's transaction alone): a zaak that holds the
    number commits later, synchronously, and flushing its commit record flushes the counter's
    earlier one with it, so no number a durable zaak holds can be handed out again after a
    crash. The statement's connection comes from `Database.side_engine`. SQLite has one writer at
    a time anyway, and a second connection would wait for the create's own write lock."""
    session = ctx.session
    year = registratiedatum.year
    if not is_postgresql(session):
        return format_identificatie(year, _take_number(session, year))
    side = ctx.request.app.state.db.side_engine  # not the request's pool (Database.side_engine says why)
    with side.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        number = connection.scalar(_next_number(flushed_later=True), {"year": year})
    if number is None:  # the year's first zaak: its counter row is made in a transaction of its own
        with Session(side) as own:
            number = _take_number(own, year, flushed_later=True)
            own.commit()
    return format_identificatie(year, number)


@functools.cache
def _next_number(flushed_later: bool = False):
    """The UPDATE that takes the next number of the year `year` (no row: the year has no counter
    yet), built once; `flushed_later` (PostgreSQL): its transaction's commit need not wait for its
    WAL flush (`synchronous_commit` off for that transaction, set in the same statement)."""
    from services.zaken.zaak.models import IdentificatieTeller

    statement = (
        update(IdentificatieTeller)
        .where(IdentificatieTeller.jaar == bindparam("year"))
        .values(laatste=IdentificatieTeller.laatste + 1)
        .returning(IdentificatieTeller.laatste)
    )
    if flushed_later:
        statement = statement.where(func.set_config("synchronous_commit", "off", True) == "off")
    return statement


def _take_number(session: Session, year: int, *, flushed_later: bool = False) -> int:
    """The year's next number in the session's transaction, making the year's counter row first
    where there is none."""
    from services.zaken.zaak.models import IdentificatieTeller

    for _ in range(3):
        number = session.scalar(_next_number(flushed_later), {"year": year})
        if number is not None:
            return number
        # the first zaak of the year: start after what exists (e.g. zaken imported with identificaties)
        try:
            with session.begin_nested():
                session.add(IdentificatieTeller(jaar=year, laatste=_highest_number(session, year)))
        except IntegrityError:
            pass  # another create made the row first; take a number from it
    raise RuntimeError("could not number the zaak")


def _highest_number(session: Session, year: int) -> int:
    prefix = f"{IDENTIFICATIE_PREFIX}-{year}-"
    pattern = re.compile(rf"{re.escape(prefix)}(\d{{10}})")
    highest = 0
    for identificatie in session.scalars(select(Zaak.identificatie).where(Zaak.identificatie.like(prefix + "%"))):
        match = pattern.fullmatch(identificatie)
        if match:
            highest = max(highest, int(match.group(1)))
    return highest


# ---------------------------------------------------------------- writes


class ZaakService:
    resource = "zaak"

    def create(self, ctx: Context, data: ZaakRequest) -> dict:
        """A new zaak; returns it as the API shows it (also what its audit record holds)."""
        fields = data.model_fields_set
        # zrc-006: the client may create zaken of this zaaktype (and vertrouwelijkheid, when given);
        # with a catalogus autorisatie only the zaaktype tells its catalogus, so that is read first
        if not (
            allows(ctx.principal, (SCOPE_AANMAKEN,), data.zaaktype, data.vertrouwelijkheidaanduiding)
            or may_reach_by_catalogus(ctx.principal, (SCOPE_AANMAKEN,))
        ):
            raise PermissionDenied()
        zaaktype = catalogi(ctx).zaaktype(data.zaaktype)  # zrc-001
        # the catalogus autorisaties extension: the zaak keeps its zaaktype's catalogus
        zaaktype_catalogus = zaaktype.get("catalogus") or None
        if not isinstance(zaaktype_catalogus, str):
            zaaktype_catalogus = None
        # zrc-009: vertrouwelijkheidaanduiding from the zaaktype when omitted
        vertrouwelijkheid = data.vertrouwelijkheidaanduiding or zaaktype["vertrouwelijkheidaanduiding"]
        if not allows(ctx.principal, (SCOPE_AANMAKEN,), data.zaaktype, vertrouwelijkheid, zaaktype_catalogus):
            raise PermissionDenied()
        self.validate(ctx, None, data, fields, zaaktype)
        zaak = Zaak(
            uuid=uuid_module.uuid4(),
            zaaktype=data.zaaktype,
            zaaktype_catalogus=zaaktype_catalogus,
            bronorganisatie=data.bronorganisatie,
        )
        self.apply(ctx, zaak, data, fields, vertrouwelijkheid)
        for column, value in derive_planned_dates(data, zaaktype, fields).items():
            setattr(zaak, column, value)
        zaak.registratiedatum = data.registratiedatum or dt.date.today()
        self.insert(ctx, zaak, data.identificatie)
        nieuw = serialize(ctx, [zaak], new=True)[0]
        record_change(
            ctx,
            zaak,
            resource=self.resource,
            resource_url=nieuw["url"],
            actie="create",
            oud=None,
            nieuw=nieuw,
            weergave=zaak_weergave(zaak),
        )
        return nieuw

    def insert(self, ctx: Context, zaak: Zaak, identificatie: str | None) -> None:
        """zrc-002: a given identificatie must be free; a generated one always is (the database's
        unique constraint decides between concurrent creates)."""
        if identificatie:
            ensure_unique_identificatie(ctx, zaak.bronorganisatie, identificatie, None)
            zaak.identificatie = identificatie
            try:
                with ctx.session.begin_nested():
                    ctx.session.add(zaak)
            except IntegrityError:
                raise_identificatie_taken(identificatie)
            return
        for _ in range(5):
            zaak.identificatie = generate_identificatie(ctx, zaak.registratiedatum)
            try:
                with ctx.session.begin_nested():
                    ctx.session.add(zaak)
                return
            except IntegrityError:
                continue  # a client chose this number as its own identificatie: take the next
        raise_identificatie_taken(zaak.identificatie)

    def update(self, ctx: Context, zaak: Zaak, data: BaseModel, partial: bool) -> dict:
        """Changes the zaak; returns it as the API shows it (also what its audit record holds)."""
        fields = data.model_fields_set
        oud = serialize(ctx, [zaak])[0]
        # zrc-001 / zrc-002: zaaktype and identificatie do not change
        problems = []
        if "zaaktype" in fields and data.zaaktype is not None and data.zaaktype != zaak.zaaktype:
            problems.append(InvalidParam("zaaktype", "wijzigen-niet-toegelaten", "Dit veld mag niet gewijzigd worden."))
        if "identificatie" in fields and data.identificatie is not None and data.identificatie != zaak.identificatie:
            problems.append(InvalidParam("identificatie", "wijzigen-niet-toegelaten", "Dit veld mag niet gewijzigd worden."))
        if problems:
            raise ValidationProblem(*problems)
        zaaktype = (
            catalogi(ctx).fetch(zaak.zaaktype, "ZaakType", "zaaktype")
            if "productenOfDiensten" in fields and data.productenOfDiensten
            else None
        )
        self.validate(ctx, zaak, data, fields, zaaktype)
        # zrc-007: a closed zaak changes only with zaken.geforceerd-bijwerken (after validation, as the RI)
        ensure_open_or_forced(ctx.principal, zaak)
        vertrouwelijkheid = (
            data.vertrouwelijkheidaanduiding
            if "vertrouwelijkheidaanduiding" in fields and data.vertrouwelijkheidaanduiding
            else zaak.vertrouwelijkheidaanduiding
        )
        if not allows(ctx.principal, WRITE, zaak.zaaktype, vertrouwelijkheid, zaak.zaaktype_catalogus):
            raise PermissionDenied()  # a client cannot raise a zaak above its own reach
        self.apply(ctx, zaak, data, fields, vertrouwelijkheid)
        ctx.session.flush()
        nieuw = serialize(ctx, [zaak])[0]
        record_change(
            ctx, zaak, resource=self.resource, resource_url=nieuw["url"], actie="partial_update" if partial else "update",
            oud=oud, nieuw=nieuw, weergave=zaak_weergave(zaak),
        )  # fmt: skip
        return nieuw

    def validate(self, ctx: Context, zaak: Zaak | None, data: BaseModel, fields: set[str], zaaktype: dict | None) -> None:
        def current(field: str, column: str):
            if field in fields:
                return getattr(data, field)
            return getattr(zaak, column) if zaak is not None else None

        if "hoofdzaak" in fields and data.hoofdzaak:
            ensure_hoofdzaak(ctx, zaak, data.hoofdzaak)
        ensure_betaling(
            current("betalingsindicatie", "betalingsindicatie") or "",
            data.laatsteBetaaldatum if "laatsteBetaaldatum" in fields else None,
            "laatsteBetaaldatum" in fields,
        )
        if zaaktype is not None and "productenOfDiensten" in fields and data.productenOfDiensten:
            ensure_producten_of_diensten(data.productenOfDiensten, zaaktype)
        if "relevanteAndereZaken" in fields and data.relevanteAndereZaken:
            ensure_relevante_andere_zaken(ctx, data.relevanteAndereZaken)
        if "communicatiekanaal" in fields and data.communicatiekanaal:
            ensure_communicatiekanaal(ctx, data.communicatiekanaal)
        if (
            "selectielijstklasse" in fields
            and data.selectielijstklasse
            and (zaak is None or data.selectielijstklasse != zaak.selectielijstklasse)
        ):
            ensure_selectielijstklasse(ctx, data.selectielijstklasse)
        if zaak is not None and "bronorganisatie" in fields and data.bronorganisatie and data.bronorganisatie != zaak.bronorganisatie:
            ensure_unique_identificatie(ctx, data.bronorganisatie, zaak.identificatie, zaak)
        if {"archiefstatus", "archiefnominatie", "archiefactiedatum"} & fields:
            ensure_archiefstatus(
                ctx,
                zaak,
                current("archiefstatus", "archiefstatus") or "nog_te_archiveren",
                current("archiefnominatie", "archiefnominatie"),
                current("archiefactiedatum", "archiefactiedatum"),
            )

    def apply(self, ctx: Context, zaak: Zaak, data: BaseModel, fields: set[str], vertrouwelijkheid: str) -> None:
        simple = {
            "bronorganisatie": "bronorganisatie",
            "omschrijving": "omschrijving",
            "toelichting": "toelichting",
            "verantwoordelijkeOrganisatie": "verantwoordelijke_organisatie",
            "startdatum": "startdatum",
            "einddatumGepland": "einddatum_gepland",
            "uiterlijkeEinddatumAfdoening": "uiterlijke_einddatum_afdoening",
            "publicatiedatum": "publicatiedatum",
            "communicatiekanaal": "communicatiekanaal",
            "selectielijstklasse": "selectielijstklasse",
            "archiefactiedatum": "archiefactiedatum",
            "archiefstatus": "archiefstatus",
            "opdrachtgevendeOrganisatie": "opdrachtgevende_organisatie",
            "processobjectaard": "processobjectaard",
            "startdatumBewaartermijn": "startdatum_bewaartermijn",
        }
        creating = zaak.id is None
        for field, column in simple.items():
            if field in fields or creating:
                value = getattr(data, field)
                if value is None and field in ("bronorganisatie", "verantwoordelijkeOrganisatie", "startdatum"):
                    continue  # PATCH with null on a required field: pydantic refused it already
                setattr(zaak, column, value if value is not None or _nullable(column) else "")
        if "registratiedatum" in fields and data.registratiedatum is not None:
            zaak.registratiedatum = data.registratiedatum
        if "productenOfDiensten" in fields or creating:
            zaak.producten_of_diensten = list(data.productenOfDiensten or [])
        zaak.vertrouwelijkheidaanduiding = vertrouwelijkheid
        zaak.vertrouwelijkheid_rank = VERTROUWELIJKHEID_RANK[vertrouwelijkheid]
        if "betalingsindicatie" in fields or creating:
            zaak.betalingsindicatie = data.betalingsindicatie or ""
        if "laatsteBetaaldatum" in fields or creating:
            zaak.laatste_betaaldatum = as_utc(data.laatsteBetaaldatum) if data.laatsteBetaaldatum else None
        if zaak.betalingsindicatie == "nvt":
            zaak.laatste_betaaldatum = None  # zrc-014
        if "zaakgeometrie" in fields or creating:
            set_geometry(zaak, data.zaakgeometrie)
        if "verlenging" in fields or creating:
            zaak.verlenging_reden = data.verlenging.reden if data.verlenging else ""
            zaak.verlenging_duur = data.verlenging.duur if data.verlenging else None
        if "opschorting" in fields or creating:
            zaak.opschorting_indicatie = data.opschorting.indicatie if data.opschorting else False
            zaak.opschorting_reden = data.opschorting.reden if data.opschorting else ""
        if "hoofdzaak" in fields or creating:
            zaak.hoofdzaak_id = resolve_zaak(ctx, data.hoofdzaak, "hoofdzaak", missing_code="does_not_exist").id if data.hoofdzaak else None
        if "relevanteAndereZaken" in fields or creating:
            zaak.relevante_andere_zaken = [r.model_dump() for r in data.relevanteAndereZaken or []]
        if "kenmerken" in fields or creating:
            zaak.kenmerken = [k.model_dump() for k in data.kenmerken or []]
        if "archiefnominatie" in fields or creating:
            zaak.archiefnominatie = data.archiefnominatie or None
        if "processobject" in fields or creating:
            zaak.processobject = data.processobject.model_dump() if data.processobject else None

    def delete(self, ctx: Context, zaak: Zaak) -> None:
        """zrc-023: a zaak goes with everything on it (its deelzaken too) and its audit trail; a
        zaak that besluiten point at stays until those relations are gone."""
        ensure_allowed(ctx.principal, (SCOPE_VERWIJDEREN,), zaak)
        if ctx.session.scalar(select(ZaakBesluit.id).where(ZaakBesluit.zaak_id == zaak.id).limit(1)) is not None:
            raise ValidationProblem.field(
                "nonFieldErrors", "related-besluiten", "Deze zaak heeft gerelateerde besluiten; verwijder die relaties eerst."
            )
        from services.zaken.relations import mirrored_relations, remove_mirrors

        url = zaak_url(ctx, zaak)
        deelzaken = list(ctx.session.scalars(select(Zaak).where(Zaak.hoofdzaak_id == zaak.id)))
        # the mirrors of its relations in other APIs (zrc-005/024/025) go too, after the commit
        mirrors = [(z, mirrored_relations(ctx, z)) for z in (zaak, *deelzaken)]
        for deelzaak in deelzaken:
            audittrail.delete_for(ctx.session, zaak_url(ctx, deelzaak))
        audittrail.delete_for(ctx.session, url)
        outbox.enqueue(
            ctx.session,
            kanaal=KANAAL,
            hoofd_object=url,
            resource=self.resource,
            resource_url=url,
            actie="destroy",
            kenmerken=zaak_kenmerken(zaak),
        )
        ctx.session.execute(delete(Zaak).where(Zaak.hoofdzaak_id == zaak.id))
        ctx.session.execute(delete(Zaak).where(Zaak.id == zaak.id))
        for owner, relations in mirrors:
            remove_mirrors(ctx, owner, relations)


def _nullable(column: str) -> bool:
    return bool(Zaak.__table__.c[column].nullable)


def set_geometry(zaak: Zaak, geometry: dict | None) -> None:
    """Stores zaakgeometrie with its bounding box (for `zaakgeometrie.within` in `_zoek`)."""
    zaak.zaakgeometrie = geometry
    if geometry is None:
        zaak.geometrie_min_x = zaak.geometrie_min_y = zaak.geometrie_max_x = zaak.geometrie_max_y = None
        return
    from shapely.geometry import shape

    zaak.geometrie_min_x, zaak.geometrie_min_y, zaak.geometrie_max_x, zaak.geometrie_max_y = shape(geometry).bounds


def within_ids(ctx: Context, query: Select, geometry: dict) -> Select:
    """`_zoek` `zaakgeometrie.within`: zaken whose geometry lies completely within `geometry`
    (zaken without geometry never). The bounding box narrows in SQL, the exact test runs on those
    candidates; the result stays a condition of the query, so count and pages are exact. The
    condition is the bounding box plus the shorter id list (those within, or the candidates that
    are not), rendered inline: no limit on the number of bound parameters (PostgreSQL: 65535)."""
    from shapely.geometry import shape
    from shapely.prepared import prep

    area = shape(geometry)
    exact = prep(area)
    min_x, min_y, max_x, max_y = area.bounds
    in_box = and_(
        Zaak.geometrie_min_x >= min_x,
        Zaak.geometrie_min_y >= min_y,
        Zaak.geometrie_max_x <= max_x,
        Zaak.geometrie_max_y <= max_y,
    )
    within, outside = [], []
    for zaak_id, geometrie in ctx.session.execute(query.with_only_columns(Zaak.id, Zaak.zaakgeometrie).order_by(None).where(in_box)):
        # A within B is B contains A; a prepared area answers that fast for many candidates
        (within if geometrie and exact.contains(shape(geometrie)) else outside).append(zaak_id)
    if len(within) <= len(outside):
        return query.where(Zaak.id.in_(_inline_ids(within)))
    return query.where(in_box, Zaak.id.not_in(_inline_ids(outside)))


def _inline_ids(ids: list[int]):
    return bindparam("zaak_ids", sorted(ids), expanding=True, literal_execute=True)


__all__ = ["ZaakService", "apply_filters", "get_zaak", "order", "query_filters", "serialize", "visible_zaken", "within_ids"]
