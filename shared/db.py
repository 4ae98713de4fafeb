"""Database engine and the per-request session.

The session is committed or rolled back at the request boundary (`SessionDep`), never inside
domain code. Relationships are declared `lazy="raise"` by convention, so an N+1 is an error.
"""

import functools
import json
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

import anyio
import orjson
from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

# One naming convention for every service's constraints and indexes, so alembic names them the
# same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def service_metadata() -> MetaData:
    """The MetaData of one service's declarative base."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def normalize_url(url: str) -> str:
    """Accept plain `postgresql://` URLs and use the psycopg 3 driver for them."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://") :]
    if url.startswith("postgres://"):
        return "postgresql+psycopg://" + url[len("postgres://") :]
    return url


def read_json(text: str | bytes) -> Any:
    """A JSON column's value: orjson (a page of zaken holds hundreds of JSON values; the standard
    library's parser took ~10% of a list request), the standard library for what orjson refuses
    (NaN, Infinity). (orjson reads an integer beyond 64 bits as a float; the JSON columns hold
    validated shapes whose numbers are coordinates.)"""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def write_json(value: Any) -> str:
    """A JSON column's text: orjson (the standard library's encoder was a visible part of a
    create, which writes three JSON documents), what JSON has no type for (a Decimal) as its str,
    as the API's responses (shared.http.json_dumps); dates, moments and UUIDs in ISO 8601."""
    return orjson.dumps(value, default=str, option=orjson.OPT_NON_STR_KEYS).decode()


def make_engine(url: str, **kwargs) -> Engine:
    url = normalize_url(url)
    kwargs.setdefault("json_deserializer", read_json)
    kwargs.setdefault("json_serializer", write_json)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    engine = create_engine(url, **kwargs)
    if not kwargs.get("pool_pre_ping"):
        _ping_when_idle(engine)
    return engine


# A pooled connection is pinged before use only after it sat idle this long. A ping at every
# checkout (`pool_pre_ping`) was a round trip per request (a zaak create checks out two
# connections); a connection in steady use has just proved itself.
PING_AFTER_IDLE_SECONDS = 2.0


def _ping_when_idle(engine: Engine) -> None:
    """Like `pool_pre_ping`, for connections idle PING_AFTER_IDLE_SECONDS or longer: a dead one
    (database restarted, idle connection cut by a firewall) is replaced before a request sees it."""

    @event.listens_for(engine, "checkin")
    def _note_idle_since(_dbapi_connection, record) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection, record, _proxy) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError() from exc  # the pool connects anew and checks out again


class Database:
    def __init__(self, url: str, **engine_kwargs):
        self.url = normalize_url(url)
        self.engine = make_engine(self.url, **engine_kwargs)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)
        # Reads on PostgreSQL without a transaction: no BEGIN and COMMIT round trips (of ~4 in a
        # zaak detail). Nothing is lost: under READ COMMITTED each statement of a transaction
        # takes its own snapshot too. SQLite keeps its transaction (one snapshot for a page and
        # its count), and has no round trips to save.
        self.read_sessionmaker = (
            self.sessionmaker
            if self.is_sqlite
            else sessionmaker(self.engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False)
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def reads_autocommit(self) -> bool:
        """A read session runs each statement as its own transaction: it has nothing to commit."""
        return self.read_sessionmaker is not self.sessionmaker

    def session(self) -> Session:
        return self.sessionmaker()

    def read_session(self) -> Session:
        """For a request that only reads (GET, HEAD)."""
        return self.read_sessionmaker()

    @functools.cached_property
    def side_engine(self) -> Engine:
        """Connections for a short statement outside a request's transaction (the zaak number), from
        a pool of their own: a request that holds a connection and asks its own pool for a second
        could wait for ever once every connection is held by such a request."""
        return make_engine(self.url, pool_size=2, max_overflow=18)

    def dispose(self) -> None:
        self.engine.dispose()
        if "side_engine" in vars(self):
            self.side_engine.dispose()


READ_METHODS = frozenset({"GET", "HEAD"})


def is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One session per request: commit when the endpoint returned, roll back when it raised.

    For a GET endpoint that neither `reads` nor `commits` serves (e.g. a streamed download); a
    write endpoint is given its session by `commits` (tests/kernel/test_dependencies.py). Async,
    so a request does not hop to the thread pool to open its session (no I/O) nor to end one that
    has nothing to end: a read on PostgreSQL (no transaction); closing it does no I/O. Other
    sessions commit (or roll back) and close in one hop to the thread pool, shielded from
    cancellation so the connection always goes back to the pool."""
    database = request.app.state.db
    read = request.method in READ_METHODS
    session = database.read_session() if read else database.session()
    inline = read and database.reads_autocommit

    def end(commit: bool) -> None:
        try:
            if commit:
                session.commit()
        finally:
            session.close()  # rolls back what was not committed

    async def finish(commit: bool) -> None:
        if inline or not session.in_transaction():
            session.close()
        else:  # one hop for commit and close
            with anyio.CancelScope(shield=True):
                await run_in_threadpool(end, commit)

    try:
        yield session
    except BaseException:
        await finish(False)
        raise
    await finish(not inline)


def commits(endpoint):
    """An endpoint of a method other than GET/HEAD (sync, with a `session` argument): it is given
    a session of its own, a transaction, which it commits in its own thread once it has its
    response, and which is closed there (rolled back when the endpoint raised). No dependency
    opens or ends it: `SessionDep`'s generator, its exit stack and its end cost ~6% of a zaak
    create. A failed commit is the endpoint's error: an error response, never a 2xx for what was
    not stored. A kernel test keeps every write endpoint wrapped."""
    return _with_session(endpoint, write=True)


def reads(endpoint):
    """An endpoint of GET/HEAD (sync, with a `session` argument): given a read session of its
    own (`Database.read_session`), closed in its own thread, without `SessionDep`'s generator."""
    return _with_session(endpoint, write=False)


def _with_session(endpoint, *, write: bool):
    """`endpoint` as FastAPI sees it: its parameters without `session`, with `request` (added
    where the endpoint has none); each call is given the session."""
    import inspect

    signature = inspect.signature(endpoint)
    parameters = [p for name, p in signature.parameters.items() if name != "session"]
    takes_request = "request" in signature.parameters
    if not takes_request:
        parameters.insert(0, inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request))

    @functools.wraps(endpoint)
    def with_session(**kwargs):
        request = kwargs["request"] if takes_request else kwargs.pop("request")
        database = request.app.state.db
        session = database.session() if write else database.read_session()
        try:
            response = endpoint(session=session, **kwargs)
            if write:
                session.commit()
            return response
        finally:
            session.close()  # rolls back what was not committed

    with_session.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    return with_session


