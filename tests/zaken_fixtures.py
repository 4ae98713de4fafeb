"""Fixtures of the Zaken service (a plugin of tests/conftest.py): the Zaken app reads the Catalogi
app of the same database backend in-process, as zaaktype URLs `http://testserver/catalogi/...`."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from services.catalogi import API_ROOT as CATALOGI_ROOT
from services.zaken import API_ROOT
from services.zaken.app import create_app
from services.zaken.db import Base, outbox
from services.zaken.settings import ZakenSettings
from services.zaken.zaak.identificatie import NUMBERING
from tests.conftest import ApiClient, granting, migrated_database, truncate_all
from tests.standins import documenten
from tests.standins.inprocess import AppTransport


@pytest.fixture(scope="session")
def zaken_transport(catalogi_app) -> AppTransport:
    """How the Zaken app reaches the other APIs: the Catalogi app in-process, the stand-ins for the
    foreign APIs (tests/documenten_fixtures.py `linked_zaken` adds the real Documenten app)."""
    return AppTransport(catalogi_app)


@pytest.fixture(scope="session")
def zaken_app(catalogi_app, kernel, tmp_path_factory, zaken_transport):
    backend = "postgresql" if str(catalogi_app.state.db.engine.url).startswith("postgresql") else "sqlite"
    url, cleanup = migrated_database("zaken", backend, tmp_path_factory)
    settings = ZakenSettings(
        database_url=url, client_id="alles", secret="test-secret", catalogi_api_url=f"http://testserver{CATALOGI_ROOT}"
    )
    # the foreign-API stand-ins play the Documenten, Besluiten, ... APIs this deployment runs
    peers = kernel.model_copy(update={"peer_api_urls": ",".join(documenten.ROOTS)})
    app = create_app(settings, peers, remote_transport=zaken_transport)
    yield app
    app.state.db.dispose()
    cleanup()


@pytest.fixture
def zaken(zaken_app, catalogi):
    """An all-rights client on a clean Zaken database (next to a clean Catalogi database)."""
    with TestClient(zaken_app) as client:
        yield ZakenClient(client, API_ROOT)
    truncate_all(zaken_app.state.db.engine, Base.metadata)
    NUMBERING.forget()  # the counters were emptied: the process's blocks go too
    zaken_app.state.catalogi.resolver.invalidate()


class ZakenClient(ApiClient):
    """Sends the CRS headers every /zaken operation needs (tests of CRS itself pass their own)."""

    CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}

    def request(self, method: str, path: str, **kwargs):
        headers = {**self.CRS, **kwargs.pop("headers", {})}
        for name, value in list(headers.items()):
            if value is None:
                del headers[name]
        return super().request(method, path, headers=headers, **kwargs)

    def as_client(self, client_id: str) -> "ZakenClient":
        return ZakenClient(self.client, self.api_root, client_id)


@pytest.fixture
def zaken_outbox(zaken_app):
    def rows() -> list[dict]:
        with zaken_app.state.db.engine.connect() as connection:
            return [row.message for row in connection.execute(select(outbox.table).order_by(outbox.table.c.id))]

    return rows


@pytest.fixture
def grant(zaken_app):
    """`grant(client_id, autorisaties)`: an applicatie with these Zaken autorisaties for this test, e.g.
    `grant("beperkt", [{"scopes": ["zaken.lezen"], "zaaktype": url, "maxVertrouwelijkheidaanduiding": "openbaar"}])`
    (component `zrc` unless given). The client then talks as `zaken.as_client("beperkt")`."""
    with granting(zaken_app, "zrc") as define:
        yield define
