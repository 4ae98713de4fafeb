"""The benchmark data set: a catalogus with published zaaktypen, and N zaken with their statussen,
rollen and resultaten, as the services would have stored them.

    .venv/bin/python -m bench.generate --zaken 100000

into the databases `make serve-postgres` serves (`--catalogi-url` default
postgresql://postgres@127.0.0.1:5432/bench_catalogi, `--zaken-url` .../bench_zaken).

Missing databases are created (PostgreSQL: CREATE DATABASE, or the schema of a `search_path`
option; SQLite: the file) and migrated with the services' own alembic chains. `--fresh` drops
them first (only databases and schemas whose name starts with `bench`, and SQLite files).

The Catalogi part goes through the Catalogi API itself (the app in-process, with the demo
applicatie, selectielijst validation off as in the offline demo): 1 catalogus (domein BENCH),
`--zaaktypen` zaaktypen (default 100) with 4 statustypen, 2 resultaattypen (brondatum
afleidingswijze `afgehandeld`, so closing needs no other API), 2 roltypen (initiator,
behandelaar), published. The requests carry the host the Catalogi service is served at later
(`--catalogi-base-url`, default http://127.0.0.1:8001), because the API builds its URLs from the
request's base URL and the Zaken rows hold those URLs.

The Zaken part is a bulk load (PostgreSQL: COPY; SQLite: executemany), replaying for each zaak
the requests a client would make, in this order: POST /zaken (zaaktype, bronorganisatie,
verantwoordelijkeOrganisatie, omschrijving, startdatum = registratiedatum), POST /rollen (one
initiator, natuurlijk_persoon with an inpBsn from a pool of `--bsns` 11-proof numbers), POST
/statussen 1-3 times in time order; for a closed zaak (`--closed`, default half) the last one is
the eindstatus (highest volgnummer), preceded by POST /resultaten. Zaken are spread uniformly at
random over the zaaktypen and over the `--years` (default 3) up to yesterday, and numbered in
time order.
The values the API derives come from the Zaken service's own code: the zaak columns from
`ZaakService.apply` (defaults, vertrouwelijkheidaanduiding and its rank from the zaaktype,
zaaktype_catalogus), the planned dates from `derive_planned_dates`, the archive dates from
`status.archiving.archive_dates`, the stored betrokkeneIdentificatie from `validate_shape`, its
filter columns from `copy_identificatie_columns`, the identificatie counter rows per year
(`zaak_identificatie_teller`) as `generate_identificatie` keeps them. Moments the API takes from
the clock (a rol's registratiedatum) are those of the replayed request.

Not written, on purpose:
- the audit trail (`audittrail` rows, one per write with the old and new JSON of the resource):
  it is read only by GET /zaken/{uuid}/audittrail and takes no part in any list, filter or detail
  query; its 4-5 rows of JSON per zaak would multiply the load time and the disk use. A load
  generator must not time the audittrail endpoint on these zaken (it answers an empty list).
- the outbox (notifications): delivery, not data; the Rapportage service reads the zaken with
  `zgw rapportage backfill` instead.

Output: a progress bar on stderr, a summary on stdout, and `--dataset` (default
bench/dataset.json): the URLs and samples a load generator needs.
"""

import argparse
import datetime as dt
import json
import random
import sys
import time
import types
import uuid as uuid_module
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from services.catalogi import API_ROOT as CATALOGI_ROOT
from services.catalogi.demo import (
    OMSCHRIJVING_AFGEWEZEN,
    OMSCHRIJVING_TOEGEKEND,
    PROCESTYPE_TOESTEMMING,
    RESULTAAT_GEWEIGERD,
    RESULTAAT_VERLEEND,
)
from services.zaken import API_ROOT as ZAKEN_ROOT
from services.zaken import models as _models  # noqa: F401  (registers every table)
from services.zaken.betrokkenen import BETROKKENE_SHAPES, validate_shape
from services.zaken.resultaat.models import Resultaat
from services.zaken.rol.models import Rol
from services.zaken.rol.schemas import RolRequest
from services.zaken.rol.service import ALL_IDENTIFICATIE_COLUMNS, copy_identificatie_columns, new_rol
from services.zaken.status import archiving
from services.zaken.status.models import Status
from services.zaken.status.service import closing_values
from services.zaken.zaak.models import IdentificatieTeller, Zaak
from services.zaken.zaak.schemas import ZaakRequest
from services.zaken.zaak.service import ZaakService, derive_planned_dates, format_identificatie
from shared import utc
from shared.db import normalize_url, write_json
from shared.fields import validate_rsin
from shared.migrate import upgrade

