"""shared.db: the engine's connection checks and JSON columns."""

import pytest
from sqlalchemy import create_engine, text

from shared import db
from shared.db import Database, make_engine, normalize_url, read_json
from tests.conftest import TEST_DATABASE_URL


def test_json_columns_are_read_by_orjson_and_the_standard_library_takes_what_it_refuses():
    assert read_json('{"a": [1, "é", null]}') == {"a": [1, "é", None]}
    assert read_json(b"[1.5]") == [1.5]
    nan = read_json('{"x": NaN}')["x"]  # what json.dumps writes for a float NaN; orjson refuses it
    assert nan != nan


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs TEST_DATABASE_URL (PostgreSQL)")
def test_a_connection_that_died_while_idle_is_replaced_before_use(monkeypatch):
    engine = make_engine(TEST_DATABASE_URL, pool_size=1, max_overflow=0)
    admin = create_engine(normalize_url(TEST_DATABASE_URL), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            pid = connection.scalar(text("SELECT pg_backend_pid()"))
        with admin.connect() as connection:  # the database drops the pooled connection
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

        monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)
        with engine.connect() as connection:  # the ping finds it dead: a new one, no error
            assert connection.scalar(text("SELECT pg_backend_pid()")) != pid
    finally:
        engine.dispose()
        admin.dispose()


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs TEST_DATABASE_URL (PostgreSQL)")
def test_a_connection_in_steady_use_is_not_pinged(monkeypatch):
    engine = make_engine(TEST_DATABASE_URL, pool_size=1, max_overflow=0)
    pings = []
    monkeypatch.setattr(engine.dialect, "do_ping", lambda dbapi_connection: pings.append(1) or True)
    try:
        for _ in range(3):
            with engine.connect() as connection:
                connection.scalar(text("SELECT 1"))
        assert pings == []
        monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)
        with engine.connect() as connection:
            connection.scalar(text("SELECT 1"))
        assert pings == [1]
    finally:
        engine.dispose()


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs TEST_DATABASE_URL (PostgreSQL)")
def test_reads_on_postgresql_run_without_a_transaction_and_writes_within_one():
    database = Database(TEST_DATABASE_URL, pool_size=1, max_overflow=0)  # one connection for both
    try:
        for _ in range(2):
            with database.read_session() as session:
                assert session.connection().connection.dbapi_connection.autocommit is True
            with database.session() as session:
                assert session.connection().connection.dbapi_connection.autocommit is False
    finally:
        database.dispose()
