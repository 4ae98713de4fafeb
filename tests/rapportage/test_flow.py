"""The whole chain as real processes: Catalogi, Zaken and Rapportage (`zgw serve`), each with its
own database, the Zaken outbox delivering to the rapportage callback as a webhook target (as
`make run` wires it). A zaak made over HTTP shows up in the reports within seconds; the CLI
backfill builds the same read models in another database; and the dashboard, opened in real
headless Chromium, shows the numbers.

The Chromium test needs /usr/bin/chromium (Debian's `chromium` package, which `.ci/run`
installs); without it, it skips."""

import json
import os
import re
import shutil
import subprocess
import sys
import time

import httpx
import pytest

from shared.db import Database
from shared.settings import PROJECT_ROOT
from tests.conftest import migrated_database
from tests.delivery.conftest import wait_until
from tests.flow.test_zaken_flow import SELECTIELIJST, catalogus
from tests.processes import CRS, Api, Processes, stack_fixture
from tests.rapportage.helpers import dump

# real processes (`make test-fast` leaves them out)
pytestmark = pytest.mark.processes

SECRET = "flow-secret"
CALLBACK = "Bearer flow-rapportage-callback"
APPLICATIES = {
    "applicaties": [
        {"label": "Alle rechten", "clientIds": ["alles"], "secret": SECRET, "heeftAlleAutorisaties": True},
        {
            "label": "Zaken API",
            "clientIds": ["zaken-service"],
            "secret": "zaken-service-secret",
            "autorisaties": [{"component": "ztc", "scopes": ["catalogi.lezen"]}],
        },
        # the rapportage's read-only client: in production zaken.lezen + audittrails.lezen (zrc, per
        # catalogus) and catalogi.lezen (ztc); here all rights, as the catalogus exists only later
        {"label": "Rapportage", "clientIds": ["rapportage-service"], "secret": "rapportage-secret", "heeftAlleAutorisaties": True},
        {
            "label": "Manager",
            "clientIds": ["manager"],
            "secret": SECRET,
            "autorisaties": [{"component": "zrc", "scopes": ["rapportage.lezen"]}],
        },
    ]
}


def chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


class Chain(Processes):
    def __init__(self, backend: str, tmp, tmp_path_factory):
        super().__init__(backend, tmp, tmp_path_factory, APPLICATIES)
        self.rapportage = self.service(
            "rapportage",
            RAPPORTAGE_CLIENT_ID="rapportage-service",
            RAPPORTAGE_SECRET="rapportage-secret",
            RAPPORTAGE_CALLBACK_AUTHORIZATION=CALLBACK,
            RAPPORTAGE_DASHBOARD_OPEN="true",
            RAPPORTAGE_WORKER_INTERVAL="0.2",
            RAPPORTAGE_RETRY_BASE_SECONDS="0.2",
        )
        self.rapportage_db = self.rapportage.database_url
        # what `make run` gives the Zaken service: its outbox delivers kanaal zaken to the callback
        callback = {
            "name": "rapportage",
            "type": "webhook",
            "url": f"{self.rapportage.root}/callbacks",
            "authorization": CALLBACK,
            "kanalen": ["zaken"],
        }
        self.catalogi = self.service("catalogi", CATALOGI_SELECTIELIJST_VALIDATION="false")
        self.zaken = self.service(
            "zaken",
            ZAKEN_CLIENT_ID="zaken-service",
            ZAKEN_SECRET="zaken-service-secret",
            ZGW_NOTIFICATION_TARGETS=json.dumps({"targets": [callback]}),
        )

    def connect(self) -> None:
        self.ztc = self.api(self.catalogi, "alles", SECRET)
        self.zrc = self.api(self.zaken, "alles", SECRET, headers=CRS)
        self.rpt = self.api(self.rapportage, "manager", SECRET)


chain = stack_fixture(Chain)