DEFAULT_DATASET = Path(__file__).resolve().parent / "dataset.json"
# The databases `make serve-postgres` serves by default (PG_URL, PG_DB_PREFIX bench_).
DEFAULT_CATALOGI_URL = "postgresql://postgres@127.0.0.1:5432/bench_catalogi"
DEFAULT_ZAKEN_URL = "postgresql://postgres@127.0.0.1:5432/bench_zaken"
BRONORGANISATIE = "002220647"  # the demo gemeente's RSIN
CATALOGUS_DOMEIN = "BENCH"
# how often each vertrouwelijkheidaanduiding occurs among 100 zaaktypen (most zaken are
# zaakvertrouwelijk, as in a gemeente; a few are open, a few stricter)
VERTROUWELIJKHEID_MIX = (
    ["openbaar"] * 10
    + ["beperkt_openbaar"] * 10
    + ["intern"] * 20
    + ["zaakvertrouwelijk"] * 40
    + ["vertrouwelijk"] * 15
    + ["confidentieel"] * 5
)
STATUSTYPEN = (
    ("Ontvangen", "Wij hebben uw verzoek ontvangen."),
    ("In behandeling", "Uw verzoek is in behandeling."),
    ("Besluitvorming", "Er wordt een besluit genomen."),
    ("Afgehandeld", "Uw verzoek is afgehandeld."),
)
RESULTAATTYPEN = (
    ("Verleend", OMSCHRIJVING_TOEGEKEND, RESULTAAT_VERLEEND, "vernietigen", "P5Y"),
    ("Geweigerd", OMSCHRIJVING_AFGEWEZEN, RESULTAAT_GEWEIGERD, "blijvend_bewaren", "P20Y"),
)
ROLTYPEN = (("Aanvrager", "initiator"), ("Behandelaar", "behandelaar"))
SAMPLE_ZAKEN = 1000
SAMPLE_BSNS = 500
CHUNK = 10_000  # zaken per COPY round (and per transaction)


# ---------------------------------------------------------------- progress


class Progress:
    """A progress bar on stderr with the write rate (a line every few seconds when no terminal)."""

    def __init__(self, label: str, total: int, stream=None):
        self.label, self.total, self.done, self.rows = label, total, 0, 0
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.started = self.shown = time.monotonic()

    def advance(self, n: int, rows: int) -> None:
        self.done += n
        self.rows += rows
        now = time.monotonic()
        if now - self.shown < (0.25 if self.tty else 5.0) and self.done < self.total:
            return
        self.shown = now
        elapsed = max(1e-6, now - self.started)
        share = self.done / self.total if self.total else 1.0
        text = (
            f"{self.label} [{'#' * int(share * 30):<30}] {self.done}/{self.total} ({share:.0%}) "
            f"{self.done / elapsed:,.0f} zaken/s, {self.rows / elapsed:,.0f} rows/s, {elapsed:.0f} s"
        )
        self.stream.write(("\r" + text) if self.tty else text + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


# ---------------------------------------------------------------- databases


def _is_postgres(url: str) -> bool:
    return url.startswith(("postgresql", "postgres"))


def _search_path_schema(url: str) -> str | None:
    from urllib.parse import parse_qs, unquote, urlsplit

    options = unquote(" ".join(parse_qs(urlsplit(url).query).get("options", [])))
    for part in options.split():
        if part.startswith("-csearch_path="):
            return part.split("=", 1)[1].split(",")[0].strip()
    return None


def _server_engine(url: str):
    """An AUTOCOMMIT engine on the server's `postgres` database (to create or drop another)."""
    return create_engine(make_url(normalize_url(url)).set(database="postgres", query={}), isolation_level="AUTOCOMMIT")


def drop_database(url: str) -> None:
    """--fresh: away with the database (or the schema of its search_path, or the SQLite file)."""
    if not _is_postgres(url):
        path = Path(url.removeprefix("sqlite:///"))
        path.unlink(missing_ok=True)
        return
    name = make_url(normalize_url(url)).database
    schema = _search_path_schema(url)
    target = schema or name
    if not (target or "").startswith("bench"):
        raise SystemExit(f"--fresh drops only databases or schemas named bench*, not {target!r}")
    if schema:
        engine = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    else:
        engine = _server_engine(url)
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def ensure_database(service: str, url: str) -> None:
    """The database exists (created when missing) and is at the head of the service's chain."""
    if _is_postgres(url):
        name = make_url(normalize_url(url)).database
        engine = _server_engine(url)
        with engine.connect() as connection:
            if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}) is None:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
    upgrade(service, url)  # also makes the search_path schema and the SQLite directory


# ---------------------------------------------------------------- the catalogus, through the API


@dataclass
class ZaaktypeSet:
    """A published zaaktype and its types, as the Catalogi API returns them."""

    data: dict
    statustypen: list[dict]  # by volgnummer: the last is the eindstatus
    resultaattypen: list[dict]
    roltypen: dict[str, dict]  # omschrijvingGeneriek -> roltype

    @property
    def url(self) -> str:
        return self.data["url"]


