"""Moments as the services store and serve them: in UTC, written as ISO 8601 with a `Z`.

SQLite keeps no offset, so a moment read back from it is naive: it was stored in UTC and is
taken as UTC. A moment with an offset is converted. Use as `utc.now()`, `utc.today()`,
`utc.aware(m)`, `utc.iso(m)`.

The one clock of the services: every moment a service writes (audit trail and outbox
`aanmaakdatum`, `registratiedatum`, "not in the future" checks) comes from `now()`. Code that
runs the apps in its own process can run a write *as of* an earlier moment (`as_of`), so demo
history seeded today is registered when it happened: a context variable, set only by Python
code around an in-process call; no header or setting reaches it, so no HTTP client can move it.
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import overload

_as_of: ContextVar[dt.datetime | None] = ContextVar("zgw_utc_as_of", default=None)


def now() -> dt.datetime:
    """Now in UTC, or the moment of the `as_of` block this runs in."""
    moment = _as_of.get()
    return moment if moment is not None else dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """The day of `now()` on this machine's calendar (as `datetime.date.today()`)."""
    return now().astimezone().date()


@contextmanager
def as_of(moment: dt.datetime) -> Iterator[None]:
    """`now()` is `moment` (made aware) inside the block, in this context and the tasks and
    worker threads started from it (asyncio and anyio copy the context)."""
    token = _as_of.set(aware(moment))
    try:
        yield
    finally:
        _as_of.reset(token)


@overload
def aware(moment: dt.datetime) -> dt.datetime: ...
@overload
def aware(moment: None) -> None: ...
def aware(moment: dt.datetime | None) -> dt.datetime | None:
    """`moment` in UTC: a naive one is labelled UTC, one with another offset converted."""
    if moment is None:
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


@overload
def iso(moment: dt.datetime) -> str: ...
@overload
def iso(moment: None) -> None: ...
def iso(moment: dt.datetime | None) -> str | None:
    """`2024-06-03T09:00:00Z`: the moment in UTC (see `aware`), None for None."""
    if moment is None:
        return None
    return aware(moment).isoformat().replace("+00:00", "Z")
