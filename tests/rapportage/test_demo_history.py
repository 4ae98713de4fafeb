"""The demo history of `zgw seed-demo --history` (services/demo_history.py): the story as planned
(known by construction: a pure function of the day and the number of zaken), written through the
APIs in-process as of each step's moment, backfilled into the Rapportage, idempotent; and the
dashboard over the full year in headless Chromium at 1280 px (tests/browser.py)."""

import datetime as dt
import itertools
import json
import os
import statistics
import subprocess
import sys
from collections import Counter, defaultdict

import pytest
from sqlalchemy import create_engine, text

from services import demo_history
from services.registry import SERVICES
from shared import utc
from shared.db import normalize_url
from shared.settings import PROJECT_ROOT
from tests.browser import Browser, chromium
from tests.conftest import DB_BACKENDS, migrated_database
from tests.processes import Service

SMALL = 60


def _closings(zaak: demo_history.ZaakPlan) -> list[demo_history.Step]:
    return [s for s in zaak.steps if s.kind == "status" and s.data["volgnummer"] == 3]


def test_the_story_is_deterministic_and_has_what_the_reports_show():
    today = dt.date(2026, 12, 7)
    plans = demo_history.plan(today)
    assert [(z.identificatie, z.start, [(s.kind, s.moment) for s in z.steps]) for z in plans[:50]] == [
        (z.identificatie, z.start, [(s.kind, s.moment) for s in z.steps]) for z in demo_history.plan(today)[:50]
    ]
    assert len(plans) == 2000 and plans[0].identificatie == "DEMO-H-00001"
    assert dt.date(2025, 11, 1) <= plans[0].start.date() and plans[-1].start.date() < today
    assert {z.team.naam for z in plans if z.team} == {t.naam for t in demo_history.TEAMS.values()}
    assert len({z.medewerker for z in plans}) == 60
    kinds = Counter(s.kind for z in plans for s in z.steps)
    assert kinds["opschorten"] == kinds["hervatten"] > 50
    assert 10 <= kinds["resultaat-weg"] <= 60 and kinds["archiveren"] == 5
    assert sum(1 for z in plans if z.team is None) > 20
    # late registrations: a status registered more than 24 h after its datumStatusGezet
    late = Counter(
        z.team.sleutel
        for z in plans
        if z.team
        for s in z.steps
        if s.kind == "status" and s.moment - s.data["gezet"] > dt.timedelta(hours=24)
    )
    assert late.most_common(1)[0][0] == "OE-HH" and sum(late.values()) > 80
    # open and stuck: months old, never closed
    stuck = [z for z in plans if not _closings(z) and (today - z.start.date()).days > 75]
    assert len(stuck) >= 10


def test_the_champion_changes_and_one_doorlooptijd_halves():
    """From the plan alone: per month the team with the highest share closed within the
    doorlooptijd differs over the year, and DEMO-MOR's median doorlooptijd of the last complete
    month is at most half that of the same month a year before."""
    today = dt.date(2026, 12, 7)
    plans = demo_history.plan(today)
    closed = defaultdict(list)
    doorlooptijden = defaultdict(list)
    for z in plans:
        for s in _closings(z):
            einde = s.data["gezet"].date()
            month = einde.strftime("%Y-%m")
            suspended = sum(
                (b.moment - a.moment).days
                for a, b in zip([x for x in z.steps if x.kind == "opschorten"], [x for x in z.steps if x.kind == "hervatten"], strict=True)
            )
            on_time = (einde - z.start.date()).days <= z.soort.doorlooptijd + suspended
            if z.team:
                closed[(month, z.team.sleutel)].append(on_time)
            if z.soort.identificatie == "DEMO-MOR":
                doorlooptijden[month].append((einde - z.start.date()).days)
    champions = set()
    for month in {m for m, _ in closed}:
        shares = {team: sum(v) / len(v) for (m, team), v in closed.items() if m == month and len(v) >= 3}
        champions.add(max(shares, key=shares.get))
    assert len(champions) >= 3
    assert statistics.median(doorlooptijden["2026-11"]) <= statistics.median(doorlooptijden["2025-11"]) / 2


def _seeded_environment(backend: str, tmp_path_factory) -> tuple[dict[str, str], dict[str, str], list]:
    urls, cleanups = {}, []
    for name in SERVICES:
        urls[name], cleanup = migrated_database(name, backend, tmp_path_factory)
        cleanups.append(cleanup)
    env = {
        **os.environ,
        **{f"{SERVICES[name].settings_prefix}DATABASE_URL": url for name, url in urls.items()},
        "DOCUMENTEN_STORAGE_PATH": str(tmp_path_factory.mktemp("documenten")),
        "ZGW_DEMO_ENABLED": "true",
        "CATALOGI_SELECTIELIJST_VALIDATION": "false",
    }
    return env, urls, cleanups


