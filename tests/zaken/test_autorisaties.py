"""zrc-006: a client sees and touches only zaken of the zaaktypen in its autorisaties, up to the
autorisatie's maxVertrouwelijkheidaanduiding: lists and _zoek filter, a detail or write outside
them is a 403 (as the reference implementation), on every /zaken route."""

import pytest

from tests.conftest import QueryCounter, auth_header
from tests.zaken.factories import create_zaak, published_zaaktype, zaak_body

ALL_SCOPES = [
    "zaken.lezen", "zaken.aanmaken", "zaken.bijwerken", "zaken.verwijderen", "audittrails.lezen",
]  # fmt: skip


@pytest.fixture
def types(catalogi):
    return published_zaaktype(catalogi, identificatie="ZT-MIJN"), published_zaaktype(catalogi, identificatie="ZT-ANDER")


@pytest.fixture
def setup(zaken, types, grant):
    """Zaken of both zaaktypen at two levels; client `beperkt` holds every scope for `mine` up to
    `intern`; client `zaaklezer` only reads `mine` up to `intern`."""
    mine, other = types
    made = {
        "mine_openbaar": create_zaak(zaken, mine.url, vertrouwelijkheidaanduiding="openbaar"),
        "mine_intern": create_zaak(zaken, mine.url, vertrouwelijkheidaanduiding="intern"),
        "mine_geheim": create_zaak(zaken, mine.url, vertrouwelijkheidaanduiding="geheim"),
        "other_openbaar": create_zaak(zaken, other.url, vertrouwelijkheidaanduiding="openbaar"),
    }
    grant("beperkt", [{"scopes": ALL_SCOPES, "zaaktype": mine.url, "maxVertrouwelijkheidaanduiding": "intern"}])
    grant("zaaklezer", [{"scopes": ["zaken.lezen"], "zaaktype": mine.url, "maxVertrouwelijkheidaanduiding": "intern"}])
    return made


