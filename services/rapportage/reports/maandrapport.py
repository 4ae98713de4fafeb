"""The monthly report for the management meeting: for one calendar month, for all teams and per
team, the kerncijfers against the month before (the difference, its direction, and whether that
is better or worse), the doorlooptijd per zaaktype against its norm, the werkvoorraad at the
month's end by age, the signaleringen of the month; with the month's champion and the
milestones reached in it. Every number is one of the other reports' over that month."""

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from services.rapportage.periods import add_months, month_end, month_start
from services.rapportage.tellers.repository import sums
from shared.errors import ValidationProblem

if TYPE_CHECKING:  # the reports hold the monthly report
    from services.rapportage.reports.service import Filters, Reports

GEEN = "geen"  # the team filter of the zaken without a team
MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
EARLIEST_YEAR = 1900


@dataclass(frozen=True)
class Kerncijfer:
    code: str
    titel: str
    # +1: higher is better, -1: lower is better, 0: neither (e.g. zaken started)
    beter: int


KERNCIJFERS = (
    Kerncijfer("aantalZaken", "Zaken gestart", 0),
    Kerncijfer("aantalAfgesloten", "Zaken afgesloten", 1),
    Kerncijfer("aantalOpen", "Open aan het eind van de maand (werkvoorraad)", -1),
    Kerncijfer("aantalStatussen", "Statussen gezet", 0),
    Kerncijfer("mediaanDoorlooptijdDagen", "Mediane doorlooptijd (dagen)", -1),
    Kerncijfer("percentageOpTijd", "Binnen de doorlooptijd (norm) afgehandeld (%)", 1),
    Kerncijfer("percentageBinnenServicenorm", "Binnen de servicenorm afgehandeld (%)", 1),
)


def parse_maand(value: str | None, today: dt.date) -> dt.date:
    """`JJJJ-MM` -> its first day; empty: the last completed month. 400 `invalid` on `maand` for
    anything else, or a month that has not begun."""
    if not value:
        return add_months(month_start(today), -1)
    match = MONTH.fullmatch(value)
    if match is None:
        raise ValidationProblem.field("maand", "invalid", "Ongeldige maand, verwacht JJJJ-MM.")
    first = dt.date(int(match.group(1)), int(match.group(2)), 1)
    if first.year < EARLIEST_YEAR or first > today:
        raise ValidationProblem.field("maand", "invalid", f"De maand ligt voor {EARLIEST_YEAR} of is nog niet begonnen.")
    return first


def trend(kerncijfer: Kerncijfer, waarde, vorige) -> dict:
    """The difference with the month before, its direction, and whether it is an improvement."""
    if waarde is None or vorige is None:
        verschil, richting, beoordeling = None, None, None
    else:
        verschil = round(waarde - vorige, 1) if isinstance(waarde, float) or isinstance(vorige, float) else waarde - vorige
        richting = "hoger" if verschil > 0 else "lager" if verschil < 0 else "gelijk"
        if not kerncijfer.beter:
            beoordeling = None
        elif verschil == 0:
            beoordeling = "gelijk"
        else:
            beoordeling = "beter" if (verschil > 0) == (kerncijfer.beter > 0) else "slechter"
    return {
        "code": kerncijfer.code,
        "titel": kerncijfer.titel,
        "waarde": waarde,
        "vorigeMaand": vorige,
        "verschil": verschil,
        "richting": richting,
        "beoordeling": beoordeling,
    }


