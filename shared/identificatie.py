"""Generated identificaties, `<PREFIX>-<year>-<10 digits>` numbered per year, as the reference
implementations make them for a zaak (zrc-002, `ZAAK-2026-0000000001`) and a besluit (brc-002,
`BESLUIT-...`): unique under concurrent creates.

A service keeps a counter row per year in a table of its own (`CounterColumns`); numbers are
taken from it with one UPDATE (on PostgreSQL a block of them per process, `Numbering.generate`), so
no two creates draw the same number. The database's unique
constraint on the identificatie decides between a generated number and one a client chose as its
own (the next number is taken then)."""

import datetime as dt
import functools
import os
import re
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from sqlalchemy import Engine, bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from shared.db import insert_new, is_postgresql
from shared.resources import Context


class CounterColumns:
    """The columns of a counter table: the last number handed out per year."""

    jaar: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    laatste: Mapped[int] = mapped_column(default=0)


# On PostgreSQL a process takes the numbers of a year in blocks of this many (one statement per
# block instead of one per create); the numbers of a block the process never hands out are gaps.
BLOCK = 20


@functools.cache
def _next_number(counter: type, flushed_later: bool = False):
    """The UPDATE that takes the next `size` numbers of the year `year` and returns the last of
    them (no row: the year has no counter yet), built once per counter table; `flushed_later`
    (PostgreSQL): its transaction's commit need not wait for its WAL flush (`synchronous_commit`
    off for that transaction, set in the same statement)."""
    statement = (
        update(counter)
        .where(counter.jaar == bindparam("year"))  # type: ignore[attr-defined]
        .values(laatste=counter.laatste + bindparam("size"))  # type: ignore[attr-defined]
        .returning(counter.laatste)  # type: ignore[attr-defined]
    )
    if flushed_later:
        statement = statement.where(func.set_config("synchronous_commit", "off", True) == "off")
    return statement


_NEW_BLOCKS = threading.Lock()


class _Blocks:
    """The numbers a process took and did not hand out yet: year -> (next, last), per database."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.free: dict[int, tuple[int, int]] = {}


@dataclass(frozen=True)
class Numbering:
    """The identificaties `<prefix>-<year>-<10 digits>` of one kind of object: `counter` is its
    counter table (a model with `CounterColumns`), `identificatie` the objects' column (where a
    year's first number starts: after the highest one already there, e.g. imported)."""

    prefix: str
    counter: type
    identificatie: Any
    # per side engine of a database (and per process: a forked worker takes its own blocks)
    _blocks: "weakref.WeakKeyDictionary[Engine, tuple[int, _Blocks]]" = field(
        default_factory=weakref.WeakKeyDictionary, compare=False, repr=False
    )

    def format(self, year: int, number: int) -> str:
        return f"{self.prefix}-{year}-{number:010d}"

    def generate(self, ctx: Context, day: dt.date) -> str:
        """`<prefix>-<year of day>-<10 digits>`, numbered by the year's counter row.

        SQLite: the next number, taken in the create's transaction (one writer at a time anyway;
        a second connection would wait for the create's own write lock).

        PostgreSQL: the next number of a block of BLOCK numbers this process took from the year's
        counter row with one statement in autocommit, outside any create's transaction: in the
        create's transaction the counter row stayed locked until that create committed, so
        creates ran one at a time; in autocommit PostgreSQL commits at the end of the statement
        itself, and each process takes its own block, so no two processes ever hold the same
        number, and a block is handed out under a lock in the process, so no two of its threads
        do. A year's block is never used for another year. A create that fails later, and a block
        the process does not use up before it stops, leave gaps in the numbers, which the standard
        allows (unique identificaties, not consecutive ones). The block's commit does not wait for
        its WAL flush (synchronous_commit off for that statement's transaction alone): an object
        that holds one of its numbers commits later, synchronously, and flushing its commit record
        flushes the counter's earlier one with it, so no number a durable object holds can be
        handed out again after a crash (a crash loses at most blocks of which no durable object
        holds a number: gaps). The statement's connection comes from `Database.side_engine`."""
        session = ctx.session
        year = day.year
        if not is_postgresql(session):
            return self.format(year, self._take_number(session, year))
        return self.format(year, self._next_of_block(ctx.request.app.state.db.side_engine, year))

    def forget(self) -> None:
        """Drop the blocks this process holds, for a database whose counter rows were emptied
        (tests truncate every table between tests); their numbers become gaps."""
        self._blocks.clear()

    def _next_of_block(self, side: Engine, year: int) -> int:
        pid = os.getpid()
        owned = self._blocks.get(side)
        if owned is None or owned[0] != pid:
            with _NEW_BLOCKS:
                owned = self._blocks.get(side)
                if owned is None or owned[0] != pid:
                    owned = self._blocks[side] = (pid, _Blocks())
        blocks = owned[1]
        with blocks.lock:  # one block at a time per process; the next ones wait for it, not for the database
            number, last = blocks.free.get(year, (1, 0))
            if number > last:
                last = self._take_block(side, year)
                number = last - BLOCK + 1
            blocks.free[year] = (number + 1, last)
            return number

    def _take_block(self, side: Engine, year: int) -> int:
        """The last number of a new block of BLOCK numbers of the year, taken in autocommit."""
        with side.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            last = connection.scalar(_next_number(self.counter, flushed_later=True), {"year": year, "size": BLOCK})
        if last is None:  # the year's first object: its counter row is made in a transaction of its own
            with Session(side) as own:
                last = self._take_number(own, year, size=BLOCK, flushed_later=True)
                own.commit()
        return last

    def add_numbered(self, ctx: Context, obj: Any, given: str | None, day: dt.date, taken: Callable[[str], NoReturn]) -> None:
        """Insert `obj` with the identificatie `given` (the unique constraint decides whether it is
        free, also between concurrent creates: `taken(identificatie)` raises the error) or, without
        one, a generated identificatie for `day` (one a client chose as its own already: the next
        number). One `INSERT ... ON CONFLICT DO NOTHING` (shared.db.insert_new) per attempt."""
        session = ctx.session
        if given:
            obj.identificatie = given
            if not insert_new(session, obj):
                taken(given)
            return
        for _ in range(5):
            obj.identificatie = self.generate(ctx, day)
            if insert_new(session, obj):
                return
        taken(obj.identificatie)

    def _take_number(self, session: Session, year: int, *, size: int = 1, flushed_later: bool = False) -> int:
        """The last of the year's next `size` numbers in the session's transaction, making the
        year's counter row first where there is none."""
        for _ in range(3):
            number = session.scalar(_next_number(self.counter, flushed_later), {"year": year, "size": size})
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
