"""Delivery throughput and commit->receipt latency of the notification outbox.

    .venv/bin/python -m bench.delivery --db postgresql --messages 20000
    .venv/bin/python -m bench.delivery --db sqlite --messages 20000 --mode steady

For each mode, on a fresh throwaway database (see bench/README.md):

* backlog: N messages are committed first (one per transaction, or --bulk K per transaction),
  then `zgw dispatch catalogi` starts; measured from the dispatcher's start to the last receipt.
* steady:  `zgw dispatch catalogi` runs first, then N messages are committed one per transaction
  (at --rate per second, or as fast as --writers threads can); measured from the first commit to
  the last receipt, with the commit->receipt latency per message.

The receiver (bench.receiver) and the dispatcher are separate processes; every run stops by itself
(--timeout). Extra dispatcher settings: --dispatch-env ZGW_DISPATCH_BATCH_SIZE=500 ...
"""

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.common import (
    DEFAULT_POSTGRES,
    free_port,
    machine,
    summary_ms,
    throwaway_database,
)
from services.catalogi.db import outbox
from shared.db import Database
from shared.dispatcher import DeliveryStore
from shared.settings import PROJECT_ROOT, KernelSettings
from shared.targets import parse_targets

CATALOGUS = "http://bench.local/catalogi/api/v1/catalogussen/00000000-0000-0000-0000-000000000001"


class Receiver:
    def __init__(self, expect: int, timeout: float, workdir: Path):
        self.port = free_port()
        self.outfile = workdir / f"receipts-{self.port}.json"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.receiver", str(self.port), str(self.outfile), "--expect", str(expect), "--timeout", str(timeout)],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout.readline().strip() == "listening"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/callback"

    def wait(self, timeout: float) -> dict:
        self.process.wait(timeout=timeout + 30)
        return json.loads(self.outfile.read_text())

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class DispatchProcess:
    def __init__(self, url: str, targets: list[dict], extra_env: dict[str, str], profile: str | None):
        env = {**os.environ, "CATALOGI_DATABASE_URL": url, "ZGW_NOTIFICATION_TARGETS": json.dumps({"targets": targets}), **extra_env}
        command = [sys.executable, "-m", "services.cli", "dispatch", "catalogi"]
        if profile:  # py-spy must be installed; writes a flame graph / speedscope file
            fmt = {".json": "speedscope", ".txt": "raw"}.get(Path(profile).suffix, "flamegraph")
            py_spy = str(Path(sys.executable).parent / "py-spy")
            command = [py_spy, "record", "-o", profile, "--rate", "200", "-f", fmt, "--", *command]
        self.started = time.time()
        self.process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = self.process.stdout.readline()
        while line and not line.startswith("dispatching"):  # py-spy prints its own lines first
            line = self.process.stdout.readline()
        assert line.startswith("dispatching"), line
        self.ready = time.time()
        self._drain = threading.Thread(target=lambda: [None for _ in self.process.stdout], daemon=True)
        self._drain.start()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(2)  # SIGINT: py-spy passes it on and writes its profile
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def write_messages(
    url: str, targets: list[dict], seqs: range, commits: dict[int, float], *, bulk: int, rate: float, started: float
) -> None:
    """Commit the messages of `seqs` through outbox.enqueue, recording each commit's time."""
    database = Database(url, pool_size=2)
    parsed = parse_targets({"targets": targets})
    session = database.session()
    session.info["outbox_targets"] = parsed
    pending: list[int] = []
    for i in seqs:
        if rate:
            delay = started + i / rate - time.time()
            if delay > 0:
                time.sleep(delay)
        hoofd = f"http://bench.local/catalogi/api/v1/zaaktypen/{i:08d}"
        outbox.enqueue(
            session,
            kanaal="zaaktypen",
            hoofd_object=hoofd,
            resource="zaaktype",
            resource_url=hoofd,
            actie="create",
            kenmerken={"catalogus": CATALOGUS, "seq": str(i)},
        )
        pending.append(i)
        if len(pending) >= bulk:
            session.commit()
            now = time.time()
            for j in pending:
                commits[j] = now
            pending.clear()
    if pending:
        session.commit()
        now = time.time()
        for j in pending:
            commits[j] = now
    session.close()
    database.dispose()


def _writer_process(url, targets, seqs, bulk, rate, ready, go, results) -> None:
    ready.put(True)
    started = go.get()
    commits: dict[int, float] = {}
    write_messages(url, targets, seqs, commits, bulk=bulk, rate=rate, started=started)
    results.put(commits)


