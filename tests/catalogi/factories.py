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
        # without ../shared there is no selectielijst to point at; the zaaktype works without one
        "selectielijstProcestype": referentielijsten.procestype_url(1) if referentielijsten.available() else "",
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


def informatieobjecttype_body(catalogus_url: str, **overrides) -> dict:
    body = {
        "catalogus": catalogus_url,
        "omschrijving": "Aanvraagformulier",
        "vertrouwelijkheidaanduiding": "openbaar",
        "beginGeldigheid": "2024-01-01",
        "informatieobjectcategorie": "Formulier",
        "trefwoord": ["aanvraag"],
        "omschrijvingGeneriek": {
            "informatieobjecttypeOmschrijvingGeneriek": "Aanvraag",
            "definitieInformatieobjecttypeOmschrijvingGeneriek": "Een aanvraag van een burger",
            "herkomstInformatieobjecttypeOmschrijvingGeneriek": "VNG",
            "hierarchieInformatieobjecttypeOmschrijvingGeneriek": "basis",
            "opmerkingInformatieobjecttypeOmschrijvingGeneriek": None,
        },
    }
    body.update(overrides)
    return body


def create_informatieobjecttype(api, catalogus_url: str | None = None, **overrides) -> dict:
    if catalogus_url is None:
        catalogus_url = create_catalogus(api)["url"]
    response = api.post("/informatieobjecttypen", json=informatieobjecttype_body(catalogus_url, **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def create_published_informatieobjecttype(api, catalogus_url: str | None = None, **overrides) -> dict:
    return publish(api, create_informatieobjecttype(api, catalogus_url, **overrides)["url"])


def besluittype_body(catalogus_url: str, **overrides) -> dict:
    body = {
        "catalogus": catalogus_url,
        "omschrijving": "Vergunningsbesluit",
        "omschrijvingGeneriek": "Vergunning",
        "besluitcategorie": "Vergunning",
        "reactietermijn": "P6W",
        "publicatieIndicatie": False,
        "publicatietekst": "",
        "publicatietermijn": None,
        "toelichting": "",
        "informatieobjecttypen": [],
        "beginGeldigheid": "2024-01-01",
    }
    body.update(overrides)
    return body


def create_besluittype(api, catalogus_url: str | None = None, **overrides) -> dict:
    if catalogus_url is None:
        catalogus_url = create_catalogus(api)["url"]
    response = api.post("/besluittypen", json=besluittype_body(catalogus_url, **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def create_published_besluittype(api, catalogus_url: str | None = None, **overrides) -> dict:
    return publish(api, create_besluittype(api, catalogus_url, **overrides)["url"])


def _zaaktype_url(api, zaaktype_url: str | None) -> str:
    return zaaktype_url if zaaktype_url is not None else create_zaaktype(api)["url"]


def statustype_body(zaaktype_url: str, **overrides) -> dict:
    body = {
        "omschrijving": "Ontvangen",
        "omschrijvingGeneriek": "Ontvangen",
        "statustekst": "Uw aanvraag is ontvangen.",
        "zaaktype": zaaktype_url,
        "volgnummer": 1,
        "informeren": True,
        "doorlooptijd": "P2D",
        "toelichting": None,
        "checklistitemStatustype": [],
        "eigenschappen": [],
    }
    body.update(overrides)
    return body


def create_statustype(api, zaaktype_url: str | None = None, **overrides) -> dict:
    response = api.post("/statustypen", json=statustype_body(_zaaktype_url(api, zaaktype_url), **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def roltype_body(zaaktype_url: str, **overrides) -> dict:
    body = {"zaaktype": zaaktype_url, "omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator"}
    body.update(overrides)
    return body


def create_roltype(api, zaaktype_url: str | None = None, **overrides) -> dict:
    response = api.post("/roltypen", json=roltype_body(_zaaktype_url(api, zaaktype_url), **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def eigenschap_body(zaaktype_url: str, **overrides) -> dict:
    body = {
        "naam": "kenteken",
        "definitie": "Het kenteken van het voertuig",
        "specificatie": {
            "groep": "voertuig",
            "formaat": "tekst",
            "lengte": "8",
            "kardinaliteit": "1",
            "waardenverzameling": [],
        },
        "toelichting": "",
        "zaaktype": zaaktype_url,
    }
    body.update(overrides)
    return body


def create_eigenschap(api, zaaktype_url: str | None = None, **overrides) -> dict:
    response = api.post("/eigenschappen", json=eigenschap_body(_zaaktype_url(api, zaaktype_url), **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def zaakobjecttype_body(zaaktype: dict, **overrides) -> dict:
    """`zaaktype` is the zaaktype as returned by the API (its catalogus is needed too)."""
    body = {
        "anderObjecttype": False,
        "beginGeldigheid": "2024-01-01",
        "objecttype": "https://objecttypen.example.org/api/v2/objecttypes/2c2f6d3e-3c5a-4a8d-9d5f-1f1f1f1f1f1f",
        "relatieOmschrijving": "Het voertuig",
        "zaaktype": zaaktype["url"],
        "catalogus": zaaktype["catalogus"],
    }
    body.update(overrides)
    return body


def create_zaakobjecttype(api, zaaktype: dict | None = None, **overrides) -> dict:
    if zaaktype is None:
        zaaktype = create_zaaktype(api)
    response = api.post("/zaakobjecttypen", json=zaakobjecttype_body(zaaktype, **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def resultaattype_body(zaaktype_url: str, **overrides) -> dict:
    """A resultaattype for a zaaktype of selectielijst procestype 1 (the zaaktype_body default)."""
    resultaat = referentielijsten.resultaat(referentielijsten.procestype_url(1), procestermijn="nihil")
    body = {
        "zaaktype": zaaktype_url,
        "omschrijving": "Verleend",
        "resultaattypeomschrijving": referentielijsten.resultaattypeomschrijving_url("Toegekend"),
        "selectielijstklasse": resultaat["url"],
        "toelichting": "",
        "archiefnominatie": "vernietigen",
        "archiefactietermijn": "P10Y",
        "brondatumArchiefprocedure": {
            "afleidingswijze": "afgehandeld",
            "datumkenmerk": "",
            "einddatumBekend": False,
            "objecttype": "",
            "registratie": "",
            "procestermijn": None,
        },
        "besluittypen": [],
        "informatieobjecttypen": [],
    }
    body.update(overrides)
    return body


def create_resultaattype(api, zaaktype_url: str | None = None, **overrides) -> dict:
    if zaaktype_url is None:
        zaaktype_url = create_zaaktype(api)["url"]
    response = api.post("/resultaattypen", json=resultaattype_body(zaaktype_url, **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def ziot_body(zaaktype_url: str, informatieobjecttype: str, **overrides) -> dict:
    """A zaaktype-informatieobjecttype; `informatieobjecttype` is an omschrijving or a URL."""
    body = {
        "zaaktype": zaaktype_url,
        "informatieobjecttype": informatieobjecttype,
        "volgnummer": 1,
        "richting": "inkomend",
        "statustype": None,
    }
    body.update(overrides)
    return body


def create_ziot(api, zaaktype_url: str, informatieobjecttype: str, **overrides) -> dict:
    response = api.post("/zaaktype-informatieobjecttypen", json=ziot_body(zaaktype_url, informatieobjecttype, **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def informatieobjecttype_url(api, catalogus_url: str, omschrijving: str, *, published: bool = False, **overrides) -> str:
    """The URL of a new (published) informatieobjecttype version `omschrijving` in the catalogus."""
    create = create_published_informatieobjecttype if published else create_informatieobjecttype
    return create(api, catalogus_url, omschrijving=omschrijving, **overrides)["url"]


def besluittype_url(api, catalogus_url: str, omschrijving: str, *, published: bool = False, **overrides) -> str:
    """The URL of a new (published) besluittype version `omschrijving` in the catalogus."""
    create = create_published_besluittype if published else create_besluittype
    return create(api, catalogus_url, omschrijving=omschrijving, **overrides)["url"]
