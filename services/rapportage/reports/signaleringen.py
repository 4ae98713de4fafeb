"""Signaleringen: where zaakgericht werken is not applied, or not well, per zaaktype and team,
and the deadlines that pass soon or have passed. Each signal is a population of zaken (or of
statussen) and the part of it that signals, both conditions over the read model, so a signal is
one grouped query for its numbers and one paged query for the zaken behind it. Its threshold is
a setting (RAPPORTAGE_SIGNAAL_*), its rule is stated with it."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_, select
from sqlalchemy.orm import aliased

from services.rapportage.periods import duration_hours, zone
from services.rapportage.settings import RapportageSettings
from services.rapportage.zaak.models import Status, Statustype, Zaak
from shared import utc
from shared.errors import NotFound
from shared.pagination import Page, fetch_page

if TYPE_CHECKING:  # the reports use the signaleringen
    from services.rapportage.reports.service import Filters, Reports

# signals the read model cannot compute (code, titel, reden): none at the moment
WEGGELATEN: list[dict] = []


@dataclass(frozen=True)
class Meting:
    """What a signal counts: `population` of rows (zaken, or statussen with their zaak where
    `statussen`), `hit` the part that signals; `per_team`: grouped by team as well."""

    population: Sequence[ColumnElement[bool]]
    hit: ColumnElement[bool]
    statussen: bool = False
    per_team: bool = True


@dataclass(frozen=True)
class Signaal:
    code: str
    titel: str
    # the rule, formatted with the settings
    regel: str
    # the share (percent) above which a group signals; None: any hit signals
    drempel: Callable[[RapportageSettings], float | None]
    meting: Callable[["Signaleringen"], Meting]


def _aantal_statussen() -> ColumnElement[int]:
    return select(func.count()).where(Status.zaak_id == Zaak.id).correlate(Zaak).scalar_subquery()


class Signaleringen:
    def __init__(self, reports: "Reports", filters: "Filters"):
        self.reports = reports
        self.settings = reports.settings
        self.today = reports.today
        self.filters = filters
        self.scope = reports.scope(filters)

    # ------------------------------------------------------------ conditions

    def _moment(self, day: dt.date) -> dt.datetime:
        """The start of a day in the organisation's time zone, in UTC."""
        return dt.datetime.combine(day, dt.time(), zone(self.settings.tijdzone)).astimezone(dt.UTC)

    def _days(self, column, van: dt.date | None, tot: dt.date | None) -> list[ColumnElement[bool]]:
        return ([column >= van] if van else []) + ([column <= tot] if tot else [])

    def _closed_in_period(self) -> list[ColumnElement[bool]]:
        return [Zaak.einddatum.is_not(None), *self._days(Zaak.einddatum, self.filters.van, self.filters.tot)]

    def zonder_tussenstatus(self) -> Meting:
        """Closed zaken with fewer than three statussen: a begin and an eind status, nothing between."""
        return Meting(self._closed_in_period(), _aantal_statussen() < 3)

    def zonder_behandelaar(self) -> Meting:
        """Zaken started in the period without a rol that makes a team (RAPPORTAGE_TEAM_ROLLEN):
        per zaaktype only, since such a zaak has no team."""
        return Meting(self._days(Zaak.startdatum, self.filters.van, self.filters.tot), Zaak.team_id == 0, per_team=False)

    def set_in_period(self) -> list[ColumnElement[bool]]:
        """Statussen whose datumStatusGezet lies in the period (days in the organisation's zone)."""
        f = self.filters
        return ([Status.datum_status_gezet >= self._moment(f.van)] if f.van else []) + (
            [Status.datum_status_gezet < self._moment(f.tot + dt.timedelta(days=1))] if f.tot else []
        )

    def naregistratie(self) -> Meting:
        """Statussen set in the period whose registration is known, registered more than
        RAPPORTAGE_SIGNAAL_NAREGISTRATIE_UREN after their datumStatusGezet."""
        hit = Status.naregistratie_seconden > int(self.settings.signaal_naregistratie_uren * 3600)
        return Meting([Status.geregistreerd.is_not(None), *self.set_in_period()], hit, statussen=True)

    def zonder_resultaat(self) -> Meting:
        return Meting(self._closed_in_period(), Zaak.resultaat_url.is_(None))

    def zonder_document(self) -> Meting:
        """Closed zaken without any zaakinformatieobject, of those whose number is known (not:
        projected before revision 0004 and not rebuilt since)."""
        population = [*self._closed_in_period(), Zaak.aantal_documenten.is_not(None)]
        return Meting(population, Zaak.aantal_documenten == 0)

    def stilstand(self) -> Meting:
        """Open zaken, not opgeschort, whose current statustype has a doorlooptijd: stuck when
        the status was set longer ago (at the start of today) than the factor times it. The
        statustypen are a small dimension: their norms become one cut-off moment each."""
        peil = self._moment(self.today)
        factor = self.settings.signaal_stilstand_factor
        cutoffs: dict[dt.datetime, list[int]] = defaultdict(list)
        for statustype_id, doorlooptijd in self.reports.session.execute(
            select(Statustype.id, Statustype.doorlooptijd).where(Statustype.doorlooptijd != "")
        ):
            hours = duration_hours(doorlooptijd)
            if hours:
                cutoffs[peil - dt.timedelta(hours=hours * factor)].append(statustype_id)
        ids = sorted(i for group in cutoffs.values() for i in group)
        population: list[ColumnElement[bool]] = [Zaak.einddatum.is_(None), Zaak.opgeschort_sinds.is_(None)]
        population.append(Zaak.statustype_id.in_(ids) if ids else false())
        hit = or_(false(), *(and_(Zaak.statustype_id.in_(group), Zaak.status_sinds < cutoff) for cutoff, group in cutoffs.items()))
        return Meting(population, hit)

    def _open_with_deadline(self) -> list[ColumnElement[bool]]:
        return [Zaak.einddatum.is_(None), Zaak.deadline_doorlooptijd.is_not(None)]

    def termijn_bijna(self) -> Meting:
        """Open zaken, not opgeschort (their clock stands still), whose uiterlijke einddatum
        (with verlenging and opschorting) is today or within the zaaktype's days."""
        per_zaaktype = self.settings.termijn_dagen_per_zaaktype
        zaaktypen = self.reports.zaaktypen.values()
        limits = []
        special: list[int] = []
        for identificatie, days in per_zaaktype.items():
            ids = [z.id for z in zaaktypen if z.identificatie == identificatie]
            special.extend(ids)
            if ids:
                limits.append(and_(Zaak.zaaktype_id.in_(ids), Zaak.deadline_doorlooptijd <= self.today + dt.timedelta(days=days)))
        default = self.today + dt.timedelta(days=self.settings.bijna_te_laat_dagen)
        limits.append(
            and_(Zaak.zaaktype_id.not_in(special), Zaak.deadline_doorlooptijd <= default)
            if special
            else Zaak.deadline_doorlooptijd <= default
        )
        hit = and_(Zaak.opgeschort_sinds.is_(None), Zaak.deadline_doorlooptijd >= self.today, or_(*limits))
        return Meting(self._open_with_deadline(), hit)

    def termijn_verstreken(self) -> Meting:
        """Open zaken past their uiterlijke einddatum; an opgeschorte one only if it was already
        late when suspended."""
        late = and_(
            Zaak.deadline_doorlooptijd < self.today,
            or_(Zaak.opgeschort_sinds.is_(None), Zaak.deadline_doorlooptijd < Zaak.opgeschort_sinds),
        )
        return Meting(self._open_with_deadline(), late)

    # ------------------------------------------------------------ queries

    def _scoped(self, query: Select, meting: Meting) -> Select:
        if meting.statussen:
            query = query.join(Zaak, Zaak.id == Status.zaak_id)
        conditions = list(meting.population)
        if self.scope.zaaktype_ids is not None:
            conditions.append(Zaak.zaaktype_id.in_(sorted(self.scope.zaaktype_ids)))
        if self.scope.team_ids is not None:
            conditions.append(Zaak.team_id.in_(sorted(self.scope.team_ids)))
        return query.where(*conditions)

    def _groups(self, signaal: Signaal, meting: Meting) -> dict:
        base = Status if meting.statussen else Zaak
        team = Zaak.team_id if meting.per_team else None
        columns = [Zaak.zaaktype_id, *([team] if team is not None else [])]
        query = self._scoped(
            select(*columns, func.count().label("totaal"), func.sum(case((meting.hit, 1), else_=0)).label("aantal")).select_from(base),
            meting,
        ).group_by(*columns)
        merged: dict[tuple[str, int | None], list[int]] = defaultdict(lambda: [0, 0])
        for row in self.reports.session.execute(query):
            key = (self.reports.groep_of(row.zaaktype_id), row.team_id if team is not None else None)
            merged[key][0] += int(row.aantal or 0)
            merged[key][1] += int(row.totaal)
        drempel = signaal.drempel(self.settings)
        groepen = []
        for (groep, team_id), (aantal, totaal) in merged.items():
            groepen.append(
                {
                    "zaaktype": self.reports.zaaktype_json(groep),
                    "team": None if team_id is None else self.reports.team_json(team_id),
                    **_measure(aantal, totaal, drempel),
                }
            )
        groepen.sort(key=lambda g: (g["zaaktype"]["omschrijving"].lower(), (g["team"] or {}).get("naam", "").lower()))
        aantal, totaal = sum(a for a, _ in merged.values()), sum(t for _, t in merged.values())
        return {
            "code": signaal.code,
            "titel": signaal.titel,
            "regel": signaal.regel.format(s=self.settings, termijn=_per_zaaktype(self.settings.termijn_dagen_per_zaaktype)),
            "drempelPercentage": drempel,
            **_measure(aantal, totaal, drempel),
            "groepen": groepen,
        }

    def overzicht(self) -> dict:
        return {
            "periode": self.filters.as_json(),
            "peildatum": self.today.isoformat(),
            "signaleringen": [self._groups(s, s.meting(self)) for s in SIGNALEN],
            "weggelaten": WEGGELATEN,
        }

    def zaken(self, code: str, page: Page) -> tuple[int, list[dict]]:
        """One page of the zaken behind a signal (for a status signal: the zaken with such a
        status), in the order of their URL."""
        signaal = BY_CODE.get(code)
        if signaal is None:
            raise NotFound("Onbekende signalering.")
        meting = signaal.meting(self)
        current = aliased(Statustype)
        query = (
            select(
                Zaak.url,
                Zaak.identificatie,
                Zaak.zaaktype_id,
                Zaak.team_id,
                Zaak.startdatum,
                Zaak.einddatum,
                Zaak.deadline_doorlooptijd,
                Zaak.status_sinds,
                current.omschrijving.label("status"),
            )
            .outerjoin(current, current.id == Zaak.statustype_id)
            .order_by(Zaak.url)
        )
        if meting.statussen:
            inner = self._scoped(select(Status.zaak_id).select_from(Status), meting).where(meting.hit)
            query = query.where(Zaak.id.in_(inner))
        else:
            query = self._scoped(query, meting).where(meting.hit)
        count, rows = fetch_page(self.reports.session, query, page, rows=True)
        return count, [
            {
                "url": row.url,
                "identificatie": row.identificatie,
                "zaaktype": self.reports.zaaktype_json(self.reports.groep_of(row.zaaktype_id)),
                "team": self.reports.team_json(row.team_id),
                "startdatum": row.startdatum.isoformat(),
                "einddatum": row.einddatum.isoformat() if row.einddatum else None,
                "uiterlijkeEinddatum": row.deadline_doorlooptijd.isoformat() if row.deadline_doorlooptijd else None,
                "status": row.status,
                "statusSinds": utc.iso(row.status_sinds) if row.status_sinds else None,
            }
            for row in rows
        ]


