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
import contextlib
import json
import logging
import random
import ssl
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy import and_, bindparam, delete, exists, func, or_, select, text, update
from sqlalchemy.orm import aliased

from shared import utc
from shared.auth import make_token
from shared.db import Database
from shared.outbox import Outbox
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
        now = utc.now()
        lease = now + timedelta(seconds=self.settings.dispatch_lease_seconds)
        # Ordering: a delivery is due only while it is the first undelivered one of its target and
        # hoofdObject. Written as a scalar subquery, a probe per candidate that stops after `limit`
        # due rows, rather than NOT EXISTS: PostgreSQL turned that into an anti-join over every
        # pending row, and without statistics into a nested loop comparing each pending row with
        # each other one (10 s per claim at 5,000 pending). The probe uses
        # ix_outbox_delivery_order only when the planner knows hoofd_object is selective, hence
        # refresh_statistics (without it: ~0.5 s per claim at 10,000 pending; with it: ~1 ms).
        first_pending = (
            select(func.min(earlier.c.id))
            .where(earlier.c.target == d.c.target, earlier.c.hoofd_object == d.c.hoofd_object, earlier.c.delivered_at.is_(None))
            .scalar_subquery()
        )
        due = and_(
            d.c.target == target,
            d.c.delivered_at.is_(None),
            d.c.next_attempt_at <= now,
            or_(d.c.claimed_until.is_(None), d.c.claimed_until < now),
            d.c.id == first_pending,
        )
        # in the order of ix_outbox_delivery_due, so the scan stops after `limit` due rows
        oldest_due_first = (d.c.next_attempt_at, d.c.id)
        with self.database.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                rows = connection.execute(
                    select(d.c.id, d.c.outbox_id, d.c.attempts)
                    .where(due)
                    .order_by(*oldest_due_first)
                    .limit(limit)
                    .with_for_update(skip_locked=True, of=d)
                ).all()
                if rows:
                    connection.execute(update(d).where(d.c.id.in_([r.id for r in rows])).values(claimed_until=lease))
            else:
                # one statement, so two dispatchers on one SQLite file cannot both claim a row
                candidates = select(d.c.id).where(due).order_by(*oldest_due_first).limit(limit).scalar_subquery()
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
        now = utc.now()
        delivered = [o.delivery_id for o in outcomes if o.error is None]
        failed = [(o, o.error) for o in outcomes if o.error is not None]
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
                                seconds=backoff_seconds(
                                    o.attempts + 1, self.settings.dispatch_backoff_base, self.settings.dispatch_backoff_cap
                                )
                            ),
                            "b_error": error[:2000],
                        }
                        for o, error in failed
                    ],
                )

    def refresh_statistics(self) -> bool:
        """PostgreSQL: ANALYZE the delivery table when it has more than doubled since it was last
        analysed (or never was). The claim's plan needs to know that hoofd_object is selective;
        without statistics (a new table, or a backlog that grew faster than autovacuum's round) it
        probes the wrong index and a claim costs O(pending) per row. True when it analysed."""
        if self.database.engine.dialect.name != "postgresql":
            return False
        name = self.outbox.delivery.name
        with self.database.engine.begin() as connection:
            stale = connection.execute(
                text(
                    "SELECT s.n_mod_since_analyze > 1000 + greatest(c.reltuples, 0) FROM pg_stat_user_tables s"
                    " JOIN pg_class c ON c.oid = s.relid WHERE s.relid = to_regclass(:name)"
                ),
                {"name": name},
            ).scalar()
            if stale:
                connection.execute(text(f'ANALYZE "{name}"'))
        return bool(stale)

    def prune(self) -> int:
        """Retention: messages whose every delivery succeeded, older than the retention period."""
        d, o = self.outbox.delivery, self.outbox.table
        cutoff = utc.now() - timedelta(days=self.settings.dispatch_retention_days)
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
        query = update(d).where(d.c.delivered_at.is_(None), d.c.attempts > 0).values(next_attempt_at=utc.now())
        if target:
            query = query.where(d.c.target == target)
        with self.database.engine.begin() as connection:
            return connection.execute(query).rowcount

    def status(self) -> list[dict]:
        """Per target: pending, failing (pending after a failed attempt), delivered (retained) and
        the age of the oldest pending message in seconds."""
        d, o = self.outbox.delivery, self.outbox.table
        now = utc.now()
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


