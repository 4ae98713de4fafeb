"""CPU and SQL statements per request of the Zaken reads, in-process (issue 25).

    .venv/bin/python -m bench.reads                  # W1, W2, W3: CPU ms and statements per request
    .venv/bin/python -m bench.reads --floors         # and the floor steps page, citizen, row

Builds the Zaken app (and with `--floors` bench/floor.py's app) in this process on the bench data
set (`bench_zaken`, made by `python -m bench.generate`) and calls it as an ASGI app, without a
server or a socket, with the requests `bench/load.py` sends: W1 `GET /zaken` (page 1, the demo
client's token), W2 `GET /zaken?rol__...__inpBsn=<bsn>`, W3 `GET /zaken/{uuid}` (the BSNs and
uuids of `--dataset`, round robin). Per workload: CPU ms per request (`time.process_time`, every
thread of the process: the thread pool's endpoint and the event loop alike), the SQL statements
per request (SQLAlchemy's `before_cursor_execute`), and with `--floors` the ratio of the floor
step's CPU to the workload's, an estimate of bench.compare's req/s ratio on a CPU-bound machine
(uvicorn's and the network's share is left out of both, so the estimate is on the high side).
Every response must be 200 (exit status 1 otherwise). The Catalogi API is never asked: reads
need it not.
"""

import argparse
import asyncio
import gc
import json
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench.load import BSN_FILTER, CRS, demo_token

DEFAULT_DATASET = Path(__file__).with_name("dataset.json")
DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/bench_zaken"
# workload -> its floor step in bench/floor.py (as bench/compare.py pairs them)
FLOORS = {"W1": "page", "W2": "citizen", "W3": "row"}


class Counter:
    """SQL statements executed, on every engine of the process."""

    def __init__(self) -> None:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        self.count = 0
        event.listen(Engine, "before_cursor_execute", self._seen)

    def _seen(self, *args) -> None:
        self.count += 1


async def call(app, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    """One GET of `path` (with its query) through the ASGI app; (status, body)."""
    split = urlsplit(path)
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": split.path,
        "raw_path": split.path.encode(),
        "root_path": "",
        "query_string": split.query.encode(),
        "headers": [(b"host", b"127.0.0.1:8002"), *((k.lower().encode(), v.encode()) for k, v in headers.items())],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8002),
    }
    sent = False
    status = 0
    chunks: list[bytes] = []

    async def receive():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # never: a GET has one message

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


async def measure(app, paths: list[str], headers: dict[str, str], requests: int, warmup: int, counter: Counter) -> dict:
    """CPU ms and statements per request over `requests` calls (after `warmup` discarded)."""
    for i in range(warmup):
        status, body = await call(app, paths[i % len(paths)], headers)
        if status != 200:
            raise SystemExit(f"{paths[i % len(paths)]}: {status} {body[:300]!r}")
    gc.collect()
    statements = counter.count
    cpu = time.process_time()
    wall = time.perf_counter()
    for i in range(requests):
        status, body = await call(app, paths[i % len(paths)], headers)
        if status != 200:
            raise SystemExit(f"{paths[i % len(paths)]}: {status} {body[:300]!r}")
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    return {
        "cpu_ms": round(cpu * 1000 / requests, 3),
        "wall_ms": round(wall * 1000 / requests, 3),
        "statements": round((counter.count - statements) / requests, 2),
    }


def workload_paths(dataset: dict, root: str) -> dict[str, list[str]]:
    """W1-W3's paths, as bench/load.py builds its request lines."""
    return {
        "W1": [f"{root}/zaken"],
        "W2": [f"{root}/zaken?{urlencode({BSN_FILTER: bsn})}" for bsn in dataset["bsns"]],
        "W3": [f"{root}/zaken/{zaak['uuid']}" for zaak in dataset["zaken"]],
    }


def floor_paths(dataset: dict) -> dict[str, list[str]]:
    return {
        "page": ["/floor/page"],
        "citizen": [f"/floor/citizen/{bsn}" for bsn in dataset["bsns"]],
        "row": [f"/floor/row/{zaak['uuid']}" for zaak in dataset["zaken"]],
    }


def zaken_app(database_url: str):
    from services.zaken import API_ROOT
    from services.zaken.app import create_app
    from services.zaken.settings import ZakenSettings
    from shared.settings import KernelSettings

    kernel = KernelSettings(demo_enabled=True)
    return create_app(ZakenSettings(database_url=database_url), kernel), API_ROOT


async def run(options: argparse.Namespace) -> dict:
    from bench.floor import create_app as floor_app

    dataset = json.loads(Path(options.dataset).read_text())
    counter = Counter()
    app, root = zaken_app(options.database_url)
    # the token and headers of bench/load.py (W1-W3 send Accept-Crs, as every zaak workload)
    headers = {"Authorization": f"Bearer {demo_token()}", **CRS}
    results: dict = {}
    async with app.router.lifespan_context(app):
        paths = workload_paths(dataset, root)
        for name in options.workloads:
            results[name] = await measure(app, paths[name], headers, options.requests, options.warmup, counter)
    if options.floors:
        floor = floor_app(options.database_url, dataset)  # a plain ASGI callable; its engines open when used
        paths = floor_paths(dataset)
        for name in options.workloads:
            step = FLOORS[name]
            result = await measure(floor, paths[step], {}, options.requests, options.warmup, counter)
            results[name]["floor"] = {"step": step, **result}
            results[name]["cpu_ratio"] = round(result["cpu_ms"] / results[name]["cpu_ms"], 3)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reads", description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE, help=f"the Zaken database (default {DEFAULT_DATABASE})")
    parser.add_argument("--dataset", default=str(DEFAULT_DATASET), help="bench.generate's dataset.json")
    parser.add_argument("--workloads", default="W1,W2,W3", type=lambda v: v.split(","), help="of W1,W2,W3")
    parser.add_argument("--requests", type=int, default=500, help="measured requests per workload")
    parser.add_argument("--warmup", type=int, default=200, help="requests per workload before measuring")
    parser.add_argument("--floors", action="store_true", help="also the floor steps (page, citizen, row)")
    parser.add_argument("--json", help="write the figures to this file")
    options = parser.parse_args(argv)
    results = asyncio.run(run(options))
    print("| workload | CPU ms/req | statements/req | floor step | floor CPU ms/req | floor/API CPU |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        f = r.get("floor", {})
        print(f"| {name} | {r['cpu_ms']} | {r['statements']} | {f.get('step', '-')} | {f.get('cpu_ms', '-')} | {r.get('cpu_ratio', '-')} |")
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
