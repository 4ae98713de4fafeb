"""Fixtures of the Catalogi service (a plugin of tests/conftest.py, so every test folder has them)."""

import pytest
from fastapi.testclient import TestClient

from services.catalogi import API_ROOT
from services.catalogi.app import create_app
from services.catalogi.db import Base
from services.catalogi.settings import CatalogiSettings
from tests.conftest import DB_BACKENDS, ApiClient, migrated_database, truncate_all
from tests.standins import referentielijsten


@pytest.fixture(scope="session", params=DB_BACKENDS)
def catalogi_app(request, kernel, tmp_path_factory):
    url, cleanup = migrated_database("catalogi", request.param, tmp_path_factory)
    settings = CatalogiSettings(
        database_url=url,
        referentielijsten_api_url=referentielijsten.BASE,
        selectielijst_validation=True,
    )
    app = create_app(settings, kernel, referentielijsten_transport=referentielijsten.transport())
    yield app
    app.state.db.dispose()
    cleanup()


@pytest.fixture
def catalogi(catalogi_app):
    """An all-rights client on a clean Catalogi database."""
    with TestClient(catalogi_app) as client:
        yield ApiClient(client, API_ROOT)
    truncate_all(catalogi_app.state.db.engine, Base.metadata)


@pytest.fixture
def outbox_rows(catalogi_app):
    from sqlalchemy import select

    from services.catalogi.db import outbox

    def rows() -> list[dict]:
        with catalogi_app.state.db.engine.connect() as connection:
            return [row.message for row in connection.execute(select(outbox.table).order_by(outbox.table.c.id))]

    return rows
