from tests.catalogi.factories import catalogus_body, create_catalogus
from tests.conftest import assert_invalid


def test_create_and_retrieve(catalogi):
    created = create_catalogus(catalogi)
    assert created["url"].startswith("http://testserver/catalogi/api/v1/catalogussen/")
    assert created["zaaktypen"] == [] and created["besluittypen"] == [] and created["informatieobjecttypen"] == []
    response = catalogi.get(created["url"])
    assert response.status_code == 200
    assert response.json() == created
    assert response.headers["API-version"] == "1.3.1"
    assert response.headers["ETag"]


def test_create_sets_location(catalogi):
    response = catalogi.post("/catalogussen", json=catalogus_body())
    assert response.headers["Location"] == response.json()["url"]


def test_domein_rsin_unique(catalogi):
    create_catalogus(catalogi)
    response = catalogi.post("/catalogussen", json=catalogus_body())
    assert_invalid(response, "nonFieldErrors", "unique")


def test_rsin_elfproef(catalogi):
    assert_invalid(catalogi.post("/catalogussen", json=catalogus_body(rsin="123456789")), "rsin", "invalid")


def test_required_and_max_length(catalogi):
    body = catalogus_body(domein="TOOLONG")
    del body["contactpersoonBeheerNaam"]
    response = catalogi.post("/catalogussen", json=body)
    assert_invalid(response, "domein", "max_length")
    assert_invalid(response, "contactpersoonBeheerNaam", "required")


def test_list_filters(catalogi):
    create_catalogus(catalogi, domein="AAA")
    create_catalogus(catalogi, domein="BBB")
    assert catalogi.get("/catalogussen").json()["count"] == 2
    assert catalogi.get("/catalogussen?domein=AAA").json()["count"] == 1
    assert catalogi.get("/catalogussen?domein__in=AAA,BBB").json()["count"] == 2
    assert catalogi.get("/catalogussen?rsin=002220647").json()["count"] == 2
    assert catalogi.get("/catalogussen?rsin__in=999999999").json()["count"] == 0


def test_etag_and_head(catalogi):
    created = create_catalogus(catalogi)
    response = catalogi.get(created["url"])
    etag = response.headers["ETag"]
    not_modified = catalogi.get(created["url"], headers={"If-None-Match": etag})
    assert not_modified.status_code == 304
    head = catalogi.head(created["url"])
    assert head.status_code == 200 and head.content == b"" and head.headers["ETag"] == etag


def test_unknown_uuid_is_404(catalogi):
    response = catalogi.get("/catalogussen/6a2c1e4f-5cf9-4c6a-9b0a-000000000000")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert catalogi.get("/catalogussen/not-a-uuid").status_code == 404
