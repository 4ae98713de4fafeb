"""RESULTAAT: /resultaten CRUD, one per zaak (zrc-007), resultaattype of the zaaktype (zrc-020),
and the closed-zaak rule (zrc-007: writes need zaken.geforceerd-bijwerken, after validation)."""

import uuid

from tests.conftest import assert_invalid, requires_shared
from tests.zaken.factories import create_zaak, published_zaaktype
from tests.zaken.status_helpers import closable_zaak, close

pytestmark = requires_shared("referentielijsten")


def create_resultaat(zaken, zaak_url: str, resultaattype: str, **extra) -> dict:
    response = zaken.post("/resultaten", json={"zaak": zaak_url, "resultaattype": resultaattype, **extra})
    assert response.status_code == 201, response.text
    return response.json()


def test_create_read_update_delete_a_resultaat(zaken, catalogi, zaken_outbox):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    response = zaken.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattypen[0], "toelichting": "verleend"})
    assert response.status_code == 201, response.text
    resultaat = response.json()
    assert response.headers["Location"] == resultaat["url"]
    assert resultaat == {
        "url": f"http://testserver/zaken/api/v1/resultaten/{resultaat['uuid']}",
        "uuid": resultaat["uuid"],
        "zaak": zaak["url"],
        "resultaattype": zaaktype.resultaattypen[0],
        "toelichting": "verleend",
    }
    assert zaken.get(resultaat["url"]).json() == resultaat
    assert zaken.get(zaak["url"]).json()["resultaat"] == resultaat["url"]

    patched = zaken.patch(resultaat["url"], json={"toelichting": "gedeeltelijk verleend"})
    assert patched.status_code == 200, patched.text
    assert patched.json()["toelichting"] == "gedeeltelijk verleend"
    put = zaken.put(resultaat["url"], json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattypen[0], "toelichting": "nogmaals"})
    assert put.status_code == 200, put.text
    assert zaken.get(resultaat["url"]).json()["toelichting"] == "nogmaals"

    assert zaken.delete(resultaat["url"]).status_code == 204
    assert zaken.get(resultaat["url"]).status_code == 404
    assert zaken.get(zaak["url"]).json()["resultaat"] is None

    messages = [(m["resource"], m["actie"], m["resourceUrl"]) for m in zaken_outbox() if m["resource"] == "resultaat"]
    assert messages == [
        ("resultaat", "create", resultaat["url"]),
        ("resultaat", "partial_update", resultaat["url"]),
        ("resultaat", "update", resultaat["url"]),
        ("resultaat", "destroy", resultaat["url"]),
    ]
    message = zaken_outbox()[-1]
    assert message["hoofdObject"] == zaak["url"]
    assert message["kenmerken"] == {
        "bronorganisatie": zaak["bronorganisatie"],
        "zaaktype": zaaktype.url,
        "vertrouwelijkheidaanduiding": "openbaar",
    }


def test_one_resultaat_per_zaak(zaken, catalogi):
    """zrc-007: a zaak has one resultaat (`zaak` `unique`)."""
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    create_resultaat(zaken, zaak["url"], zaaktype.resultaattypen[0])
    response = zaken.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattypen[0]})
    assert_invalid(response, "zaak", "unique")


def test_zrc_020_resultaattype_of_another_zaaktype(zaken, catalogi):
    """zrc-020: the resultaattype belongs to the zaaktype of the zaak."""
    zaaktype = published_zaaktype(catalogi, identificatie="ZT-A")
    other = published_zaaktype(catalogi, identificatie="ZT-B")
    zaak = create_zaak(zaken, zaaktype.url)
    response = zaken.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": other.resultaattypen[0]})
    assert_invalid(response, "nonFieldErrors", "zaaktype-mismatch")


def test_resultaat_validation(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    response = zaken.post("/resultaten", json={})
    assert_invalid(response, "zaak", "required")
    assert_invalid(response, "resultaattype", "required")
    missing = f"http://testserver/catalogi/api/v1/resultaattypen/{uuid.uuid4()}"
    assert_invalid(zaken.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": missing}), "resultaattype", "bad-url")
    assert_invalid(
        zaken.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.statustypen[0]}), "resultaattype", "invalid-resource"
    )
    unknown_zaak = f"http://testserver/zaken/api/v1/zaken/{uuid.uuid4()}"
    assert_invalid(
        zaken.post("/resultaten", json={"zaak": unknown_zaak, "resultaattype": zaaktype.resultaattypen[0]}), "zaak", "object-does-not-exist"
    )
    assert_invalid(
        zaken.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattypen[0], "toelichting": "x" * 1001}),
        "toelichting",
        "max_length",
    )


def test_resultaattype_and_zaak_do_not_change(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi, identificatie="ZT-A")
    zaak = create_zaak(zaken, zaaktype.url)
    other_zaak = create_zaak(zaken, zaaktype.url)
    resultaat = create_resultaat(zaken, zaak["url"], zaaktype.resultaattypen[0])
    response = zaken.patch(resultaat["url"], json={"resultaattype": f"http://testserver/catalogi/api/v1/resultaattypen/{uuid.uuid4()}"})
    assert_invalid(response, "resultaattype", "wijzigen-niet-toegelaten")
    assert_invalid(zaken.patch(resultaat["url"], json={"zaak": other_zaak["url"]}), "zaak", "wijzigen-niet-toegelaten")


