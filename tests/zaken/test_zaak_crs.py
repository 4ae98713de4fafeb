"""CRS negotiation on /zaken (vng-api-common GeoMixin): `Content-Crs` on POST/PUT/PATCH, `Accept-Crs`
on everything but DELETE; missing -> 412, other than EPSG:4326 -> 406; responses carry
`Content-Crs: EPSG:4326`."""

import pytest

from tests.zaken.factories import create_zaak, published_zaaktype, zaak_body


@pytest.fixture
def zaak(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    return create_zaak(zaken, zaaktype.url), zaaktype


def _operations(zaak, zaaktype):
    """(name, method, url, json, needs Content-Crs)"""
    body = zaak_body(zaaktype.url)
    return [
        ("list", "GET", "/zaken", None, False),
        ("zoek", "POST", "/zaken/_zoek", {}, True),
        ("create", "POST", "/zaken", body, True),
        ("retrieve", "GET", zaak["url"], None, False),
        ("headers", "HEAD", zaak["url"], None, False),
        ("update", "PUT", zaak["url"], body, True),
        ("partial_update", "PATCH", zaak["url"], {"omschrijving": "x"}, True),
    ]


@pytest.mark.parametrize("header", ["Accept-Crs", "Content-Crs"])
def test_missing_crs_header_is_412(zaken, zaak, header):
    for name, method, url, json, needs_content in _operations(*zaak):
        if header == "Content-Crs" and not needs_content:
            continue
        response = zaken.request(method, url, json=json, headers={header: None})
        assert response.status_code == 412, (name, response.text)
        assert response.headers["Content-Crs"] == "EPSG:4326", name
        if method != "HEAD":
            assert response.json()["code"] == "precondition_failed", name
            assert header in response.json()["detail"], name


@pytest.mark.parametrize("header", ["Accept-Crs", "Content-Crs"])
@pytest.mark.parametrize("value", ["EPSG:28992", ""])
def test_other_crs_is_406(zaken, zaak, header, value):
    for name, method, url, json, needs_content in _operations(*zaak):
        if header == "Content-Crs" and not needs_content:
            continue
        response = zaken.request(method, url, json=json, headers={header: value})
        assert response.status_code == 406, (name, response.text)
        if method != "HEAD":
            assert response.json()["code"] == "not_acceptable", name


def test_get_needs_no_content_crs(zaken, zaak):
    url = zaak[0]["url"]
    assert zaken.get(url, headers={"Content-Crs": None}).status_code == 200
    assert zaken.get("/zaken", headers={"Content-Crs": None}).status_code == 200
    assert zaken.head(url, headers={"Content-Crs": None}).status_code == 200


def test_nothing_written_without_crs(zaken, zaak):
    _, zaaktype = zaak
    assert zaken.post("/zaken", json=zaak_body(zaaktype.url), headers={"Content-Crs": None}).status_code == 412
    assert zaken.patch(zaak[0]["url"], json={"omschrijving": "niet"}, headers={"Accept-Crs": "EPSG:28992"}).status_code == 406
    assert zaken.get("/zaken").json()["count"] == 1
    assert zaken.get(zaak[0]["url"]).json()["omschrijving"] == zaak[0]["omschrijving"]


def test_delete_needs_no_crs(zaken, zaak):
    response = zaken.delete(zaak[0]["url"], headers={"Accept-Crs": None, "Content-Crs": None})
    assert response.status_code == 204, response.text


def test_delete_ignores_a_wrong_crs(zaken, zaak):
    assert zaken.delete(zaak[0]["url"], headers={"Accept-Crs": "EPSG:28992", "Content-Crs": "EPSG:28992"}).status_code == 204


def test_responses_carry_content_crs(zaken, zaak):
    for name, method, url, json, _ in _operations(*zaak):
        response = zaken.request(method, url, json=json)
        assert response.status_code in (200, 201), (name, response.text)
        assert response.headers["Content-Crs"] == "EPSG:4326", name
    # error responses too
    assert zaken.get("/zaken", params={"onbekend": 1}).headers["Content-Crs"] == "EPSG:4326"


def test_authentication_before_crs(zaken, zaak):
    """401/403 come before 412/406 (DRF: authentication, permissions, then CRS negotiation)."""
    response = zaken.client.get("http://testserver/zaken/api/v1/zaken")
    assert response.status_code == 401, response.text
    assert zaken.as_client("schrijver").get("/zaken", headers={"Accept-Crs": None}).status_code == 403


def test_sub_resource_audittrail_has_no_crs(zaken, zaak):
    response = zaken.get(f"{zaak[0]['url']}/audittrail", headers={"Accept-Crs": None, "Content-Crs": None})
    assert response.status_code == 200, response.text
