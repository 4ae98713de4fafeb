"""Milestones, recorded as they happen (once each, by `sleutel`):

- `aantal`: the 1,000th, 10,000th, ... zaak (`RAPPORTAGE_MIJLPALEN_AANTALLEN`), dated by the
  registratiedatum of that zaak (the Nth by registratiedatum);
- `gebruikers`: the 50th, 100th, ... medewerker acting in the system
  (`RAPPORTAGE_MIJLPALEN_GEBRUIKERS`; the medewerkers seen, `rpt_medewerker`), dated by the day
  that medewerker was first seen (the Nth by that moment);
- `eerste-zaak`: the first zaak of a zaaktype (its versions count as one), dated by its
  registratiedatum;
- `halvering`: a zaaktype whose median doorlooptijd (bruto, in days) of the zaken closed in a
  month is at most half that of the same month a year before (at least
  `RAPPORTAGE_MIJLPAAL_MINIMUM_ZAKEN` zaken in both), checked for each completed month;
- `gearchiveerd`: the first zaak that lands completely in the digital archive (`check_gearchiveerd`).
"""

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.rapportage.medewerkers.models import Medewerker
from services.rapportage.mijlpalen.models import Mijlpaal
from services.rapportage.periods import DAY_BINS, add_months, local_day, month_end, month_start, quantile
from services.rapportage.settings import RapportageSettings
from services.rapportage.tellers.models import ALL_TEAMS, Teller, Verdeling
from services.rapportage.tellers.repository import dialect_insert
from services.rapportage.zaak.models import Zaak, Zaaktype
from services.rapportage.zaak.projector import Applied
from shared import utc
from shared.db import in_list, is_postgresql

if TYPE_CHECKING:
    from services.rapportage.zaak.fetch import Fetcher

GEARCHIVEERD = "gearchiveerd"  # the sleutel and soort of the one milestone of its kind
MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")


def maand_naam(day: dt.date) -> str:
    return f"{MAANDEN[day.month - 1]} {day.year}"


def dutch_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def record(
    session: Session, *, sleutel: str, soort: str, titel: str, datum: dt.date, groep: str | None = None, waarde: int | None = None
) -> None:
    stmt = dialect_insert(session, Mijlpaal.__table__).values(
        sleutel=sleutel, soort=soort, titel=titel[:500], datum=datum, vastgesteld_op=utc.now(), zaaktype_groep=groep, waarde=waarde
    )
    session.execute(stmt.on_conflict_do_nothing(index_elements=["sleutel"]))


def zaaktype_naam(zaaktype: Zaaktype) -> str:
    return zaaktype.omschrijving or zaaktype.identificatie or zaaktype.url


def after_apply(session: Session, applied: Applied, settings: RapportageSettings, fetcher: "Fetcher | None" = None) -> None:
    """The milestones a projected batch may have reached (`fetcher`: to check the documents of a
    zaak that became gearchiveerd; FetchError when they cannot be read now)."""
    if fetcher is not None:
        check_gearchiveerd(session, applied, settings, fetcher)
    if applied.aantal_zaken is not None and applied.nieuwe_zaken:
        before = applied.aantal_zaken - (len(applied.nieuwe_zaken) - applied.verwijderd)
        for n in settings.mijlpalen_list:
            if before < n <= applied.aantal_zaken:
                day = session.scalar(select(Zaak.registratiedatum).order_by(Zaak.registratiedatum, Zaak.id).offset(n - 1).limit(1))
                record(
                    session,
                    sleutel=f"aantal:{n}",
                    soort="aantal",
                    titel=f"De {dutch_number(n)}e zaak",
                    datum=day or utc.today(),
                    waarde=n,
                )
    if applied.nieuwe_medewerkers:
        check_gebruikers(session, settings)
    # the zaaktypen of the new zaken and their first-zaak milestones, each in one query (a batch
    # of 500 events holds ~100 new zaken)
    nieuwe = [zaak for zaak in applied.nieuwe_zaken if zaak.id is not None and zaak in session]
    ids = sorted({zaak.zaaktype_id for zaak in nieuwe})
    postgresql = is_postgresql(session)
    zaaktypen = (
        {row.id: row for row in session.scalars(select(Zaaktype).where(in_list(Zaaktype.id, postgresql, values=ids)))} if ids else {}
    )
    groepen = {z.groep for z in zaaktypen.values() if z.opgehaald}
    sleutels = [f"eerste-zaak:{g}" for g in sorted(groepen)]
    recorded = (
        set(session.scalars(select(Mijlpaal.sleutel).where(in_list(Mijlpaal.sleutel, postgresql, values=sleutels)))) if groepen else set()
    )
    seen: set[str] = set()
    for zaak in nieuwe:
        zaaktype = zaaktypen.get(zaak.zaaktype_id)
        if zaaktype is None or not zaaktype.opgehaald or zaaktype.groep in seen:
            continue
        seen.add(zaaktype.groep)
        if f"eerste-zaak:{zaaktype.groep}" not in recorded:
            first = session.scalar(
                select(Zaak.registratiedatum)
                .join(Zaaktype, Zaaktype.id == Zaak.zaaktype_id)
                .where(Zaaktype.groep == zaaktype.groep)
                .order_by(Zaak.registratiedatum)
                .limit(1)
            )
            record(
                session,
                sleutel=f"eerste-zaak:{zaaktype.groep}",
                soort="eerste-zaak",
                titel=f"De eerste zaak van zaaktype {zaaktype_naam(zaaktype)}",
                datum=first or zaak.registratiedatum,
                groep=zaaktype.groep,
            )


