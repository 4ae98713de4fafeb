"""Zaakinformatieobjecten (zrc-003, -004, -005): a zaak's relation to an informatieobject of the
Documenten API, mirrored there as an ObjectInformatieObject."""

import datetime as dt

from tests.conftest import QueryCounter, assert_invalid
from tests.zaken.relations_helpers import (
    close,
    create_zaak,
    foreign_fixture,  # noqa: F401  (the `foreign` fixture)
    grant_writer,
    messages,
    other_informatieobjecttype,
    status_row,
    trail,
    zaaktype_met_documenten,
)


def setup(zaken, catalogi, foreign, identificatie="ZT-DOC"):
    zaaktype = zaaktype_met_documenten(catalogi, identificatie)
    zaak = create_zaak(zaken, zaaktype.url)
    document = foreign.informatieobject(zaaktype.informatieobjecttypen[0])
    return zaaktype, zaak, document


def create(zaken, zaak, document, **extra):
    return zaken.post("/zaakinformatieobjecten", json={"zaak": zaak["url"], "informatieobject": document["url"], **extra})


def test_create_relates_the_informatieobject_and_mirrors_it_zrc_005(zaken, catalogi, foreign, zaken_outbox):
    """zrc-003/005: aardRelatieWeergave "Hoort bij", registratiedatum now, the mirror in the Documenten API."""
    _, zaak, document = setup(zaken, catalogi, foreign)
    before = dt.datetime.now(dt.UTC)
    response = create(
        zaken,
        zaak,
        document,
        titel="Aanvraagformulier",
        beschrijving="Ingevuld",
        aardRelatieWeergave="Legt vast, omgekeerd: kan vastgelegd zijn als",
    )
    assert response.status_code == 201, response.text
    zio = response.json()
    assert response.headers["Location"] == zio["url"]
    assert zio["url"].startswith("http://testserver/zaken/api/v1/zaakinformatieobjecten/")
    assert zio["informatieobject"] == document["url"]
    assert zio["zaak"] == zaak["url"]
    assert zio["aardRelatieWeergave"] == "Hoort bij, omgekeerd: kent"
    assert zio["titel"] == "Aanvraagformulier" and zio["beschrijving"] == "Ingevuld"
    assert zio["vernietigingsdatum"] is None and zio["status"] is None
    registratiedatum = dt.datetime.fromisoformat(zio["registratiedatum"].replace("Z", "+00:00"))
    assert before - dt.timedelta(seconds=1) <= registratiedatum <= dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    # zrc-005: the mirror, created once the relation could be seen in this API
    assert foreign.mirrors_of("objectinformatieobjecten") == [
        {
            "url": foreign.mirrors_of("objectinformatieobjecten")[0]["url"],
            "informatieobject": document["url"],
            "object": zaak["url"],
            "objectType": "zaak",
        }
    ]
    assert foreign.writes() == [("POST", "objectinformatieobjecten")]
    # the zaak lists it
    assert zaken.get(zaak["url"]).json()["zaakinformatieobjecten"] == [zio["url"]]
    # notification and audit trail
    [message] = messages(zaken_outbox, "zaakinformatieobject")
    assert message["kanaal"] == "zaken" and message["actie"] == "create"
    assert message["hoofdObject"] == zaak["url"] and message["resourceUrl"] == zio["url"]
    assert message["kenmerken"] == {
        "bronorganisatie": zaak["bronorganisatie"],
        "zaaktype": zaak["zaaktype"],
        "vertrouwelijkheidaanduiding": "openbaar",
    }
    [record] = trail(zaken, zaak, "zaakinformatieobject")
    assert record["actie"] == "create" and record["resourceUrl"] == zio["url"] and record["hoofdObject"] == zaak["url"]
    assert record["wijzigingen"] == {"oud": None, "nieuw": zio}