def zaaktype_body(index: int, catalogus: str, begin: dt.date) -> dict:
    """Zaaktype number `index`: vertrouwelijkheidaanduiding by VERTROUWELIJKHEID_MIX (interleaved),
    doorlooptijden of 2-12 weeks (every tenth 3 months), a servicenorm on three in four."""
    from services.catalogi.demo import _zaaktype

    weeks = 2 + index % 11
    doorlooptijd = "P3M" if index % 10 == 9 else f"P{weeks}W"
    extra = {"servicenorm": f"P{(weeks + 1) // 2}W"} if index % 4 else {}
    return _zaaktype(
        f"BENCH-{index + 1:03d}",
        f"Benchmarkzaak {index + 1}",
        catalogus=catalogus,
        onderwerp=f"Onderwerp {index + 1}",
        doorlooptijd=doorlooptijd,
        verlengingstermijn="P2W",
        trefwoorden=["benchmark"],
        selectielijstProcestype=PROCESTYPE_TOESTEMMING,
        vertrouwelijkheidaanduiding=VERTROUWELIJKHEID_MIX[(index * 37) % len(VERTROUWELIJKHEID_MIX)],
        beginGeldigheid=begin.isoformat(),
        versiedatum=begin.isoformat(),
        **extra,
    )


class CatalogiLoader:
    """Writes and reads the Catalogi API in-process, with the demo applicatie, at `base_url`."""

    def __init__(self, catalogi_url: str, base_url: str):
        from fastapi.testclient import TestClient

        from services.catalogi.app import create_app
        from services.catalogi.settings import CatalogiSettings
        from shared.auth import make_token
        from shared.settings import kernel_settings

        kernel = kernel_settings().model_copy(update={"demo_enabled": True, "dispatch_in_process": False})
        self.app = create_app(CatalogiSettings(database_url=catalogi_url, selectielijst_validation=False), kernel)
        token = make_token(
            kernel.demo_client_id, kernel.demo_client_secret, user_id="bench-generate", user_representation="Benchmarkgenerator"
        )
        # no `with`: no lifespan, so no dispatcher; the outbox keeps what the API enqueues
        self.client = TestClient(self.app, base_url=base_url.rstrip("/"), headers={"Authorization": f"Bearer {token}"})
        self.requests = 0

    def close(self) -> None:
        self.app.state.db.dispose()

    def post(self, path: str, body: dict, expected: int = 201) -> dict:
        self.requests += 1
        response = self.client.post(path if path.startswith("http") else CATALOGI_ROOT + path, json=body)
        if response.status_code != expected:
            raise RuntimeError(f"POST {path}: {response.status_code} {response.text}")
        return response.json()

    def list_all(self, path: str, **params) -> list[dict]:
        results, url = [], CATALOGI_ROOT + path
        while url:
            self.requests += 1
            response = self.client.get(url, params=params)
            response.raise_for_status()
            page = response.json()
            results.extend(page["results"])
            url, params = page["next"], None
        return results

    def build(self, zaaktypen: int, begin: dt.date) -> tuple[dict, list[ZaaktypeSet]]:
        """The catalogus and its published zaaktypen: made now, or read when an earlier run made them."""
        found = self.list_all("/catalogussen", domein=CATALOGUS_DOMEIN)
        if found:
            catalogus = found[0]
            existing = self.list_all("/zaaktypen", catalogus=catalogus["url"], status="definitief")
            if len(existing) != zaaktypen:
                raise SystemExit(
                    f"the Catalogi database holds catalogus {CATALOGUS_DOMEIN} with {len(existing)} published zaaktypen, not {zaaktypen}: use --fresh"
                )
            return catalogus, [self.read(z) for z in sorted(existing, key=lambda z: z["identificatie"])]
        catalogus = self.post(
            "/catalogussen",
            {
                "domein": CATALOGUS_DOMEIN,
                "rsin": BRONORGANISATIE,
                "contactpersoonBeheerNaam": "Benchmark",
                "naam": "Benchmarkcatalogus",
                "versie": "1",
                "begindatumVersie": begin.isoformat(),
            },
        )
        return catalogus, [self.create(index, catalogus["url"], begin) for index in range(zaaktypen)]

    def create(self, index: int, catalogus: str, begin: dt.date) -> ZaaktypeSet:
        zaaktype = self.post("/zaaktypen", zaaktype_body(index, catalogus, begin))["url"]
        for volgnummer, (omschrijving, statustekst) in enumerate(STATUSTYPEN, start=1):
            body = {
                "zaaktype": zaaktype,
                "volgnummer": volgnummer,
                "omschrijving": omschrijving,
                "statustekst": statustekst,
                "informeren": True,
            }
            self.post("/statustypen", body)
        for omschrijving, generiek in ROLTYPEN:
            self.post("/roltypen", {"zaaktype": zaaktype, "omschrijving": omschrijving, "omschrijvingGeneriek": generiek})
        for omschrijving, resultaattypeomschrijving, selectielijstklasse, archiefnominatie, termijn in RESULTAATTYPEN:
            body = {
                "zaaktype": zaaktype,
                "omschrijving": omschrijving,
                "resultaattypeomschrijving": resultaattypeomschrijving,
                "selectielijstklasse": selectielijstklasse,
                "archiefnominatie": archiefnominatie,
                "archiefactietermijn": termijn,
                "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
                "besluittypen": [],
            }
            self.post("/resultaattypen", body)
        return self.read(self.post(f"{zaaktype}/publish", {}, expected=200))

    def read(self, zaaktype: dict) -> ZaaktypeSet:
        if zaaktype.get("concept"):
            raise SystemExit(f"zaaktype {zaaktype['identificatie']} is not published: use --fresh")
        statustypen = sorted(self.list_all("/statustypen", zaaktype=zaaktype["url"], status="alles"), key=lambda s: s["volgnummer"])
        resultaattypen = sorted(
            self.list_all("/resultaattypen", zaaktype=zaaktype["url"], status="alles"), key=lambda r: r["omschrijving"], reverse=True
        )
        roltypen = {r["omschrijvingGeneriek"]: r for r in self.list_all("/roltypen", zaaktype=zaaktype["url"], status="alles")}
        return ZaaktypeSet(zaaktype, statustypen, resultaattypen, roltypen)


