"""Klantcontacten (deprecated in the standard): created and read only, identificatie generated
when omitted, datumtijd not in the future."""

import datetime as dt

from tests.conftest import assert_invalid
from tests.zaken.relations_helpers import close, create_zaak, grant_writer, messages, published_zaaktype, trail


def create(zaken, zaak, **extra):
    body = {"zaak": zaak["url"], "datumtijd": "2026-01-06T09:30:00+01:00", **extra}
    return zaken.post("/klantcontacten", json=body)


def test_create_generates_a_unique_identificatie(zaken, catalogi, zaken_outbox):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    response = create(zaken, zaak, kanaal="telefoon", onderwerp="Vraag", toelichting="Over de vergunning")
    assert response.status_code == 201, response.text
    contact = response.json()
    assert response.headers["Location"] == contact["url"]
    assert contact["url"].startswith("http://testserver/zaken/api/v1/klantcontacten/")
    assert contact["zaak"] == zaak["url"]
    assert contact["datumtijd"] == "2026-01-06T08:30:00Z"
    assert contact["kanaal"] == "telefoon" and contact["onderwerp"] == "Vraag" and contact["toelichting"] == "Over de vergunning"
    assert len(contact["identificatie"]) == 12 and contact["identificatie"].isalnum()
    other = create(zaken, zaak).json()
    assert other["identificatie"] != contact["identificatie"]
    assert zaken.get(contact["url"]).json() == contact
    assert [m["actie"] for m in messages(zaken_outbox, "klantcontact")] == ["create", "create"]
    [message, _] = messages(zaken_outbox, "klantcontact")
    assert message["hoofdObject"] == zaak["url"] and message["resourceUrl"] == contact["url"]
    records = trail(zaken, zaak, "klantcontact")
    assert [r["actie"] for r in records] == ["create", "create"]
    assert records[0]["wijzigingen"] == {"oud": None, "nieuw": contact}


def test_a_given_identificatie_is_unique(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    first = create(zaken, zaak, identificatie="KC-0001")
    assert first.status_code == 201 and first.json()["identificatie"] == "KC-0001"
    assert_invalid(create(zaken, zaak, identificatie="KC-0001"), "identificatie", "unique")
    assert_invalid(create(zaken, zaak, identificatie="X" * 15), "identificatie", "max_length")


def test_datumtijd_is_not_in_the_future(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    assert_invalid(create(zaken, zaak, datumtijd=future), "datumtijd", "date-in-future")
    assert_invalid(zaken.post("/klantcontacten", json={"zaak": zaak["url"]}), "datumtijd", "required")
    assert_invalid(create(zaken, zaak, datumtijd="gisteren"), "datumtijd", "invalid")


def test_zaak_must_exist(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    unknown = {"url": zaak["url"].rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000"}
    assert_invalid(create(zaken, unknown), "zaak", "object-does-not-exist")
    assert_invalid(create(zaken, {"url": "https://elders.example.org/zaken/1"}), "zaak", "no_match")


def test_list_is_paginated_with_filter_zaak(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    other = create_zaak(zaken, zaaktype.url)
    first = create(zaken, zaak).json()
    second = create(zaken, other).json()
    listed = zaken.get("/klantcontacten").json()
    assert listed["count"] == 2 and listed["next"] is None and listed["previous"] is None
    assert [c["url"] for c in listed["results"]] == [second["url"], first["url"]]  # newest first
    assert zaken.get("/klantcontacten", params={"zaak": zaak["url"]}).json()["results"] == [first]
    assert zaken.get("/klantcontacten", params={"page": 2}).status_code == 404
    assert_invalid(zaken.get("/klantcontacten", params={"identificatie": "x"}), "nonFieldErrors", "unknown-parameters")


def test_only_create_and_read(zaken, catalogi):
    """The standard has no update, delete or HEAD on klantcontacten."""
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    contact = create(zaken, zaak).json()
    assert zaken.put(contact["url"], json={"zaak": zaak["url"], "datumtijd": "2026-01-01T00:00:00Z"}).status_code == 405
    assert zaken.patch(contact["url"], json={"kanaal": "x"}).status_code == 405
    assert zaken.delete(contact["url"]).status_code == 405
    assert zaken.head(contact["url"]).status_code == 405


def test_a_closed_zaak_needs_geforceerd_bijwerken_zrc_007(zaken_app, zaken, catalogi, grant):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    close(zaken_app, zaak)
    grant_writer(grant, "schrijver", zaaktype.url)
    grant_writer(grant, "geforceerd", zaaktype.url, scopes=["zaken.lezen", "zaken.geforceerd-bijwerken"])
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    writer = zaken.as_client("schrijver")
    assert_invalid(create(writer, zaak, datumtijd=future), "datumtijd", "date-in-future")  # 400 before 403
    assert create(writer, zaak).status_code == 403
    assert create(zaken.as_client("geforceerd"), zaak).status_code == 201


def test_scopes_and_visibility_zrc_006(zaken, catalogi, grant):
    zaaktype = published_zaaktype(catalogi)
    other_type = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    zaak = create_zaak(zaken, zaaktype.url)
    hidden_zaak = create_zaak(zaken, other_type.url)
    visible = create(zaken, zaak).json()
    hidden = create(zaken, hidden_zaak).json()
    grant("lezer-zt", [{"scopes": ["zaken.lezen"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    reader = zaken.as_client("lezer-zt")
    listed = reader.get("/klantcontacten").json()
    assert listed["count"] == 1 and listed["results"] == [visible]
    assert reader.get(hidden["url"]).status_code == 403
    assert create(reader, zaak).status_code == 403
    grant_writer(grant, "schrijver", zaaktype.url, scopes=["zaken.lezen", "zaken.bijwerken"])
    writer = zaken.as_client("schrijver")
    assert create(writer, zaak).status_code == 201
    assert create(writer, hidden_zaak).status_code == 403
    grant_writer(grant, "aanmaker", zaaktype.url, scopes=["zaken.lezen", "zaken.aanmaken"])
    assert create(zaken.as_client("aanmaker"), zaak).status_code == 403
