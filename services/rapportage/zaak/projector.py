"""Changes into read models and counters, in the caller's transaction (never commits).

Per zaak: lock it (PostgreSQL: an advisory lock on its URL; SQLite: the database's write lock,
taken by the first statement), take its current contribution, apply the change (idempotent:
facts are the fetched current state; statussen are keyed by URL), derive what follows
(status durations, opschorting days, deadlines, doorlooptijden), and add the difference of the
contributions to the counters. So duplicated or reordered messages change nothing."""

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import instance_state

from services.rapportage.medewerkers.projection import store_behandelaars, store_medewerkers
from services.rapportage.periods import deadline, duration_days, duration_hours, local_day
from services.rapportage.settings import RapportageSettings
from services.rapportage.tellers.repository import add_deltas, add_to_stand, dialect_insert
from services.rapportage.zaak.contributions import zaak_contribution
from services.rapportage.zaak.facts import KEEP, Change, StatusFacts, StatustypeFacts, TeamFacts, ZaaktypeFacts
from services.rapportage.zaak.fetch import Fetcher
from services.rapportage.zaak.models import Opschorting, Status, Statustype, Team, Zaak, Zaaktype
from shared import utc
from shared.db import Database, column_values, in_list, insert_objects, insert_rows, is_postgresql, reserve_ids

GEARCHIVEERD = "gearchiveerd"


def lock_key(url: str) -> int:
    """A 64-bit advisory lock key of a zaak URL."""
    return int.from_bytes(hashlib.blake2b(url.encode(), digest_size=8).digest(), "big", signed=True)


def lock_zaken(session: Session, urls: Sequence[str]) -> None:
    """Serialise the work on these zaken with every other transaction that locks them: on
    PostgreSQL transaction-scoped advisory locks, taken in key order in one statement (so two
    transactions never wait for each other in opposite orders)."""
    if is_postgresql(session):
        keys = sorted({lock_key(url) for url in urls})
        if keys:
            session.execute(text("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(CAST(:keys AS bigint[])) AS k"), {"keys": keys})
    else:
        take_write_lock(session)


def take_write_lock(session: Session) -> None:
    """SQLite: a write as the transaction's first statement, so it holds the database's write
    lock from here on (one writer at a time; a later write would fail on a stale read instead)."""
    from services.rapportage.tellers.models import Stand

    session.execute(dialect_insert(session, Stand.__table__).values(naam="lock", waarde=0).on_conflict_do_nothing())


@dataclass
class Applied:
    """What `apply` did: zaken created and removed, the new total of zaken, medewerkers new, and the
    zaken whose archiefstatus became `gearchiveerd` (a new zaak that is, too) with the change's moment."""

    nieuwe_zaken: list[Zaak] = field(default_factory=list)
    verwijderd: int = 0
    aantal_zaken: int | None = None
    gearchiveerd: list[tuple[Zaak, dt.datetime | None]] = field(default_factory=list)
    nieuwe_medewerkers: int = 0


