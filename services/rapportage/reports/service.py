"""The reports. Every number comes from the counters (sums over days and months) or from the
open zaken (the werkvoorraad now: a small part of the read model); none recomputes a zaak.

Filters: `van`/`tot` (inclusive days), `zaaktype` (identificatie or URL of any version; the
versions of a zaaktype count as one) and `team` (sleutel `<betrokkeneType>:<identificatie>`, the
identificatie alone, or `geen` for zaken without a team)."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.rapportage.inbox.models import WACHTEND, InboxEvent
from services.rapportage.mijlpalen.models import Mijlpaal
from services.rapportage.periods import (
    AGE_BUCKETS,
    DAY_BINS,
    HOUR_BINS,
    add_months,
    duration_days,
    duration_hours,
    iso_week,
    mean,
    month_end,
    month_start,
    quantile,
    week_start,
)
from services.rapportage.reports.maandrapport import Maandrapport
from services.rapportage.reports.medewerkers import per_medewerker
from services.rapportage.reports.signaleringen import Signaleringen
from services.rapportage.settings import RapportageSettings
from services.rapportage.tellers.repository import Scope, distributions, sums, totals
from services.rapportage.zaak.models import Status, Statustype, Team, Zaak, Zaaktype
from shared import utc
from shared.errors import NotFound, ValidationProblem
from shared.pagination import Page

GEEN_TEAM = {"sleutel": "", "naam": "Geen team", "betrokkeneType": "", "identificatie": ""}


@dataclass
class Filters:
    van: dt.date | None = None
    tot: dt.date | None = None
    zaaktype: list[str] = field(default_factory=list)
    team: list[str] = field(default_factory=list)

    def check(self) -> "Filters":
        if self.van and self.tot and self.van > self.tot:
            raise ValidationProblem.field("van", "invalid", "`van` ligt na `tot`.")
        return self

    def as_json(self) -> dict:
        return {
            "van": self.van.isoformat() if self.van else None,
            "tot": self.tot.isoformat() if self.tot else None,
            "zaaktype": self.zaaktype,
            "team": self.team,
        }


def _pct(part: int, whole: int) -> float | None:
    return None if not whole else round(100.0 * part / whole, 1)


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


class Reports:
    def __init__(self, session: Session, settings: RapportageSettings, today: dt.date):
        self.session = session
        self.settings = settings
        self.today = today
        self._zaaktypen: dict[int, Zaaktype] | None = None
        self._teams: dict[int, Team] | None = None

    # ------------------------------------------------------------ dimensions and scope

    @property
    def zaaktypen(self) -> dict[int, Zaaktype]:
        if self._zaaktypen is None:
            self._zaaktypen = {z.id: z for z in self.session.scalars(select(Zaaktype))}
        return self._zaaktypen

    @property
    def teams(self) -> dict[int, Team]:
        if self._teams is None:
            self._teams = {t.id: t for t in self.session.scalars(select(Team))}
        return self._teams

    def scope(self, filters: Filters) -> Scope:
        zaaktype_ids = None
        if filters.zaaktype:
            groepen = set()
            for value in filters.zaaktype:
                for z in self.zaaktypen.values():
                    if value in (z.url, z.identificatie, z.groep):
                        groepen.add(z.groep)
            zaaktype_ids = frozenset(z.id for z in self.zaaktypen.values() if z.groep in groepen)
        team_ids = None
        if filters.team:
            wanted = set(filters.team)
            team_ids = frozenset(t.id for t in self.teams.values() if t.sleutel in wanted or t.identificatie in wanted)
            if "geen" in wanted:
                team_ids |= {0}
        return Scope(zaaktype_ids, team_ids)

    def groep_of(self, zaaktype_id: int) -> str:
        z = self.zaaktypen.get(zaaktype_id)
        return z.groep if z else ""

    def zaaktype_json(self, groep: str) -> dict:
        """The newest version of a zaaktype (by beginGeldigheid): how reports name it."""
        versions = [z for z in self.zaaktypen.values() if z.groep == groep]
        if not versions:
            return {"identificatie": "", "omschrijving": "", "url": ""}
        newest = max(versions, key=lambda z: (z.begin_geldigheid or dt.date.min, z.id))
        return {
            "identificatie": newest.identificatie,
            "omschrijving": newest.omschrijving or newest.identificatie or newest.url,
            "url": newest.url,
        }

    def newest_zaaktype(self, groep: str) -> Zaaktype | None:
        versions = [z for z in self.zaaktypen.values() if z.groep == groep]
        return max(versions, key=lambda z: (z.begin_geldigheid or dt.date.min, z.id)) if versions else None

    def team_json(self, team_id: int) -> dict:
        team = self.teams.get(team_id)
        if team is None:
            return dict(GEEN_TEAM)
        return {"sleutel": team.sleutel, "naam": team.naam, "betrokkeneType": team.betrokkene_type, "identificatie": team.identificatie}

    def _default_months(self, filters: Filters, months: int = 12) -> tuple[dt.date, dt.date]:
        tot = filters.tot or self.today
        van = filters.van or add_months(month_start(tot), -(months - 1))
        return van, tot

    # ------------------------------------------------------------ kerncijfers

    def kerncijfers(self, filters: Filters) -> dict:
        scope = self.scope(filters)
        t = totals(
            self.session,
            ["gestart", "afgesloten", "status", "termijn_beoordeeld", "termijn_op_tijd", "servicenorm_beoordeeld", "servicenorm_op_tijd"],
            filters.van,
            filters.tot,
            scope,
        )
        events = totals(self.session, ["event"], filters.van, filters.tot, Scope(scope.zaaktype_ids, None))["event"]
        on = min(filters.tot or self.today, self.today)
        histogram = self._histogram("doorlooptijd_bruto", filters, scope)
        wachtend = self.session.scalar(select(func.count()).select_from(InboxEvent).where(InboxEvent.status == WACHTEND)) or 0
        return {
            "periode": filters.as_json(),
            "aantalZaken": t["gestart"],
            "aantalOpen": self.werkvoorraad_total(on, scope),
            "aantalAfgesloten": t["afgesloten"],
            "aantalStatussen": t["status"],
            "aantalEvents": events,
            "aantalEventsWachtend": wachtend,
            "mediaanDoorlooptijdDagen": _round(quantile(histogram, 0.5)),
            "percentageOpTijd": _pct(t["termijn_op_tijd"], t["termijn_beoordeeld"]),
            "percentageBinnenServicenorm": _pct(t["servicenorm_op_tijd"], t["servicenorm_beoordeeld"]),
        }

    def _histogram(self, soort: str, filters: Filters, scope: Scope) -> list[tuple[float, int]]:
        """A distribution over the whole months of the period (they are kept per month)."""
        bins = HOUR_BINS if soort == "statusduur" else DAY_BINS
        histogram = distributions(self.session, [soort], filters.van, filters.tot, scope, ("soort",)).get((soort,), Counter())
        return [(bins.value(index), count) for index, count in histogram.items()]

    # ------------------------------------------------------------ instroom / uitstroom

    def instroom_uitstroom(self, filters: Filters, interval: str) -> dict:
        scope = self.scope(filters)
        if interval == "week":
            tot = filters.tot or self.today
            van = filters.van or week_start(tot) - dt.timedelta(weeks=12)
            bucket = week_start
        else:
            van, tot = self._default_months(filters)
            bucket = month_start
        rows = sums(
            self.session,
            ["gestart", "afgesloten"],
            van,
            tot,
            scope,
            ("periode", "soort"),
            month_periode=interval != "week",
            days=interval == "week",
        )
        counts: dict[dt.date, Counter] = defaultdict(Counter)
        for periode, soort, aantal in rows:
            counts[bucket(periode)][soort] += int(aantal)
        reeks = []
        start = bucket(van)
        while start <= tot:
            if interval == "week":
                end, label = start + dt.timedelta(days=6), iso_week(start)
            else:
                end, label = month_end(start), f"{start:%Y-%m}"
            c = counts.get(start, Counter())
            reeks.append(
                {
                    "periode": label,
                    "van": max(start, van).isoformat(),
                    "tot": min(end, tot).isoformat(),
                    "instroom": c["gestart"],
                    "uitstroom": c["afgesloten"],
                    "saldo": c["gestart"] - c["afgesloten"],
                }
            )
            start = end + dt.timedelta(days=1)
        return {"periode": {**filters.as_json(), "van": van.isoformat(), "tot": tot.isoformat()}, "interval": interval, "reeks": reeks}

    # ------------------------------------------------------------ werkvoorraad

    def werkvoorraad_total(self, datum: dt.date, scope: Scope) -> int:
        return sum(int(row[-1]) for row in sums(self.session, ["werkvoorraad"], None, datum, scope, ("soort",)))

    def werkvoorraad(self, filters: Filters, datum: dt.date | None) -> dict:
        datum = datum or self.today
        scope = self.scope(filters)
        rows = sums(self.session, ["werkvoorraad"], None, datum, scope, ("zaaktype_id", "waarde"))
        per_bucket: Counter = Counter()
        per_groep: dict[str, Counter] = defaultdict(Counter)
        for zaaktype_id, waarde, aantal in rows:
            per_bucket[waarde] += int(aantal)
            per_groep[self.groep_of(zaaktype_id)][waarde] += int(aantal)
        leeftijden = [
            {"leeftijd": label, "vanDagen": lower, "totDagen": None if upper is None else upper - 1, "aantal": per_bucket[i]}
            for i, (label, lower, upper) in enumerate(AGE_BUCKETS)
        ]
        per_zaaktype = [
            {"zaaktype": self.zaaktype_json(groep), "aantal": sum(c.values()), "leeftijden": [c[i] for i in range(len(AGE_BUCKETS))]}
            for groep, c in sorted(per_groep.items(), key=lambda item: -sum(item[1].values()))
            if sum(c.values())
        ]
        return {
            "datum": datum.isoformat(),
            "filters": filters.as_json(),
            "aantal": sum(per_bucket.values()),
            "leeftijden": leeftijden,
            "perZaaktype": per_zaaktype,
        }

    def werkvoorraad_trend(self, filters: Filters) -> dict:
        """The werkvoorraad at the end of each month (today for the current month)."""
        scope = self.scope(filters)
        van, tot = self._default_months(filters)
        tot = min(tot, self.today)
        points = []
        month = month_start(van)
        while month <= tot:
            points.append(min(month_end(month), tot))
            month = add_months(month, 1)
        reeks = []
        running = 0
        previous: dt.date | None = None
        for point in points:
            start = None if previous is None else previous + dt.timedelta(days=1)
            running += sum(int(r[-1]) for r in sums(self.session, ["werkvoorraad"], start, point, scope, ("soort",)))
            reeks.append({"periode": f"{point:%Y-%m}", "datum": point.isoformat(), "aantal": running})
            previous = point
        return {"periode": {**filters.as_json(), "van": van.isoformat(), "tot": tot.isoformat()}, "reeks": reeks}

    # ------------------------------------------------------------ doorlooptijden

    def doorlooptijden(self, filters: Filters) -> dict:
        scope = self.scope(filters)
        soorten = ["termijn_beoordeeld", "termijn_op_tijd", "servicenorm_beoordeeld", "servicenorm_op_tijd"]
        rows = sums(self.session, soorten, filters.van, filters.tot, scope, ("zaaktype_id", "soort"), finest="m")
        hist: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        counts: dict[str, Counter] = defaultdict(Counter)
        for zaaktype_id, soort, aantal in rows:
            counts[self.groep_of(zaaktype_id)][soort] += int(aantal)
        verdelingen = distributions(
            self.session, ["doorlooptijd_bruto", "doorlooptijd_netto"], filters.van, filters.tot, scope, ("zaaktype_id", "soort")
        )
        for (zaaktype_id, soort), histogram in verdelingen.items():
            hist[self.groep_of(zaaktype_id)][soort].extend((DAY_BINS.value(index), count) for index, count in histogram.items())
        open_counts = self._open_deadlines(scope)
        groepen = sorted(set(hist) | set(counts) | set(open_counts), key=lambda g: self.zaaktype_json(g)["omschrijving"].lower())
        result = []
        for groep in groepen:
            newest = self.newest_zaaktype(groep)
            bruto, netto, c, o = (
                hist[groep]["doorlooptijd_bruto"],
                hist[groep]["doorlooptijd_netto"],
                counts[groep],
                open_counts.get(groep, Counter()),
            )
            result.append(
                {
                    "zaaktype": self.zaaktype_json(groep),
                    "aantalAfgesloten": sum(n for _, n in bruto),
                    "bruto": self._stats(bruto),
                    "netto": self._stats(netto),
                    "servicenorm": (newest.servicenorm or None) if newest else None,
                    "servicenormDagen": duration_days(newest.servicenorm) if newest else None,
                    "doorlooptijd": (newest.doorlooptijd or None) if newest else None,
                    "doorlooptijdDagen": duration_days(newest.doorlooptijd) if newest else None,
                    "percentageBinnenServicenorm": _pct(c["servicenorm_op_tijd"], c["servicenorm_beoordeeld"]),
                    "percentageOpTijd": _pct(c["termijn_op_tijd"], c["termijn_beoordeeld"]),
                    "aantalOpen": o["open"],
                    "aantalTeLaat": o["te_laat"],
                    "aantalBijnaTeLaat": o["bijna"],
                    "aantalTeLaatServicenorm": o["te_laat_sn"],
                    "aantalBijnaTeLaatServicenorm": o["bijna_sn"],
                }
            )
        return {
            "periode": filters.as_json(),
            "bijnaTeLaatDagen": self.settings.bijna_te_laat_dagen,
            "peildatum": self.today.isoformat(),
            "zaaktypen": result,
        }

    @staticmethod
    def _stats(histogram: list[tuple[float, int]]) -> dict:
        return {
            "mediaan": _round(quantile(histogram, 0.5)),
            "p90": _round(quantile(histogram, 0.9)),
            "gemiddelde": _round(mean(histogram)),
        }

    def _open_deadlines(self, scope: Scope) -> dict[str, Counter]:
        """Per zaaktype groep, of the open zaken now: how many, how many past their doorlooptijd
        (`te_laat`) or servicenorm deadline, and how many reach it within the configured days
        (counters `in_status`, `open_termijn`, `open_servicenorm`: an opgeschorte zaak's clock
        stands still, so it is late only if it already was when suspended, and never "almost")."""
        today = self.today
        yesterday, soon = today - dt.timedelta(days=1), today + dt.timedelta(days=self.settings.bijna_te_laat_dagen)
        out: dict[str, Counter] = defaultdict(Counter)
        for zaaktype_id, aantal in sums(self.session, ["in_status"], None, None, scope, ("zaaktype_id",)):
            out[self.groep_of(zaaktype_id)]["open"] += int(aantal)
        for soort, late, almost in (("open_termijn", "te_laat", "bijna"), ("open_servicenorm", "te_laat_sn", "bijna_sn")):
            for zaaktype_id, aantal in sums(self.session, [soort], None, yesterday, scope, ("zaaktype_id",)):
                out[self.groep_of(zaaktype_id)][late] += int(aantal)
            for zaaktype_id, aantal in sums(self.session, [soort], today, soon, scope, ("zaaktype_id",)):
                out[self.groep_of(zaaktype_id)][almost] += int(aantal)
        return out

    def doorlooptijd_trend(self, filters: Filters) -> dict:
        scope = self.scope(filters)
        van, tot = self._default_months(filters)
        verdelingen = distributions(
            self.session, ["doorlooptijd_bruto", "doorlooptijd_netto"], van, tot, scope, ("periode", "soort"), month_periode=True
        )
        hist: dict[dt.date, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for (periode, soort), histogram in verdelingen.items():
            hist[month_start(periode)][soort].extend((DAY_BINS.value(index), count) for index, count in histogram.items())
        reeks = []
        month = month_start(van)
        while month <= tot:
            b, n = hist[month]["doorlooptijd_bruto"], hist[month]["doorlooptijd_netto"]
            reeks.append(
                {
                    "periode": f"{month:%Y-%m}",
                    "aantalAfgesloten": sum(c for _, c in b),
                    "mediaanBruto": _round(quantile(b, 0.5)),
                    "mediaanNetto": _round(quantile(n, 0.5)),
                    "p90Bruto": _round(quantile(b, 0.9)),
                }
            )
            month = add_months(month, 1)
        return {"periode": {**filters.as_json(), "van": van.isoformat(), "tot": tot.isoformat()}, "reeks": reeks}

    # ------------------------------------------------------------ statusduur

    def statusduur(self, filters: Filters) -> dict:
        scope = self.scope(filters)
        rows = sums(
            self.session,
            ["statusduur_beoordeeld", "statusduur_boven_norm"],
            filters.van,
            filters.tot,
            scope,
            ("zaaktype_id", "statustype_id", "soort"),
            finest="m",
        )
        verdelingen = distributions(self.session, ["statusduur"], filters.van, filters.tot, scope, ("zaaktype_id", "statustype_id"))
        statustypen = {s.id: s for s in self.session.scalars(select(Statustype))}

        def key(zaaktype_id: int, statustype_id: int) -> tuple[str, int, str]:
            st = statustypen.get(statustype_id)
            return (self.groep_of(zaaktype_id), st.volgnummer if st else 0, (st.omschrijving or st.url) if st else "")

        hist: dict[tuple, list] = defaultdict(list)
        counts: dict[tuple, Counter] = defaultdict(Counter)
        norm: dict[tuple, str] = {}
        for zaaktype_id, statustype_id, soort, aantal in rows:
            counts[key(zaaktype_id, statustype_id)][soort] += int(aantal)
        for (zaaktype_id, statustype_id), histogram in verdelingen.items():
            k = key(zaaktype_id, statustype_id)
            hist[k].extend((HOUR_BINS.value(index), count) for index, count in histogram.items())
            st = statustypen.get(statustype_id)
            if st is not None and st.doorlooptijd:
                norm[k] = st.doorlooptijd
        nu: Counter = Counter()
        for zaaktype_id, statustype_id, n in sums(self.session, ["in_status"], None, None, scope, ("zaaktype_id", "statustype_id")):
            if not statustype_id:
                continue
            k = key(zaaktype_id, statustype_id)
            nu[k] += int(n)
            st = statustypen.get(statustype_id)
            if st is not None and st.doorlooptijd:
                norm.setdefault(k, st.doorlooptijd)
        per_groep: dict[str, list] = defaultdict(list)
        for k in sorted(set(hist) | set(counts) | set(nu), key=lambda k: (k[1], k[2])):
            h = hist.get(k, [])
            mediaan = quantile(h, 0.5)
            beoordeeld = counts[k]["statusduur_beoordeeld"]
            per_groep[k[0]].append(
                {
                    "volgnummer": k[1],
                    "omschrijving": k[2],
                    "aantal": sum(c for _, c in h),
                    "mediaanUren": _round(mediaan),
                    "p90Uren": _round(quantile(h, 0.9)),
                    "gemiddeldeUren": _round(mean(h)),
                    "mediaanDagen": _round(None if mediaan is None else mediaan / 24),
                    "norm": norm.get(k),
                    "normUren": _round(duration_hours(norm.get(k))) if norm.get(k) else None,
                    "aantalBovenNorm": counts[k]["statusduur_boven_norm"],
                    "percentageBovenNorm": _pct(counts[k]["statusduur_boven_norm"], beoordeeld),
                    "aantalNuInStatus": nu[k],
                }
            )
        result = [
            {"zaaktype": self.zaaktype_json(groep), "statustypen": items}
            for groep, items in sorted(per_groep.items(), key=lambda item: self.zaaktype_json(item[0])["omschrijving"].lower())
        ]
        return {"periode": filters.as_json(), "zaaktypen": result}

    # ------------------------------------------------------------ gebruik and kampioen

    def _per_team_month(self, filters: Filters, soorten: list[str]) -> tuple[dt.date, dt.date, dict[tuple[int, dt.date], Counter]]:
        scope = self.scope(filters)
        van, tot = self._default_months(filters)
        rows = sums(self.session, soorten, van, tot, scope, ("team_id", "periode", "soort"), month_periode=True)
        data: dict[tuple[int, dt.date], Counter] = defaultdict(Counter)
        for team_id, periode, soort, aantal in rows:
            data[(team_id, month_start(periode))][soort] += int(aantal)
        return van, tot, data

    def gebruik(self, filters: Filters) -> dict:
        van, tot, data = self._per_team_month(filters, ["gestart", "status", "afgesloten"])
        months = []
        month = month_start(van)
        while month <= tot:
            months.append(month)
            month = add_months(month, 1)
        teams = []
        for team_id in sorted({t for t, _ in data}, key=lambda t: self.team_json(t)["naam"].lower()):
            rows = []
            total: Counter = Counter()
            for month in months:
                c = data.get((team_id, month), Counter())
                total.update(c)
                rows.append(
                    {
                        "maand": f"{month:%Y-%m}",
                        "zakenGestart": c["gestart"],
                        "statussenGezet": c["status"],
                        "zakenAfgesloten": c["afgesloten"],
                    }
                )
            teams.append(
                {
                    "team": self.team_json(team_id),
                    "maanden": rows,
                    "totaal": {"zakenGestart": total["gestart"], "statussenGezet": total["status"], "zakenAfgesloten": total["afgesloten"]},
                }
            )
        return {
            "periode": {**filters.as_json(), "van": van.isoformat(), "tot": tot.isoformat()},
            "maanden": [f"{m:%Y-%m}" for m in months],
            "teams": teams,
        }

    REGEL = (
        "De Zaakgericht Werken Kampioen van een maand is het team met het hoogste percentage zaken dat binnen de "
        "doorlooptijd van het zaaktype is afgehandeld, onder de teams die die maand minstens {minimum} zaken hebben "
        "afgesloten. Bij gelijke stand wint het team met de meeste afgesloten zaken, dan het team dat de meeste "
        "statussen heeft gezet, dan de naam in alfabetische volgorde. Zaken zonder team doen niet mee."
    )

    def regel(self) -> str:
        return self.REGEL.format(minimum=self.settings.kampioen_minimum)

    def kampioen(self, filters: Filters) -> dict:
        van, tot, data = self._per_team_month(filters, ["termijn_beoordeeld", "termijn_op_tijd", "afgesloten", "status"])
        maanden = []
        month = month_start(van)
        while month <= tot:
            candidates = []
            for (team_id, m), c in data.items():
                if m != month or team_id == 0 or c["afgesloten"] < max(1, self.settings.kampioen_minimum) or not c["termijn_beoordeeld"]:
                    continue
                share = c["termijn_op_tijd"] / c["termijn_beoordeeld"]
                naam = self.team_json(team_id)["naam"]
                candidates.append(((-share, -c["afgesloten"], -c["status"], naam.lower()), team_id, c))
            candidates.sort(key=lambda item: item[0])
            winner = None
            if candidates:
                _, team_id, c = candidates[0]
                winner = {
                    "team": self.team_json(team_id),
                    "percentageOpTijd": _pct(c["termijn_op_tijd"], c["termijn_beoordeeld"]),
                    "zakenAfgesloten": c["afgesloten"],
                    "statussenGezet": c["status"],
                }
            maanden.append(
                {
                    "maand": f"{month:%Y-%m}",
                    "kampioen": winner,
                    "aantalKandidaten": len(candidates),
                    "afgerond": month_end(month) < self.today,
                }
            )
            month = add_months(month, 1)
        return {"periode": {**filters.as_json(), "van": van.isoformat(), "tot": tot.isoformat()}, "regel": self.regel(), "maanden": maanden}

    # ------------------------------------------------------------ signaleringen

    def signaleringen(self, filters: Filters) -> dict:
        return Signaleringen(self, filters).overzicht()

    def signalering_zaken(self, code: str, filters: Filters, page: Page) -> tuple[int, list[dict]]:
        return Signaleringen(self, filters).zaken(code, page)

    # ------------------------------------------------------------ the monthly report

    def maandrapport(self, maand: dt.date, filters: Filters) -> dict:
        return Maandrapport(self, maand, filters).build()

    # ------------------------------------------------------------ per medewerker

    def medewerkers(self, filters: Filters) -> dict:
        return per_medewerker(self, filters)

    # ------------------------------------------------------------ mijlpalen and tijdlijn

    def mijlpalen(self, filters: Filters) -> dict:
        query = select(Mijlpaal).order_by(Mijlpaal.datum.desc(), Mijlpaal.id.desc())
        if filters.van:
            query = query.where(Mijlpaal.datum >= filters.van)
        if filters.tot:
            query = query.where(Mijlpaal.datum <= filters.tot)
        if filters.zaaktype:
            scope = self.scope(filters)
            groepen = {self.groep_of(i) for i in scope.zaaktype_ids or ()}
            query = query.where(Mijlpaal.zaaktype_groep.in_(sorted(groepen)))
        items = [
            {
                "soort": m.soort,
                "titel": m.titel,
                "datum": m.datum.isoformat(),
                "zaaktype": self.zaaktype_json(m.zaaktype_groep) if m.zaaktype_groep else None,
                "waarde": m.waarde,
            }
            for m in self.session.scalars(query)
        ]
        return {"periode": filters.as_json(), "mijlpalen": items}

    def tijdlijn(self, zaak_uuid: str) -> dict:
        zaak = self.session.scalar(select(Zaak).where(Zaak.uuid == zaak_uuid).order_by(Zaak.id).limit(1))
        if zaak is None:
            raise NotFound("Geen zaak gevonden met deze uuid.")
        rows = self.session.execute(
            select(Status, Statustype)
            .join(Statustype, Statustype.id == Status.statustype_id)
            .where(Status.zaak_id == zaak.id)
            .order_by(Status.datum_status_gezet, Status.url)
        ).all()
        zaaktype = self.zaaktypen.get(zaak.zaaktype_id)
        statussen = [
            {
                "datumStatusGezet": utc.iso(status.datum_status_gezet),
                "statustype": statustype.url,
                "volgnummer": statustype.volgnummer,
                "omschrijving": statustype.omschrijving,
                "statustekst": statustype.statustekst,
                "huidig": status.url == zaak.status_url,
            }
            for status, statustype in rows
            if statustype.informeren
        ]
        return {
            "zaak": zaak.url,
            "identificatie": zaak.identificatie,
            "zaaktype": {"omschrijving": zaaktype.omschrijving if zaaktype else "", "url": zaaktype.url if zaaktype else ""},
            "startdatum": zaak.startdatum.isoformat(),
            "einddatumGepland": zaak.einddatum_gepland.isoformat() if zaak.einddatum_gepland else None,
            "uiterlijkeEinddatumAfdoening": zaak.uiterlijke_einddatum_afdoening.isoformat()
            if zaak.uiterlijke_einddatum_afdoening
            else None,
            "einddatum": zaak.einddatum.isoformat() if zaak.einddatum else None,
            "opgeschort": zaak.opgeschort_sinds is not None,
            "statussen": statussen,
        }

    # ------------------------------------------------------------ lists for the filters

    def zaaktypen_lijst(self) -> list[dict]:
        groepen = sorted({z.groep for z in self.zaaktypen.values()}, key=lambda g: self.zaaktype_json(g)["omschrijving"].lower())
        return [self.zaaktype_json(g) for g in groepen]

    def teams_lijst(self) -> list[dict]:
        return [self.team_json(t) for t in sorted(self.teams, key=lambda t: self.teams[t].naam.lower())]
