"""Audit trail (shared/audittrail.py): records written in the request's transaction, served in the
standard's AuditTrail shape per hoofdobject, oldest first, and deleted with the hoofdobject."""

import uuid
from datetime import datetime
from typing import Annotated

import pytest
import yaml
from fastapi import APIRouter, Depends, Request, Response
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, func, select

from shared.audittrail import AuditToelichting, AuditTrail, AuditTrailResponse
from shared.auth import Principal, require_scopes
from shared.db import Database, SessionDep
from shared.errors import Conflict, NotFound
from shared.http import json_response
from tests.conftest import (
    DB_BACKENDS,
    SHARED_DIR,
    _drop_schema,
    _postgres_schema_url,
    auth_header,
    kernel_test_app,
    requires_shared,
)

API_ROOT = "/audit/api/v1"

metadata = MetaData()
audittrail = AuditTrail(metadata)
DINGEN: dict[str, dict] = {}  # the throwaway hoofdobjecten live in memory; only the trail is in the database

router = APIRouter()
Writer = Annotated[Principal, Depends(require_scopes("zrc", "zaken.bijwerken"))]
AuditReader = Annotated[Principal, Depends(require_scopes("zrc", "audittrails.lezen"))]


def ding_url(request: Request, ding_uuid: str) -> str:
    return f"{str(request.base_url).rstrip('/')}{API_ROOT}/dingen/{ding_uuid}"


@router.post("/dingen", status_code=201)
def ding_create(request: Request, session: SessionDep, principal: Writer, body: dict, toelichting: AuditToelichting = None) -> Response:
    ding_uuid = str(uuid.uuid4())
    ding = {"url": ding_url(request, ding_uuid), **body}
    DINGEN[ding_uuid] = ding
    audittrail.record(
        session, principal=principal, bron="zrc", actie="create", resultaat=201, hoofd_object=ding["url"],
        resource="ding", resource_url=ding["url"], resource_weergave=ding_uuid, oud=None, nieuw=ding,
        toelichting=toelichting,
    )  # fmt: skip
    return json_response(ding, status_code=201)


@router.patch("/dingen/{ding_uuid}")
def ding_partial_update(request: Request, session: SessionDep, principal: Writer, ding_uuid: str, body: dict) -> Response:
    old = DINGEN[ding_uuid]
    new = DINGEN[ding_uuid] = {**old, **body}
    audittrail.record(
        session, principal=principal, bron="zrc", actie="partial_update", resultaat=200, hoofd_object=old["url"],
        resource="ding", resource_url=old["url"], resource_weergave=ding_uuid, oud=old, nieuw=new,
    )  # fmt: skip
    return json_response(new)


@router.post("/dingen/{ding_uuid}/onderdelen", status_code=201)
def onderdeel_create(request: Request, session: SessionDep, principal: Writer, ding_uuid: str, body: dict) -> Response:
    """A related object: recorded on its hoofdobject; `fail` simulates an error after the record."""
    onderdeel = {"url": f"{ding_url(request, ding_uuid)}/onderdelen/{uuid.uuid4()}", "ding": ding_url(request, ding_uuid), **body}
    audittrail.record(
        session, principal=principal, bron="zrc", actie="create", resultaat=201, hoofd_object=onderdeel["ding"],
        resource="onderdeel", resource_url=onderdeel["url"], resource_weergave="onderdeel", oud=None, nieuw=onderdeel,
    )  # fmt: skip
    if body.get("fail"):
        raise Conflict("Mislukt na het schrijven van de audit trail.")
    return json_response(onderdeel, status_code=201)


@router.delete("/dingen/{ding_uuid}", status_code=204)
def ding_destroy(request: Request, session: SessionDep, principal: Writer, ding_uuid: str) -> Response:
    DINGEN.pop(ding_uuid, None)
    audittrail.delete_for(session, ding_url(request, ding_uuid))
    return Response(status_code=204)


@router.get("/dingen/{ding_uuid}/audittrail", response_model=list[AuditTrailResponse])
def audittrail_list(request: Request, session: SessionDep, principal: AuditReader, ding_uuid: str) -> Response:
    return json_response(audittrail.list_for(session, ding_url(request, ding_uuid)))


@router.get("/dingen/{ding_uuid}/audittrail/{uuid}", response_model=AuditTrailResponse)
def audittrail_retrieve(request: Request, session: SessionDep, principal: AuditReader, ding_uuid: str, uuid: str) -> Response:
    found = audittrail.get(session, ding_url(request, ding_uuid), uuid)
    if found is None:
        raise NotFound()
    return json_response(found)


