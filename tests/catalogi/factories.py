"""Valid request bodies for Catalogi resources, and helpers that create them over the API."""

from tests.standins import referentielijsten


def catalogus_body(**overrides) -> dict:
    body = {
        "domein": "TEST",
        "rsin": "002220647",
        "contactpersoonBeheerNaam": "Beheerder",
        "contactpersoonBeheerTelefoonnummer": "0201234567",
        "contactpersoonBeheerEmailadres": "beheer@example.org",
        "naam": "Testcatalogus",
        "versie": "1",
        "begindatumVersie": "2024-01-01",
    }
    body.update(overrides)
    return body


def create_catalogus(api, **overrides) -> dict:
    response = api.post("/catalogussen", json=catalogus_body(**overrides))
    assert response.status_code == 201, response.text
    return response.json()


def zaaktype_body(catalogus_url: str, **overrides) -> dict:
    body = {
        "identificatie": "ZT-001",
        "omschrijving": "Aanvraag parkeervergunning",
        "omschrijvingGeneriek": "Vergunning",
        "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "Een parkeervergunning verlenen",
        "aanleiding": "Aanvraag van een burger",
        "toelichting": "",
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": "aanvragen",
        "onderwerp": "Parkeervergunning",
        "handelingBehandelaar": "behandelen",
        "doorlooptijd": "P8W",
        "servicenorm": "P4W",
        "opschortingEnAanhoudingMogelijk": True,
        "verlengingMogelijk": True,
        "verlengingstermijn": "P4W",
        "trefwoorden": ["parkeren", "vergunning"],
        "publicatieIndicatie": False,
        "publicatietekst": "",
        "verantwoordingsrelatie": [],
        "productenOfDiensten": ["https://producten.example.org/parkeervergunning"],
        "selectielijstProcestype": referentielijsten.procestype_url(1),
        "referentieproces": {"naam": "Vergunningverlening", "link": ""},
        "verantwoordelijke": "Team Parkeren",
        "catalogus": catalogus_url,
        "besluittypen": [],
        "deelzaaktypen": [],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": "2024-01-01",
        "versiedatum": "2024-01-01",
    }
    body.update(overrides)
    return body


def create_zaaktype(api, catalogus_url: str | None = None, **overrides) -> dict:
    if catalogus_url is None:
        catalogus_url = create_catalogus(api)["url"]
    response = api.post("/zaaktypen", json=zaaktype_body(catalogus_url, **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def publish(api, url: str) -> dict:
    response = api.post(f"{url}/publish", json={})
    assert response.status_code == 200, response.text
    return response.json()
