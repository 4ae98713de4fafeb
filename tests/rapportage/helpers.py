"""Comparing read models: a dump of everything the rapportage holds about zaken, with database
ids replaced by URLs and keys, so two databases built differently compare equal."""

import datetime as dt

from sqlalchemy import select

from services.rapportage.maintenance import Maintenance
from services.rapportage.medewerkers.models import Behandelaar, Medewerker
from services.rapportage.tellers.models import Teller, Verdeling
from services.rapportage.zaak.models import Opschorting, Status, Statustype, Team, Zaak, Zaaktype

ZAAK_FIELDS = (
    "identificatie", "bronorganisatie", "hoofdzaak", "registratiedatum", "startdatum", "einddatum", "einddatum_gepland",
    "uiterlijke_einddatum_afdoening", "verlenging_dagen", "opgeschort_sinds", "opgeschorte_dagen", "deadline_servicenorm",
    "deadline_doorlooptijd", "doorlooptijd_bruto", "doorlooptijd_netto", "op_tijd_servicenorm", "op_tijd_doorlooptijd",
    "status_url", "resultaat_url", "resultaattype_url", "status_sinds", "aantal_documenten", "archiefstatus", "archiefnominatie",
)  # fmt: skip


def _utc(moment):
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def dump(target) -> dict:
    """`target`: a rapportage app, or a Database."""
    database = target.state.db if hasattr(target, "state") else target
    with database.session() as session:
        zaaktypen = {z.id: z.url for z in session.scalars(select(Zaaktype))}
        statustypen = {s.id: s.url for s in session.scalars(select(Statustype))}
        teams = {t.id: t.sleutel for t in session.scalars(select(Team))}
        zaken = {z.id: z for z in session.scalars(select(Zaak))}
        out = {
            "zaken": sorted(
                (
                    z.url,
                    zaaktypen[z.zaaktype_id],
                    teams.get(z.team_id, ""),
                    statustypen.get(z.statustype_id),
                    *(getattr(z, f) for f in ZAAK_FIELDS),
                )
                for z in zaken.values()
            ),
            "statussen": sorted(
                (
                    s.url,
                    zaken[s.zaak_id].url,
                    statustypen[s.statustype_id],
                    _utc(s.datum_status_gezet),
                    s.duur_seconden,
                    s.boven_norm,
                    # live: the notification's aanmaakdatum, a backfill: the audit trail's, which
                    # the Zaken API writes some microseconds apart; the signal counts hours
                    s.geregistreerd is not None,
                    None if s.naregistratie_seconden is None else s.naregistratie_seconden // 60,
                    s.gezet_door,
                )
                for s in session.scalars(select(Status))
            ),
            "opschortingen": sorted((zaken[o.zaak_id].url, _utc(o.begin), _utc(o.eind)) for o in session.scalars(select(Opschorting))),
            "medewerkers": sorted((m.identificatie, _utc(m.eerst_gezien)) for m in session.scalars(select(Medewerker))),
            "behandelaars": sorted((zaken[b.zaak_id].url, b.identificatie) for b in session.scalars(select(Behandelaar))),
        }
        out["tellers"] = sorted(
            (
                c.soort,
                c.niveau,
                c.periode,
                # "" for none (0): sortable beside the URLs
                zaaktypen.get(c.zaaktype_id, ""),
                teams.get(c.team_id, str(c.team_id)),
                statustypen.get(c.statustype_id, ""),
                c.waarde,
                c.aantal,
            )
            for c in session.scalars(select(Teller).where(Teller.aantal != 0, Teller.soort != "event"))
        )
        out["verdelingen"] = sorted(
            (v.soort, v.niveau, v.periode, zaaktypen.get(v.zaaktype_id, ""), teams.get(v.team_id, str(v.team_id)), statustypen.get(v.statustype_id, ""), v.aantal,
             sorted((int(k), n) for k, n in v.bins.items() if n))
            for v in session.scalars(select(Verdeling).where(Verdeling.aantal != 0))
        )  # fmt: skip
    return out


def stepper(fake, deliver=None):
    """`step()`: deliver the messages the fake sent since the last step (live intake), or
    nothing when `deliver` is None (delivery later, or a backfill)."""
    sent = 0

    def step() -> None:
        nonlocal sent
        if deliver is not None:
            new, sent = fake.messages[sent:], len(fake.messages)
            deliver(new)

    return step


def maintenance(app) -> Maintenance:
    intake = app.state.intake
    return Maintenance(intake.database, intake.fetcher, intake.projector, intake.settings)
