"""Zaken, read: the filters, ordering and pages of the list (and `_zoek`), a detail, and the
representation of a page of zaken with its relations in one query."""

import datetime as dt
import functools
import uuid as uuid_module
from typing import Any

from pydantic import BaseModel
from sqlalchemy import (
    DateTime,
    Select,
    and_,
    bindparam,
    cast,
    exists,
    func,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import aliased

from services.zaken.access import (
    SCOPE_LEZEN,
    ZAKEN,
    ensure_allowed,
    visible_for,
)
from services.zaken.common import (
    zaak_by_uuid,
)
from services.zaken.resultaat.models import Resultaat
from services.zaken.rol.models import IDENTIFICATIE_FILTERS, Rol
from services.zaken.status.models import Status
from services.zaken.zaak.models import Zaak, ZaakTelling
from services.zaken.zaak.schemas import BETALINGSINDICATIE_WEERGAVE
from services.zaken.zaakeigenschap.models import ZaakEigenschap
from services.zaken.zaakinformatieobject.models import ZaakInformatieObject
from services.zaken.zaakobject.models import ZaakObject
from shared import utc
from shared.access import GrantsKey
from shared.api_model import split_commas
from shared.auth import VERTROUWELIJKHEID_RANK
from shared.db import in_list, is_postgresql, uuid_text
from shared.errors import ValidationProblem
from shared.fields import parse_day
from shared.pagination import Page, derived, derived_with_values, fetch_page, fetch_records, values_of, with_values
from shared.resources import Context

ORDERING = {
    "startdatum": Zaak.startdatum,
    "einddatum": Zaak.einddatum,
    "publicatiedatum": Zaak.publicatiedatum,
    "archiefactiedatum": Zaak.archiefactiedatum,
    "registratiedatum": Zaak.registratiedatum,
    "identificatie": Zaak.identificatie,
}

# rol__betrokkeneIdentificatie__<type>__<field> -> the Rol column holding that value
ROL_IDENTIFICATIE_FILTERS = {f"rol__{name}": column for name, column in IDENTIFICATIE_FILTERS.items()}

# `<name>` and `<name>__in` filters: name -> the column equal to the value (or one of the list)
_VALUE_FILTERS = {
    "identificatie": Zaak.identificatie,
    "bronorganisatie": Zaak.bronorganisatie,
    "zaaktype": Zaak.zaaktype,
    "archiefnominatie": Zaak.archiefnominatie,
    "archiefstatus": Zaak.archiefstatus,
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


def present_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """The filters given: absent is None, "" or [] (django-filter treats an empty value as no filter)."""
    return {k: v for k, v in filters.items() if v is not None and v != "" and v != []}


def count_unfiltered(ctx: Context, filters: dict[str, Any]) -> Select | None:
    """The statement that counts the zaken this client may see (zrc-006) exactly from
    `zaak_telling` when no filter narrows the list (for `fetch_page`); None when one does (then
    the page query is counted)."""
    if present_filters(filters):
        return None
    return _count_visible(ZAKEN.grants_key(ctx.principal, (SCOPE_LEZEN,)))


@functools.lru_cache(maxsize=512)
def _count_visible(key: GrantsKey) -> Select:
    """`count_unfiltered`'s statement, built once per autorisaties (`grants_key`: their values
    included, so only clients that see the same zaken share it)."""
    visible = visible_for(key, ZaakTelling)
    return select(func.coalesce(func.sum(ZaakTelling.aantal), 0)).where(visible)


def apply_filters(query: Select, filters: dict[str, Any]) -> Select:
    """Every filter of `zaak_list` and `_zoek` (`__in` values as lists); None means absent. The
    filtered statement is built once per `query` and shape (which filters are given, the isnull
    values), every other value a parameter: the request's values go with the statement
    (`with_values`), so two requests share the statement, never each other's values."""
    f = present_filters(filters)
    if not f:
        return query
    shape, values = values_of(query)
    key = tuple(sorted((name, f[name] if name in _ISNULL else None) for name in f))
    filtered = derived(shape, ("filters", key), lambda q: _filtered(q, f))
    return with_values(filtered, {**values, **_filter_values(f)})


_ISNULL = {"archiefactiedatum__isnull": Zaak.archiefactiedatum, "einddatum__isnull": Zaak.einddatum}


def _parameter(name: str, **kwargs):
    """The parameter of filter `name`: no value of its own, so a statement run without the
    request's values fails instead of running with others'."""
    return bindparam(f"filter_{name}", required=True, **kwargs)


def _filter_values(f: dict[str, Any]) -> dict[str, Any]:
    """The values of the parameters of `_filtered` for the present filters `f`."""
    values: dict[str, Any] = {}
    for name, value in f.items():
        if name == "uuid__in":
            values[f"filter_{name}"] = sorted(set(value), key=str)
        elif name in _DATE_FILTERS:
            values[f"filter_{name}"] = parse_day(str(value), name)
        elif name == "maximaleVertrouwelijkheidaanduiding":
            values[f"filter_{name}"] = VERTROUWELIJKHEID_RANK[value]
        elif name not in _ISNULL:
            values[f"filter_{name}"] = value
    return values


def _filtered(query: Select, f: dict[str, Any]) -> Select:
    """`query` with the present filters `f` as conditions on parameters (`_filter_values`); of
    the values only the isnull ones are read."""
    for name, value_column in _VALUE_FILTERS.items():
        if name in f:
            query = query.where(value_column == _parameter(name))
        if f"{name}__in" in f:
            query = query.where(value_column.in_(_parameter(f"{name}__in", expanding=True)))
    if "uuid__in" in f:
        # rendered inline: a long list is no problem for the parameter limit
        query = query.where(Zaak.uuid.in_(_parameter("uuid__in", expanding=True, literal_execute=True)))
    for name, column in _ISNULL.items():
        if name in f:
            query = query.where(column.is_(None) if f[name] else column.is_not(None))
    for name, (column, comparison) in _DATE_FILTERS.items():
        if name in f:
            query = query.where(_COMPARE[comparison](column, _parameter(name)))
    if "maximaleVertrouwelijkheidaanduiding" in f:
        query = query.where(Zaak.vertrouwelijkheid_rank <= _parameter("maximaleVertrouwelijkheidaanduiding"))
    # the rol__ filters hold for one and the same rol of the zaak
    rol_conditions = []
    for name, rol_column in (
        ("rol__betrokkeneType", Rol.betrokkene_type),
        ("rol__betrokkene", Rol.betrokkene),
        ("rol__omschrijvingGeneriek", Rol.omschrijving_generiek),
        *ROL_IDENTIFICATIE_FILTERS.items(),
    ):
        if name in f:
            rol_conditions.append(rol_column == _parameter(name))
    if rol_conditions:
        query = query.where(exists(select(Rol.id).where(Rol.zaak_id == Zaak.id, *rol_conditions)))
    return query


def order(query: Select, ordering: list[str]) -> Select:
    """`ordering` (± startdatum, einddatum, ...); newest first when absent, as the reference implementation.
    NULL sorts as the largest value (last ascending, first descending: PostgreSQL's order, which
    the reference implementation inherits), on every database alike. Built once per statement
    and ordering (`derived`)."""
    return derived_with_values(query, ("order", tuple(ordering)), lambda q: _ordered(q, ordering))


def _ordered(query: Select, ordering: list[str]) -> Select:
    columns = []
    for item in ordering:
        name = item.removeprefix("-")
        if name not in ORDERING:
            raise ValidationProblem.field("ordering", "invalid_choice", f"Onbekend veld voor ordering: {item}.")
        column = ORDERING[name]
        columns.append(column.desc().nulls_first() if item.startswith("-") else column.asc().nulls_last())
    return query.order_by(*columns, Zaak.id.desc())


_NO_FILTERS = frozenset({"expand", "ordering"})


def query_filters(filters: BaseModel) -> dict[str, Any]:
    """The list's query parameters as `apply_filters` takes them (comma-separated `__in` split;
    not `expand` and `ordering`, which are no filters)."""
    # the fields given only: every filter's default is None (absent), and dumping all 44 of them
    # cost ~40 µs of every list request
    values = {name: getattr(filters, name) for name in filters.model_fields_set - _NO_FILTERS}
    for name in ("bronorganisatie__in", "archiefnominatie__in", "archiefstatus__in"):
        if values.get(name) is not None:
            values[name] = split_commas(values[name])
    return values


def visible_zaken(ctx: Context, scopes=(SCOPE_LEZEN,)) -> Select:
    """The zaken this client may see with one of `scopes` (zrc-006)."""
    return _visible_zaken(ZAKEN.grants_key(ctx.principal, scopes))


@functools.lru_cache(maxsize=512)
def _visible_zaken(key: GrantsKey) -> Select:
    """`visible_zaken`'s statement, built once per autorisaties (`grants_key`: their values
    included, so only clients that see the same zaken share it); what is derived from it (the
    ordering, the page) is then built once too (`derived`)."""
    return select(Zaak).where(visible_for(key, Zaak))


@functools.cache
def row_columns(postgresql: bool) -> tuple:
    """The zaak table's columns, for rows only serialised (a list page, a detail): their names
    are the model's attributes, which is all `serialize` reads; the uuid by `uuid_text`. On
    PostgreSQL the zaak's relations too (`_relation_columns`), so a page or a detail is one
    statement."""
    columns = tuple(uuid_text(c, postgresql) if c.key == "uuid" else c for c in Zaak.__table__.columns)
    return columns + _relation_columns() if postgresql else columns


# the read-only relations of a zaak, as `serialize` shows them: lists, then the single ones
_MANY = ("deelzaken", "eigenschappen", "rollen", "zaakinformatieobjecten", "zaakobjecten")
_ONE = ("resultaat", "status", "hoofdzaak")
# the name of a relation's column in a row of `row_columns` (a named tuple's field)
_COLUMN = {kind: f"relatie_{kind}" for kind in _MANY + _ONE}


def _relation_columns() -> tuple:
    """The zaak's relations as correlated subqueries of its row (PostgreSQL): the uuids (text) of
    each list in id order (NULL for none), the resultaat's, the current status's (the latest
    datumStatusGezet) and the hoofdzaak's. Each is an index lookup per zaak; one statement saves
    the second round trip and its execution in SQLAlchemy and psycopg (~0.5 ms of CPU a request)."""
    from sqlalchemy.dialects.postgresql import aggregate_order_by

    deelzaak = aliased(Zaak)
    hoofdzaak = aliased(Zaak)

    def uuids(table, uuid_column, id_column, zaak_column):
        text = uuid_text(uuid_column, True)
        aggregated = func.array_agg(aggregate_order_by(text, id_column))
        return select(aggregated).select_from(table).where(zaak_column == Zaak.id).correlate(Zaak).scalar_subquery()

    def one(uuid_column, condition, *ordering):
        statement = select(uuid_text(uuid_column, True)).where(condition).order_by(*ordering).limit(1)
        return statement.correlate(Zaak).scalar_subquery()

    lists = {
        "deelzaken": uuids(deelzaak, deelzaak.uuid, deelzaak.id, deelzaak.hoofdzaak_id),
        "eigenschappen": uuids(ZaakEigenschap, ZaakEigenschap.uuid, ZaakEigenschap.id, ZaakEigenschap.zaak_id),
        "rollen": uuids(Rol, Rol.uuid, Rol.id, Rol.zaak_id),
        "zaakinformatieobjecten": uuids(ZaakInformatieObject, ZaakInformatieObject.uuid, ZaakInformatieObject.id, ZaakInformatieObject.zaak_id),
        "zaakobjecten": uuids(ZaakObject, ZaakObject.uuid, ZaakObject.id, ZaakObject.zaak_id),
    }  # fmt: skip
    single = {
        "resultaat": one(Resultaat.uuid, Resultaat.zaak_id == Zaak.id, Resultaat.id.desc()),
        "status": one(Status.uuid, Status.zaak_id == Zaak.id, Status.datum_status_gezet.desc(), Status.id.desc()),
        "hoofdzaak": one(hoofdzaak.uuid, hoofdzaak.id == Zaak.hoofdzaak_id),
    }
    return tuple(column.label(_COLUMN[kind]) for kind, column in {**lists, **single}.items())


def page_of_rows(ctx: Context, query: Select, page: Page, counting: Select | None) -> tuple[int, list]:
    """A page of zaken (list, `_zoek`) as rows of `row_columns`: no ORM objects for a page only
    read (`fetch_page` says what it saves)."""
    postgresql = is_postgresql(ctx.session)
    of_rows = derived_with_values(query, ("rows", postgresql), lambda q: q.with_only_columns(*row_columns(postgresql)))
    return fetch_page(ctx.session, of_rows, page, counting, rows=True)


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


def _related_urls(ctx: Context, zaken: list, new: bool) -> dict[int, dict[str, Any]]:
    """The read-only relations of zaken that do not carry them (ORM objects, SQLite rows): one
    query for them all, as `_relations_of_row` gives them; `new`: only the hoofdzaak."""
    found: dict[int, dict[str, Any]] = {z.id: {kind: [] for kind in _MANY} for z in zaken}
    statement = _relations_statement(is_postgresql(ctx.session))
    # Core: no ORM result handling
    rows = () if new else ctx.session.connection().execute(statement, {"ids": [z.id for z in zaken]})
    latest: dict[int, tuple] = {}
    for kind, zaak_id, object_uuid, moment, row_id in rows:
        entry = found[zaak_id]
        if kind in _MANY:
            entry[kind].append(object_uuid)
        elif kind == "resultaat":
            entry[kind] = object_uuid
        else:  # the current status: the latest datumStatusGezet
            key = (moment if getattr(moment, "tzinfo", None) is not None else _aware(moment), row_id)
            if zaak_id not in latest or key > latest[zaak_id]:
                latest[zaak_id] = key
                entry[kind] = object_uuid
    hoofdzaak_ids = {z.hoofdzaak_id for z in zaken if z.hoofdzaak_id}
    hoofdzaken = dict(ctx.session.execute(select(Zaak.id, Zaak.uuid).where(Zaak.id.in_(hoofdzaak_ids))).all()) if hoofdzaak_ids else {}
    base = ctx.api_root_url
    for z in zaken:
        found[z.id]["hoofdzaak"] = hoofdzaken[z.hoofdzaak_id] if z.hoofdzaak_id else None
    return {z.id: _relations(base, z.uuid, found[z.id]) for z in zaken}


def _relations_of_row(base: str, z: Any) -> dict[str, Any]:
    """The relations of a row of `row_columns` that carries them (PostgreSQL)."""
    return _relations(base, z.uuid, {kind: getattr(z, column) for kind, column in _COLUMN.items()})


def _relations(base: str, zaak_uuid, uuids: dict[str, Any]) -> dict[str, Any]:
    """The URLs of a zaak's relations from their uuids (`uuids`: a relation of _MANY -> its uuids in
    id order, or None for none; one of _ONE -> its uuid or None)."""
    resultaat, status, hoofdzaak = uuids.get("resultaat"), uuids.get("status"), uuids.get("hoofdzaak")
    return {
        "deelzaken": [f"{base}/zaken/{u}" for u in uuids.get("deelzaken") or ()],
        "eigenschappen": [f"{base}/zaken/{zaak_uuid}/zaakeigenschappen/{u}" for u in uuids.get("eigenschappen") or ()],
        "rollen": [f"{base}/rollen/{u}" for u in uuids.get("rollen") or ()],
        "zaakinformatieobjecten": [f"{base}/zaakinformatieobjecten/{u}" for u in uuids.get("zaakinformatieobjecten") or ()],
        "zaakobjecten": [f"{base}/zaakobjecten/{u}" for u in uuids.get("zaakobjecten") or ()],
        "resultaat": f"{base}/resultaten/{resultaat}" if resultaat else None,
        "status": f"{base}/statussen/{status}" if status else None,
        "hoofdzaak": f"{base}/zaken/{hoofdzaak}" if hoofdzaak else None,
    }


def null_moment():
    return cast(null(), DateTime(timezone=True))


def _aware(moment) -> dt.datetime:
    if isinstance(moment, str):  # SQLite returns a UNION's datetime as text
        moment = dt.datetime.fromisoformat(moment)
    return utc.aware(moment)


def serialize(ctx: Context, zaken: list, *, new: bool = False) -> list[dict]:
    """The zaken (Zaak objects or rows of `row_columns`) as the API shows them; `new`: just
    created, so nothing hangs on them yet (no query). Rows that carry their relations
    (PostgreSQL) need no query either."""
    if not zaken:
        return []
    base = ctx.api_root_url
    if hasattr(zaken[0], _COLUMN["rollen"]):
        return [_to_json(base, z, _relations_of_row(base, z)) for z in zaken]
    related = _related_urls(ctx, zaken, new)
    return [_to_json(base, z, related[z.id]) for z in zaken]


def _to_json(base: str, z: Any, related: dict) -> dict:
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
        "laatsteBetaaldatum": utc.iso(z.laatste_betaaldatum),
        "zaakgeometrie": z.zaakgeometrie,
        # zrc-012: the nested structure is always there
        "verlenging": {"reden": z.verlenging_reden, "duur": z.verlenging_duur},
        "opschorting": {"indicatie": z.opschorting_indicatie, "reden": z.opschorting_reden},
        "selectielijstklasse": z.selectielijstklasse,
        "hoofdzaak": related["hoofdzaak"],
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
    within: list[int] = []
    outside: list[int] = []
    query, values = values_of(query)  # the filters' values (`apply_filters`)
    candidates = query.with_only_columns(Zaak.id, Zaak.zaakgeometrie).order_by(None).where(in_box)
    for zaak_id, geometrie in ctx.session.execute(candidates, values or None):
        # A within B is B contains A; a prepared area answers that fast for many candidates
        (within if geometrie and exact.contains(shape(geometrie)) else outside).append(zaak_id)
    if len(within) <= len(outside):
        return with_values(query.where(Zaak.id.in_(_inline_ids(within))), values)
    return with_values(query.where(in_box, Zaak.id.not_in(_inline_ids(outside))), values)


def _inline_ids(ids: list[int]):
    return bindparam("zaak_ids", sorted(ids), expanding=True, literal_execute=True)
