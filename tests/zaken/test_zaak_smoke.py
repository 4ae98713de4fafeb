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
