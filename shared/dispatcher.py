"""Delivers the outbox: at least once, in commit order per hoofdObject, to every target, through
restarts, crashes and long outages of a receiver.

Each target has its own loop. A loop claims a batch of due deliveries (on PostgreSQL with
`FOR UPDATE SKIP LOCKED`, so dispatchers of several replicas never take the same row; on SQLite
with one UPDATE ... RETURNING), leases them, POSTs them concurrently, and records the outcome. A
failure (non-2xx, timeout, connection error) schedules the next attempt with exponential backoff
and jitter, capped, for ever: nothing is dropped. A crashed dispatcher's lease runs out and another
takes its rows over (the at-least-once part). A delivery waits while an earlier one for the same
target and hoofdObject is undelivered (the ordering part).
"""

import asyncio
import logging
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
from sqlalchemy import and_, bindparam, delete, exists, func, or_, select, update
from sqlalchemy.orm import aliased

from shared.auth import make_token
from shared.db import Database
from shared.outbox import Outbox, utcnow
from shared.settings import KernelSettings
from shared.targets import Target

log = logging.getLogger("zgw.dispatcher")


@dataclass
class Claimed:
    delivery_id: int
    attempts: int
    message: dict


@dataclass
class Outcome:
    delivery_id: int
    attempts: int
    error: str | None  # None: delivered


@dataclass
class Counters:
    delivered: int = 0
    failed: int = 0
    by_target: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, target: str, delivered: int, failed: int) -> None:
        self.delivered += delivered
        self.failed += failed
        entry = self.by_target.setdefault(target, {"delivered": 0, "failed": 0})
        entry["delivered"] += delivered
        entry["failed"] += failed


def backoff_seconds(attempts: int, base: float, cap: float) -> float:
    """Exponential backoff with full jitter on the upper half: attempt n waits ~base*2^(n-1), capped."""
    ceiling = min(cap, base * (2 ** max(0, attempts - 1)))
    return random.uniform(ceiling / 2, ceiling)