class Projector:
    def __init__(self, tz: str = "Europe/Amsterdam"):
        self.tz = tz

    # ------------------------------------------------------------ dimensions

    @staticmethod
    def _rows_by_url(session: Session, model, urls: list[str], defaults) -> dict:
        """The dimension rows of these URLs, made (without fetching) where missing."""
        postgresql = is_postgresql(session)
        rows = {row.url: row for row in session.scalars(select(model).where(in_list(model.url, postgresql, values=urls)))} if urls else {}
        missing = [url for url in urls if url not in rows]
        if missing:
            session.execute(dialect_insert(session, model.__table__).on_conflict_do_nothing(), [defaults(url) for url in missing])
            rows.update({row.url: row for row in session.scalars(select(model).where(in_list(model.url, postgresql, values=missing)))})
        return rows

    def _zaaktypen(self, session: Session, facts: dict[str, ZaaktypeFacts]) -> dict[str, Zaaktype]:
        rows = self._rows_by_url(session, Zaaktype, sorted(facts), lambda url: {"url": url, "groep": facts[url].groep})
        for url, f in facts.items():
            if f.opgehaald:
                row = rows[url]
                values = {
                    "groep": f.groep, "catalogus": f.catalogus, "identificatie": f.identificatie, "omschrijving": f.omschrijving,
                    "doorlooptijd": f.doorlooptijd, "servicenorm": f.servicenorm, "begin_geldigheid": f.begin_geldigheid, "opgehaald": True,
                }  # fmt: skip
                for name, value in values.items():
                    if getattr(row, name) != value:
                        setattr(row, name, value)
        return rows

    def zaaktype_id(self, session: Session, url: str) -> int:
        """The dimension row of a zaaktype URL (made without fetching when unknown)."""
        return self._zaaktypen(session, {url: ZaaktypeFacts(url=url, opgehaald=False)})[url].id

    def _statustypen(self, session: Session, facts: dict[str, StatustypeFacts]) -> dict[str, Statustype]:
        rows = self._rows_by_url(session, Statustype, sorted(facts), lambda url: {"url": url})
        for url, f in facts.items():
            if f.opgehaald:
                row = rows[url]
                values = {
                    "zaaktype_url": f.zaaktype, "volgnummer": f.volgnummer, "omschrijving": f.omschrijving, "statustekst": f.statustekst,
                    "informeren": f.informeren, "doorlooptijd": f.doorlooptijd, "opgehaald": True,
                }  # fmt: skip
                for name, value in values.items():
                    if getattr(row, name) != value:
                        setattr(row, name, value)
        return rows

    def _team_id(self, session: Session, team: TeamFacts | None) -> int:
        if team is None:
            return 0
        row = session.scalar(select(Team).where(Team.sleutel == team.sleutel))
        if row is None:
            values = {
                "sleutel": team.sleutel,
                "betrokkene_type": team.betrokkene_type,
                "identificatie": team.identificatie,
                "naam": team.naam,
            }
            session.execute(dialect_insert(session, Team.__table__).values(**values).on_conflict_do_nothing())
            # ours or, on a conflict, the one another batch inserted at the same moment
            row = session.scalars(select(Team).where(Team.sleutel == team.sleutel)).one()
        elif row.naam != team.naam:
            row.naam = team.naam
        return row.id

    # ------------------------------------------------------------ apply

    def apply(
        self,
        session: Session,
        changes: Sequence[Change],
        *,
        locked: bool = False,
        events: Sequence[tuple[dt.date, str]] = (),
    ) -> Applied:
        """Project `changes` (in order; several may concern one zaak) and count `events`
        ((day, zaaktype URL) of each processed notification), in the session's transaction."""
        if not changes and not events:
            return Applied()
        if not locked:
            lock_zaken(session, [c.zaak_url for c in changes])
        with session.no_autoflush:
            return self._apply(session, changes, events)

    def _apply(self, session: Session, changes: Sequence[Change], events: Sequence[tuple[dt.date, str]]) -> Applied:
        zaaktype_facts: dict[str, ZaaktypeFacts] = {}
        statustype_facts: dict[str, StatustypeFacts] = {}
        for _, url in events:
            if url:
                zaaktype_facts.setdefault(url, ZaaktypeFacts(url=url, opgehaald=False))
        for change in changes:
            zaaktype_facts.update(change.zaaktypen)
            statustype_facts.update(change.statustypen)
            if change.zaak is not None:
                zaaktype_facts.setdefault(change.zaak.zaaktype, ZaaktypeFacts(url=change.zaak.zaaktype, opgehaald=False))
            for status in self._statuses_of(change):
                statustype_facts.setdefault(status.statustype, StatustypeFacts(url=status.statustype, opgehaald=False))
        zaaktypen = self._zaaktypen(session, zaaktype_facts)
        statustypen = self._statustypen(session, statustype_facts)
        zaaktype_by_id = {row.id: row for row in zaaktypen.values()}

        postgresql = is_postgresql(session)
        urls = sorted({c.zaak_url for c in changes})
        zaken = {z.url: z for z in session.scalars(select(Zaak).where(in_list(Zaak.url, postgresql, values=urls)))} if urls else {}
        applied = Applied()
        # new zaken: objects with ids reserved now, written once with all their facts before the
        # flush (`insert_objects`); an INSERT here and the flush of their facts afterwards wrote
        # each twice, and the UPDATE of a row with nine indexes is not a HOT one
        fresh: dict[str, Zaak] = {}
        for change in changes:
            if change.zaak is not None and not change.gone and change.zaak_url not in zaken and change.zaak_url not in fresh:
                f = change.zaak
                fresh[change.zaak_url] = Zaak(
                    url=change.zaak_url, uuid=f.uuid, zaaktype_id=zaaktypen[f.zaaktype].id, registratiedatum=f.registratiedatum,
                    startdatum=f.startdatum,
                )  # fmt: skip
        statussen, opschortingen = self._children(session, [z.id for z in zaken.values()])
        for new, new_id in zip(fresh.values(), reserve_ids(session, Zaak.__table__, len(fresh)), strict=True):
            new.id = new_id
            column_values(new)  # the defaults, as a stored row has them
            statussen[new_id], opschortingen[new_id] = [], []
        zaken.update(fresh)
        applied.nieuwe_zaken = list(fresh.values())
        status_urls = sorted({s.url for c in changes for s in self._statuses_of(c)})
        by_url = select(Status).where(in_list(Status.url, postgresql, values=status_urls))
        known_statussen = {s.url: s for s in session.scalars(by_url)} if status_urls else {}
        teams: dict[str, int] = {}
        deltas: Counter = Counter()
        for day, url in events:
            deltas[("event", day, zaaktypen[url].id if url else 0, 0, 0, 0)] += 1
        # each zaak's contribution is taken back when the batch first touches it (a new one has
        # none), and its new contribution added once, after all its changes
        touched: dict[str, Zaak] = {}

        def touch(zaak: Zaak) -> None:
            if zaak.url not in touched:
                touched[zaak.url] = zaak
                if zaak.url not in fresh:
                    deltas.subtract(zaak_contribution(zaak, statussen.get(zaak.id, []), self.tz))

        for change in changes:
            zaak = zaken.get(change.zaak_url)
            if change.gone:
                applied.verwijderd += self._remove(session, zaak, change.zaak_url, statussen, opschortingen, touch, zaken)
                continue
            if zaak is not None and change.documenten is not KEEP and zaak.aantal_documenten != change.documenten:
                zaak.aantal_documenten = change.documenten  # no counter depends on it
            if change.zaak is None or zaak is None:
                continue
            touch(zaak)
            was_gearchiveerd = zaak.archiefstatus == GEARCHIVEERD  # a new row has the default
            self._set_facts(session, zaak, change, zaaktypen, teams)
            if zaak.archiefstatus == GEARCHIVEERD and not was_gearchiveerd:
                applied.gearchiveerd.append((zaak, change.moment))
            self._set_statussen(session, zaak, change, statussen[zaak.id], statustypen, known_statussen)
            self._set_opschortingen(session, zaak, change, opschortingen[zaak.id])
        remaining = [zaak for url, zaak in touched.items() if url in zaken]
        norms = self._status_norms(session, postgresql, {s.statustype_id for zaak in remaining for s in statussen[zaak.id]}, statustypen)
        for zaak in remaining:
            self._derive(session, zaak, statussen[zaak.id], opschortingen[zaak.id], norms, zaaktype_by_id)
            deltas.update(zaak_contribution(zaak, statussen[zaak.id], self.tz))
        # the new zaken (those not removed again in this batch) before what refers to them
        insert_objects(session, [zaak for url, zaak in fresh.items() if url in zaken])
        applied.nieuwe_medewerkers = store_medewerkers(session, changes)
        store_behandelaars(session, changes, zaken)
        session.flush()
        self._store_new_statussen(session, remaining, statussen)
        add_deltas(session, deltas)
        change_in_total = len(applied.nieuwe_zaken) - applied.verwijderd
        if change_in_total:
            applied.aantal_zaken = add_to_stand(session, "aantal_zaken", change_in_total)
        return applied

    @staticmethod
    def _statuses_of(change: Change) -> list[StatusFacts]:
        return list(change.status_upserts) + ([] if change.statussen is KEEP else list(change.statussen))

    def _children(self, session: Session, zaak_ids: list[int]):
        statussen: dict[int, list[Status]] = {i: [] for i in zaak_ids}
        opschortingen: dict[int, list[Opschorting]] = {i: [] for i in zaak_ids}
        if zaak_ids:
            postgresql = is_postgresql(session)
            for s in session.scalars(select(Status).where(in_list(Status.zaak_id, postgresql, values=zaak_ids))):
                statussen[s.zaak_id].append(s)
            for o in session.scalars(select(Opschorting).where(in_list(Opschorting.zaak_id, postgresql, values=zaak_ids))):
                opschortingen[o.zaak_id].append(o)
        return statussen, opschortingen

    def _remove(self, session, zaak: Zaak | None, url: str, statussen, opschortingen, touch, zaken: dict) -> int:
        """A destroyed zaak goes, and with it its deelzaken (the Zaken API deletes them together
        and sends one message)."""
        removed = 0
        targets = [zaak] if zaak is not None else []
        deelzaken = list(session.scalars(select(Zaak).where(Zaak.hoofdzaak == url)))
        if deelzaken:
            lock_zaken(session, [d.url for d in deelzaken])
            extra_s, extra_o = self._children(session, [d.id for d in deelzaken])
            statussen.update(extra_s)
            opschortingen.update(extra_o)
        for target in targets + deelzaken:
            touch(target)
            zaken.pop(target.url, None)
            for status in statussen.pop(target.id, []):
                _discard(session, status)
            for period in opschortingen.pop(target.id, []):
                _discard(session, period)
            session.flush()
            _discard(session, target)  # a new zaak of this batch is not stored yet
            removed += 1
        session.flush()
        return removed

    def _set_facts(self, session: Session, zaak: Zaak, change: Change, zaaktypen: dict[str, Zaaktype], teams: dict[str, int]) -> None:
        f = change.zaak
        assert f is not None, "_apply skips a change without a zaak"
        values = {
            "uuid": f.uuid, "identificatie": f.identificatie, "bronorganisatie": f.bronorganisatie,
            "zaaktype_id": zaaktypen[f.zaaktype].id, "hoofdzaak": f.hoofdzaak, "registratiedatum": f.registratiedatum,
            "startdatum": f.startdatum, "einddatum": f.einddatum, "einddatum_gepland": f.einddatum_gepland,
            "uiterlijke_einddatum_afdoening": f.uiterlijke_einddatum_afdoening,
            "verlenging_dagen": duration_days(f.verlenging_duur) or 0, "status_url": f.status, "resultaat_url": f.resultaat,
            "archiefstatus": f.archiefstatus, "archiefnominatie": f.archiefnominatie,
        }  # fmt: skip
        for name, value in values.items():
            if getattr(zaak, name) != value:
                setattr(zaak, name, value)
        if change.team is not KEEP:
            key = change.team.sleutel if change.team is not None else ""
            if key not in teams:
                teams[key] = self._team_id(session, change.team)
            zaak.team_id = teams[key]
        if f.resultaat is None:
            zaak.resultaattype_url = None
        elif change.resultaattype is not KEEP:
            zaak.resultaattype_url = change.resultaattype
        zaak.bijgewerkt_op = utc.now()

    def _set_statussen(
        self, session: Session, zaak: Zaak, change: Change, rows: list[Status], statustypen: dict[str, Statustype], known: dict[str, Status]
    ) -> None:
        by_url = {s.url: s for s in rows}
        if change.statussen is not KEEP:
            wanted = {s.url for s in change.statussen}
            for url in list(by_url):
                if url not in wanted:
                    self._drop_status(session, rows, by_url.pop(url))
        for url in change.status_removed:
            if url in by_url:
                self._drop_status(session, rows, by_url.pop(url))
        for facts in self._statuses_of(change):
            row = by_url.get(facts.url)
            if row is None:
                # a status URL is unique: it may sit on another zaak's row only in a broken source
                row = known.get(facts.url)
                if row is not None and row.zaak_id != zaak.id:
                    continue
                if row is None:
                    row = Status(url=facts.url, zaak_id=zaak.id)  # stored with its derived values at the end (_store_new_statussen)
                    known[facts.url] = row
                rows.append(row)
                by_url[facts.url] = row
            row.statustype_id = statustypen[facts.statustype].id
            if row.datum_status_gezet is None or utc.aware(row.datum_status_gezet) != facts.datum_status_gezet:
                row.datum_status_gezet = facts.datum_status_gezet
            # a fetch that does not tell the registration (a later list) keeps the known one
            if facts.geregistreerd is not None and (row.geregistreerd is None or utc.aware(row.geregistreerd) != facts.geregistreerd):
                row.geregistreerd = facts.geregistreerd
            if facts.gezet_door is not None and row.gezet_door != facts.gezet_door:
                row.gezet_door = facts.gezet_door

    @staticmethod
    def _drop_status(session: Session, rows: list[Status], row: Status) -> None:
        rows.remove(row)
        _discard(session, row)

    @staticmethod
    def _store_new_statussen(session: Session, zaken: list[Zaak], statussen: dict[int, list[Status]]) -> None:
        """The batch's new statussen (not in the session: no id yet) of these zaken, in one
        statement with their derived values: as an ORM flush they were a multi-row INSERT ...
        RETURNING of thousands of parameters, converted anew every batch (~13% of a worker
        batch), and nothing reads their ids."""
        rows = [
            {"url": s.url, "zaak_id": s.zaak_id, "statustype_id": s.statustype_id, "datum_status_gezet": s.datum_status_gezet,
             "duur_seconden": s.duur_seconden, "boven_norm": s.boven_norm, "geregistreerd": s.geregistreerd,
             "naregistratie_seconden": s.naregistratie_seconden, "gezet_door": s.gezet_door}
            for zaak in zaken for s in statussen[zaak.id] if s.id is None
        ]  # fmt: skip
        insert_rows(session, Status.__table__, rows)

    def _set_opschortingen(self, session: Session, zaak: Zaak, change: Change, rows: list[Opschorting]) -> None:
        if change.opschortingen is not KEEP:
            wanted = [(p.begin, p.eind) for p in change.opschortingen]
            have = [(utc.aware(o.begin), utc.aware(o.eind) if o.eind else None) for o in rows]
            if wanted != have:
                for row in list(rows):
                    rows.remove(row)
                    _discard(session, row)
                for period in change.opschortingen:
                    row = Opschorting(zaak_id=zaak.id, begin=period.begin, eind=period.eind)
                    session.add(row)
                    rows.append(row)
            return
        # no audit trail: follow opschorting.indicatie as the messages show it
        assert change.zaak is not None, "_apply skips a change without a zaak"
        moment = change.moment or utc.now()
        open_rows = [o for o in rows if o.eind is None]
        if change.zaak.opgeschort and not open_rows:
            row = Opschorting(zaak_id=zaak.id, begin=moment, eind=None)
            session.add(row)
            rows.append(row)
        elif not change.zaak.opgeschort and open_rows:
            for row in open_rows:
                row.eind = max(moment, utc.aware(row.begin))

    # ------------------------------------------------------------ derived

    def _derive(
        self,
        session: Session,
        zaak: Zaak,
        statussen: list[Status],
        opschortingen: list[Opschorting],
        norms: dict[int, float],
        zaaktype_by_id: dict[int, Zaaktype],
    ) -> None:
        """`norms`: hours per statustype id (`_status_norms`, once for the whole batch)."""
        tz = self.tz
        ordered = sorted(statussen, key=lambda s: (utc.aware(s.datum_status_gezet), s.url))
        for current, following in zip(ordered, ordered[1:] + [None] if ordered else [], strict=True):
            if following is None:
                duur = None
            else:
                duur = max(0, int((utc.aware(following.datum_status_gezet) - utc.aware(current.datum_status_gezet)).total_seconds()))
            norm = norms.get(current.statustype_id)
            boven = None if duur is None or norm is None else duur > norm * 3600
            if current.duur_seconden != duur:
                current.duur_seconden = duur
            if current.boven_norm != boven:
                current.boven_norm = boven
            late = None
            if current.geregistreerd is not None:
                late = max(0, int((utc.aware(current.geregistreerd) - utc.aware(current.datum_status_gezet)).total_seconds()))
            if current.naregistratie_seconden != late:
                current.naregistratie_seconden = late
        current_status = next((s for s in ordered if s.url == zaak.status_url), ordered[-1] if ordered else None)
        zaak.statustype_id = current_status.statustype_id if current_status else None
        sinds = utc.aware(current_status.datum_status_gezet) if current_status else None
        if utc.aware(zaak.status_sinds) != sinds:
            zaak.status_sinds = sinds

        # opschorting: whole days, in the organisation's time zone; a closed zaak's open period
        # ends with it; days outside [startdatum, einddatum] do not count
        eind = zaak.einddatum
        ended_days = 0
        open_since = None
        for period in opschortingen:
            begin = max(local_day(period.begin, tz), zaak.startdatum)
            if period.eind is not None:
                end = local_day(period.eind, tz)
                if eind is not None:
                    end = min(end, eind)
            elif eind is not None:
                end = eind
            else:
                open_since = begin if open_since is None else min(open_since, begin)
                continue
            ended_days += max(0, (end - begin).days)
        zaak.opgeschorte_dagen = ended_days
        zaak.opgeschort_sinds = open_since

        zaaktype = zaaktype_by_id.get(zaak.zaaktype_id) or session.get(Zaaktype, zaak.zaaktype_id)
        extra = zaak.verlenging_dagen + ended_days
        base_sn = zaak.einddatum_gepland or deadline(zaak.startdatum, zaaktype.servicenorm if zaaktype else None)
        base_dl = zaak.uiterlijke_einddatum_afdoening or deadline(zaak.startdatum, zaaktype.doorlooptijd if zaaktype else None)
        zaak.deadline_servicenorm = base_sn + dt.timedelta(days=extra) if base_sn else None
        zaak.deadline_doorlooptijd = base_dl + dt.timedelta(days=extra) if base_dl else None
        if eind is None:
            zaak.doorlooptijd_bruto = zaak.doorlooptijd_netto = None
            zaak.op_tijd_servicenorm = zaak.op_tijd_doorlooptijd = None
        else:
            bruto = max(0, (eind - zaak.startdatum).days)
            zaak.doorlooptijd_bruto = bruto
            zaak.doorlooptijd_netto = max(0, bruto - ended_days)
            zaak.op_tijd_servicenorm = None if zaak.deadline_servicenorm is None else eind <= zaak.deadline_servicenorm
            zaak.op_tijd_doorlooptijd = None if zaak.deadline_doorlooptijd is None else eind <= zaak.deadline_doorlooptijd

    @staticmethod
    def _status_norms(session: Session, postgresql: bool, ids: set[int], statustypen: dict[str, Statustype]) -> dict[int, float]:
        """The doorlooptijd in hours of these statustypen (those with one): the batch's own rows,
        the others in one query."""
        known = {row.id: row for row in statustypen.values()}
        missing = ids - set(known)
        if missing:
            for row in session.scalars(select(Statustype).where(in_list(Statustype.id, postgresql, values=sorted(missing)))):
                known[row.id] = row
        norms = {}
        for statustype_id in ids:
            found = known.get(statustype_id)
            hours = duration_hours(found.doorlooptijd) if found is not None and found.doorlooptijd else None
            if hours:
                norms[statustype_id] = hours
        return norms


