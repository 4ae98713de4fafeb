"""Helpers of the sub-resource tests (zaakeigenschappen, zaakinformatieobjecten, klantcontacten,
zaakcontactmomenten, zaakverzoeken, zaakbesluiten): the foreign-API stand-in as a fixture, a
zaaktype with an informatieobjecttype, a closed zaak, and the audit trail of a zaak."""

import datetime as dt
import uuid as uuid_module

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from services.zaken.zaak.models import Zaak
from tests.catalogi import factories as ztc
from tests.conftest import assert_invalid, auth_header
from tests.standins import documenten
from tests.zaken.factories import Zaaktype, create_zaak, published_zaaktype

ALL_WRITE_SCOPES = ["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken", "zaken.verwijderen"]


@pytest.fixture(name="foreign")
def foreign_fixture(zaken_app, zaken):
    """The foreign-API stand-in, clean; it checks canonical relations in this test's Zaken app."""
    zrc = TestClient(zaken_app)

    def lookup(url: str, params: dict) -> list:
        response = zrc.get(url, params=params, headers=auth_header("alles"))
        assert response.status_code == 200, response.text
        return response.json()

    documenten.STANDIN.reset(zrc=lookup)
    yield documenten.STANDIN
    documenten.STANDIN.reset()


def zaaktype_met_documenten(catalogi, identificatie: str = "ZT-DOC") -> Zaaktype:
    """A published zaaktype (as `published_zaaktype`) whose informatieobjecttypen hold one
    published informatieobjecttype; a second published informatieobjecttype is not related."""
    catalogus = catalogi.get("/catalogussen").json()["results"]
    catalogus_url = catalogus[0]["url"] if catalogus else ztc.create_catalogus(catalogi)["url"]
    iotype = ztc.informatieobjecttype_url(catalogi, catalogus_url, f"Aanvraag {identificatie}", published=True)
    zaaktype = ztc.create_zaaktype(catalogi, catalogus_url, identificatie=identificatie)
    ztc.create_ziot(catalogi, zaaktype["url"], iotype)
    statustypen = [
        ztc.create_statustype(catalogi, zaaktype["url"], omschrijving=omschrijving, volgnummer=number)["url"]
        for number, omschrijving in enumerate(("Ontvangen", "Afgehandeld"), start=1)
    ]
    eigenschappen = {"kenteken": ztc.create_eigenschap(catalogi, zaaktype["url"], naam="kenteken")["url"]}
    data = ztc.publish(catalogi, zaaktype["url"])
    assert data["informatieobjecttypen"] == [iotype], data["informatieobjecttypen"]
    return Zaaktype(zaaktype["url"], data, statustypen, {}, eigenschappen, informatieobjecttypen=[iotype])


def other_informatieobjecttype(catalogi, omschrijving: str = "Los document") -> str:
    catalogus_url = catalogi.get("/catalogussen").json()["results"][0]["url"]
    return ztc.informatieobjecttype_url(catalogi, catalogus_url, omschrijving, published=True)


def close(zaken_app, zaak: dict, einddatum: dt.date = dt.date(2026, 2, 1)) -> None:
    """Close the zaak as an eindstatus would (einddatum set), straight in the database: the status
    endpoint is another domain's."""
    with zaken_app.state.db.session() as session:
        session.execute(update(Zaak).where(Zaak.uuid == uuid_of(zaak["url"])).values(einddatum=einddatum))
        session.commit()


def status_row(zaken_app, zaak: dict, statustype: str = "http://testserver/st") -> str:
    """The URL of a status of the zaak, inserted straight in the database."""
    from services.zaken.status.models import Status

    with zaken_app.state.db.session() as session:
        zaak_id = session.scalar(select(Zaak.id).where(Zaak.uuid == uuid_of(zaak["url"])))
        status = Status(zaak_id=zaak_id, statustype=statustype, datum_status_gezet=dt.datetime(2026, 1, 6, 10, tzinfo=dt.UTC))
        session.add(status)
        session.commit()
        root = zaak["url"].rsplit("/zaken/", 1)[0]
        return f"{root}/statussen/{status.uuid}"


def uuid_of(url: str) -> uuid_module.UUID:
    return uuid_module.UUID(url.rstrip("/").rsplit("/", 1)[1])


def trail(zaken, zaak: dict, resource: str) -> list[dict]:
    """The audit trail records of `resource` on the zaak, oldest first."""
    response = zaken.get(f"{zaak['url']}/audittrail")
    assert response.status_code == 200, response.text
    return [r for r in response.json() if r["resource"] == resource]


def messages(zaken_outbox, resource: str) -> list[dict]:
    return [m for m in zaken_outbox() if m["resource"] == resource]


