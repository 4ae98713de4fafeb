"""Problem responses, request guards and pagination, seen over HTTP on the Catalogi service."""

from tests.catalogi.factories import catalogus_body, create_catalogus
from tests.conftest import auth_header


def test_problem_json_for_unknown_route(catalogi):
    response = catalogi.get("/bestaat-niet")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= {"type", "code", "title", "status", "detail", "instance"}
    assert response.headers["API-version"] == "1.3.1"


def test_method_not_allowed(catalogi):
    created = create_catalogus(catalogi)
    response = catalogi.delete(created["url"])
    assert response.status_code == 405 and response.json()["code"] == "method_not_allowed"


def test_malformed_json(catalogi):
    response = catalogi.post("/catalogussen", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "nonFieldErrors"


def test_body_must_be_object(catalogi):
    for body in ([1, 2], "text", 3, None):
        response = catalogi.post("/catalogussen", json=body)
        assert response.status_code == 400, body


def test_wrong_content_type(catalogi):
    response = catalogi.post("/catalogussen", content=b"domein=X", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_huge_body(catalogi):
    response = catalogi.post("/catalogussen", json=catalogus_body(naam="x" * 3_000_000))
    assert response.status_code == 413


def test_unknown_fields_are_ignored(catalogi):
    response = catalogi.post("/catalogussen", json={**catalogus_body(), "bestaatNiet": 1, "url": "http://x"})
    assert response.status_code == 201
    assert "bestaatNiet" not in response.json()


def test_pagination(catalogi):
    for i in range(105):
        create_catalogus(catalogi, domein=f"D{i}")
    first = catalogi.get("/catalogussen").json()
    assert first["count"] == 105 and len(first["results"]) == 100
    assert first["previous"] is None and first["next"].startswith("http://testserver/catalogi/api/v1/catalogussen?")
    second = catalogi.get(first["next"]).json()
    assert len(second["results"]) == 5 and second["next"] is None and second["count"] == 105
    assert second["previous"] == "http://testserver/catalogi/api/v1/catalogussen"
    assert catalogi.get("/catalogussen?page=3").status_code == 404
    assert catalogi.get("/catalogussen?page=0").status_code == 404
    response = catalogi.get("/catalogussen?page=abc")
    assert response.status_code == 400 and response.json()["invalidParams"][0]["name"] == "page"


def test_missing_token_is_401(catalogi):
    response = catalogi.client.get("http://testserver/catalogi/api/v1/catalogussen")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_no_scope_is_403(catalogi):
    response = catalogi.client.get("http://testserver/catalogi/api/v1/catalogussen", headers=auth_header("niemand"))
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


def test_openapi_served(catalogi):
    for path in ("/openapi.yaml", "/schema/openapi.yaml"):
        response = catalogi.client.get(f"http://testserver/catalogi/api/v1{path}")
        assert response.status_code == 200
        assert response.text.startswith("openapi: 3.0.3")


def test_nul_characters_are_refused(catalogi):
    response = catalogi.get("/catalogussen?rsin=%00")
    assert response.status_code == 400 and response.json()["invalidParams"][0]["name"] == "rsin"
    response = catalogi.post("/catalogussen", json=catalogus_body(naam="a\x00b"))
    assert response.status_code == 400 and response.json()["invalidParams"][0]["name"] == "naam"
