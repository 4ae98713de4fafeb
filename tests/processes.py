"""Services as real processes, for the suites that test them over HTTP (tests/flow/,
tests/rapportage/test_flow.py): `zgw serve <name>` on a free port with a migrated database of
its own (SQLite, or a PostgreSQL schema), launched side by side and stopped, with everything they
made, by the one fixture those suites share (`stack_fixture`)."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import yaml

from services.registry import SERVICES
from shared.auth import make_token
from shared.settings import PROJECT_ROOT
from tests.conftest import DB_BACKENDS, migrated_database
from tests.delivery.conftest import FAST, free_port, wait_until

CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


class Api:
    """An HTTP client for one API root, signing a fresh ZGW JWT per request."""

    def __init__(self, root: str, log: Path, client_id: str, secret: str, headers: dict | None = None):
        self.root = root
        self.log = log  # the serving process's output, shown when a call fails
        self.client_id, self.secret = client_id, secret
        self.headers = headers or {}
        self.http = httpx.Client(timeout=15.0)

    def request(self, method: str, path: str, **kwargs) -> httpx.Response:
        url = path if path.startswith("http") else f"{self.root}{path}"
        token = make_token(self.client_id, self.secret, user_id="flow", user_representation="Flow test")
        headers = {"Authorization": f"Bearer {token}", **self.headers, **kwargs.pop("headers", {})}
        return self.http.request(method, url, headers=headers, **kwargs)

    def get(self, path: str, **kw) -> httpx.Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, json: dict | None = None, **kw) -> httpx.Response:
        return self.request("POST", path, json=json, **kw)

    def created(self, path: str, body: dict) -> dict:
        response = self.post(path, json=body)
        assert response.status_code == 201, f"POST {path}: {response.status_code} {response.text}\n{self.log_tail()}"
        return response.json()

    def log_tail(self, size: int = 4000) -> str:
        return f"--- end of {self.log.name} ---\n" + self.log.read_text()[-size:]

    def close(self) -> None:
        self.http.close()


class Service:
    """`zgw serve NAME --port N` as a process, its output in a log file."""

    def __init__(self, name: str, tmp: Path, env: dict[str, str], database_url: str = ""):
        self.name = name
        self.port = free_port()
        self.log = tmp / f"{name}.log"
        self.env = env
        self.database_url = database_url
        self.process: subprocess.Popen | None = None

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}{SERVICES[self.name].api_root}"

    def start(self) -> "Service":
        return self.launch().wait_ready()

    def launch(self) -> "Service":
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "services.cli", "serve", self.name, "--port", str(self.port), "--log-level", "warning"],
                cwd=PROJECT_ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    def wait_ready(self) -> "Service":
        def ready() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"{self.name} exited:\n{self.output()}")
            try:
                return httpx.get(f"http://127.0.0.1:{self.port}/readyz", timeout=1.0).status_code == 200
            except httpx.HTTPError:
                return False

        assert wait_until(ready, timeout=30, interval=0.1), f"{self.name} did not start:\n{self.output()}"
        return self

    def output(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    def pause(self) -> None:
        """SIGSTOP: the socket still accepts connections, but nothing answers (a hanging API)."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Processes:
    """What a suite runs: services, each with a migrated database of its own and the settings they
    share (the applicaties file, fast delivery, no demo data), other processes started before them
    (a receiver), and the API clients on them. A suite subclasses it and declares its services in
    `__init__`; `stop` undoes everything `start` did."""

    def __init__(self, backend: str, tmp: Path, tmp_path_factory, applicaties: dict):
        self.backend, self.tmp, self.tmp_path_factory = backend, tmp, tmp_path_factory
        self.services: list[Service] = []
        self.before: list = []  # processes with start()/stop() that the services need first
        self.apis: list[Api] = []
        self.started: list = []
        self.cleanups: list = []
        path = tmp / "applicaties.yaml"
        path.write_text(yaml.safe_dump(applicaties))
        self.common = {**os.environ, **FAST, "PYTHONUNBUFFERED": "1", "ZGW_AUTORISATIES_FILE": str(path), "ZGW_DEMO_ENABLED": "false"}

    def service(self, name: str, **env: str) -> Service:
        """`zgw serve name` on a migrated database of its own, with the shared settings and `env`."""
        url, cleanup = migrated_database(name, self.backend, self.tmp_path_factory)
        self.cleanups.append(cleanup)
        service = Service(name, self.tmp, {**self.common, f"{SERVICES[name].settings_prefix}DATABASE_URL": url, **env}, url)
        self.services.append(service)
        return service

    def api(self, service: Service, client_id: str, secret: str, headers: dict | None = None) -> Api:
        api = Api(service.root, service.log, client_id, secret, headers)
        self.apis.append(api)
        return api

    def start(self):
        for process in self.before:
            self.started.append(process.start())
        for service in self.services:  # side by side: each takes seconds to import
            self.started.append(service.launch())
        for service in self.services:
            service.wait_ready()
        self.connect()
        return self

    def connect(self) -> None:
        """The suite's API clients (`self.api(...)`), once its services answer."""

    def stop(self) -> None:
        for api in self.apis:
            api.close()
        for process in reversed(self.started):
            process.stop()
        for cleanup in self.cleanups:
            cleanup()


def stack_fixture(stack_class: type[Processes]):
    """The fixture of a suite of real processes: its `Processes` started on each database backend,
    stopped afterwards whatever happened."""

    @pytest.fixture(params=DB_BACKENDS)
    def fixture(request, tmp_path, tmp_path_factory):
        stack = stack_class(request.param, tmp_path, tmp_path_factory)
        try:
            yield stack.start()
        finally:
            stack.stop()

    return fixture