def grant_writer(grant, client_id: str, zaaktype_url: str, scopes=None, maximum: str = "zeer_geheim") -> None:
    grant(client_id, [{"scopes": scopes or ALL_WRITE_SCOPES, "zaaktype": zaaktype_url, "maxVertrouwelijkheidaanduiding": maximum}])


__all__ = [
    "close",
    "create_zaak",
    "foreign_fixture",
    "grant_writer",
    "messages",
    "other_informatieobjecttype",
    "published_zaaktype",
    "status_row",
    "trail",
    "zaaktype_met_documenten",
]


class MirroredRelationTests:
    """The tests of a zaak relation mirrored in another API (zaakcontactmomenten, zaakverzoeken:
    zrc-024/025); a test class sets the names."""

    collection: str  # zaakcontactmomenten
    resource: str  # zaakcontactmoment
    field: str  # contactmoment
    mirror: str  # objectcontactmomenten

    def remote(self, foreign) -> dict:
        return getattr(foreign, self.field)()

    def create(self, zaken, zaak, remote):
        return zaken.post(f"/{self.collection}", json={"zaak": zaak["url"], self.field: remote["url"]})

    def setup(self, zaken, catalogi, foreign, identificatie="ZT-001"):
        zaaktype = published_zaaktype(catalogi, identificatie=identificatie)
        return zaaktype, create_zaak(zaken, zaaktype.url), self.remote(foreign)

    def test_create_mirrors_the_relation(self, zaken, catalogi, foreign, zaken_outbox):
        _, zaak, remote = self.setup(zaken, catalogi, foreign)
        response = self.create(zaken, zaak, remote)
        assert response.status_code == 201, response.text
        relation = response.json()
        assert response.headers["Location"] == relation["url"]
        assert relation == {"url": relation["url"], "uuid": relation["uuid"], "zaak": zaak["url"], self.field: remote["url"]}
        assert relation["url"] == f"http://testserver/zaken/api/v1/{self.collection}/{relation['uuid']}"
        [mirror] = foreign.mirrors_of(self.mirror)
        assert mirror == {"url": mirror["url"], self.field: remote["url"], "object": zaak["url"], "objectType": "zaak"}
        [message] = messages(zaken_outbox, self.resource)
        assert message["actie"] == "create" and message["hoofdObject"] == zaak["url"] and message["resourceUrl"] == relation["url"]
        [record] = trail(zaken, zaak, self.resource)
        assert record["actie"] == "create" and record["wijzigingen"] == {"oud": None, "nieuw": relation}
        response = zaken.get(relation["url"])
        assert response.status_code == 200 and response.json() == relation

    def test_list_is_a_plain_array_with_filters(self, zaken, catalogi, foreign):
        zaaktype, zaak, remote = self.setup(zaken, catalogi, foreign)
        other_zaak = create_zaak(zaken, zaaktype.url)
        other_remote = self.remote(foreign)
        a = self.create(zaken, zaak, remote).json()
        b = self.create(zaken, zaak, other_remote).json()
        c = self.create(zaken, other_zaak, remote).json()
        assert zaken.get(f"/{self.collection}").json() == [c, b, a]  # newest first
        assert zaken.get(f"/{self.collection}", params={"zaak": zaak["url"]}).json() == [b, a]
        assert zaken.get(f"/{self.collection}", params={self.field: remote["url"]}).json() == [c, a]
        assert zaken.get(f"/{self.collection}", params={"zaak": zaak["url"], self.field: other_remote["url"]}).json() == [b]
        assert_invalid(zaken.get(f"/{self.collection}", params={"page": 1}), "nonFieldErrors", "unknown-parameters")

    def test_remote_object_must_resolve(self, zaken, catalogi, foreign):
        _, zaak, remote = self.setup(zaken, catalogi, foreign)
        missing = {"url": remote["url"].rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000"}
        assert_invalid(self.create(zaken, zaak, missing), self.field, "bad-url")
        assert_invalid(self.create(zaken, zaak, {"url": "geen url"}), self.field, "invalid")
        assert_invalid(self.create(zaken, zaak, {"url": zaak["zaaktype"]}), self.field, "invalid-resource")
        foreign.down = True
        fresh = {"url": remote["url"].rsplit("/", 1)[0] + "/11111111-1111-1111-1111-111111111111"}
        assert self.create(zaken, zaak, fresh).status_code == 503
        foreign.down = False
        unknown = {"url": zaak["url"].rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000"}
        assert_invalid(self.create(zaken, unknown, remote), "zaak", "object-does-not-exist")
        assert zaken.get(f"/{self.collection}").json() == []

    def test_zaak_and_remote_object_are_unique_together(self, zaken, catalogi, foreign):
        _, zaak, remote = self.setup(zaken, catalogi, foreign)
        assert self.create(zaken, zaak, remote).status_code == 201
        assert_invalid(self.create(zaken, zaak, remote), "nonFieldErrors", "unique")

    def test_a_failing_mirror_stores_nothing(self, zaken, catalogi, foreign, zaken_outbox):
        _, zaak, remote = self.setup(zaken, catalogi, foreign)
        foreign.fail[("POST", self.mirror)] = 400
        assert_invalid(self.create(zaken, zaak, remote), self.field, "pending-relations")
        assert zaken.get(f"/{self.collection}").json() == []
        assert messages(zaken_outbox, self.resource) == []
        foreign.fail.clear()
        assert self.create(zaken, zaak, remote).status_code == 201

    def test_delete_removes_the_mirror(self, zaken, catalogi, foreign, zaken_outbox):
        _, zaak, remote = self.setup(zaken, catalogi, foreign)
        relation = self.create(zaken, zaak, remote).json()
        foreign.fail[("DELETE", self.mirror)] = 400
        assert_invalid(zaken.delete(relation["url"]), self.field, "pending-relations")
        assert zaken.get(relation["url"]).json() == relation
        foreign.fail.clear()
        assert zaken.delete(relation["url"]).status_code == 204
        assert zaken.get(relation["url"]).status_code == 404
        assert foreign.mirrors_of(self.mirror) == []
        assert foreign.writes() == [("POST", self.mirror), ("DELETE", self.mirror), ("DELETE", self.mirror)]  # one refused
        records = trail(zaken, zaak, self.resource)
        assert [r["actie"] for r in records] == ["create", "destroy"]
        assert records[1]["wijzigingen"] == {"oud": relation, "nieuw": None}
        # the standard announces create only
        assert [m["actie"] for m in messages(zaken_outbox, self.resource)] == ["create"]

    def test_no_update_and_no_head(self, zaken, catalogi, foreign):
        _, zaak, remote = self.setup(zaken, catalogi, foreign)
        relation = self.create(zaken, zaak, remote).json()
        assert zaken.put(relation["url"], json={"zaak": zaak["url"], self.field: remote["url"]}).status_code == 405
        assert zaken.patch(relation["url"], json={}).status_code == 405
        assert zaken.head(relation["url"]).status_code == 405

    def test_a_closed_zaak_keeps_its_relations_writable(self, zaken_app, zaken, catalogi, foreign, grant):
        """zrc-007 names no zaakcontactmoment/zaakverzoek, and the reference implementation has no
        closed-zaak check on them: zaken.bijwerken suffices."""
        zaaktype, zaak, remote = self.setup(zaken, catalogi, foreign)
        close(zaken_app, zaak)
        grant_writer(grant, "schrijver", zaaktype.url, scopes=["zaken.lezen", "zaken.bijwerken"])
        writer = zaken.as_client("schrijver")
        relation = self.create(writer, zaak, remote)
        assert relation.status_code == 201, relation.text
        assert writer.delete(relation.json()["url"]).status_code == 204

    def test_scopes_and_visibility_zrc_006(self, zaken, catalogi, foreign, grant):
        zaaktype, zaak, remote = self.setup(zaken, catalogi, foreign)
        other_type = published_zaaktype(catalogi, identificatie="ZT-ANDER")
        hidden_zaak = create_zaak(zaken, other_type.url)
        visible = self.create(zaken, zaak, remote).json()
        hidden = self.create(zaken, hidden_zaak, remote).json()
        grant("lezer-zt", [{"scopes": ["zaken.lezen"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
        reader = zaken.as_client("lezer-zt")
        assert reader.get(f"/{self.collection}").json() == [visible]
        assert reader.get(hidden["url"]).status_code == 403
        assert self.create(reader, zaak, self.remote(foreign)).status_code == 403
        assert reader.delete(visible["url"]).status_code == 403
        # the standard: zaken.bijwerken only (geforceerd-bijwerken, aanmaken, verwijderen do not write here)
        for client_id, scopes in (
            ("geforceerd", ["zaken.lezen", "zaken.geforceerd-bijwerken"]),
            ("aanmaker", ["zaken.lezen", "zaken.aanmaken", "zaken.verwijderen"]),
        ):
            grant_writer(grant, client_id, zaaktype.url, scopes=scopes)
            assert self.create(zaken.as_client(client_id), zaak, self.remote(foreign)).status_code == 403
            assert zaken.as_client(client_id).delete(visible["url"]).status_code == 403
        grant_writer(grant, "schrijver", zaaktype.url, scopes=["zaken.lezen", "zaken.bijwerken"])
        writer = zaken.as_client("schrijver")
        assert self.create(writer, hidden_zaak, self.remote(foreign)).status_code == 403
        assert writer.delete(hidden["url"]).status_code == 403
        assert writer.delete(visible["url"]).status_code == 204