# ---------------------------------------------------------------- BSNs


def bsn_pool(rng: random.Random, size: int) -> list[str]:
    """`size` distinct BSNs that pass the elfproef (the same test as an RSIN)."""
    pool: set[str] = set()
    while len(pool) < size:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check == 10:
            continue
        pool.add("".join(map(str, digits)) + str(check))
    result = sorted(pool)
    for bsn in result:
        validate_rsin(bsn)  # the service's own elfproef agrees
    rng.shuffle(result)
    return result


# ---------------------------------------------------------------- rows


def _columns(model) -> list[str]:
    return [c.key for c in model.__table__.columns]


def _row_of(obj, columns: list[str]) -> dict:
    """The values an INSERT of this ORM object writes: what is set, else the column's default."""
    values = {}
    for column in obj.__table__.columns:
        if column.key in obj.__dict__:
            values[column.key] = obj.__dict__[column.key]
        elif column.default is not None and column.default.is_scalar:
            values[column.key] = column.default.arg
        elif column.default is not None and column.default.is_callable:
            values[column.key] = column.default.arg(None)
        else:
            values[column.key] = None
    return {key: values[key] for key in columns}


def _random_uuid(rng: random.Random) -> uuid_module.UUID:
    return uuid_module.UUID(int=rng.getrandbits(128), version=4)


@dataclass
class TypeTemplates:
    """Per zaaktype: the rows the API writes for the same requests, less what differs per zaak."""

    zaaktype: ZaaktypeSet
    zaak: list
    rol: list
    statustype_urls: list[str]
    eindstatus_url: str
    resultaattypen: list[dict]


class Tables:
    """Column order of the four tables and the index of each column in a row."""

    zaak = _columns(Zaak)
    rol = _columns(Rol)
    status = _columns(Status)
    resultaat = _columns(Resultaat)

    @staticmethod
    def index(columns: list[str]) -> types.SimpleNamespace:
        return types.SimpleNamespace(**{name: i for i, name in enumerate(columns)})


Z = Tables.index(Tables.zaak)
R = Tables.index(Tables.rol)
S = Tables.index(Tables.status)
RS = Tables.index(Tables.resultaat)
JSON_COLUMNS = {
    name: [i for i, c in enumerate(model.__table__.columns) if c.type.__class__.__name__ == "JSON"]
    for name, model in (("zaak", Zaak), ("rol", Rol), ("status", Status), ("resultaat", Resultaat))
}


def zaak_request(zaaktype: ZaaktypeSet, startdatum: dt.date, omschrijving: str) -> ZaakRequest:
    """The body of POST /zaken a client sends for a zaak of the data set."""
    return ZaakRequest.model_validate(
        {
            "zaaktype": zaaktype.url,
            "bronorganisatie": BRONORGANISATIE,
            "verantwoordelijkeOrganisatie": BRONORGANISATIE,
            "omschrijving": omschrijving,
            "startdatum": startdatum.isoformat(),
            "registratiedatum": startdatum.isoformat(),
        }
    )


def rol_request(zaak_url: str, roltype: dict, bsn: str) -> RolRequest:
    """The body of POST /rollen: the initiator, a natuurlijk persoon by BSN."""
    return RolRequest.model_validate(
        {
            "zaak": zaak_url,
            "betrokkeneType": "natuurlijk_persoon",
            "roltype": roltype["url"],
            "roltoelichting": roltype["omschrijving"],
            "betrokkeneIdentificatie": {"inpBsn": bsn},
        }
    )


