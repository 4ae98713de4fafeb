"""Catalogus autorisaties (extension, as Open Zaak): an autorisatie with a `catalogus` instead of a
`zaaktype` holds for every zaaktype of that catalogus, also ones made later, up to its
maxVertrouwelijkheidaanduiding; in lists, `_zoek`, expand, details and writes alike (zrc-006).
A zaak keeps its zaaktype's catalogus (`zaaktype_catalogus`); one without it (made before the
column existed) is reached through its zaaktype only."""

import uuid

import pytest
from sqlalchemy import select, update

from services.zaken.zaak.models import Zaak
from tests.catalogi import factories as ztc
from tests.conftest import QueryCounter
from tests.zaken.factories import create_status, create_zaak, published_zaaktype, zaak_body

ALL_SCOPES = ["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken", "zaken.verwijderen", "zaken.statussen.toevoegen"]


@pytest.fixture
def catalogi_setup(catalogi):
    """Catalogus `mine` with zaaktypen A and B, catalogus `other` with zaaktype C."""
    mine = ztc.create_catalogus(catalogi, domein="MIJN", naam="Mijn catalogus")["url"]
    other = ztc.create_catalogus(catalogi, domein="ANDER", naam="Andere catalogus")["url"]
    return {
        "mine": mine,
        "other": other,
        "a": published_zaaktype(catalogi, identificatie="ZT-A", catalogus_url=mine),
        "b": published_zaaktype(catalogi, identificatie="ZT-B", catalogus_url=mine),
        "c": published_zaaktype(catalogi, identificatie="ZT-C", catalogus_url=other),
    }


@pytest.fixture
def made(zaken, catalogi_setup):
    s = catalogi_setup
    return {
        "a_openbaar": create_zaak(zaken, s["a"].url, vertrouwelijkheidaanduiding="openbaar"),
        "a_intern": create_zaak(zaken, s["a"].url, vertrouwelijkheidaanduiding="intern"),
        "b_openbaar": create_zaak(zaken, s["b"].url, vertrouwelijkheidaanduiding="openbaar"),
        "b_geheim": create_zaak(zaken, s["b"].url, vertrouwelijkheidaanduiding="geheim"),
        "c_openbaar": create_zaak(zaken, s["c"].url, vertrouwelijkheidaanduiding="openbaar"),
    }


