"""Test infrastructure: every database test runs on SQLite and, when TEST_DATABASE_URL points at
PostgreSQL, on PostgreSQL too. Schemas come from the alembic chains, never from create_all."""

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, event, text

from services.registry import SERVICES, without_service_settings
from shared.auth import make_token
from shared.db import normalize_url
from shared.migrate import upgrade
from shared.settings import KernelSettings

# Hermetic: the service settings a user may have exported as the README suggests (ZGW_*, DEMO_*,
# *_DATABASE_URL, ...) reach neither the tests nor the processes they start. TEST_DATABASE_URL stays.
_kept = without_service_settings(os.environ)
os.environ.clear()
os.environ.update(_kept)

# each service's fixtures (tests/<service>_fixtures.py), as the registry lists the services
pytest_plugins = [f"tests.{name}_fixtures" for name in SERVICES if (Path(__file__).parent / f"{name}_fixtures.py").exists()]

SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")

DB_BACKENDS = ["sqlite"] + (["postgresql"] if TEST_DATABASE_URL else [])

# Applicaties for tests: all rights, and limited ones by scope.
SECRET = "test-secret"
APPLICATIES = {
    "applicaties": [
        {"label": "Alle rechten", "clientIds": ["alles"], "secret": SECRET, "heeftAlleAutorisaties": True},
        {
            "label": "Catalogi lezen",
            "clientIds": ["lezer"],
            "secret": SECRET,
            "autorisaties": [{"component": "ztc", "scopes": ["catalogi.lezen"]}],
        },
        {
            "label": "Zaken lezen",
            "clientIds": ["zaken-lezer"],
            "secret": SECRET,
            "autorisaties": [{"component": "ztc", "scopes": ["zaken.lezen"]}],
        },
        {
            "label": "Documenten lezen",
            "clientIds": ["documenten-lezer"],
            "secret": SECRET,
            "autorisaties": [{"component": "ztc", "scopes": ["documenten.lezen"]}],
        },
        {
            "label": "Catalogi schrijven",
            "clientIds": ["schrijver"],
            "secret": SECRET,
            "autorisaties": [{"component": "ztc", "scopes": ["catalogi.lezen", "catalogi.schrijven"]}],
        },
        {
            "label": "Geen rechten",
            "clientIds": ["niemand"],
            "secret": SECRET,
            "autorisaties": [{"component": "zrc", "scopes": ["zaken.lezen"]}],
        },
    ]
}


class _ExtraApplicaties:
    """The file's applicaties plus some a test defines at run time (type URLs exist only then)."""

    def __init__(self, source):
        self.source = source
        self.extra = {}

    def by_client_id(self, client_id: str):
        return self.extra.get(client_id) or self.source.by_client_id(client_id)


@contextmanager
def granting(app, component: str) -> Iterator[Callable[[str, list[dict]], None]]:
    """`define(client_id, autorisaties)` while the block runs: an applicatie of `app` with these
    autorisaties (of `component` unless one names its own); the app's own applicaties come back after."""
    from shared.auth import parse_applicatie

    authenticator = app.state.authenticator
    original = authenticator.source
    overlay = _ExtraApplicaties(original)
    authenticator.source = overlay

    def define(client_id: str, autorisaties: list[dict]) -> None:
        overlay.extra[client_id] = parse_applicatie(
            {
                "label": client_id,
                "clientIds": [client_id],
                "secret": SECRET,
                "autorisaties": [{"component": component, **a} for a in autorisaties],
            }
        )

    try:
        yield define
    finally:
        authenticator.source = original


def auth_header(client_id: str = "alles", secret: str = SECRET, **claims) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(client_id, secret, **claims)}"}


def requires_shared(path: str = "") -> pytest.MarkDecorator:
    target = SHARED_DIR / path
    return pytest.mark.skipif(not target.exists(), reason=f"../shared/{path} is absent: the official material is needed")


@pytest.fixture(scope="session")
def kernel(tmp_path_factory) -> KernelSettings:
    path = tmp_path_factory.mktemp("auth") / "applicaties.yaml"
    path.write_text(yaml.safe_dump(APPLICATIES))
    return KernelSettings(autorisaties_file=path, demo_enabled=True, remote_timeout=2.0)


def _postgres_schema_url(service: str) -> str:
    """A clean PostgreSQL schema per service and test session, selected through search_path."""
    schema = f"t_{service}_{uuid.uuid4().hex[:8]}"
    engine = create_engine(normalize_url(TEST_DATABASE_URL), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    separator = "&" if "?" in TEST_DATABASE_URL else "?"
    return f"{TEST_DATABASE_URL}{separator}options=-csearch_path%3D{schema}", schema


def _drop_schema(schema: str) -> None:
    engine = create_engine(normalize_url(TEST_DATABASE_URL), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def migrated_database(service: str, backend: str, tmp_path_factory):
    """(url, cleanup) of a database migrated to head for `service`."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp(service) / (service + '.db')}"
        upgrade(service, url)
        return url, lambda: None
    url, schema = _postgres_schema_url(service)
    upgrade(service, url)
    return url, lambda: _drop_schema(schema)


def truncate_all(engine, metadata) -> None:
    tables = [t.name for t in reversed(metadata.sorted_tables)]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(text(f'DELETE FROM "{table}"'))


class ApiClient:
    """A TestClient that speaks to one API root as a given applicatie."""

    def __init__(self, client: TestClient, api_root: str, client_id: str = "alles"):
        self.client = client
        self.api_root = api_root
        self.client_id = client_id

    def as_client(self, client_id: str) -> "ApiClient":
        return ApiClient(self.client, self.api_root, client_id)

    def url(self, path: str) -> str:
        if path.startswith("http"):
            return path
        return f"http://testserver{self.api_root}{path}"

    def request(self, method: str, path: str, **kwargs):
        headers = {**auth_header(self.client_id), **kwargs.pop("headers", {})}
        return self.client.request(method, self.url(path), headers=headers, **kwargs)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def head(self, path, **kw):
        return self.request("HEAD", path, **kw)

    def post(self, path, json=None, **kw):
        return self.request("POST", path, json=json, **kw)

    def put(self, path, json=None, **kw):
        return self.request("PUT", path, json=json, **kw)

    def patch(self, path, json=None, **kw):
        return self.request("PATCH", path, json=json, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


def kernel_test_app(database, router, kernel, title: str, api_root: str):
    """A throwaway service built with the kernel around one test router (kernel unit tests)."""
    from shared.app import ApiInfo, create_service_app

    return create_service_app(
        ApiInfo(title, "1.0.0", api_root, f"{title} test"),
        database=database,
        routers=[router],
        tags=[{"name": "dingen"}],
        kernel=kernel,
    )


class QueryCounter:
    """Counts the SQL statements an engine runs inside the `with` block: `count` all of them,
    `single` those not run as an executemany (a batch of writes, which SQLite's driver may send
    row by row)."""

    def __init__(self, engine):
        self.engine = engine
        self.count = 0
        self.single = 0

    def _count(self, conn, cursor, statement, parameters, context, executemany):
        self.count += 1
        self.single += not executemany

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)


def assert_invalid(response, name: str, code: str) -> None:
    """A 400 ValidatieFout naming `name` with `code`."""
    assert response.status_code == 400, response.text
    body = response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    pairs = [(p["name"], p["code"]) for p in body["invalidParams"]]
    assert (name, code) in pairs, pairs