def templates_for(zaaktype: ZaaktypeSet, encode_json) -> TypeTemplates:
    """The zaak and rol rows of ZaakService.apply / RolService.create for this zaaktype (the
    per-zaak values are set again for every zaak)."""
    data = zaak_request(zaaktype, dt.date(2000, 1, 3), "template")
    vertrouwelijkheid = data.vertrouwelijkheidaanduiding or zaaktype.data["vertrouwelijkheidaanduiding"]  # zrc-009
    catalogus = zaaktype.data.get("catalogus") if isinstance(zaaktype.data.get("catalogus"), str) else None
    zaak = Zaak(uuid=None, zaaktype=data.zaaktype, zaaktype_catalogus=catalogus or None, bronorganisatie=data.bronorganisatie)
    ZaakService().apply(None, zaak, data, data.model_fields_set, vertrouwelijkheid)
    zaak.registratiedatum = data.registratiedatum
    zaak_row = _row_of(zaak, Tables.zaak)
    roltype = zaaktype.roltypen["initiator"]
    rol_data = rol_request("http://template/zaken/x", roltype, "")
    rol = new_rol(rol_data, roltype, None)
    rol_row = _row_of(rol, Tables.rol)
    zaak_values = [zaak_row[c] for c in Tables.zaak]
    rol_values = [rol_row[c] for c in Tables.rol]
    for i in JSON_COLUMNS["zaak"]:
        zaak_values[i] = encode_json(zaak_values[i])
    for i in JSON_COLUMNS["rol"]:
        rol_values[i] = encode_json(rol_values[i])
    return TypeTemplates(
        zaaktype=zaaktype,
        zaak=zaak_values,
        rol=rol_values,
        statustype_urls=[s["url"] for s in zaaktype.statustypen[:-1]],
        eindstatus_url=zaaktype.statustypen[-1]["url"],
        resultaattypen=zaaktype.resultaattypen,
    )


class BetrokkeneCache:
    """betrokkeneIdentificatie as RolService stores it (validated shape with its defaults) and the
    filter columns copied from it, once per BSN."""

    def __init__(self, encode_json):
        self.encode_json = encode_json
        self.shape = BETROKKENE_SHAPES["natuurlijk_persoon"]
        self.cache: dict[str, tuple] = {}

    def __call__(self, bsn: str) -> tuple:
        found = self.cache.get(bsn)
        if found is None:
            identificatie = validate_shape(self.shape, {"inpBsn": bsn}, "betrokkeneIdentificatie")
            rol = Rol()
            copy_identificatie_columns(rol, "natuurlijk_persoon", identificatie)
            columns = tuple((getattr(R, c), getattr(rol, c)) for c in ALL_IDENTIFICATIE_COLUMNS)
            found = self.cache[bsn] = (self.encode_json(identificatie), columns)
        return found


@dataclass
class Counts:
    zaken: int = 0
    closed: int = 0
    statussen: int = 0
    rollen: int = 0
    resultaten: int = 0
    per_year: Counter = field(default_factory=Counter)

    @property
    def rows(self) -> int:
        return self.zaken + self.statussen + self.rollen + self.resultaten