@pytest.fixture(scope="module", params=DB_BACKENDS)
def database(request, tmp_path_factory):
    if request.param == "sqlite":
        url, schema = f"sqlite:///{tmp_path_factory.mktemp('audit') / 'audit.db'}", None
    else:
        url, schema = _postgres_schema_url("audit")
    db = Database(url)
    metadata.create_all(db.engine)  # a kernel unit test: the table straight from its metadata
    yield db
    db.dispose()
    if schema is not None:
        _drop_schema(schema)


@pytest.fixture
def client(database, kernel):
    app = kernel_test_app(database, router, kernel, "Audit", API_ROOT)
    with TestClient(app) as test_client:
        yield test_client
    with database.engine.begin() as connection:
        connection.execute(audittrail.table.delete())
    DINGEN.clear()


def call(client, method, path, *, client_id="alles", host="testserver", headers=None, **kwargs):
    claims = {"user_id": "u123", "user_representation": "Jan de Tester"}
    all_headers = {**auth_header(client_id, **claims), **(headers or {})}
    return client.request(method, f"http://{host}{API_ROOT}{path}", headers=all_headers, **kwargs)


def trail_of(client, ding, **kwargs) -> list[dict]:
    ding_uuid = ding["url"].rsplit("/", 1)[1]
    response = call(client, "GET", f"/dingen/{ding_uuid}/audittrail", **kwargs)
    assert response.status_code == 200, response.text
    return response.json()


def test_create_is_recorded_in_the_standard_shape(client):
    """A record has every AuditTrail field, camelCase, who from the JWT, aanmaakdatum ISO in UTC (Z)."""
    ding = call(client, "POST", "/dingen", json={"naam": "een"}, headers={"X-Audit-Toelichting": "omdat het kan"}).json()
    [record] = trail_of(client, ding)
    assert set(record) == {
        "uuid", "bron", "applicatieId", "applicatieWeergave", "gebruikersId", "gebruikersWeergave", "actie",
        "actieWeergave", "resultaat", "hoofdObject", "resource", "resourceUrl", "toelichting", "resourceWeergave",
        "aanmaakdatum", "wijzigingen",
    }  # fmt: skip
    assert record["bron"] == "zrc"
    assert (record["applicatieId"], record["applicatieWeergave"]) == ("alles", "Alle rechten")
    assert (record["gebruikersId"], record["gebruikersWeergave"]) == ("u123", "Jan de Tester")
    assert (record["actie"], record["actieWeergave"], record["resultaat"]) == ("create", "Object aangemaakt", 201)
    assert record["hoofdObject"] == record["resourceUrl"] == ding["url"]
    assert (record["resource"], record["toelichting"]) == ("ding", "omdat het kan")
    assert record["wijzigingen"] == {"oud": None, "nieuw": ding}
    assert record["aanmaakdatum"].endswith("Z")
    assert datetime.fromisoformat(record["aanmaakdatum"]).utcoffset().total_seconds() == 0
    uuid.UUID(record["uuid"])
    AuditTrailResponse.model_validate(record)


def test_trail_is_chronological_and_per_hoofdobject(client):
    """Writes on the hoofdobject and its related objects, oldest first; another hoofdobject's apart."""
    ding = call(client, "POST", "/dingen", json={"naam": "een"}).json()
    other = call(client, "POST", "/dingen", json={"naam": "ander"}).json()
    ding_uuid = ding["url"].rsplit("/", 1)[1]
    changed = call(client, "PATCH", f"/dingen/{ding_uuid}", json={"naam": "twee"}).json()
    call(client, "POST", f"/dingen/{ding_uuid}/onderdelen", json={"nr": 1})
    trail = trail_of(client, ding)
    assert [(r["resource"], r["actie"]) for r in trail] == [("ding", "create"), ("ding", "partial_update"), ("onderdeel", "create")]
    assert trail[1]["wijzigingen"] == {"oud": ding, "nieuw": changed}
    assert trail[1]["actieWeergave"] == "Object deels bijgewerkt"
    assert all(r["hoofdObject"] == ding["url"] for r in trail)
    assert trail[0]["aanmaakdatum"] <= trail[1]["aanmaakdatum"] <= trail[2]["aanmaakdatum"]
    assert [r["resource"] for r in trail_of(client, other)] == ["ding"]


def test_retrieve_one_record(client):
    ding = call(client, "POST", "/dingen", json={"naam": "een"}).json()
    other = call(client, "POST", "/dingen", json={"naam": "ander"}).json()
    [record] = trail_of(client, ding)
    ding_uuid, other_uuid = ding["url"].rsplit("/", 1)[1], other["url"].rsplit("/", 1)[1]
    response = call(client, "GET", f"/dingen/{ding_uuid}/audittrail/{record['uuid']}")
    assert response.status_code == 200 and response.json() == record
    # a record is only found under its own hoofdobject; unknown and malformed uuids are not found
    assert call(client, "GET", f"/dingen/{other_uuid}/audittrail/{record['uuid']}").status_code == 404
    assert call(client, "GET", f"/dingen/{ding_uuid}/audittrail/{uuid.uuid4()}").status_code == 404
    assert call(client, "GET", f"/dingen/{ding_uuid}/audittrail/geen-uuid").status_code == 404


