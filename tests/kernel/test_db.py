"""shared.db: the engine's connection checks, JSON columns and the session of a request."""

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


@pytest.fixture(params=["sqlite", "postgresql"])
def table_database(request, tmp_path):
    """A Database with a table `get_session_probe` (dropped afterwards)."""
    if request.param == "postgresql" and not TEST_DATABASE_URL:
        pytest.skip("needs TEST_DATABASE_URL (PostgreSQL)")
    database = Database(TEST_DATABASE_URL if request.param == "postgresql" else f"sqlite:///{tmp_path}/probe.db")
    with database.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS get_session_probe"))
        connection.execute(text("CREATE TABLE get_session_probe (naam VARCHAR(20))"))
    yield database
    with database.engine.begin() as connection:
        connection.execute(text("DROP TABLE get_session_probe"))
    database.dispose()


def test_a_request_session_commits_a_write_rolls_back_a_failure_and_always_gives_its_connection_back(table_database):
    from fastapi import FastAPI, HTTPException
    from fastapi.testclient import TestClient

    from shared.db import SessionDep

    app = FastAPI()
    app.state.db = table_database

    @app.get("/probe")
    def count(session: SessionDep) -> int:
        return session.scalar(text("SELECT count(*) FROM get_session_probe"))

    @app.post("/probe/{naam}")
    def add(naam: str, session: SessionDep) -> None:
        session.execute(text("INSERT INTO get_session_probe VALUES (:naam)"), {"naam": naam})
        if naam == "fout":
            raise HTTPException(409)

    pool = table_database.engine.pool
    with TestClient(app) as client:
        assert client.post("/probe/een").status_code == 200
        assert pool.checkedout() == 0
        assert client.post("/probe/fout").status_code == 409
        assert pool.checkedout() == 0
        assert client.get("/probe").json() == 1
        assert pool.checkedout() == 0