def _seed(env: dict[str, str], zaken: int, timeout: float = 900) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "services.cli", "seed-demo", "--history", "--history-zaken", str(zaken)],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _moment(value) -> str:
    """A moment as read back (SQLite: text), as `utc.iso` writes it."""
    return utc.iso(dt.datetime.fromisoformat(value) if isinstance(value, str) else value)


def _rows(url: str, sql: str) -> list:
    engine = create_engine(normalize_url(url))
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(sql)).mappings())
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", DB_BACKENDS)
def test_seeded_as_of_each_moment_backfilled_and_once(backend, tmp_path_factory):
    env, urls, cleanups = _seeded_environment(backend, tmp_path_factory)
    try:
        first = _seed(env, SMALL)
        now = utc.now()
        plans = demo_history.plan(now.date(), SMALL)
        assert f"demo history: {SMALL} zaken created" in first
        assert f"rapportage: {SMALL + 1} zaken geprojecteerd" in first  # and the demo zaak
        again = _seed(env, SMALL)
        assert f"demo history: already present ({SMALL} zaken)" in again and "rapportage:" not in again
        zaken = _rows(urls["zaken"], "SELECT identificatie, archiefstatus FROM zaak WHERE identificatie LIKE 'DEMO-H-%'")
        assert sorted(z["identificatie"] for z in zaken) == [z.identificatie for z in plans]
        archived = {z.identificatie for z in plans if any(s.kind == "archiveren" and s.moment <= now for s in z.steps)}
        assert {z["identificatie"] for z in zaken if z["archiefstatus"] == "gearchiveerd"} == archived

        # every status registered as of its planned moment: the audit trail and the notification
        # say when, and the Rapportage read it from there
        planned = {
            (z.identificatie, utc.iso(s.data["gezet"])): utc.iso(s.moment)
            for z in plans
            for s in z.steps
            if s.kind == "status" and s.moment <= now
        }
        projected = _rows(
            urls["rapportage"],
            "SELECT z.identificatie, s.datum_status_gezet, s.geregistreerd, s.naregistratie_seconden "
            "FROM rpt_status s JOIN rpt_zaak z ON z.id = s.zaak_id WHERE z.identificatie LIKE 'DEMO-H-%'",
        )
        assert {(r["identificatie"], _moment(r["datum_status_gezet"])): _moment(r["geregistreerd"]) for r in projected} == planned
        late = sum(
            1
            for (_, gezet), registered in planned.items()
            if dt.datetime.fromisoformat(registered) - dt.datetime.fromisoformat(gezet) > dt.timedelta(hours=24)
        )
        assert sum(1 for r in projected if (r["naregistratie_seconden"] or 0) > 24 * 3600) == late
        # the first zaak of each zaaktype, though the backfill saw the newest first (the demo
        # zaak DEMO-MOR-0001 is of 2024)
        firsts = {z.soort.identificatie: z.start.date() for z in reversed(plans)} | {"DEMO-MOR": dt.date(2024, 6, 3)}
        mijlpalen = _rows(urls["rapportage"], "SELECT sleutel, datum, titel FROM rpt_mijlpaal WHERE soort = 'eerste-zaak'")
        titels = {
            next(i for i in firsts if {"DEMO-MOR": "Melding", "DEMO-PARKEREN": "parkeer", "DEMO-KLACHT": "klacht"}[i] in m["titel"]): str(
                m["datum"]
            )
            for m in mijlpalen
        }
        assert titels == {i: d.isoformat() for i, d in firsts.items()}
        created = _rows(urls["zaken"], "SELECT message FROM outbox WHERE resource = 'zaak' AND actie = 'create'")
        messages = [json.loads(m["message"]) if isinstance(m["message"], str) else m["message"] for m in created]
        starts = {utc.iso(z.start) for z in plans}
        assert starts <= {m["aanmaakdatum"] for m in messages}
        # 60 medewerkers at most, each acting under their own identificatie in the audit trail
        users = {r["gebruikers_id"] for r in _rows(urls["zaken"], "SELECT DISTINCT gebruikers_id FROM audittrail")}
        assert {z.medewerker for z in plans} <= users
    finally:
        for cleanup in cleanups:
            cleanup()


CHARTS = ("grafiek-doorlooptijd", "grafiek-instroom-uitstroom", "grafiek-werkvoorraad", "grafiek-leeftijd", "grafiek-statusduur")

