"""All queries on the counters: adding deltas (an upsert per key and level, with the team
rollup) and summing them over a period: whole years, then whole months, then days."""

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import orjson
from sqlalchemy import Date, Integer, Select, String, bindparam, func, literal, select, text, union_all
from sqlalchemy.orm import Session

from services.rapportage.periods import month_end, month_start, next_month
from services.rapportage.tellers.models import ALL_TEAMS, Stand, Teller, Verdeling
from shared.db import is_postgresql

# (soort, dag, zaaktype_id, team_id, statustype_id, waarde): a contribution, on a day
Key = tuple[str, dt.date, int, int, int, int]
COLUMNS = ("soort", "niveau", "team_id", "periode", "zaaktype_id", "statustype_id", "waarde")
TELLER_FIELDS = (*COLUMNS, "aantal")
# distributions: in rpt_verdeling (waarde is the bin); per month and year only, as the statusduur counts
HISTOGRAMS = frozenset({"doorlooptijd_bruto", "doorlooptijd_netto", "statusduur"})
MONTHLY = HISTOGRAMS | {"statusduur_beoordeeld", "statusduur_boven_norm"}
VERDELING_KEY = ("soort", "niveau", "team_id", "periode", "zaaktype_id", "statustype_id")
# PostgreSQL: the batch's contributions (day keys) as one JSON parameter (`json_to_recordset`),
# expanded by the statement into their levels and teams, summed per counter row and sorted (so two
# transactions never wait for each other in opposite orders). One statement of one parameter
# whatever the batch: psycopg converts it from its cache and PostgreSQL plans it once. Expanding
# and sorting in Python was a quarter of a projection batch: six rows per contribution, each a
# dict. `per_dag`: the contribution has a day level (not the MONTHLY soorten).
_CONTRIBUTIONS = f"""
    WITH contribution AS (
        SELECT * FROM json_to_recordset(CAST(:rows AS json)) AS t(
            soort varchar, dag date, zaaktype_id integer, team_id integer, statustype_id integer, waarde integer,
            aantal integer, per_dag boolean)
    ), counter_row AS (
        SELECT c.soort, level.niveau, team.team_id, level.periode, c.zaaktype_id, c.statustype_id, c.waarde,
               sum(c.aantal) AS aantal
        FROM contribution AS c
        CROSS JOIN LATERAL (VALUES
            ('d', c.dag), ('m', CAST(date_trunc('month', c.dag) AS date)), ('j', CAST(date_trunc('year', c.dag) AS date))
        ) AS level(niveau, periode)
        CROSS JOIN LATERAL (VALUES (c.team_id), ({ALL_TEAMS})) AS team(team_id)
        WHERE level.niveau <> 'd' OR c.per_dag
        GROUP BY 1, 2, 3, 4, 5, 6, 7
        HAVING sum(c.aantal) <> 0
    )
"""
_TELLER_UPSERT_POSTGRESQL = text(f"""{_CONTRIBUTIONS}
    INSERT INTO rpt_teller (soort, niveau, team_id, periode, zaaktype_id, statustype_id, waarde, aantal)
    SELECT * FROM counter_row ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (soort, niveau, team_id, periode, zaaktype_id, statustype_id, waarde) DO UPDATE SET
        aantal = rpt_teller.aantal + EXCLUDED.aantal
""")
# a distribution row once per statement, with all its bins (ON CONFLICT updates a row once)
_VERDELING_UPSERT_POSTGRESQL = text(f"""{_CONTRIBUTIONS}
    INSERT INTO rpt_verdeling (soort, niveau, team_id, periode, zaaktype_id, statustype_id, aantal, bins)
    SELECT soort, niveau, team_id, periode, zaaktype_id, statustype_id, sum(aantal), jsonb_object_agg(CAST(waarde AS text), aantal)
    FROM counter_row GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (soort, niveau, team_id, periode, zaaktype_id, statustype_id) DO UPDATE SET
        aantal = rpt_verdeling.aantal + EXCLUDED.aantal,
        bins = rpt_verdeling.bins || (
            SELECT jsonb_object_agg(bin.key, COALESCE(CAST(rpt_verdeling.bins ->> bin.key AS integer), 0) + CAST(bin.value AS integer))
            FROM jsonb_each_text(EXCLUDED.bins) AS bin
        )
""")
# SQLite (the embedded default): a statement per row and bin
_VERDELING_UPSERT_SQLITE = """
    INSERT INTO rpt_verdeling (soort, niveau, team_id, periode, zaaktype_id, statustype_id, aantal, bins)
    VALUES (:soort, :niveau, :team_id, :periode, :zaaktype_id, :statustype_id, :d, json_object(:w, :d))
    ON CONFLICT (soort, niveau, team_id, periode, zaaktype_id, statustype_id) DO UPDATE SET
        aantal = rpt_verdeling.aantal + excluded.aantal,
        bins = json_set(rpt_verdeling.bins, '$."' || :w || '"', COALESCE(json_extract(rpt_verdeling.bins, '$."' || :w || '"'), 0) + :d)
"""
FIRST, LAST = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