def check_gearchiveerd(session: Session, applied: Applied, settings: RapportageSettings, fetcher: "Fetcher") -> bool:
    """Record `gearchiveerd`: the first zaak whose archiefstatus became `gearchiveerd` with all its
    documents in the archive (`Fetcher.dossier_gearchiveerd`: at least one zaakinformatieobject,
    every informatieobject readable from its Documenten API with status `gearchiveerd`). A zaak
    without documents does not count: a dossier that lands completely in the digital archive has
    something in it, and closing a zaak without any document is itself a signal
    (`zonder-document`). Checked when the projection sees a zaak turn gearchiveerd (in a backfill
    or rebuild: every new zaak that is), and only until the milestone is recorded: so the
    documents are read once per zaak archived until then, never on every message. Dated by the
    day of the message that showed the zaak archived (in a backfill: the day it was found).
    Returns whether it was recorded now."""
    if not applied.gearchiveerd or session.scalar(select(Mijlpaal.id).where(Mijlpaal.sleutel == GEARCHIVEERD)) is not None:
        return False
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    for zaak, moment in sorted(applied.gearchiveerd, key=lambda item: (item[1] or far, item[0].url)):
        if not fetcher.dossier_gearchiveerd(zaak.url):
            continue
        zaaktype = session.get(Zaaktype, zaak.zaaktype_id)
        naam = f"{zaak.identificatie or zaak.url} ({zaaktype_naam(zaaktype)})" if zaaktype else zaak.identificatie or zaak.url
        record(
            session,
            sleutel=GEARCHIVEERD,
            soort=GEARCHIVEERD,
            titel=f"De eerste zaak volledig in het digitale archief: {naam}",
            datum=local_day(moment or utc.now(), settings.tijdzone),
            groep=zaaktype.groep if zaaktype and zaaktype.opgehaald else None,
        )
        return True
    return False


def redate(session: Session) -> int:
    """The days of the `aantal` and `eerste-zaak` milestones again, from all the zaken known now.
    A backfill or rebuild projects zaken in the order a Zaken API lists them (ours: newest
    first), so when such a milestone was first seen older zaken may not have been there yet.
    Returns how many moved."""
    moved = 0
    for mijlpaal in session.scalars(select(Mijlpaal).where(Mijlpaal.soort.in_(("aantal", "eerste-zaak")))):
        if mijlpaal.soort == "aantal":
            day = session.scalar(
                select(Zaak.registratiedatum).order_by(Zaak.registratiedatum, Zaak.id).offset((mijlpaal.waarde or 1) - 1).limit(1)
            )
        else:
            day = session.scalar(
                select(func.min(Zaak.registratiedatum))
                .join(Zaaktype, Zaaktype.id == Zaak.zaaktype_id)
                .where(Zaaktype.groep == mijlpaal.zaaktype_groep)
            )
        if day is not None and day != mijlpaal.datum:
            mijlpaal.datum = day
            moved += 1
    return moved