# per chart: its data points (a bar or point with a value), and the month labels on its x axis
# with their rendered boxes
INSPECT = """
(() => {
  const out = {};
  for (const svg of document.querySelectorAll('svg.chart')) {
    const points = [...svg.querySelectorAll('[data-value]')].map(e => e.getAttribute('data-value'));
    const labels = [...svg.querySelectorAll('text.axis.x')].map(t => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, left: r.left, right: r.right, width: r.width};
    });
    const box = svg.getBoundingClientRect();
    out[svg.id] = {points, labels, width: box.width, height: box.height};
  }
  return {
    charts: out,
    pageWidth: document.documentElement.scrollWidth,
    kampioenen: document.querySelectorAll('#kampioen tr').length,
    mijlpalen: [...document.querySelectorAll('[data-mijlpaal]')].map(e => e.getAttribute('data-mijlpaal')),
    signalen: Object.fromEntries([...document.querySelectorAll('tr[data-signaal]')].map(e => [
      e.getAttribute('data-signaal'), e.classList.contains('signaal') || e.querySelector('li[data-groep]') !== null])),
  };
})()
"""

PRINTED = """
(() => ({
  filters: getComputedStyle(document.querySelector('#filters')).display,
  exports: getComputedStyle(document.querySelector('#exports')).display,
  height: document.body.scrollHeight,
  charts: document.querySelectorAll('svg.chart').length,
}))()
"""


@pytest.mark.processes
@pytest.mark.skipif(chromium() is None, reason="Chromium is not installed (/usr/bin/chromium): `apt-get install chromium`, as .ci/run does")
def test_a_year_of_history_on_the_dashboard_in_chromium(tmp_path, tmp_path_factory):
    """The full history (2,000 zaken), the dashboard served by the Rapportage as a process, in
    Chromium at 1280 px: every chart has data, the twelve month labels do not overlap, no console
    error, a screenshot, and it prints (A4, without the filters)."""
    env, _urls, cleanups = _seeded_environment("sqlite", tmp_path_factory)
    service = Service("rapportage", tmp_path, {**env, "RAPPORTAGE_DASHBOARD_OPEN": "true", "RAPPORTAGE_WORKER_ENABLED": "false"})
    try:
        seeded = _seed(env, demo_history.ZAKEN)
        assert f"rapportage: {demo_history.ZAKEN + 1} zaken geprojecteerd" in seeded, seeded
        service.start()
        url = f"http://127.0.0.1:{service.port}/rapportage/"
        with Browser(tmp_path / "profile", width=1280) as browser:
            browser.open(url)
            shown = browser.evaluate(INSPECT)
            assert browser.console_errors() == []
            assert shown["pageWidth"] <= 1280  # nothing wider than the window
            assert set(shown["charts"]) == set(CHARTS)
            for chart_id, chart in shown["charts"].items():
                values = [float(v.replace(",", ".")) for v in chart["points"] if v]
                assert values and any(values), f"{chart_id}: no data points"
                assert chart["width"] > 300 and chart["height"] > 100, chart_id
            for chart_id in ("grafiek-doorlooptijd", "grafiek-instroom-uitstroom", "grafiek-werkvoorraad"):
                labels = shown["charts"][chart_id]["labels"]
                assert len(labels) >= 12, (chart_id, [label["text"] for label in labels])
                for left, right in itertools.pairwise(labels):
                    assert left["right"] + 2 <= right["left"], f"{chart_id}: {left['text']} overlaps {right['text']}"
            assert shown["kampioenen"] >= 3  # the current champion and earlier months'
            assert {"aantal", "eerste-zaak", "halvering"} <= set(shown["mijlpalen"])
            # each signal shows for the whole or for a zaaktype and team (zonder-document: once
            # zaakinformatieobjecten are projected)
            assert {code for code, shows in shown["signalen"].items() if not shows} <= {"zonder-document"}, shown["signalen"]
            screenshot = browser.screenshot(tmp_path / "dashboard.png")
            assert screenshot.stat().st_size > 100_000
            browser.media("print")
            printed = browser.evaluate(PRINTED)
            assert (printed["filters"], printed["exports"]) == ("none", "none") and printed["charts"] == 5 and printed["height"] > 1000
            assert browser.pdf(tmp_path / "dashboard.pdf").stat().st_size > 20_000
            assert browser.console_errors() == []
        print(f"screenshot: {screenshot}")
    finally:
        service.stop()
        for cleanup in cleanups:
            cleanup()
