"""The floor of this stack on this machine: what the W1 and W3 targets leave for the Zaken API.

    .venv/bin/python -m bench.floor            # after `python -m bench.generate`; stop `make serve-postgres` first

Serves, with the server settings of `zgw serve` (uvicorn, `--workers` 2, no access log, the heap
settled as `ZGW_GC_FREEZE` settles it), a FastAPI app that does *less* than the Zaken API could
ever do for the same request, and drives it with wrk exactly as `bench/load.py` drives the API
(bench/wrk/zgw.lua, 2 wrk threads, the same random zaak uuids). Each step adds one part the real
request cannot do without:

    asgi      a bare ASGI callable answering a fixed JSON body: uvicorn, the network and wrk
    fastapi   a FastAPI `async def` endpoint answering the same body: the framework's routing
    thread    the same as a plain `def` endpoint: FastAPI runs it in the thread pool, as the
              API's endpoints that use the database
    psycopg   that endpoint reads the zaak by uuid from `bench_zaken` with psycopg alone (a pooled
              connection in autocommit, a cursor, the row's columns as JSON): the database's part
    row       W3's floor: the same read as a SQLAlchemy Core statement on the engine of
              `shared.db.make_engine` in autocommit, as the API reads. No token, no autorisaties,
              no relations (rollen, status, ...), no ETag, no middleware
    citizen   W2's floor: the zaken of a BSN (its initiator rollen), newest first, the same way (the
              list's page statement without its count and without the relations of each zaak)
    page      W1's floor: the first 100 zaken, newest first, the same way (the list's page
              statement without its count and without the relations of each zaak)
    psycopg-citizen, psycopg-page  those two with psycopg alone
    insert-zaak    W4's floor: POST of a zaak body (bench.load's W4 bodies), validated by a
              pydantic model of its fields, then in one transaction with SQLAlchemy Core on the
              Zaken tables: the zaak row (its vertrouwelijkheidaanduiding and catalogus from
              the data set's zaaktypen, a dict look-up; the identificatie made from its uuid, no
              counter row), one outbox row (the Notificaties message; no delivery row, so
              nothing to deliver) and one audittrail row (the zaak's JSON as `nieuw`); 201 with
              that JSON. No token, Catalogi look-up, rules, derived dates or relations
    insert-status  W5's floor: POST of a status body (bench.load's W5 bodies) the same way: the
              zaak resolved, locked and kept open in one UPDATE ... RETURNING (a non-eind
              status sets no einddatum, zrc-008: the zaak's state pointer), the status row,
              one outbox row and one audittrail row in one transaction

A step's figure bounds what the API can reach: a real W3 does everything `row` does and more.
The write steps add zaken and statussen to the data set, as bench.load's W4 and W5 do; their
zaken are rows the Zaken API serves (with fewer fields filled in).

Three more steps measure a design the API does not have, a representation of each zaak kept as
JSON text (as a read model would keep it up to date on every write): `stored-row`, `stored-citizen`
and `stored-page` read one text column instead of the zaak's columns and answer it as it is (a page
joined into an array). For them the run first copies every zaak's row as JSON (PostgreSQL's
`row_to_json`) into the table `floor_stored_zaak` of the same database, and drops it afterwards.

Results go in bench/RESULTS.md ("The floor").
"""

import argparse
import contextlib
import datetime as dt
import functools
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid as uuid_module
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit
from uuid import UUID

from pydantic import BaseModel, Field

from bench.common import free_port
from bench.load import Workload, read_dataset, request_line, run_wrk, status_bodies, zaak_body
from services.cli import wait_until_ok

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/bench_zaken"
DEFAULT_DATASET = Path(__file__).resolve().parent / "dataset.json"
STEPS = (
    "asgi",
    "fastapi",
    "thread",
    "psycopg",
    "row",
    "citizen",
    "psycopg-citizen",
    "page",
    "psycopg-page",
    "stored-row",
    "stored-citizen",
    "stored-page",
    "insert-zaak",
    "insert-status",
)
WRITE_STEPS = ("insert-zaak", "insert-status")
STORED_TABLE = "floor_stored_zaak"
FIXED = b'{"url":"http://127.0.0.1/zaken/api/v1/zaken/00000000-0000-0000-0000-000000000000","identificatie":"ZAAK-2024-0000000001"}'


# ---------------------------------------------------------------- the app (in each uvicorn worker)


