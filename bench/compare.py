"""Each workload against its floor, measured side by side in one invocation on the same data.

    .venv/bin/python -m bench.compare                            # 3 rounds, 5 s warm-up + 20 s each
    .venv/bin/python -m bench.compare --duration 5 --rounds 1    # a smoke run

The data set is bench.generate's (`--zaken` 100,000 zaken in `<--db-prefix>catalogi` and
`<--db-prefix>zaken` on `--pg-url`, and `--dataset`); when the database or the dataset file is
missing, or they do not belong together, it is made afresh first (~1 min).

Per round (`--rounds`, default 3), nothing else of this command running beside what is measured:

1. the floor (bench/floor.py, `--workers` uvicorn workers on `<prefix>zaken`), each workload's
   step in turn: `page` (W1), `citizen` (W2), `row` (W3), `insert-zaak` (W4), `insert-status` (W5);
   then the floor app is stopped;
2. the production shape, `make serve-postgres` with the same PG_URL, PG_DB_PREFIX and WORKERS,
   started by this command (its output in var/compare-serve-postgres.log) and stopped (its
   process group) when the round's workloads are done:
   W1, W2, W3, W4, W5 as bench/load.py drives them. For W4 and W5 the outbox is on (the Zaken
   service notifies the Rapportage service through `zgw dispatch zaken`): after the warm-up and
   after the measured run the command waits until every notification is delivered and projected
   (the Rapportage's inbox empty too; `--drain-timeout`), and reports the backlog during the measured run (sampled every second:
   its largest value, its growth per second over the run's second half, bounded when that is
   below 5% of the write rate), what was undelivered when wrk stopped and how long the backlog
   took to drain.

Every run is wrk with the same settings (bench/wrk/zgw.lua, `--connections` 16, 2 threads, 10 s
time-out, `--warmup` s discarded, then `--duration` s), the floor's on the same requests as the
API's (the same zaak uuids, BSNs, zaak and status bodies). The writes add zaken and statussen to
the data set, the floor's as the API's, so a later round's reads see the earlier rounds' zaken
first, the floor's as the API's.

Output: a markdown table (per workload the medians over the rounds of req/s, its floor's req/s
and their ratio, the issue's target ratio) on stdout and, per workload in `--json` (default
bench/compare-results.json), `req_s`, `floor_step`, `floor_req_s`, `ratio` (medians) and each
round's values. Exit status 1 when a response was not 2xx, a socket error happened or a backlog
did not drain.
"""

import argparse
import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from bench import floor, load
from services.cli import wait_until_ok
from services.registry import SERVICES

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent
DEFAULT_JSON = HERE / "compare-results.json"
# what `make serve-postgres` prints, kept after the run (var/ is not committed)
SERVE_LOG = PROJECT_ROOT / "var" / "compare-serve-postgres.log"
DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432"
DEFAULT_PREFIX = "bench_"  # the Makefile's PG_DB_PREFIX
DEFAULT_ZAKEN = 100_000
# each workload's floor step (bench/floor.py)
FLOOR_STEP = {"W1": "page", "W2": "citizen", "W3": "row", "W4": "insert-zaak", "W5": "insert-status"}
WORKLOADS = tuple(FLOOR_STEP)
WRITES = frozenset({"W4", "W5"})
# issue 25's "done when", as a share of the floor measured in the same run
TARGET_RATIO = {"W1": 0.75, "W2": 0.70, "W3": 0.60, "W4": 0.60, "W5": 0.60}


# ---------------------------------------------------------------- the data set


def database_url(pg_url: str, prefix: str, service: str) -> str:
    return f"{pg_url.rstrip('/')}/{prefix}{service}"