def write_all(url: str, targets: list[dict], n: int, *, writers: int, bulk: int, rate: float) -> dict[int, float]:
    """Commit messages 0..n-1, from `writers` processes (message i is due at start + i/rate when
    a rate is given); returns each message's commit time."""
    commits: dict[int, float] = {}
    if writers == 1:
        write_messages(url, targets, range(n), commits, bulk=bulk, rate=rate, started=time.time())
        return commits
    context = multiprocessing.get_context("spawn")
    ready, go, results = context.Queue(), context.Queue(), context.Queue()
    processes = [
        context.Process(target=_writer_process, args=(url, targets, range(w, n, writers), bulk, rate, ready, go, results), daemon=True)
        for w in range(writers)
    ]
    for process in processes:
        process.start()
    for _ in processes:  # all imported and connected-ready before the clock starts
        ready.get(timeout=120)
    started = time.time()
    for _ in processes:
        go.put(started)
    for _ in processes:
        commits.update(results.get(timeout=3600))
    for process in processes:
        process.join()
    return commits


def wait_recorded(url: str, timeout: float = 60.0) -> float | None:
    """Seconds until the dispatcher has recorded every delivery (None on time-out)."""
    database = Database(url)
    store = DeliveryStore(database, outbox, KernelSettings())
    started = time.time()
    try:
        while time.time() - started < timeout:
            if sum(row["pending"] for row in store.status()) == 0:
                return time.time()
            time.sleep(0.02)
        return None
    finally:
        database.dispose()


def run_mode(mode: str, args, workdir: Path) -> dict:
    with throwaway_database(args.db, args.database_url) as url:
        receiver = Receiver(args.messages, args.timeout, workdir)
        targets = [{"name": "bench", "type": "webhook", "url": receiver.url, "authorization": "Bearer bench"}]
        dispatch = None
        try:
            if mode == "backlog":
                commits = write_all(url, targets, args.messages, writers=1, bulk=args.bulk, rate=0.0)
                dispatch = DispatchProcess(url, targets, args.env, args.profile)
                start = dispatch.started
            else:
                dispatch = DispatchProcess(url, targets, args.env, args.profile)
                commits = write_all(url, targets, args.messages, writers=args.writers, bulk=args.bulk, rate=args.rate)
                start = min(commits.values())
            result = receiver.wait(args.timeout)
            recorded = wait_recorded(url)
        finally:
            if dispatch:
                dispatch.stop()
            receiver.kill()
    receipts = {int(s): t for s, t in result["receipts"]}
    write_seconds = max(commits.values()) - min(commits.values())  # first to last commit
    received = len(receipts)
    last = max(receipts.values()) if receipts else float("nan")
    first = min(receipts.values()) if receipts else float("nan")
    out = {
        "mode": mode,
        "db": args.db,
        "messages": args.messages,
        "received": received,
        "duplicates": result["requests"] - received,
        "write_seconds": round(write_seconds, 3),
        "write_rate": round(args.messages / write_seconds, 1),
        "seconds": round(last - start, 3),
        "throughput": round(received / (last - start), 1),
    }
    if mode == "backlog":
        out["dispatcher_startup_seconds"] = round(dispatch.ready - dispatch.started, 3)
        out["drain_throughput"] = round(received / (last - first), 1)  # first to last receipt
    else:
        out["latency_ms"] = summary_ms([receipts[s] - commits[s] for s in receipts])
    out["all_recorded_after_last_receipt_s"] = round(recorded - last, 3) if recorded else None
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["postgresql", "sqlite"], required=True)
    parser.add_argument("--database-url", default=DEFAULT_POSTGRES, help="PostgreSQL server (a throwaway schema is made in it)")
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--mode", choices=["backlog", "steady", "both"], default="both")
    parser.add_argument("--bulk", type=int, default=1, help="messages per transaction (1: one write, one commit)")
    parser.add_argument("--writers", type=int, default=1, help="steady: writer processes, one message per transaction each")
    parser.add_argument("--rate", type=float, default=0.0, help="steady: messages/s (0: as fast as the writers go)")
    parser.add_argument("--timeout", type=float, default=300.0, help="give up on a run after this many seconds")
    parser.add_argument("--dispatch-env", action="append", default=[], metavar="ZGW_X=Y", help="extra dispatcher setting")
    parser.add_argument(
        "--profile",
        help="run the dispatcher under py-spy (pip install py-spy), write the profile here (.svg flame graph, .json speedscope, .txt collapsed stacks)",
    )
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    args.env = dict(item.split("=", 1) for item in args.dispatch_env)
    results = {
        "machine": machine(),
        "settings": {k: v for k, v in KernelSettings().model_dump().items() if k.startswith("dispatch_")} | args.env,
        "runs": [],
    }
    with tempfile.TemporaryDirectory(prefix="zgw-bench-") as tmp:
        for mode in ["backlog", "steady"] if args.mode == "both" else [args.mode]:
            run = run_mode(mode, args, Path(tmp))
            results["runs"].append(run)
            print(json.dumps(run), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