class HttpError(Exception):
    """A response that is not HTTP, or a connection that broke off mid-response."""


class Poster:
    """POSTs JSON to one URL over HTTP/1.1 keep-alive connections, one request per connection at a
    time (idle connections are reused; at most as many as there are concurrent callers).

    The dispatcher's hot path: httpx costs ~1.5 ms of CPU per request (its pool bookkeeping and
    per-request machinery), which capped delivery at ~500 messages/s on 2 cores; this costs ~0.1 ms.
    Plain http and https (same CA bundle as httpx); no proxies (see `Sender`)."""

    MAX_BODY = 64 * 1024  # what is read of a response body; a longer one closes the connection

    def __init__(self, url: str, timeout: float, connect_timeout: float):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {url!r}")
        self.tls = parts.scheme == "https"
        self.host = parts.hostname
        self.port = parts.port or (443 if self.tls else 80)
        default_port = self.port == (443 if self.tls else 80)
        host = f"[{self.host}]" if ":" in self.host else self.host
        self.host_header = host if default_port else f"{host}:{self.port}"
        self.path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self._ssl: ssl.SSLContext | None = None
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self.tls and self._ssl is None:
            self._ssl = httpx.create_ssl_context()  # honours SSL_CERT_FILE / SSL_CERT_DIR like httpx
        async with asyncio.timeout(self.connect_timeout):
            return await asyncio.open_connection(
                self.host, self.port, ssl=self._ssl if self.tls else None, server_hostname=self.host if self.tls else None
            )

    async def post(self, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        """(status, the start of the body); raises TimeoutError, OSError or HttpError."""
        head = [f"POST {self.path} HTTP/1.1", f"Host: {self.host_header}", "Content-Type: application/json", f"Content-Length: {len(body)}"]
        head += [f"{k}: {v}" for k, v in headers.items()]
        request = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body
        async with asyncio.timeout(self.timeout):
            while self._idle:
                connection = self._idle.pop()
                try:
                    return await self._exchange(connection, request)
                except (ConnectionError, HttpError, asyncio.IncompleteReadError) as exc:
                    # a kept-alive connection the server has closed meanwhile: try a fresh one
                    # (a message sent twice is within the at-least-once contract)
                    log.debug("stale keep-alive connection to %s: %s", self.host_header, exc)
            return await self._exchange(await self._connect(), request)

    async def _exchange(self, connection, request: bytes) -> tuple[int, bytes]:
        reader, writer = connection
        keep = False
        try:
            writer.write(request)
            await writer.drain()
            while True:
                status_line = await reader.readuntil(b"\r\n")
                parts = status_line.split(None, 2)
                if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit():
                    raise HttpError(f"not an HTTP response: {status_line[:60]!r}")
                status = int(parts[1])
                fields: dict[bytes, bytes] = {}
                while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
                    name, _, value = line.partition(b":")
                    fields[name.strip().lower()] = value.strip()
                if status >= 200:
                    break  # 1xx (100 Continue and the like): the real response follows
            reusable = parts[0] == b"HTTP/1.1" and fields.get(b"connection", b"").lower() != b"close"
            if status in (204, 304):
                content = b""
            elif b"chunked" in fields.get(b"transfer-encoding", b"").lower():
                content = await self._read_chunked(reader)
            elif b"content-length" in fields:
                length = int(fields[b"content-length"])
                content = await reader.readexactly(min(length, self.MAX_BODY))
                reusable = reusable and length <= self.MAX_BODY
            else:  # delimited by the end of the connection
                content = await reader.read(self.MAX_BODY)
                reusable = False
            # only a connection whose whole response was read goes back to the pool; one that
            # failed or timed out half-way is closed
            keep = reusable
            return status, content
        except ValueError as exc:  # a bad number, or a header line beyond the reader's limit
            raise HttpError(f"malformed HTTP response: {exc}") from exc
        finally:
            if keep:
                self._idle.append(connection)
            else:
                writer.close()

    async def _read_chunked(self, reader: asyncio.StreamReader) -> bytes:
        content = bytearray()
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0].strip(), 16)
            if size == 0:
                while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers
                    pass
                return bytes(content[: self.MAX_BODY])
            if len(content) + size > 16 * self.MAX_BODY:
                raise HttpError("response body too long")
            content += await reader.readexactly(size)
            await reader.readexactly(2)

    async def close(self) -> None:
        for _, writer in self._idle:
            writer.close()
        self._idle.clear()