class Maandrapport:
    def __init__(self, reports: "Reports", maand: dt.date, filters: "Filters"):
        self.reports = reports
        self.maand = month_start(maand)
        self.filters = filters

    def _filters(self, month: dt.date, team: list[str]) -> "Filters":
        return dataclasses.replace(self.filters, van=month, tot=month_end(month), team=team)

    def _teams(self) -> list[str]:
        """The team filters of the per-team parts: the teams asked for (when more than one), or
        every team (and the zaken without one) that started, set or closed anything in this month
        or the one before, or had zaken open at this month's end."""
        if len(self.filters.team) > 1:
            return list(self.filters.team)
        if self.filters.team:
            return []
        reports = self.reports
        scope = reports.scope(self._filters(self.maand, []))
        vorige = add_months(self.maand, -1)
        active: set[int] = set()
        for team_id, aantal in sums(
            reports.session, ["gestart", "status", "afgesloten"], vorige, month_end(self.maand), scope, ("team_id",)
        ):
            if aantal:
                active.add(team_id)
        for team_id, aantal in sums(reports.session, ["werkvoorraad"], None, self._peil(), scope, ("team_id",)):
            if aantal:
                active.add(team_id)
        named = sorted((t for t in active if t in reports.teams), key=lambda t: reports.teams[t].naam.lower())
        return [reports.teams[t].sleutel for t in named] + ([GEEN] if 0 in active else [])

    def _peil(self) -> dt.date:
        return min(month_end(self.maand), self.reports.today)

    def _team_json(self, team: list[str]) -> dict | None:
        if len(team) != 1:
            return None
        if team[0] == GEEN:
            return self.reports.team_json(0)
        reports = self.reports
        found = [t for t in reports.teams.values() if team[0] in (t.sleutel, t.identificatie)]
        return reports.team_json(found[0].id) if found else {"sleutel": team[0], "naam": team[0], "betrokkeneType": "", "identificatie": ""}

    def _titel(self, team: list[str]) -> str:
        if not team:
            return "Alle teams"
        found = self._team_json(team)
        return found["naam"] if found else "Geselecteerde teams"

    def onderdeel(self, team: list[str]) -> dict:
        reports = self.reports
        filters = self._filters(self.maand, team)
        nu = reports.kerncijfers(filters)
        vorige = reports.kerncijfers(self._filters(add_months(self.maand, -1), team))
        doorloop = reports.doorlooptijden(filters)
        werkvoorraad = reports.werkvoorraad(filters, self._peil())
        signalen = reports.signaleringen(filters)
        return {
            "titel": self._titel(team),
            "team": self._team_json(team),
            "kerncijfers": [trend(k, nu[k.code], vorige[k.code]) for k in KERNCIJFERS],
            "doorlooptijden": [
                {
                    "zaaktype": z["zaaktype"],
                    "aantalAfgesloten": z["aantalAfgesloten"],
                    "mediaanDagen": z["bruto"]["mediaan"],
                    "doorlooptijdDagen": z["doorlooptijdDagen"],
                    "servicenormDagen": z["servicenormDagen"],
                    "percentageOpTijd": z["percentageOpTijd"],
                    "percentageBinnenServicenorm": z["percentageBinnenServicenorm"],
                }
                for z in doorloop["zaaktypen"]
                if z["aantalAfgesloten"]
            ],
            "werkvoorraad": {"datum": werkvoorraad["datum"], "aantal": werkvoorraad["aantal"], "leeftijden": werkvoorraad["leeftijden"]},
            "signaleringen": signalen["signaleringen"],
        }

    def build(self) -> dict:
        reports = self.reports
        all_teams = self._filters(self.maand, [])
        [kampioen] = reports.kampioen(all_teams)["maanden"]
        onderdelen = [self.onderdeel(self.filters.team)]
        onderdelen += [self.onderdeel([team]) for team in self._teams()]
        return {
            "maand": f"{self.maand:%Y-%m}",
            "van": self.maand.isoformat(),
            "tot": month_end(self.maand).isoformat(),
            "vorigeMaand": f"{add_months(self.maand, -1):%Y-%m}",
            "afgerond": month_end(self.maand) < reports.today,
            "peildatum": reports.today.isoformat(),
            "filters": {"zaaktype": self.filters.zaaktype, "team": self.filters.team},
            "kampioen": {**kampioen, "regel": reports.regel()},
            "mijlpalen": reports.mijlpalen(all_teams)["mijlpalen"],
            "onderdelen": onderdelen,
        }