def test_resultaat_list_filters_and_etag(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    eerste = create_resultaat(zaken, create_zaak(zaken, zaaktype.url)["url"], zaaktype.resultaattypen[0])
    tweede_zaak = create_zaak(zaken, zaaktype.url)
    tweede = create_resultaat(zaken, tweede_zaak["url"], zaaktype.resultaattypen[0])
    listed = zaken.get("/resultaten").json()
    assert listed["count"] == 2
    assert [r["url"] for r in listed["results"]] == [tweede["url"], eerste["url"]]  # newest first
    assert [r["url"] for r in zaken.get("/resultaten", params={"zaak": tweede_zaak["url"]}).json()["results"]] == [tweede["url"]]
    assert zaken.get("/resultaten", params={"resultaattype": zaaktype.resultaattypen[0]}).json()["count"] == 2
    assert zaken.get("/resultaten", params={"resultaattype": "http://elders.test/rt/1"}).json()["count"] == 0
    assert_invalid(zaken.get("/resultaten", params={"onbekend": "1"}), "nonFieldErrors", "unknown-parameters")

    etag = zaken.get(eerste["url"]).headers["ETag"]
    head = zaken.head(eerste["url"])
    assert head.status_code == 200 and head.headers["ETag"] == etag and head.content == b""
    assert zaken.get(eerste["url"], headers={"If-None-Match": etag}).status_code == 304
    zaken.patch(eerste["url"], json={"toelichting": "anders"})
    assert zaken.get(eerste["url"], headers={"If-None-Match": etag}).status_code == 200


def test_resultaat_scopes(zaken, catalogi, grant):
    """zrc-006: writes need zaken.bijwerken (or geforceerd-bijwerken) for the zaaktype; lists are filtered."""
    mine = published_zaaktype(catalogi, identificatie="ZT-MIJN")
    other = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    zaak = create_zaak(zaken, mine.url)
    hidden = create_resultaat(zaken, create_zaak(zaken, other.url)["url"], other.resultaattypen[0])
    grant("lezer", [{"scopes": ["zaken.lezen"], "zaaktype": mine.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    grant("bijwerker", [{"scopes": ["zaken.lezen", "zaken.bijwerken"], "zaaktype": mine.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    body = {"zaak": zaak["url"], "resultaattype": mine.resultaattypen[0]}
    assert zaken.as_client("lezer").post("/resultaten", json=body).status_code == 403
    bijwerker = zaken.as_client("bijwerker")
    created = bijwerker.post("/resultaten", json=body)
    assert created.status_code == 201, created.text
    assert [r["url"] for r in bijwerker.get("/resultaten").json()["results"]] == [created.json()["url"]]
    assert bijwerker.get(hidden["url"]).status_code == 403
    assert bijwerker.patch(hidden["url"], json={"toelichting": "x"}).status_code == 403
    assert bijwerker.delete(hidden["url"]).status_code == 403
    assert zaken.as_client("lezer").delete(created.json()["url"]).status_code == 403


def test_zrc_007_closed_zaak_blocks_resultaat_writes_without_geforceerd_bijwerken(zaken, catalogi, grant):
    """zrc-007: on a closed zaak a resultaat changes only with zaken.geforceerd-bijwerken (403), but
    validation comes first: a 2nd resultaat is still a 400 `unique` (PM zrc-007e)."""
    zaaktype, zaak = closable_zaak(zaken, catalogi)
    assert close(zaken, zaaktype, zaak).status_code == 201
    resultaat_url = zaken.get(zaak["url"]).json()["resultaat"]
    grant(
        "bijwerker",
        [{"scopes": ["zaken.lezen", "zaken.bijwerken"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "openbaar"}],
    )
    grant(
        "forceerder",
        [{"scopes": ["zaken.lezen", "zaken.geforceerd-bijwerken"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "openbaar"}],
    )
    bijwerker, forceerder = zaken.as_client("bijwerker"), zaken.as_client("forceerder")

    second = bijwerker.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattypen[0]})
    assert_invalid(second, "zaak", "unique")
    assert bijwerker.patch(resultaat_url, json={"toelichting": "te laat"}).status_code == 403
    put_body = {"zaak": zaak["url"], "resultaattype": zaaktype.resultaattypen[0], "toelichting": "te laat"}
    assert bijwerker.put(resultaat_url, json=put_body).status_code == 403
    assert bijwerker.delete(resultaat_url).status_code == 403
    # validation before the closed-zaak rule
    assert_invalid(
        bijwerker.patch(resultaat_url, json={"resultaattype": zaaktype.statustypen[0]}), "resultaattype", "wijzigen-niet-toegelaten"
    )
    assert zaken.get(resultaat_url).json()["toelichting"] == ""

    forced = forceerder.patch(resultaat_url, json={"toelichting": "correctie"})
    assert forced.status_code == 200, forced.text
    assert forced.json()["toelichting"] == "correctie"
    assert forceerder.delete(resultaat_url).status_code == 204
    # a closed zaak without resultaat: a new one needs geforceerd-bijwerken too
    assert bijwerker.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattypen[0]}).status_code == 403
    assert forceerder.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattypen[0]}).status_code == 201


def test_a_resultaat_on_an_open_zaak_needs_no_geforceerd_bijwerken(zaken, catalogi, grant):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    grant(
        "bijwerker",
        [{"scopes": ["zaken.lezen", "zaken.bijwerken"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "openbaar"}],
    )
    bijwerker = zaken.as_client("bijwerker")
    created = bijwerker.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattypen[0]})
    assert created.status_code == 201, created.text
    assert bijwerker.patch(created.json()["url"], json={"toelichting": "ok"}).status_code == 200
    assert bijwerker.delete(created.json()["url"]).status_code == 204
