"""Valid Besluiten request bodies, on published types of the Catalogi service."""

from types import SimpleNamespace

from tests.catalogi import factories as ztc


def published_besluittype(catalogi, **overrides) -> dict:
    """A published besluittype with one published informatieobjecttype of its catalogus (unless given)."""
    catalogus = overrides.pop("catalogus", None) or ztc.create_catalogus(catalogi)["url"]
    if "informatieobjecttypen" not in overrides:
        omschrijving = f"Document bij {overrides.get('omschrijving', 'besluit')}"
        iotype = ztc.create_published_informatieobjecttype(catalogi, catalogus, omschrijving=omschrijving)
        overrides["informatieobjecttypen"] = [iotype["url"]]
    return ztc.create_published_besluittype(catalogi, catalogus, **overrides)


def besluit_body(besluittype_url: str, **overrides) -> dict:
    body = {
        "verantwoordelijkeOrganisatie": "000000000",
        "besluittype": besluittype_url,
        "datum": "2026-01-05",
        "ingangsdatum": "2026-01-06",
        "toelichting": "Vergunning verleend",
    }
    return {**body, **overrides}


def create_besluit(besluiten, besluittype_url: str, **overrides) -> dict:
    response = besluiten.post("/besluiten", json=besluit_body(besluittype_url, **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def zaak_with_besluittype(catalogi, zaken, besluittype: dict, **zaaktype_overrides) -> SimpleNamespace:
    """A zaak whose zaaktype has `besluittype` among its besluittypen (brc-007)."""
    from tests.zaken.factories import create_zaak, published_zaaktype

    zaaktype = published_zaaktype(
        catalogi, catalogus_url=besluittype["catalogus"], besluittypen=[besluittype["omschrijving"]], **zaaktype_overrides
    )
    return SimpleNamespace(zaaktype=zaaktype, zaak=create_zaak(zaken, zaaktype.url))
