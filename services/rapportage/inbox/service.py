"""Intake: a message in as an inbox row, projected by the worker in batches.

    receive(message)   the callback: dedupe and store the message (group commit: the messages
                       that arrive while a transaction runs go together in the next), wake the
                       worker
    process_due()      the worker: the waiting events whose next attempt is due, in batches
                       (claim, lock their zaken, fetch, project, commit)
    retry_now()        make every waiting event due now

The callback answers once the message is stored, not projected: a projection batch of 200
events costs about as much as one of a few, so under a load of notifications the worker's
batches keep up where a projection per delivery fell behind (the senders, e.g. the dispatcher
with 32 deliveries at once, wait for each answer). A stored message is never lost. A message
whose resource cannot be fetched (API down, no rights, a foreign API's error) is kept as
`wachtend` with its error and retried with exponential backoff for ever. A message about a zaak
that no longer exists projects its removal. Duplicates (same dedupe key) are answered and
dropped; reordered messages do no harm because each projection applies the current state of
what it fetched."""

import datetime as dt
import hashlib
import logging
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import CursorResult, Row, Table, bindparam, func, select, text, update
from sqlalchemy.orm import Session

from services.rapportage.client import FetchError
from services.rapportage.inbox.models import VERWERKT, WACHTEND, InboxEvent
from services.rapportage.mijlpalen.service import after_apply
from services.rapportage.periods import local_day
from services.rapportage.settings import RapportageSettings
from services.rapportage.zaak.facts import parse_moment
from services.rapportage.zaak.fetch import Fetcher
from services.rapportage.zaak.models import Zaak
from services.rapportage.zaak.projector import Projector, ProjectsZaken, lock_zaken, take_write_lock
from shared import utc
from shared.db import Database, in_list, insert_rows, is_postgresql

log = logging.getLogger("zgw.rapportage")


def _log_batch_failure(exc: Exception, what: str, n: int) -> None:
    """A FetchError that fails a whole batch (the documents of a zaak that became gearchiveerd,
    read after the projection) is an outage, not a bug: a warning without traceback."""
    if isinstance(exc, FetchError):
        log.warning("projecting a batch of %s %s waits for %s; one by one now", n, what, exc)
    else:
        log.exception("projecting a batch of %s %s failed; one by one now", n, what)


def dedupe_key(message: dict) -> str:
    """sha256 of kanaal, resourceUrl, actie and aanmaakdatum (as a UTC moment): the same message
    sent twice, by our outbox or a Notificaties API retrying, has the same key."""
    moment = parse_moment(message["aanmaakdatum"])
    parts = [message["kanaal"], message["resourceUrl"], message["actie"], moment.isoformat() if moment else str(message["aanmaakdatum"])]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def inbox_row(message: dict, key: str, now: dt.datetime) -> dict:
    """The inbox row of a message received `now`, waiting to be processed."""
    moment = parse_moment(message["aanmaakdatum"]) or now
    return {
        "sleutel": key, "kanaal": message["kanaal"], "hoofd_object": message["hoofdObject"], "resource": message["resource"],
        "resource_url": message["resourceUrl"], "actie": message["actie"], "aanmaakdatum": moment, "bericht": message,
        "ontvangen_op": now, "status": WACHTEND, "pogingen": 0, "volgende_poging": now,
    }  # fmt: skip


@dataclass
class Outcome:
    status: str  # verwerkt | wachtend | dubbel | genegeerd
    event_id: int | None = None
    fout: str | None = None


@dataclass
class _Arrival:
    """A callback's message waiting for its group commit."""

    message: dict
    key: str
    wake: threading.Event = field(default_factory=threading.Event)
    outcome: Outcome | None = None
    error: BaseException | None = None


