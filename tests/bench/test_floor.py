"""bench/floor.py without a wrk run: every step of the floor app answers what its docstring says
(the zaak by uuid, a BSN's zaken, the newest page; from the zaak's columns or from its stored
representation), on the Zaken schema of the tests. PostgreSQL
only: the psycopg steps speak its SQL, and the floor is measured there."""

import pytest
from fastapi.testclient import TestClient

from bench import floor
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
    assert len(set(floor.STEPS)) == 12
