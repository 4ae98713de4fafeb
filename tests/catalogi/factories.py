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