class ZaakBody(BaseModel):
    """The fields of bench.load's W4 body, with the standard's lengths."""

    bronorganisatie: str = Field(min_length=9, max_length=9)
    verantwoordelijkeOrganisatie: str = Field(min_length=9, max_length=9)
    zaaktype: str = Field(max_length=1000)
    startdatum: dt.date
    omschrijving: str = Field("", max_length=80)
    toelichting: str = Field("", max_length=1000)


class StatusBody(BaseModel):
    """The fields of bench.load's W5 body."""

    zaak: str = Field(max_length=1000)
    statustype: str = Field(max_length=1000)
    datumStatusGezet: dt.datetime
    statustoelichting: str = Field("", max_length=1000)


async def bare_asgi(scope, receive, send) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": FIXED})


def served_app():
    """uvicorn's factory (`serve`): the app on ZGW_FLOOR_DATABASE_URL, its heap settled as in `zgw serve`."""
    from shared.app import settle_heap

    dataset_path = Path(os.environ.get("ZGW_FLOOR_DATASET", DEFAULT_DATASET))
    dataset = json.loads(dataset_path.read_text()) if dataset_path.exists() else {}
    application = create_app(os.environ.get("ZGW_FLOOR_DATABASE_URL", DEFAULT_DATABASE_URL), dataset)
    settle_heap()
    return application