class ZaakBuilder:
    """The rows of one zaak and what hangs on it, in the order the replayed requests write them."""

    def __init__(
        self,
        templates: list[TypeTemplates],
        bsns: list[str],
        rng: random.Random,
        closed_share: float,
        encode_json,
        now: dt.datetime,
        first_ids: dict[str, int],
        numbers: dict[int, int],
    ):
        self.templates = templates
        self.bsns = bsns
        self.rng = rng
        self.closed_share = closed_share
        self.betrokkene = BetrokkeneCache(encode_json)
        self.now = now
        self.ids = dict(first_ids)
        self.planned: dict[tuple[int, dt.date], dict] = {}
        self.archive: dict[tuple[int, int, dt.date], archiving.ArchiveDates] = {}
        self.counts = Counts()
        self.numbers: Counter = Counter(numbers)

    def _next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def planned_dates(self, type_index: int, startdatum: dt.date) -> dict:
        key = (type_index, startdatum)
        found = self.planned.get(key)
        if found is None:
            # derive_planned_dates reads only the startdatum of the request (no dates were given)
            request = types.SimpleNamespace(startdatum=startdatum)
            found = self.planned[key] = derive_planned_dates(request, self.templates[type_index].zaaktype.data, set())
        return found

    def archive_dates(self, type_index: int, resultaat_index: int, einddatum: dt.date) -> archiving.ArchiveDates:
        key = (type_index, resultaat_index, einddatum)
        found = self.archive.get(key)
        if found is None:
            resultaattype = self.templates[type_index].resultaattypen[resultaat_index]
            # afleidingswijze `afgehandeld` reads neither the database nor another API
            found = self.archive[key] = archiving.archive_dates(None, None, resultaattype, einddatum)
        return found

    def moments(self, created: dt.datetime, count: int) -> list[dt.datetime]:
        """datumStatusGezet of `count` statussen: the first minutes after the zaak was made, the
        next ones hours to weeks apart, all in the past and each later than the one before."""
        first = created + dt.timedelta(minutes=2)
        gaps = [self.rng.randint(3600, 21 * 86400) for _ in range(count - 1)]
        room = (self.now - first).total_seconds() - 60
        total = sum(gaps)
        if total > room:  # a recent zaak: its statussen follow closer together
            gaps = [max(1, int(g * room / total)) for g in gaps]
        result, moment = [first], first
        for gap in gaps:
            moment = moment + dt.timedelta(seconds=gap)
            result.append(moment)
        return result

    def build(self, type_index: int, startdatum: dt.date, out: dict[str, list]) -> tuple[uuid_module.UUID, str, bool]:
        rng = self.rng
        t = self.templates[type_index]
        counts = self.counts
        # POST /zaken
        zaak = t.zaak.copy()
        zaak_id = self._next_id("zaak")
        zaak_uuid = _random_uuid(rng)
        year = startdatum.year  # of registratiedatum, which is the startdatum here
        self.numbers[year] += 1
        zaak[Z.id] = zaak_id
        zaak[Z.uuid] = zaak_uuid
        zaak[Z.identificatie] = format_identificatie(year, self.numbers[year])
        zaak[Z.omschrijving] = f"{t.zaaktype.data['omschrijving']} {zaak_id}"
        zaak[Z.startdatum] = zaak[Z.registratiedatum] = startdatum
        for column, value in self.planned_dates(type_index, startdatum).items():
            zaak[getattr(Z, column)] = value
        created = dt.datetime(startdatum.year, startdatum.month, startdatum.day, 7, tzinfo=dt.UTC) + dt.timedelta(
            seconds=rng.randint(0, 9 * 3600)
        )
        # POST /rollen: the initiator
        rol = t.rol.copy()
        rol_id = self._next_id("rol")
        bsn = self.bsns[rng.randrange(len(self.bsns))]
        identificatie, columns = self.betrokkene(bsn)
        rol[R.id] = rol_id
        rol[R.uuid] = _random_uuid(rng)
        rol[R.zaak_id] = zaak_id
        rol[R.registratiedatum] = created + dt.timedelta(minutes=1)
        rol[R.betrokkene_identificatie] = identificatie
        for index, value in columns:
            rol[index] = value
        out["rol"].append(rol)
        # POST /statussen (and POST /resultaten before the eindstatus)
        count = rng.randint(1, 3)
        closed = rng.random() < self.closed_share
        moments = self.moments(created, count)
        statustypen = t.statustype_urls[: count - 1] + [t.eindstatus_url] if closed else t.statustype_urls[:count]
        for statustype, moment in zip(statustypen, moments, strict=True):
            status = [None] * len(Tables.status)
            status[S.id] = self._next_id("status")
            status[S.uuid] = _random_uuid(rng)
            status[S.zaak_id] = zaak_id
            status[S.statustype] = statustype
            status[S.datum_status_gezet] = utc.aware(moment)
            status[S.statustoelichting] = ""
            status[S.gezetdoor_id] = None
            out["status"].append(status)
        if closed:
            resultaat_index = rng.randrange(len(t.resultaattypen))
            resultaattype = t.resultaattypen[resultaat_index]
            resultaat = [None] * len(Tables.resultaat)
            resultaat[RS.id] = self._next_id("resultaat")
            resultaat[RS.uuid] = _random_uuid(rng)
            resultaat[RS.zaak_id] = zaak_id
            resultaat[RS.resultaattype] = resultaattype["url"]
            resultaat[RS.toelichting] = ""
            out["resultaat"].append(resultaat)
            # the eindstatus closes the zaak
            current = types.SimpleNamespace(
                archiefnominatie=zaak[Z.archiefnominatie],
                archiefactiedatum=zaak[Z.archiefactiedatum],
                startdatum_bewaartermijn=zaak[Z.startdatum_bewaartermijn],
            )
            einddatum = utc.aware(moments[-1]).date()
            closing = closing_values(current, resultaattype, einddatum, lambda: self.archive_dates(type_index, resultaat_index, einddatum))
            for column, value in closing.items():
                zaak[getattr(Z, column)] = value
            counts.resultaten += 1
            counts.closed += 1
        out["zaak"].append(zaak)
        counts.zaken += 1
        counts.rollen += 1
        counts.statussen += count
        counts.per_year[year] += 1
        return zaak_uuid, bsn, closed


# ---------------------------------------------------------------- writers