def test_record_is_part_of_the_transaction(client):
    """A write that fails after recording leaves no audit record (one transaction, rolled back)."""
    ding = call(client, "POST", "/dingen", json={"naam": "een"}).json()
    ding_uuid = ding["url"].rsplit("/", 1)[1]
    assert call(client, "POST", f"/dingen/{ding_uuid}/onderdelen", json={"fail": True}).status_code == 409
    assert [r["resource"] for r in trail_of(client, ding)] == ["ding"]


def test_delete_takes_the_trail_along(client, database):
    """zrc-023: deleting the hoofdobject deletes its audit trail, and only its own."""
    ding = call(client, "POST", "/dingen", json={"naam": "een"}).json()
    other = call(client, "POST", "/dingen", json={"naam": "ander"}).json()
    ding_uuid = ding["url"].rsplit("/", 1)[1]
    call(client, "POST", f"/dingen/{ding_uuid}/onderdelen", json={"nr": 1})
    assert call(client, "DELETE", f"/dingen/{ding_uuid}").status_code == 204
    assert trail_of(client, ding) == []
    assert len(trail_of(client, other)) == 1
    with database.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(audittrail.table)).scalar() == 1


def test_found_through_another_host_name(client):
    """Records are keyed by the hoofdobject's path: a trail written via one host is read via another."""
    ding = call(client, "POST", "/dingen", json={"naam": "een"}).json()
    [record] = trail_of(client, ding, host="zaken.example.org")
    assert record["hoofdObject"] == ding["url"]  # returned as written


def test_needs_audittrails_lezen(client):
    ding = call(client, "POST", "/dingen", json={"naam": "een"}).json()
    ding_uuid = ding["url"].rsplit("/", 1)[1]
    assert call(client, "GET", f"/dingen/{ding_uuid}/audittrail", client_id="zaken-lezer").status_code == 403


def test_long_and_odd_jwt_values_fit(client, database):
    """JWT claims are not validated input: values beyond the standard's maxLength are cut, NUL dropped."""
    with database.session() as session:
        principal = Principal(client_id="c" * 150, applicatie=_applicatie("A" * 300), user_id="u\x00" * 200, user_representation="r" * 300)
        record = audittrail.record(
            session, principal=principal, bron="zrc", actie="destroy", resultaat=204, hoofd_object="http://x/zaken/1",
            resource="rol", resource_url="http://x/rollen/1", resource_weergave="w" * 250, oud={"a": 1}, nieuw=None,
        )  # fmt: skip
        session.commit()
        [stored] = audittrail.list_for(session, "https://elders/zaken/1/")
    assert stored == record
    assert (len(stored["applicatieId"]), len(stored["applicatieWeergave"])) == (100, 200)
    assert stored["gebruikersId"] == "u" * 200 and len(stored["gebruikersWeergave"]) == 255
    assert len(stored["resourceWeergave"]) == 200
    assert stored["wijzigingen"] == {"oud": {"a": 1}, "nieuw": None}
    assert stored["actieWeergave"] == "Object verwijderd"


def test_programming_errors_are_refused(database):
    with database.session() as session:
        principal = Principal(client_id="c", applicatie=_applicatie("A"))
        common = {
            "actie": "create",
            "hoofd_object": "http://x/1",
            "resource": "r",
            "resource_url": "http://x/1",
            "resource_weergave": "",
            "oud": None,
            "nieuw": {},
        }
        with pytest.raises(ValueError):
            audittrail.record(session, principal=principal, bron="ZAKEN", resultaat=201, **common)
        with pytest.raises(ValueError):
            audittrail.record(session, principal=principal, bron="zrc", resultaat=42, **common)


def _applicatie(label: str):
    from shared.auth import Applicatie

    return Applicatie(label=label, client_ids=("c",), secret="s")


@requires_shared("zgw-specs/zaken-1.5.1.yaml")
def test_response_model_matches_official_schema(client):
    """The served `AuditTrail` schema promises every property and required flag of the official one."""
    from tests.contract.compare import Report, Spec, _compare_schema

    official = Spec(yaml.safe_load((SHARED_DIR / "zgw-specs" / "zaken-1.5.1.yaml").read_text()))
    ours = Spec(client.get(f"{API_ROOT}/openapi.json").json())
    report = Report()
    ref = {"$ref": "#/components/schemas/AuditTrail"}
    _compare_schema(official, ours, ref, ref, "AuditTrail", report, request=False)
    assert report.problems == []
    assert set(ours.raw["components"]["schemas"]["AuditTrail"]["required"]) >= set(
        official.raw["components"]["schemas"]["AuditTrail"]["required"]
    )