def create_app(database_url: str, dataset: dict | None = None):
    """The app of the steps above, under /floor; `/floor/asgi` goes around FastAPI. `dataset`
    (bench.generate's dataset.json) gives the write steps the zaaktypen and the Zaken API root."""
    import orjson
    from fastapi import FastAPI, HTTPException, Response
    from sqlalchemy import BigInteger, Column, MetaData, Table, Text, Uuid, bindparam, insert, select, update
    from sqlalchemy.exc import IntegrityError

    from services.zaken.db import audittrail, outbox
    from services.zaken.models import Rol, Status, Zaak
    from shared import utc
    from shared.audittrail import ACTIE_WEERGAVEN
    from shared.auth import VERTROUWELIJKHEID_RANK
    from shared.db import make_engine

    # autocommit, as the API's read sessions (shared.db.Database.read_session)
    engine = make_engine(database_url, isolation_level="AUTOCOMMIT")
    # the writes' transactions, on a pool of their own (the reads' stays as it was measured)
    write_engine = make_engine(database_url)
    stored = Table(STORED_TABLE, MetaData(), Column("id", BigInteger), Column("uuid", Uuid), Column("body", Text))
    of_bsn = select(Rol.zaak_id).where(Rol.inp_bsn == bindparam("bsn"))
    # each read built once, as the API builds the statements it can (a zaak detail's), from the
    # zaak's columns or from its stored representation
    columns = tuple(Zaak.__table__.columns)
    row_by_uuid = select(*columns).where(Zaak.uuid == bindparam("uuid"))
    zaken_of_bsn = select(*columns).where(Zaak.id.in_(of_bsn)).order_by(Zaak.id.desc()).limit(100)
    newest_page = select(*columns).order_by(Zaak.id.desc()).limit(100)
    stored_by_uuid = select(stored.c.body).where(stored.c.uuid == bindparam("uuid"))
    stored_of_bsn = select(stored.c.body).where(stored.c.id.in_(of_bsn)).order_by(stored.c.id.desc()).limit(100)
    stored_page = select(stored.c.body).order_by(stored.c.id.desc()).limit(100)

    def rows(statement, parameters: dict | None = None) -> list:
        with engine.connect() as connection:
            return connection.execute(statement, parameters).all()

    def rows_json(found) -> bytes:
        return orjson.dumps([row._asdict() for row in found], default=str)

    def bodies_json(found) -> bytes:
        return ("[" + ",".join(body for (body,) in found) + "]").encode()

    @functools.cache
    def driver_sql(statement) -> tuple[str, dict, list[str]]:
        """The statement as psycopg's SQL text, its fixed parameters (the LIMIT) and its column
        names, compiled once."""
        compiled = statement.compile(engine)
        return str(compiled), compiled.params, list(statement.selected_columns.keys())

    def psycopg_rows(statement, parameters: dict | None = None) -> bytes:
        """The same statement through psycopg alone: a pooled connection, a cursor, the rows as JSON."""
        sql, fixed, names = driver_sql(statement)
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(sql, {**fixed, **(parameters or {})})
            found = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
            cursor.close()
        finally:
            connection.close()
        return orjson.dumps(found, default=str)

    # the write steps: the zaaktypen as a perfect Catalogi cache would hold them, each statement built once
    dataset = dataset or {}
    zaken_root = (dataset.get("zakenApiRoot") or "http://127.0.0.1:8002/zaken/api/v1").rstrip("/")
    catalogus = dataset.get("catalogus")
    vertrouwelijkheid_of = {z["url"]: z["vertrouwelijkheidaanduiding"] for z in dataset.get("zaaktypen", []) if isinstance(z, dict)}
    new_zaak = insert(Zaak.__table__)
    new_status = insert(Status.__table__)
    new_message = insert(outbox.table)
    new_audit = insert(audittrail.table)
    zaak = Zaak.__table__.c
    # a non-eind status keeps its zaak open (zrc-008); the UPDATE also locks the row, as the API's
    # status write locks its zaak
    keep_open = (
        update(Zaak.__table__)
        .where(zaak.uuid == bindparam("zaak_uuid"))
        .values(einddatum=None)
        .returning(zaak.id, zaak.identificatie, zaak.bronorganisatie, zaak.zaaktype, zaak.vertrouwelijkheidaanduiding)
    )

    def bad_request(detail: str) -> HTTPException:
        return HTTPException(status_code=400, detail=detail)

    def announced(connection, *, hoofd_object: str, resource: str, url: str, shown: dict, weergave: str, kenmerken: dict) -> None:
        """The outbox row and the audittrail row of a create, in the caller's transaction."""
        now = utc.now()
        message = {
            "kanaal": "zaken",
            "hoofdObject": hoofd_object,
            "resource": resource,
            "resourceUrl": url,
            "actie": "create",
            "aanmaakdatum": utc.iso(now),
            "kenmerken": kenmerken,
        }
        connection.execute(
            new_message,
            {
                "kanaal": "zaken",
                "hoofd_object": hoofd_object,
                "resource": resource,
                "actie": "create",
                "message": message,
                "created_at": now,
            },
        )
        connection.execute(
            new_audit,
            {
                "bron": "zrc",
                "actie": "create",
                "actie_weergave": ACTIE_WEERGAVEN["create"],
                "resultaat": 201,
                "hoofd_object": hoofd_object,
                "hoofd_object_path": urlsplit(hoofd_object).path.rstrip("/"),  # as shared.audittrail
                "resource": resource,
                "resource_url": url,
                "resource_weergave": weergave,
                "aanmaakdatum": now,
                "nieuw": shown,
            },
        )

    def created(shown: dict) -> Response:
        return Response(orjson.dumps(shown), status_code=201, media_type="application/json")

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        yield
        engine.dispose()
        write_engine.dispose()

    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None, lifespan=lifespan)

    def answer(body: bytes) -> Response:
        return Response(body, media_type="application/json")

    @app.get("/floor/fastapi/{uuid}")
    async def fixed_async(uuid: str) -> Response:
        return answer(FIXED)

    @app.get("/floor/thread/{uuid}")
    def fixed_thread(uuid: str) -> Response:
        return answer(FIXED)

    @app.get("/floor/psycopg/{uuid}")
    def psycopg_row(uuid: UUID) -> Response:
        return answer(psycopg_rows(row_by_uuid, {"uuid": uuid})[1:-1])

    @app.get("/floor/psycopg-citizen/{bsn}")
    def psycopg_citizen(bsn: str) -> Response:
        return answer(psycopg_rows(zaken_of_bsn, {"bsn": bsn}))

    @app.get("/floor/psycopg-page")
    def psycopg_page() -> Response:
        return answer(psycopg_rows(newest_page))

    @app.get("/floor/row/{uuid}")
    def row(uuid: UUID) -> Response:
        return answer(rows_json(rows(row_by_uuid, {"uuid": uuid}))[1:-1])

    @app.get("/floor/citizen/{bsn}")
    def citizen(bsn: str) -> Response:
        return answer(rows_json(rows(zaken_of_bsn, {"bsn": bsn})))

    @app.get("/floor/page")
    def page() -> Response:
        return answer(rows_json(rows(newest_page)))

    @app.get("/floor/stored-row/{uuid}")
    def stored_row(uuid: UUID) -> Response:
        return answer(bodies_json(rows(stored_by_uuid, {"uuid": uuid}))[1:-1])

    @app.get("/floor/stored-citizen/{bsn}")
    def stored_citizen(bsn: str) -> Response:
        return answer(bodies_json(rows(stored_of_bsn, {"bsn": bsn})))

    @app.get("/floor/stored-page")
    def stored_newest_page() -> Response:
        return answer(bodies_json(rows(stored_page)))

    @app.post("/floor/insert-zaak", status_code=201)
    def insert_zaak(body: ZaakBody) -> Response:
        vertrouwelijkheid = vertrouwelijkheid_of.get(body.zaaktype)
        if vertrouwelijkheid is None:
            raise bad_request("zaaktype: not one of the data set")
        zaak_uuid = uuid_module.uuid4()
        url = f"{zaken_root}/zaken/{zaak_uuid}"
        identificatie = f"FLOOR-{zaak_uuid.hex}"  # unique without a counter row
        row = {
            "uuid": zaak_uuid,
            "identificatie": identificatie,
            "bronorganisatie": body.bronorganisatie,
            "verantwoordelijke_organisatie": body.verantwoordelijkeOrganisatie,
            "zaaktype": body.zaaktype,
            "zaaktype_catalogus": catalogus,
            "registratiedatum": dt.date.today(),
            "startdatum": body.startdatum,
            "omschrijving": body.omschrijving,
            "toelichting": body.toelichting,
            "vertrouwelijkheidaanduiding": vertrouwelijkheid,
            "vertrouwelijkheid_rank": VERTROUWELIJKHEID_RANK[vertrouwelijkheid],
        }
        shown = {"url": url, "uuid": str(zaak_uuid), **body.model_dump(mode="json"), "identificatie": identificatie}
        shown |= {"registratiedatum": row["registratiedatum"].isoformat(), "vertrouwelijkheidaanduiding": vertrouwelijkheid}
        kenmerken = {"bronorganisatie": body.bronorganisatie, "zaaktype": body.zaaktype, "vertrouwelijkheidaanduiding": vertrouwelijkheid}
        with write_engine.begin() as connection:
            connection.execute(new_zaak, row)
            weergave = f"{body.bronorganisatie} - {identificatie}"
            announced(connection, hoofd_object=url, resource="zaak", url=url, shown=shown, weergave=weergave, kenmerken=kenmerken)
        return created(shown)

    @app.post("/floor/insert-status", status_code=201)
    def insert_status(body: StatusBody) -> Response:
        prefix = f"{zaken_root}/zaken/"
        try:
            zaak_uuid = UUID(body.zaak.removeprefix(prefix)) if body.zaak.startswith(prefix) else None
        except ValueError:
            zaak_uuid = None
        if zaak_uuid is None:
            raise bad_request("zaak: no zaak of this API")
        moment = utc.aware(body.datumStatusGezet)
        status_uuid = uuid_module.uuid4()
        url = f"{zaken_root}/statussen/{status_uuid}"
        shown = {"url": url, "uuid": str(status_uuid), **body.model_dump(mode="json"), "datumStatusGezet": utc.iso(moment)}
        with write_engine.begin() as connection:
            found = connection.execute(keep_open, {"zaak_uuid": zaak_uuid}).one_or_none()
            if found is None:
                raise bad_request("zaak: does not exist")
            row = {
                "uuid": status_uuid,
                "zaak_id": found.id,
                "statustype": body.statustype,
                "datum_status_gezet": moment,
                "statustoelichting": body.statustoelichting,
            }
            try:
                connection.execute(new_status, row)
            except IntegrityError:
                raise bad_request("datumStatusGezet: the zaak has a status at this moment") from None
            kenmerken = {
                "bronorganisatie": found.bronorganisatie,
                "zaaktype": found.zaaktype,
                "vertrouwelijkheidaanduiding": found.vertrouwelijkheidaanduiding,
            }
            weergave = f"({found.bronorganisatie} - {found.identificatie}) - {shown['datumStatusGezet']}"
            announced(connection, hoofd_object=body.zaak, resource="status", url=url, shown=shown, weergave=weergave, kenmerken=kenmerken)
        return created(shown)

    async def application(scope, receive, send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/floor/asgi"):
            await bare_asgi(scope, receive, send)
        else:
            await app(scope, receive, send)

    return application


# ---------------------------------------------------------------- the run


def store_representations(database_url: str) -> None:
    """`floor_stored_zaak`: every zaak's row as JSON text, by id and uuid (the stored-* steps)."""
    _execute(
        database_url,
        f"DROP TABLE IF EXISTS {STORED_TABLE}",
        f"CREATE TABLE {STORED_TABLE} AS SELECT id, uuid, row_to_json(zaak)::text AS body FROM zaak",
        f"CREATE UNIQUE INDEX ix_{STORED_TABLE}_uuid ON {STORED_TABLE} (uuid)",
        f"CREATE UNIQUE INDEX ix_{STORED_TABLE}_id ON {STORED_TABLE} (id)",
        f"ANALYZE {STORED_TABLE}",
    )


def drop_representations(database_url: str) -> None:
    _execute(database_url, f"DROP TABLE IF EXISTS {STORED_TABLE}")


def _execute(database_url: str, *statements: str) -> None:
    from sqlalchemy import text

    from shared.db import make_engine

    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def serve(port: int, workers: int, database_url: str, dataset: Path = DEFAULT_DATASET) -> subprocess.Popen:
    environment = {**os.environ, "ZGW_FLOOR_DATABASE_URL": database_url, "ZGW_FLOOR_DATASET": str(dataset)}
    command = [sys.executable, "-m", "uvicorn", "bench.floor:served_app", "--factory", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers), "--no-access-log", "--log-level", "warning"]
    return subprocess.Popen(command, env=environment)


