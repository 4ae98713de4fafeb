"""The demo catalogus: three published zaaktypen with everything a Zaken client needs.

Loaded through the API itself (in-process), so the demo data passes every rule of the standard.
Each object is looked up before it is created: running it again changes nothing.
"""

import asyncio
from typing import Any

import httpx

from services.catalogi import API_ROOT
from shared.auth import make_token
from shared.settings import kernel_settings

BASE_URL = "http://127.0.0.1:8001"
SELECTIELIJST = "https://selectielijst.openzaak.nl/api/v1"

PROCESTYPE_TOESTEMMING = f"{SELECTIELIJST}/procestypen/035d5ce8-d4f8-4f23-a386-fe2ea136d9e3"
PROCESTYPE_DIENSTEN = f"{SELECTIELIJST}/procestypen/07c3c06a-2049-4e9e-82c5-7c1ff703c642"
RESULTAAT_VERLEEND = f"{SELECTIELIJST}/resultaten/183352aa-26d1-4bc3-8bbf-aec3a180ebbb"
RESULTAAT_GEWEIGERD = f"{SELECTIELIJST}/resultaten/bcd33d3a-4a34-4143-9569-4d161ea6da6b"
RESULTAAT_GELEVERD = f"{SELECTIELIJST}/resultaten/ceb821a2-3b5e-421a-ac49-ebc63d15dc29"
OMSCHRIJVING_TOEGEKEND = f"{SELECTIELIJST}/resultaattypeomschrijvingen/fb65d251-1518-4185-865f-b8bdcfad07b1"
OMSCHRIJVING_AFGEWEZEN = f"{SELECTIELIJST}/resultaattypeomschrijvingen/e6a0c939-3404-45b0-88e3-76c94fb80ea7"

CATALOGUS = {
    "domein": "DEMO",
    "rsin": "002220647",
    "contactpersoonBeheerNaam": "Functioneel beheer",
    "contactpersoonBeheerEmailadres": "beheer@gemeente.example",
    "naam": "Demo gemeente",
    "versie": "1",
    "begindatumVersie": "2024-01-01",
}

INFORMATIEOBJECTTYPEN: list[dict[str, Any]] = [
    {"omschrijving": "Aanvraag", "vertrouwelijkheidaanduiding": "zaakvertrouwelijk", "informatieobjectcategorie": "Aanvraag"},
    {"omschrijving": "Melding", "vertrouwelijkheidaanduiding": "openbaar", "informatieobjectcategorie": "Melding"},
    {"omschrijving": "Besluit", "vertrouwelijkheidaanduiding": "openbaar", "informatieobjectcategorie": "Besluit"},
    {"omschrijving": "Klacht", "vertrouwelijkheidaanduiding": "zaakvertrouwelijk", "informatieobjectcategorie": "Klacht"},
]

BESLUITTYPEN: list[dict[str, Any]] = [
    {
        "omschrijving": "Besluit parkeervergunning",
        "omschrijvingGeneriek": "Vergunningsbesluit",
        "besluitcategorie": "vergunning",
        "reactietermijn": "P6W",
        "publicatieIndicatie": False,
        "informatieobjecttypen": ["Besluit"],
    },
    {
        "omschrijving": "Besluit op melding",
        "omschrijvingGeneriek": "Afhandelingsbesluit",
        "besluitcategorie": "melding",
        "reactietermijn": "P6W",
        "publicatieIndicatie": False,
        "informatieobjecttypen": ["Melding"],
    },
    {
        "omschrijving": "Besluit op bezwaar",
        "omschrijvingGeneriek": "Bezwaarbesluit",
        "besluitcategorie": "bezwaar",
        "reactietermijn": "P6W",
        "publicatieIndicatie": False,
        "informatieobjecttypen": ["Besluit"],
    },
]


def _zaaktype(identificatie: str, omschrijving: str, **fields) -> dict:
    return {
        "identificatie": identificatie,
        "omschrijving": omschrijving,
        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
        "doel": omschrijving,
        "aanleiding": "Een verzoek of melding van een inwoner",
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": "aanvragen",
        "handelingBehandelaar": "behandelen",
        "opschortingEnAanhoudingMogelijk": True,
        "verlengingMogelijk": True,
        "publicatieIndicatie": False,
        "productenOfDiensten": [],
        "referentieproces": {"naam": omschrijving},
        "verantwoordelijke": "Publiekszaken",
        "besluittypen": [],
        "deelzaaktypen": [],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": "2024-01-01",
        "versiedatum": "2024-01-01",
        **fields,
    }


