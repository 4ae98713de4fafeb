"""Zaakbesluiten, nested under their zaak (`/zaken/{zaak_uuid}/besluiten`): the Besluiten API keeps
its besluit-zaak relation in sync through them."""

from tests.conftest import assert_invalid
from tests.zaken.relations_helpers import (
    close,
    create_zaak,
    foreign_fixture,  # noqa: F401  (the `foreign` fixture)
    grant_writer,
    messages,
    published_zaaktype,
    trail,
)

MISSING = "00000000-0000-0000-0000-000000000000"


def create(zaken, zaak, besluit):
    return zaken.post(f"{zaak['url']}/besluiten", json={"besluit": besluit["url"]})


def test_create(zaken, catalogi, foreign, zaken_outbox):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    besluit = foreign.besluit()
    response = create(zaken, zaak, besluit)
    assert response.status_code == 201, response.text
    relation = response.json()
    assert relation == {"url": f"{zaak['url']}/besluiten/{relation['uuid']}", "uuid": relation["uuid"], "besluit": besluit["url"]}
    assert response.headers["Location"] == relation["url"]
    [message] = messages(zaken_outbox, "zaakbesluit")
    assert message["actie"] == "create" and message["hoofdObject"] == zaak["url"] and message["resourceUrl"] == relation["url"]
    assert message["kenmerken"]["bronorganisatie"] == zaak["bronorganisatie"]
    [record] = trail(zaken, zaak, "zaakbesluit")
    assert record["actie"] == "create" and record["wijzigingen"] == {"oud": None, "nieuw": relation}
    # the Zaken API writes no mirror: the Besluiten API itself holds the relation
    assert foreign.writes() == []


def test_list_and_read(zaken, catalogi, foreign):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    other = create_zaak(zaken, zaaktype.url)
    first = create(zaken, zaak, foreign.besluit()).json()
    second = create(zaken, zaak, foreign.besluit()).json()
    elsewhere = create(zaken, other, foreign.besluit()).json()
    listed = zaken.get(f"{zaak['url']}/besluiten")
    assert listed.status_code == 200 and listed.json() == [first, second]
    detail = zaken.get(first["url"])
    assert detail.status_code == 200 and detail.json() == first
    assert zaken.get(f"{zaak['url']}/besluiten/{elsewhere['uuid']}").status_code == 404
    unknown = zaak["url"].rsplit("/", 1)[0] + "/" + MISSING
    assert zaken.get(f"{unknown}/besluiten").status_code == 404
    assert zaken.get(f"{unknown}/besluiten/{first['uuid']}").status_code == 404
    # the standard has no update and no HEAD on zaakbesluiten
    assert zaken.head(first["url"]).status_code == 405
    assert zaken.put(first["url"], json={"besluit": first["besluit"]}).status_code == 405
    assert zaken.patch(first["url"], json={}).status_code == 405


def test_besluit_must_resolve(zaken, catalogi, foreign):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    besluit = foreign.besluit()
    missing = {"url": besluit["url"].rsplit("/", 1)[0] + "/" + MISSING}
    assert_invalid(create(zaken, zaak, missing), "besluit", "bad-url")
    assert_invalid(create(zaken, zaak, foreign.verzoek()), "besluit", "invalid-resource")
    assert_invalid(create(zaken, zaak, {"url": "geen url"}), "besluit", "invalid")
    assert_invalid(zaken.post(f"{zaak['url']}/besluiten", json={}), "besluit", "required")
    foreign.down = True
    assert create(zaken, zaak, {"url": besluit["url"].rsplit("/", 1)[0] + "/11111111-1111-1111-1111-111111111111"}).status_code == 503
    foreign.down = False
    unknown = zaak["url"].rsplit("/", 1)[0] + "/" + MISSING
    assert zaken.post(f"{unknown}/besluiten", json={"besluit": besluit["url"]}).status_code == 404
    assert zaken.get(f"{zaak['url']}/besluiten").json() == []


