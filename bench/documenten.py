"""The Documenten API against its floor, in one invocation: a large file in and out by
bestandsdelen (MB/s, peak worker memory) and a list of 100 documents (wrk).

    .venv/bin/python -m bench.documenten                      # 1 GiB on disk
    .venv/bin/python -m bench.documenten --storage s3         # the same on moto's S3 server
    .venv/bin/python -m bench.documenten --size 2GiB --json out.json

What runs (every server on a free port, every database a throwaway PostgreSQL schema of
`--database-url`, bench.common):

- the Catalogi service (`zgw serve catalogi`, 1 worker) with a catalogus and two published
  informatieobjecttypen, made in-process first (bench.generate's CatalogiLoader);
- the Documenten service as `zgw run` serves it: `zgw serve documenten --workers N`, its
  environment from `run_environments` and `separate_dispatch`, the store a temporary directory
  (`--storage disk`) or a bucket of moto's server mode (`--storage s3`, `python -m moto.server`);
  the applicaties file holds the limited client with `documenten.lezen` on one of the two types;
- the floor: a bare Starlette app on the same uvicorn (`--workers N`, no access log) that takes
  the same multipart parts (Starlette's form parser, each part copied from its spooled file to a
  file of its own, no fsync), streams them back as one file (1 MiB chunks, as the service), and
  answers the list's SQL alone: the page statement of the list (the newest versions joined with
  their documents, the client's `visible` condition, ordered, 100 rows) without its count,
  bestandsdelen or JSON of the API's shape, as SQLAlchemy Core rows dumped as JSON.

Measured, floor and API alike: the upload (the API: create with `bestandsomvang`, PUT of every
bestandsdeel as multipart with the lock, unlock; the floor: PUT of the same parts), the download
(the file streamed and hashed: the sha256 must match), MB/s (10^6 bytes/s) of each, and the peak
RSS of the worker processes (VmHWM of each uvicorn worker in /proc, read before the upload, after
it and after the download). Then 2 x `--documents` small documents (half of them on the limited
client's type) and wrk (bench/wrk/zgw.lua, bench.load's runner) on GET /enkelvoudiginformatieobjecten
(page 1: 100 documents) for the all-rights and the limited client, and on the floor's list SQL
for both, at each of `--connections`. Output: a markdown table of figures and ratios to the floor,
and `--json`.

Results in bench/RESULTS.md ("The Documenten API against its floor").
"""

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from bench.common import DEFAULT_POSTGRES, free_port, machine, throwaway_database
from bench.load import Workload, demo_token, request_line, run_wrk
from services.cli import run_environments, separate_dispatch, wait_until_ok
from services.registry import without_service_settings

DOCUMENTEN_ROOT = "/documenten/api/v1"
LIMITED_CLIENT_ID = "bench-documenten-beperkt"
LIMITED_SECRET = "bench-documenten-beperkt-secret-0123456789"
S3_BUCKET = "bench-documenten"
CHUNK = 1024 * 1024
PAGE = 100
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([KMG]i?B?|B)?", re.IGNORECASE)


def parse_size(text: str) -> int:
    """`1GiB`, `512MiB`, `300K`, `1048576`: bytes (K, M, G are powers of 1024)."""
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        raise argparse.ArgumentTypeError(f"not a size: {text!r}")
    unit = (match.group(2) or "B")[0].upper()
    return int(float(match.group(1)) * {"B": 1, "K": 1024, "M": 1024**2, "G": 1024**3}[unit])


# ---------------------------------------------------------------- the floor app (in each uvicorn worker)


def floor_app():
    """uvicorn's factory: the floor on ZGW_FLOOR_DIR and ZGW_FLOOR_DATABASE_URL, the limited
    client's applicatie from ZGW_FLOOR_APPLICATIE (JSON)."""
    from shared.app import settle_heap

    application = create_floor_app(
        Path(os.environ["ZGW_FLOOR_DIR"]), os.environ["ZGW_FLOOR_DATABASE_URL"], json.loads(os.environ["ZGW_FLOOR_APPLICATIE"])
    )
    settle_heap()
    return application


