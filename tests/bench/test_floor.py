"""bench/floor.py without a wrk run: every step of the floor app answers what its docstring says
(the zaak by uuid, a BSN's zaken, the newest page; from the zaak's columns or from its stored
representation), on the Zaken schema of the tests. PostgreSQL
only: the psycopg steps speak its SQL, and the floor is measured there."""

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from bench import floor
from services.zaken.db import outbox
from shared.db import make_engine
from tests.zaken.factories import create_zaak, published_zaaktype
from tests.zaken.test_rollen import BSN, create_rol


@pytest.fixture
def floor_url(zaken_app):
    url = str(zaken_app.state.db.engine.url.render_as_string(hide_password=False))
    if not url.startswith("postgresql"):
        pytest.skip("the floor is measured on PostgreSQL")
    return url


@pytest.fixture
def floor_client(floor_url):
    with TestClient(floor.create_app(floor_url)) as client:
        yield client


def test_every_step_answers(zaken, catalogi, floor_client):
    zaaktype = published_zaaktype(catalogi, identificatie="ZT-FLOOR")
    older, newer = create_zaak(zaken, zaaktype.url), create_zaak(zaken, zaaktype.url)
    create_rol(zaken, older["url"], zaaktype.roltypen["initiator"])

    for step in ("asgi", "fastapi", "thread"):
        response = floor_client.get(f"/floor/{step}/{newer['uuid']}")
        assert response.status_code == 200 and response.content == floor.FIXED
    for step in ("psycopg", "row"):
        body = floor_client.get(f"/floor/{step}/{older['uuid']}").json()
        assert (body["uuid"], body["identificatie"]) == (older["uuid"], older["identificatie"])
    for step in ("citizen", "psycopg-citizen"):
        assert [z["identificatie"] for z in floor_client.get(f"/floor/{step}/{BSN}").json()] == [older["identificatie"]]
    for step in ("page", "psycopg-page"):
        assert [z["identificatie"] for z in floor_client.get(f"/floor/{step}").json()] == [newer["identificatie"], older["identificatie"]]


def test_the_stored_steps_answer_each_zaak_as_stored(zaken, catalogi, floor_url, floor_client):
    zaaktype = published_zaaktype(catalogi, identificatie="ZT-FLOOR")
    older, newer = create_zaak(zaken, zaaktype.url), create_zaak(zaken, zaaktype.url)
    create_rol(zaken, older["url"], zaaktype.roltypen["initiator"])
    floor.store_representations(floor_url)
    try:
        body = floor_client.get(f"/floor/stored-row/{older['uuid']}").json()
        assert (body["uuid"], body["identificatie"]) == (older["uuid"], older["identificatie"])
        assert [z["identificatie"] for z in floor_client.get(f"/floor/stored-citizen/{BSN}").json()] == [older["identificatie"]]
        assert [z["identificatie"] for z in floor_client.get("/floor/stored-page").json()] == [
            newer["identificatie"],
            older["identificatie"],
        ]
    finally:
        floor.drop_representations(floor_url)


def test_request_lines_per_step():
    dataset = {"zaken": [{"uuid": "a"}, "b"], "bsns": ["111222333"]}
    assert floor.workload_lines("row", dataset) == ["GET\t/floor/row/a", "GET\t/floor/row/b"]
    assert floor.workload_lines("citizen", dataset) == ["GET\t/floor/citizen/111222333"]
    assert floor.workload_lines("psycopg-citizen", dataset) == ["GET\t/floor/psycopg-citizen/111222333"]
    assert floor.workload_lines("page", dataset) == ["GET\t/floor/page"]
    assert floor.workload_lines("stored-page", dataset) == ["GET\t/floor/stored-page"]
    assert floor.workload_lines("stored-row", dataset) == ["GET\t/floor/stored-row/a", "GET\t/floor/stored-row/b"]
    assert len(set(floor.STEPS)) == 14


