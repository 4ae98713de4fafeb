"""CRS negotiation (shared/crs.py): the vng-api-common geo.py rules on a throwaway geo resource."""

from typing import Annotated

import pytest
from fastapi import APIRouter, Depends, Request, Response
from fastapi.testclient import TestClient

from shared.auth import Principal, require_scopes
from shared.crs import CrsNegotiation, crs_openapi
from shared.db import Database
from shared.http import detail_response, json_response
from tests.conftest import auth_header, kernel_test_app

API_ROOT = "/geo/api/v1"
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}

router = APIRouter()
Reader = Annotated[Principal, Depends(require_scopes("zrc", "zaken.lezen"))]


@router.get("/dingen", operation_id="ding_list", openapi_extra=crs_openapi(200))
def ding_list(principal: Reader, _crs: CrsNegotiation) -> Response:
    return json_response({"count": 0, "next": None, "previous": None, "results": []})


@router.post("/dingen", operation_id="ding_create", status_code=201, openapi_extra=crs_openapi(201))
def ding_create(principal: Reader, _crs: CrsNegotiation, body: dict) -> dict:
    return body  # a plain return value: FastAPI builds the response


@router.get("/dingen/{uuid}", operation_id="ding_retrieve", openapi_extra=crs_openapi(200))
def ding_retrieve(request: Request, principal: Reader, _crs: CrsNegotiation, uuid: str) -> Response:
    return detail_response(request, {"uuid": uuid})


@router.head("/dingen/{uuid}", operation_id="ding_headers", openapi_extra=crs_openapi(200))
def ding_headers(request: Request, principal: Reader, _crs: CrsNegotiation, uuid: str) -> Response:
    return detail_response(request, {"uuid": uuid})


@router.put("/dingen/{uuid}", operation_id="ding_update", openapi_extra=crs_openapi(200))
def ding_update(request: Request, principal: Reader, _crs: CrsNegotiation, uuid: str, body: dict) -> Response:
    return detail_response(request, {"uuid": uuid, **body})


@router.patch("/dingen/{uuid}", operation_id="ding_partial_update", openapi_extra=crs_openapi(200))
def ding_partial_update(request: Request, principal: Reader, _crs: CrsNegotiation, uuid: str, body: dict) -> Response:
    return detail_response(request, {"uuid": uuid, **body})


@router.delete("/dingen/{uuid}", operation_id="ding_destroy", status_code=204, openapi_extra=crs_openapi(204))
def ding_destroy(principal: Reader, _crs: CrsNegotiation, uuid: str) -> Response:
    return Response(status_code=204)


@router.get("/zonder-geo", operation_id="zonder_list")
def zonder_list(principal: Reader) -> Response:
    return json_response([])


@pytest.fixture(scope="module")
def client(kernel, tmp_path_factory):
    database = Database(f"sqlite:///{tmp_path_factory.mktemp('crs') / 'crs.db'}")
    app = kernel_test_app(database, router, kernel, "Geo", API_ROOT)
    with TestClient(app) as test_client:
        yield test_client
    database.dispose()


def call(client, method: str, path: str, headers: dict | None = None, **kwargs):
    return client.request(method, f"{API_ROOT}{path}", headers={**auth_header(), **(headers or {})}, **kwargs)


