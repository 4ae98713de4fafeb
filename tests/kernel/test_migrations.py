"""Every service's alembic chain goes up, down and up again, and leaves the schema its models
describe (plus the SQL views a chain makes for reporting tools)."""

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from services.registry import SERVICES
from shared.db import normalize_url
from shared.migrate import downgrade, upgrade
from tests.conftest import DB_BACKENDS, _drop_schema, _postgres_schema_url

# the read-only views of the rapportage chain (docs/rapportage.md), which no model describes
VIEWS = {
    "rapportage": {
        "rapportage_zaken",
        "rapportage_statussen",
        "rapportage_opschortingen",
        "rapportage_tellingen_dag",
        "rapportage_tellingen_maand",
        "rapportage_mijlpalen",
    }
}


def metadata_of(service: str):
    importlib.import_module(f"services.{service}.models")  # registers every table
    return importlib.import_module(f"services.{service}.db").Base.metadata


@pytest.fixture(params=DB_BACKENDS)
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.db'}"
    else:
        url, schema = _postgres_schema_url("migrations")
        yield url
        _drop_schema(schema)


@pytest.mark.parametrize("service", list(SERVICES))
def test_upgrade_downgrade_upgrade(service, empty_database):
    upgrade(service, empty_database)
    downgrade(service, empty_database)
    engine = create_engine(normalize_url(empty_database))
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert set(inspect(engine).get_view_names()) == set()
    engine.dispose()
    upgrade(service, empty_database)
    engine = create_engine(normalize_url(empty_database))
    assert set(inspect(engine).get_view_names()) == VIEWS.get(service, set())
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), metadata_of(service))
    engine.dispose()
    assert diff == [], f"the models and the migrations of {service} differ: {diff}"
