"""Zaakeigenschappen, nested under their zaak (`/zaken/{zaak_uuid}/zaakeigenschappen`): the value of an
eigenschap of the zaak's zaaktype (zrc-018)."""

from tests.conftest import QueryCounter, assert_invalid
from tests.zaken.relations_helpers import close, create_zaak, grant_writer, messages, published_zaaktype, trail

MISSING = "00000000-0000-0000-0000-000000000000"


def create(zaken, zaak, eigenschap, waarde="AB-12-CD", **extra):
    body = {"zaak": zaak["url"], "eigenschap": eigenschap, "waarde": waarde, **extra}
    return zaken.post(f"{zaak['url']}/zaakeigenschappen", json=body)


def test_create_takes_the_naam_of_the_eigenschap(zaken, catalogi, zaken_outbox):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    body = {"zaak": zaak["url"], "eigenschap": zaaktype.eigenschappen["kenteken"], "waarde": "AB-12-CD"}
    response = zaken.post(f"{zaak['url']}/zaakeigenschappen", json=body, headers={"X-Audit-Toelichting": "Kenteken opgegeven"})
    assert response.status_code == 201, response.text
    eigenschap = response.json()
    assert eigenschap["url"] == f"{zaak['url']}/zaakeigenschappen/{eigenschap['uuid']}"
    assert response.headers["Location"] == eigenschap["url"]
    assert eigenschap == {
        "url": eigenschap["url"],
        "uuid": eigenschap["uuid"],
        "zaak": zaak["url"],
        "eigenschap": zaaktype.eigenschappen["kenteken"],
        "naam": "kenteken",
        "waarde": "AB-12-CD",
    }
    assert zaken.get(zaak["url"]).json()["eigenschappen"] == [eigenschap["url"]]
    [message] = messages(zaken_outbox, "zaakeigenschap")
    assert message["actie"] == "create" and message["hoofdObject"] == zaak["url"] and message["resourceUrl"] == eigenschap["url"]
    assert message["kenmerken"]["zaaktype"] == zaaktype.url
    [record] = trail(zaken, zaak, "zaakeigenschap")
    assert record["actie"] == "create" and record["wijzigingen"] == {"oud": None, "nieuw": eigenschap}
    assert record["toelichting"] == "Kenteken opgegeven" and record["bron"] == "zrc" and record["resultaat"] == 201


