"""A published zaaktype with its types in the Catalogi service, and valid Zaken request bodies."""

from dataclasses import dataclass, field

from tests.catalogi import factories as ztc
from tests.standins import referentielijsten


@dataclass
class Zaaktype:
    """A published zaaktype and the URLs of its types (as the Catalogi API returned them)."""

    url: str
    data: dict
    statustypen: list[str]  # by volgnummer: the last is the eindstatus
    roltypen: dict[str, str]  # omschrijvingGeneriek -> url
    eigenschappen: dict[str, str]  # naam -> url
    resultaattypen: list[str] = field(default_factory=list)
    zaakobjecttypen: list[str] = field(default_factory=list)
    informatieobjecttypen: list[str] = field(default_factory=list)

    @property
    def eindstatus(self) -> str:
        return self.statustypen[-1]


def published_zaaktype(
    catalogi, *, identificatie: str = "ZT-001", catalogus_url: str | None = None, resultaattype: dict | None = None, **overrides
) -> Zaaktype:
    """A zaaktype with statustypen Ontvangen/In behandeling/Afgehandeld, roltypen initiator,
    behandelaar and zaakcoordinator, eigenschappen `kenteken` and `datum`, a resultaattype (when
    the selectielijst stand-in is there: `resultaattype` overrides its body), published."""
    catalogus_url = catalogus_url or _catalogus(catalogi)
    zaaktype = ztc.create_zaaktype(catalogi, catalogus_url, identificatie=identificatie, **overrides)
    url = zaaktype["url"]
    statustypen = [
        ztc.create_statustype(catalogi, url, omschrijving=omschrijving, volgnummer=number)["url"]
        for number, omschrijving in enumerate(("Ontvangen", "In behandeling", "Afgehandeld"), start=1)
    ]
    roltypen = {
        generiek: ztc.create_roltype(catalogi, url, omschrijving=generiek.capitalize(), omschrijvingGeneriek=generiek)["url"]
        for generiek in ("initiator", "behandelaar", "zaakcoordinator")
    }
    eigenschappen = {
        "kenteken": ztc.create_eigenschap(catalogi, url, naam="kenteken")["url"],
        "datum": ztc.create_eigenschap(catalogi, url, naam="datum")["url"],
    }
    resultaattypen = []
    if referentielijsten.available():
        resultaattypen.append(ztc.create_resultaattype(catalogi, url, **(resultaattype or {}))["url"])
    zaakobjecttypen = [ztc.create_zaakobjecttype(catalogi, zaaktype)["url"]]
    data = ztc.publish(catalogi, url)
    return Zaaktype(url, data, statustypen, roltypen, eigenschappen, resultaattypen, zaakobjecttypen)


def _catalogus(catalogi) -> str:
    existing = catalogi.get("/catalogussen").json()["results"]
    return existing[0]["url"] if existing else ztc.create_catalogus(catalogi)["url"]


def zaak_body(zaaktype_url: str, **overrides) -> dict:
    body = {
        "bronorganisatie": "517439943",
        "verantwoordelijkeOrganisatie": "517439943",
        "zaaktype": zaaktype_url,
        "startdatum": "2026-01-05",
        "omschrijving": "Parkeervergunning Dorpsstraat 1",
    }
    body.update(overrides)
    return body


def create_zaak(zaken, zaaktype_url: str, **overrides) -> dict:
    response = zaken.post("/zaken", json=zaak_body(zaaktype_url, **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def create_status(zaken, zaak_url: str, statustype_url: str, datum: str = "2026-01-06T10:00:00Z", **overrides) -> dict:
    body = {"zaak": zaak_url, "statustype": statustype_url, "datumStatusGezet": datum, **overrides}
    response = zaken.post("/statussen", json=body)
    assert response.status_code == 201, response.text
    return response.json()
