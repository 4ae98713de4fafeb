"""Fixtures of the Besluiten service (a plugin of tests/conftest.py): the Besluiten app reads the
Catalogi app of the same database backend in-process (besluittype URLs
`http://testserver/catalogi/...`); `linked_besluiten` adds the real Documenten and Zaken apps, each
reading the others back (brc-003..009, drc-002..004, zrc-021d/e)."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from services.besluiten import API_ROOT
from services.besluiten.app import create_app
from services.besluiten.besluit.rules import NUMBERING
from services.besluiten.db import Base, outbox
from services.besluiten.settings import BesluitenSettings
from services.catalogi import API_ROOT as CATALOGI_ROOT
from tests.conftest import ApiClient, granting, migrated_database, truncate_all
from tests.standins.inprocess import AppTransport


@pytest.fixture(scope="session")
def besluiten_transport(catalogi_app) -> AppTransport:
    """How the Besluiten app reaches the other APIs: the Catalogi app in-process (`linked_besluiten`
    adds the Documenten and Zaken apps)."""
    return AppTransport(catalogi_app)


@pytest.fixture(scope="session")
def besluiten_app(catalogi_app, kernel, tmp_path_factory, besluiten_transport):
    backend = "postgresql" if str(catalogi_app.state.db.engine.url).startswith("postgresql") else "sqlite"
    url, cleanup = migrated_database("besluiten", backend, tmp_path_factory)
    settings = BesluitenSettings(
        database_url=url, client_id="alles", secret="test-secret", catalogi_api_url=f"http://testserver{CATALOGI_ROOT}"
    )
    app = create_app(settings, kernel, remote_transport=besluiten_transport)
    yield app
    app.state.db.dispose()
    cleanup()


@pytest.fixture
def besluiten(besluiten_app, catalogi):
    """An all-rights client on a clean Besluiten database (next to a clean Catalogi database)."""
    with TestClient(besluiten_app) as client:
        yield ApiClient(client, API_ROOT)
    truncate_all(besluiten_app.state.db.engine, Base.metadata)
    NUMBERING.forget()  # the counters were emptied: the process's blocks go too
    besluiten_app.state.remote.resolver.invalidate()


@pytest.fixture
def besluiten_outbox(besluiten_app):
    def rows() -> list[dict]:
        with besluiten_app.state.db.engine.connect() as connection:
            return [row.message for row in connection.execute(select(outbox.table).order_by(outbox.table.c.id))]

    return rows


@pytest.fixture
def besluiten_grant(besluiten_app):
    """`besluiten_grant(client_id, autorisaties)`: an applicatie with these Besluiten autorisaties
    (component `brc` unless given) for this test; it talks as `besluiten.as_client(client_id)`."""
    with granting(besluiten_app, "brc") as define:
        yield define


@pytest.fixture
def linked_besluiten(
    besluiten, documenten, zaken, besluiten_transport, documenten_transport, zaken_transport, besluiten_app, documenten_app, zaken_app
):
    """The real Besluiten, Documenten and Zaken apps reading each other in-process, on clean
    databases of all three: the Besluiten client."""
    for app in (documenten_app, zaken_app):
        besluiten_transport.add(app)
    for transport in (documenten_transport, zaken_transport):
        transport.add(besluiten_app)
    documenten_transport.add(zaken_app)
    zaken_transport.add(documenten_app)
    return besluiten
