from tests.zaken.factories import create_zaak, published_zaaktype


def test_create_and_read_a_zaak(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    assert zaak["identificatie"].startswith("ZAAK-2026-")
    assert zaak["vertrouwelijkheidaanduiding"] == "openbaar"
    assert zaak["einddatumGepland"] == "2026-02-02"  # startdatum + servicenorm P4W
    assert zaak["uiterlijkeEinddatumAfdoening"] == "2026-03-02"  # + doorlooptijd P8W
    response = zaken.get(zaak["url"])
    assert response.status_code == 200, response.text
    assert response.json() == zaak
    listed = zaken.get("/zaken").json()
    assert listed["count"] == 1 and listed["results"][0] == zaak


def test_resultaat_of_a_zaak(zaken, catalogi):
    from tests.conftest import requires_shared  # noqa: F401

    zaaktype = published_zaaktype(catalogi)
    if not zaaktype.resultaattypen:
        return
    zaak = create_zaak(zaken, zaaktype.url)
    response = zaken.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattypen[0]})
    assert response.status_code == 201, response.text
    assert zaken.get(zaak["url"]).json()["resultaat"] == response.json()["url"]
    second = zaken.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattypen[0]})
    assert second.status_code == 400 and second.json()["invalidParams"][0]["code"] == "unique"


def test_a_limited_client_sees_only_its_zaaktype(zaken, catalogi, grant):
    """zrc-006 in one example (the full set lives in test_autorisaties)."""
    mine = published_zaaktype(catalogi, identificatie="ZT-MIJN")
    other = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    visible = create_zaak(zaken, mine.url)
    hidden = create_zaak(zaken, other.url)
    grant("beperkt", [{"scopes": ["zaken.lezen"], "zaaktype": mine.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    limited = zaken.as_client("beperkt")
    assert [z["url"] for z in limited.get("/zaken").json()["results"]] == [visible["url"]]
    assert limited.get(hidden["url"]).status_code == 403