class PostgresWriter:
    """COPY into the tables, one transaction per chunk; ids are ours, so the sequences are set after."""

    def __init__(self, url: str):
        import psycopg

        self.connection = psycopg.connect(make_url(normalize_url(url)).set(drivername="postgresql").render_as_string(hide_password=False))

    @staticmethod
    def encode_json(value):
        # SQLAlchemy's JSON type (none_as_null off) writes None as the JSON value null, not as
        # SQL NULL, and serialises with the engine's json_serializer: the same text here
        return write_json(value)

    def write(self, rows: dict[str, list]) -> None:
        with self.connection.transaction(), self.connection.cursor() as cursor:
            for table in ("zaak", "rol", "status", "resultaat"):
                if not rows[table]:
                    continue
                columns = ", ".join(getattr(Tables, table))
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows[table]:
                        copy.write_row(row)

    def execute(self, sql: str, params=None):
        with self.connection.transaction(), self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def finish(self, tellers: dict[int, int]) -> None:
        with self.connection.transaction(), self.connection.cursor() as cursor:
            for jaar, laatste in sorted(tellers.items()):
                cursor.execute(
                    "INSERT INTO zaak_identificatie_teller (jaar, laatste) VALUES (%s, %s) ON CONFLICT (jaar) DO UPDATE SET laatste = EXCLUDED.laatste",
                    (jaar, laatste),
                )
            for table in ("zaak", "rol", "status", "resultaat"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        self.connection.autocommit = True
        # VACUUM too: a freshly loaded table has no visibility map yet, so PostgreSQL cannot answer
        # from an index alone (index-only scans) until autovacuum has passed; a benchmark right
        # after the load would measure that gap rather than the service
        self.connection.execute("VACUUM ANALYZE")
        # zaak_telling: its triggers updated its hundred-odd rows once per loaded zaak; VACUUM
        # frees the dead versions but keeps the file (~200 MB at 1,000,000 zaken), which every
        # unfiltered count would scan; a running service's autovacuum keeps it small (migration 0004)
        self.connection.execute("VACUUM FULL ANALYZE zaak_telling")

    def close(self) -> None:
        self.connection.close()


class SqliteWriter:
    """executemany through SQLAlchemy Core (its types store uuids and moments as the ORM does)."""

    def __init__(self, url: str):
        from shared.db import make_engine

        self.engine = make_engine(url)

    @staticmethod
    def encode_json(value):
        return value

    def write(self, rows: dict[str, list]) -> None:
        models = {"zaak": Zaak, "rol": Rol, "status": Status, "resultaat": Resultaat}
        with self.engine.begin() as connection:
            for table, model in models.items():
                if rows[table]:
                    columns = getattr(Tables, table)
                    connection.execute(model.__table__.insert(), [dict(zip(columns, row, strict=True)) for row in rows[table]])

    def execute(self, sql: str, params=None):
        with self.engine.begin() as connection:
            result = connection.exec_driver_sql(sql, params or ())
            return result.fetchall() if result.returns_rows else None

    def finish(self, tellers: dict[int, int]) -> None:
        table = IdentificatieTeller.__table__
        with self.engine.begin() as connection:
            for jaar, laatste in sorted(tellers.items()):
                connection.execute(table.delete().where(table.c.jaar == jaar))
                connection.execute(table.insert().values(jaar=jaar, laatste=laatste))
            connection.exec_driver_sql("ANALYZE")

    def close(self) -> None:
        self.engine.dispose()


# ---------------------------------------------------------------- the run


@dataclass
class Options:
    zaken: int
    catalogi_url: str
    zaken_url: str
    catalogi_base_url: str = "http://127.0.0.1:8001"
    zaken_base_url: str = "http://127.0.0.1:8002"
    zaaktypen: int = 100
    bsns: int = 10_000
    years: int = 3
    closed: float = 0.5
    seed: int = 1
    dataset: Path = DEFAULT_DATASET
    fresh: bool = False
    quiet: bool = False


def spread(rng: random.Random, count: int, zaaktypen: int, years: int, today: dt.date) -> list[tuple[dt.date, int]]:
    """(startdatum, zaaktype index) of every zaak, in time order: days evenly over the `years`
    before today, zaaktypen evenly over the zaken."""
    first = today - dt.timedelta(days=round(365.25 * years))
    span = (today - first).days  # up to yesterday
    days = sorted(rng.randrange(span) for _ in range(count))
    ordinal = first.toordinal()
    return [(dt.date.fromordinal(ordinal + d), rng.randrange(zaaktypen)) for d in days]


def generate(options: Options) -> dict:
    started = time.monotonic()
    rng = random.Random(options.seed)
    if options.fresh:
        drop_database(options.catalogi_url)
        drop_database(options.zaken_url)
    ensure_database("catalogi", options.catalogi_url)
    ensure_database("zaken", options.zaken_url)
    migrated = time.monotonic()

    now = dt.datetime.now(dt.UTC)
    today = now.date()
    begin = (today - dt.timedelta(days=round(365.25 * options.years))).replace(month=1, day=1)
    loader = CatalogiLoader(options.catalogi_url, options.catalogi_base_url)
    try:
        catalogus, zaaktypen = loader.build(options.zaaktypen, begin)
    finally:
        loader.close()
    catalogi_done = time.monotonic()

    writer = PostgresWriter(options.zaken_url) if _is_postgres(options.zaken_url) else SqliteWriter(options.zaken_url)
    try:
        if writer.execute("SELECT count(*) FROM zaak")[0][0]:
            raise SystemExit("the Zaken database holds zaken already: use --fresh (or another database)")
        first_ids = {
            table: writer.execute(f"SELECT coalesce(max(id), 0) FROM {table}")[0][0] for table in ("zaak", "rol", "status", "resultaat")
        }
        templates = [templates_for(z, writer.encode_json) for z in zaaktypen]
        bsns = bsn_pool(rng, options.bsns)
        # the identificatie counters as generate_identificatie left them (none in a new database)
        numbers = dict(writer.execute("SELECT jaar, laatste FROM zaak_identificatie_teller"))
        builder = ZaakBuilder(templates, bsns, rng, options.closed, writer.encode_json, now, first_ids, numbers)
        plan = spread(rng, options.zaken, len(zaaktypen), options.years, today)
        zaken_root = options.zaken_base_url.rstrip("/") + ZAKEN_ROOT
        sample: list[dict] = []
        used_bsns: set[str] = set()
        progress = Progress("zaken", options.zaken, stream=None if not options.quiet else _Null())
        for offset in range(0, len(plan), CHUNK):
            rows: dict[str, list] = {"zaak": [], "rol": [], "status": [], "resultaat": []}
            for number, (startdatum, type_index) in enumerate(plan[offset : offset + CHUNK], start=offset):
                zaak_uuid, bsn, closed = builder.build(type_index, startdatum, rows)
                used_bsns.add(bsn)
                entry = {
                    "uuid": str(zaak_uuid),
                    "url": f"{zaken_root}/zaken/{zaak_uuid}",
                    "zaaktype": zaaktypen[type_index].url,
                    "bsn": bsn,
                    "closed": closed,
                }
                if len(sample) < SAMPLE_ZAKEN:  # reservoir sample over the whole run
                    sample.append(entry)
                elif (j := rng.randrange(number + 1)) < SAMPLE_ZAKEN:
                    sample[j] = entry
            writer.write(rows)
            progress.advance(len(rows["zaak"]), sum(len(r) for r in rows.values()))
        progress.finish()
        loaded = time.monotonic()
        writer.finish(dict(builder.numbers))
        finished = time.monotonic()
    finally:
        writer.close()

    counts = builder.counts
    dataset = {
        "generated": now.isoformat().replace("+00:00", "Z"),
        "seed": options.seed,
        "catalogiApiRoot": options.catalogi_base_url.rstrip("/") + CATALOGI_ROOT,
        "zakenApiRoot": zaken_root,
        "catalogus": catalogus["url"],
        "zaaktypen": [
            {
                "url": z.url,
                "identificatie": z.data["identificatie"],
                "vertrouwelijkheidaanduiding": z.data["vertrouwelijkheidaanduiding"],
                "statustypen": [s["url"] for s in z.statustypen],
                "resultaattypen": [r["url"] for r in z.resultaattypen],
                "roltypen": {k: v["url"] for k, v in z.roltypen.items()},
            }
            for z in zaaktypen
        ],
        "counts": {
            "zaken": counts.zaken,
            "closed": counts.closed,
            "statussen": counts.statussen,
            "rollen": counts.rollen,
            "resultaten": counts.resultaten,
        },
        "zakenPerYear": {str(k): v for k, v in sorted(counts.per_year.items())},
        "zaken": sample,
        # a random sample of the initiators' BSNs (each with at least one zaak)
        "bsns": rng.sample(sorted(used_bsns), min(SAMPLE_BSNS, len(used_bsns))),
    }
    Path(options.dataset).parent.mkdir(parents=True, exist_ok=True)
    Path(options.dataset).write_text(json.dumps(dataset, indent=1))
    return {
        "zaaktypen": len(zaaktypen),
        "catalogiRequests": loader.requests,
        **dataset["counts"],
        "bsnsUsed": len(used_bsns),
        "zakenPerYear": dataset["zakenPerYear"],
        "seconds": {
            "migrate": round(migrated - started, 1),
            "catalogi": round(catalogi_done - migrated, 1),
            "zaken": round(loaded - catalogi_done, 1),
            "analyze": round(finished - loaded, 1),
            "total": round(finished - started, 1),
        },
        "rowsPerSecond": round(counts.rows / max(1e-6, loaded - catalogi_done)),
        "dataset": str(options.dataset),
    }


class _Null:
    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--zaken", type=int, required=True, help="how many zaken (e.g. 100000 or 1000000)")
    parser.add_argument("--catalogi-url", default=DEFAULT_CATALOGI_URL, help="the Catalogi database (postgresql://... or sqlite:///...)")
    parser.add_argument("--zaken-url", default=DEFAULT_ZAKEN_URL, help="the Zaken database")
    parser.add_argument(
        "--catalogi-base-url",
        default=Options.catalogi_base_url,
        help="where the Catalogi service will serve (its URLs are stored in the Zaken rows)",
    )
    parser.add_argument(
        "--zaken-base-url", default=Options.zaken_base_url, help="where the Zaken service will serve (for the zaak URLs in --dataset)"
    )
    parser.add_argument("--zaaktypen", type=int, default=Options.zaaktypen)
    parser.add_argument("--bsns", type=int, default=Options.bsns, help="size of the BSN pool of the initiators")
    parser.add_argument("--years", type=int, default=Options.years, help="startdatum spread over this many years up to yesterday")
    parser.add_argument("--closed", type=float, default=Options.closed, help="share of closed zaken (with resultaat and eindstatus)")
    parser.add_argument("--seed", type=int, default=Options.seed)
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET, help="where to write the load generator's JSON")
    parser.add_argument("--fresh", action="store_true", help="drop both databases first (only bench* names)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    summary = generate(Options(**vars(args)))
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