def zaaktype(ztc: Api) -> dict:
    """A published zaaktype with statustypen (Ontvangen and Afgehandeld inform the initiator), a
    behandelaar and an initiator roltype, and a resultaattype."""
    zt = ztc.created(
        "/zaaktypen",
        {
            "identificatie": "FLOW-RPT", "omschrijving": "Melding openbare ruimte", "vertrouwelijkheidaanduiding": "openbaar",
            "doel": "Meldingen afhandelen", "aanleiding": "Een melding", "indicatieInternOfExtern": "extern", "handelingInitiator": "melden",
            "onderwerp": "Openbare ruimte", "handelingBehandelaar": "behandelen", "doorlooptijd": "P8W", "servicenorm": "P4W",
            "opschortingEnAanhoudingMogelijk": True, "verlengingMogelijk": False, "publicatieIndicatie": False, "productenOfDiensten": [],
            "selectielijstProcestype": f"{SELECTIELIJST}/procestypen/07c3c06a-2049-4e9e-82c5-7c1ff703c642",
            "referentieproces": {"naam": "Melding"}, "verantwoordelijke": "Team Buitenruimte", "catalogus": catalogus(ztc),
            "besluittypen": [], "deelzaaktypen": [], "gerelateerdeZaaktypen": [], "beginGeldigheid": "2024-01-01", "versiedatum": "2024-01-01",
        },
    )  # fmt: skip
    statustypen = [
        ztc.created(
            "/statustypen",
            {"zaaktype": zt["url"], "volgnummer": n, "omschrijving": o, "informeren": i, "statustekst": t, "doorlooptijd": "P2D"},
        )["url"]
        for n, o, i, t in (
            (1, "Ontvangen", True, "Uw melding is ontvangen."),
            (2, "In behandeling", False, ""),
            (3, "Afgehandeld", True, "Uw melding is afgehandeld."),
        )
    ]
    roltypen = {
        g: ztc.created("/roltypen", {"zaaktype": zt["url"], "omschrijving": g.capitalize(), "omschrijvingGeneriek": g})["url"]
        for g in ("behandelaar", "initiator")
    }
    resultaattype = ztc.created(
        "/resultaattypen",
        {
            "zaaktype": zt["url"], "omschrijving": "Opgelost", "archiefnominatie": "vernietigen", "archiefactietermijn": "P10Y",
            "resultaattypeomschrijving": f"{SELECTIELIJST}/resultaattypeomschrijvingen/fb65d251-1518-4185-865f-b8bdcfad07b1",
            "selectielijstklasse": f"{SELECTIELIJST}/resultaten/ceb821a2-3b5e-421a-ac49-ebc63d15dc29",
            "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"}, "besluittypen": [],
        },
    )["url"]  # fmt: skip
    assert ztc.post(f"{zt['url']}/publish", json={}).status_code == 200
    return {"zaaktype": zt["url"], "statustypen": statustypen, "roltypen": roltypen, "resultaattype": resultaattype}


def make_zaken(chain: Chain) -> dict:
    """Two zaken: one open (with a team and a burger), one closed."""
    zrc = chain.zrc
    types = zaaktype(chain.ztc)
    ontvangen, _, afgehandeld = types["statustypen"]
    body = {
        "bronorganisatie": "517439943",
        "verantwoordelijkeOrganisatie": "517439943",
        "zaaktype": types["zaaktype"],
        "omschrijving": "Losliggende stoeptegel",
    }
    open_zaak = zrc.created("/zaken", {**body, "startdatum": "2026-01-05"})
    zrc.created("/statussen", {"zaak": open_zaak["url"], "statustype": ontvangen, "datumStatusGezet": "2026-01-05T09:00:00Z"})
    zrc.created("/rollen", {"zaak": open_zaak["url"], "betrokkeneType": "organisatorische_eenheid", "roltype": types["roltypen"]["behandelaar"], "roltoelichting": "",
                            "betrokkeneIdentificatie": {"identificatie": "OE-BR", "naam": "Team Buitenruimte"}})  # fmt: skip
    zrc.created("/rollen", {"zaak": open_zaak["url"], "betrokkeneType": "natuurlijk_persoon", "roltype": types["roltypen"]["initiator"], "roltoelichting": "",
                            "betrokkeneIdentificatie": {"inpBsn": "999993653", "geslachtsnaam": "Jansen"}})  # fmt: skip
    closed = zrc.created("/zaken", {**body, "startdatum": "2026-01-05"})
    zrc.created("/statussen", {"zaak": closed["url"], "statustype": ontvangen, "datumStatusGezet": "2026-01-05T09:00:00Z"})
    zrc.created("/resultaten", {"zaak": closed["url"], "resultaattype": types["resultaattype"]})
    zrc.created("/statussen", {"zaak": closed["url"], "statustype": afgehandeld, "datumStatusGezet": "2026-01-15T09:00:00Z"})
    return {"open": open_zaak, "closed": closed, "types": types}