def test_list_is_a_plain_array_of_the_zaak(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    other = create_zaak(zaken, zaaktype.url)
    first = create(zaken, zaak, zaaktype.eigenschappen["kenteken"]).json()
    second = create(zaken, zaak, zaaktype.eigenschappen["datum"], "2026-01-05").json()
    create(zaken, other, zaaktype.eigenschappen["kenteken"])
    response = zaken.get(f"{zaak['url']}/zaakeigenschappen")
    assert response.status_code == 200
    assert response.json() == [first, second]
    unknown = zaak["url"].rsplit("/", 1)[0] + "/" + MISSING
    assert zaken.get(f"{unknown}/zaakeigenschappen").status_code == 404


def test_detail_has_etag_and_head(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    other = create_zaak(zaken, zaaktype.url)
    eigenschap = create(zaken, zaak, zaaktype.eigenschappen["kenteken"]).json()
    response = zaken.get(eigenschap["url"])
    assert response.status_code == 200 and response.json() == eigenschap
    etag = response.headers["ETag"]
    assert zaken.get(eigenschap["url"], headers={"If-None-Match": etag}).status_code == 304
    head = zaken.head(eigenschap["url"])
    assert head.status_code == 200 and head.headers["ETag"] == etag and head.content == b""
    # the eigenschap is found under its own zaak only
    assert zaken.get(f"{other['url']}/zaakeigenschappen/{eigenschap['uuid']}").status_code == 404
    assert zaken.get(f"{zaak['url']}/zaakeigenschappen/{MISSING}").status_code == 404


def test_eigenschap_must_belong_to_the_zaaktype_zrc_018(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    other_type = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    zaak = create_zaak(zaken, zaaktype.url)
    assert_invalid(create(zaken, zaak, other_type.eigenschappen["kenteken"]), "nonFieldErrors", "zaaktype-mismatch")
    missing = zaaktype.eigenschappen["kenteken"].rsplit("/", 1)[0] + "/" + MISSING
    assert_invalid(create(zaken, zaak, missing), "eigenschap", "bad-url")
    assert_invalid(create(zaken, zaak, zaaktype.statustypen[0]), "eigenschap", "invalid-resource")
    assert_invalid(create(zaken, zaak, "geen url"), "eigenschap", "invalid")
    response = zaken.post(f"{zaak['url']}/zaakeigenschappen", json={"zaak": zaak["url"], "eigenschap": zaaktype.eigenschappen["kenteken"]})
    assert_invalid(response, "waarde", "required")
    assert zaken.get(f"{zaak['url']}/zaakeigenschappen").json() == []


def test_the_zaak_of_the_body_is_the_zaak_of_the_path(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    other = create_zaak(zaken, zaaktype.url)
    body = {"zaak": other["url"], "eigenschap": zaaktype.eigenschappen["kenteken"], "waarde": "x"}
    assert_invalid(zaken.post(f"{zaak['url']}/zaakeigenschappen", json=body), "zaak", "zaak-mismatch")
    body["zaak"] = "https://elders.example.org/zaken/1"
    assert_invalid(zaken.post(f"{zaak['url']}/zaakeigenschappen", json=body), "zaak", "no_match")
    del body["zaak"]
    assert_invalid(zaken.post(f"{zaak['url']}/zaakeigenschappen", json=body), "zaak", "required")
    unknown = zaak["url"].rsplit("/", 1)[0] + "/" + MISSING
    assert zaken.post(f"{unknown}/zaakeigenschappen", json={**body, "zaak": unknown}).status_code == 404


def test_only_waarde_changes(zaken, catalogi, zaken_outbox):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    other = create_zaak(zaken, zaaktype.url)
    eigenschap = create(zaken, zaak, zaaktype.eigenschappen["kenteken"]).json()
    body = {"zaak": zaak["url"], "eigenschap": zaaktype.eigenschappen["kenteken"], "waarde": "XY-99-ZZ"}
    put = zaken.put(eigenschap["url"], json=body)
    assert put.status_code == 200, put.text
    assert put.json() == {**eigenschap, "waarde": "XY-99-ZZ"}
    patch = zaken.patch(eigenschap["url"], json={"waarde": "PQ-11-RS"})
    assert patch.status_code == 200 and patch.json()["waarde"] == "PQ-11-RS"
    assert_invalid(
        zaken.patch(eigenschap["url"], json={"eigenschap": zaaktype.eigenschappen["datum"]}), "eigenschap", "wijzigen-niet-toegelaten"
    )
    assert_invalid(zaken.put(eigenschap["url"], json={**body, "zaak": other["url"]}), "zaak", "wijzigen-niet-toegelaten")
    assert_invalid(zaken.put(eigenschap["url"], json={"waarde": "x"}), "zaak", "required")
    assert zaken.get(eigenschap["url"]).json()["waarde"] == "PQ-11-RS"
    assert [m["actie"] for m in messages(zaken_outbox, "zaakeigenschap")] == ["create", "update", "partial_update"]
    records = trail(zaken, zaak, "zaakeigenschap")
    assert [r["actie"] for r in records] == ["create", "update", "partial_update"]
    assert records[2]["wijzigingen"]["oud"]["waarde"] == "XY-99-ZZ" and records[2]["wijzigingen"]["nieuw"]["waarde"] == "PQ-11-RS"


def test_delete(zaken, catalogi, zaken_outbox):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    eigenschap = create(zaken, zaak, zaaktype.eigenschappen["kenteken"]).json()
    assert zaken.delete(eigenschap["url"]).status_code == 204
    assert zaken.get(eigenschap["url"]).status_code == 404
    assert zaken.get(zaak["url"]).json()["eigenschappen"] == []
    assert [m["actie"] for m in messages(zaken_outbox, "zaakeigenschap")] == ["create", "destroy"]
    records = trail(zaken, zaak, "zaakeigenschap")
    assert [r["actie"] for r in records] == ["create", "destroy"]
    assert records[1]["wijzigingen"] == {"oud": eigenschap, "nieuw": None}


def test_a_closed_zaak_needs_geforceerd_bijwerken_zrc_007(zaken_app, zaken, catalogi, grant):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    eigenschap = create(zaken, zaak, zaaktype.eigenschappen["kenteken"]).json()
    close(zaken_app, zaak)
    grant_writer(grant, "schrijver", zaaktype.url)
    grant_writer(grant, "geforceerd", zaaktype.url, scopes=["zaken.lezen", "zaken.geforceerd-bijwerken"])
    writer = zaken.as_client("schrijver")
    # validation first (400), then the closed zaak (403)
    other_type = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    assert_invalid(create(writer, zaak, other_type.eigenschappen["kenteken"]), "nonFieldErrors", "zaaktype-mismatch")
    assert create(writer, zaak, zaaktype.eigenschappen["datum"]).status_code == 403
    assert writer.patch(eigenschap["url"], json={"waarde": "x"}).status_code == 403
    assert writer.delete(eigenschap["url"]).status_code == 403
    forced = zaken.as_client("geforceerd")
    assert create(forced, zaak, zaaktype.eigenschappen["datum"]).status_code == 201
    assert forced.patch(eigenschap["url"], json={"waarde": "x"}).status_code == 200
    assert forced.delete(eigenschap["url"]).status_code == 204


def test_scopes_and_visibility_zrc_006(zaken, catalogi, grant):
    zaaktype = published_zaaktype(catalogi)
    other_type = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    zaak = create_zaak(zaken, zaaktype.url)
    hidden_zaak = create_zaak(zaken, other_type.url)
    visible = create(zaken, zaak, zaaktype.eigenschappen["kenteken"]).json()
    hidden = create(zaken, hidden_zaak, other_type.eigenschappen["kenteken"]).json()
    grant("lezer-zt", [{"scopes": ["zaken.lezen"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    reader = zaken.as_client("lezer-zt")
    assert reader.get(f"{zaak['url']}/zaakeigenschappen").json() == [visible]
    assert reader.get(visible["url"]).status_code == 200
    assert reader.get(f"{hidden_zaak['url']}/zaakeigenschappen").status_code == 403
    assert reader.get(hidden["url"]).status_code == 403
    assert reader.head(hidden["url"]).status_code == 403
    assert create(reader, zaak, zaaktype.eigenschappen["datum"]).status_code == 403
    assert reader.patch(visible["url"], json={"waarde": "x"}).status_code == 403
    assert reader.delete(visible["url"]).status_code == 403
    grant_writer(grant, "schrijver", zaaktype.url, scopes=["zaken.lezen", "zaken.bijwerken"])
    writer = zaken.as_client("schrijver")
    assert create(writer, hidden_zaak, other_type.eigenschappen["datum"]).status_code == 403
    assert writer.patch(hidden["url"], json={"waarde": "x"}).status_code == 403
    assert writer.delete(hidden["url"]).status_code == 403
    assert writer.patch(visible["url"], json={"waarde": "x"}).status_code == 200
    # zaken.aanmaken is no write scope for zaakeigenschappen
    grant_writer(grant, "aanmaker", zaaktype.url, scopes=["zaken.lezen", "zaken.aanmaken"])
    assert create(zaken.as_client("aanmaker"), zaak, zaaktype.eigenschappen["datum"]).status_code == 403


def test_the_list_costs_the_same_queries_for_any_number(zaken_app, zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    create(zaken, zaak, zaaktype.eigenschappen["kenteken"])
    with QueryCounter(zaken_app.state.db.engine) as one:
        assert len(zaken.get(f"{zaak['url']}/zaakeigenschappen").json()) == 1
    for _ in range(4):
        create(zaken, zaak, zaaktype.eigenschappen["datum"])
    with QueryCounter(zaken_app.state.db.engine) as five:
        assert len(zaken.get(f"{zaak['url']}/zaakeigenschappen").json()) == 5
    assert five.count == one.count
