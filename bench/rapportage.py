"""Rapportage benchmarks: ingest rate and report latency at scale.

    .venv/bin/python -m bench.rapportage --db postgresql --zaken 1000000
    .venv/bin/python -m bench.rapportage --db sqlite --zaken 100000

1. Load: a throwaway database (bench.common.throwaway_database) filled with `--zaken` synthetic
   zaken (20 zaaktypen with 4 statustypen, 30 teams, ~4 years, ~3 statussen per zaak, ~5% open),
   their statussen, and the counters exactly as the projector would have made them (the same
   `zaak_contribution`), written with COPY (PostgreSQL) or executemany (SQLite), then ANALYZE.
2. Report latency: every report over HTTP (in-process TestClient, JWT auth, JSON), with no
   filter, a one-year period, a zaaktype, and a team; `--repeat` times each; mean/p50/p99/max.
3. Ingest, with the Zaken and Catalogi resources served from memory (what a real API's fetches
   cost is not measured): `--events-zaken` zaken of 5 notifications each (a create and 4
   statussen) (a) through the callback over real HTTP (uvicorn), from a second process sending
   `--callback-concurrency` messages at once (a zaak's in order), group-committed; (b) as a
   backlog of waiting inbox events drained by the worker's `--worker-threads` threads, each
   claiming batches of `--batch` (fetch concurrently, project, mark processed: one transaction
   per batch); (c) the projection alone
   (`Projector.apply`, `--batch` changes per transaction).

`--json file` writes machine, settings and results."""

import argparse
import contextlib
import datetime as dt
import json
import random
import sys
import time
import uuid
from collections import Counter
from types import SimpleNamespace

import httpx
from sqlalchemy import text

from bench.common import DEFAULT_POSTGRES, summary_ms, throwaway_database
from services.rapportage.tellers.repository import HISTOGRAMS, VERDELING_KEY, expand
from services.rapportage.zaak.contributions import zaak_contribution

TZ = "Europe/Amsterdam"
TODAY = dt.date(2026, 11, 30)
FIRST_DAY = dt.date(2022, 12, 1)
ZTC = "http://catalogi.bench/catalogi/api/v1"
ZRC = "http://zaken.bench/zaken/api/v1"
N_ZAAKTYPEN, N_STATUSTYPEN, N_TEAMS = 20, 4, 30
RUN = uuid.uuid4().hex[:8]  # new zaak URLs per run, so a loaded database can be measured again


# ------------------------------------------------------------ synthetic data


def dimensions():
    zaaktypen = []
    for i in range(1, N_ZAAKTYPEN + 1):
        doorlooptijd = 14 + (i % 7) * 7
        zaaktypen.append(
            {"id": i, "url": f"{ZTC}/zaaktypen/{i}", "groep": f"{ZTC}/catalogussen/1#ZT-{i:02d}", "catalogus": f"{ZTC}/catalogussen/1",
             "identificatie": f"ZT-{i:02d}", "omschrijving": f"Zaaktype {i}", "doorlooptijd": f"P{doorlooptijd}D",
             "servicenorm": f"P{doorlooptijd // 2}D", "begin_geldigheid": dt.date(2022, 1, 1), "opgehaald": True}
        )  # fmt: skip
    statustypen = []
    for z in zaaktypen:
        for v in range(1, N_STATUSTYPEN + 1):
            statustypen.append(
                {"id": (z["id"] - 1) * N_STATUSTYPEN + v, "url": f"{ZTC}/statustypen/{z['id']}-{v}", "zaaktype_url": z["url"], "volgnummer": v,
                 "omschrijving": ["Ontvangen", "In behandeling", "Besluit", "Afgehandeld"][v - 1], "statustekst": "Tekst",
                 "informeren": v in (1, N_STATUSTYPEN), "doorlooptijd": "P3D" if v < N_STATUSTYPEN else "", "opgehaald": True}
            )  # fmt: skip
    teams = [
        {
            "id": i,
            "sleutel": f"organisatorische_eenheid:OE-{i:02d}",
            "betrokkene_type": "organisatorische_eenheid",
            "identificatie": f"OE-{i:02d}",
            "naam": f"Team {i:02d}",
        }
        for i in range(1, N_TEAMS + 1)
    ]
    return zaaktypen, statustypen, teams


