"""zrc-002: a zaak's generated identificatie, `ZAAK-<year>-<10 digits>`, numbered per year."""

import datetime as dt
import functools
import re

from sqlalchemy import (
    bindparam,
    func,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.zaken.zaak.models import IdentificatieTeller, Zaak
from shared.db import is_postgresql
from shared.resources import Context

IDENTIFICATIE_PREFIX = "ZAAK"


def format_identificatie(year: int, number: int) -> str:
    """zrc-002: `ZAAK-<year>-<10 digits>`, as the reference implementation."""
    return f"{IDENTIFICATIE_PREFIX}-{year}-{number:010d}"


def generate_identificatie(ctx: Context, registratiedatum: dt.date) -> str:
    """zrc-002: `ZAAK-<year of registratiedatum>-<10 digits>`, as the reference implementation,
    numbered by a counter row per year that concurrent creates take in turn.

    On PostgreSQL the number is taken by one statement in autocommit, outside the create's
    transaction: there the counter row stayed locked until that create committed, so creates ran
    one at a time; and in a transaction of its own committed by the client the row stayed locked
    from the UPDATE's answer until the COMMIT, i.e. while the thread waited for the interpreter
    lock behind the worker's other requests. In autocommit PostgreSQL commits at the end of the
    statement itself. A zaak create that fails later leaves a gap in the numbers, which zrc-002
    allows (unique identificaties, not consecutive ones). That commit does not wait for its WAL
    flush (synchronous_commit off for that statement's transaction alone): a zaak that holds the
    number commits later, synchronously, and flushing its commit record flushes the counter's
    earlier one with it, so no number a durable zaak holds can be handed out again after a
    crash. The statement's connection comes from `Database.side_engine`. SQLite has one writer at
    a time anyway, and a second connection would wait for the create's own write lock."""
    session = ctx.session
    year = registratiedatum.year
    if not is_postgresql(session):
        return format_identificatie(year, _take_number(session, year))
    side = ctx.request.app.state.db.side_engine  # not the request's pool (Database.side_engine says why)
    with side.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        number = connection.scalar(_next_number(flushed_later=True), {"year": year})
    if number is None:  # the year's first zaak: its counter row is made in a transaction of its own
        with Session(side) as own:
            number = _take_number(own, year, flushed_later=True)
            own.commit()
    return format_identificatie(year, number)


@functools.cache
def _next_number(flushed_later: bool = False):
    """The UPDATE that takes the next number of the year `year` (no row: the year has no counter
    yet), built once; `flushed_later` (PostgreSQL): its transaction's commit need not wait for its
    WAL flush (`synchronous_commit` off for that transaction, set in the same statement)."""
    statement = (
        update(IdentificatieTeller)
        .where(IdentificatieTeller.jaar == bindparam("year"))
        .values(laatste=IdentificatieTeller.laatste + 1)
        .returning(IdentificatieTeller.laatste)
    )
    if flushed_later:
        statement = statement.where(func.set_config("synchronous_commit", "off", True) == "off")
    return statement


def _take_number(session: Session, year: int, *, flushed_later: bool = False) -> int:
    """The year's next number in the session's transaction, making the year's counter row first
    where there is none."""
    for _ in range(3):
        number = session.scalar(_next_number(flushed_later), {"year": year})
        if number is not None:
            return number
        # the first zaak of the year: start after what exists (e.g. zaken imported with identificaties)
        try:
            with session.begin_nested():
                session.add(IdentificatieTeller(jaar=year, laatste=_highest_number(session, year)))
        except IntegrityError:
            pass  # another create made the row first; take a number from it
    raise RuntimeError("could not number the zaak")


def _highest_number(session: Session, year: int) -> int:
    prefix = f"{IDENTIFICATIE_PREFIX}-{year}-"
    pattern = re.compile(rf"{re.escape(prefix)}(\d{{10}})")
    highest = 0
    for identificatie in session.scalars(select(Zaak.identificatie).where(Zaak.identificatie.like(prefix + "%"))):
        match = pattern.fullmatch(identificatie)
        if match:
            highest = max(highest, int(match.group(1)))
    return highest