def wait_ready(origin: str, seconds: float = 120) -> None:
    if not wait_until_ok(f"{origin}/floor/page", time.monotonic() + seconds, attempt_timeout=5):
        raise SystemExit(f"the floor app did not answer on {origin} within {seconds:g} s")


@contextlib.contextmanager
def served(database_url: str, dataset: Path = DEFAULT_DATASET, workers: int = 2, port: int | None = None) -> Iterator[str]:
    """The floor app served (uvicorn, `workers`) on `port` (a free one by default) until the block
    ends; yields its origin."""
    port = port or free_port()
    origin = f"http://127.0.0.1:{port}"
    server = serve(port, workers, database_url, dataset)
    try:
        wait_ready(origin)
        yield origin
    finally:
        server.terminate()
        server.wait(timeout=30)


def workload_lines(step: str, dataset: dict, today: dt.date | None = None) -> list[str]:
    if step in ("page", "psycopg-page", "stored-page"):
        return [request_line("GET", f"/floor/{step}")]
    if step in ("citizen", "psycopg-citizen", "stored-citizen"):
        return [request_line("GET", f"/floor/{step}/{bsn}") for bsn in dataset["bsns"]]
    if step == "insert-zaak":  # the bodies of bench.load's W4
        today = today or dt.date.today()
        return [request_line("POST", f"/floor/{step}", zaak_body(z["url"], today)) for z in read_dataset(dataset).zaaktypen]
    if step == "insert-status":  # and of its W5
        return [request_line("POST", f"/floor/{step}", body) for body in status_bodies(read_dataset(dataset))]
    uuids = [z["uuid"] if isinstance(z, dict) else z for z in dataset["zaken"]]
    return [request_line("GET", f"/floor/{step}/{uuid}") for uuid in uuids]


