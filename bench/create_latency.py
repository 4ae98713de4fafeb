"""What the outbox adds to a create: zaaktype creates through the Catalogi app in-process, with a
webhook target configured ("on": an outbox message plus a delivery row in the create's transaction)
against none ("off": the outbox message only, as the outbox always writes it) and with
outbox.enqueue patched out ("no outbox": the create alone). No dispatcher runs
(ZGW_DISPATCH_IN_PROCESS false) and the selectielijst is not checked: only the write is timed.
Variants take turns in rounds on one database, so drift on a busy machine hits them alike. Also
the raw cost of outbox.enqueue (two INSERTs) inside a transaction.

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
from services.catalogi import API_ROOT
from services.catalogi.app import create_app
from services.catalogi.db import outbox
from services.catalogi.settings import CatalogiSettings
from shared.auth import make_token
from shared.db import Database
from shared.settings import KernelSettings
from shared.targets import parse_targets
from tests.catalogi.factories import catalogus_body, zaaktype_body

WEBHOOK = {"targets": [{"name": "bench", "type": "webhook", "url": "http://127.0.0.1:9/never-called", "authorization": "Bearer x"}]}
APPLICATIES = {"applicaties": [{"label": "bench", "clientIds": ["bench"], "secret": "bench-secret", "heeftAlleAutorisaties": True}]}


@contextmanager
def no_outbox():
    """outbox.enqueue as a no-op: the create without any outbox write."""
    original = outbox.enqueue
    outbox.enqueue = lambda *args, **kwargs: {}
    try:
        yield
    finally:
        outbox.enqueue = original


def create_times(url: str, creates: int, rounds: int, warmup: int, workdir: Path) -> dict:
    autorisaties = workdir / "applicaties.yaml"
    autorisaties.write_text(yaml.safe_dump(APPLICATIES))
    base = KernelSettings(autorisaties_file=autorisaties, dispatch_in_process=False)
    settings = CatalogiSettings(database_url=url, selectielijst_validation=False)
    apps = {
        "no outbox": create_app(settings, base),
        "off": create_app(settings, base),
        "on": create_app(settings, base.model_copy(update={"notification_targets": json.dumps(WEBHOOK)})),
    }
    headers = {"Authorization": f"Bearer {make_token('bench', 'bench-secret')}"}
    clients = {name: TestClient(app).__enter__() for name, app in apps.items()}
    response = clients["off"].post(f"{API_ROOT}/catalogussen", json=catalogus_body(domein="BNCH"), headers=headers)
    assert response.status_code == 201, response.text
    catalogus = response.json()["url"]
    counter = iter(range(10**9))

    def create(name: str) -> float:
        body = zaaktype_body(catalogus, identificatie=f"ZT-{next(counter)}", selectielijstProcestype="")
        if name == "no outbox":
            with no_outbox():
                started = time.perf_counter()
                response = clients[name].post(f"{API_ROOT}/zaaktypen", json=body, headers=headers)
                elapsed = time.perf_counter() - started
        else:
            started = time.perf_counter()
            response = clients[name].post(f"{API_ROOT}/zaaktypen", json=body, headers=headers)
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
                kanaal="zaaktypen",
                hoofd_object=f"http://bench.local/zaaktypen/{i}",
                resource="zaaktype",
                resource_url=f"http://bench.local/zaaktypen/{i}",
                actie="create",
                kenmerken={"catalogus": "http://bench.local/catalogussen/1"},
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
    parser.add_argument("--creates", type=int, default=2000, help="zaaktype creates per variant")
    parser.add_argument("--rounds", type=int, default=20, help="variants take turns this many times")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--enqueues", type=int, default=5000)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="zgw-bench-") as tmp, throwaway_database(args.db, args.database_url) as url:
        creates = create_times(url, args.creates, args.rounds, args.warmup, Path(tmp))
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