def test_an_endpoint_given_its_session_ends_it_in_its_own_thread_without_a_hop(table_database, monkeypatch):
    """`commits` and `reads`: the session is opened, committed (a write) and closed in the
    endpoint's own thread, a failure rolled back there; the connection always goes back."""
    import threading

    from fastapi import FastAPI, HTTPException
    from fastapi.testclient import TestClient
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from shared.db import commits, reads

    app = FastAPI()
    app.state.db = table_database
    endpoint_threads, commit_threads, hops = [], [], []
    event.listen(table_database.sessionmaker, "after_commit", lambda session: commit_threads.append(threading.get_ident()))
    real_hop = db.run_in_threadpool
    monkeypatch.setattr(db, "run_in_threadpool", lambda *args: hops.append(args[0].__name__) or real_hop(*args))

    @app.post("/probe/{naam}")
    @commits
    def add(naam: str, session: Session) -> dict:
        endpoint_threads.append(threading.get_ident())
        session.execute(text("INSERT INTO get_session_probe VALUES (:naam)"), {"naam": naam})
        if naam == "fout":
            raise HTTPException(409)
        return {"naam": naam}

    @app.get("/probe")
    @reads
    def count(session: Session) -> int:  # no `request`: the wrapper asks for it itself
        return session.scalar(text("SELECT count(*) FROM get_session_probe"))

    pool = table_database.engine.pool
    with TestClient(app) as client:
        assert client.post("/probe/een").json() == {"naam": "een"}
        assert commit_threads == endpoint_threads and hops == []
        assert pool.checkedout() == 0
        assert client.post("/probe/fout").status_code == 409  # raised before its commit: rolled back
        assert len(commit_threads) == 1 and hops == []
        assert pool.checkedout() == 0
        assert client.get("/probe").json() == 1
        assert pool.checkedout() == 0 and hops == []
    # FastAPI sees neither the session nor a body for it
    assert "session" not in str(app.openapi())


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_insert_rows_stores_each_value_as_its_column_type(backend, tmp_path):
    import datetime as dt
    import uuid

    from sqlalchemy import Boolean, Column, Date, DateTime, Integer, MetaData, String, Table, select

    from shared.db import insert_rows

    if backend == "postgresql" and not TEST_DATABASE_URL:
        pytest.skip("needs TEST_DATABASE_URL (PostgreSQL)")
    database = Database(TEST_DATABASE_URL if backend == "postgresql" else f"sqlite:///{tmp_path}/rows.db")
    table = Table(
        f"insert_rows_probe_{uuid.uuid4().hex[:8]}",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("naam", String(20)),
        Column("dag", Date),
        Column("moment", DateTime(timezone=True)),
        Column("aantal", Integer, nullable=True),
        Column("vlag", Boolean, nullable=True),
    )
    moment = dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)  # the night the clocks go forward
    rows = [
        {"naam": "één", "dag": dt.date(2026, 2, 28), "moment": moment, "aantal": 3, "vlag": True},
        {"naam": 'a "b"', "dag": dt.date(2024, 2, 29), "moment": moment + dt.timedelta(hours=1), "aantal": None, "vlag": None},
    ]
    table.create(database.engine)
    try:
        with database.session() as session:
            insert_rows(session, table, rows)
            insert_rows(session, table, [])
            session.commit()
            stored = session.execute(
                select(table.c.naam, table.c.dag, table.c.moment, table.c.aantal, table.c.vlag).order_by(table.c.id)
            ).all()
            stored_ids = list(session.scalars(select(table.c.id).order_by(table.c.id)))
        as_utc = [(n, d, m if m.tzinfo else m.replace(tzinfo=dt.UTC), a, v) for n, d, m, a, v in stored]  # SQLite gives naive UTC back
        assert as_utc == [tuple(row.values()) for row in rows]

        # unless_taken: a row whose unique values are taken is skipped; returning: of the rows inserted
        again = [{**rows[0], "id": stored_ids[0], "naam": "dubbel"}, {**rows[1], "id": 99, "naam": "nieuw"}]
        with database.session() as session:
            inserted = insert_rows(session, table, again, unless_taken=("id",), returning=("id", "naam"))
            session.commit()
            names = dict(session.execute(select(table.c.id, table.c.naam)).all())
        assert inserted == [(99, "nieuw")]
        assert names == {stored_ids[0]: "één", stored_ids[1]: 'a "b"', 99: "nieuw"}
    finally:
        table.drop(database.engine)
        database.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_objects_with_reserved_ids_are_written_once_and_persistent(backend, tmp_path):
    """reserve_ids + insert_objects: the rows hold what the objects held when inserted (their
    defaults too), a later change is an UPDATE, and an id the database gives afterwards does
    not collide with a reserved one."""
    import uuid

    from sqlalchemy import Integer, String, event, select
    from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

    from shared.db import insert_objects, reserve_ids

    if backend == "postgresql" and not TEST_DATABASE_URL:
        pytest.skip("needs TEST_DATABASE_URL (PostgreSQL)")

    class Base(DeclarativeBase):
        pass

    class Probe(Base):
        __tablename__ = f"reserved_probe_{uuid.uuid4().hex[:8]}"
        id: Mapped[int] = mapped_column(Integer, primary_key=True)
        naam: Mapped[str] = mapped_column(String(20))
        aantal: Mapped[int] = mapped_column(Integer, default=7)

    database = Database(TEST_DATABASE_URL if backend == "postgresql" else f"sqlite:///{tmp_path}/reserved.db")
    Base.metadata.create_all(database.engine)
    statements: list[str] = []
    event.listen(database.engine, "before_cursor_execute", lambda *args: statements.append(args[2].split()[0]))
    try:
        with database.session() as session:
            session.add(Probe(naam="eerst"))
            session.flush()
            objects = [Probe(naam="a"), Probe(naam="b")]
            for obj, reserved in zip(objects, reserve_ids(session, Probe.__table__, 2), strict=True):
                obj.id = reserved
            statements.clear()
            insert_objects(session, objects)
            assert statements == ["INSERT"]  # both in one statement
            assert [obj.aantal for obj in objects] == [7, 7]
            objects[1].aantal = 8
            session.add(Probe(naam="daarna"))
            session.commit()
            stored = session.execute(select(Probe.naam, Probe.aantal).order_by(Probe.id)).all()
        assert stored == [("eerst", 7), ("a", 7), ("b", 8), ("daarna", 7)]
    finally:
        Base.metadata.drop_all(database.engine)
        database.dispose()
