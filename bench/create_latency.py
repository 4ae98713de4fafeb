"""What the outbox adds to a zaak create: `POST /zaken` through the Zaken app in-process (its
zaaktype read from the Catalogi app in-process, cached after the first create), with a webhook
target configured ("on": an outbox message plus a delivery row in the create's transaction)
against none ("off": the outbox message only, as the outbox always writes it) and with
outbox.enqueue patched out ("no outbox": the create with its audit trail record alone). No
dispatcher runs (ZGW_DISPATCH_IN_PROCESS false): only the write is timed. Variants take turns in
rounds on one database, so drift on a busy machine hits them alike. Also the raw cost of
outbox.enqueue inside a transaction (on PostgreSQL the message and its delivery rows are one
statement).

    .venv/bin/python -m bench.create_latency --db sqlite --creates 2000
    .venv/bin/python -m bench.create_latency --db postgresql --creates 2000
"""

import argparse
import json
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import yaml
from fastapi.testclient import TestClient

from bench.common import DEFAULT_POSTGRES, machine, summary_ms, throwaway_database
from services.catalogi import API_ROOT as CATALOGI_ROOT
from services.catalogi.app import create_app as create_catalogi_app
from services.catalogi.settings import CatalogiSettings
from services.zaken import API_ROOT
from services.zaken.app import create_app
from services.zaken.db import outbox
from services.zaken.settings import ZakenSettings
from shared.auth import make_token
from shared.db import Database
from shared.settings import KernelSettings
from shared.targets import parse_targets
from tests.catalogi.factories import catalogus_body, statustype_body, zaaktype_body
from tests.standins.inprocess import AppTransport
from tests.zaken.factories import zaak_body

WEBHOOK = {"targets": [{"name": "bench", "type": "webhook", "url": "http://127.0.0.1:9/never-called", "authorization": "Bearer x"}]}
APPLICATIES = {"applicaties": [{"label": "bench", "clientIds": ["bench"], "secret": "bench-secret", "heeftAlleAutorisaties": True}]}
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


@contextmanager
def no_outbox():
    """outbox.enqueue as a no-op: the create without any outbox write."""
    original = outbox.enqueue
    outbox.enqueue = lambda *args, **kwargs: {}
    try:
        yield
    finally:
        outbox.enqueue = original


def published_zaaktype(catalogi: TestClient, headers: dict, *, domein: str = "BNCH", statustypen: int = 1) -> dict:
    """A published zaaktype in a new catalogus with `statustypen` statustypen (volgnummer 1, 2,
    ...): {"url", "statustypen"} (bench.create_latency's and bench.create_cost's)."""

    def post(path: str, body: dict) -> dict:
        response = catalogi.post(f"{CATALOGI_ROOT}{path}", json=body, headers=headers)
        assert response.status_code in (200, 201), response.text
        return response.json()

    catalogus = post("/catalogussen", catalogus_body(domein=domein))["url"]
    zaaktype = post("/zaaktypen", zaaktype_body(catalogus, selectielijstProcestype=""))["url"]
    urls = [post("/statustypen", statustype_body(zaaktype, volgnummer=n, omschrijving=f"S{n}"))["url"] for n in range(1, statustypen + 1)]
    post(f"/zaaktypen/{zaaktype.rsplit('/', 1)[1]}/publish", {})
    return {"url": zaaktype, "statustypen": urls}