def list_statement(applicatie: dict | None):
    """The list's page statement (services/documenten: `newest_versions`, `visible`, ordered by
    the document) as Core columns, for the all-rights client (None) or `applicatie`."""
    from sqlalchemy import select

    from services.documenten.access import SCOPE_LEZEN
    from services.documenten.common import NEWEST, visible
    from services.documenten.enkelvoudiginformatieobject.models import InformatieObject, InformatieObjectVersie
    from shared.auth import Principal, parse_applicatie

    columns = [*InformatieObjectVersie.__table__.columns, InformatieObject.uuid, InformatieObject.lock]
    statement = select(*columns).join(InformatieObject, NEWEST).order_by(InformatieObject.id).limit(PAGE)
    if applicatie is not None:
        principal = Principal(applicatie["clientIds"][0], parse_applicatie(applicatie))
        statement = statement.where(visible(principal, (SCOPE_LEZEN,)))
    return statement


def create_floor_app(directory: Path, database_url: str, applicatie: dict):
    import orjson
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import Response, StreamingResponse
    from starlette.routing import Route

    from shared.db import make_engine

    engine = make_engine(database_url, isolation_level="AUTOCOMMIT")
    statements = {"all": list_statement(None), "limited": list_statement(applicatie)}

    def part_path(number: int) -> Path:
        return directory / f"part-{number:05d}"

    def keep(upload, number: int) -> int:
        with part_path(number).open("wb") as out:
            shutil.copyfileobj(upload.file, out, CHUNK)
            return out.tell()

    async def put_part(request: Request) -> Response:
        async with request.form() as form:
            size = await run_in_threadpool(keep, form["inhoud"], int(request.path_params["number"]))
        return Response(orjson.dumps({"omvang": size}), media_type="application/json")

    def chunks(paths: list[Path]) -> Iterator[bytes]:
        for path in paths:
            with path.open("rb") as file:
                while chunk := file.read(CHUNK):
                    yield chunk

    async def download(request: Request) -> Response:
        paths = sorted(directory.glob("part-*"))
        size = sum(path.stat().st_size for path in paths)
        return StreamingResponse(chunks(paths), media_type="application/octet-stream", headers={"Content-Length": str(size)})

    def page(who: str) -> bytes:
        with engine.connect() as connection:
            rows = connection.execute(statements[who]).all()
        return orjson.dumps([row._asdict() for row in rows], default=str)

    async def list_sql(request: Request) -> Response:
        body = await run_in_threadpool(page, request.path_params["who"])
        return Response(body, media_type="application/json")

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        yield
        engine.dispose()

    routes = [
        Route("/floor/parts/{number:int}", put_part, methods=["PUT"]),
        Route("/floor/download", download),
        Route("/floor/list/{who}", list_sql),
    ]
    return Starlette(routes=routes, lifespan=lifespan)


# ---------------------------------------------------------------- processes


def worker_pids(supervisor: int) -> list[int]:
    """The uvicorn workers of a supervisor process: its children spawned by multiprocessing (with
    one worker uvicorn serves in the supervisor itself)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == supervisor and b"spawn_main" in command:
            found.append(int(entry.name))
    return sorted(found) or [supervisor]


def memory_mb(pid: int) -> dict[str, float]:
    """The process's resident set now (VmRSS) and at its peak so far (VmHWM), in MB (10^6 bytes)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = round(int(value.split()[0]) * 1024 / 1e6, 1)
    return {"rss": fields["VmRSS"], "peak": fields["VmHWM"]}


def workers_memory(supervisor: int) -> dict[str, float]:
    """The largest worker's RSS now and its peak so far (MB)."""
    figures = [memory_mb(pid) for pid in worker_pids(supervisor)]
    return {"rss": max(f["rss"] for f in figures), "peak": max(f["peak"] for f in figures), "workers": len(figures)}