def dataset_matches(zaken_url: str, dataset_path: Path, zaken: int) -> bool:
    """The dataset file exists, was made for `zaken` zaken, and its first sample zaak is in the
    database (so the file and the database were made together)."""
    if not dataset_path.exists():
        return False
    data = json.loads(dataset_path.read_text())
    sample = data.get("zaken") or []
    if data.get("counts", {}).get("zaken") != zaken or not sample:
        return False
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from shared.db import make_engine

    engine = make_engine(zaken_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT 1 FROM zaak WHERE uuid = :uuid"), {"uuid": sample[0]["uuid"]}).first() is not None
    except OperationalError:  # no such database (or no zaak table)
        return False
    finally:
        engine.dispose()


def ensure_dataset(pg_url: str, prefix: str, dataset_path: Path, zaken: int) -> bool:
    """bench.generate's data set, made afresh unless it is there; True when it was made."""
    from sqlalchemy.exc import ProgrammingError

    zaken_url = database_url(pg_url, prefix, "zaken")
    try:
        if dataset_matches(zaken_url, dataset_path, zaken):
            return False
    except ProgrammingError:  # a database without the tables
        pass
    from bench import generate

    print(f"making the data set: {zaken} zaken in {prefix}catalogi and {prefix}zaken (bench.generate --fresh)", file=sys.stderr, flush=True)
    options = generate.Options(
        zaken=zaken,
        catalogi_url=database_url(pg_url, prefix, "catalogi"),
        zaken_url=zaken_url,
        dataset=dataset_path,
        fresh=True,
        quiet=True,
    )
    print(json.dumps(generate.generate(options)["seconds"]), file=sys.stderr, flush=True)
    return True


# ---------------------------------------------------------------- the production shape


def busy_ports() -> list[int]:
    """The services' ports (the data set's URLs name them) that something already listens on."""
    busy = []
    for info in SERVICES.values():
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", info.port)) == 0:
                busy.append(info.port)
    return busy


@contextlib.contextmanager
def production_shape(pg_url: str, prefix: str, workers: int, log: Path, seconds: float = 180) -> Iterator[None]:
    """`make serve-postgres` on the data set's databases until the block ends: every service its
    own process with `workers` workers and the `zgw dispatch` processes, stopped with their process
    group (SIGTERM, then SIGKILL after 30 s)."""
    busy = busy_ports()
    if busy:
        raise SystemExit(f"ports {busy} are taken: stop what serves there (another `make serve-postgres`?) first")
    command = [
        "make",
        "--no-print-directory",
        "serve-postgres",
        f"PG_URL={pg_url.rstrip('/')}",
        f"PG_DB_PREFIX={prefix}",
        f"WORKERS={workers}",
    ]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as output:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + seconds
        for info in SERVICES.values():
            if not wait_until_ok(f"http://127.0.0.1:{info.port}/readyz", deadline) or process.poll() is not None:
                raise SystemExit(f"`make serve-postgres` was not ready within {seconds:g} s; its output: {log}")
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        # the uvicorn workers leave with their parent; wait until the ports are free for the next round
        deadline = time.monotonic() + 30
        while busy_ports() and time.monotonic() < deadline:
            time.sleep(0.2)


class Outbox:
    """The Zaken service's undelivered notifications (shared.dispatcher.DeliveryStore.status) and,
    with `rapportage_url`, the Rapportage's inbox events its callback stored but its worker has
    not projected yet: together the receiver's backlog."""

    def __init__(self, zaken_url: str, rapportage_url: str | None = None):
        from services.zaken.db import outbox
        from shared.db import Database
        from shared.dispatcher import DeliveryStore
        from shared.settings import kernel_settings

        self.database = Database(zaken_url)
        self.store = DeliveryStore(self.database, outbox, kernel_settings())
        self.rapportage = Database(rapportage_url) if rapportage_url else None

    def pending(self) -> tuple[int, int]:
        """(undelivered plus not yet projected, of which failed at least once) over every target."""
        rows = self.store.status()
        undelivered, failing = sum(r["pending"] for r in rows), sum(r["failing"] for r in rows)
        if self.rapportage is not None:
            from sqlalchemy import func, select

            from services.rapportage.inbox.models import WACHTEND, InboxEvent

            with self.rapportage.engine.connect() as connection:
                waiting = select(func.count(), func.count().filter(InboxEvent.pogingen > 0)).where(InboxEvent.status == WACHTEND)
                inbox, retried = connection.execute(waiting).one()
            undelivered, failing = undelivered + inbox, failing + retried
        return undelivered, failing

    def drain(self, timeout: float) -> dict:
        """Wait until nothing is undelivered; what was pending at the start, how long it took."""
        started = time.monotonic()
        first, failing = self.pending()
        left = first
        while left and time.monotonic() - started < timeout:
            time.sleep(0.25)
            left, failing = self.pending()
        return {"undelivered_at_end": first, "drain_s": round(time.monotonic() - started, 2), "left": left, "failing": failing}

    def close(self) -> None:
        self.database.dispose()
        if self.rapportage is not None:
            self.rapportage.dispose()


class BacklogSampler:
    """The undelivered notifications once every `interval` s while a write runs (a thread from
    `start()` to `stop()`), for issue 25's "the receiver's backlog stays bounded"."""

    def __init__(self, outbox: Outbox, interval: float = 1.0):
        self.outbox = outbox
        self.interval = interval
        self.samples: list[tuple[float, int]] = []  # (seconds since start, undelivered)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self.samples, started = [], time.monotonic()
        self._stop.clear()

        def sample() -> None:
            while True:
                self.samples.append((round(time.monotonic() - started, 2), self.outbox.pending()[0]))
                if self._stop.wait(self.interval):
                    return

        self._thread = threading.Thread(target=sample, name="backlog-sampler", daemon=True)
        self._thread.start()

    def stop(self) -> list[tuple[float, int]]:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        return self.samples


def backlog_figures(samples: list[tuple[float, int]], req_s: float) -> dict:
    """The backlog over a write run: its largest value, its growth per second over the run's
    second half (least squares) and whether it is bounded: growing by less than 5% of the write
    rate (a backlog that grows as fast as the writes come is not kept up with, one that stays
    level is, whatever its size)."""
    if not samples:
        return {"backlog_max": None, "backlog_growth_per_s": None, "bounded": None}
    half = [(t, n) for t, n in samples if t >= samples[-1][0] / 2]
    growth = 0.0
    if len(half) >= 2:
        mean_t = statistics.fmean(t for t, _ in half)
        mean_n = statistics.fmean(n for _, n in half)
        spread = sum((t - mean_t) ** 2 for t, _ in half)
        growth = sum((t - mean_t) * (n - mean_n) for t, n in half) / spread if spread else 0.0
    return {
        "backlog_max": max(n for _, n in samples),
        "backlog_growth_per_s": round(growth, 1),
        "bounded": growth < 0.05 * req_s,
        "backlog_samples": samples,
    }


# ---------------------------------------------------------------- a round


def floor_round(zaken_url: str, dataset_path: Path, names: list[str], args, tmp: Path) -> dict[str, dict]:
    """The floor step of each workload, on one floor app."""
    dataset = json.loads(dataset_path.read_text())
    with floor.served(zaken_url, dataset_path, args.workers) as origin:
        return {
            name: floor.measure_step(origin, FLOOR_STEP[name], dataset, args.connections, args.duration, args.warmup, tmp) for name in names
        }


def api_round(zaken_url: str, dataset_path: Path, names: list[str], args, tmp: Path) -> dict[str, dict]:
    """Each workload as bench.load drives it, on the production shape; the writes' notifications
    delivered after their warm-up and after their run (`delivery` in their result)."""
    dataset = load.read_dataset(json.loads(dataset_path.read_text()))
    options = load.Options(
        dataset=dataset_path, workloads=names, duration=args.duration, warmup=args.warmup, connections=args.connections, json=None
    )
    # W1 at `connections` only (bench.load adds a run at 1 connection)
    workloads = [w for w in load.build_workloads(dataset, names, args.connections, dt.date.today()) if w.connections == args.connections]
    outbox = Outbox(zaken_url, database_url(args.pg_url, args.db_prefix, "rapportage"))
    sampler = BacklogSampler(outbox)
    results: dict[str, dict] = {}
    try:
        with production_shape(args.pg_url, args.db_prefix, args.workers, SERVE_LOG):
            warmups: list[dict] = []  # the drain after each write's warm-up

            def settle() -> None:
                warmups.append(outbox.drain(args.drain_timeout))
                sampler.start()  # the measured run follows at once

            for workload in workloads:
                write = workload.name in WRITES
                result = load.measure_workload(workload, options, tmp, settle if write else None)
                if write:
                    backlog = backlog_figures(sampler.stop(), result["rps"])
                    result["delivery"] = {**outbox.drain(args.drain_timeout), **backlog, "after_warmup": warmups[-1]}
                    d = result["delivery"]
                    print(
                        f"  delivered: backlog at most {d['backlog_max']}, growing {d['backlog_growth_per_s']}/s over the run's "
                        f"second half ({'bounded' if d['bounded'] else 'not bounded'}); {d['undelivered_at_end']} undelivered "
                        f"when wrk stopped, drained in {d['drain_s']} s, {d['left']} left ({d['failing']} failing)",
                        file=sys.stderr,
                        flush=True,
                    )
                results[workload.name] = result
    finally:
        outbox.close()
    return results


# ---------------------------------------------------------------- the figures


def summarize(rounds: list[dict]) -> dict[str, dict]:
    """Per workload: the medians over the rounds of req/s, its floor's req/s and their ratio (each
    round's ratio, of the same round's figures), and each round's values."""
    summary: dict[str, dict] = {}
    names = [n for n in WORKLOADS if any(n in r["api"] for r in rounds)]
    for name in names:
        per_round = []
        for number, measured in enumerate(rounds, start=1):
            api, base = measured["api"][name], measured["floor"][name]
            per_round.append(
                {
                    "round": number,
                    "req_s": api["rps"],
                    "floor_req_s": base["rps"],
                    "ratio": round(api["rps"] / base["rps"], 3) if base["rps"] else None,
                    "p50_ms": api["p50_ms"],
                    "p99_ms": api["p99_ms"],
                    "floor_p50_ms": base["p50_ms"],
                    "floor_p99_ms": base["p99_ms"],
                    "non2xx": api["non2xx"],
                    "socket_errors": api["socket_errors"],
                    "floor_non2xx": base["non2xx"],
                    "floor_socket_errors": base["socket_errors"],
                    **({"delivery": api["delivery"]} if "delivery" in api else {}),
                }
            )
        ratios = [r["ratio"] for r in per_round if r["ratio"] is not None]
        ratio = round(statistics.median(ratios), 3) if ratios else None
        summary[name] = {
            "title": load.TITLES[name],
            "floor_step": FLOOR_STEP[name],
            "req_s": round(statistics.median(r["req_s"] for r in per_round), 1),
            "floor_req_s": round(statistics.median(r["floor_req_s"] for r in per_round), 1),
            "ratio": ratio,
            "target_ratio": TARGET_RATIO[name],
            "met": ratio is not None and ratio >= TARGET_RATIO[name],
            "rounds": per_round,
        }
    return summary


def failures(summary: dict[str, dict]) -> list[str]:
    """What makes the run fail: a non-2xx response or a socket error anywhere, a backlog left."""
    found = []
    for name, figures in summary.items():
        for r in figures["rounds"]:
            if r["non2xx"] or r["socket_errors"]:
                found.append(f"{name} round {r['round']}: {r['non2xx']} non-2xx, {r['socket_errors']} socket errors")
            if r["floor_non2xx"] or r["floor_socket_errors"]:
                found.append(f"{name}'s floor round {r['round']}: {r['floor_non2xx']} non-2xx, {r['floor_socket_errors']} socket errors")
            if r.get("delivery", {}).get("left"):
                found.append(f"{name} round {r['round']}: {r['delivery']['left']} notifications undelivered")
    return found


def markdown(summary: dict[str, dict], rounds: int) -> str:
    header = f"| workload | req/s | floor step | floor req/s | ratio (median of {rounds}) | target | met | per round (req/s / floor) |"
    lines = [header, "|---|---:|---|---:|---:|---:|---|---|", *(table_row(name, f) for name, f in summary.items())]
    writes = [(name, r) for name, f in summary.items() for r in f["rounds"] if "delivery" in r]
    if writes:
        lines += [
            "",
            "| write, round | backlog max | growth/s (2nd half) | bounded | undelivered at stop | drained in s |",
            "|---|---:|---:|---|---:|---:|",
        ]
        for name, r in writes:
            d = r["delivery"]
            bounded = {True: "yes", False: "**no**", None: "-"}[d.get("bounded")]
            lines.append(
                f"| {name} {r['round']} | {d.get('backlog_max')} | {d.get('backlog_growth_per_s')} | {bounded} "
                f"| {d['undelivered_at_end']} | {d['drain_s']} |"
            )
    return "\n".join(lines)


def table_row(name: str, f: dict) -> str:
    cells = [
        f"{name} {f['title']}",
        f"{f['req_s']:.0f}",
        f"`{f['floor_step']}`",
        f"{f['floor_req_s']:.0f}",
        "-" if f["ratio"] is None else f"{f['ratio']:.2f}",
        f"≥ {f['target_ratio']:.2f}",
        "yes" if f["met"] else "**no**",
        ", ".join(f"{r['req_s']:.0f}/{r['floor_req_s']:.0f}" for r in f["rounds"]),
    ]
    return "| " + " | ".join(cells) + " |"


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.compare", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=20, help="seconds per measured run")
    parser.add_argument("--warmup", type=float, default=5, help="seconds of wrk before each measured run (discarded)")
    parser.add_argument("--rounds", type=int, default=3, help="floor and API this many times; the figures are medians")
    parser.add_argument("--workloads", default=",".join(WORKLOADS), help="comma-separated, of " + ",".join(WORKLOADS))
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers of the floor and of each service")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL, help="the PostgreSQL server (the Makefile's PG_URL)")
    parser.add_argument("--db-prefix", default=DEFAULT_PREFIX, help="the databases' prefix (the Makefile's PG_DB_PREFIX)")
    parser.add_argument("--zaken", type=int, default=DEFAULT_ZAKEN, help="the data set's size (made when missing)")
    parser.add_argument("--dataset", type=Path, default=load.DEFAULT_DATASET, help="bench.generate's dataset.json for those databases")
    parser.add_argument("--drain-timeout", type=float, default=300, help="seconds to wait for the writes' notifications")
    parser.add_argument("--json", default=str(DEFAULT_JSON), help="where the figures go ('' for nowhere)")
    args = parser.parse_args(argv)
    names = [n.strip().upper() for n in args.workloads.split(",") if n.strip()]
    unknown = [n for n in names if n not in FLOOR_STEP]
    if unknown:
        parser.error(f"unknown workloads {unknown} (known: {', '.join(WORKLOADS)})")
    names = [n for n in WORKLOADS if n in names]
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    if busy_ports():
        raise SystemExit(f"ports {busy_ports()} are taken: stop what serves there (another `make serve-postgres`?) first")

    generated = ensure_dataset(args.pg_url, args.db_prefix, args.dataset, args.zaken)
    zaken_url = database_url(args.pg_url, args.db_prefix, "zaken")
    rounds = []
    with tempfile.TemporaryDirectory(prefix="zgw-compare-") as tmp:
        requests = Path(tmp) / "requests"
        requests.mkdir()
        for number in range(1, args.rounds + 1):
            print(f"round {number} of {args.rounds}: the floor", file=sys.stderr, flush=True)
            measured = {"floor": floor_round(zaken_url, args.dataset, names, args, requests)}
            print(f"round {number} of {args.rounds}: the production shape", file=sys.stderr, flush=True)
            measured["api"] = api_round(zaken_url, args.dataset, names, args, requests)
            rounds.append(measured)
    summary = summarize(rounds)
    print(markdown(summary, args.rounds))
    if args.json:
        report = {
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
            "machine": load.machine_facts(),
            "options": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
            "dataset_generated": generated,
            "workloads": summary,
        }
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    problems = failures(summary)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