def synthetic_zaken(n: int, seed: int = 42):
    """Yields (zaak row, status rows, contribution) per zaak."""
    rng = random.Random(seed)
    span = (TODAY - FIRST_DAY).days
    for i in range(1, n + 1):
        zt = rng.randrange(1, N_ZAAKTYPEN + 1)
        team = ((zt * 3 + rng.randrange(3)) % N_TEAMS) + 1
        start = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
        norm = 14 + (zt % 7) * 7
        duration = max(0, int(rng.gammavariate(2.0, norm / 2.5)))
        end = start + dt.timedelta(days=duration)
        closed = end < TODAY and rng.random() > 0.02
        moments = [dt.datetime.combine(start, dt.time(8 + rng.randrange(8)), dt.UTC)]
        moments.append(moments[0] + dt.timedelta(hours=rng.randrange(1, max(2, duration * 24 // 3 + 2))))
        if closed:
            moments.append(dt.datetime.combine(end, dt.time(15), dt.UTC))
        moments = [m for m in sorted(moments) if m.date() < TODAY]
        url = f"{ZRC}/zaken/{i:08d}"
        deadline_sn = start + dt.timedelta(days=norm // 2)
        deadline_dl = start + dt.timedelta(days=norm)
        zaak = SimpleNamespace(
            id=i, url=url, uuid=f"00000000-0000-4000-8000-{i:012d}", identificatie=f"ZAAK-{i}", bronorganisatie="002220647",
            zaaktype_id=zt, team_id=team, hoofdzaak=None, registratiedatum=start, startdatum=start,
            einddatum=end if closed else None, einddatum_gepland=deadline_sn, uiterlijke_einddatum_afdoening=deadline_dl,
            verlenging_dagen=0, opgeschort_sinds=None, opgeschorte_dagen=0, deadline_servicenorm=deadline_sn,
            deadline_doorlooptijd=deadline_dl, doorlooptijd_bruto=duration if closed else None,
            doorlooptijd_netto=duration if closed else None, op_tijd_servicenorm=(end <= deadline_sn) if closed else None,
            op_tijd_doorlooptijd=(end <= deadline_dl) if closed else None, status_url=None, statustype_id=None,
            resultaat_url=None, resultaattype_url=None, bijgewerkt_op=dt.datetime.now(dt.UTC),
        )  # fmt: skip
        statussen = []
        for index, moment in enumerate(moments):
            volgnummer = N_STATUSTYPEN if (closed and index == len(moments) - 1) else index + 1
            st = (zt - 1) * N_STATUSTYPEN + volgnummer
            nxt = moments[index + 1] if index + 1 < len(moments) else None
            duur = int((nxt - moment).total_seconds()) if nxt else None
            statussen.append(
                SimpleNamespace(url=f"{url}/s{index}", zaak_id=i, statustype_id=st, datum_status_gezet=moment, duur_seconden=duur,
                                boven_norm=None if duur is None or volgnummer == N_STATUSTYPEN else duur > 72 * 3600)
            )  # fmt: skip
        if statussen:
            zaak.status_url, zaak.statustype_id = statussen[-1].url, statussen[-1].statustype_id
        yield zaak, statussen


ZAAK_COLUMNS = (
    "id", "url", "uuid", "identificatie", "bronorganisatie", "zaaktype_id", "team_id", "hoofdzaak", "registratiedatum", "startdatum",
    "einddatum", "einddatum_gepland", "uiterlijke_einddatum_afdoening", "verlenging_dagen", "opgeschort_sinds", "opgeschorte_dagen",
    "deadline_servicenorm", "deadline_doorlooptijd", "doorlooptijd_bruto", "doorlooptijd_netto", "op_tijd_servicenorm",
    "op_tijd_doorlooptijd", "status_url", "statustype_id", "resultaat_url", "resultaattype_url", "bijgewerkt_op",
)  # fmt: skip
STATUS_COLUMNS = ("url", "zaak_id", "statustype_id", "datum_status_gezet", "duur_seconden", "boven_norm")
TELLER_COLUMNS = ("soort", "niveau", "team_id", "periode", "zaaktype_id", "statustype_id", "waarde", "aantal")


def _write(connection, table: str, columns, rows, postgres: bool) -> None:
    if postgres:
        raw = connection.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        placeholders = ", ".join("?" for _ in columns)
        raw = connection.connection.driver_connection
        raw.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", [
            tuple(v.isoformat(sep=" ") if isinstance(v, dt.datetime) else v.isoformat() if isinstance(v, dt.date) else v for v in row) for row in rows
        ])  # fmt: skip


def load(url: str, n: int, chunk: int = 50_000) -> dict:
    from sqlalchemy import create_engine

    from shared.db import normalize_url

    postgres = url.startswith("postgres")
    engine = create_engine(normalize_url(url))
    started = time.monotonic()
    zaaktypen, statustypen, teams = dimensions()
    counters: Counter = Counter()
    n_status = 0
    with engine.begin() as connection:
        _write(connection, "rpt_zaaktype", list(zaaktypen[0]), [tuple(z.values()) for z in zaaktypen], postgres)
        _write(connection, "rpt_statustype", list(statustypen[0]), [tuple(s.values()) for s in statustypen], postgres)
        _write(connection, "rpt_team", list(teams[0]), [tuple(t.values()) for t in teams], postgres)
    zaak_rows, status_rows = [], []

    def flush():
        with engine.begin() as connection:
            _write(connection, "rpt_zaak", ZAAK_COLUMNS, zaak_rows, postgres)
            _write(connection, "rpt_status", STATUS_COLUMNS, status_rows, postgres)
        zaak_rows.clear()
        status_rows.clear()

    for zaak, statussen in synthetic_zaken(n):
        counters.update(zaak_contribution(zaak, statussen, TZ))
        zaak_rows.append(tuple(getattr(zaak, c) for c in ZAAK_COLUMNS))
        status_rows.extend(tuple(getattr(s, c) for c in STATUS_COLUMNS) for s in statussen)
        n_status += len(statussen)
        if len(zaak_rows) >= chunk:
            flush()
            print(f"\r  loaded {zaak.id:,} zaken", end="", file=sys.stderr, flush=True)
    flush()
    rows = expand(counters)
    verdelingen: dict[tuple, dict] = {}
    for key, value in rows.items():
        if key[0] in HISTOGRAMS and value:
            entry = verdelingen.setdefault(key[:6], {"aantal": 0, "bins": {}})
            entry["aantal"] += value
            entry["bins"][str(key[6])] = value
    with engine.begin() as connection:
        _write(connection, "rpt_teller", TELLER_COLUMNS, [(*k, v) for k, v in rows.items() if v and k[0] not in HISTOGRAMS], postgres)
        _write(
            connection,
            "rpt_verdeling",
            (*VERDELING_KEY, "aantal", "bins"),
            [(*k, e["aantal"], json.dumps(e["bins"])) for k, e in verdelingen.items()],
            postgres,
        )
        connection.execute(text("INSERT INTO rpt_stand (naam, waarde) VALUES ('aantal_zaken', :n)"), {"n": n})
        if postgres:
            connection.execute(text("SELECT setval(pg_get_serial_sequence('rpt_zaak', 'id'), :n)"), {"n": n})
            connection.execute(text("SELECT setval(pg_get_serial_sequence('rpt_zaaktype', 'id'), 100)"))
            connection.execute(text("SELECT setval(pg_get_serial_sequence('rpt_statustype', 'id'), 1000)"))
            connection.execute(text("SELECT setval(pg_get_serial_sequence('rpt_team', 'id'), 100)"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("ANALYZE"))
    print("", file=sys.stderr)
    engine.dispose()
    return {
        "zaken": n, "statussen": n_status, "teller_rows": sum(1 for k, v in rows.items() if v and k[0] not in HISTOGRAMS), "verdeling_rows": len(verdelingen),
        "teller_rows_per_level": dict(Counter(k[1] for k, v in rows.items() if v and k[0] not in HISTOGRAMS)), "seconds": round(time.monotonic() - started, 1),
    }  # fmt: skip


# ------------------------------------------------------------ report latency

REPORTS = [
    "kerncijfers", "instroom-uitstroom", "werkvoorraad", "werkvoorraad-trend", "doorlooptijden", "doorlooptijd-trend",
    "statusduur", "gebruik", "kampioen", "mijlpalen",
]  # fmt: skip
FILTERS = {
    "none": {},
    "year": {"van": "2025-12-01", "tot": "2026-11-30"},
    "zaaktype": {"zaaktype": "ZT-03"},
    "team": {"team": "OE-07"},
}


def app_for(url: str, transport=None, **settings):
    from services.rapportage.app import create_app
    from services.rapportage.settings import RapportageSettings
    from shared.settings import KernelSettings

    rs = RapportageSettings(database_url=url, worker_enabled=False, callback_authorization="Bearer bench", **settings)
    # gc_freeze as `zgw serve` sets it: the served app's start-up settles the heap (shared.app.settle_heap)
    return create_app(rs, KernelSettings(demo_enabled=True, gc_freeze=True), transport=transport, today=lambda: TODAY)


def report_latency(url: str, repeat: int) -> dict:
    from fastapi.testclient import TestClient

    from shared.auth import make_token

    app = app_for(url)
    token = make_token("demo", "demo-secret")
    results = {}
    with TestClient(app) as client:
        headers = {"Authorization": f"Bearer {token}"}
        paths = [f"/rapportage/api/v1/{r}" for r in REPORTS] + ["/rapportage/api/v1/zaken/00000000-0000-4000-8000-000000000042/tijdlijn"]
        for path in paths:
            for name, params in FILTERS.items():
                if path.endswith("tijdlijn") and name != "none":
                    continue
                timings = []
                for _ in range(repeat + 1):
                    started = time.perf_counter()
                    response = client.get(f"http://testserver{path}", params=params, headers=headers)
                    timings.append(time.perf_counter() - started)
                    assert response.status_code == 200, response.text
                key = f"{path.rsplit('/v1/', 1)[1]} [{name}]"
                results[key] = summary_ms(timings[1:])  # the first warms caches
                print(f"  {key:<45} p50 {results[key]['p50']:8.1f} ms  p99 {results[key]['p99']:8.1f} ms", file=sys.stderr)
        started = time.perf_counter()
        response = client.get("http://testserver/rapportage/", headers=headers)
        assert response.status_code in (200, 401)
    app.state.db.dispose()
    return results


# ------------------------------------------------------------ ingest


class MemoryZgw(httpx.BaseTransport):
    """Zaken and Catalogi resources from memory (what the fetches cost is not measured here): each
    object by its URL, and the list of a zaak's statussen (`GET /statussen?zaak=`). The zaken have
    no rollen, and say so as a Zaken API 1.5 zaak does (`rollen: []`), and embed their status on
    `expand=status`. They are in their final state: their status is their last one."""

    def __init__(self):
        self.objects: dict[str, bytes] = {}
        self.statussen: dict[str, list] = {}
        self.with_status: dict[str, bytes] = {}  # a zaak with its status embedded (`expand=status`)

    def put(self, url: str, data) -> None:
        self.objects[url] = json.dumps(data).encode()

    def put_zaak(self, data: dict, status: dict) -> None:
        self.put(data["url"], data)
        self.with_status[data["url"]] = json.dumps({**data, "_expand": {"status": status}}).encode()

    def put_status(self, data: dict) -> None:
        self.put(data["url"], data)
        self.statussen.setdefault(data["zaak"], []).append(data)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        if request.url.path.endswith(("/statussen", "/rollen")):
            results = self.statussen.get(request.url.params.get("zaak"), []) if request.url.path.endswith("/statussen") else []
            page = {"count": len(results), "next": None, "previous": None, "results": results}
            return httpx.Response(200, content=json.dumps(page).encode(), headers={"content-type": "application/json"})
        if request.url.params.get("expand") == "status":
            url = url.split("?", 1)[0]
            body = self.with_status.get(url)
        else:
            body = self.objects.get(url)
        if body is None:
            return httpx.Response(404, content=b'{"detail":"not found"}', headers={"content-type": "application/json"})
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})


def ingest_events(n_zaken: int, seed: int = 7, prefix: str = "ingest"):
    """A memory API with `n_zaken` new zaken of 4 statussen each, and their messages in order."""
    zaaktypen, statustypen, _ = dimensions()
    api = MemoryZgw()
    for z in zaaktypen:
        api.put(z["url"], {"url": z["url"], "catalogus": z["catalogus"], "identificatie": z["identificatie"], "omschrijving": z["omschrijving"],
                           "doorlooptijd": z["doorlooptijd"], "servicenorm": z["servicenorm"], "beginGeldigheid": "2022-01-01"})  # fmt: skip
    for s in statustypen:
        api.put(s["url"], {"url": s["url"], "zaaktype": s["zaaktype_url"], "volgnummer": s["volgnummer"], "omschrijving": s["omschrijving"],
                           "statustekst": s["statustekst"], "informeren": s["informeren"], "doorlooptijd": s["doorlooptijd"]})  # fmt: skip
    rng = random.Random(seed)
    messages = []
    changes = []
    from services.rapportage.zaak.facts import Change, StatusFacts, StatustypeFacts, ZaakFacts, ZaaktypeFacts

    base = dt.datetime(2026, 11, 1, 8, tzinfo=dt.UTC)
    for i in range(n_zaken):
        zt = zaaktypen[rng.randrange(len(zaaktypen))]
        url = f"{ZRC}/zaken/{prefix}-{i:08d}"
        start = base + dt.timedelta(minutes=i)
        statussen = []
        for v in range(1, N_STATUSTYPEN + 1):
            st_url = f"{ZTC}/statustypen/{zt['id']}-{v}"
            s_url = f"{ZRC}/statussen/{prefix}-{i:08d}-{v}"
            moment = start + dt.timedelta(days=v - 1, hours=v)
            status = {"url": s_url, "zaak": url, "statustype": st_url, "datumStatusGezet": moment.isoformat().replace("+00:00", "Z")}
            api.put_status(status)
            statussen.append(status)
        zaak = {"url": url, "uuid": f"10000000-0000-4000-8000-{i:012d}", "identificatie": f"ING-{i}", "bronorganisatie": "002220647",
                "zaaktype": zt["url"], "registratiedatum": start.date().isoformat(), "startdatum": start.date().isoformat(),
                "einddatum": (start + dt.timedelta(days=3)).date().isoformat(), "einddatumGepland": None, "uiterlijkeEinddatumAfdoening": None,
                "status": statussen[-1]["url"], "resultaat": None, "opschorting": {"indicatie": False}, "rollen": []}  # fmt: skip
        api.put_zaak(zaak, statussen[-1])
        api.put(f"{url}/audittrail", [])
        kenmerken = {"bronorganisatie": "002220647", "zaaktype": zt["url"], "vertrouwelijkheidaanduiding": "openbaar"}
        messages.append({"kanaal": "zaken", "hoofdObject": url, "resource": "zaak", "resourceUrl": url, "actie": "create",
                         "aanmaakdatum": start.isoformat().replace("+00:00", "Z"), "kenmerken": kenmerken})  # fmt: skip
        for status in statussen:
            messages.append({"kanaal": "zaken", "hoofdObject": url, "resource": "status", "resourceUrl": status["url"], "actie": "create",
                             "aanmaakdatum": status["datumStatusGezet"], "kenmerken": kenmerken})  # fmt: skip
        # the same events as Changes, for the batched projection
        facts = ZaakFacts.from_json(zaak)
        zt_facts = {zt["url"]: ZaaktypeFacts.from_json(zt["url"], json.loads(api.objects[zt["url"]]))}
        changes.append(Change(url, zaak=facts, statussen=[], zaaktypen=zt_facts))
        for status in statussen:
            changes.append(
                Change(url, zaak=facts, status_upserts=[StatusFacts.from_json(status)], zaaktypen=zt_facts,
                       statustypen={status["statustype"]: StatustypeFacts.from_json(status["statustype"], json.loads(api.objects[status["statustype"]]))})
            )  # fmt: skip
    return api, messages, changes


def _send(port: int, streams: list[list[bytes]], result) -> None:
    """The sender process: one asyncio task per stream, each POSTing its messages in order over a
    keep-alive connection with the dispatcher's own HTTP client (as `zgw dispatch` delivers: up
    to `dispatch_concurrency` at once, one hoofdObject's messages in order). Puts
    (seconds, per-request seconds, non-204 count) on `result`."""
    import asyncio

    from shared.dispatcher import Poster

    async def run():
        poster = Poster(f"http://127.0.0.1:{port}/rapportage/api/v1/callbacks", timeout=60, connect_timeout=5)
        timings, failed = [], 0

        async def stream(bodies):
            nonlocal failed
            for body in bodies:
                t0 = time.perf_counter()
                status, _ = await poster.post(body, {"Authorization": "Bearer bench"})
                timings.append(time.perf_counter() - t0)
                failed += status != 204

        started = time.perf_counter()
        await asyncio.gather(*(stream(bodies) for bodies in streams))
        return time.perf_counter() - started, timings, failed

    result.put(asyncio.run(run()))


def ingest_callback(url: str, n_zaken: int, concurrency: int) -> dict:
    """Every message through the callback over real HTTP (uvicorn, in this process, its fetches
    served from memory), from a second process sending `concurrency` at once, the messages of a
    zaak in order on one connection."""
    import multiprocessing
    import socket
    import threading

    import uvicorn

    api, messages, _ = ingest_events(n_zaken, prefix=f"callback{concurrency}-{RUN}")
    app = app_for(url, transport=api, mijlpalen_aantallen="")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    streams: list[list[bytes]] = [[] for _ in range(concurrency)]
    zaak_stream: dict[str, int] = {}
    for message in messages:
        index = zaak_stream.setdefault(message["hoofdObject"], len(zaak_stream) % concurrency)
        streams[index].append(json.dumps(message).encode())
    context = multiprocessing.get_context("spawn")
    result = context.Queue()
    sender = context.Process(target=_send, args=(port, streams, result))
    sender.start()
    seconds, timings, failed = result.get(timeout=600)
    sender.join()
    waiting = app.state.intake.status()["wachtend"]
    server.should_exit = True
    thread.join(timeout=10)
    app.state.db.dispose()
    assert failed == 0 and waiting == 0, (failed, waiting)
    return {
        "events": len(messages), "concurrency": concurrency, "seconds": round(seconds, 2),
        "events_per_second": round(len(messages) / seconds), "request_ms": summary_ms(timings),
    }  # fmt: skip


def ingest_batched(url: str, n_zaken: int, batch: int) -> dict:
    from services.rapportage.zaak.projector import Projector
    from shared.db import Database

    _, _, changes = ingest_events(n_zaken, seed=11, prefix=f"batch-{RUN}")
    database = Database(url)
    projector = Projector(TZ)
    started = time.perf_counter()
    for offset in range(0, len(changes), batch):
        with database.session() as session:
            projector.apply(session, changes[offset : offset + batch])
            session.commit()
    seconds = time.perf_counter() - started
    database.dispose()
    return {"events": len(changes), "batch": batch, "seconds": round(seconds, 2), "events_per_second": round(len(changes) / seconds)}


def machine_facts() -> dict:
    import os
    import platform
    from pathlib import Path

    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "load": os.getloadavg(),
    }


@contextlib.contextmanager
def _existing(url: str):
    yield url


def ingest_worker(url: str, n_zaken: int, batch: int, threads: int) -> dict:
    """A backlog of waiting inbox events (as after an outage of the Zaken API), drained by the
    worker's threads, each claiming batches: fetch (from memory, concurrently), project, mark
    processed."""
    import threading

    from services.rapportage.inbox.models import InboxEvent
    from services.rapportage.inbox.service import dedupe_key, inbox_row
    from services.rapportage.tellers.repository import dialect_insert
    from shared.app import settle_heap

    api, messages, _ = ingest_events(n_zaken, seed=13, prefix=f"worker-{RUN}")
    app = app_for(url, transport=api, mijlpalen_aantallen="", fetch_concurrency=4)
    now = dt.datetime.now(dt.UTC)
    rows = [inbox_row(m, dedupe_key(m), now) for m in messages]
    with app.state.db.session() as session:
        session.execute(dialect_insert(session, InboxEvent.__table__), rows)
        session.commit()
    intake = app.state.intake
    settle_heap()  # what the served app's start-up does (app_for), which runs no start-up here
    batches: list[int] = []  # events handled per batch

    def drain():  # what each of the worker's threads does (services.rapportage.inbox.worker)
        while n := intake.process_due(limit=batch):
            batches.append(n)

    workers = [threading.Thread(target=drain) for _ in range(threads)]
    started = time.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    seconds = time.perf_counter() - started
    handled = sum(batches)
    status = intake.status()
    intake.close()
    app.state.reader.close()
    app.state.db.dispose()
    assert status["wachtend"] == 0, status
    return {
        "events": handled,
        "batch": batch,
        "threads": threads,
        "seconds": round(seconds, 2),
        "events_per_second": round(handled / seconds),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--database-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--zaken", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--events-zaken", type=int, default=1000, help="ingest: zaken (5 events each: create + 4 statussen)")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument(
        "--worker-threads", type=int, default=2, help="worker path: threads draining the backlog (RAPPORTAGE_WORKER_THREADS)"
    )
    parser.add_argument(
        "--callback-concurrency",
        default="1,32",
        help="callback: messages in flight at once, comma-separated runs (32: the dispatcher's default)",
    )
    parser.add_argument("--skip", action="append", default=[], choices=["reports", "callback", "worker", "batched"])
    parser.add_argument("--json", help="write the results here")
    parser.add_argument("--use", help="an already loaded database URL (from --load-into): no throwaway database, no load")
    parser.add_argument("--load-into", help="migrate and load this database URL and stop (to measure it repeatedly with --use)")
    args = parser.parse_args(argv)
    results: dict = {"machine": machine_facts(), "db": args.db, "zaken": args.zaken}
    if args.load_into:
        from shared.migrate import upgrade

        upgrade("rapportage", args.load_into)
        print(json.dumps(load(args.load_into, args.zaken)))
        return 0
    with _existing(args.use) if args.use else throwaway_database(args.db, args.database_url, service="rapportage") as url:
        if not args.use:
            print(f"loading {args.zaken:,} zaken ...", file=sys.stderr)
            results["load"] = load(url, args.zaken)
            print(f"  {results['load']}", file=sys.stderr)
        if "reports" not in args.skip:
            print("report latency (HTTP, in-process):", file=sys.stderr)
            results["reports"] = report_latency(url, args.repeat)
            worst = max(results["reports"].items(), key=lambda kv: kv[1]["p50"])
            results["worst_report_p50"] = {"report": worst[0], **worst[1]}
        if "callback" not in args.skip:
            results["ingest_callback"] = []
            for concurrency in (int(c) for c in args.callback_concurrency.split(",")):
                print(f"ingest through the callback over HTTP, {concurrency} at once ...", file=sys.stderr)
                results["ingest_callback"].append(ingest_callback(url, args.events_zaken, concurrency))
                print(f"  {results['ingest_callback'][-1]}", file=sys.stderr)
        if "worker" not in args.skip:
            print("ingest by the worker (a backlog of waiting events, in batches) ...", file=sys.stderr)
            results["ingest_worker"] = ingest_worker(url, args.events_zaken, args.batch, args.worker_threads)
            print(f"  {results['ingest_worker']}", file=sys.stderr)
        if "batched" not in args.skip:
            print("projection alone, in batches (no fetching, no inbox) ...", file=sys.stderr)
            results["ingest_batched"] = ingest_batched(url, args.events_zaken, args.batch)
            print(f"  {results['ingest_batched']}", file=sys.stderr)
    text_out = json.dumps(results, indent=2, default=str)
    print(text_out)
    if args.json:
        with open(args.json, "w") as handle:
            handle.write(text_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