# scope="function": the commit runs before the response is sent, so a failed commit is an
# error response and a client never sees a 201 for something that was not stored.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def uuid_text(column, postgresql: bool):
    """A uuid column as text on PostgreSQL, for what only goes into URLs and JSON: PostgreSQL
    formats it in C, where a uuid.UUID costs ~0.8 µs to make and ~0.6 µs to format, and a page
    of 100 zaken with their relations reads ~500 of them."""
    from sqlalchemy import String, cast

    return cast(column, String).label(column.key) if postgresql else column


def in_list(column, postgresql: bool, *, values=None, name: str | None = None):
    """`column IN (...)` with the list as one parameter: `values` for a one-off statement, or
    `name` for a statement built once and executed with the list as `name`. On PostgreSQL
    `column = ANY(:array)`: the SQL text is the same whatever the list's length, so psycopg
    converts it from its cache (an IN list of a 100-zaak page in a UNION of 7 parts was 700
    parameters, converted anew on every request; a batch of 500 inbox events spent ~5% of its
    time there). Elsewhere IN, expanding for a named list."""
    from sqlalchemy import any_, bindparam
    from sqlalchemy.dialects.postgresql import ARRAY

    if postgresql:
        array = ARRAY(column.type)
        return column == any_(bindparam(name, type_=array) if values is None else bindparam(name, value=list(values), type_=array))
    return column.in_(bindparam(name, expanding=True) if values is None else values)


def insert_rows(
    session: Session, table, rows: list[dict], *, unless_taken: tuple[str, ...] = (), returning: tuple[str, ...] = ()
) -> list[tuple]:
    """Insert `rows` (dicts with the same keys, JSON-serialisable values) into `table` in one
    statement. On PostgreSQL the rows are one JSON parameter, read with the table's own row type
    (`json_populate_recordset`): the SQL text is the same whatever the number of rows, so psycopg
    converts it from its cache, where a multi-row VALUES (an ORM flush of new rows) has thousands
    of parameters converted anew each time. Elsewhere an executemany.

    `unless_taken`: the columns of a unique index; a row whose values it holds already is skipped
    (ON CONFLICT DO NOTHING). `returning`: the columns returned of each row inserted (in no
    particular order); [] without."""
    if not rows:
        return []
    postgresql = is_postgresql(session)
    if postgresql:
        statement = _json_insert(table.name, tuple(rows[0]), unless_taken, returning)
        result = session.execute(statement, {"rows": orjson.dumps(rows).decode()})
    else:
        statement = _sqlite_insert(table, unless_taken, returning)
        result = session.execute(statement, rows)
    return [tuple(row) for row in result] if returning else []


@functools.lru_cache(maxsize=64)
def _json_insert(table: str, columns: tuple[str, ...], unless_taken: tuple[str, ...] = (), returning: tuple[str, ...] = ()):
    from sqlalchemy import text

    names = ", ".join(columns)
    sql = f"INSERT INTO {table} ({names}) SELECT {names} FROM json_populate_recordset(CAST(NULL AS {table}), CAST(:rows AS json))"
    if unless_taken:
        sql += f" ON CONFLICT ({', '.join(unless_taken)}) DO NOTHING"
    if returning:
        sql += f" RETURNING {', '.join(returning)}"
    return text(sql)