class DeliveryStore:
    """The database side: claim, record, prune, status (sync; the loops call it in a thread)."""

    def __init__(self, database: Database, outbox: Outbox, settings: KernelSettings):
        self.database = database
        self.outbox = outbox
        self.settings = settings

    def claim(self, target: str, limit: int) -> list[Claimed]:
        d = self.outbox.delivery
        earlier = aliased(d)
        now = utcnow()
        lease = now + timedelta(seconds=self.settings.dispatch_lease_seconds)
        due = and_(
            d.c.target == target,
            d.c.delivered_at.is_(None),
            d.c.next_attempt_at <= now,
            or_(d.c.claimed_until.is_(None), d.c.claimed_until < now),
            ~exists().where(
                earlier.c.target == d.c.target,
                earlier.c.hoofd_object == d.c.hoofd_object,
                earlier.c.delivered_at.is_(None),
                earlier.c.id < d.c.id,
            ),
        )
        with self.database.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                rows = connection.execute(
                    select(d.c.id, d.c.outbox_id, d.c.attempts).where(due).order_by(d.c.id).limit(limit).with_for_update(skip_locked=True, of=d)
                ).all()
                if rows:
                    connection.execute(update(d).where(d.c.id.in_([r.id for r in rows])).values(claimed_until=lease))
            else:
                # one statement, so two dispatchers on one SQLite file cannot both claim a row
                candidates = select(d.c.id).where(due).order_by(d.c.id).limit(limit).scalar_subquery()
                rows = connection.execute(
                    update(d).where(d.c.id.in_(candidates)).values(claimed_until=lease).returning(d.c.id, d.c.outbox_id, d.c.attempts)
                ).all()
            if not rows:
                return []
            messages = dict(
                connection.execute(
                    select(self.outbox.table.c.id, self.outbox.table.c.message).where(
                        self.outbox.table.c.id.in_({r.outbox_id for r in rows})
                    )
                ).all()
            )
        return sorted((Claimed(r.id, r.attempts, messages[r.outbox_id]) for r in rows), key=lambda c: c.delivery_id)

    def record(self, outcomes: list[Outcome]) -> None:
        d = self.outbox.delivery
        now = utcnow()
        delivered = [o.delivery_id for o in outcomes if o.error is None]
        failed = [o for o in outcomes if o.error is not None]
        with self.database.engine.begin() as connection:
            if delivered:
                connection.execute(
                    update(d)
                    .where(d.c.id.in_(delivered))
                    .values(delivered_at=now, claimed_until=None, last_attempt_at=now, attempts=d.c.attempts + 1, last_error=None)
                )
            if failed:
                connection.execute(
                    update(d)
                    .where(d.c.id == bindparam("b_id"))
                    .values(
                        attempts=bindparam("b_attempts"),
                        next_attempt_at=bindparam("b_next"),
                        claimed_until=None,
                        last_attempt_at=now,
                        last_error=bindparam("b_error"),
                    ),
                    [
                        {
                            "b_id": o.delivery_id,
                            "b_attempts": o.attempts + 1,
                            "b_next": now
                            + timedelta(
                                seconds=backoff_seconds(o.attempts + 1, self.settings.dispatch_backoff_base, self.settings.dispatch_backoff_cap)
                            ),
                            "b_error": o.error[:2000],
                        }
                        for o in failed
                    ],
                )

    def prune(self) -> int:
        """Retention: messages whose every delivery succeeded, older than the retention period."""
        d, o = self.outbox.delivery, self.outbox.table
        cutoff = utcnow() - timedelta(days=self.settings.dispatch_retention_days)
        old = select(o.c.id).where(o.c.created_at < cutoff, ~exists().where(d.c.outbox_id == o.c.id, d.c.delivered_at.is_(None)))
        with self.database.engine.begin() as connection:
            ids = list(connection.execute(old.limit(10_000)).scalars())
            if ids:
                connection.execute(delete(d).where(d.c.outbox_id.in_(ids)))
                connection.execute(delete(o).where(o.c.id.in_(ids)))
        return len(ids)

    def retry_now(self, target: str | None = None) -> int:
        """Failing deliveries become due at once (`zgw outbox retry`)."""
        d = self.outbox.delivery
        query = update(d).where(d.c.delivered_at.is_(None), d.c.attempts > 0).values(next_attempt_at=utcnow())
        if target:
            query = query.where(d.c.target == target)
        with self.database.engine.begin() as connection:
            return connection.execute(query).rowcount

    def status(self) -> list[dict]:
        """Per target: pending, failing (pending after a failed attempt), delivered (retained) and
        the age of the oldest pending message in seconds."""
        d, o = self.outbox.delivery, self.outbox.table
        now = utcnow()
        with self.database.engine.connect() as connection:
            rows = connection.execute(
                select(
                    d.c.target,
                    func.count().filter(d.c.delivered_at.is_(None)).label("pending"),
                    func.count().filter(and_(d.c.delivered_at.is_(None), d.c.attempts > 0)).label("failing"),
                    func.count().filter(d.c.delivered_at.is_not(None)).label("delivered"),
                    func.min(o.c.created_at).filter(d.c.delivered_at.is_(None)).label("oldest"),
                )
                .join(o, o.c.id == d.c.outbox_id)
                .group_by(d.c.target)
                .order_by(d.c.target)
            ).all()
        result = []
        for row in rows:
            oldest = row.oldest
            if oldest is not None and oldest.tzinfo is None:  # SQLite hands back naive UTC
                oldest = oldest.replace(tzinfo=now.tzinfo)
            result.append(
                {
                    "target": row.target,
                    "pending": row.pending,
                    "failing": row.failing,
                    "delivered": row.delivered,
                    "oldestPendingSeconds": round((now - oldest).total_seconds(), 3) if oldest else 0.0,
                }
            )
        return result

    def failing(self, limit: int = 100) -> list[dict]:
        d, o = self.outbox.delivery, self.outbox.table
        with self.database.engine.connect() as connection:
            rows = connection.execute(
                select(d.c.target, d.c.attempts, d.c.last_error, d.c.last_attempt_at, d.c.next_attempt_at, o.c.message)
                .join(o, o.c.id == d.c.outbox_id)
                .where(d.c.delivered_at.is_(None), d.c.attempts > 0)
                .order_by(d.c.id)
                .limit(limit)
            ).all()
        return [
            {
                "target": r.target,
                "attempts": r.attempts,
                "lastError": r.last_error,
                "lastAttemptAt": r.last_attempt_at.isoformat() if r.last_attempt_at else None,
                "nextAttemptAt": r.next_attempt_at.isoformat() if r.next_attempt_at else None,
                "kanaal": r.message.get("kanaal"),
                "actie": r.message.get("actie"),
                "resourceUrl": r.message.get("resourceUrl"),
            }
            for r in rows
        ]


class Sender:
    """POSTs one message to one target."""

    def __init__(self, target: Target, timeout: float, concurrency: int):
        self.target = target
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            headers={"Content-Type": "application/json"},
        )
        self._token: tuple[float, str] | None = None
        self._kanalen: set[str] = set()

    def _authorization(self) -> str:
        if self.target.type == "webhook":
            return self.target.authorization
        if self._token is None or time.time() - self._token[0] > 600:  # fresh well within the JWT's age
            self._token = (time.time(), "Bearer " + make_token(self.target.client_id, self.target.secret))
        return self._token[1]

    def _headers(self) -> dict[str, str]:
        authorization = self._authorization()
        return {"Authorization": authorization} if authorization else {}

    async def _ensure_kanaal(self, message: dict) -> None:
        """A Notificaties API only takes messages for a kanaal it knows: register ours once."""
        kanaal = message["kanaal"]
        if kanaal in self._kanalen:
            return
        base = self.target.url
        found = await self.client.get(f"{base}/kanaal", params={"naam": kanaal}, headers=self._headers())
        found.raise_for_status()
        if not found.json():
            created = await self.client.post(
                f"{base}/kanaal",
                json={"naam": kanaal, "documentatieLink": "", "filters": sorted(message.get("kenmerken", {}))},
                headers=self._headers(),
            )
            if created.status_code >= 300:
                raise httpx.HTTPStatusError(f"kanaal {kanaal}: HTTP {created.status_code}", request=created.request, response=created)
        self._kanalen.add(kanaal)

    async def send(self, message: dict) -> str | None:
        """None when delivered, else what went wrong."""
        try:
            if self.target.type == "notificaties-api":
                await self._ensure_kanaal(message)
                url = f"{self.target.url}/notificaties"
            else:
                url = self.target.url
            response = await self.client.post(url, json=message, headers=self._headers())
        except httpx.TimeoutException:
            return "time-out"
        except (httpx.HTTPError, OSError, ValueError) as exc:
            return f"{type(exc).__name__}: {exc}"[:500] or type(exc).__name__
        if 200 <= response.status_code < 300:
            return None
        return f"HTTP {response.status_code}: {response.text[:300]}"

    async def close(self) -> None:
        await self.client.aclose()


