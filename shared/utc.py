"""Moments as the services store and serve them: in UTC, written as ISO 8601 with a `Z`.

SQLite keeps no offset, so a moment read back from it is naive: it was stored in UTC and is
taken as UTC. A moment with an offset is converted. Use as `utc.now()`, `utc.aware(m)`,
`utc.iso(m)`.
"""

import datetime as dt
from typing import overload


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


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