def dialect_insert(session: Session, table):
    """The dialect's INSERT, for its ON CONFLICT clauses (alike in PostgreSQL and SQLite)."""
    if is_postgresql(session):
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def expand(deltas: Counter) -> Counter:
    """Contributions (day keys) as counter rows: per level, per team and for all teams."""
    rows: Counter = Counter()
    for (soort, dag, zaaktype_id, team_id, statustype_id, waarde), delta in deltas.items():
        if not delta:
            continue
        levels = [("m", month_start(dag)), ("j", dag.replace(month=1, day=1))]
        if soort not in MONTHLY:
            levels.append(("d", dag))
        for niveau, periode in levels:
            for team in (team_id, ALL_TEAMS):
                rows[(soort, niveau, team, periode, zaaktype_id, statustype_id, waarde)] += delta
    return rows


def add_deltas(session: Session, deltas: Counter) -> None:
    """Add each contribution's delta to its counters and distributions (in key order, so two
    transactions never wait for each other in opposite orders)."""
    if is_postgresql(session):
        plain: list[dict] = []  # contributions to rpt_teller
        histogram: list[dict] = []  # to rpt_verdeling (waarde: the bin)
        for (soort, dag, zaaktype_id, team_id, statustype_id, waarde), delta in deltas.items():
            if delta:
                row = {
                    "soort": soort, "dag": dag, "zaaktype_id": zaaktype_id, "team_id": team_id, "statustype_id": statustype_id,
                    "waarde": waarde, "aantal": delta, "per_dag": soort not in MONTHLY,
                }  # fmt: skip
                (histogram if soort in HISTOGRAMS else plain).append(row)
        if plain:
            session.execute(_TELLER_UPSERT_POSTGRESQL, {"rows": orjson.dumps(plain).decode()})
        if histogram:
            session.execute(_VERDELING_UPSERT_POSTGRESQL, {"rows": orjson.dumps(histogram).decode()})
        return
    plain_rows: list[dict] = []  # rpt_teller rows
    bins_of: dict[tuple, dict[str, int]] = {}  # distribution row -> bin -> delta
    for key, delta in sorted(expand(deltas).items()):
        if not delta:
            continue
        if key[0] in HISTOGRAMS:
            bins = bins_of.setdefault(key[:6], {})
            bins[str(key[6])] = bins.get(str(key[6]), 0) + delta
        else:
            plain_rows.append(dict(zip(TELLER_FIELDS, (*key, delta), strict=True)))
    if plain_rows:
        table = Teller.__table__
        stmt = dialect_insert(session, table)
        stmt = stmt.on_conflict_do_update(index_elements=list(COLUMNS), set_={"aantal": table.c.aantal + stmt.excluded.aantal})
        session.execute(stmt, plain_rows)
    if bins_of:
        stmt = text(_VERDELING_UPSERT_SQLITE).bindparams(
            bindparam("periode", type_=Date), bindparam("w", type_=String), bindparam("d", type_=Integer)
        )
        session.execute(
            stmt,
            [{**dict(zip(VERDELING_KEY, key, strict=True)), "w": w, "d": d} for key, bins in bins_of.items() for w, d in bins.items()],
        )


def add_to_stand(session: Session, naam: str, delta: int) -> int:
    """Add to a running total; returns the new value."""
    table = Stand.__table__
    stmt = dialect_insert(session, table).values(naam=naam, waarde=delta)
    stmt = stmt.on_conflict_do_update(index_elements=["naam"], set_={"waarde": table.c.waarde + delta})
    session.execute(stmt)
    return session.scalar(select(Stand.waarde).where(Stand.naam == naam)) or 0


def stand(session: Session, naam: str) -> int:
    return session.scalar(select(Stand.waarde).where(Stand.naam == naam)) or 0


@dataclass(frozen=True)
class Scope:
    """The filters every report takes: zaaktype ids (None: all) and team ids (None: all)."""

    zaaktype_ids: frozenset[int] | None = None
    team_ids: frozenset[int] | None = None


def pieces(van: dt.date | None, tot: dt.date | None, finest: str = "d", coarsest: str = "j") -> list[tuple[str, dt.date, dt.date]]:
    """[van, tot] (either open) as (niveau, first periode, last periode) ranges: whole years, whole
    months, days. `finest="m"`: no days; the period widens to whole months. `coarsest="d"`:
    days only (one range per month)."""
    start, end = van or FIRST, tot or LAST
    if finest == "m":
        start, end = month_start(start), month_end(end)
    out: list[tuple[str, dt.date, dt.date]] = []
    day = start
    while day <= end:
        if coarsest == "d":
            stop = min(end, month_end(day))
            out.append(("d", day, stop))
            day = stop + dt.timedelta(days=1)
        elif day.month == 1 and day.day == 1 and dt.date(day.year, 12, 31) <= end:
            last_year = day.year
            while last_year + 1 <= 2999 and dt.date(last_year + 1, 12, 31) <= end:
                last_year += 1
            out.append(("j", day, dt.date(last_year, 1, 1)))
            day = dt.date(last_year + 1, 1, 1) if last_year < 2999 else end + dt.timedelta(days=1)
        elif day.day == 1 and month_end(day) <= end:
            last = day
            while last.month < 12 and month_end(next_month(last)) <= end:
                last = next_month(last)
            out.append(("m", day, last))
            day = month_end(last) + dt.timedelta(days=1)
        else:
            stop = min(end, month_end(day))
            out.append(("d", day, stop))
            day = stop + dt.timedelta(days=1)
    return out