class Intake(ProjectsZaken):
    def __init__(self, database: Database, fetcher: Fetcher, projector: Projector, settings: RapportageSettings):
        super().__init__(database, fetcher, projector, settings)
        self.wake = threading.Event()
        self._arrivals: list[_Arrival] = []
        self._arrivals_lock = threading.Lock()
        self._leading = False
        self._pool: ThreadPoolExecutor | None = None  # the fetch threads, kept: a batch every few ms
        self._pool_lock = threading.Lock()

    def close(self) -> None:
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False)

    def _fetch_pool(self) -> ThreadPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=max(1, self.settings.fetch_concurrency), thread_name_prefix="rapportage-fetch")
            return self._pool

    # ------------------------------------------------------------ the callback

    def receive(self, message: dict) -> Outcome:
        """Group commit: a callback answers once its message is stored, but the messages that
        arrive while one transaction runs are stored together in the next one (one INSERT, one
        commit), so concurrent deliveries cost a transaction per batch, not per message. One
        caller at a time leads: it commits a batch holding its own message, then hands the lead to
        the first waiting caller. A lone sender gets a batch of one. The worker is woken to
        project what was stored."""
        if message["kanaal"] not in self.settings.kanalen_set:
            return Outcome("genegeerd")
        arrival = _Arrival(message, dedupe_key(message))
        with self._arrivals_lock:
            self._arrivals.append(arrival)
            lead = not self._leading
            self._leading = True
        if not lead:
            arrival.wake.wait()
            if arrival.error is not None:
                raise arrival.error
            if arrival.outcome is not None:
                return arrival.outcome
            # handed the lead: the queue starts with this arrival
        with self._arrivals_lock:
            batch = self._arrivals[: self.settings.callback_batch_size]
            del self._arrivals[: len(batch)]
        try:
            self._store_batch(batch)
        finally:
            with self._arrivals_lock:
                if self._arrivals:
                    self._arrivals[0].wake.set()  # its outcome is None: it leads next
                else:
                    self._leading = False
        if arrival.error is not None:
            raise arrival.error
        assert arrival.outcome is not None, "_store_batch gives every arrival an outcome or an error"
        return arrival.outcome

    def _store_batch(self, batch: list["_Arrival"]) -> None:
        """Store a batch of arrivals in one transaction; every arrival gets its outcome (or the
        error its caller raises: its sender retries) and is woken, and so is the worker."""
        try:
            for arrival, outcome in zip(batch, self._store(batch), strict=True):
                arrival.outcome = outcome
        except BaseException as exc:
            for arrival in batch:
                arrival.error = exc
            raise
        finally:
            for arrival in batch:
                arrival.wake.set()
        self.wake.set()

    def _store(self, batch: list["_Arrival"]) -> list["Outcome"]:
        """The arrivals as waiting inbox events, due now (a known key: `dubbel`)."""
        now = utc.now()
        with self.database.session() as session:
            rows = [inbox_row(a.message, a.key, now) for a in batch]
            # one statement of one parameter (`insert_rows`): a multi-row VALUES of 12 columns per
            # message was compiled and converted anew for every batch (~a quarter of a callback)
            inserted = dict(insert_rows(session, InboxEvent.__table__, rows, unless_taken=("sleutel",), returning=("sleutel", "id")))
            session.commit()
        outcomes, seen = [], set()
        for arrival in batch:
            event_id = inserted.get(arrival.key)
            if event_id is None or arrival.key in seen:  # already in the inbox, or twice in this batch
                outcomes.append(Outcome("dubbel"))
            else:
                outcomes.append(Outcome(WACHTEND, event_id))
            seen.add(arrival.key)
        return outcomes

    def _process(self, session: Session, event: InboxEvent) -> Outcome:
        """Fetch and project one event in the session's (locked) transaction, and commit. On a
        failure the transaction is rolled back and the event kept waiting with its error, in a new
        transaction."""
        event_id = event.id
        try:
            message = {**event.bericht, "_moment": utc.aware(event.aanmaakdatum)}
            known = session.scalar(select(Zaak.id).where(Zaak.url == event.hoofd_object)) is not None
            change = self.fetcher.for_events(event.hoofd_object, [message], known=known)
            applied = self.projector.apply(session, [change], locked=True, events=[self._event(event)])
            after_apply(session, applied, self.settings, self.fetcher)
            event.status = VERWERKT
            event.verwerkt_op = utc.now()
            event.laatste_fout = None
            event.volgende_poging = None
            event.pogingen += 1
            session.commit()
            return Outcome(VERWERKT, event_id)
        except FetchError as exc:
            fout = str(exc)
            session.rollback()
        except Exception as exc:  # a bug or a database error: the event must not be lost
            log.exception("projecting inbox event %s failed", event_id)
            fout = f"{type(exc).__name__}: {exc}"
            session.rollback()
        return Outcome(WACHTEND, self._postpone(event_id, fout), fout)

    def _postpone(self, event_id: int, fout: str) -> int | None:
        with self.database.session() as session:
            event = session.get(InboxEvent, event_id)
            if event is None or event.status != WACHTEND:
                return None
            event.pogingen += 1
            event.volgende_poging = utc.now() + dt.timedelta(seconds=self._retry_delay(event.pogingen))
            event.laatste_fout = fout[:4000]
            session.commit()
        return event_id

    def _event(self, event) -> tuple[dt.date, str]:
        """(day, zaaktype URL) under which a processed event is counted; `event` an `InboxEvent`
        or a row of its `bericht` and `aanmaakdatum`."""
        zaaktype = (event.bericht.get("kenmerken") or {}).get("zaaktype") or ""
        return local_day(utc.aware(event.aanmaakdatum), self.settings.tijdzone), zaaktype

    # ------------------------------------------------------------ the worker

    def process_due(self, limit: int = 200, now: dt.datetime | None = None) -> int:
        """Process the waiting events that are due (in the order they became due), as one batch in one
        transaction: claim them, lock their zaken, fetch concurrently, project; an event whose
        fetch fails is postponed in that transaction. Returns how many were handled.

        On PostgreSQL the claim skips events another transaction has claimed (`FOR UPDATE SKIP
        LOCKED`), so the worker threads of every rapportage process take disjoint batches: while
        one waits for PostgreSQL, another fetches and projects. Locks are taken in one order
        everywhere (claimed rows, then zaken in key order, then counters in key order), so two
        batches never wait for each other in a circle. SQLite has one writer: a batch takes the
        write lock first."""
        now = now or utc.now()
        due: Sequence[Row] = ()
        if self.database.is_sqlite and not self._any_due(now):
            return 0  # without taking the write lock (the workers poll every few seconds)
        try:
            with self.database.session() as session:
                due = self._claim(
                    session, select(InboxEvent.id, InboxEvent.hoofd_object).where(InboxEvent.volgende_poging <= now).limit(limit)
                )
                if not due:
                    return 0
                lock_zaken(session, sorted({hoofd for _, hoofd in due}))
                projected = self._project_events(session, [event_id for event_id, _ in due])
                session.commit()
                return len(projected)
        except Exception as exc:  # e.g. a bug in one change: take them one by one, so only that one waits
            if not due:
                raise
            _log_batch_failure(exc, "inbox events", len(due))
        handled = 0
        for event_id, hoofd in due:
            with self.database.session() as session:
                if not self._claim(session, select(InboxEvent.id).where(InboxEvent.id == event_id)):
                    continue  # processed meanwhile, or claimed by another batch
                lock_zaken(session, [hoofd])
                self._process(session, session.get_one(InboxEvent, event_id, populate_existing=True))  # claimed: still waiting
                handled += 1
        return handled

    def _any_due(self, now: dt.datetime) -> bool:
        with self.database.session() as session:
            query = select(InboxEvent.id).where(InboxEvent.status == WACHTEND, InboxEvent.volgende_poging <= now).limit(1)
            return session.scalar(query) is not None

    @staticmethod
    def _claim(session: Session, query) -> Sequence[Row]:
        """The waiting events of `query` (in the order they became due), locked for this
        transaction where no other transaction holds them (PostgreSQL); on SQLite after taking the
        write lock.

        PostgreSQL: by an index scan of ix_rpt_inbox_wachtend, in its order. An event processed
        leaves a dead entry in that index until a vacuum; an index scan marks it dead once and
        skips it from then on, where a bitmap scan (the planner's choice, as the statistics know
        a few waiting events) visited every one again in every claim: ~15 ms a claim under W4,
        and growing with the events processed since the last vacuum."""
        query = query.where(InboxEvent.status == WACHTEND).order_by(InboxEvent.volgende_poging, InboxEvent.id)
        query = query.with_for_update(skip_locked=True)
        if not is_postgresql(session):
            take_write_lock(session)
            return session.execute(query).all()
        session.execute(text("SET LOCAL enable_bitmapscan = off"))
        claimed = session.execute(query).all()
        session.execute(text("SET LOCAL enable_bitmapscan TO DEFAULT"))
        return claimed

    def _project_events(self, session: Session, event_ids: list[int]) -> dict[int, tuple[str, str | None]]:
        """Fetch (concurrently, per zaak) and project the waiting events among `event_ids`, in
        the session's transaction, whose zaken the caller has locked; an event whose fetch fails
        is postponed with its error in the same transaction. Returns each event's (status, error).
        The events are read as rows and marked processed by one UPDATE: as ORM objects, a batch of
        500 cost a tenth of its time in loading them and in the flush of their changes."""
        postgresql = is_postgresql(session)
        events = session.execute(
            select(InboxEvent.id, InboxEvent.hoofd_object, InboxEvent.bericht, InboxEvent.aanmaakdatum, InboxEvent.pogingen)
            .where(in_list(InboxEvent.id, postgresql, values=event_ids), InboxEvent.status == WACHTEND)
            .order_by(InboxEvent.id)
        ).all()
        groups: dict[str, list] = {}
        for event in events:
            groups.setdefault(event.hoofd_object, []).append(event)
        if not groups:
            return {}
        known = set(session.scalars(select(Zaak.url).where(in_list(Zaak.url, postgresql, values=list(groups)))))
        messages = {zaak_url: [{**e.bericht, "_moment": utc.aware(e.aanmaakdatum)} for e in group] for zaak_url, group in groups.items()}
        # the batch's zaken in a request per 100 (a FetchError leaves them to the reads one by one)
        prefetched = self.fetcher.prefetch(messages, known) if len(groups) > 1 else {}

        def fetch(zaak_url: str):
            try:
                change = self.fetcher.for_events(zaak_url, messages[zaak_url], known=zaak_url in known, zaak_json=prefetched.get(zaak_url))
                return change, None
            except FetchError as exc:
                return None, str(exc)

        if len(groups) == 1:
            results = {zaak_url: fetch(zaak_url) for zaak_url in groups}
        else:
            results = dict(zip(groups, self._fetch_pool().map(fetch, groups), strict=True))
        changes = [change for change, _ in results.values() if change is not None]
        done = [e for zaak_url, group in groups.items() if results[zaak_url][0] is not None for e in group]
        applied = self.projector.apply(session, changes, locked=True, events=[self._event(e) for e in done])
        after_apply(session, applied, self.settings, self.fetcher)
        moment = utc.now()
        if done:
            session.execute(
                update(InboxEvent)
                .where(in_list(InboxEvent.id, postgresql, values=[e.id for e in done]))
                .values(status=VERWERKT, verwerkt_op=moment, laatste_fout=None, volgende_poging=None, pogingen=InboxEvent.pogingen + 1)
            )
        outcome: dict[int, tuple[str, str | None]] = {e.id: (VERWERKT, None) for e in done}
        postponed = []
        for zaak_url, group in groups.items():
            change, fout = results[zaak_url]
            if change is None:
                fout = (fout or "")[:4000]
                for event in group:
                    retry = moment + dt.timedelta(seconds=self._retry_delay(event.pogingen + 1))
                    postponed.append({"event_id": event.id, "pogingen": event.pogingen + 1, "volgende_poging": retry, "laatste_fout": fout})
                    outcome[event.id] = (WACHTEND, fout)
        if postponed:
            # Core, not ORM: an executemany by a bound id (declarative types `__table__` loosely)
            table = cast(Table, InboxEvent.__table__)
            session.execute(
                update(table)
                .where(table.c.id == bindparam("event_id"))
                .values(
                    pogingen=bindparam("pogingen"), volgende_poging=bindparam("volgende_poging"), laatste_fout=bindparam("laatste_fout")
                ),
                postponed,
            )
        return outcome

    def _retry_delay(self, pogingen: int) -> float:
        """Seconds until the next attempt after `pogingen` attempts: exponential, capped."""
        return min(self.settings.retry_cap_seconds, self.settings.retry_base_seconds * 2 ** max(0, pogingen - 1))

    def retry_now(self) -> int:
        with self.database.session() as session:
            statement = update(InboxEvent).where(InboxEvent.status == WACHTEND).values(volgende_poging=utc.now())
            # an UPDATE's result is a CursorResult (Session.execute is typed for any statement)
            result = cast(CursorResult, session.execute(statement))
            session.commit()
        self.wake.set()
        return result.rowcount or 0

    def status(self) -> dict:
        with self.database.session() as session:
            counts = dict(session.execute(select(InboxEvent.status, func.count()).group_by(InboxEvent.status)).all())
            oldest = session.scalar(select(func.min(InboxEvent.ontvangen_op)).where(InboxEvent.status == WACHTEND))
        age = (utc.now() - utc.aware(oldest)).total_seconds() if oldest else 0.0
        return {"verwerkt": counts.get(VERWERKT, 0), "wachtend": counts.get(WACHTEND, 0), "oudsteWachtendSeconden": round(age, 1)}