def check_gebruikers(session: Session, settings: RapportageSettings) -> None:
    """Record each Nth-user milestone the number of medewerkers seen has reached and that is not
    recorded yet (not only those crossed by this batch: a concurrent batch may have counted
    without seeing ours)."""
    total = session.scalar(select(func.count()).select_from(Medewerker)) or 0
    reached = [n for n in settings.mijlpalen_gebruikers_list if 0 < n <= total]
    if not reached:
        return
    sleutels = [f"gebruikers:{n}" for n in reached]
    recorded = set(session.scalars(select(Mijlpaal.sleutel).where(in_list(Mijlpaal.sleutel, is_postgresql(session), values=sleutels))))
    for n in reached:
        if f"gebruikers:{n}" in recorded:
            continue
        query = select(Medewerker.eerst_gezien).order_by(Medewerker.eerst_gezien, Medewerker.id).offset(n - 1).limit(1)
        moment = session.scalar(query)
        record(
            session,
            sleutel=f"gebruikers:{n}",
            soort="gebruikers",
            titel=f"De {dutch_number(n)}e gebruiker van het zaaksysteem",
            datum=local_day(utc.aware(moment), settings.tijdzone) if moment else utc.today(),
            waarde=n,
        )


def _medianen(session: Session, month: dt.date, minimum: int) -> dict[str, tuple[float, int]]:
    """groep -> (median bruto doorlooptijd in days, number of zaken) of the zaken closed in `month`."""
    rows = session.execute(
        select(Zaaktype.groep, Verdeling.bins)
        .join(Zaaktype, Zaaktype.id == Verdeling.zaaktype_id)
        .where(
            Verdeling.soort == "doorlooptijd_bruto",
            Verdeling.niveau == "m",
            Verdeling.team_id == ALL_TEAMS,
            Verdeling.periode == month,
            Verdeling.aantal != 0,
        )
    )
    histograms: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for groep, bins in rows:
        histograms[groep].extend((DAY_BINS.value(int(index)), int(count)) for index, count in (bins or {}).items() if count)
    out: dict[str, tuple[float, int]] = {}
    for groep, histogram in histograms.items():
        count = sum(c for _, c in histogram)
        median = quantile(histogram, 0.5) if count >= max(1, minimum) else None
        if median is not None:  # None only for an empty histogram, which count >= 1 rules out
            out[groep] = (median, count)
    return out


def check_halvering(session: Session, settings: RapportageSettings, today: dt.date, months: list[dt.date] | None = None) -> int:
    """Record a `halvering` for each completed month (default: the last one) in which a zaaktype's
    median doorlooptijd halved against a year before; returns how many were new."""
    if months is None:
        months = [add_months(month_start(today), -1)]
    new = 0
    for month in months:
        if month_end(month) >= today:
            continue
        now = _medianen(session, month, settings.mijlpaal_minimum_zaken)
        if not now:
            continue
        before = _medianen(session, add_months(month, -12), settings.mijlpaal_minimum_zaken)
        for groep, (median, _) in sorted(now.items()):
            earlier = before.get(groep)
            if earlier is None or earlier[0] <= 0 or median > earlier[0] / 2:
                continue
            sleutel = f"halvering:{groep}:{month:%Y-%m}"
            if session.scalar(select(Mijlpaal.id).where(Mijlpaal.sleutel == sleutel)) is not None:
                continue
            zaaktype = session.scalar(select(Zaaktype).where(Zaaktype.groep == groep).order_by(Zaaktype.id.desc()).limit(1))
            naam = zaaktype_naam(zaaktype) if zaaktype else groep
            record(
                session,
                sleutel=sleutel,
                soort="halvering",
                titel=(
                    f"De doorlooptijd van {naam} is gehalveerd: mediaan {median:g} dagen in {maand_naam(month)}, "
                    f"{earlier[0]:g} dagen een jaar eerder"
                ),
                datum=month_end(month),
                groep=groep,
                waarde=round(median),
            )
            new += 1
    return new


def months_with_closures(session: Session) -> list[dt.date]:
    return list(
        session.scalars(
            select(Teller.periode)
            .where(Teller.soort == "afgesloten", Teller.niveau == "m", Teller.team_id == ALL_TEAMS, Teller.aantal != 0)
            .distinct()
            .order_by(Teller.periode)
        )
    )