def _roltypen(initiator: str) -> list[dict]:
    """The initiator (Aanvrager, Melder) and the behandelaar of a demo zaak."""
    return [
        {"omschrijving": initiator, "omschrijvingGeneriek": "initiator"},
        {"omschrijving": "Behandelaar", "omschrijvingGeneriek": "behandelaar"},
    ]


def _resultaattype(omschrijving: str, generiek: str, klasse: str, termijn: str, besluittypen: tuple[str, ...] = ()) -> dict:
    """A demo resultaattype: destroyed `termijn` after the zaak is closed."""
    return {
        "omschrijving": omschrijving,
        "resultaattypeomschrijving": generiek,
        "selectielijstklasse": klasse,
        "archiefnominatie": "vernietigen",
        "archiefactietermijn": termijn,
        "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
        "besluittypen": list(besluittypen),
    }


def _eigenschap(naam: str, definitie: str, lengte: int) -> dict:
    """A demo eigenschap: one line of text."""
    return {
        "naam": naam,
        "definitie": definitie,
        "specificatie": {"formaat": "tekst", "lengte": str(lengte), "kardinaliteit": "1", "waardenverzameling": []},
    }


def _statustypen(ontvangen: str, behandeling: str) -> list[dict]:
    """Ontvangen, In behandeling, Afgehandeld; the first two with the doorlooptijd a zaak may
    spend in them (what the rapportage's `stilstand` signal measures against)."""
    return [
        {"volgnummer": 1, "omschrijving": "Ontvangen", "statustekst": "Wij hebben uw verzoek ontvangen.", "informeren": True, "doorlooptijd": ontvangen},
        {"volgnummer": 2, "omschrijving": "In behandeling", "statustekst": "Uw verzoek is in behandeling.", "informeren": True, "doorlooptijd": behandeling},
        {"volgnummer": 3, "omschrijving": "Afgehandeld", "statustekst": "Uw verzoek is afgehandeld.", "informeren": True},
    ]  # fmt: skip


ZAAKTYPEN: list[dict[str, Any]] = [
    {
        "zaaktype": _zaaktype(
            "DEMO-PARKEREN",
            "Aanvraag parkeervergunning",
            onderwerp="Parkeervergunning",
            doorlooptijd="P8W",
            servicenorm="P6W",
            verlengingstermijn="P4W",
            trefwoorden=["parkeren", "vergunning"],
            selectielijstProcestype=PROCESTYPE_TOESTEMMING,
            besluittypen=["Besluit parkeervergunning", "Besluit op bezwaar"],
        ),
        "statustypen": _statustypen("P5D", "P6W"),
        "roltypen": _roltypen("Aanvrager"),
        "resultaattypen": [
            _resultaattype("Verleend", OMSCHRIJVING_TOEGEKEND, RESULTAAT_VERLEEND, "P1Y", ("Besluit parkeervergunning",)),
            _resultaattype("Geweigerd", OMSCHRIJVING_AFGEWEZEN, RESULTAAT_GEWEIGERD, "P5Y"),
        ],
        "eigenschappen": [_eigenschap("kenteken", "Het kenteken van het voertuig", 8)],
        "informatieobjecttypen": [("Aanvraag", "inkomend"), ("Besluit", "uitgaand")],
    },
    {
        "zaaktype": _zaaktype(
            "DEMO-MOR",
            "Melding openbare ruimte",
            onderwerp="Openbare ruimte",
            doorlooptijd="P2W",
            servicenorm="P1W",
            verlengingstermijn="P1W",
            trefwoorden=["melding", "openbare ruimte"],
            selectielijstProcestype=PROCESTYPE_DIENSTEN,
            vertrouwelijkheidaanduiding="openbaar",
            besluittypen=["Besluit op melding"],
        ),
        "statustypen": _statustypen("P2D", "P10D"),
        "roltypen": _roltypen("Melder"),
        "resultaattypen": [_resultaattype("Opgelost", OMSCHRIJVING_TOEGEKEND, RESULTAAT_GELEVERD, "P5Y")],
        "eigenschappen": [_eigenschap("locatie", "Waar de melding over gaat", 200)],
        "informatieobjecttypen": [("Melding", "inkomend")],
    },
    {
        "zaaktype": _zaaktype(
            "DEMO-KLACHT",
            "Behandeling klacht",
            onderwerp="Klacht",
            doorlooptijd="P6W",
            servicenorm="P4W",
            verlengingstermijn="P4W",
            trefwoorden=["klacht"],
            selectielijstProcestype=PROCESTYPE_DIENSTEN,
            handelingInitiator="indienen",
        ),
        "statustypen": _statustypen("P3D", "P4W"),
        "roltypen": _roltypen("Klager"),
        "resultaattypen": [_resultaattype("Afgehandeld", OMSCHRIJVING_TOEGEKEND, RESULTAAT_GELEVERD, "P1Y")],
        "eigenschappen": [],
        "informatieobjecttypen": [("Klacht", "inkomend")],
    },
]


