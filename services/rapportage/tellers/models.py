"""Counters maintained incrementally per event.

One row per (soort, niveau, team, periode, zaaktype, statustype, waarde): `niveau` is `d` (a day),
`m` (a month: periode is its first day) or `j` (a year: periode is 1 January). Every contribution
is added at each level, and once more under team_id -1 (all teams together), so a report over any
period reads whole years, then whole months, then the ragged days, and a report without a team
filter reads the rollup only: the rows a report reads do not grow with the number of zaken.
Distributions (histogram bins) and the statusduur counts exist per month and year only.

`aantal` may be negative for `werkvoorraad` (difference counters: +1 where a zaak enters an age
bucket, -1 where it leaves), and 0 after a change took a contribution back."""

import datetime as dt

from sqlalchemy import JSON, Date, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.rapportage.db import Base

ALL_TEAMS = -1


class CounterKeyColumns:
    """The key that counters and distributions share: (soort, niveau, team, periode, zaaktype,
    statustype). `sort_order`: these lead the table and its primary key, as declared here."""

    soort: Mapped[str] = mapped_column(String(30), primary_key=True, sort_order=-1)
    niveau: Mapped[str] = mapped_column(String(1), primary_key=True, sort_order=-1)
    team_id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-1)
    periode: Mapped[dt.date] = mapped_column(Date, primary_key=True, sort_order=-1)
    zaaktype_id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-1)
    statustype_id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-1)


class Teller(CounterKeyColumns, Base):
    __tablename__ = "rpt_teller"

    waarde: Mapped[int] = mapped_column(Integer, primary_key=True)
    aantal: Mapped[int] = mapped_column(Integer, default=0)


class Stand(Base):
    """Named running totals (`aantal_zaken`) and the SQLite write-lock row (`lock`)."""

    __tablename__ = "rpt_stand"

    naam: Mapped[str] = mapped_column(String(50), primary_key=True)
    waarde: Mapped[int] = mapped_column(Integer, default=0)


class Verdeling(CounterKeyColumns, Base):
    """A distribution (histogram) per (soort, niveau, team, periode, zaaktype, statustype):
    `bins` maps a bin index (services.rapportage.periods.DAY_BINS / HOUR_BINS) to a count, so a
    year of doorlooptijden per zaaktype is twelve rows, whatever the number of zaken. Per month
    (`m`) and year (`j`), with the all-teams rollup (team_id -1) as the counters."""

    __tablename__ = "rpt_verdeling"

    aantal: Mapped[int] = mapped_column(Integer, default=0)
    bins: Mapped[dict] = mapped_column(JSON().with_variant(JSONB(), "postgresql"), default=dict)