def test_a_besluit_is_related_once(zaken, catalogi, foreign):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    other = create_zaak(zaken, zaaktype.url)
    besluit = foreign.besluit()
    assert create(zaken, zaak, besluit).status_code == 201
    assert_invalid(create(zaken, zaak, besluit), "nonFieldErrors", "unique")
    assert create(zaken, other, besluit).status_code == 201


def test_delete(zaken, catalogi, foreign, zaken_outbox):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    relation = create(zaken, zaak, foreign.besluit()).json()
    # a zaak with besluiten stays until those relations are gone
    assert_invalid(zaken.delete(zaak["url"]), "nonFieldErrors", "related-besluiten")
    assert zaken.delete(relation["url"]).status_code == 204
    assert zaken.get(relation["url"]).status_code == 404
    assert zaken.get(f"{zaak['url']}/besluiten").json() == []
    records = trail(zaken, zaak, "zaakbesluit")
    assert [r["actie"] for r in records] == ["create", "destroy"]
    assert records[1]["wijzigingen"] == {"oud": relation, "nieuw": None}
    # the standard announces create only
    assert [m["actie"] for m in messages(zaken_outbox, "zaakbesluit")] == ["create"]
    assert zaken.delete(zaak["url"]).status_code == 204


def test_a_closed_zaak_needs_geforceerd_bijwerken_zrc_007(zaken_app, zaken, catalogi, foreign, grant):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    relation = create(zaken, zaak, foreign.besluit()).json()
    close(zaken_app, zaak)
    grant_writer(grant, "schrijver", zaaktype.url, scopes=["zaken.lezen", "zaken.bijwerken"])
    grant_writer(grant, "geforceerd", zaaktype.url, scopes=["zaken.lezen", "zaken.bijwerken", "zaken.geforceerd-bijwerken"])
    writer = zaken.as_client("schrijver")
    assert_invalid(create(writer, zaak, {"url": relation["besluit"]}), "nonFieldErrors", "unique")  # 400 before 403
    assert create(writer, zaak, foreign.besluit()).status_code == 403
    assert writer.delete(relation["url"]).status_code == 403
    forced = zaken.as_client("geforceerd")
    assert create(forced, zaak, foreign.besluit()).status_code == 201
    assert forced.delete(relation["url"]).status_code == 204


def test_scopes_and_visibility_zrc_006(zaken, catalogi, foreign, grant):
    zaaktype = published_zaaktype(catalogi)
    other_type = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    zaak = create_zaak(zaken, zaaktype.url)
    hidden_zaak = create_zaak(zaken, other_type.url)
    visible = create(zaken, zaak, foreign.besluit()).json()
    hidden = create(zaken, hidden_zaak, foreign.besluit()).json()
    grant("lezer-zt", [{"scopes": ["zaken.lezen"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    reader = zaken.as_client("lezer-zt")
    assert reader.get(f"{zaak['url']}/besluiten").json() == [visible]
    assert reader.get(f"{hidden_zaak['url']}/besluiten").status_code == 403
    assert reader.get(hidden["url"]).status_code == 403
    assert create(reader, zaak, foreign.besluit()).status_code == 403
    assert reader.delete(visible["url"]).status_code == 403
    # zaken.bijwerken only: geforceerd-bijwerken alone does not write zaakbesluiten
    grant_writer(grant, "geforceerd", zaaktype.url, scopes=["zaken.lezen", "zaken.geforceerd-bijwerken"])
    assert create(zaken.as_client("geforceerd"), zaak, foreign.besluit()).status_code == 403
    grant_writer(grant, "schrijver", zaaktype.url, scopes=["zaken.lezen", "zaken.bijwerken"])
    writer = zaken.as_client("schrijver")
    assert create(writer, hidden_zaak, foreign.besluit()).status_code == 403
    assert writer.delete(hidden["url"]).status_code == 403
    assert writer.delete(visible["url"]).status_code == 204