def test_the_write_steps_store_what_the_api_serves(zaken, catalogi, floor_url):
    """insert-zaak and insert-status with the request lines of the run: the zaak, the status, the
    audittrail record and the outbox message they write are what the Zaken API then serves."""
    zaaktype = published_zaaktype(catalogi, identificatie="ZT-FLOOR")
    existing = create_zaak(zaken, zaaktype.url)
    root = existing["url"].rsplit("/zaken/", 1)[0]
    vertrouwelijkheid = zaaktype.data["vertrouwelijkheidaanduiding"]
    dataset = {
        "zakenApiRoot": root,
        "catalogus": zaaktype.data["catalogus"],
        "zaaktypen": [{"url": zaaktype.url, "vertrouwelijkheidaanduiding": vertrouwelijkheid, "statustypen": zaaktype.statustypen}],
        "zaken": [{"uuid": existing["uuid"], "url": existing["url"], "zaaktype": zaaktype.url, "closed": False}],
        "bsns": [],
    }

    def body_of(line: str) -> dict:
        method, _path, body = line.split("\t")
        assert method == "POST"
        return json.loads(body)

    with TestClient(floor.create_app(floor_url, dataset)) as client:
        zaak_line = floor.workload_lines("insert-zaak", dataset)
        assert len(zaak_line) == 1 and zaak_line[0].split("\t")[1] == "/floor/insert-zaak"
        response = client.post("/floor/insert-zaak", json=body_of(zaak_line[0]))
        assert response.status_code == 201, response.text
        shown = response.json()

        served = zaken.get(shown["url"]).json()
        assert (served["identificatie"], served["zaaktype"], served["vertrouwelijkheidaanduiding"]) == (
            shown["identificatie"],
            zaaktype.url,
            vertrouwelijkheid,
        )
        trail = zaken.get(f"{shown['url']}/audittrail").json()
        assert [(r["resource"], r["actie"], r["resultaat"], r["wijzigingen"]["nieuw"]) for r in trail] == [("zaak", "create", 201, shown)]

        # W5's lines: the eindstatus left out, the moment filled in as the Lua script fills it
        status_lines = floor.workload_lines("insert-status", dataset)
        assert len(status_lines) == len(zaaktype.statustypen) - 1
        status_body = {**body_of(status_lines[0]), "datumStatusGezet": "2026-01-07T10:00:00Z"}
        response = client.post("/floor/insert-status", json=status_body)
        assert response.status_code == 201, response.text
        status = response.json()
        assert zaken.get(existing["url"]).json()["status"] == status["url"]
        assert zaken.get(status["url"]).json()["statustype"] == zaaktype.statustypen[0]
        assert [r["resource"] for r in zaken.get(f"{existing['url']}/audittrail").json()] == ["zaak", "status"]

        # the outbox messages: one per create, on the zaak, with its kenmerken
        engine = make_engine(floor_url)
        try:
            with engine.connect() as connection:
                messages = connection.execute(select(outbox.table.c.message).order_by(outbox.table.c.id)).scalars().all()
        finally:
            engine.dispose()
        floor_messages = [m for m in messages if m["resourceUrl"] in (shown["url"], status["url"])]
        assert [(m["resource"], m["hoofdObject"]) for m in floor_messages] == [("zaak", shown["url"]), ("status", existing["url"])]
        assert floor_messages[0]["kenmerken"] == {
            "bronorganisatie": shown["bronorganisatie"],
            "zaaktype": zaaktype.url,
            "vertrouwelijkheidaanduiding": vertrouwelijkheid,
        }

        # bad input: 4xx, nothing written
        assert client.post("/floor/insert-status", json=status_body).status_code == 400  # one status per moment
        assert client.post("/floor/insert-zaak", json={**body_of(zaak_line[0]), "zaaktype": f"{zaaktype.url}x"}).status_code == 400
        assert client.post("/floor/insert-status", json={**status_body, "zaak": "http://elders/zaken/1"}).status_code == 400
        unknown = f"{root}/zaken/00000000-0000-0000-0000-000000000000"
        assert client.post("/floor/insert-status", json={**status_body, "zaak": unknown}).status_code == 400
        assert client.post("/floor/insert-zaak", json={"zaaktype": zaaktype.url}).status_code == 422
        assert len(zaken.get(f"{existing['url']}/audittrail").json()) == 2