def _discard(session: Session, obj: Zaak | Status | Opschorting) -> None:
    """Delete a stored row; one of this batch not yet flushed (pending) or not yet stored (a new
    zaak or status, inserted at the end of the batch) is simply not stored."""
    state = instance_state(obj)
    if state.persistent:
        session.delete(obj)
    elif state.pending:
        session.expunge(obj)


def clear_read_models(session: Session) -> None:
    """Empty the facts and the counters (not the inbox, dimensions, medewerkers seen or
    milestones): the start of a rebuild. On PostgreSQL the tables are locked first, so intake
    waits rather than adding to counters that are being emptied."""
    from services.rapportage.medewerkers.models import Behandelaar
    from services.rapportage.tellers.models import Stand, Teller, Verdeling

    if is_postgresql(session):
        session.execute(
            text(
                "LOCK TABLE rpt_zaak, rpt_status, rpt_opschorting, rpt_behandelaar, rpt_teller, rpt_verdeling, rpt_stand IN EXCLUSIVE MODE"
            )
        )
    else:
        lock_zaken(session, [])
    for model in (Status, Opschorting, Behandelaar, Zaak, Teller, Verdeling):
        session.execute(delete(model))
    session.execute(delete(Stand).where(Stand.naam == "aantal_zaken"))


class ProjectsZaken:
    """What fetches zaken from the APIs and projects them into this service's tables: the intake
    (a notification at a time) and the maintenance (backfill, rebuild, check) work with the same
    database, fetcher, projector and settings."""

    def __init__(self, database: Database, fetcher: Fetcher, projector: Projector, settings: RapportageSettings):
        self.database = database
        self.fetcher = fetcher
        self.projector = projector
        self.settings = settings