def wait_for_intake(chain: Chain, zaken: int, afgesloten: int, statussen: int = 3, events: int = 8, timeout: float = 20.0) -> dict:
    """Until every message of `make_zaken` is projected (they arrive in any order, so the counts
    alone can be reached before the last rol message): 2 zaken, 3 statussen, 2 rollen, 1 resultaat."""
    state = {}

    def arrived() -> bool:
        response = chain.rpt.get("/kerncijfers")
        assert response.status_code == 200, response.text
        state.update(response.json())
        return (
            state["aantalZaken"] == zaken
            and state["aantalAfgesloten"] == afgesloten
            and state["aantalStatussen"] == statussen
            and state["aantalEvents"] >= events
            and state["aantalEventsWachtend"] == 0
        )

    assert wait_until(arrived, timeout=timeout, interval=0.2), (
        f"{state}\n{chain.rapportage.output()[-3000:]}\n{chain.zaken.output()[-3000:]}"
    )
    return state


def test_zaken_reach_the_rapportage_within_seconds(chain):
    started = time.monotonic()
    made = make_zaken(chain)
    kern = wait_for_intake(chain, zaken=2, afgesloten=1)
    assert time.monotonic() - started < 20
    assert kern["aantalOpen"] == 1 and kern["aantalStatussen"] == 3
    inbox = chain.rpt.get("/inbox").json()
    assert kern["aantalEvents"] == inbox["count"] >= 8
    [row] = chain.rpt.get("/doorlooptijden").json()["zaaktypen"]
    assert (row["zaaktype"]["identificatie"], row["bruto"]["mediaan"], row["aantalOpen"]) == ("FLOW-RPT", 10.0, 1)
    teams = chain.rpt.get("/teams").json()
    assert [t["naam"] for t in teams] == ["Team Buitenruimte"]
    tijdlijn = chain.rpt.get(f"/zaken/{made['closed']['uuid']}/tijdlijn").json()
    assert [s["statustekst"] for s in tijdlijn["statussen"]] == ["Uw melding is ontvangen.", "Uw melding is afgehandeld."]
    assert chain.rpt.get("/kerncijfers", headers={"Authorization": "Bearer nope"}).status_code == 401

    # `zgw rapportage backfill` (python -m services.rapportage.cli) into an empty database
    other_db, cleanup = migrated_database("rapportage", chain.backend, chain.tmp_path_factory)
    chain.cleanups.append(cleanup)
    env = {**chain.rapportage.env, "RAPPORTAGE_DATABASE_URL": other_db}
    result = subprocess.run(
        [sys.executable, "-m", "services.rapportage.cli", "backfill", "--url", chain.zaken.root],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "backfill: 2 zaken geprojecteerd, 0 verwijderd, 0 mislukt" in result.stdout
    assert "backfill [" in result.stderr and "2/2 (100%" in result.stderr
    live, backfilled = Database(chain.rapportage_db), Database(other_db)
    try:
        assert dump(backfilled) == dump(live)
    finally:
        live.dispose()
        backfilled.dispose()
    check = subprocess.run(
        [sys.executable, "-m", "services.rapportage.cli", "check"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert check.returncode == 0 and "tellers kloppen" in check.stdout, check.stdout + check.stderr


@pytest.mark.skipif(chromium() is None, reason="Chromium is not installed (/usr/bin/chromium): `apt-get install chromium`, as .ci/run does")
def test_the_dashboard_in_headless_chromium(chain, tmp_path):
    make_zaken(chain)
    kern = wait_for_intake(chain, zaken=2, afgesloten=1)
    url = f"http://127.0.0.1:{chain.rapportage.port}/rapportage/"
    browser = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run([*browser, "--dump-dom", url], capture_output=True, text=True, timeout=90, check=False)
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    shown = dict(re.findall(r'data-kerncijfer="(\w+)" data-waarde="([^"]*)"', html))
    assert shown["aantalZaken"] == "2" == str(kern["aantalZaken"])
    assert shown["aantalOpen"] == "1" and shown["aantalAfgesloten"] == "1" and shown["aantalStatussen"] == "3"
    assert shown["mediaanDoorlooptijdDagen"] == "10.0"
    assert re.search(r'<span class="number" data-kerncijfer="aantalZaken" data-waarde="2">2</span>', html)
    assert html.count('<svg id="grafiek-') == 5
    assert "Team Buitenruimte" in html and "Jansen" not in html and "999993653" not in html
    screenshot = tmp_path / "dashboard.png"
    shot = subprocess.run(
        [*browser, "--window-size=1600,2000", f"--screenshot={screenshot}", url], capture_output=True, text=True, timeout=90, check=False
    )
    assert shot.returncode == 0 and screenshot.stat().st_size > 20_000, shot.stderr[-2000:]
    # the page loads nothing from elsewhere: no script, stylesheet or image by URL
    assert not re.search(r"<(script|link|img)\b", html)
    assert httpx.get(url, timeout=5).status_code == 200