def _per_zaaktype(days: dict[str, int]) -> str:
    return "; per zaaktype: " + ", ".join(f"{k} {v} dagen" for k, v in sorted(days.items())) if days else ""


def _measure(aantal: int, totaal: int, drempel: float | None) -> dict:
    percentage = None if not totaal else round(100.0 * aantal / totaal, 1)
    signaal = aantal > 0 if drempel is None else percentage is not None and percentage > drempel
    return {"aantal": aantal, "totaal": totaal, "percentage": percentage, "signaal": signaal}


SIGNALEN = [
    Signaal(
        "zonder-tussenstatus",
        "Afgesloten zonder tussenstatus",
        "Van de zaken afgesloten in de periode het aandeel met minder dan drie statussen (alleen een begin- en een "
        "eindstatus: het werk is niet in het zaaksysteem gevolgd). Signaal boven {s.signaal_zonder_tussenstatus_percentage:g}%.",
        lambda s: s.signaal_zonder_tussenstatus_percentage,
        Signaleringen.zonder_tussenstatus,
    ),
    Signaal(
        "zonder-behandelaar",
        "Zonder behandelaar",
        "Van de zaken gestart in de periode het aandeel zonder rol {s.team_rollen} van een betrokkeneType uit "
        "{s.team_betrokkene_typen} (dus zonder team), per zaaktype. Signaal boven {s.signaal_zonder_behandelaar_percentage:g}%.",
        lambda s: s.signaal_zonder_behandelaar_percentage,
        Signaleringen.zonder_behandelaar,
    ),
    Signaal(
        "naregistratie",
        "Statussen achteraf geregistreerd",
        "Van de statussen gezet in de periode (datumStatusGezet) waarvan het registratiemoment bekend is, het aandeel "
        "dat meer dan {s.signaal_naregistratie_uren:g} uur na de datumStatusGezet is geregistreerd (achteraf bijwerken). "
        "Signaal boven {s.signaal_naregistratie_percentage:g}%.",
        lambda s: s.signaal_naregistratie_percentage,
        Signaleringen.naregistratie,
    ),
    Signaal(
        "zonder-resultaat",
        "Afgesloten zonder resultaat",
        "Van de zaken afgesloten in de periode het aandeel zonder resultaat. Signaal boven {s.signaal_zonder_resultaat_percentage:g}%.",
        lambda s: s.signaal_zonder_resultaat_percentage,
        Signaleringen.zonder_resultaat,
    ),
    Signaal(
        "zonder-document",
        "Afgesloten zonder document",
        "Van de zaken afgesloten in de periode het aandeel zonder enig zaakinformatieobject (het dossier is buiten "
        "het zaaksysteem gebleven). Signaal boven {s.signaal_zonder_document_percentage:g}%.",
        lambda s: s.signaal_zonder_document_percentage,
        Signaleringen.zonder_document,
    ),
    Signaal(
        "stilstand",
        "Stilstand in een status",
        "Van de open, niet opgeschorte zaken waarvan het huidige statustype een doorlooptijd heeft, het aandeel dat "
        "langer dan {s.signaal_stilstand_factor:g} keer die doorlooptijd in die status staat (bij het begin van de "
        "peildatum). Statustypen zonder doorlooptijd tellen niet mee. Signaal boven {s.signaal_stilstand_percentage:g}%.",
        lambda s: s.signaal_stilstand_percentage,
        Signaleringen.stilstand,
    ),
    Signaal(
        "termijn-bijna",
        "Uiterlijke einddatum nadert",
        "Open, niet opgeschorte zaken waarvan de uiterlijke einddatum (met verlenging en opschorting) vandaag is of "
        "binnen {s.bijna_te_laat_dagen} dagen valt{termijn}. Elke zaak is een signaal.",
        lambda s: None,
        Signaleringen.termijn_bijna,
    ),
    Signaal(
        "termijn-verstreken",
        "Uiterlijke einddatum verstreken",
        "Open zaken waarvan de uiterlijke einddatum (met verlenging en opschorting) voor vandaag ligt; een opgeschorte "
        "zaak alleen als die al te laat was bij het opschorten. Elke zaak is een signaal.",
        lambda s: None,
        Signaleringen.termijn_verstreken,
    ),
]
BY_CODE = {s.code: s for s in SIGNALEN}
