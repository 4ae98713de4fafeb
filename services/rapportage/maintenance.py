"""Building the read models outside the callback: backfill (page through a Zaken API), rebuild
(replay the inbox), and the consistency check of the counters. All three may run while intake
runs: each zaak is projected under its lock from its current state, as intake does."""

import datetime as dt
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import func, select

from services.rapportage.client import FetchError
from services.rapportage.inbox.models import VERWERKT, WACHTEND, InboxEvent
from services.rapportage.mijlpalen.service import after_apply, check_halvering, months_with_closures, redate
from services.rapportage.periods import local_day
from services.rapportage.tellers.models import Teller, Verdeling
from services.rapportage.tellers.repository import COLUMNS, add_deltas, expand
from services.rapportage.zaak.contributions import zaak_contribution
from services.rapportage.zaak.facts import Change
from services.rapportage.zaak.models import Status, Zaak, Zaaktype
from services.rapportage.zaak.projector import ProjectsZaken, clear_read_models, lock_zaken
from shared import utc


class Progress:
    """A progress bar on stderr (a line per step when stderr is no terminal)."""

    def __init__(self, label: str, total: int | None = None, stream=None, enabled: bool = True):
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        rate = self.done / max(1e-6, time.monotonic() - self.started)
        if self.total:
            share = min(1.0, self.done / self.total)
            bar = "#" * int(share * 30)
            text = f"{self.label} [{bar:<30}] {self.done}/{self.total} ({share:.0%}, {rate:.0f}/s)"
        else:
            text = f"{self.label} {self.done} ({rate:.0f}/s)"
        self.stream.write(("\r" + text) if self.tty else text + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()


@dataclass
class Result:
    zaken: int = 0
    verwijderd: int = 0
    mislukt: list[str] = field(default_factory=list)
    seconden: float = 0.0


class Maintenance(ProjectsZaken):
    # ------------------------------------------------------------ fetching and applying in batches

    def _fetch_all(self, jobs: list[tuple[str, dict | None]], attempts: int = 3) -> tuple[list[Change], list[tuple[str, str]]]:
        def one(job):
            url, data = job
            error = None
            for attempt in range(attempts):
                try:
                    return self.fetcher.full(url, data), None
                except FetchError as exc:
                    error = str(exc)
                    if exc.kind != "unavailable":
                        break
                    time.sleep(0.2 * (attempt + 1))
                    data = None
            return None, (url, error)

        changes, failures = [], []
        with ThreadPoolExecutor(max_workers=max(1, self.settings.fetch_concurrency)) as pool:
            for change, failure in pool.map(one, jobs):
                if change is not None:
                    changes.append(change)
                if failure is not None:
                    failures.append(failure)
        return changes, failures

    def _apply(self, changes: list[Change], result: Result) -> list[tuple[str, str]]:
        """Project a batch; when the documents of a zaak that became gearchiveerd cannot be read
        now, the whole batch is rolled back and its zaken returned as failures (listed; a
        rebuild puts their events back into the waiting state)."""
        if not changes:
            return []
        with self.database.session() as session:
            applied = self.projector.apply(session, changes)
            try:
                after_apply(session, applied, self.settings, self.fetcher)
            except FetchError as exc:
                session.rollback()
                return [(c.zaak_url, str(exc)) for c in changes]
            session.commit()
        result.zaken += sum(1 for c in changes if not c.gone)
        result.verwijderd += applied.verwijderd
        return []

    def _milestones(self, today: dt.date) -> None:
        with self.database.session() as session:
            redate(session)
            check_halvering(session, self.settings, today, months_with_closures(session))
            session.commit()

    # ------------------------------------------------------------ backfill

    def backfill(
        self,
        zaken_api_url: str,
        *,
        zaaktype: str | None = None,
        from_scratch: bool = False,
        batch_size: int = 100,
        progress: Progress | None = None,
        today: dt.date | None = None,
    ) -> Result:
        """Page through `GET {zaken_api_url}/zaken` (any Zaken API 1.x) and project every zaak
        with its statussen, rollen, resultaat and opschortingen. `from_scratch`: empty the read
        models first (as a rebuild does)."""
        started = time.monotonic()
        result = Result()
        if from_scratch:
            self._clear()
        params = {"zaaktype": zaaktype} if zaaktype else None
        progress = progress or Progress("backfill", enabled=False)
        pending: list[tuple[str, dict | None]] = []
        for count, page in self.fetcher.reader.pages(f"{zaken_api_url.rstrip('/')}/zaken", params):
            if progress.total is None and count:
                progress.total = count
            pending.extend((z["url"], z) for z in page if isinstance(z, dict) and z.get("url"))
            while len(pending) >= batch_size:
                self._run_batch(pending[:batch_size], result, progress)
                pending = pending[batch_size:]
        self._run_batch(pending, result, progress)
        progress.finish()
        self._milestones(today or utc.today())
        result.seconden = time.monotonic() - started
        return result

    def _run_batch(self, jobs: list[tuple[str, dict | None]], result: Result, progress: Progress) -> list[tuple[str, str]]:
        if not jobs:
            return []
        changes, failures = self._fetch_all(jobs)
        failures += self._apply(changes, result)
        result.mislukt.extend(f"{url}: {error}" for url, error in failures)
        progress.advance(len(jobs))
        return failures

    # ------------------------------------------------------------ rebuild

    def _clear(self) -> None:
        """Empty the read models and counters, and count the processed events again from the
        inbox, in one transaction (intake waits for it)."""
        tz = self.settings.tijdzone
        with self.database.session() as session:
            clear_read_models(session)
            zaaktype_ids: dict[str, int] = {}
            deltas: Counter = Counter()
            rows = session.execute(select(InboxEvent.aanmaakdatum, InboxEvent.bericht).where(InboxEvent.status == VERWERKT)).yield_per(5000)
            for aanmaakdatum, bericht in rows:
                deltas[self._event_key(session, aanmaakdatum, bericht, zaaktype_ids, tz)] += 1
            add_deltas(session, deltas)
            session.commit()

    def _event_key(self, session, aanmaakdatum: dt.datetime, bericht: dict, zaaktype_ids: dict[str, int], tz: str) -> tuple:
        url = ((bericht or {}).get("kenmerken") or {}).get("zaaktype") or ""
        if url and url not in zaaktype_ids:
            zaaktype_ids[url] = self.projector.zaaktype_id(session, url)
        return ("event", local_day(aanmaakdatum, tz), zaaktype_ids.get(url, 0), 0, 0, 0)

    def rebuild(self, *, batch_size: int = 100, progress: Progress | None = None, today: dt.date | None = None) -> Result:
        """Replay the inbox: empty the read models, then project every zaak the inbox knows of
        from its current state. A zaak that cannot be fetched now gets its events back into the
        waiting state (the worker retries them)."""
        started = time.monotonic()
        result = Result()
        self._clear()
        with self.database.session() as session:
            zaken = [
                url
                for url, _ in session.execute(
                    select(InboxEvent.hoofd_object, func.min(InboxEvent.id))
                    .group_by(InboxEvent.hoofd_object)
                    .order_by(func.min(InboxEvent.id))
                )
            ]
        progress = progress or Progress("rebuild", enabled=False)
        progress.total = len(zaken)
        for start in range(0, len(zaken), batch_size):
            failures = self._run_batch([(url, None) for url in zaken[start : start + batch_size]], result, progress)
            if failures:
                self._reopen(failures)
        progress.finish()
        self._milestones(today or utc.today())
        result.seconden = time.monotonic() - started
        return result

    def _reopen(self, failures: list[tuple[str, str]]) -> None:
        """The events of zaken that could not be fetched wait again (and no longer count as
        processed until they are)."""
        tz = self.settings.tijdzone
        with self.database.session() as session:
            lock_zaken(session, [url for url, _ in failures])
            zaaktype_ids: dict[str, int] = {}
            deltas: Counter = Counter()
            for url, error in failures:
                events = session.scalars(select(InboxEvent).where(InboxEvent.hoofd_object == url, InboxEvent.status == VERWERKT)).all()
                for event in events:
                    deltas[self._event_key(session, event.aanmaakdatum, event.bericht, zaaktype_ids, tz)] -= 1
                    event.status = WACHTEND
                    event.laatste_fout = f"rebuild: {error}"[:4000]
                    event.volgende_poging = utc.now()
            add_deltas(session, deltas)
            session.commit()

    # ------------------------------------------------------------ check

    def expected_counters(self) -> Counter:
        """The counters as they follow from the read models and the inbox, recomputed."""
        tz = self.settings.tijdzone
        expected: Counter = Counter()
        with self.database.session() as session:
            statussen: dict[int, list[Status]] = {}
            for status in session.scalars(select(Status)):
                statussen.setdefault(status.zaak_id, []).append(status)
            for zaak in session.scalars(select(Zaak)):
                expected.update(zaak_contribution(zaak, statussen.get(zaak.id, []), tz))
            zaaktype_ids = dict(session.execute(select(Zaaktype.url, Zaaktype.id)).all())
            for aanmaakdatum, bericht in session.execute(
                select(InboxEvent.aanmaakdatum, InboxEvent.bericht).where(InboxEvent.status == VERWERKT)
            ):
                url = ((bericht or {}).get("kenmerken") or {}).get("zaaktype") or ""
                expected[("event", local_day(aanmaakdatum, tz), zaaktype_ids.get(url, 0), 0, 0, 0)] += 1
        return Counter({k: v for k, v in expected.items() if v})

    def stored_counters(self) -> Counter:
        """The counters and distributions as stored, as keys of `expand` (a distribution's bins
        as `waarde`)."""
        with self.database.session() as session:
            rows = session.execute(select(*(getattr(Teller, c) for c in COLUMNS), Teller.aantal).where(Teller.aantal != 0))
            stored = Counter({tuple(row[:-1]): int(row[-1]) for row in rows})
            for v in session.scalars(select(Verdeling)):
                for index, count in (v.bins or {}).items():
                    if count:
                        stored[(v.soort, v.niveau, v.team_id, v.periode, v.zaaktype_id, v.statustype_id, int(index))] += int(count)
        return stored

    def check(self) -> list[str]:
        """Differences between the stored counters (every level, every team and the rollup) and
        those recomputed from the read models and the inbox (empty: consistent)."""
        expected = Counter({k: v for k, v in expand(self.expected_counters()).items() if v})
        stored = self.stored_counters()
        return [
            f"{key}: opgeslagen {stored.get(key, 0)}, verwacht {expected.get(key, 0)}"
            for key in sorted(set(expected) | set(stored), key=str)
            if expected.get(key, 0) != stored.get(key, 0)
        ]