def test_list_is_a_plain_array_with_filters(zaken, catalogi, foreign):
    zaaktype, zaak, document = setup(zaken, catalogi, foreign)
    other_zaak = create_zaak(zaken, zaaktype.url)
    second = foreign.informatieobject(zaaktype.informatieobjecttypen[0])
    a = create(zaken, zaak, document).json()
    b = create(zaken, zaak, second).json()
    c = create(zaken, other_zaak, document).json()
    listed = zaken.get("/zaakinformatieobjecten")
    assert listed.status_code == 200
    assert [z["url"] for z in listed.json()] == [a["url"], b["url"], c["url"]]
    assert [z["url"] for z in zaken.get("/zaakinformatieobjecten", params={"zaak": zaak["url"]}).json()] == [a["url"], b["url"]]
    by_document = zaken.get("/zaakinformatieobjecten", params={"informatieobject": document["url"]}).json()
    assert [z["url"] for z in by_document] == [a["url"], c["url"]]
    both = zaken.get("/zaakinformatieobjecten", params={"zaak": other_zaak["url"], "informatieobject": document["url"]}).json()
    assert both == [c]
    assert_invalid(zaken.get("/zaakinformatieobjecten", params={"zak": zaak["url"]}), "nonFieldErrors", "unknown-parameters")
    assert_invalid(zaken.get("/zaakinformatieobjecten", params={"page": 1}), "nonFieldErrors", "unknown-parameters")


def test_detail_has_etag_and_head(zaken, catalogi, foreign):
    _, zaak, document = setup(zaken, catalogi, foreign)
    zio = create(zaken, zaak, document).json()
    response = zaken.get(zio["url"])
    assert response.status_code == 200 and response.json() == zio
    etag = response.headers["ETag"]
    assert zaken.get(zio["url"], headers={"If-None-Match": etag}).status_code == 304
    head = zaken.head(zio["url"])
    assert head.status_code == 200 and head.headers["ETag"] == etag and head.content == b""
    assert zaken.get("/zaakinformatieobjecten/4a9e5d27-3c5a-4a8d-9d5f-1f1f1f1f1f1f").status_code == 404