def measure_step(origin: str, step: str, dataset: dict, connections: int, duration: float, warmup: float, tmp: Path) -> dict:
    """One step with wrk as bench.load drives a workload (2 threads, 10 s time-out): a warm-up
    (discarded), then `duration` seconds."""
    request_file = tmp / f"{step}.tsv"
    request_file.write_text("\n".join(workload_lines(step, dataset)) + "\n")
    workload = Workload(step, connections, origin, [], crs=False, post=step in WRITE_STEPS)
    headers = {"Content-Type": "application/json"} if workload.post else {}
    if warmup > 0:
        run_wrk(workload, headers, warmup, 2, 10, request_file)
    result = {"step": step, "connections": connections, **run_wrk(workload, headers, duration, 2, 10, request_file)}
    print(
        f"floor {step} c{connections}: {result['rps']:.0f}/s p50 {result['p50_ms']} ms p99 {result['p99_ms']} ms non-2xx {result['non2xx']}",
        file=sys.stderr,
        flush=True,
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", default=",".join(STEPS), help=f"comma-separated, of {', '.join(STEPS)}")
    parser.add_argument("--connections", default="1,16", help="comma-separated connection counts (default 1,16)")
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET, help="bench.generate's dataset.json (its zaak uuids)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    dataset = json.loads(args.dataset.read_text())
    steps = args.steps.split(",")
    stores = any(step.startswith("stored-") for step in steps)
    if stores:
        store_representations(args.database_url)
    results = []
    try:
        with (
            served(args.database_url, args.dataset, args.workers, args.port) as origin,
            tempfile.TemporaryDirectory(prefix="zgw-floor-") as tmp,
        ):
            for step in steps:
                for connections in (int(c) for c in args.connections.split(",")):
                    results.append(measure_step(origin, step, dataset, connections, args.duration, args.warmup, Path(tmp)))
    finally:
        if stores:
            drop_representations(args.database_url)
    print("| step | connections | requests/s | p50 ms | p99 ms | non-2xx |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['step']} | {r['connections']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['non2xx']} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 1 if any(r["non2xx"] or r["socket_errors"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