def _uses_proxy(url: str) -> bool:
    """Whether the environment routes this URL through a proxy (HTTP_PROXY, HTTPS_PROXY, NO_PROXY)."""
    parts = urlsplit(url)
    return parts.scheme in urllib.request.getproxies() and not urllib.request.proxy_bypass(parts.hostname or "")


class Sender:
    """POSTs one message to one target."""

    def __init__(self, target: Target, timeout: float, concurrency: int, *, fast: bool = True):
        self.target = target
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            headers={"Content-Type": "application/json"},
        )
        self.url = f"{target.url}/notificaties" if target.type == "notificaties-api" else target.url
        # the lean client, unless switched off or a proxy is configured (httpx speaks to proxies)
        self.poster = Poster(self.url, timeout, min(timeout, 5.0)) if fast and not _uses_proxy(self.url) else None
        self._kanalen: set[str] = set()

    def _authorization(self) -> str:
        if self.target.type == "webhook":
            return self.target.authorization
        return "Bearer " + make_token(self.target.client_id, self.target.secret)  # signed once a second

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
            if self.poster is not None:
                status, body = await self.poster.post(json.dumps(message).encode(), self._headers())
                text = body.decode("utf-8", "replace")
            else:
                response = await self.client.post(self.url, json=message, headers=self._headers())
                status, text = response.status_code, response.text
        except (httpx.TimeoutException, TimeoutError):
            return "time-out"
        except (httpx.HTTPError, HttpError, OSError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
            return f"{type(exc).__name__}: {exc}"[:500] or type(exc).__name__
        if 200 <= status < 300:
            return None
        return f"HTTP {status}: {text[:300]}"

    async def close(self) -> None:
        if self.poster is not None:
            await self.poster.close()
        await self.client.aclose()


class Dispatcher:
    """One loop per target plus a pruning loop; `run()` until `stop()`."""

    PRUNE_EVERY = 300.0
    STATISTICS_EVERY = 10.0

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
        self._wake = wake = asyncio.Event()
        wakes = {t.name: asyncio.Event() for t in self.targets}
        fan_out = asyncio.create_task(self._fan_out_wakes(wake, wakes))
        tasks = [asyncio.create_task(self._target_loop(t, wakes[t.name])) for t in self.targets]
        tasks.append(asyncio.create_task(self._prune_loop()))
        try:
            await asyncio.gather(*tasks)
        finally:
            fan_out.cancel()

    async def _fan_out_wakes(self, wake: asyncio.Event, wakes: dict[str, asyncio.Event]) -> None:
        while True:
            await wake.wait()
            wake.clear()
            for event in wakes.values():
                event.set()

    async def _target_loop(self, target: Target, wake: asyncio.Event) -> None:
        sender = Sender(target, self.settings.dispatch_timeout, self.settings.dispatch_concurrency, fast=self.settings.dispatch_fast_http)
        limit = asyncio.Semaphore(self.settings.dispatch_concurrency)

        async def send(claimed: Claimed) -> Outcome:
            async with limit:
                return Outcome(claimed.delivery_id, claimed.attempts, await sender.send(claimed.message))

        # Outcomes are recorded while the next batch is claimed and sent (at most one recording in
        # flight). Safe for the ordering: rows still being recorded are undelivered and leased, so
        # the claim skips them and their successors alike; those come in a later claim.
        recording: asyncio.Task | None = None
        try:
            while not self._stopping:
                # cleared before the claim, not after it: a commit that wakes us while the claim
                # runs (and that the claim's snapshot missed) must end the wait below at once, not
                # be cleared unseen and wait for the next poll
                wake.clear()
                try:
                    batch = await asyncio.to_thread(self.store.claim, target.name, self.settings.dispatch_batch_size)
                except Exception:  # the database is away: try again shortly
                    log.exception("dispatcher %s: claiming for %s failed", self.name, target.name)
                    batch = []
                    await asyncio.sleep(1.0)
                if not batch:
                    if recording is not None:  # what it records may make successors due: claim again
                        await recording
                        recording = None
                        continue
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(wake.wait(), timeout=self.settings.dispatch_poll_seconds)
                    continue
                outcomes = await asyncio.gather(*(send(c) for c in batch))
                failed = sum(1 for o in outcomes if o.error)
                if failed:
                    log.warning(
                        "dispatcher %s: %d of %d deliveries to %s failed, e.g. %s",
                        self.name,
                        failed,
                        len(outcomes),
                        target.name,
                        next(o.error for o in outcomes if o.error),
                    )
                if recording is not None:
                    await recording
                recording = asyncio.create_task(self._record(outcomes))
                self.counters.add(target.name, len(outcomes) - failed, failed)
        finally:
            if recording is not None:
                await recording
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
        last_statistics = 0.0
        while not self._stopping:
            if time.monotonic() - last_statistics > self.STATISTICS_EVERY:
                last_statistics = time.monotonic()
                try:
                    if await asyncio.to_thread(self.store.refresh_statistics):
                        log.info("dispatcher %s: analysed the delivery table", self.name)
                except Exception:  # e.g. not the table's owner: autovacuum will do it, later
                    log.warning("dispatcher %s: analysing the delivery table failed", self.name, exc_info=True)
            if time.monotonic() - last > self.PRUNE_EVERY:
                last = time.monotonic()
                try:
                    pruned = await asyncio.to_thread(self.store.prune)
                    if pruned:
                        log.info("dispatcher %s: pruned %d delivered messages", self.name, pruned)
                except Exception:
                    log.exception("dispatcher %s: pruning failed", self.name)
            await asyncio.sleep(min(1.0, self.settings.dispatch_poll_seconds * 4))


def prometheus_text(status: list[dict], dispatcher: "Dispatcher | None") -> str:
    """The outbox gauges (from the database) and this process's delivery counters, for Prometheus."""
    lines: list[str] = []

    def family(name: str, kind: str, help_text: str, samples: list[tuple[str, float]]) -> None:
        lines.append(f"# HELP {name} {help_text}")
        lines.append(f"# TYPE {name} {kind}")
        lines.extend(f'{name}{{target="{target}"}} {value}' for target, value in samples)

    family("zgw_outbox_pending", "gauge", "Notifications not yet delivered, per target.", [(r["target"], r["pending"]) for r in status])
    family(
        "zgw_outbox_failing", "gauge", "Undelivered notifications whose last attempt failed.", [(r["target"], r["failing"]) for r in status]
    )
    family(
        "zgw_outbox_oldest_pending_seconds",
        "gauge",
        "Age of the oldest undelivered notification.",
        [(r["target"], r["oldestPendingSeconds"]) for r in status],
    )
    by_target = dispatcher.counters.by_target if dispatcher is not None else {}
    family(
        "zgw_notifications_delivered_total",
        "counter",
        "Deliveries that succeeded (this process).",
        [(t, c["delivered"]) for t, c in by_target.items()],
    )
    family(
        "zgw_notifications_failed_total",
        "counter",
        "Delivery attempts that failed (this process).",
        [(t, c["failed"]) for t, c in by_target.items()],
    )
    return "\n".join(lines) + "\n"