def start(command: list[str], environment: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(command, env=environment, stdout=log.open("wb"), stderr=subprocess.STDOUT)


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_ready(url: str, process: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{' '.join(process.args[:6])} exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        if wait_until_ok(url, min(deadline, time.monotonic() + 2), attempt_timeout=5):
            return
    raise SystemExit(f"{url} did not answer within {seconds:g} s:\n{log.read_text()[-3000:]}")


def serve_command(service: str, port: int, workers: int) -> list[str]:
    """`zgw serve`, as `zgw run` starts each service (services/cli.py: cmd_run)."""
    command = [sys.executable, "-m", "services.cli", "serve", service, "--port", str(port), "--log-level", "warning", "--no-access-log"]
    return command + ["--workers", str(workers)]


def limited_applicatie(informatieobjecttype: str) -> dict:
    return {
        "label": "Benchmark documenten (beperkt)",
        "clientIds": [LIMITED_CLIENT_ID],
        "secret": LIMITED_SECRET,
        "heeftAlleAutorisaties": False,
        "autorisaties": [
            {
                "component": "drc",
                "scopes": ["documenten.lezen"],
                "informatieobjecttype": informatieobjecttype,
                "maxVertrouwelijkheidaanduiding": "zeer_geheim",
            }
        ],
    }


def make_catalogus(catalogi_url: str, base_url: str) -> list[str]:
    """A catalogus with two published informatieobjecttypen (their URLs at `base_url`), in-process."""
    from bench.generate import CatalogiLoader

    loader = CatalogiLoader(catalogi_url, base_url)
    try:
        catalogus = loader.post(
            "/catalogussen",
            {
                "domein": "BDOC",
                "rsin": "002220647",
                "contactpersoonBeheerNaam": "Benchmark",
                "naam": "Benchmark documenten",
                "versie": "1",
                "begindatumVersie": "2024-01-01",
            },
        )
        urls = []
        for number in (1, 2):
            body = {
                "catalogus": catalogus["url"],
                "omschrijving": f"Benchmarkdocument {number}",
                "vertrouwelijkheidaanduiding": "openbaar",
                "beginGeldigheid": "2024-01-01",
                "informatieobjectcategorie": "Benchmark",
                "omschrijvingGeneriek": {
                    "informatieobjecttypeOmschrijvingGeneriek": "Benchmark",
                    "definitieInformatieobjecttypeOmschrijvingGeneriek": "Een document van de benchmark",
                    "herkomstInformatieobjecttypeOmschrijvingGeneriek": "bench",
                    "hierarchieInformatieobjecttypeOmschrijvingGeneriek": "basis",
                },
            }
            url = loader.post("/informatieobjecttypen", body)["url"]
            loader.post(f"{url}/publish", {}, expected=200)
            urls.append(url)
        return urls
    finally:
        loader.close()


# ---------------------------------------------------------------- the file


def generate(path: Path, size: int) -> str:
    """`size` random bytes at `path`; their sha256."""
    digest = hashlib.sha256()
    block = os.urandom(8 * CHUNK)
    with path.open("wb") as out:
        written = 0
        while written < size:
            # a fresh prefix per block, so no two blocks are equal (a store cannot deduplicate)
            chunk = (written.to_bytes(8, "big") + block[8:])[: size - written]
            out.write(chunk)
            digest.update(chunk)
            written += len(chunk)
    return digest.hexdigest()


class Slice:
    """A read-only file object of `length` bytes of `file` from `offset`: what httpx streams as a
    multipart file (in its own chunks), without a copy of the part on disk."""

    def __init__(self, path: Path, offset: int, length: int):
        self.file = path.open("rb")
        self.offset, self.length, self.position = offset, length, 0
        self.file.seek(offset)

    def read(self, n: int = -1) -> bytes:
        left = self.length - self.position
        data = self.file.read(left if n < 0 else min(n, left))
        self.position += len(data)
        return data

    def seek(self, position: int, whence: int = 0) -> int:
        self.position = {0: position, 1: self.position + position, 2: self.length + position}[whence]
        self.file.seek(self.offset + self.position)
        return self.position

    def tell(self) -> int:
        return self.position

    def close(self) -> None:
        self.file.close()


def put_part(client: httpx.Client, url: str, path: Path, offset: int, length: int, lock: str | None) -> httpx.Response:
    part = Slice(path, offset, length)
    try:
        return client.put(
            url, data={"lock": lock} if lock is not None else None, files={"inhoud": ("deel.bin", part, "application/octet-stream")}
        )
    finally:
        part.close()


def download(client: httpx.Client, url: str) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with client.stream("GET", url) as response:
        if response.status_code != 200:
            raise SystemExit(f"GET {url}: {response.status_code} {response.read()[:500]!r}")
        for chunk in response.iter_bytes(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def expect(response: httpx.Response, status: int, what: str) -> httpx.Response:
    if response.status_code != status:
        raise SystemExit(f"{what}: {response.status_code} {response.text[:1000]}")
    return response


def document_body(informatieobjecttype: str, **extra) -> dict:
    return {
        "bronorganisatie": "002220647",
        "creatiedatum": "2026-01-05",
        "titel": "Benchmarkdocument",
        "auteur": "bench.documenten",
        "taal": "dut",
        "formaat": "application/octet-stream",
        "bestandsnaam": "bench.bin",
        "informatieobjecttype": informatieobjecttype,
        **extra,
    }


def api_upload(client: httpx.Client, root: str, informatieobjecttype: str, path: Path, size: int) -> tuple[str, int, dict]:
    """Create with bestandsomvang, PUT every bestandsdeel with the lock, unlock: (url, parts, the
    seconds of each of the three steps)."""
    started = time.perf_counter()
    created = expect(
        client.post(f"{root}/enkelvoudiginformatieobjecten", json=document_body(informatieobjecttype, bestandsomvang=size)), 201, "create"
    ).json()
    phases = {"create_s": time.perf_counter() - started}
    offset = 0
    for part in sorted(created["bestandsdelen"], key=lambda p: p["volgnummer"]):
        expect(put_part(client, part["url"], path, offset, part["omvang"], created["lock"]), 200, f"bestandsdeel {part['volgnummer']}")
        offset += part["omvang"]
    if offset != size:
        raise SystemExit(f"the bestandsdelen cover {offset} bytes, not {size}")
    phases["parts_s"] = time.perf_counter() - started - phases["create_s"]
    # the unlock joins the parts into the document's content
    expect(client.post(f"{created['url']}/unlock", json={"lock": created["lock"]}), 204, "unlock")
    phases["unlock_s"] = time.perf_counter() - started - phases["create_s"] - phases["parts_s"]
    return created["url"], len(created["bestandsdelen"]), {name: round(seconds, 2) for name, seconds in phases.items()}


def floor_upload(client: httpx.Client, origin: str, path: Path, size: int, part_size: int) -> int:
    parts = 0
    for offset in range(0, size, part_size):
        parts += 1
        expect(put_part(client, f"{origin}/floor/parts/{parts}", path, offset, min(part_size, size - offset), None), 200, "floor part")
    return parts


def timed(action, *args):
    started = time.perf_counter()
    value = action(*args)
    return value, time.perf_counter() - started


def mb_per_s(size: int, seconds: float) -> float:
    return round(size / seconds / 1e6, 1)


# ---------------------------------------------------------------- the run


def transfer(options, catalog: dict, documenten: subprocess.Popen, floor: subprocess.Popen, path: Path, digest: str) -> dict:
    """Upload and download through the API and through the floor; MB/s and the workers' memory."""
    size = options.size
    token = demo_token()
    # the timeout covers one part (or the join at unlock) on a slow disk
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=600) as client:
        figures: dict[str, dict] = {}
        for name, supervisor in (("floor", floor), ("api", documenten)):
            before = workers_memory(supervisor.pid)
            if name == "api":
                (url, parts, phases), up = timed(api_upload, client, catalog["root"], catalog["types"][0], path, size)
                download_url = f"{url}/download"
            else:
                parts, up = timed(floor_upload, client, catalog["floor"], path, size, options.part_size)
                phases = {"parts_s": round(up, 2)}
                download_url = f"{catalog['floor']}/floor/download"
            after_upload = workers_memory(supervisor.pid)
            (got, got_digest), down = timed(download, client, download_url)
            after_download = workers_memory(supervisor.pid)
            if (got, got_digest) != (size, digest):
                raise SystemExit(f"{name}: the download is {got} bytes with sha256 {got_digest}, not {size} bytes with {digest}")
            figures[name] = {
                "parts": parts,
                "upload_s": round(up, 2),
                "upload_mb_s": mb_per_s(size, up),
                "upload_phases": phases,
                "download_s": round(down, 2),
                "download_mb_s": mb_per_s(size, down),
                "rss_before_mb": before["rss"],
                "peak_before_mb": before["peak"],
                "peak_upload_mb": after_upload["peak"],
                "peak_download_mb": after_download["peak"],
                "workers": before["workers"],
                "sha256_ok": True,
            }
            print(
                f"{name}: up {figures[name]['upload_mb_s']} MB/s, down {figures[name]['download_mb_s']} MB/s, {figures[name]}",
                file=sys.stderr,
                flush=True,
            )
            if name == "floor":
                for part in Path(options.floor_dir).glob("part-*"):
                    part.unlink()
    return figures


def create_documents(options, catalog: dict) -> None:
    """2 x --documents small documents, alternating between the two types (the limited client
    reads the first); 4 at a time."""
    token = demo_token()
    bodies = [document_body(catalog["types"][n % 2], inhoud="YmVuY2htYXJr") for n in range(2 * options.documents)]

    def create(chunk: list[dict]) -> None:
        with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=60) as client:
            for body in chunk:
                expect(client.post(f"{catalog['root']}/enkelvoudiginformatieobjecten", json=body), 201, "create")

    threads = [threading.Thread(target=create, args=(bodies[n::4],)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def list_load(options, catalog: dict) -> list[dict]:
    from shared.auth import make_token

    api = f"{catalog['root']}/enkelvoudiginformatieobjecten"
    origin_api = catalog["root"].removesuffix(DOCUMENTEN_ROOT)
    steps = [
        ("api", "all", origin_api, request_line("GET", api), demo_token()),
        ("floor", "all", catalog["floor"], "GET\t/floor/list/all", None),
        ("api", "limited", origin_api, request_line("GET", api), make_token(LIMITED_CLIENT_ID, LIMITED_SECRET, user_id="bench")),
        ("floor", "limited", catalog["floor"], "GET\t/floor/list/limited", None),
    ]
    results = []
    with tempfile.TemporaryDirectory(prefix="zgw-benchdoc-wrk-") as tmp:
        for server, who, origin, line, token in steps:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            # what a page holds, asked once: 100 documents (or all there are) for either client
            page = expect(httpx.get(origin + line.split("\t")[1], headers=headers, timeout=30), 200, f"{server} list {who}").json()
            count = len(page["results"] if isinstance(page, dict) else page)
            request_file = Path(tmp) / f"{server}-{who}.tsv"
            request_file.write_text(line + "\n")
            for connections in options.connections:
                workload = Workload(f"{server}-{who}", connections, origin, [line], crs=False)
                if options.warmup > 0:
                    run_wrk(workload, headers, options.warmup, 2, 10, request_file)
                figures = run_wrk(workload, headers, options.duration, 2, 10, request_file)
                result = {"server": server, "client": who, "connections": connections, "page": count, **figures}
                results.append(result)
                print(f"list {server} {who} c{connections}: {figures['rps']:.0f}/s p50 {figures['p50_ms']} ms", file=sys.stderr, flush=True)
    return results


def run(options) -> dict:
    if options.duration > 0 and shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    processes: list[subprocess.Popen] = []
    with (
        throwaway_database("postgresql", options.database_url, "catalogi") as catalogi_url,
        throwaway_database("postgresql", options.database_url, "documenten") as documenten_url,
        tempfile.TemporaryDirectory(prefix="zgw-benchdoc-", dir=options.tmp) as tmp_name,
    ):
        tmp = Path(tmp_name)
        options.floor_dir = tmp / "floor"
        options.floor_dir.mkdir()
        ports = {name: free_port() for name in ("catalogi", "documenten", "floor", "s3")}
        catalogi_origin = f"http://127.0.0.1:{ports['catalogi']}"
        base = {**without_service_settings(os.environ), "ZGW_DEMO_ENABLED": "true", "ZGW_AUTORISATIES_API_URL": ""}
        try:
            types = make_catalogus(catalogi_url, catalogi_origin)
            applicatie = limited_applicatie(types[0])
            applicaties = tmp / "applicaties.json"
            applicaties.write_text(json.dumps({"applicaties": [applicatie]}))
            base["ZGW_AUTORISATIES_FILE"] = str(applicaties)
            documenten_env = {
                **base,
                "DOCUMENTEN_DATABASE_URL": documenten_url,
                "DOCUMENTEN_CATALOGI_API_URL": f"{catalogi_origin}/catalogi/api/v1",
                "DOCUMENTEN_UPLOAD_CHUNK_SIZE": str(options.part_size),
            }
            if options.storage == "s3":
                s3 = f"http://127.0.0.1:{ports['s3']}"
                log = tmp / "moto.log"
                processes.append(start([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(ports["s3"])], base, log))
                wait_ready(f"{s3}/moto-api/", processes[-1], log)
                credentials = {"region": "us-east-1", "access_key_id": "bench", "secret_access_key": "bench-secret"}
                from services.documenten.storage import S3Store

                S3Store(
                    S3_BUCKET,
                    endpoint_url=s3,
                    region=credentials["region"],
                    access_key=credentials["access_key_id"],
                    secret_key=credentials["secret_access_key"],
                ).create_bucket()
                documenten_env |= {
                    "DOCUMENTEN_STORAGE": "s3",
                    "DOCUMENTEN_S3_BUCKET": S3_BUCKET,
                    "DOCUMENTEN_S3_ENDPOINT_URL": s3,
                    **{f"DOCUMENTEN_S3_{k.upper()}": v for k, v in credentials.items()},
                }
            else:
                documenten_env |= {"DOCUMENTEN_STORAGE": "disk", "DOCUMENTEN_STORAGE_PATH": str(tmp / "store")}
            # the environment `zgw run` gives the service (peers, listeners; no dispatcher in it)
            environments = run_environments(documenten_env)
            separate_dispatch(environments)
            catalogi_env = {**base, "CATALOGI_DATABASE_URL": catalogi_url, "CATALOGI_SELECTIELIJST_VALIDATION": "false"}
            floor_env = {
                **base,
                "ZGW_FLOOR_DIR": str(options.floor_dir),
                "ZGW_FLOOR_DATABASE_URL": documenten_url,
                "ZGW_FLOOR_APPLICATIE": json.dumps(applicatie),
            }
            floor_command = [sys.executable, "-m", "uvicorn", "bench.documenten:floor_app", "--factory", "--host", "127.0.0.1"]
            floor_command += ["--port", str(ports["floor"]), "--workers", str(options.workers), "--no-access-log", "--log-level", "warning"]
            logs = {name: tmp / f"{name}.log" for name in ("catalogi", "documenten", "floor")}
            catalogi = start(serve_command("catalogi", ports["catalogi"], 1), catalogi_env, logs["catalogi"])
            documenten = start(
                serve_command("documenten", ports["documenten"], options.workers), environments["documenten"], logs["documenten"]
            )
            floor = start(floor_command, floor_env, logs["floor"])
            processes += [catalogi, documenten, floor]
            root = f"http://127.0.0.1:{ports['documenten']}{DOCUMENTEN_ROOT}"
            catalog = {"root": root, "floor": f"http://127.0.0.1:{ports['floor']}", "types": types}
            wait_ready(f"{catalogi_origin}/readyz", catalogi, logs["catalogi"])
            wait_ready(f"http://127.0.0.1:{ports['documenten']}/readyz", documenten, logs["documenten"])
            wait_ready(f"{catalog['floor']}/floor/list/all", floor, logs["floor"])

            path = tmp / "file.bin"
            digest = generate(path, options.size)
            transfers = transfer(options, catalog, documenten, floor, path, digest)
            path.unlink()
            lists: list[dict] = []
            if options.duration > 0:
                create_documents(options, catalog)
                lists = list_load(options, catalog)
        finally:
            stop(processes)
    return {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "machine": machine(),
        "options": {
            "size": options.size,
            "storage": options.storage,
            "partSize": options.part_size,
            "workers": options.workers,
            "documents": options.documents,
            "connections": options.connections,
            "duration": options.duration,
        },
        "transfer": transfers,
        "list": lists,
    }


def ratio(value: float, floor: float) -> str:
    return f"{value / floor:.2f}" if floor else "-"


def markdown(report: dict) -> str:
    t = report["transfer"]
    api, floor = t["api"], t["floor"]
    size = report["options"]["size"] / 1024**3
    lines = [
        f"{size:g} GiB, storage {report['options']['storage']}, {api['parts']} bestandsdelen, {report['options']['workers']} workers",
        "",
        "| measure | API | floor | API / floor |",
        "|---|---:|---:|---:|",
        f"| upload MB/s | {api['upload_mb_s']} | {floor['upload_mb_s']} | {ratio(api['upload_mb_s'], floor['upload_mb_s'])} |",
        f"| upload: create, parts, unlock s | {api['upload_phases']['create_s']}, {api['upload_phases']['parts_s']}, "
        f"{api['upload_phases']['unlock_s']} | -, {floor['upload_phases']['parts_s']}, - | |",
        f"| download MB/s | {api['download_mb_s']} | {floor['download_mb_s']} | {ratio(api['download_mb_s'], floor['download_mb_s'])} |",
        f"| worker RSS before, MB | {api['rss_before_mb']} | {floor['rss_before_mb']} | |",
        f"| worker peak RSS, upload, MB | {api['peak_upload_mb']} | {floor['peak_upload_mb']} | |",
        f"| worker peak RSS, download, MB | {api['peak_download_mb']} | {floor['peak_download_mb']} | |",
    ]
    floors = {(r["client"], r["connections"]): r for r in report["list"] if r["server"] == "floor"}
    for r in report["list"]:
        if r["server"] != "api":
            continue
        f = floors[(r["client"], r["connections"])]
        lines.append(
            f"| list ({r['client']} rights, {r['page']} of a page), c{r['connections']}: req/s; p50 ms "
            f"| {r['rps']:.0f}; {r['p50_ms']:.1f} | {f['rps']:.0f}; {f['p50_ms']:.1f} | {ratio(r['rps'], f['rps'])}; "
            f"{ratio(r['p50_ms'], f['p50_ms'])} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.documenten", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=parse_size, default=parse_size("1GiB"), help="the file (default 1GiB; K, M, G are 1024s)")
    parser.add_argument("--storage", choices=("disk", "s3"), default="disk")
    parser.add_argument(
        "--part-size", type=parse_size, default=None, help="the bestandsdeel size (DOCUMENTEN_UPLOAD_CHUNK_SIZE; default the service's)"
    )
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers of the API and the floor")
    parser.add_argument("--documents", type=int, default=PAGE, help="documents the limited client reads (as many again it does not)")
    parser.add_argument("--connections", default="1,16", help="wrk connections of the list (comma-separated)")
    parser.add_argument("--duration", type=int, default=10, help="whole seconds per list run, as wrk takes them (0: no list)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--database-url", default=DEFAULT_POSTGRES, help="a PostgreSQL server (throwaway schemas in it)")
    parser.add_argument("--tmp", default=None, help="the directory for the file, the store and the floor's parts")
    parser.add_argument("--json", type=Path, default=None)
    options = parser.parse_args(argv)
    if options.part_size is None:
        from services.documenten.settings import DocumentenSettings

        options.part_size = DocumentenSettings().upload_chunk_size
    options.connections = [int(c) for c in options.connections.split(",")]
    report = run(options)
    print(markdown(report))
    if options.json:
        options.json.write_text(json.dumps(report, indent=2) + "\n")
    return 1 if any(r["non2xx"] or r["socket_errors"] for r in report["list"]) else 0


if __name__ == "__main__":
    raise SystemExit(main())
