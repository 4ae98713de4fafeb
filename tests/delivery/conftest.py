"""Real processes and real HTTP on 127.0.0.1: receiver stand-ins, `zgw dispatch`, an outbox."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from services.catalogi.db import outbox
from shared.db import Database
from shared.dispatcher import DeliveryStore
from shared.settings import PROJECT_ROOT, KernelSettings
from shared.targets import parse_targets
from tests.conftest import DB_BACKENDS, migrated_database

FAST = {
    "ZGW_DISPATCH_BACKOFF_BASE": "0.05",
    "ZGW_DISPATCH_BACKOFF_CAP": "0.3",
    "ZGW_DISPATCH_POLL_SECONDS": "0.05",
    "ZGW_DISPATCH_TIMEOUT": "1",
    "ZGW_DISPATCH_LEASE_SECONDS": "2",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


class Receiver:
    """`tests.standins.receiver` as a process; `messages()` reads what it accepted."""

    def __init__(self, tmp: Path, name: str, mode: str = "ok", delay: float = 0.0):
        self.port = free_port()
        self.log = tmp / f"{name}.jsonl"
        self.log.touch()
        self.mode, self.delay = mode, delay
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/callback"

    def start(self) -> "Receiver":
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.standins.receiver",
                str(self.port),
                str(self.log),
                "--mode",
                self.mode,
                "--delay",
                str(self.delay),
            ],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout.readline().strip() == "listening"
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def entries(self) -> list[dict]:
        return [json.loads(line) for line in self.log.read_text().splitlines() if line.strip()]

    def messages(self) -> list[dict]:
        return [e["message"] for e in self.entries()]


class Dispatch:
    """`zgw dispatch catalogi` as a process against the test database."""

    def __init__(self, database_url: str, targets: list[dict], **env):
        self.env = {
            **os.environ,
            **FAST,
            "CATALOGI_DATABASE_URL": database_url,
            "ZGW_NOTIFICATION_TARGETS": json.dumps({"targets": targets}),
            **env,
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> "Dispatch":
        # its output goes to a file: a pipe nobody reads fills up and then blocks the dispatcher
        # on its next log line
        self.output = tempfile.NamedTemporaryFile(prefix="dispatch-", suffix=".log", delete=False)  # noqa: SIM115  (open while the process runs)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "services.cli", "dispatch", "catalogi"],
            cwd=PROJECT_ROOT,
            env=self.env,
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )
        assert wait_until(
            lambda: Path(self.output.name).read_text().startswith("dispatching") or self.process.poll() is not None, timeout=30
        )
        assert Path(self.output.name).read_text().startswith("dispatching"), Path(self.output.name).read_text()
        return self

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


class OutboxDb:
    """A migrated Catalogi database to write outbox messages into, as a service would."""

    def __init__(self, url: str):
        self.url = url
        self.database = Database(url)

    def write(self, targets: list[dict], count: int, *, hoofd_objects: int | None = None, rollback: bool = False) -> None:
        parsed = parse_targets({"targets": targets})
        for i in range(count):
            session = self.database.session()
            session.info["outbox_targets"] = parsed
            hoofd = f"http://testserver/zaken/{i % hoofd_objects if hoofd_objects else i}"
            outbox.enqueue(
                session,
                kanaal="zaken",
                hoofd_object=hoofd,
                resource="zaak",
                resource_url=f"{hoofd}/r{i}",
                actie="create",
                kenmerken={"volgnummer": str(i)},
            )
            if rollback:
                session.rollback()
            else:
                session.commit()
            session.close()

    def store(self) -> DeliveryStore:
        return DeliveryStore(self.database, outbox, KernelSettings())

    def undelivered(self) -> int:
        return sum(row["pending"] for row in self.store().status())


@pytest.fixture(params=DB_BACKENDS)
def outbox_db(request, tmp_path_factory):
    url, cleanup = migrated_database("catalogi", request.param, tmp_path_factory)
    db = OutboxDb(url)
    db.backend = request.param
    yield db
    db.database.dispose()
    cleanup()


@pytest.fixture
def processes():
    started: list = []
    yield started
    for process in started:
        process.stop() if isinstance(process, Receiver) else process.kill()


def webhook(name: str, receiver: Receiver, **extra) -> dict:
    return {"name": name, "type": "webhook", "url": receiver.url, "authorization": f"Bearer {name}-token", **extra}