def _urls(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {z["url"] for z in response.json()["results"]}


def _catalogus_of(zaken_app, zaak: dict) -> str | None:
    with zaken_app.state.db.engine.connect() as connection:
        return connection.execute(select(Zaak.zaaktype_catalogus).where(Zaak.uuid == uuid.UUID(zaak["uuid"]))).scalar_one()


def test_a_zaak_keeps_the_catalogus_of_its_zaaktype(zaken, zaken_app, catalogi_setup, made):
    assert _catalogus_of(zaken_app, made["a_openbaar"]) == catalogi_setup["mine"]
    assert _catalogus_of(zaken_app, made["c_openbaar"]) == catalogi_setup["other"]
    # not part of the resource: the Zaken API 1.5.1 has no such field
    assert "zaaktypeCatalogus" not in made["a_openbaar"] and "zaaktype_catalogus" not in made["a_openbaar"]


def test_list_zoek_and_detail_through_a_catalogus_autorisatie(zaken, catalogi_setup, made, grant):
    grant("catalogus", [{"scopes": ["zaken.lezen"], "catalogus": catalogi_setup["mine"], "maxVertrouwelijkheidaanduiding": "intern"}])
    client = zaken.as_client("catalogus")
    expected = {made[k]["url"] for k in ("a_openbaar", "a_intern", "b_openbaar")}
    assert _urls(client.get("/zaken")) == expected
    assert client.get("/zaken").json()["count"] == 3
    assert _urls(client.post("/zaken/_zoek", json={})) == expected
    assert _urls(client.post("/zaken/_zoek", json={"zaaktype__in": [catalogi_setup["b"].url]})) == {made["b_openbaar"]["url"]}
    for key in ("a_openbaar", "a_intern", "b_openbaar"):
        assert client.get(made[key]["url"]).status_code == 200
    for key in ("b_geheim", "c_openbaar"):  # above the maximum; another catalogus
        response = client.get(made[key]["url"])
        assert response.status_code == 403, response.text
        assert response.json()["code"] == "permission_denied"


def test_a_catalogus_autorisatie_holds_for_a_zaaktype_made_later(zaken, catalogi, catalogi_setup, made, grant):
    grant("catalogus", [{"scopes": ["zaken.lezen"], "catalogus": catalogi_setup["mine"], "maxVertrouwelijkheidaanduiding": "openbaar"}])
    client = zaken.as_client("catalogus")
    before = _urls(client.get("/zaken"))
    later = published_zaaktype(catalogi, identificatie="ZT-LATER", catalogus_url=catalogi_setup["mine"])
    zaak = create_zaak(zaken, later.url)
    assert _urls(client.get("/zaken")) == before | {zaak["url"]}
    assert client.get(zaak["url"]).status_code == 200


def test_expand_leaves_out_zaken_outside_the_catalogus(zaken, catalogi_setup, made, grant):
    s = catalogi_setup
    related = create_zaak(
        zaken, s["a"].url,
        relevanteAndereZaken=[
            {"url": made["b_openbaar"]["url"], "aardRelatie": "vervolg"},
            {"url": made["b_geheim"]["url"], "aardRelatie": "bijdrage"},
            {"url": made["c_openbaar"]["url"], "aardRelatie": "onderwerp"},
        ],
    )  # fmt: skip
    grant("catalogus", [{"scopes": ["zaken.lezen"], "catalogus": s["mine"], "maxVertrouwelijkheidaanduiding": "intern"}])
    client = zaken.as_client("catalogus")
    response = client.get(related["url"], params={"expand": "relevanteAndereZaken"})
    assert response.status_code == 200, response.text
    assert [z["url"] for z in response.json()["_expand"]["relevanteAndereZaken"]] == [made["b_openbaar"]["url"]]


def test_writes_and_creates_through_a_catalogus_autorisatie(zaken, catalogi_setup, made, grant):
    s = catalogi_setup
    grant("catalogus", [{"scopes": ALL_SCOPES, "catalogus": s["mine"], "maxVertrouwelijkheidaanduiding": "intern"}])
    client = zaken.as_client("catalogus")
    # creates: any zaaktype of the catalogus, up to the maximum; none of another catalogus
    created = client.post("/zaken", json=zaak_body(s["b"].url, vertrouwelijkheidaanduiding="intern"))
    assert created.status_code == 201, created.text
    assert client.post("/zaken", json=zaak_body(s["a"].url, vertrouwelijkheidaanduiding="geheim")).status_code == 403
    assert client.post("/zaken", json=zaak_body(s["c"].url)).status_code == 403
    # writes and sub-resources on what it reaches; 403 beyond
    assert client.patch(made["a_intern"]["url"], json={"omschrijving": "mag"}).status_code == 200
    assert client.patch(made["a_intern"]["url"], json={"vertrouwelijkheidaanduiding": "geheim"}).status_code == 403
    assert client.patch(made["c_openbaar"]["url"], json={"omschrijving": "x"}).status_code == 403
    assert client.patch(made["b_geheim"]["url"], json={"omschrijving": "x"}).status_code == 403
    create_status(client, made["a_openbaar"]["url"], s["a"].statustypen[0])
    refused = client.post(
        "/statussen",
        json={"zaak": made["c_openbaar"]["url"], "statustype": s["c"].statustypen[0], "datumStatusGezet": "2026-01-06T10:00:00Z"},
    )
    assert refused.status_code == 403, refused.text
    assert client.delete(made["c_openbaar"]["url"]).status_code == 403
    assert client.delete(made["b_openbaar"]["url"]).status_code == 204


def test_without_the_scope_a_catalogus_autorisatie_gives_no_create(zaken, catalogi_setup, grant):
    s = catalogi_setup
    grant("lezer", [{"scopes": ["zaken.lezen"], "catalogus": s["mine"], "maxVertrouwelijkheidaanduiding": "zeer_geheim"}])
    assert zaken.as_client("lezer").post("/zaken", json=zaak_body(s["a"].url)).status_code == 403
    assert zaken.get("/zaken").json()["count"] == 0


def test_zaaktype_and_catalogus_autorisaties_together(zaken, catalogi_setup, made, grant):
    """A zaaktype autorisatie of another catalogus next to a catalogus autorisation: the union,
    each with its own maximum."""
    s = catalogi_setup
    grant(
        "beide",
        [
            {"scopes": ["zaken.lezen"], "catalogus": s["mine"], "maxVertrouwelijkheidaanduiding": "openbaar"},
            {"scopes": ["zaken.lezen"], "zaaktype": s["b"].url, "maxVertrouwelijkheidaanduiding": "geheim"},
            {"scopes": ["zaken.lezen"], "zaaktype": s["c"].url, "maxVertrouwelijkheidaanduiding": "openbaar"},
        ],
    )
    client = zaken.as_client("beide")
    expected = {made[k]["url"] for k in ("a_openbaar", "b_openbaar", "b_geheim", "c_openbaar")}
    assert _urls(client.get("/zaken")) == expected
    assert _urls(client.post("/zaken/_zoek", json={})) == expected
    assert client.get(made["a_intern"]["url"]).status_code == 403


def test_a_catalogus_autorisatie_of_another_component_does_not_count(zaken, catalogi_setup, made, grant):
    grant(
        "ztc",
        [
            {
                "component": "ztc",
                "scopes": ["zaken.lezen"],
                "catalogus": catalogi_setup["mine"],
                "maxVertrouwelijkheidaanduiding": "zeer_geheim",
            }
        ],
    )
    assert zaken.as_client("ztc").get("/zaken").status_code == 403


def test_a_zaak_without_its_catalogus_is_reached_through_its_zaaktype_only(zaken, zaken_app, catalogi_setup, made, grant):
    """Zaken from before migration 0002 have NULL: no catalogus autorisatie matches them (the safe side)."""
    s = catalogi_setup
    old = made["a_openbaar"]
    with zaken_app.state.db.engine.begin() as connection:
        connection.execute(update(Zaak).where(Zaak.uuid == uuid.UUID(old["uuid"])).values(zaaktype_catalogus=None))
    grant("catalogus", [{"scopes": ["zaken.lezen"], "catalogus": s["mine"], "maxVertrouwelijkheidaanduiding": "zeer_geheim"}])
    grant("zaaktype", [{"scopes": ["zaken.lezen"], "zaaktype": s["a"].url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    by_catalogus = zaken.as_client("catalogus")
    assert old["url"] not in _urls(by_catalogus.get("/zaken"))
    assert by_catalogus.get(old["url"]).status_code == 403
    by_zaaktype = zaken.as_client("zaaktype")
    assert _urls(by_zaaktype.get("/zaken")) == {old["url"]}
    assert by_zaaktype.get(old["url"]).status_code == 200


def _list_queries(zaken, zaken_app, client_id: str) -> int:
    client = zaken.as_client(client_id)
    client.get("/zaken")  # warm up
    with QueryCounter(zaken_app.state.db.engine) as counter:
        response = client.get("/zaken")
    assert response.status_code == 200, response.text
    return counter.count


def test_one_condition_in_the_list_query(zaken, zaken_app, catalogi_setup, made, grant):
    s = catalogi_setup
    grant("zaaktype", [{"scopes": ["zaken.lezen"], "zaaktype": s["a"].url, "maxVertrouwelijkheidaanduiding": "intern"}])
    grant(
        "veel",
        [{"scopes": ["zaken.lezen"], "zaaktype": s["a"].url, "maxVertrouwelijkheidaanduiding": "intern"}]
        + [
            {"scopes": ["zaken.lezen"], "catalogus": f"http://testserver/catalogi/api/v1/catalogussen/{n:08d}-0000-4000-8000-000000000000",
             "maxVertrouwelijkheidaanduiding": ("openbaar", "intern", "geheim")[n % 3]}
            for n in range(12)
        ],
    )  # fmt: skip
    assert _list_queries(zaken, zaken_app, "zaaktype") == _list_queries(zaken, zaken_app, "veel")
