"""What one create costs the Zaken API in-process: CPU milliseconds (time.process_time of this
process, the in-process Catalogi app and the test client included), SQL statements (SQLAlchemy's
`before_cursor_execute`, every engine of the Zaken app: the request's and the numbering's) and
Catalogi requests per create, for N creates of W4's zaak body and of W5's status body (bench.load's
`zaak_body` and `status_bodies`, each status at a moment no other gets, as bench/wrk/zgw.lua).

The Zaken app is built as `make serve-postgres` runs it: a webhook target (the outbox on, a
delivery row per message), no dispatcher in the process (ZGW_DISPATCH_IN_PROCESS false), its
Catalogi answers from the Catalogi app in-process through its cache, warmed before measuring (the
production cache: 300 s fresh, then revalidated). No network hop: what is measured is the API's own
work, not uvicorn's or wrk's.

    .venv/bin/python -m bench.create_cost --db postgresql --creates 2000
    .venv/bin/python -m bench.create_cost --db sqlite --creates 2000
"""

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import event

from bench.common import DEFAULT_POSTGRES, machine, throwaway_database
from bench.create_latency import APPLICATIES, CRS, WEBHOOK, published_zaaktype
from bench.load import Dataset, status_bodies, zaak_body
from services.catalogi import API_ROOT as CATALOGI_ROOT
from services.catalogi.app import create_app as create_catalogi_app
from services.catalogi.settings import CatalogiSettings
from services.zaken import API_ROOT
from services.zaken.app import create_app
from services.zaken.settings import ZakenSettings
from shared import utc
from shared.auth import make_token
from shared.settings import KernelSettings
from tests.standins.inprocess import AppTransport


class CountingTransport(AppTransport):
    """The in-process Catalogi app, counting the requests that reach it."""

    requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return super().handle_request(request)


def count_statements(engines) -> Callable[[], int]:
    counted = [0]

    def before(*_args) -> None:
        counted[0] += 1

    for engine in engines:
        event.listen(engine, "before_cursor_execute", before)
    return lambda: counted[0]


def measure(post: Callable[[], None], n: int, statements: Callable[[], int], transport: CountingTransport) -> dict:
    """CPU ms, wall ms, SQL statements and Catalogi requests per create, over `n` creates."""
    sql, requests = statements(), transport.requests
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(n):
        post()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {
        "creates": n,
        "cpu_ms": round(cpu * 1000 / n, 3),
        "wall_ms": round(wall * 1000 / n, 3),
        "statements": round((statements() - sql) / n, 3),
        "catalogi_requests": round((transport.requests - requests) / n, 3),
    }


def create_cost(url: str, catalogi_url: str, creates: int, warmup: int, workdir: Path) -> dict:
    autorisaties = workdir / "applicaties.yaml"
    autorisaties.write_text(yaml.safe_dump(APPLICATIES))
    base = KernelSettings(autorisaties_file=autorisaties, dispatch_in_process=False, notification_targets=json.dumps(WEBHOOK))
    catalogi_app = create_catalogi_app(CatalogiSettings(database_url=catalogi_url, selectielijst_validation=False), base)
    headers = {"Authorization": f"Bearer {make_token('bench', 'bench-secret')}"}
    with TestClient(catalogi_app) as catalogi:
        zaaktype = published_zaaktype(catalogi, headers, domein="COST", statustypen=3)
    transport = CountingTransport(catalogi_app)
    app = create_app(ZakenSettings(database_url=url, client_id="bench", secret="bench-secret"), base, remote_transport=transport)
    headers = {**headers, **CRS, "Content-Type": "application/json"}
    today = utc.today()
    zaak_json = json.dumps(zaak_body(zaaktype["url"], today), separators=(",", ":"))
    result: dict = {}
    with TestClient(app) as client:
        database = app.state.db
        statements = count_statements([database.engine, database.side_engine])

        def post(path: str, body: str) -> dict:
            response = client.post(f"{API_ROOT}{path}", content=body, headers=headers)
            assert response.status_code == 201, response.text
            return response.json()

        def create_zaak() -> None:
            post("/zaken", zaak_json)

        # W5 on open zaken of "the sample" (50 zaken here), each statustype but the eindstatus
        zaken = [post("/zaken", zaak_json) for _ in range(50)]
        sample = [{"uuid": z["uuid"], "url": z["url"], "zaaktype": zaaktype["url"], "closed": False} for z in zaken]
        dataset = Dataset(zaken_root=API_ROOT, catalogi_root=CATALOGI_ROOT, zaaktypen=[zaaktype], zaken=sample, bsns=[])
        bodies = [json.dumps(b, separators=(",", ":")) for b in status_bodies(dataset)]
        start = utc.now() - dt.timedelta(minutes=1)  # as zgw.lua: a minute back, one microsecond apart
        counter = [0]

        def create_status() -> None:
            counter[0] += 1
            moment = (start - dt.timedelta(microseconds=counter[0])).isoformat().replace("+00:00", "Z")
            post("/statussen", bodies[counter[0] % len(bodies)].replace("{moment}", moment))

        for _ in range(warmup):
            create_zaak()
            create_status()
        result["W4 POST /zaken"] = measure(create_zaak, creates, statements, transport)
        result["W5 POST /statussen"] = measure(create_status, creates, statements, transport)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--database-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--creates", type=int, default=1000, help="creates of each kind")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    with (
        tempfile.TemporaryDirectory(prefix="zgw-bench-") as tmp,
        throwaway_database(args.db, args.database_url, service="catalogi") as catalogi_url,
        throwaway_database(args.db, args.database_url, service="zaken") as url,
    ):
        results = create_cost(url, catalogi_url, args.creates, args.warmup, Path(tmp))
    print("| create | CPU ms | wall ms | SQL statements | Catalogi requests |\n|---|---:|---:|---:|---:|")
    for name, row in results.items():
        print(f"| {name} | {row['cpu_ms']} | {row['wall_ms']} | {row['statements']} | {row['catalogi_requests']} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine(), "db": args.db, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
