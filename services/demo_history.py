"""A year of demo history, so the dashboard tells a story on first start (`zgw seed-demo
--history`, and `zgw run` / `make run` by default).

What is made (deterministic: a seeded random generator and the day it runs on): ~2,000 zaken of
the three demo zaaktypen spread over the thirteen months before today (the "halved doorlooptijd"
milestone compares a month with the same month a year before), growing in number as the system
is adopted, each with its rollen (a team, an organisatorische eenheid, as behandelaar, and one of
its medewerkers: 60 in all, joining over the year), its statussen, resultaat and document, and
the patterns the rapportage is for: on-time shares that rise and fall per team (a different
champion in different months), a zaaktype (DEMO-MOR) whose doorlooptijd halves over the year,
opschortingen, statussen registered days after their datumStatusGezet (mostly in one team),
zaken closed without an intermediate status, without resultaat (removed afterwards) or without
behandelaar, open zaken stuck for months past their uiterlijke einddatum, and a handful archived
completely (archiefstatus `gearchiveerd`, their document `gearchiveerd` too).

Everything goes through the APIs in-process (the `InProcess` transport of `zgw seed-demo`), so
validation, audit trail and outbox notifications are the real ones.

**Registration moments.** The rapportage takes a status's registration from the audit trail and
the notification (`aanmaakdatum`): history written today would all look registered today, so
late. Each request therefore runs *as of* the moment it was registered in the story
(`shared.utc.as_of`, the kernel's one clock): audit trail, outbox `aanmaakdatum`,
`registratiedatum` and the "not in the future" checks all read it. It is a context variable set
only here, around an in-process call; nothing reaches it over HTTP. Steps whose moment lies in
the future are not made (those zaken are open today). JWT ages stay on the wall clock.

**Idempotent**: the zaken are `DEMO-H-00001`...; a run finds the ones present and makes only the
missing ones (none when the last exists). A zaak cut off half-way by an interrupted run stays as
it is.
"""

import base64
import datetime as dt
import math
import multiprocessing
import os
import random
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx

from services.registry import SERVICES
from shared import utc
from shared.auth import make_token

PREFIX = "DEMO-H-"
ZAKEN = 2000
SEED = 2024
MONTHS = 13
ORGANISATIE = "002220647"


@dataclass(frozen=True)
class Team:
    sleutel: str
    naam: str
    # the month (0: the first of the history) in which the team's on-time share peaks
    piek: float


TEAMS = {
    "BR": Team("OE-BR", "Team Buitenruimte", 1.0),
    "VG": Team("OE-VG", "Team Vergunningen", 4.0),
    "KC": Team("OE-KC", "Team Klantcontact", 7.0),
    "HH": Team("OE-HH", "Team Handhaving", 10.0),
}
MEDEWERKERS_PER_TEAM = 15


@dataclass(frozen=True)
class Soort:
    """How the zaken of one demo zaaktype go."""

    identificatie: str
    aandeel: float
    teams: tuple[tuple[str, float], ...]
    doorlooptijd: int  # days, as the demo catalogus
    ontvangen: int  # days a zaak may stay Ontvangen (the statustype's doorlooptijd)
    omschrijvingen: tuple[str, ...]
    zonder_behandelaar: float = 0.01
    opschorting: float = 0.0
    # the share that comes in with a document (an aanvraag, a klacht: nearly all; a melding by
    # telephone has none)
    document: float = 0.95
    resultaten: tuple[tuple[str, float], ...] = ()


SOORTEN = (
    Soort(
        "DEMO-MOR", 0.5, (("BR", 0.65), ("HH", 0.35)), 14, 2,
        ("Losliggende stoeptegel", "Kapotte lantaarnpaal", "Zwerfvuil bij de glasbak", "Overhangende takken", "Gat in het fietspad"),
        document=0.35,
    ),
    Soort(
        "DEMO-PARKEREN", 0.3, (("VG", 0.7), ("KC", 0.3)), 56, 5,
        ("Bewonersvergunning", "Bezoekersvergunning", "Bedrijfsvergunning"),
        opschorting=0.15, resultaten=(("Verleend", 0.8), ("Geweigerd", 0.2)),
    ),
    Soort(
        "DEMO-KLACHT", 0.2, (("KC", 0.6), ("HH", 0.4)), 42, 3,
        ("Klacht over de afhandeling van een melding", "Klacht over een medewerker", "Klacht over de bereikbaarheid"),
        zonder_behandelaar=0.07, opschorting=0.05,
    ),
)  # fmt: skip