# (collection, the field that identifies one within its zaaktype), in the order they are created
SUBTYPE_KEYS = (("statustypen", "volgnummer"), ("roltypen", "omschrijving"), ("resultaattypen", "omschrijving"), ("eigenschappen", "naam"))


class _Seeder:
    def __init__(self, client: httpx.AsyncClient):
        self.client = client
        self.created = 0

    async def _list(self, collection: str, params: dict) -> list[dict]:
        results, url = [], f"{API_ROOT}/{collection}"
        query: dict | None = {**params, "status": "alles"} if collection != "catalogussen" else params
        while url:
            response = await self.client.get(url, params=query)
            response.raise_for_status()
            page = response.json()
            results.extend(page["results"])
            url, query = page["next"], None  # the next link holds the query
        return results

    async def ensure(self, collection: str, params: dict, match: dict, body: dict) -> dict:
        for item in await self._list(collection, params):
            if all(item.get(k) == v for k, v in match.items()):
                return item
        response = await self.client.post(f"{API_ROOT}/{collection}", json=body)
        if response.status_code != 201:
            raise RuntimeError(f"demo: creating {collection} failed: {response.status_code} {response.text}")
        self.created += 1
        return response.json()

    async def publish(self, item: dict) -> None:
        if item["concept"]:
            response = await self.client.post(f"{item['url']}/publish", json={})
            if response.status_code != 200:
                raise RuntimeError(f"demo: publishing {item['url']} failed: {response.status_code} {response.text}")

    async def run(self) -> None:
        catalogus = await self.ensure("catalogussen", {"domein": CATALOGUS["domein"]}, {"rsin": CATALOGUS["rsin"]}, CATALOGUS)
        in_catalogus = {"catalogus": catalogus["url"]}
        for collection, bodies in (("informatieobjecttypen", INFORMATIEOBJECTTYPEN), ("besluittypen", BESLUITTYPEN)):
            for body in bodies:
                versioned = await self.ensure(
                    collection,
                    {**in_catalogus, "omschrijving": body["omschrijving"]},
                    {},
                    {**body, "catalogus": catalogus["url"], "beginGeldigheid": "2024-01-01"},
                )
                await self.publish(versioned)
        for spec in ZAAKTYPEN:
            zaaktype = await self.ensure(
                "zaaktypen",
                {**in_catalogus, "identificatie": spec["zaaktype"]["identificatie"]},
                {},
                {**spec["zaaktype"], "catalogus": catalogus["url"]},
            )
            of_zaaktype = {"zaaktype": zaaktype["url"]}
            # each sub-type found again by its key within the zaaktype
            for collection, key in SUBTYPE_KEYS:
                for body in spec[collection]:
                    await self.ensure(collection, of_zaaktype, {key: body[key]}, {**body, **of_zaaktype})
            for volgnummer, (omschrijving, richting) in enumerate(spec["informatieobjecttypen"], start=1):
                await self.ensure(
                    "zaaktype-informatieobjecttypen",
                    of_zaaktype,
                    {"volgnummer": volgnummer},
                    {**of_zaaktype, "informatieobjecttype": omschrijving, "volgnummer": volgnummer, "richting": richting},
                )
            current = (await self.client.get(zaaktype["url"])).json()
            await self.publish(current)


def seed_demo(app=None, base_url: str = BASE_URL) -> str:
    """Load the demo catalogus into the Catalogi database; returns a one-line summary."""
    from services.catalogi.app import create_app

    kernel = kernel_settings().model_copy(update={"demo_enabled": True})
    app = app or create_app(kernel=kernel)
    token = make_token(kernel.demo_client_id, kernel.demo_client_secret, user_id="seed-demo", user_representation="Demo-lader")

    async def run() -> int:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=base_url, headers={"Authorization": f"Bearer {token}"}) as client:
            seeder = _Seeder(client)
            await seeder.run()
            return seeder.created

    created = asyncio.run(run())
    return f"demo catalogus: {created} objects created" if created else "demo catalogus: already present"
