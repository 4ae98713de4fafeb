"""Generated identificaties, `<PREFIX>-<year>-<10 digits>` numbered per year, as the reference
implementations make them for a zaak (zrc-002, `ZAAK-2026-0000000001`) and a besluit (brc-002,
`BESLUIT-...`): unique under concurrent creates.

A service keeps a counter row per year in a table of its own (`CounterColumns`); a create takes
the next number with one UPDATE, so no two creates draw the same number. The database's unique
constraint on the identificatie decides between a generated number and one a client chose as its
own (the next number is taken then)."""

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from shared.db import is_postgresql
from shared.resources import Context


class CounterColumns:
    """The columns of a counter table: the last number handed out per year."""

    jaar: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    laatste: Mapped[int] = mapped_column(default=0)


@functools.cache
def _next_number(counter: type, flushed_later: bool = False):
    """The UPDATE that takes the next number of the year `year` (no row: the year has no counter
    yet), built once per counter table; `flushed_later` (PostgreSQL): its transaction's commit need
    not wait for its WAL flush (`synchronous_commit` off for that transaction, set in the same
    statement)."""
    statement = (
        update(counter).where(counter.jaar == bindparam("year")).values(laatste=counter.laatste + 1).returning(counter.laatste)  # type: ignore[attr-defined]
    )
    if flushed_later:
        statement = statement.where(func.set_config("synchronous_commit", "off", True) == "off")
    return statement


@dataclass(frozen=True)
class Numbering:
    """The identificaties `<prefix>-<year>-<10 digits>` of one kind of object: `counter` is its
    counter table (a model with `CounterColumns`), `identificatie` the objects' column (where a
    year's first number starts: after the highest one already there, e.g. imported)."""

    prefix: str
    counter: type
    identificatie: Any

    def format(self, year: int, number: int) -> str:
        return f"{self.prefix}-{year}-{number:010d}"

    def generate(self, ctx: Context, day: dt.date) -> str:
        """`<prefix>-<year of day>-<10 digits>`, numbered by the year's counter row that concurrent
        creates take in turn.

        On PostgreSQL the number is taken by one statement in autocommit, outside the create's
        transaction: there the counter row stayed locked until that create committed, so creates
        ran one at a time; and in a transaction of its own committed by the client the row stayed
        locked from the UPDATE's answer until the COMMIT, i.e. while the thread waited for the
        interpreter lock behind the worker's other requests. In autocommit PostgreSQL commits at
        the end of the statement itself. A create that fails later leaves a gap in the numbers,
        which the standard allows (unique identificaties, not consecutive ones). That commit does
        not wait for its WAL flush (synchronous_commit off for that statement's transaction
        alone): an object that holds the number commits later, synchronously, and flushing its
        commit record flushes the counter's earlier one with it, so no number a durable object
        holds can be handed out again after a crash. The statement's connection comes from
        `Database.side_engine`. SQLite has one writer at a time anyway, and a second connection
        would wait for the create's own write lock."""
        session = ctx.session
        year = day.year
        if not is_postgresql(session):
            return self.format(year, self._take_number(session, year))
        side = ctx.request.app.state.db.side_engine  # not the request's pool (Database.side_engine says why)
        with side.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            number = connection.scalar(_next_number(self.counter, flushed_later=True), {"year": year})
        if number is None:  # the year's first object: its counter row is made in a transaction of its own
            with Session(side) as own:
                number = self._take_number(own, year, flushed_later=True)
                own.commit()
        return self.format(year, number)

    def add_numbered(self, ctx: Context, obj: Any, given: str | None, day: dt.date, taken: Callable[[str], NoReturn]) -> None:
        """Add `obj` with the identificatie `given` (the caller checked that it is free; between
        concurrent creates the unique constraint decides: `taken(identificatie)` raises the error)
        or, without one, a generated identificatie for `day` (one a client chose as its own
        already: the next number)."""
        if given:
            obj.identificatie = given
            try:
                with ctx.session.begin_nested():
                    ctx.session.add(obj)
            except IntegrityError:
                taken(given)
            return
        for _ in range(5):
            obj.identificatie = self.generate(ctx, day)
            try:
                with ctx.session.begin_nested():
                    ctx.session.add(obj)
                return
            except IntegrityError:
                continue
        taken(obj.identificatie)

    def _take_number(self, session: Session, year: int, *, flushed_later: bool = False) -> int:
        """The year's next number in the session's transaction, making the year's counter row first
        where there is none."""
        for _ in range(3):
            number = session.scalar(_next_number(self.counter, flushed_later), {"year": year})
            if number is not None:
                return number
            try:
                with session.begin_nested():
                    session.add(self.counter(jaar=year, laatste=self._highest_number(session, year)))
            except IntegrityError:
                pass  # another create made the row first; take a number from it
        raise RuntimeError(f"could not number the {self.prefix.lower()}")

    def _highest_number(self, session: Session, year: int) -> int:
        prefix = f"{self.prefix}-{year}-"
        pattern = re.compile(rf"{re.escape(prefix)}(\d{{10}})")
        highest = 0
        for identificatie in session.scalars(select(self.identificatie).where(self.identificatie.like(prefix + "%"))):
            match = pattern.fullmatch(identificatie)
            if match:
                highest = max(highest, int(match.group(1)))
        return highest
