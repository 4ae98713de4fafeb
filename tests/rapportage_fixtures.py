"""Fixtures of the Rapportage service (a plugin of tests/conftest.py). The rapportage app reads
its Zaken and Catalogi APIs through a switchable in-process transport: the real Zaken and
Catalogi apps of the same database backend (`use_real_apis`), or the in-memory ZGW fake of
tests/rapportage/fake_zgw.py (`fake_zgw`), where every date and every outage is ours to set."""

import datetime as dt

import httpx
import pytest
from fastapi.testclient import TestClient

from services.rapportage import API_ROOT
from services.rapportage.app import create_app
from services.rapportage.db import Base
from services.rapportage.settings import RapportageSettings
from tests.conftest import ApiClient, auth_header, migrated_database, truncate_all

CALLBACK_AUTH = "Bearer rapportage-test-callback"


class SwitchTransport(httpx.BaseTransport):
    """Sends each request to the transport set for this test."""

    def __init__(self):
        self.target: httpx.BaseTransport | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.target is None:
            return httpx.Response(503, json={"detail": "no API in this test"})
        return self.target.handle_request(request)


class PathRouter(httpx.BaseTransport):
    """In-process apps by path prefix (`/zaken/` -> the Zaken app, `/catalogi/` -> Catalogi)."""

    def __init__(self, routes: dict[str, object]):
        self.clients = {prefix: TestClient(app) for prefix, app in routes.items()}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        for prefix, client in self.clients.items():
            if request.url.path.startswith(prefix):
                response = client.request(request.method, str(request.url), headers=dict(request.headers), content=request.read())
                return httpx.Response(response.status_code, headers=response.headers, content=response.content)
        return httpx.Response(404, json={"detail": "unknown API"})


class Clock:
    def __init__(self):
        self.today = dt.date(2026, 3, 25)

    def __call__(self) -> dt.date:
        return self.today


def rapportage_settings_for(url: str, **overrides) -> RapportageSettings:
    values = {
        "database_url": url,
        "client_id": "alles",
        "secret": "test-secret",
        "callback_authorization": CALLBACK_AUTH,
        "worker_enabled": False,
        "mijlpalen_aantallen": "3,1000",
        "mijlpaal_minimum_zaken": 1,
        "kampioen_minimum": 1,
        "bijna_te_laat_dagen": 5,
        "fetch_concurrency": 2,
        **overrides,
    }
    return RapportageSettings(**values)


@pytest.fixture(scope="session")
def rapportage_app(catalogi_app, kernel, tmp_path_factory):
    backend = "postgresql" if str(catalogi_app.state.db.engine.url).startswith("postgresql") else "sqlite"
    url, cleanup = migrated_database("rapportage", backend, tmp_path_factory)
    transport, clock = SwitchTransport(), Clock()
    app = create_app(rapportage_settings_for(url), kernel, transport=transport, today=clock)
    app.state.test_transport = transport
    app.state.test_clock = clock
    yield app
    app.state.reader.close()
    app.state.db.dispose()
    cleanup()


class RapportageClient(ApiClient):
    def callback(self, message: dict, authorization: str | None = CALLBACK_AUTH, **kwargs):
        """The callback, then what the worker (off in tests) would do at once: project what is due."""
        headers = {} if authorization is None else {"Authorization": authorization}
        response = self.client.post(self.url("/callbacks"), json=message, headers=headers, **kwargs)
        self.project_due()
        return response

    def project_due(self) -> None:
        intake = self.app.state.intake
        for _ in range(100):
            if not intake.process_due():
                return
        raise AssertionError("the inbox did not empty")

    def deliver(self, messages: list[dict]) -> None:
        for message in messages:
            response = self.callback(message)
            assert response.status_code == 204, response.text

    def report(self, name: str, **params) -> dict:
        response = self.get(f"/{name}", params=params)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def rapportage(rapportage_app):
    """A client of the rapportage on clean databases; `rapportage.app` is the app."""
    rapportage_app.state.test_clock.today = dt.date(2026, 3, 25)
    with TestClient(rapportage_app) as client:
        api = RapportageClient(client, API_ROOT)
        api.app = rapportage_app
        yield api
    rapportage_app.state.test_transport.target = None
    truncate_all(rapportage_app.state.db.engine, Base.metadata)
    rapportage_app.state.reader.invalidate()
    rapportage_app.state.intake.fetcher.forget_refusals()


@pytest.fixture
def fake_zgw(rapportage_app):
    from tests.rapportage.fake_zgw import FakeZgw

    fake = FakeZgw()
    rapportage_app.state.test_transport.target = fake
    return fake


@pytest.fixture
def use_real_apis(rapportage_app, zaken_app, catalogi_app):
    rapportage_app.state.test_transport.target = PathRouter({"/zaken/": zaken_app, "/catalogi/": catalogi_app})


def dashboard_auth() -> dict[str, str]:
    return auth_header()
