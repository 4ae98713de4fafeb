"""Fixtures of the Documenten service (a plugin of tests/conftest.py): the Documenten app reads the
Catalogi app of the same database backend in-process (informatieobjecttype URLs
`http://testserver/catalogi/...`), and the Zaken app too (`zaken_app`, drc-002..004)."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from services.catalogi import API_ROOT as CATALOGI_ROOT
from services.documenten import API_ROOT
from services.documenten.app import create_app
from services.documenten.db import Base, outbox
from services.documenten.settings import DocumentenSettings
from services.zaken import API_ROOT as ZAKEN_ROOT
from tests.conftest import ApiClient, granting, migrated_database, truncate_all
from tests.standins.inprocess import AppTransport


@pytest.fixture(scope="session")
def documenten_transport(catalogi_app) -> AppTransport:
    """How the Documenten app reaches the other APIs: the Catalogi app in-process (`linked_zaken`
    adds the Zaken app)."""
    return AppTransport(catalogi_app)


@pytest.fixture(scope="session")
def documenten_app(catalogi_app, kernel, tmp_path_factory, documenten_transport):
    backend = "postgresql" if str(catalogi_app.state.db.engine.url).startswith("postgresql") else "sqlite"
    url, cleanup = migrated_database("documenten", backend, tmp_path_factory)
    settings = DocumentenSettings(
        database_url=url,
        client_id="alles",
        secret="test-secret",
        catalogi_api_url=f"http://testserver{CATALOGI_ROOT}",
        zaken_api_url=f"http://testserver{ZAKEN_ROOT}",
        storage="disk",
        storage_path=str(tmp_path_factory.mktemp("documenten-inhoud")),
    )
    app = create_app(settings, kernel, remote_transport=documenten_transport)
    yield app
    app.state.db.dispose()
    cleanup()


@pytest.fixture
def documenten(documenten_app, catalogi):
    """An all-rights client on a clean Documenten database (next to a clean Catalogi database)."""
    with TestClient(documenten_app) as client:
        yield ApiClient(client, API_ROOT)
    truncate_all(documenten_app.state.db.engine, Base.metadata)
    documenten_app.state.remote.resolver.invalidate()


@pytest.fixture
def documenten_outbox(documenten_app):
    def rows() -> list[dict]:
        with documenten_app.state.db.engine.connect() as connection:
            return [row.message for row in connection.execute(select(outbox.table).order_by(outbox.table.c.id))]

    return rows


@pytest.fixture
def documenten_grant(documenten_app):
    """`documenten_grant(client_id, autorisaties)`: an applicatie with these Documenten autorisaties
    (component `drc` unless given) for this test; it talks as `documenten.as_client(client_id)`."""
    with granting(documenten_app, "drc") as define:
        yield define


@pytest.fixture
def linked_zaken(documenten, zaken, documenten_transport, zaken_transport, documenten_app, zaken_app):
    """The real Zaken app and this Documenten app reading each other in-process (drc-002..004: an
    objectinformatieobject checks its zaakinformatieobject, a zaakinformatieobject writes its
    objectinformatieobject): the Zaken client, on clean databases of both."""
    documenten_transport.add(zaken_app)
    zaken_transport.add(documenten_app)
    return zaken