class Dispatcher:
    """One loop per target plus a pruning loop; `run()` until `stop()`."""

    PRUNE_EVERY = 300.0

    def __init__(self, database: Database, outbox: Outbox, targets: list[Target], settings: KernelSettings, *, name: str = ""):
        self.store = DeliveryStore(database, outbox, settings)
        self.targets = targets
        self.settings = settings
        self.name = name
        self.counters = Counters()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._stopping = False
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ control

    def wake(self) -> None:
        """Called after a commit that wrote outbox rows: deliver now, not at the next poll."""
        if self._loop is not None and self._wake is not None:
            self._loop.call_soon_threadsafe(self._wake.set)

    def stop(self) -> None:
        self._stopping = True
        self.wake()

    def start_in_thread(self) -> None:
        self._thread = threading.Thread(target=lambda: asyncio.run(self.run()), name=f"dispatcher-{self.name}", daemon=True)
        self._thread.start()

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    # ------------------------------------------------------------ loops

    async def run(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        wakes = {t.name: asyncio.Event() for t in self.targets}
        fan_out = asyncio.create_task(self._fan_out_wakes(wakes))
        tasks = [asyncio.create_task(self._target_loop(t, wakes[t.name])) for t in self.targets]
        tasks.append(asyncio.create_task(self._prune_loop()))
        try:
            await asyncio.gather(*tasks)
        finally:
            fan_out.cancel()

    async def _fan_out_wakes(self, wakes: dict[str, asyncio.Event]) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            for event in wakes.values():
                event.set()

    async def _target_loop(self, target: Target, wake: asyncio.Event) -> None:
        sender = Sender(target, self.settings.dispatch_timeout, self.settings.dispatch_concurrency)
        limit = asyncio.Semaphore(self.settings.dispatch_concurrency)

        async def send(claimed: Claimed) -> Outcome:
            async with limit:
                return Outcome(claimed.delivery_id, claimed.attempts, await sender.send(claimed.message))

        try:
            while not self._stopping:
                try:
                    batch = await asyncio.to_thread(self.store.claim, target.name, self.settings.dispatch_batch_size)
                except Exception:  # the database is away: try again shortly
                    log.exception("dispatcher %s: claiming for %s failed", self.name, target.name)
                    batch = []
                    await asyncio.sleep(1.0)
                if not batch:
                    wake.clear()
                    try:
                        await asyncio.wait_for(wake.wait(), timeout=self.settings.dispatch_poll_seconds)
                    except TimeoutError:
                        pass
                    continue
                outcomes = await asyncio.gather(*(send(c) for c in batch))
                failed = sum(1 for o in outcomes if o.error)
                if failed:
                    log.warning("dispatcher %s: %d of %d deliveries to %s failed, e.g. %s", self.name, failed, len(outcomes), target.name, next(o.error for o in outcomes if o.error))
                await self._record(outcomes)
                self.counters.add(target.name, len(outcomes) - failed, failed)
        finally:
            await sender.close()

    async def _record(self, outcomes: list[Outcome]) -> None:
        while True:  # an outcome not recorded is delivered again after the lease: keep trying
            try:
                await asyncio.to_thread(self.store.record, outcomes)
                return
            except Exception:
                log.exception("dispatcher %s: recording outcomes failed; retrying", self.name)
                await asyncio.sleep(1.0)
                if self._stopping:
                    return

    async def _prune_loop(self) -> None:
        last = 0.0
        while not self._stopping:
            if time.monotonic() - last > self.PRUNE_EVERY:
                last = time.monotonic()
                try:
                    pruned = await asyncio.to_thread(self.store.prune)
                    if pruned:
                        log.info("dispatcher %s: pruned %d delivered messages", self.name, pruned)
                except Exception:
                    log.exception("dispatcher %s: pruning failed", self.name)
            await asyncio.sleep(min(1.0, self.settings.dispatch_poll_seconds * 4))