@dataclass
class Step:
    """One request of the story: made as of `moment` by medewerker `user`."""

    moment: dt.datetime
    kind: str
    data: dict = field(default_factory=dict)


@dataclass
class ZaakPlan:
    identificatie: str
    soort: Soort
    team: Team | None
    medewerker: str
    start: dt.datetime
    omschrijving: str
    steps: list[Step] = field(default_factory=list)


def first_month(today: dt.date) -> dt.date:
    month = today.year * 12 + today.month - 1 - MONTHS
    return dt.date(month // 12, month % 12 + 1, 1)


def _at(day: dt.date, rng: random.Random, before: dt.date | None = None) -> dt.datetime:
    """A moment in office hours (UTC) on `day`, the working day on or after it (on or before it
    where that would be `before` or later)."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    while (before is not None and day >= before) or day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return dt.datetime(day.year, day.month, day.day, rng.randint(7, 14), rng.randint(0, 59), rng.randint(0, 59), tzinfo=dt.UTC)


def _months_between(start: dt.date, day: dt.date) -> int:
    return (day.year - start.year) * 12 + day.month - start.month


def late_share(team: Team, month: int) -> float:
    """The share of a team's zaken that miss the doorlooptijd in a month: 10% at its peak, 45% half
    a year from it, so each team is the champion for a few months."""
    return 0.1 + 0.35 * (1 - math.cos(2 * math.pi * (month - team.piek) / 12)) / 2


def _duration(soort: Soort, month: int, late: bool, rng: random.Random) -> int:
    if soort.identificatie == "DEMO-MOR":
        if late:
            return rng.randint(15, 24)
        base = 13 * 0.3 ** (month / 12)  # 13 days in the first month, 4 a year later: halved
        return max(1, min(13, round(rng.lognormvariate(math.log(base), 0.3))))
    norm = soort.doorlooptijd
    return rng.randint(norm + 3, norm + 25) if late else rng.randint(norm // 4, norm - 3)


def plan(today: dt.date, zaken: int = ZAKEN, seed: int = SEED) -> list[ZaakPlan]:
    """The story, as zaken with their steps in the order they are registered. Deterministic for
    (today, zaken, seed)."""
    rng = random.Random(seed)
    start = first_month(today)
    days = [start + dt.timedelta(days=n) for n in range((today - start).days)]
    # adoption: twice as many zaken a day at the end as at the start
    weights = [1 + i / max(1, len(days) - 1) for i in range(len(days))]
    # the medewerkers join over the first nine months: 4 per team at the start
    joined = {key: [(f"M-{key}-{n:02d}", 0 if n <= 4 else rng.randint(1, 9)) for n in range(1, MEDEWERKERS_PER_TEAM + 1)] for key in TEAMS}
    starts = sorted(_at(day, rng, before=today) for day in rng.choices(days, weights, k=zaken))
    plans = []
    for index, moment in enumerate(starts, start=1):
        soort = rng.choices(SOORTEN, [s.aandeel for s in SOORTEN])[0]
        key = rng.choices([k for k, _ in soort.teams], [w for _, w in soort.teams])[0]
        month = _months_between(start, moment.date())
        medewerker = rng.choice([m for m, since in joined[key] if since <= month])
        zaak = ZaakPlan(f"{PREFIX}{index:05d}", soort, TEAMS[key], medewerker, moment, rng.choice(soort.omschrijvingen))
        _story(zaak, month, rng, today)
        plans.append(zaak)
    _archive_some(plans, today)
    return plans


def _story(zaak: ZaakPlan, month: int, rng: random.Random, today: dt.date) -> None:
    soort, team, t0 = zaak.soort, zaak.team, zaak.start
    minutes = dt.timedelta(minutes=1)
    steps = [Step(t0, "zaak")]
    if rng.random() < soort.zonder_behandelaar:
        zaak.team = None
    else:
        steps.append(Step(t0 + 2 * minutes, "rol-team"))
        steps.append(Step(t0 + 3 * minutes, "rol-medewerker"))
    if rng.random() < soort.document:
        steps.append(Step(t0 + 4 * minutes, "document"))
    steps.append(Step(t0 + 6 * minutes, "status", {"volgnummer": 1, "gezet": t0 + 5 * minutes}))
    age = (today - t0.date()).days
    stuck = age > 75 and rng.random() < 0.02
    late = team is not None and rng.random() < late_share(team, month)
    days = _duration(soort, month, late, rng)
    skip_middle = rng.random() < (0.15 if team is not None and team.sleutel == "OE-BR" and soort.identificatie == "DEMO-MOR" else 0.02)
    # statussen registered days afterwards, in bulk: mostly Team Handhaving
    delay = dt.timedelta(0)
    if rng.random() < (0.25 if team is not None and team.sleutel == "OE-HH" else 0.03):
        delay = dt.timedelta(days=rng.randint(2, 9), hours=rng.randint(0, 6))
    suspended = 0
    if rng.random() < soort.opschorting:
        begin = t0 + dt.timedelta(days=max(1, days // 5), hours=1)
        suspended = rng.randint(5, 15)
        steps.append(Step(begin, "opschorten"))
        steps.append(Step(begin + dt.timedelta(days=suspended), "hervatten"))
    if stuck:
        steps.append(Step(t0 + dt.timedelta(days=2, minutes=1), "status", {"volgnummer": 2, "gezet": t0 + dt.timedelta(days=2)}))
    else:
        end = _at(t0.date() + dt.timedelta(days=days + suspended), rng)
        if end <= t0 + dt.timedelta(hours=1):
            end = t0 + dt.timedelta(hours=rng.randint(2, 5))
        if not skip_middle:
            # In behandeling mostly within the days Ontvangen may take, one in ten later
            ontvangen = dt.timedelta(days=soort.ontvangen) * (rng.uniform(1.2, 3) if rng.random() < 0.1 else rng.uniform(0.2, 0.9))
            middle = t0 + min(ontvangen, (end - t0) * rng.uniform(0.1, 0.4))
            steps.append(Step(middle + minutes + delay, "status", {"volgnummer": 2, "gezet": middle}))
        resultaat = _resultaat(soort, rng)
        steps.append(Step(end - minutes + delay, "resultaat", {"omschrijving": resultaat}))
        steps.append(Step(end + minutes + delay, "status", {"volgnummer": 3, "gezet": end}))
        if rng.random() < 0.012:
            steps.append(Step(end + 20 * minutes + delay, "resultaat-weg"))
    zaak.steps = sorted(steps, key=lambda s: s.moment)


def _resultaat(soort: Soort, rng: random.Random) -> str | None:
    if not soort.resultaten:
        return None  # the zaaktype's only one
    return rng.choices([r for r, _ in soort.resultaten], [w for _, w in soort.resultaten])[0]


def _archive_some(plans: list[ZaakPlan], today: dt.date, count: int = 5) -> None:
    """The first `count` DEMO-MOR zaken closed (with resultaat) more than half a year ago are
    archived a month after closing: their document `gearchiveerd`, then the zaak."""
    limit = today - dt.timedelta(days=182)
    for zaak in plans:
        if count == 0:
            return
        kinds = [s.kind for s in zaak.steps]
        if zaak.soort.identificatie != "DEMO-MOR" or "resultaat-weg" in kinds or "document" not in kinds:
            continue
        closing = [s for s in zaak.steps if s.kind == "status" and s.data["volgnummer"] == 3]
        if not closing or closing[0].moment.date() > limit:
            continue
        zaak.steps.append(Step(closing[0].moment + dt.timedelta(days=30), "archiveren"))
        count -= 1


# ---------------------------------------------------------------- writing the story


class Seeder:
    """Writes planned zaken through the Zaken and Documenten APIs (an httpx client on the
    in-process transport), each request as of its step's moment with the medewerker's token."""

    def __init__(self, client: httpx.Client, kernel, now: Callable[[], dt.datetime] = utc.now):
        self.client = client
        self.kernel = kernel
        self.now = now()
        self.root = {name: SERVICES[name].local_root() for name in ("catalogi", "zaken", "documenten")}
        self.tokens: dict[str, tuple[float, str]] = {}
        self.types: dict[str, dict] = {}
        self.requests = 0

    def _headers(self, user: str) -> dict:
        made, token = self.tokens.get(user, (0.0, ""))
        if time.monotonic() - made > 600:  # a token's age is judged by the wall clock
            token = make_token(self.kernel.demo_client_id, self.kernel.demo_client_secret, user_id=user, user_representation=user)
            self.tokens[user] = (time.monotonic(), token)
        return {"Authorization": f"Bearer {token}", "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}

    def call(self, method: str, url: str, user: str, moment: dt.datetime, expect: int, **kwargs) -> dict:
        with utc.as_of(moment):
            response = self.client.request(method, url, headers=self._headers(user), **kwargs)
        self.requests += 1
        if response.status_code != expect:
            raise RuntimeError(f"demo history: {method} {url} gave {response.status_code} {response.text[:500]}")
        return response.json() if response.content else {}

    def get(self, url: str, **params) -> dict:
        response = self.client.get(url, params=params, headers=self._headers("seed-demo"))
        response.raise_for_status()
        return response.json()

    def zaaktype(self, identificatie: str) -> dict:
        """The published demo zaaktype with its statustypen (by volgnummer), roltypen and
        resultaattypen (by omschrijving)."""
        if identificatie not in self.types:
            ztc = self.root["catalogi"]
            [zaaktype] = self.get(f"{ztc}/zaaktypen", identificatie=identificatie)["results"][:1] or [None]
            if zaaktype is None:
                raise RuntimeError(f"demo history: no published zaaktype {identificatie} (load the demo catalogus first)")
            of = {"zaaktype": zaaktype["url"]}
            self.types[identificatie] = {
                "url": zaaktype["url"],
                "informatieobjecttype": zaaktype["informatieobjecttypen"][0],
                "statustypen": {s["volgnummer"]: s["url"] for s in self.get(f"{ztc}/statustypen", **of)["results"]},
                "behandelaar": next(
                    r["url"] for r in self.get(f"{ztc}/roltypen", **of)["results"] if r["omschrijvingGeneriek"] == "behandelaar"
                ),
                "resultaattypen": {r["omschrijving"]: r["url"] for r in self.get(f"{ztc}/resultaattypen", **of)["results"]},
            }
        return self.types[identificatie]

    def present(self) -> set[str]:
        """The identificaties of the history zaken already there."""
        found: set[str] = set()
        url, params = f"{self.root['zaken']}/zaken", {"page": 1}
        while url:
            page = self.get(url, **params)
            found.update(z["identificatie"] for z in page["results"] if z["identificatie"].startswith(PREFIX))
            url, params = page["next"], {}
        return found

    def write(self, zaak: ZaakPlan) -> None:
        types = self.zaaktype(zaak.soort.identificatie)
        zrc = self.root["zaken"]
        user = zaak.medewerker
        made: dict = {}
        for step in zaak.steps:
            if step.moment > self.now:
                break  # not yet happened: the zaak is open today
            at = step.moment
            if step.kind == "zaak":
                body = {
                    "identificatie": zaak.identificatie,
                    "bronorganisatie": ORGANISATIE,
                    "verantwoordelijkeOrganisatie": ORGANISATIE,
                    "zaaktype": types["url"],
                    "omschrijving": zaak.omschrijving,
                    "startdatum": zaak.start.date().isoformat(),
                    "registratiedatum": zaak.start.date().isoformat(),
                }
                made["zaak"] = self.call("POST", f"{zrc}/zaken", user, at, 201, json=body)["url"]
            elif step.kind == "rol-team" and zaak.team is not None:
                identificatie = {"identificatie": zaak.team.sleutel, "naam": zaak.team.naam}
                self._rol(made["zaak"], types, "organisatorische_eenheid", identificatie, user, at)
            elif step.kind == "rol-medewerker":
                self._rol(made["zaak"], types, "medewerker", {"identificatie": zaak.medewerker}, user, at)
            elif step.kind == "document":
                made["document"] = self._document(zaak, types, user, at)
                relation = {"zaak": made["zaak"], "informatieobject": made["document"]}
                self.call("POST", f"{zrc}/zaakinformatieobjecten", user, at + dt.timedelta(seconds=20), 201, json=relation)
            elif step.kind == "status":
                body = {
                    "zaak": made["zaak"],
                    "statustype": types["statustypen"][step.data["volgnummer"]],
                    "datumStatusGezet": utc.iso(step.data["gezet"]),
                }
                self.call("POST", f"{zrc}/statussen", user, at, 201, json=body)
            elif step.kind == "resultaat":
                resultaattypen = types["resultaattypen"]
                resultaattype = resultaattypen.get(step.data["omschrijving"]) or next(iter(resultaattypen.values()))
                body = {"zaak": made["zaak"], "resultaattype": resultaattype, "toelichting": ""}
                made["resultaat"] = self.call("POST", f"{zrc}/resultaten", user, at, 201, json=body)["url"]
            elif step.kind == "resultaat-weg":
                self.call("DELETE", made["resultaat"], user, at, 204)
            elif step.kind in ("opschorten", "hervatten"):
                reden = "Wacht op aanvullende gegevens" if step.kind == "opschorten" else ""
                body = {"opschorting": {"indicatie": step.kind == "opschorten", "reden": reden}}
                self.call("PATCH", made["zaak"], user, at, 200, json=body)
            elif step.kind == "archiveren":
                self._archive(made, user, at)

    def _rol(self, zaak_url: str, types: dict, betrokkene_type: str, identificatie: dict, user: str, at: dt.datetime) -> None:
        body = {
            "zaak": zaak_url,
            "betrokkeneType": betrokkene_type,
            "roltype": types["behandelaar"],
            "roltoelichting": "",
            "betrokkeneIdentificatie": identificatie,
        }
        self.call("POST", f"{self.root['zaken']}/rollen", user, at, 201, json=body)

    def _document(self, zaak: ZaakPlan, types: dict, user: str, at: dt.datetime) -> str:
        text = f"{zaak.omschrijving}\n\nIngediend op {zaak.start.date().isoformat()} ({zaak.identificatie}).\n"
        body = {
            "bronorganisatie": ORGANISATIE,
            "creatiedatum": zaak.start.date().isoformat(),
            "titel": zaak.omschrijving,
            "auteur": "Webformulier",
            "taal": "dut",
            "status": "definitief",
            "formaat": "text/plain",
            "bestandsnaam": "verzoek.txt",
            "ontvangstdatum": zaak.start.date().isoformat(),
            "indicatieGebruiksrecht": False,
            "informatieobjecttype": types["informatieobjecttype"],
            "inhoud": base64.b64encode(text.encode()).decode(),
        }
        return self.call("POST", f"{self.root['documenten']}/enkelvoudiginformatieobjecten", user, at, 201, json=body)["url"]

    def _archive(self, made: dict, user: str, at: dt.datetime) -> None:
        """zrc: archiefstatus `gearchiveerd` needs archiefnominatie and archiefactiedatum (derived
        when the zaak closed) and every document `gearchiveerd` (changed under its lock)."""
        document = made["document"]
        lock = self.call("POST", f"{document}/lock", user, at, 200, json={})["lock"]
        self.call("PATCH", document, user, at, 200, json={"status": "gearchiveerd", "lock": lock})
        self.call("POST", f"{document}/unlock", user, at, 204, json={"lock": lock})
        self.call("PATCH", made["zaak"], user, at + dt.timedelta(minutes=1), 200, json={"archiefstatus": "gearchiveerd"})


@contextmanager
def _seeder(catalogi_app, kernel) -> Iterator[Seeder]:
    """A Seeder on the Zaken and Documenten apps in-process (reading `catalogi_app`)."""
    from services.cli import InProcess
    from services.documenten.app import create_app as create_documenten
    from services.zaken.app import create_app as create_zaken

    kernel = kernel.model_copy(update={"dispatch_in_process": False})  # `zgw run`'s processes deliver
    transport = InProcess(catalogi_app)
    apps = (create_zaken(kernel=kernel, remote_transport=transport), create_documenten(kernel=kernel, remote_transport=transport))
    transport.apps.update({app.state.api_root: app for app in apps})
    client = httpx.Client(transport=transport, timeout=60)
    try:
        yield Seeder(client, kernel)
    finally:
        client.close()
        transport.close()
        apps[0].state.catalogi.close()
        apps[1].state.remote.close()
        for app in apps:
            app.state.db.dispose()


def _write_part(identificaties: list[str], zaken: int, today: dt.date, notification_targets: str | None) -> int:
    """One worker process's share of the zaken (its own apps on the same databases); returns the
    requests made."""
    from services.catalogi.app import create_app as create_catalogi
    from shared.settings import kernel_settings

    kernel = kernel_settings().model_copy(update={"demo_enabled": True, "notification_targets": notification_targets})
    catalogi = create_catalogi(kernel=kernel)
    wanted = set(identificaties)
    try:
        with _seeder(catalogi, kernel) as seeder:
            for zaak in plan(today, zaken):
                if zaak.identificatie in wanted:
                    seeder.write(zaak)
            return seeder.requests
    finally:
        catalogi.state.db.dispose()


def workers() -> int:
    """Worker processes for the history: a request is ~5 ms of Python, so one per core (at most 4:
    SQLite takes one writer at a time)."""
    return max(1, min(4, os.cpu_count() or 1))


def seed_history(
    catalogi_app, kernel, zaken: int = ZAKEN, today: dt.date | None = None, log=print, processes: int | None = None
) -> tuple[int, list[str]]:
    """The demo history through the Zaken and Documenten apps in-process (their notification
    targets those of `kernel`, so `zgw run` hands them to the rapportage once it serves), in
    `processes` worker processes side by side (default `workers()`; one for a small history); the
    zaken already present are skipped. Returns how many zaken were made, and the summary lines.

    Then `backfill_rapportage` projects them for the Rapportage in-process, so the dashboard is
    complete the moment the services serve: the ~16,000 notifications arrive after that (the
    Zaken dispatcher delivers them in the background) and change nothing, as each projects the
    zaak's current state."""
    started = time.monotonic()
    with _seeder(catalogi_app, kernel) as seeder:
        today = today or seeder.now.date()
        present = seeder.present()
        missing = [z for z in plan(today, zaken) if z.identificatie not in present]
        if not missing:
            return 0, [f"demo history: already present ({len(present)} zaken)"]
        parts = max(1, min(processes or workers(), len(missing) // 200))
        requests = 0
        if parts == 1:
            for n, zaak in enumerate(missing, start=1):
                seeder.write(zaak)
                if n % 250 == 0:
                    log(f"demo history: {n}/{len(missing)} zaken, {time.monotonic() - started:.0f}s")
            requests = seeder.requests
    if parts > 1:
        log(f"demo history: {len(missing)} zaken in {parts} processes")
        spawn = multiprocessing.get_context("spawn")  # fresh apps and connections in each
        with ProcessPoolExecutor(parts, mp_context=spawn) as pool:
            shares = [[z.identificatie for z in missing[i::parts]] for i in range(parts)]
            futures = [pool.submit(_write_part, share, zaken, today, kernel.notification_targets) for share in shares]
            for done, future in enumerate(as_completed(futures), start=1):
                requests += future.result()
                log(f"demo history: {done}/{parts} processes done, {time.monotonic() - started:.0f}s")
    seconds = time.monotonic() - started
    return len(missing), [f"demo history: {len(missing)} zaken created ({requests} requests, {seconds:.1f}s)"]


def backfill_rapportage(catalogi_app, kernel) -> str:
    """`zgw rapportage backfill` with the Zaken (and Catalogi) app in-process instead of over HTTP:
    every zaak of the Zaken database projected into the Rapportage database."""
    from services.cli import InProcess
    from services.documenten.app import create_app as create_documenten
    from services.rapportage.cli import opened, today
    from services.zaken.app import create_app as create_zaken

    transport = InProcess(catalogi_app)
    zaken_app = create_zaken(kernel=kernel, remote_transport=transport)
    # the "first zaak archived completely" milestone reads the archived zaak's documents
    documenten_app = create_documenten(kernel=kernel, remote_transport=transport)
    transport.apps.update({app.state.api_root: app for app in (zaken_app, documenten_app)})
    try:
        with opened(transport, kernel) as parts:
            result = parts.maintenance.backfill(parts.settings.zaken_api_url, today=today(parts.settings))
    finally:
        transport.close()
        zaken_app.state.catalogi.close()
        documenten_app.state.remote.close()
        for app in (zaken_app, documenten_app):
            app.state.db.dispose()
    failed = f", {len(result.mislukt)} mislukt: {result.mislukt[:3]}" if result.mislukt else ""
    return f"rapportage: {result.zaken} zaken geprojecteerd ({result.seconden:.1f}s){failed}"
