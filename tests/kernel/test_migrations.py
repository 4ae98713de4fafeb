"""Every alembic chain goes up, down and up again, and leaves the schema the models describe."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from services.catalogi import models as _catalogi_models  # noqa: F401
from services.catalogi.db import Base as CatalogiBase
from shared.db import normalize_url
from shared.migrate import downgrade, upgrade
from tests.conftest import DB_BACKENDS, _drop_schema, _postgres_schema_url

CHAINS = {"catalogi": CatalogiBase.metadata}


@pytest.fixture(params=DB_BACKENDS)
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.db'}"
    else:
        url, schema = _postgres_schema_url("migrations")
        yield url
        _drop_schema(schema)


@pytest.mark.parametrize("service", list(CHAINS))
def test_upgrade_downgrade_upgrade(service, empty_database):
    upgrade(service, empty_database)
    downgrade(service, empty_database)
    engine = create_engine(normalize_url(empty_database))
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    upgrade(service, empty_database)
    engine = create_engine(normalize_url(empty_database))
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), CHAINS[service])
    engine.dispose()
    assert diff == [], f"the models and the migrations of {service} differ: {diff}"