def create_times(url: str, catalogi_url: str, creates: int, rounds: int, warmup: int, workdir: Path) -> dict:
    autorisaties = workdir / "applicaties.yaml"
    autorisaties.write_text(yaml.safe_dump(APPLICATIES))
    base = KernelSettings(autorisaties_file=autorisaties, dispatch_in_process=False)
    catalogi_app = create_catalogi_app(CatalogiSettings(database_url=catalogi_url, selectielijst_validation=False), base)
    headers = {"Authorization": f"Bearer {make_token('bench', 'bench-secret')}"}
    with TestClient(catalogi_app) as catalogi:
        zaaktype = published_zaaktype(catalogi, headers)["url"]
    settings = ZakenSettings(database_url=url, client_id="bench", secret="bench-secret")
    on = base.model_copy(update={"notification_targets": json.dumps(WEBHOOK)})
    apps = {
        "no outbox": create_app(settings, base, remote_transport=AppTransport(catalogi_app)),
        "off": create_app(settings, base, remote_transport=AppTransport(catalogi_app)),
        "on": create_app(settings, on, remote_transport=AppTransport(catalogi_app)),
    }
    clients = {name: TestClient(app).__enter__() for name, app in apps.items()}
    headers = {**headers, **CRS}

    def create(name: str) -> float:
        body = zaak_body(zaaktype)
        if name == "no outbox":
            with no_outbox():
                started = time.perf_counter()
                response = clients[name].post(f"{API_ROOT}/zaken", json=body, headers=headers)
                elapsed = time.perf_counter() - started
        else:
            started = time.perf_counter()
            response = clients[name].post(f"{API_ROOT}/zaken", json=body, headers=headers)
            elapsed = time.perf_counter() - started
        assert response.status_code == 201, response.text
        return elapsed

    for name in apps:
        for _ in range(warmup):
            create(name)
    times: dict[str, list[float]] = {name: [] for name in apps}
    per_round = max(1, creates // rounds)
    for _ in range(rounds):
        for name in apps:
            times[name].extend(create(name) for _ in range(per_round))
    for client in clients.values():
        client.__exit__(None, None, None)
    with Database(url).engine.connect() as connection:  # a check that "on" wrote its delivery rows
        from sqlalchemy import func, select

        deliveries = connection.execute(select(func.count()).select_from(outbox.delivery)).scalar_one()
    result = {name: summary_ms(values) for name, values in times.items()}
    result["deliveries_written"] = deliveries
    return result


def enqueue_times(url: str, n: int, warmup: int) -> dict:
    """outbox.enqueue alone inside an open transaction (0 and 1 targets), and a whole
    transaction of enqueue + commit."""
    database = Database(url)
    result = {}
    for label, targets in (("enqueue, 0 targets", []), ("enqueue, 1 target", parse_targets(WEBHOOK))):
        enqueue_only, with_commit = [], []
        for i in range(warmup + n):
            session = database.session()
            session.info["outbox_targets"] = targets
            session.connection()  # the transaction has begun: time the INSERTs, not BEGIN
            started = time.perf_counter()
            outbox.enqueue(
                session,
                kanaal="zaken",
                hoofd_object=f"http://bench.local/zaken/{i}",
                resource="zaak",
                resource_url=f"http://bench.local/zaken/{i}",
                actie="create",
                kenmerken={
                    "bronorganisatie": "517439943",
                    "zaaktype": "http://bench.local/zaaktypen/1",
                    "vertrouwelijkheidaanduiding": "openbaar",
                },
            )
            enqueued = time.perf_counter()
            session.commit()
            committed = time.perf_counter()
            session.close()
            if i >= warmup:
                enqueue_only.append(enqueued - started)
                with_commit.append(committed - started)
        result[label] = summary_ms(enqueue_only)
        result[label + " + commit"] = summary_ms(with_commit)
    database.dispose()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["postgresql", "sqlite"], required=True)
    parser.add_argument("--database-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--creates", type=int, default=2000, help="zaak creates per variant")
    parser.add_argument("--rounds", type=int, default=20, help="variants take turns this many times")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--enqueues", type=int, default=5000)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    with (
        tempfile.TemporaryDirectory(prefix="zgw-bench-") as tmp,
        throwaway_database(args.db, args.database_url, service="catalogi") as catalogi_url,
        throwaway_database(args.db, args.database_url, service="zaken") as url,
    ):
        creates = create_times(url, catalogi_url, args.creates, args.rounds, args.warmup, Path(tmp))
        enqueues = enqueue_times(url, args.enqueues, args.warmup)
    on, off, none = creates["on"], creates["off"], creates["no outbox"]
    added = {
        "on - off (the delivery row)": {k: round(on[k] - off[k], 3) for k in ("mean", "p50", "p99")},
        "on - no outbox (the whole outbox)": {k: round(on[k] - none[k], 3) for k in ("mean", "p50", "p99")},
    }
    results = {"machine": machine(), "db": args.db, "creates_ms": creates, "added_ms": added, "enqueue_ms": enqueues}
    print(json.dumps(results, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
