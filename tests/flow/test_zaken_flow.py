"""Catalogi and Zaken as two real processes (`zgw serve`) on free ports, each with a database of
its own, talking real HTTP: the Zaken service reads zaaktype, statustype and resultaattype URLs
from the Catalogi process with its own credentials (ZAKEN_CLIENT_ID/ZAKEN_SECRET), and delivers
its notifications to a receiver process.

The lifecycle test walks one zaak from creation to closure (zrc-007, zrc-021) and checks its
audit trail and notifications; the outage test shows that a Catalogi API that hangs or is gone
gives a quick 503 and writes nothing."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from services.besluiten.db import Base as BesluitenBase
from services.documenten.db import Base as DocumentenBase
from services.zaken.db import Base as ZakenBase
from services.zaken.db import audittrail as zaken_audittrail
from services.zaken.db import outbox as zaken_outbox
from shared.db import normalize_url
from shared.settings import PROJECT_ROOT
from tests.conftest import DB_BACKENDS, migrated_database
from tests.delivery.conftest import Receiver, wait_until
from tests.processes import CRS, Api, Processes, stack_fixture

# real processes (`make test-fast` leaves them out)
pytestmark = pytest.mark.processes

SECRET = "flow-secret"
ZAKEN_SERVICE_SECRET = "zaken-service-secret"
APPLICATIES = {
    "applicaties": [
        {"label": "Alle rechten", "clientIds": ["alles"], "secret": SECRET, "heeftAlleAutorisaties": True},
        # the Zaken service itself, as the Catalogi API knows it: it only reads the catalogus
        {
            "label": "Zaken API",
            "clientIds": ["zaken-service"],
            "secret": ZAKEN_SERVICE_SECRET,
            "autorisaties": [{"component": "ztc", "scopes": ["catalogi.lezen"]}],
        },
    ]
}
# stored as given: selectielijst validation is off in these processes (no network needed)
SELECTIELIJST = "https://selectielijst.openzaak.nl/api/v1"
REMOTE_TIMEOUT = 1.0


class Stack(Processes):
    """A receiver, a Catalogi process and a Zaken process, each service with its own database."""

    def __init__(self, backend: str, tmp: Path, tmp_path_factory):
        super().__init__(backend, tmp, tmp_path_factory, APPLICATIES)
        self.receiver = Receiver(tmp, "receiver")
        self.before.append(self.receiver)
        targets = {"targets": [{"name": "receiver", "type": "webhook", "url": self.receiver.url, "authorization": "Bearer flow"}]}
        notify = {"ZGW_NOTIFICATION_TARGETS": json.dumps(targets)}
        self.catalogi = self.service("catalogi", CATALOGI_SELECTIELIJST_VALIDATION="false", **notify)
        self.zaken = self.service(
            "zaken",
            # its Catalogi API, a peer: an outage of it is a 503, not the client's bad-url
            ZAKEN_CATALOGI_API_URL=self.catalogi.root,
            ZAKEN_CLIENT_ID="zaken-service",
            ZAKEN_SECRET=ZAKEN_SERVICE_SECRET,
            ZGW_REMOTE_TIMEOUT=str(REMOTE_TIMEOUT),
            **notify,
        )

    def connect(self) -> None:
        self.ztc = self.api(self.catalogi, "alles", SECRET)
        self.zrc = self.api(self.zaken, "alles", SECRET, headers=CRS)

    def zaken_rows(self) -> dict[str, int]:
        """Row counts of what a zaak create writes: zaken, audit trail, outbox."""
        engine = create_engine(normalize_url(self.zaken.database_url))
        try:
            with engine.connect() as connection:
                return {
                    table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                    for table in (ZakenBase.metadata.tables["zaak"], zaken_audittrail.table, zaken_outbox.table)
                }
        finally:
            engine.dispose()


stack = stack_fixture(Stack)


def published_zaaktype(ztc: Api, catalogus_url: str, identificatie: str) -> dict:
    """A zaaktype with three statustypen and a resultaattype (archiefactietermijn P10Y after
    the einddatum), published. Returns {zaaktype, statustypen, resultaattype}."""
    zaaktype = ztc.created(
        "/zaaktypen",
        {
            "identificatie": identificatie,
            "omschrijving": "Melding openbare ruimte",
            "vertrouwelijkheidaanduiding": "openbaar",
            "doel": "Meldingen afhandelen",
            "aanleiding": "Een melding van een inwoner",
            "indicatieInternOfExtern": "extern",
            "handelingInitiator": "melden",
            "onderwerp": "Openbare ruimte",
            "handelingBehandelaar": "behandelen",
            "doorlooptijd": "P8W",
            "servicenorm": "P4W",
            "opschortingEnAanhoudingMogelijk": False,
            "verlengingMogelijk": False,
            "publicatieIndicatie": False,
            "productenOfDiensten": [],
            "selectielijstProcestype": f"{SELECTIELIJST}/procestypen/07c3c06a-2049-4e9e-82c5-7c1ff703c642",
            "referentieproces": {"naam": "Melding"},
            "verantwoordelijke": "Team Buitenruimte",
            "catalogus": catalogus_url,
            "besluittypen": [],
            "deelzaaktypen": [],
            "gerelateerdeZaaktypen": [],
            "beginGeldigheid": "2024-01-01",
            "versiedatum": "2024-01-01",
        },
    )
    statustypen = [
        ztc.created(
            "/statustypen",
            {"zaaktype": zaaktype["url"], "volgnummer": number, "omschrijving": omschrijving, "informeren": False},
        )["url"]
        for number, omschrijving in enumerate(("Ontvangen", "In behandeling", "Afgehandeld"), start=1)
    ]
    resultaattype = ztc.created(
        "/resultaattypen",
        {
            "zaaktype": zaaktype["url"],
            "omschrijving": "Opgelost",
            "resultaattypeomschrijving": f"{SELECTIELIJST}/resultaattypeomschrijvingen/fb65d251-1518-4185-865f-b8bdcfad07b1",
            "selectielijstklasse": f"{SELECTIELIJST}/resultaten/ceb821a2-3b5e-421a-ac49-ebc63d15dc29",
            "archiefnominatie": "vernietigen",
            "archiefactietermijn": "P10Y",
            "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
            "besluittypen": [],
        },
    )["url"]
    published = ztc.post(f"{zaaktype['url']}/publish", json={})
    assert published.status_code == 200, published.text
    assert published.json()["concept"] is False
    return {"zaaktype": zaaktype["url"], "statustypen": statustypen, "resultaattype": resultaattype}


def catalogus(ztc: Api) -> str:
    return ztc.created(
        "/catalogussen",
        {
            "domein": "FLOW",
            "rsin": "002220647",
            "contactpersoonBeheerNaam": "Beheer",
            "contactpersoonBeheerEmailadres": "beheer@example.org",
            "naam": "Flow",
            "versie": "1",
            "begindatumVersie": "2024-01-01",
        },
    )["url"]


def zaak_body(zaaktype_url: str) -> dict:
    return {
        "bronorganisatie": "517439943",
        "verantwoordelijkeOrganisatie": "517439943",
        "zaaktype": zaaktype_url,
        "startdatum": "2026-01-05",
        "omschrijving": "Losliggende stoeptegel",
    }


def test_zaak_lifecycle_over_http(stack):
    """zrc-001 (published zaaktype read over HTTP), zrc-007 (closing by the eindstatus, which needs
    a resultaat), zrc-021 (archiefnominatie and archiefactiedatum from the resultaattype), the audit
    trail and the notifications of kanaal `zaken`, across two processes."""
    ztc, zrc = stack.ztc, stack.zrc
    types = published_zaaktype(ztc, catalogus(ztc), "FLOW-MOR")
    assert types["zaaktype"].startswith(stack.catalogi.root)

    response = zrc.post("/zaken", json=zaak_body(types["zaaktype"]))
    assert response.status_code == 201, response.text
    zaak = response.json()
    assert response.headers["location"] == zaak["url"]
    assert response.headers["content-crs"] == "EPSG:4326"
    assert zaak["url"].startswith(stack.zaken.root + "/zaken/")
    assert zaak["zaaktype"] == types["zaaktype"]
    assert zaak["vertrouwelijkheidaanduiding"] == "openbaar"  # zrc-009: from the zaaktype
    assert zaak["einddatum"] is None and zaak["status"] is None

    ontvangen, in_behandeling, afgehandeld = types["statustypen"]
    first = zrc.created("/statussen", {"zaak": zaak["url"], "statustype": ontvangen, "datumStatusGezet": "2026-01-05T09:00:00Z"})
    assert zrc.get(zaak["url"]).json()["status"] == first["url"]
    zrc.created("/statussen", {"zaak": zaak["url"], "statustype": in_behandeling, "datumStatusGezet": "2026-01-06T09:00:00Z"})

    # the eindstatus needs a resultaat first (zrc-007)
    refused = zrc.post("/statussen", json={"zaak": zaak["url"], "statustype": afgehandeld, "datumStatusGezet": "2026-02-10T12:00:00Z"})
    assert refused.status_code == 400, refused.text
    assert ("nonFieldErrors", "resultaat-does-not-exist") in [(p["name"], p["code"]) for p in refused.json()["invalidParams"]]
    assert zrc.get(zaak["url"]).json()["einddatum"] is None

    resultaat = zrc.created("/resultaten", {"zaak": zaak["url"], "resultaattype": types["resultaattype"], "toelichting": "Tegel vastgezet"})
    eind = zrc.created("/statussen", {"zaak": zaak["url"], "statustype": afgehandeld, "datumStatusGezet": "2026-02-10T12:00:00Z"})

    closed = zrc.get(zaak["url"]).json()
    assert closed["status"] == eind["url"]
    assert closed["resultaat"] == resultaat["url"]
    assert closed["einddatum"] == "2026-02-10"
    assert closed["archiefnominatie"] == "vernietigen"
    assert closed["archiefactiedatum"] == "2036-02-10"  # einddatum + P10Y (afleidingswijze afgehandeld)
    assert closed["archiefstatus"] == "nog_te_archiveren"
    statussen = zrc.get("/statussen", params={"zaak": zaak["url"]}).json()
    statussen = statussen["results"] if isinstance(statussen, dict) else statussen
    assert [s["indicatieLaatstGezetteStatus"] for s in statussen if s["url"] == eind["url"]] == [True]

    trail = zrc.get(f"/zaken/{zaak['uuid']}/audittrail")
    assert trail.status_code == 200, trail.text
    entries = trail.json()
    assert [(e["resource"], e["actie"]) for e in entries] == [
        ("zaak", "create"),
        ("status", "create"),
        ("status", "create"),
        ("resultaat", "create"),
        ("status", "create"),
    ]
    assert {e["hoofdObject"] for e in entries} == {zaak["url"]}
    assert {e["bron"] for e in entries} == {"zrc"}
    assert {e["applicatieId"] for e in entries} == {"alles"}
    assert entries[0]["resultaat"] == 201 and entries[0]["wijzigingen"]["nieuw"]["url"] == zaak["url"]
    single = zrc.get(f"/zaken/{zaak['uuid']}/audittrail/{entries[-1]['uuid']}")
    assert single.status_code == 200 and single.json() == entries[-1]

    def zaken_messages() -> list[dict]:
        return [m for m in stack.receiver.messages() if m.get("kanaal") == "zaken"]

    assert wait_until(lambda: len(zaken_messages()) >= 5, timeout=20), zaken_messages()
    time.sleep(0.5)  # nothing more should come
    messages = zaken_messages()
    assert [(m["resource"], m["actie"]) for m in messages] == [
        ("zaak", "create"),
        ("status", "create"),
        ("status", "create"),
        ("resultaat", "create"),
        ("status", "create"),
    ]
    assert {m["hoofdObject"] for m in messages} == {zaak["url"]}
    assert messages[0]["resourceUrl"] == zaak["url"]
    assert messages[-1]["resourceUrl"] == eind["url"]
    assert messages[0]["kenmerken"] == {
        "bronorganisatie": "517439943",
        "zaaktype": types["zaaktype"],
        "vertrouwelijkheidaanduiding": "openbaar",
    }
    # and the Catalogi process notified its own kanaal to the same receiver
    assert any(m.get("kanaal") == "zaaktypen" for m in stack.receiver.messages())
    assert {e["authorization"] for e in stack.receiver.entries()} == {"Bearer flow"}


def test_a_catalogi_outage_gives_a_quick_503_and_writes_nothing(stack):
    """An unreachable Catalogi API (hanging, then gone) is a 503 problem within the remote timeout
    (ZGW_REMOTE_TIMEOUT), and no zaak, audit trail or notification is written."""
    ztc, zrc = stack.ztc, stack.zrc
    catalogus_url = catalogus(ztc)
    known = published_zaaktype(ztc, catalogus_url, "FLOW-A")
    # a zaaktype the Zaken service has never read, so it has nothing cached of it
    unseen = published_zaaktype(ztc, catalogus_url, "FLOW-B")
    assert zrc.post("/zaken", json=zaak_body(known["zaaktype"])).status_code == 201
    before = stack.zaken_rows()
    assert before["zaak"] == 1

    def assert_503_quickly(limit: float) -> None:
        started = time.monotonic()
        response = zrc.post("/zaken", json=zaak_body(unseen["zaaktype"]))
        elapsed = time.monotonic() - started
        assert response.status_code == 503, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["status"] == 503
        assert elapsed < limit, f"took {elapsed:.1f}s"
        assert stack.zaken_rows() == before

    stack.catalogi.pause()  # hangs: only the timeout ends the wait
    try:
        assert_503_quickly(REMOTE_TIMEOUT + 3.0)
    finally:
        stack.catalogi.resume()
    stack.catalogi.stop()  # gone: connection refused
    assert_503_quickly(2.0)
    # the Zaken service itself stays up and serves what it has
    listed = zrc.get("/zaken")
    assert listed.status_code == 200 and listed.json()["count"] == 1


@pytest.mark.parametrize("backend", DB_BACKENDS)
def test_seed_demo_makes_a_demo_zaak_once(backend, tmp_path_factory):
    """`zgw seed-demo` (what `make run` does first): the demo catalogus and a demo zaak of DEMO-MOR
    with its first status and the melding as its document, written through the APIs in-process;
    a second run adds nothing."""
    catalogi_db, drop_catalogi = migrated_database("catalogi", backend, tmp_path_factory)
    zaken_db, drop_zaken = migrated_database("zaken", backend, tmp_path_factory)
    documenten_db, drop_documenten = migrated_database("documenten", backend, tmp_path_factory)
    besluiten_db, drop_besluiten = migrated_database("besluiten", backend, tmp_path_factory)
    storage = tmp_path_factory.mktemp("documenten")
    env = {
        **os.environ,
        "CATALOGI_DATABASE_URL": catalogi_db,
        "ZAKEN_DATABASE_URL": zaken_db,
        "DOCUMENTEN_DATABASE_URL": documenten_db,
        "BESLUITEN_DATABASE_URL": besluiten_db,
        "DOCUMENTEN_STORAGE_PATH": str(storage),
        "ZGW_DEMO_ENABLED": "true",
        "CATALOGI_SELECTIELIJST_VALIDATION": "false",
    }

    def seed() -> str:
        result = subprocess.run(
            [sys.executable, "-m", "services.cli", "seed-demo"],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def rows(database_url: str, metadata, table: str) -> list:
        engine = create_engine(normalize_url(database_url))
        try:
            with engine.connect() as connection:
                return list(connection.execute(select(metadata.tables[table])).mappings().all())
        finally:
            engine.dispose()

    try:
        first = seed()
        assert "demo zaak: DEMO-MOR-0001 created" in first and "demo document: DOCUMENT-" in first
        again = seed()
        assert "demo zaak: already present" in again and "demo document: already present" in again
        zaken = rows(zaken_db, ZakenBase.metadata, "zaak")
        assert [z["identificatie"] for z in zaken] == ["DEMO-MOR-0001"]
        # the URL `make run` serves the Catalogi API at, so the served Zaken API can read it
        assert zaken[0]["zaaktype"].startswith("http://127.0.0.1:8001/catalogi/api/v1/zaaktypen/")
        assert len(rows(zaken_db, ZakenBase.metadata, "status")) == 1
        # the document with its content, related on both sides (zrc-004: the objectinformatieobject)
        [relation] = rows(zaken_db, ZakenBase.metadata, "zaakinformatieobject")
        assert relation["informatieobject"].startswith("http://127.0.0.1:8005/documenten/api/v1/enkelvoudiginformatieobjecten/")
        [versie] = rows(documenten_db, DocumentenBase.metadata, "informatieobjectversie")
        assert versie["bestandsomvang"] > 0 and any(path.is_file() for path in storage.rglob("*"))
        [oio] = rows(documenten_db, DocumentenBase.metadata, "objectinformatieobject")
        assert oio["object"] == f"http://127.0.0.1:8002/zaken/api/v1/zaken/{zaken[0]['uuid']}"
        # the besluit on the zaak, mirrored as its zaakbesluit (brc-006)
        assert "demo besluit: BESLUIT-" in first and "demo besluit: already present" in again
        [besluit] = rows(besluiten_db, BesluitenBase.metadata, "besluit")
        assert besluit["zaak"] == oio["object"]
        [zaakbesluit] = rows(zaken_db, ZakenBase.metadata, "zaakbesluit")
        assert zaakbesluit["besluit"] == f"http://127.0.0.1:8006/besluiten/api/v1/besluiten/{besluit['uuid']}"
    finally:
        drop_catalogi()
        drop_zaken()
        drop_documenten()
        drop_besluiten()