def assert_problem(response, status: int, code: str, detail: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert (body["status"], body["code"], body["detail"]) == (status, code, detail)


OPERATIONS = [
    ("GET", "/dingen", None),
    ("POST", "/dingen", {"a": 1}),
    ("GET", "/dingen/x", None),
    ("PUT", "/dingen/x", {"a": 1}),
    ("PATCH", "/dingen/x", {"a": 1}),
]
WRITES = [op for op in OPERATIONS if op[0] in ("POST", "PUT", "PATCH")]


@pytest.mark.parametrize(("method", "path", "body"), OPERATIONS)
def test_right_crs_is_served_with_content_crs(client, method, path, body):
    """All CRS headers EPSG:4326: the operation runs and answers `Content-Crs: EPSG:4326`."""
    response = call(client, method, path, CRS, json=body)
    assert response.status_code in (200, 201), response.text
    assert response.headers["Content-Crs"] == "EPSG:4326"
    assert response.headers["API-version"] == "1.0.0"


@pytest.mark.parametrize(("method", "path", "body"), OPERATIONS)
def test_missing_accept_crs_is_412(client, method, path, body):
    """geo.py: every operation but DELETE needs Accept-Crs; missing -> 412 precondition_failed."""
    response = call(client, method, path, {"Content-Crs": "EPSG:4326"}, json=body)
    assert_problem(response, 412, "precondition_failed", "'Accept-Crs' header ontbreekt")
    assert response.json()["title"] == "Voorwaarde is niet vervuld"
    assert response.json()["type"].endswith("/ref/fouten/PreconditionFailed/")
    assert response.headers["Content-Crs"] == "EPSG:4326"  # also on errors, as DRF's default headers


@pytest.mark.parametrize("value", ["EPSG:28992", "", "epsg:4326"])
@pytest.mark.parametrize(("method", "path", "body"), OPERATIONS)
def test_other_accept_crs_is_406(client, method, path, body, value):
    """geo.py: Accept-Crs other than EPSG:4326 (also empty, also lower case) -> 406 not_acceptable."""
    response = call(client, method, path, {**CRS, "Accept-Crs": value}, json=body)
    assert_problem(response, 406, "not_acceptable", f"CRS '{value}' is niet ondersteund")


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_missing_content_crs_on_write_is_412(client, method, path, body):
    """geo.py: POST/PUT/PATCH need Content-Crs; missing -> 412, checked before Accept-Crs."""
    response = call(client, method, path, {"Accept-Crs": "EPSG:4326"}, json=body)
    assert_problem(response, 412, "precondition_failed", "'Content-Crs' header ontbreekt")
    response = call(client, method, path, {}, json=body)
    assert_problem(response, 412, "precondition_failed", "'Content-Crs' header ontbreekt")


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_other_content_crs_on_write_is_406(client, method, path, body):
    response = call(client, method, path, {**CRS, "Content-Crs": "EPSG:28992"}, json=body)
    assert_problem(response, 406, "not_acceptable", "CRS 'EPSG:28992' is niet ondersteund")


def test_reads_need_no_content_crs(client):
    """Content-Crs describes a request body: not checked on GET/HEAD."""
    assert call(client, "GET", "/dingen", {"Accept-Crs": "EPSG:4326"}).status_code == 200
    assert call(client, "GET", "/dingen", {"Accept-Crs": "EPSG:4326", "Content-Crs": "x"}).status_code == 200
    response = call(client, "HEAD", "/dingen/x", {"Accept-Crs": "EPSG:4326"})
    assert response.status_code == 200 and response.headers["Content-Crs"] == "EPSG:4326"


def test_head_needs_accept_crs(client):
    assert call(client, "HEAD", "/dingen/x", {}).status_code == 412
    assert call(client, "HEAD", "/dingen/x", {"Accept-Crs": "EPSG:28992"}).status_code == 406


def test_delete_needs_no_crs(client):
    """geo.py skips the destroy action: DELETE works without (and with any) CRS headers."""
    assert call(client, "DELETE", "/dingen/x", {}).status_code == 204
    assert call(client, "DELETE", "/dingen/x", {"Accept-Crs": "EPSG:28992", "Content-Crs": "x"}).status_code == 204


def test_authentication_and_scopes_come_first(client):
    """The dependency after the principal: 401/403 before 412, as DRF's initial() does."""
    response = client.get(f"{API_ROOT}/dingen")
    assert response.status_code == 401
    response = client.get(f"{API_ROOT}/dingen", headers=auth_header("lezer"))  # no zrc scope
    assert response.status_code == 403


def test_validation_after_crs(client):
    """CRS negotiation runs before the body is validated (a bad body with no CRS: 412)."""
    response = call(client, "POST", "/dingen", {}, content=b"[1]")
    assert response.status_code == 412
    response = call(client, "POST", "/dingen", CRS, content=b"[1]")
    assert response.status_code == 400


def test_operations_without_crs_have_no_content_crs(client):
    response = call(client, "GET", "/zonder-geo")
    assert response.status_code == 200 and "Content-Crs" not in response.headers


def test_contract_documents_headers_and_412(client):
    """Both headers on every geo operation as the official zaken spec has them (required, enum),
    the 412 response with the Fout schema, and Content-Crs on the success response (not on 204)."""
    spec = client.get(f"{API_ROOT}/openapi.json").json()
    expected_param = {"type": "string", "enum": ["EPSG:4326"]}
    for path, method, status in [
        ("/dingen", "get", "200"),
        ("/dingen", "post", "201"),
        ("/dingen/{uuid}", "get", "200"),
        ("/dingen/{uuid}", "head", "200"),
        ("/dingen/{uuid}", "put", "200"),
        ("/dingen/{uuid}", "patch", "200"),
        ("/dingen/{uuid}", "delete", "204"),
    ]:
        operation = spec["paths"][path][method]
        headers = {p["name"]: p for p in operation["parameters"] if p["in"] == "header"}
        for name in ("Accept-Crs", "Content-Crs"):
            assert headers[name]["required"] is True, (path, method, name)
            assert headers[name]["schema"] == expected_param
        names = [p["name"] for p in operation["parameters"]]
        assert len(names) == len(set(names)), names
        responses = operation["responses"]
        assert "412" in responses
        if method != "head":
            assert responses["412"]["content"]["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/Fout"}
        success_headers = responses[status].get("headers", {})
        if status == "204":
            assert "Content-Crs" not in success_headers
        else:
            assert success_headers["Content-Crs"]["schema"] == expected_param
            assert "API-version" in success_headers
    assert "Accept-Crs" not in str(spec["paths"]["/zonder-geo"])