def _sqlite_insert(table, unless_taken: tuple[str, ...], returning: tuple[str, ...]):
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    statement: Any = sqlite_insert(table)
    if unless_taken:
        statement = statement.on_conflict_do_nothing(index_elements=list(unless_taken))
    if returning:
        statement = statement.returning(*(table.c[name] for name in returning))
    return statement


def insert_new(session: Session, obj: Any) -> bool:
    """Insert the new ORM object `obj` as one Core `INSERT ... ON CONFLICT DO NOTHING RETURNING`
    of its primary key, in the session's transaction; False (nothing written, the transaction
    intact) when a unique constraint holds its values already. A flush in a SAVEPOINT did the same
    in three round trips (SAVEPOINT, INSERT, RELEASE) and the ORM's unit of work per create.

    The object's columns are what it holds, a column it left unset its default (set on the object
    too); after the insert it is persistent in the session with its primary key, as after a flush."""
    from sqlalchemy import inspect as inspect_mapper

    mapper = inspect_mapper(type(obj))
    statement = _insert_unless_taken(mapper.local_table, session.get_bind().dialect.name)
    primary_key = session.execute(statement, column_values(obj)).first()
    if primary_key is None:
        return False
    for column, value in zip(mapper.primary_key, primary_key, strict=True):
        setattr(obj, mapper.get_property_by_column(column).key, value)
    _persistent(session, obj)
    return True


def insert_objects(session: Session, objects: list[Any]) -> None:
    """Insert new ORM objects of one class, their primary keys set (`reserve_ids`), in one
    statement (`insert_rows`), and make them persistent in the session as after a flush: so an
    object is written once with everything it holds, where an INSERT and then the flush of what
    was set on it afterwards wrote it twice."""
    if not objects:
        return
    from sqlalchemy import inspect as inspect_mapper

    mapper = inspect_mapper(type(objects[0]))
    rows = [column_values(obj) for obj in objects]
    assert all(row.get(column.key) is not None for row in rows for column in mapper.primary_key), "reserve_ids first"
    insert_rows(session, mapper.local_table, rows)
    for obj in objects:
        _persistent(session, obj)


def reserve_ids(session: Session, table, count: int) -> list[int]:
    """`count` new values of `table`'s integer primary key `id`, for rows inserted later in this
    transaction (`insert_objects`): on PostgreSQL from its sequence; on SQLite the ones after the
    largest, which only the holder of the database's write lock may take (its one writer)."""
    if count <= 0:
        return []
    from sqlalchemy import text

    if is_postgresql(session):
        statement = text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)")
        return list(session.scalars(statement, {"table": table.name, "count": count}))
    from sqlalchemy import func, select

    largest = session.scalar(select(func.max(table.c.id))) or 0
    return list(range(largest + 1, largest + 1 + count))


def column_values(obj: Any) -> dict[str, Any]:
    """The column values of a new ORM object: what it holds, a column it left unset its default
    (set on the object too); an unset primary key or server default is left to the database."""
    state = obj.__dict__
    values = {}
    model: Any = type(obj)  # Any: the typing of functools.cache asks for a Hashable
    for key, column_key, primary_key, default in _columns_of(model):
        if key in state and not (primary_key and state[key] is None):
            values[column_key] = state[key]
        elif default is _DATABASE_DEFAULT:
            continue
        else:
            value = default() if callable(default) else default
            setattr(obj, key, value)
            values[column_key] = value
    return values


_DATABASE_DEFAULT = object()


@functools.cache
def _columns_of(model: type) -> tuple[tuple[str, str, bool, Any], ...]:
    """(attribute, column, is primary key, default) per column of a mapped class: the default a
    value, a callable, or `_DATABASE_DEFAULT` (an unset primary key, a server default)."""
    from sqlalchemy import inspect as inspect_mapper

    columns = []
    mapper: Any = inspect_mapper(model)
    for attribute in mapper.column_attrs:
        column = attribute.columns[0]
        default: Any = None
        if column.primary_key or column.server_default is not None:
            default = _DATABASE_DEFAULT
        elif column.default is not None:
            given: Any = column.default
            if not (given.is_scalar or given.is_callable):
                raise TypeError(f"{attribute.key}: a SQL default, which the insert cannot know")
            default = (lambda arg=given.arg: arg(None)) if given.is_callable else given.arg
        columns.append((attribute.key, column.key, bool(column.primary_key), default))
    return tuple(columns)


def _persistent(session: Session, obj: Any) -> None:
    """An object just inserted, persistent in the session: later changes are UPDATEs."""
    from sqlalchemy.orm import make_transient_to_detached

    make_transient_to_detached(obj)
    session.add(obj)


@functools.cache
def _insert_unless_taken(table, dialect: str):
    """`INSERT ... ON CONFLICT DO NOTHING RETURNING <primary key>` on `table`, built once."""
    from sqlalchemy.dialects import postgresql, sqlite

    insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(table).on_conflict_do_nothing().returning(*table.primary_key.columns)
