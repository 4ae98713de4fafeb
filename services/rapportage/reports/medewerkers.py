"""How the medewerkers of a team work (RAPPORTAGE_PER_MEDEWERKER): per team, per medewerker
(identificatie only) the open zaken they hold the team rol of, the statussen they set in the
period and how many of those were registered late. Two grouped queries over the read model,
with the filters and the late-registration rule of the signaleringen."""

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import case, func, select

from services.rapportage.medewerkers.models import Behandelaar
from services.rapportage.reports.signaleringen import Meting, Signaleringen
from services.rapportage.zaak.models import Status, Zaak
from shared.errors import NotFound

if TYPE_CHECKING:
    from services.rapportage.reports.service import Filters, Reports

UIT = (
    "Het rapport per medewerker staat uit (RAPPORTAGE_PER_MEDEWERKER=false): het toont het werk van individuele "
    "medewerkers en is een keuze van de gemeente (AVG; met instemming van ondernemingsraad en FG)."
)


def per_medewerker(reports: "Reports", filters: "Filters") -> dict:
    if not reports.settings.per_medewerker:
        raise NotFound(UIT)
    signalen = Signaleringen(reports, filters)
    session = reports.session
    counts: dict[int, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    open_zaken = Meting([Zaak.einddatum.is_(None)], Zaak.einddatum.is_(None))
    in_behandeling = signalen._scoped(
        select(Zaak.team_id, Behandelaar.identificatie, func.count()).select_from(Behandelaar).join(Zaak, Zaak.id == Behandelaar.zaak_id),
        open_zaken,
    ).group_by(Zaak.team_id, Behandelaar.identificatie)
    for team_id, identificatie, aantal in session.execute(in_behandeling):
        counts[team_id][identificatie]["zakenInBehandeling"] += int(aantal)
    gezet = _statussen_gezet(signalen)
    late = case((gezet.hit, 1), else_=0)
    statussen = signalen._scoped(select(Zaak.team_id, Status.gezet_door, func.count(), func.sum(late)).select_from(Status), gezet).group_by(
        Zaak.team_id, Status.gezet_door
    )
    for team_id, identificatie, aantal, laat in session.execute(statussen):
        counts[team_id][identificatie]["statussenGezet"] += int(aantal)
        counts[team_id][identificatie]["naregistraties"] += int(laat or 0)
    fields = ("zakenInBehandeling", "statussenGezet", "naregistraties")
    teams = []
    for team_id in sorted(counts, key=lambda t: reports.team_json(t)["naam"].lower()):
        per_team = sorted(counts[team_id].items())
        teams.append(
            {
                "team": reports.team_json(team_id),
                "medewerkers": [{"identificatie": i, **{f: c[f] for f in fields}} for i, c in per_team],
                "totaal": {f: sum(c[f] for _, c in per_team) for f in fields},
            }
        )
    return {
        "periode": filters.as_json(),
        "peildatum": reports.today.isoformat(),
        "naregistratieUren": reports.settings.signaal_naregistratie_uren,
        "teams": teams,
    }


def _statussen_gezet(signalen: Signaleringen) -> Meting:
    """The statussen set in the period whose setter is known; late as in the `naregistratie`
    signal (registered more than RAPPORTAGE_SIGNAAL_NAREGISTRATIE_UREN after)."""
    return Meting([Status.gezet_door.is_not(None), *signalen.set_in_period()], signalen.naregistratie().hit, statussen=True)