def test_informatieobject_must_resolve_zrc_003(zaken, catalogi, foreign):
    """bad-url for a URL that does not answer 200, invalid-resource for JSON of another shape, 503 when the API is down."""
    _zaaktype, zaak, document = setup(zaken, catalogi, foreign)
    missing = {"url": document["url"].rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000"}
    assert_invalid(create(zaken, zaak, missing), "informatieobject", "bad-url")
    assert_invalid(create(zaken, zaak, {"url": "geen-url"}), "informatieobject", "invalid")
    besluit = foreign.besluit()
    assert_invalid(create(zaken, zaak, besluit), "informatieobject", "invalid-resource")
    foreign.down = True
    fresh = {"url": document["url"].rsplit("/", 1)[0] + "/11111111-1111-1111-1111-111111111111"}
    response = create(zaken, zaak, fresh)
    assert response.status_code == 503, response.text
    foreign.down = False
    assert zaken.get("/zaakinformatieobjecten").json() == []


def test_zaak_must_exist(zaken, catalogi, foreign):
    _, zaak, document = setup(zaken, catalogi, foreign)
    unknown = {"url": zaak["url"].rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000"}
    assert_invalid(create(zaken, unknown, document), "zaak", "object-does-not-exist")
    assert_invalid(create(zaken, {"url": "https://elders.example.org/zaken/1"}, document), "zaak", "no_match")
    response = zaken.post("/zaakinformatieobjecten", json={"informatieobject": document["url"]})
    assert_invalid(response, "zaak", "required")


def test_zaak_and_informatieobject_are_unique_together_zrc_003(zaken, catalogi, foreign):
    _, zaak, document = setup(zaken, catalogi, foreign)
    assert create(zaken, zaak, document).status_code == 201
    assert_invalid(create(zaken, zaak, document), "nonFieldErrors", "unique")
    assert len(foreign.mirrors_of("objectinformatieobjecten")) == 1


def test_informatieobjecttype_must_belong_to_the_zaaktype_zrc_003(zaken, catalogi, foreign):
    _, zaak, _ = setup(zaken, catalogi, foreign)
    stray = foreign.informatieobject(other_informatieobjecttype(catalogi))
    assert_invalid(create(zaken, zaak, stray), "nonFieldErrors", "missing-zaaktype-informatieobjecttype-relation")
    assert foreign.writes() == []


def test_zaak_archiefstatus_must_be_nog_te_archiveren(zaken, catalogi, foreign):
    zaaktype, _, document = setup(zaken, catalogi, foreign)
    archived = create_zaak(
        zaken, zaaktype.url, archiefstatus="gearchiveerd", archiefnominatie="vernietigen", archiefactiedatum="2030-01-01"
    )
    assert_invalid(create(zaken, archived, document), "nonFieldErrors", "zaak-archiefstatus-invalid")


def test_a_failing_mirror_stores_nothing_zrc_005(zaken, catalogi, foreign, zaken_outbox):
    """zrc-005: when the Documenten API refuses the mirror, 400 `pending-relations` and no relation."""
    _, zaak, document = setup(zaken, catalogi, foreign)
    foreign.fail[("POST", "objectinformatieobjecten")] = 400
    response = create(zaken, zaak, document)
    assert_invalid(response, "informatieobject", "pending-relations")
    assert zaken.get("/zaakinformatieobjecten").json() == []
    assert zaken.get(zaak["url"]).json()["zaakinformatieobjecten"] == []
    assert messages(zaken_outbox, "zaakinformatieobject") == []
    assert [r for r in zaken.get(f"{zaak['url']}/audittrail").json() if r["resource"] == "zaakinformatieobject"] == []
    # an unreachable Documenten API: 503, nothing stored either
    del foreign.fail[("POST", "objectinformatieobjecten")]
    foreign.fail[("POST", "objectinformatieobjecten")] = 502
    assert create(zaken, zaak, document).status_code == 503
    assert zaken.get("/zaakinformatieobjecten").json() == []
    # and then it works
    del foreign.fail[("POST", "objectinformatieobjecten")]
    assert create(zaken, zaak, document).status_code == 201


def test_update_changes_the_relation_data_only_zrc_004(zaken, catalogi, foreign, zaken_outbox):
    zaaktype, zaak, document = setup(zaken, catalogi, foreign)
    zio = create(zaken, zaak, document, titel="Oud").json()
    body = {
        "zaak": zaak["url"],
        "informatieobject": document["url"],
        "titel": "Nieuw",
        "beschrijving": "B",
        "vernietigingsdatum": "2030-01-01T00:00:00+01:00",
    }
    response = zaken.put(zio["url"], json=body)
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["titel"] == "Nieuw" and updated["beschrijving"] == "B"
    assert updated["vernietigingsdatum"] == "2029-12-31T23:00:00Z"
    assert updated["registratiedatum"] == zio["registratiedatum"] and updated["aardRelatieWeergave"] == zio["aardRelatieWeergave"]
    patched = zaken.patch(zio["url"], json={"beschrijving": "C"})
    assert patched.status_code == 200 and patched.json()["beschrijving"] == "C" and patched.json()["titel"] == "Nieuw"
    # zaak and informatieobject are fixed
    other_zaak = create_zaak(zaken, zaaktype.url)
    assert_invalid(zaken.patch(zio["url"], json={"zaak": other_zaak["url"]}), "zaak", "wijzigen-niet-toegelaten")
    other_document = foreign.informatieobject(zaaktype.informatieobjecttypen[0])
    assert_invalid(
        zaken.put(zio["url"], json={**body, "informatieobject": other_document["url"]}), "informatieobject", "wijzigen-niet-toegelaten"
    )
    assert_invalid(zaken.put(zio["url"], json={"titel": "X"}), "zaak", "required")
    # audited, but the standard announces a zaakinformatieobject on create only
    assert [r["actie"] for r in trail(zaken, zaak, "zaakinformatieobject")] == ["create", "update", "partial_update"]
    assert [m["actie"] for m in messages(zaken_outbox, "zaakinformatieobject")] == ["create"]
    assert foreign.writes() == [("POST", "objectinformatieobjecten")]


def test_status_is_a_status_of_the_same_zaak(zaken_app, zaken, catalogi, foreign):
    zaaktype, zaak, document = setup(zaken, catalogi, foreign)
    status = status_row(zaken_app, zaak)
    zio = create(zaken, zaak, document, status=status)
    assert zio.status_code == 201, zio.text
    assert zio.json()["status"] == status
    assert zaken.get(zio.json()["url"]).json()["status"] == status
    other_zaak = create_zaak(zaken, zaaktype.url)
    foreign_status = status_row(zaken_app, other_zaak)
    assert_invalid(zaken.patch(zio.json()["url"], json={"status": foreign_status}), "nonFieldErrors", "zaak-mismatch")
    assert_invalid(zaken.patch(zio.json()["url"], json={"status": zaak["url"]}), "status", "no_match")
    missing = status.rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000"
    assert_invalid(zaken.patch(zio.json()["url"], json={"status": missing}), "status", "does_not_exist")
    cleared = zaken.patch(zio.json()["url"], json={"status": None})
    assert cleared.status_code == 200 and cleared.json()["status"] is None


def test_delete_removes_the_mirror_zrc_005(zaken, catalogi, foreign, zaken_outbox):
    _, zaak, document = setup(zaken, catalogi, foreign)
    zio = create(zaken, zaak, document).json()
    response = zaken.delete(zio["url"])
    assert response.status_code == 204, response.text
    assert zaken.get(zio["url"]).status_code == 404
    assert zaken.get(zaak["url"]).json()["zaakinformatieobjecten"] == []
    # the mirror went after the relation was gone here (the stand-in checks, as the Documenten API)
    assert foreign.mirrors_of("objectinformatieobjecten") == []
    assert foreign.writes() == [("POST", "objectinformatieobjecten"), ("DELETE", "objectinformatieobjecten")]
    records = trail(zaken, zaak, "zaakinformatieobject")
    assert [r["actie"] for r in records] == ["create", "destroy"]
    assert records[1]["wijzigingen"] == {"oud": zio, "nieuw": None}
    assert [m["actie"] for m in messages(zaken_outbox, "zaakinformatieobject")] == ["create"]


def test_delete_keeps_the_relation_when_the_mirror_stays(zaken, catalogi, foreign):
    _, zaak, document = setup(zaken, catalogi, foreign)
    zio = create(zaken, zaak, document).json()
    foreign.fail[("DELETE", "objectinformatieobjecten")] = 400
    assert_invalid(zaken.delete(zio["url"]), "informatieobject", "pending-relations")
    assert zaken.get(zio["url"]).json() == zio
    assert [r["actie"] for r in trail(zaken, zaak, "zaakinformatieobject")] == ["create"]
    foreign.fail.clear()
    foreign.down = True
    assert zaken.delete(zio["url"]).status_code == 503
    foreign.down = False
    assert zaken.get(zio["url"]).json() == zio
    assert zaken.delete(zio["url"]).status_code == 204


def test_a_closed_zaak_needs_geforceerd_bijwerken_zrc_007(zaken_app, zaken, catalogi, foreign, grant):
    zaaktype, zaak, document = setup(zaken, catalogi, foreign)
    zio = create(zaken, zaak, document).json()
    close(zaken_app, zaak)
    grant_writer(grant, "schrijver", zaaktype.url)
    grant_writer(grant, "geforceerd", zaaktype.url, scopes=["zaken.lezen", "zaken.geforceerd-bijwerken"])
    writer = zaken.as_client("schrijver")
    second = foreign.informatieobject(zaaktype.informatieobjecttypen[0])
    # validation first (400), then the closed zaak (403)
    assert_invalid(create(writer, zaak, document), "nonFieldErrors", "unique")
    assert create(writer, zaak, second).status_code == 403
    assert writer.patch(zio["url"], json={"titel": "X"}).status_code == 403
    assert writer.delete(zio["url"]).status_code == 403
    forced = zaken.as_client("geforceerd")
    assert create(forced, zaak, second).status_code == 201
    assert forced.patch(zio["url"], json={"titel": "X"}).status_code == 200
    assert forced.delete(zio["url"]).status_code == 204


def test_scopes_and_visibility_zrc_006(zaken, catalogi, foreign, grant):
    zaaktype, zaak, document = setup(zaken, catalogi, foreign)
    other_type = zaaktype_met_documenten(catalogi, "ZT-ANDER")
    hidden_zaak = create_zaak(zaken, other_type.url)
    visible = create(zaken, zaak, document).json()
    hidden = create(zaken, hidden_zaak, foreign.informatieobject(other_type.informatieobjecttypen[0])).json()
    grant("lezer-zt", [{"scopes": ["zaken.lezen"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    reader = zaken.as_client("lezer-zt")
    assert reader.get("/zaakinformatieobjecten").json() == [visible]
    assert reader.get(visible["url"]).status_code == 200
    assert reader.get(hidden["url"]).status_code == 403
    assert reader.head(hidden["url"]).status_code == 403
    # no write scope at all
    second = foreign.informatieobject(zaaktype.informatieobjecttypen[0])
    assert create(reader, zaak, second).status_code == 403
    assert reader.patch(visible["url"], json={"titel": "X"}).status_code == 403
    assert reader.delete(visible["url"]).status_code == 403
    # zaken.aanmaken may create, zaken.verwijderen may delete (not update), for its own zaaktype only
    grant_writer(grant, "aanmaker", zaaktype.url, scopes=["zaken.lezen", "zaken.aanmaken"])
    maker = zaken.as_client("aanmaker")
    assert create(maker, zaak, second).status_code == 201
    assert create(maker, hidden_zaak, foreign.informatieobject(other_type.informatieobjecttypen[0])).status_code == 403
    assert maker.patch(visible["url"], json={"titel": "X"}).status_code == 403
    grant_writer(grant, "verwijderaar", zaaktype.url, scopes=["zaken.lezen", "zaken.verwijderen"])
    remover = zaken.as_client("verwijderaar")
    assert remover.delete(hidden["url"]).status_code == 403
    assert remover.delete(visible["url"]).status_code == 204
    # the zaak's list for a zaak it may not see
    assert zaken.as_client("niemand").get("/zaakinformatieobjecten").json() == []


def test_the_list_costs_the_same_queries_for_any_number(zaken_app, zaken, catalogi, foreign):
    """No N+1: the statussen of a page come in one query."""
    zaaktype, zaak, document = setup(zaken, catalogi, foreign)
    status = status_row(zaken_app, zaak)
    create(zaken, zaak, document, status=status)
    with QueryCounter(zaken_app.state.db.engine) as one:
        assert len(zaken.get("/zaakinformatieobjecten").json()) == 1
    for _ in range(4):
        create(zaken, zaak, foreign.informatieobject(zaaktype.informatieobjecttypen[0]), status=status)
    with QueryCounter(zaken_app.state.db.engine) as five:
        assert len(zaken.get("/zaakinformatieobjecten").json()) == 5
    assert five.count == one.count


def test_deleting_a_zaak_removes_its_mirrors_zrc_023(zaken, catalogi, foreign):
    """zrc-023: deleting a zaak removes the mirrors of its informatieobjecten, contactmomenten and
    verzoeken in the other APIs."""
    _, zaak, document = setup(zaken, catalogi, foreign)
    assert create(zaken, zaak, document).status_code == 201
    assert (
        zaken.post("/zaakcontactmomenten", json={"zaak": zaak["url"], "contactmoment": foreign.contactmoment()["url"]}).status_code == 201
    )
    assert zaken.post("/zaakverzoeken", json={"zaak": zaak["url"], "verzoek": foreign.verzoek()["url"]}).status_code == 201
    assert len(foreign.mirrors) == 3
    assert zaken.delete(zaak["url"]).status_code == 204
    assert foreign.mirrors == {}
    assert zaken.get(zaak["url"]).status_code == 404