def _in_piece(
    query: Select,
    model: type[Teller] | type[Verdeling],
    soorten: Sequence[str],
    piece: tuple[str, dt.date, dt.date],
    scope: Scope,
    group_by: Sequence[str],
) -> Select:
    """`query` on the rows of `model` (counters or distributions) of `soorten` in one period piece
    (niveau, first, last) within `scope`: its teams or, without a team filter, the all-teams rollup
    (the teams' own rows where grouped by team), and its zaaktypen."""
    niveau, first, last = piece
    query = query.where(model.soort.in_(list(soorten)), model.niveau == niveau, model.periode >= first, model.periode <= last)
    if scope.team_ids is not None:
        query = query.where(model.team_id.in_(sorted(scope.team_ids)))
    elif "team_id" in group_by:
        query = query.where(model.team_id != ALL_TEAMS)
    else:
        query = query.where(model.team_id == ALL_TEAMS)
    if scope.zaaktype_ids is not None:
        query = query.where(model.zaaktype_id.in_(sorted(scope.zaaktype_ids)))
    return query


def sums(
    session: Session,
    soorten: Sequence[str],
    van: dt.date | None,
    tot: dt.date | None,
    scope: Scope,
    group_by: Sequence[str] = ("soort",),
    *,
    month_periode: bool = False,
    finest: str = "d",
    days: bool = False,
) -> list[tuple]:
    """Sum of `aantal` over [van, tot], grouped by `group_by` (counter columns). Grouping by
    "periode" gives the first day of each year, month or day piece; `month_periode` asks for
    months (no year pieces, days counted in their month); `days` for days (day rows only). Without a team filter and without
    grouping by team the all-teams rollup is read."""
    if days and (van is None or tot is None):
        raise ValueError("a sum per day needs a bounded period")
    ranges = pieces(van, tot, finest, "d" if days else "j")
    if month_periode:
        ranges = [r for piece in ranges for r in _months_of(piece)]
    parts = []
    for niveau, first, last in ranges:
        columns = []
        for c in group_by:
            if c == "periode" and month_periode and niveau == "d":
                columns.append(literal(month_start(first)).label("periode"))
            else:
                columns.append(getattr(Teller, c).label(c))
        parts.append(_in_piece(select(*columns, Teller.aantal), Teller, soorten, (niveau, first, last), scope, group_by))
    if not parts:
        return []
    union = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
    grouped = select(*(union.c[c] for c in group_by), func.sum(union.c.aantal)).group_by(*(union.c[c] for c in group_by))
    return [tuple(row) for row in session.execute(grouped) if row[-1]]


def _months_of(piece: tuple[str, dt.date, dt.date]) -> list[tuple[str, dt.date, dt.date]]:
    """A year piece as its month pieces (so rows can be grouped by month)."""
    niveau, first, last = piece
    if niveau != "j":
        return [piece]
    return [("m", dt.date(first.year, 1, 1), dt.date(last.year, 12, 1))]


def totals(session: Session, soorten: Iterable[str], van, tot, scope: Scope, finest: str = "d") -> Counter:
    return Counter({soort: int(total) for soort, total in sums(session, list(soorten), van, tot, scope, ("soort",), finest=finest)})


def distributions(
    session: Session,
    soorten: Sequence[str],
    van: dt.date | None,
    tot: dt.date | None,
    scope: Scope,
    group_by: Sequence[str] = ("soort",),
    *,
    month_periode: bool = False,
) -> dict[tuple, Counter]:
    """The merged histograms (bin index -> count) over the whole months of [van, tot], per
    `group_by` (columns of rpt_verdeling). `month_periode`: "periode" is each month."""
    ranges = pieces(van, tot, "m")
    if month_periode:
        ranges = [r for piece in ranges for r in _months_of(piece)]
    out: dict[tuple, Counter] = {}
    for niveau, first, last in ranges:
        query = select(*(getattr(Verdeling, c) for c in group_by), Verdeling.bins).where(Verdeling.aantal != 0)
        query = _in_piece(query, Verdeling, soorten, (niveau, first, last), scope, group_by)
        for row in session.execute(query):
            histogram = out.setdefault(tuple(row[:-1]), Counter())
            for index, count in (row[-1] or {}).items():
                if count:
                    histogram[int(index)] += int(count)
    return out
