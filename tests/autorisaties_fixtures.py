"""Fixtures of the Autorisaties service (a plugin of tests/conftest.py, so every test folder has them).

`autorisaties_kernel` is the test kernel plus applicaties that have only a secret in the file
(`SECRET_ONLY`): their rights come from an Autorisaties API, so a test gives them rights by
creating an applicatie there."""

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import select

from services.autorisaties import API_ROOT
from services.autorisaties.app import create_app
from services.autorisaties.db import Base, outbox
from services.autorisaties.settings import AutorisatiesSettings
from shared.settings import KernelSettings
from tests.conftest import (
    APPLICATIES,
    DB_BACKENDS,
    SECRET,
    ApiClient,
    migrated_database,
    truncate_all,
)

SECRET_ONLY = ("ac-lezer", "ac-beheerder", "consument", "consument-2", "zonder-applicatie")


@pytest.fixture(scope="session")
def autorisaties_kernel(kernel, tmp_path_factory) -> KernelSettings:
    path = tmp_path_factory.mktemp("ac-auth") / "applicaties.yaml"
    entries = APPLICATIES["applicaties"] + [
        {"label": f"{client_id} (rechten uit de Autorisaties API)", "clientIds": [client_id], "secret": SECRET} for client_id in SECRET_ONLY
    ]
    path.write_text(yaml.safe_dump({"applicaties": entries}))
    return kernel.model_copy(update={"autorisaties_file": path})


@pytest.fixture(scope="session", params=DB_BACKENDS)
def autorisaties_app(request, autorisaties_kernel, tmp_path_factory):
    url, cleanup = migrated_database("autorisaties", request.param, tmp_path_factory)
    app = create_app(AutorisatiesSettings(database_url=url), autorisaties_kernel)
    yield app
    app.state.db.dispose()
    cleanup()


@pytest.fixture
def autorisaties(autorisaties_app):
    """An all-rights client on a clean Autorisaties database."""
    with TestClient(autorisaties_app) as client:
        yield ApiClient(client, API_ROOT)
    truncate_all(autorisaties_app.state.db.engine, Base.metadata)


@pytest.fixture
def autorisaties_outbox(autorisaties_app):
    def rows() -> list[dict]:
        with autorisaties_app.state.db.engine.connect() as connection:
            return [row.message for row in connection.execute(select(outbox.table).order_by(outbox.table.c.id))]

    return rows
