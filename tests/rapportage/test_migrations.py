"""The Rapportage alembic chain goes up, down and up again, and leaves the schema the models
describe (plus the SQL views)."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from services.rapportage import models as _models  # noqa: F401
from services.rapportage.db import Base
from shared.db import normalize_url
from shared.migrate import downgrade, upgrade
from tests.conftest import DB_BACKENDS, _drop_schema, _postgres_schema_url

VIEWS = {"rapportage_zaken", "rapportage_statussen", "rapportage_opschortingen", "rapportage_tellingen_dag", "rapportage_tellingen_maand", "rapportage_mijlpalen"}


@pytest.fixture(params=DB_BACKENDS)
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'rpt.db'}"
    else:
        url, schema = _postgres_schema_url("rpt_migrations")
        yield url
        _drop_schema(schema)


def test_upgrade_downgrade_upgrade(empty_database):
    upgrade("rapportage", empty_database)
    downgrade("rapportage", empty_database)
    engine = create_engine(normalize_url(empty_database))
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert set(inspect(engine).get_view_names()) == set()
    engine.dispose()
    upgrade("rapportage", empty_database)
    engine = create_engine(normalize_url(empty_database))
    assert set(inspect(engine).get_view_names()) == VIEWS
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == [], f"the models and the migrations of rapportage differ: {diff}"
