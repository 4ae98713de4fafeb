"""zrc-002 under load: concurrent creates each get their own generated identificatie, and a
client-chosen identificatie taken twice at the same moment is one 201 and one 400, never a 5xx."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, select, text

from services.zaken import API_ROOT
from services.zaken.zaak.identificatie import NUMBERING
from services.zaken.zaak.models import IdentificatieTeller
from shared.db import Database
from shared.identificatie import BLOCK
from tests.zaken.factories import create_zaak, published_zaaktype, zaak_body
from tests.zaken_fixtures import ZakenClient

THREADS = 50


def _clients(zaken_app, count: int) -> list[ZakenClient]:
    # no `with`: the app's lifespan belongs to the `zaken` fixture's client
    return [ZakenClient(TestClient(zaken_app), API_ROOT) for _ in range(count)]


def _run_together(count: int, action) -> list:
    """`action(i)` in `count` threads that start at the same moment."""
    barrier = threading.Barrier(count)

    def run(i):
        barrier.wait()
        return action(i)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


@pytest.fixture
def zaaktype(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    create_zaak(zaken, zaaktype.url, registratiedatum="2019-01-01")  # the zaaktype is cached now
    return zaaktype


@pytest.mark.parametrize("registratiedatum", ["2024-06-01", None], ids=["first-of-the-year", "counter-exists"])
def test_zrc002_concurrent_creates_get_distinct_identificaties(zaken, zaken_app, zaaktype, registratiedatum):
    if registratiedatum is None:
        create_zaak(zaken, zaaktype.url, registratiedatum="2024-01-01")  # the year's counter exists
        registratiedatum = "2024-06-01"
    clients = _clients(zaken_app, THREADS)
    body = zaak_body(zaaktype.url, registratiedatum=registratiedatum)
    responses = _run_together(THREADS, lambda i: clients[i].post("/zaken", json=body))
    statuses = [r.status_code for r in responses]
    assert statuses == [201] * THREADS, [r.text for r in responses if r.status_code != 201][:3]
    identificaties = [r.json()["identificatie"] for r in responses]
    assert len(set(identificaties)) == THREADS
    assert all(re.fullmatch(r"ZAAK-2024-\d{10}", i) for i in identificaties)
    listed = zaken.get("/zaken", params={"registratiedatum": registratiedatum}).json()
    assert listed["count"] == THREADS


def test_zrc002_concurrent_creates_with_the_same_identificatie(zaken, zaken_app, zaaktype):
    count = 10
    clients = _clients(zaken_app, count)
    body = zaak_body(zaaktype.url, identificatie="ZAAK-GELIJK")
    responses = _run_together(count, lambda i: clients[i].post("/zaken", json=body))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [400] * (count - 1), [r.text for r in responses if r.status_code >= 500][:3]
    for response in responses:
        if response.status_code == 400:
            assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [("identificatie", "identificatie-niet-uniek")]
    assert zaken.get("/zaken", params={"identificatie": "ZAAK-GELIJK"}).json()["count"] == 1


def test_concurrent_patches_of_one_zaak(zaken, zaken_app, zaaktype):
    """Concurrent writes on one zaak never give a 5xx; the audit trail holds every one that succeeded."""
    zaak = create_zaak(zaken, zaaktype.url)
    count = 10
    clients = _clients(zaken_app, count)
    responses = _run_together(count, lambda i: clients[i].patch(zaak["url"], json={"omschrijving": f"versie {i}"}))
    assert all(r.status_code == 200 for r in responses), [r.text for r in responses if r.status_code != 200][:3]
    trail = zaken.get(f"{zaak['url']}/audittrail").json()
    assert len(trail) == 1 + count


def test_zrc002_the_number_is_taken_by_one_statement_in_autocommit(zaken, zaken_app, zaaktype):
    """PostgreSQL: once the year has its counter row, a block of numbers is one UPDATE in
    autocommit with synchronous_commit off for its own transaction (Numbering.generate says why),
    and the next creates of the process take no statement for their number; the zaak's commit is
    the only one the client sends, synchronously; the connections go back to the pool as they
    were."""
    engine = zaken_app.state.db.engine
    if engine.dialect.name != "postgresql":
        pytest.skip("the numbering outside the create's transaction is PostgreSQL's")
    create_zaak(zaken, zaaktype.url)  # the year's counter row
    NUMBERING.forget()  # the next create takes a new block

    side = zaken_app.state.db.side_engine
    numbering, at_commit = [], []

    def note_statement(name):
        def note(connection, cursor, statement, parameters, context, executemany):
            if statement.startswith("UPDATE zaak_identificatie_teller"):
                numbering.append((name, connection.connection.dbapi_connection.autocommit, "set_config" in statement))

        return note

    def note_setting(connection):
        with connection.connection.dbapi_connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            at_commit.append(cursor.fetchone()[0])

    listeners = [(engine, "before_cursor_execute", note_statement("request")), (side, "before_cursor_execute", note_statement("side")),
                 (engine, "commit", note_setting), (side, "commit", note_setting)]  # fmt: skip
    for target, name, listener in listeners:
        event.listen(target, name, listener)
    try:
        create_zaak(zaken, zaaktype.url)
        assert numbering == [("side", True, True)]  # the side pool's (Database.side_engine)
        assert at_commit == ["on"]  # the zaak's
        for _ in range(3):
            create_zaak(zaken, zaaktype.url)
    finally:
        for target, name, listener in listeners:
            event.remove(target, name, listener)
    assert numbering == [("side", True, True)]  # the block's numbers, without a statement
    assert at_commit == ["on"] * 4
    for pool_engine in (engine, side):
        pooled = [pool_engine.connect() for _ in range(pool_engine.pool.checkedin())]  # all at once: every one of them
        try:
            assert {connection.scalar(text("SHOW synchronous_commit")) for connection in pooled} == {"on"}
            assert {connection.connection.dbapi_connection.autocommit for connection in pooled} == {False}
        finally:
            for connection in pooled:
                connection.close()


def test_zrc002_numbering_needs_no_second_connection_of_the_request_pool(zaken, zaken_app, zaaktype):
    """A deelzaak create holds a connection of the request pool (it read its hoofdzaak) when it
    takes its number: with that pool down to one connection it still gets a 201, where asking the
    same pool for a second connection waited for the pool's time-out (a 500), and with every
    connection held by such creates, for ever."""
    database = zaken_app.state.db
    if database.engine.dialect.name != "postgresql":
        pytest.skip("the numbering outside the create's transaction is PostgreSQL's")
    hoofdzaak = create_zaak(zaken, zaaktype.url)
    one_connection = Database(database.url, pool_size=1, max_overflow=0, pool_timeout=2)
    one_connection.sessionmaker.configure(info=database.sessionmaker.kw.get("info", {}))
    zaken_app.state.db = one_connection
    try:
        deelzaak = create_zaak(zaken, zaaktype.url, hoofdzaak=hoofdzaak["url"])
    finally:
        zaken_app.state.db = database
        one_connection.dispose()
    assert re.fullmatch(r"ZAAK-\d{4}-\d{10}", deelzaak["identificatie"])


def test_zrc002_blocks_of_two_processes_never_share_a_number(zaken, zaken_app, zaaktype):
    """PostgreSQL: two processes (each its own engines and blocks, here two Databases) numbering
    the same year at the same time hand out distinct numbers, and the counter row ends at the last
    number of the last block taken."""
    database = zaken_app.state.db
    if database.engine.dialect.name != "postgresql":
        pytest.skip("the blocks are PostgreSQL's")
    year = 2023
    create_zaak(zaken, zaaktype.url, registratiedatum=f"{year}-01-01")  # the year's counter row
    first = Database(database.url)
    second = Database(database.url)
    per_process = 3 * BLOCK + 5
    try:

        def numbers(i):
            side = (first, second)[i % 2].side_engine
            return [NUMBERING._next_of_block(side, year) for _ in range(per_process)]

        taken = [n for numbers_of_one in _run_together(4, numbers) for n in numbers_of_one]
    finally:
        first.dispose()
        second.dispose()
    assert len(taken) == len(set(taken)) == 4 * per_process
    with database.engine.connect() as connection:
        last = connection.scalar(select(IdentificatieTeller.laatste).where(IdentificatieTeller.jaar == year))
    assert max(taken) <= last and last % BLOCK == 0  # whole blocks taken, the first from 1


def test_zrc002_a_block_stays_in_its_year(zaken, zaaktype):
    """A block taken for one year never numbers a zaak of another: each year starts at 1."""
    assert create_zaak(zaken, zaaktype.url, registratiedatum="2021-03-01")["identificatie"] == "ZAAK-2021-0000000001"
    assert create_zaak(zaken, zaaktype.url, registratiedatum="2022-03-01")["identificatie"] == "ZAAK-2022-0000000001"
    assert create_zaak(zaken, zaaktype.url, registratiedatum="2021-04-01")["identificatie"] == "ZAAK-2021-0000000002"
    assert create_zaak(zaken, zaaktype.url, registratiedatum="2022-04-01")["identificatie"] == "ZAAK-2022-0000000002"


def test_zrc002_a_taken_identificatie_is_400_and_writes_nothing(zaken, zaaktype):
    """A given identificatie that is taken: 400 `identificatie-niet-uniek` on identificatie (the
    INSERT's ON CONFLICT found it), and the zaak is not there twice; the next create is fine."""
    create_zaak(zaken, zaaktype.url, identificatie="ZAAK-BEZET")
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url, identificatie="ZAAK-BEZET"))
    assert response.status_code == 400
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [("identificatie", "identificatie-niet-uniek")]
    assert zaken.get("/zaken", params={"identificatie": "ZAAK-BEZET"}).json()["count"] == 1
    assert create_zaak(zaken, zaaktype.url)["identificatie"].startswith("ZAAK-")
