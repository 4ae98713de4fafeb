"""The audit trail of a zaak (who, what, oud/nieuw) and the notifications on kanaal `zaken` for
zaak create/update/partial_update/destroy; a write that fails leaves neither."""

import uuid

import pytest

from services.zaken.db import audittrail
from tests.conftest import auth_header
from tests.zaken.factories import create_zaak, published_zaaktype, zaak_body
from tests.zaken.zaak_helpers import close_zaak, count_rows

USER = {"user_id": "mw-042", "user_representation": "M. de Vries"}


@pytest.fixture
def zaaktype(catalogi):
    return published_zaaktype(catalogi, vertrouwelijkheidaanduiding="zaakvertrouwelijk")


def _as_user(**claims) -> dict:
    return auth_header("alles", **claims)


def test_audittrail_of_create_update_partial_update(zaken, zaaktype):
    created = zaken.post("/zaken", json=zaak_body(zaaktype.url), headers={**_as_user(**USER), "X-Audit-Toelichting": "Aanvraag ontvangen"})
    assert created.status_code == 201, created.text
    zaak = created.json()
    patched = zaken.patch(
        zaak["url"], json={"omschrijving": "Gewijzigd"}, headers=_as_user(user_id="mw-7", user_representation="J. Jansen")
    )
    assert patched.status_code == 200, patched.text
    put = zaken.put(zaak["url"], json=zaak_body(zaaktype.url, omschrijving="Helemaal"), headers=_as_user(**USER))
    assert put.status_code == 200, put.text

    response = zaken.get(f"{zaak['url']}/audittrail")
    assert response.status_code == 200, response.text
    trail = response.json()
    assert [r["actie"] for r in trail] == ["create", "partial_update", "update"]
    assert [r["actieWeergave"] for r in trail] == ["Object aangemaakt", "Object deels bijgewerkt", "Object bijgewerkt"]
    assert [r["resultaat"] for r in trail] == [201, 200, 200]
    first, second, third = trail
    assert (first["gebruikersId"], first["gebruikersWeergave"]) == ("mw-042", "M. de Vries")
    assert (second["gebruikersId"], second["gebruikersWeergave"]) == ("mw-7", "J. Jansen")
    assert first["toelichting"] == "Aanvraag ontvangen" and second["toelichting"] == ""
    for record in trail:
        assert record["bron"] == "zrc"
        assert record["applicatieId"] == "alles" and record["applicatieWeergave"] == "Alle rechten"
        assert record["hoofdObject"] == zaak["url"] and record["resourceUrl"] == zaak["url"]
        assert record["resource"] == "zaak"
        assert record["resourceWeergave"] == f"517439943 - {zaak['identificatie']}"
    assert first["wijzigingen"] == {"oud": None, "nieuw": zaak}
    assert second["wijzigingen"]["oud"] == zaak
    assert second["wijzigingen"]["nieuw"] == patched.json()
    assert third["wijzigingen"]["oud"] == patched.json()
    assert third["wijzigingen"]["nieuw"] == put.json()
    # one record by its uuid
    detail = zaken.get(f"{zaak['url']}/audittrail/{second['uuid']}")
    assert detail.status_code == 200 and detail.json() == second
    assert zaken.get(f"{zaak['url']}/audittrail/{uuid.uuid4()}").status_code == 404


def test_audittrail_of_another_zaak_is_not_mixed_in(zaken, zaaktype):
    one = create_zaak(zaken, zaaktype.url)
    other = create_zaak(zaken, zaaktype.url)
    record = zaken.get(f"{other['url']}/audittrail").json()[0]
    assert len(zaken.get(f"{one['url']}/audittrail").json()) == 1
    assert zaken.get(f"{one['url']}/audittrail/{record['uuid']}").status_code == 404


def test_audittrail_of_unknown_zaak_is_404(zaken, zaaktype):
    assert zaken.get(f"/zaken/{uuid.uuid4()}/audittrail").status_code == 404


def test_audittrail_needs_audittrails_lezen(zaken, zaaktype, grant):
    zaak = create_zaak(zaken, zaaktype.url)
    grant("zonder", [{"scopes": ["zaken.lezen"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "zeer_geheim"}])
    assert zaken.as_client("zonder").get(f"{zaak['url']}/audittrail").status_code == 403


def test_notifications_of_create_update_partial_update_destroy(zaken, zaken_outbox, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    assert zaken.patch(zaak["url"], json={"omschrijving": "x"}).status_code == 200
    assert zaken.put(zaak["url"], json=zaak_body(zaaktype.url, vertrouwelijkheidaanduiding="geheim")).status_code == 200
    assert zaken.delete(zaak["url"]).status_code == 204
    messages = zaken_outbox()
    assert [m["actie"] for m in messages] == ["create", "partial_update", "update", "destroy"]
    for message in messages:
        assert message["kanaal"] == "zaken"
        assert message["resource"] == "zaak"
        assert message["hoofdObject"] == zaak["url"] and message["resourceUrl"] == zaak["url"]
        assert message["aanmaakdatum"].endswith("Z")
    kenmerken = [m["kenmerken"] for m in messages]
    assert kenmerken[0] == {"bronorganisatie": "517439943", "zaaktype": zaaktype.url, "vertrouwelijkheidaanduiding": "zaakvertrouwelijk"}
    assert kenmerken[1] == kenmerken[0]
    # after the PUT the zaak is geheim: the kenmerken are those of the zaak as it is now
    assert kenmerken[2]["vertrouwelijkheidaanduiding"] == "geheim"
    assert kenmerken[3]["vertrouwelijkheidaanduiding"] == "geheim"


def test_rejected_writes_leave_no_notification_and_no_audit(zaken, zaken_app, zaken_outbox, zaaktype, grant):
    zaak = create_zaak(zaken, zaaktype.url)
    before = len(zaken_outbox()), count_rows(zaken_app, audittrail.table)
    # validation errors: one found before anything is written, one only when the row goes in
    assert zaken.patch(zaak["url"], json={"identificatie": "ANDERS"}).status_code == 400
    assert zaken.patch(zaak["url"], json={"betalingsindicatie": "nvt", "laatsteBetaaldatum": "2026-01-01T00:00:00Z"}).status_code == 400
    assert zaken.post("/zaken", json=zaak_body(zaaktype.url, identificatie=zaak["identificatie"])).status_code == 400
    assert zaken.post("/zaken", json=zaak_body(zaaktype.url, hoofdzaak=f"{zaak['url']}x")).status_code == 400
    # a 403 after validation (closed zaak without geforceerd-bijwerken)
    close_zaak(zaken_app, zaak["url"])
    grant(
        "bijwerker",
        [{"scopes": ["zaken.lezen", "zaken.bijwerken"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "zeer_geheim"}],
    )
    assert zaken.as_client("bijwerker").patch(zaak["url"], json={"omschrijving": "x"}).status_code == 403
    # a delete refused
    assert zaken.as_client("bijwerker").delete(zaak["url"]).status_code == 403
    assert (len(zaken_outbox()), count_rows(zaken_app, audittrail.table)) == before


def test_notification_and_audit_in_the_same_transaction_as_the_zaak(zaken, zaken_app, zaken_outbox, zaaktype):
    """Every stored zaak has its create message and record; a failed create has neither."""
    for _ in range(3):
        create_zaak(zaken, zaaktype.url)
    zaken.post("/zaken", json=zaak_body("http://testserver/catalogi/api/v1/zaaktypen/" + str(uuid.uuid4())))
    assert len(zaken_outbox()) == 3
    assert count_rows(zaken_app, audittrail.table) == 3
