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

A step's figure bounds what the API can reach: a real W3 does everything `row` does and more.

Three more steps measure a design the API does not have, a representation of each zaak kept as
JSON text (as a read model would keep it up to date on every write): `stored-row`, `stored-citizen`
and `stored-page` read one text column instead of the zaak's columns and answer it as it is (a page
joined into an array). For them the run first copies every zaak's row as JSON (PostgreSQL's
`row_to_json`) into the table `floor_stored_zaak` of the same database, and drops it afterwards.

Results go in bench/RESULTS.md ("The floor").
"""

import argparse
import contextlib
import functools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from uuid import UUID

from bench.load import Workload, request_line, run_wrk
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
)
STORED_TABLE = "floor_stored_zaak"
FIXED = b'{"url":"http://127.0.0.1/zaken/api/v1/zaken/00000000-0000-0000-0000-000000000000","identificatie":"ZAAK-2024-0000000001"}'


# ---------------------------------------------------------------- the app (in each uvicorn worker)


async def bare_asgi(scope, receive, send) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": FIXED})


def served_app():
    """uvicorn's factory (`serve`): the app on ZGW_FLOOR_DATABASE_URL, its heap settled as in `zgw serve`."""
    from shared.app import settle_heap

    application = create_app(os.environ.get("ZGW_FLOOR_DATABASE_URL", DEFAULT_DATABASE_URL))
    settle_heap()
    return application


def create_app(database_url: str):
    """The app of the steps above, under /floor; `/floor/asgi` goes around FastAPI."""
    import orjson
    from fastapi import FastAPI, Response
    from sqlalchemy import BigInteger, Column, MetaData, Table, Text, Uuid, bindparam, select

    from services.zaken.models import Rol, Zaak
    from shared.db import make_engine

    # autocommit, as the API's read sessions (shared.db.Database.read_session)
    engine = make_engine(database_url, isolation_level="AUTOCOMMIT")
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

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        yield
        engine.dispose()

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


def serve(port: int, workers: int, database_url: str) -> subprocess.Popen:
    environment = {**os.environ, "ZGW_FLOOR_DATABASE_URL": database_url}
    command = [sys.executable, "-m", "uvicorn", "bench.floor:served_app", "--factory", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers), "--no-access-log", "--log-level", "warning"]
    return subprocess.Popen(command, env=environment)


def wait_ready(origin: str, seconds: float = 120) -> None:
    if not wait_until_ok(f"{origin}/floor/page", time.monotonic() + seconds, attempt_timeout=5):
        raise SystemExit(f"the floor app did not answer on {origin} within {seconds:g} s")


def workload_lines(step: str, dataset: dict) -> list[str]:
    if step in ("page", "psycopg-page", "stored-page"):
        return [request_line("GET", f"/floor/{step}")]
    if step in ("citizen", "psycopg-citizen", "stored-citizen"):
        return [request_line("GET", f"/floor/{step}/{bsn}") for bsn in dataset["bsns"]]
    uuids = [z["uuid"] if isinstance(z, dict) else z for z in dataset["zaken"]]
    return [request_line("GET", f"/floor/{step}/{uuid}") for uuid in uuids]


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
    origin = f"http://127.0.0.1:{args.port}"
    server = serve(args.port, args.workers, args.database_url)
    results = []
    try:
        wait_ready(origin)
        with tempfile.TemporaryDirectory(prefix="zgw-floor-") as tmp:
            for step in steps:
                request_file = Path(tmp) / f"{step}.tsv"
                request_file.write_text("\n".join(workload_lines(step, dataset)) + "\n")
                for connections in (int(c) for c in args.connections.split(",")):
                    workload = Workload(step, connections, origin, [], crs=False)
                    if args.warmup > 0:
                        run_wrk(workload, {}, args.warmup, 2, 10, request_file)
                    result = {"step": step, "connections": connections, **run_wrk(workload, {}, args.duration, 2, 10, request_file)}
                    results.append(result)
                    print(
                        f"{step} c{connections}: {result['rps']:.0f}/s p50 {result['p50_ms']} ms p99 {result['p99_ms']} ms non-2xx {result['non2xx']}",
                        file=sys.stderr,
                        flush=True,
                    )
    finally:
        server.terminate()
        server.wait(timeout=30)
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