def _urls(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {z["url"] for z in response.json()["results"]}


def test_zrc006_list_only_own_zaaktype_up_to_the_maximum(zaken, setup):
    limited = zaken.as_client("beperkt")
    expected = {setup["mine_openbaar"]["url"], setup["mine_intern"]["url"]}
    assert _urls(limited.get("/zaken")) == expected
    assert limited.get("/zaken").json()["count"] == 2
    assert _urls(limited.post("/zaken/_zoek", json={})) == expected
    assert _urls(limited.post("/zaken/_zoek", json={"uuid__in": [z["uuid"] for z in setup.values()]})) == expected
    # filters narrow within what the client may see, never widen it
    assert _urls(limited.get("/zaken", params={"maximaleVertrouwelijkheidaanduiding": "zeer_geheim"})) == expected
    assert _urls(limited.get("/zaken", params={"maximaleVertrouwelijkheidaanduiding": "openbaar"})) == {setup["mine_openbaar"]["url"]}


def test_zrc006_detail_and_head(zaken, setup):
    limited = zaken.as_client("beperkt")
    assert limited.get(setup["mine_intern"]["url"]).status_code == 200
    assert limited.head(setup["mine_intern"]["url"]).status_code == 200
    for hidden in ("mine_geheim", "other_openbaar"):
        response = limited.get(setup[hidden]["url"])
        assert response.status_code == 403, response.text
        assert response.json()["code"] == "permission_denied"
        assert limited.head(setup[hidden]["url"]).status_code == 403


def test_zrc006_writes(zaken, setup, types):
    mine, other = types
    limited = zaken.as_client("beperkt")
    for hidden in ("mine_geheim", "other_openbaar"):
        zaak = setup[hidden]
        zaaktype = mine if hidden.startswith("mine") else other
        assert limited.patch(zaak["url"], json={"omschrijving": "x"}).status_code == 403
        assert limited.put(zaak["url"], json=zaak_body(zaaktype.url, vertrouwelijkheidaanduiding="openbaar")).status_code == 403
        assert limited.delete(zaak["url"]).status_code == 403
    assert zaken.get(setup["other_openbaar"]["url"]).json()["omschrijving"] == setup["other_openbaar"]["omschrijving"]
    # its own zaak: allowed
    assert limited.patch(setup["mine_openbaar"]["url"], json={"omschrijving": "mag"}).status_code == 200
    assert limited.put(setup["mine_openbaar"]["url"], json=zaak_body(mine.url, vertrouwelijkheidaanduiding="openbaar")).status_code == 200
    assert limited.delete(setup["mine_openbaar"]["url"]).status_code == 204


def test_zrc006_a_client_cannot_raise_a_zaak_above_its_maximum(zaken, setup):
    limited = zaken.as_client("beperkt")
    response = limited.patch(setup["mine_openbaar"]["url"], json={"vertrouwelijkheidaanduiding": "geheim"})
    assert response.status_code == 403, response.text
    assert zaken.get(setup["mine_openbaar"]["url"]).json()["vertrouwelijkheidaanduiding"] == "openbaar"


def test_zrc006_scopes_per_operation(zaken, setup, types):
    """`zaaklezer` reads its zaken but writes nothing and reads no audit trail."""
    mine, _ = types
    reader = zaken.as_client("zaaklezer")
    zaak = setup["mine_openbaar"]
    assert reader.get(zaak["url"]).status_code == 200
    assert reader.patch(zaak["url"], json={"omschrijving": "x"}).status_code == 403
    assert reader.put(zaak["url"], json=zaak_body(mine.url)).status_code == 403
    assert reader.delete(zaak["url"]).status_code == 403
    assert reader.post("/zaken", json=zaak_body(mine.url)).status_code == 403
    assert reader.get(f"{zaak['url']}/audittrail").status_code == 403


def test_zrc006_audittrail(zaken, setup):
    limited = zaken.as_client("beperkt")
    own = limited.get(f"{setup['mine_openbaar']['url']}/audittrail")
    assert own.status_code == 200, own.text
    record = own.json()[0]
    assert limited.get(f"{setup['mine_openbaar']['url']}/audittrail/{record['uuid']}").status_code == 200
    for hidden in ("mine_geheim", "other_openbaar"):
        trail = zaken.get(f"{setup[hidden]['url']}/audittrail").json()
        assert limited.get(f"{setup[hidden]['url']}/audittrail").status_code == 403
        assert limited.get(f"{setup[hidden]['url']}/audittrail/{trail[0]['uuid']}").status_code == 403


def test_zrc006_create_outside_the_autorisaties(zaken, setup, types):
    mine, other = types
    limited = zaken.as_client("beperkt")
    assert limited.post("/zaken", json=zaak_body(other.url)).status_code == 403
    assert limited.post("/zaken", json=zaak_body(mine.url, vertrouwelijkheidaanduiding="geheim")).status_code == 403
    created = limited.post("/zaken", json=zaak_body(mine.url))
    assert created.status_code == 201, created.text
    assert created.json()["vertrouwelijkheidaanduiding"] == "openbaar"


def test_zrc006_create_taking_a_vertrouwelijkheid_above_the_maximum_from_the_zaaktype(zaken, catalogi, grant):
    geheim = published_zaaktype(catalogi, identificatie="ZT-GEHEIM", vertrouwelijkheidaanduiding="geheim")
    grant("beperkt", [{"scopes": ALL_SCOPES, "zaaktype": geheim.url, "maxVertrouwelijkheidaanduiding": "intern"}])
    limited = zaken.as_client("beperkt")
    assert limited.post("/zaken", json=zaak_body(geheim.url)).status_code == 403
    assert limited.post("/zaken", json=zaak_body(geheim.url, vertrouwelijkheidaanduiding="intern")).status_code == 201
    assert zaken.get("/zaken").json()["count"] == 1


def test_zrc006_two_zaaktypen_at_different_maxima(zaken, types, grant):
    mine, other = types
    visible = {
        create_zaak(zaken, mine.url, vertrouwelijkheidaanduiding="openbaar")["url"],
        create_zaak(zaken, other.url, vertrouwelijkheidaanduiding="openbaar")["url"],
        create_zaak(zaken, other.url, vertrouwelijkheidaanduiding="geheim")["url"],
    }
    hidden = {
        create_zaak(zaken, mine.url, vertrouwelijkheidaanduiding="beperkt_openbaar")["url"],
        create_zaak(zaken, other.url, vertrouwelijkheidaanduiding="zeer_geheim")["url"],
    }
    grant(
        "twee",
        [
            {"scopes": ["zaken.lezen"], "zaaktype": mine.url, "maxVertrouwelijkheidaanduiding": "openbaar"},
            {"scopes": ["zaken.lezen"], "zaaktype": other.url, "maxVertrouwelijkheidaanduiding": "geheim"},
        ],
    )
    client = zaken.as_client("twee")
    assert _urls(client.get("/zaken")) == visible
    assert _urls(client.post("/zaken/_zoek", json={})) == visible
    for url in visible:
        assert client.get(url).status_code == 200
    for url in hidden:
        assert client.get(url).status_code == 403


def test_zrc006_scope_of_another_autorisatie_does_not_count(zaken, types, grant):
    """zaken.bijwerken for `other` does not allow writing a zaak of `mine`, which the client only reads."""
    mine, other = types
    zaak = create_zaak(zaken, mine.url)
    grant(
        "gemengd",
        [
            {"scopes": ["zaken.lezen"], "zaaktype": mine.url, "maxVertrouwelijkheidaanduiding": "zeer_geheim"},
            {
                "scopes": ["zaken.lezen", "zaken.bijwerken", "zaken.verwijderen"],
                "zaaktype": other.url,
                "maxVertrouwelijkheidaanduiding": "zeer_geheim",
            },
        ],
    )
    client = zaken.as_client("gemengd")
    assert client.get(zaak["url"]).status_code == 200
    assert client.patch(zaak["url"], json={"omschrijving": "x"}).status_code == 403
    assert client.delete(zaak["url"]).status_code == 403


def test_zrc006_autorisatie_of_another_component_does_not_count(zaken, types, grant):
    mine, _ = types
    create_zaak(zaken, mine.url)
    grant("ztc", [{"component": "ztc", "scopes": ["zaken.lezen"], "zaaktype": mine.url, "maxVertrouwelijkheidaanduiding": "zeer_geheim"}])
    assert zaken.as_client("ztc").get("/zaken").status_code == 403


def test_zrc006_client_without_zaaktypen_sees_nothing(zaken, setup):
    nobody = zaken.as_client("niemand")
    assert nobody.get("/zaken").json()["count"] == 0
    assert nobody.post("/zaken/_zoek", json={}).json()["count"] == 0
    assert nobody.get(setup["mine_openbaar"]["url"]).status_code == 403


def test_authentication_and_component_scopes(zaken, setup):
    assert zaken.client.get("http://testserver/zaken/api/v1/zaken", headers={"Accept-Crs": "EPSG:4326"}).status_code == 401
    bad = zaken.client.get(
        "http://testserver/zaken/api/v1/zaken", headers={"Accept-Crs": "EPSG:4326", **auth_header("alles", secret="fout")}
    )
    assert bad.status_code in (401, 403)
    # clients with only Catalogi autorisaties
    assert zaken.as_client("lezer").get("/zaken").status_code == 403
    assert zaken.as_client("schrijver").get("/zaken").status_code == 403


def _list_queries(zaken, zaken_app, client_id: str) -> int:
    client = zaken.as_client(client_id)
    client.get("/zaken")  # warm up (authentication caches, ...)
    with QueryCounter(zaken_app.state.db.engine) as counter:
        response = client.get("/zaken")
    assert response.status_code == 200, response.text
    assert response.json()["count"] == 2
    return counter.count


def test_zrc006_one_query_whatever_the_number_of_autorisaties(zaken, zaken_app, setup, types, grant):
    mine, _ = types
    one = [{"scopes": ["zaken.lezen"], "zaaktype": mine.url, "maxVertrouwelijkheidaanduiding": "intern"}]
    fifteen = one + [
        {"scopes": ["zaken.lezen"], "zaaktype": f"http://testserver/catalogi/api/v1/zaaktypen/{n:08d}-0000-4000-8000-000000000000",
         "maxVertrouwelijkheidaanduiding": ("openbaar", "intern", "geheim", "zeer_geheim")[n % 4]}
        for n in range(14)
    ]  # fmt: skip
    grant("een", one)
    grant("vijftien", fifteen)
    assert _list_queries(zaken, zaken_app, "een") == _list_queries(zaken, zaken_app, "vijftien")
