"""What one zaak adds to the counters, as a pure function of its read model: the projector takes
the zaak's contribution before a change from the counters and adds the one after it, so a
change of team, an einddatum that comes and goes (reopen), or a status that arrives late moves
exactly that zaak's numbers.

Soorten (per day of `periode`; `waarde` as noted):

    gestart                 on the startdatum (instroom)
    afgesloten              on the einddatum (uitstroom)
    doorlooptijd_bruto      on the einddatum; waarde: DAY_BINS index of einddatum - startdatum
    doorlooptijd_netto      the same less the days opgeschort
    servicenorm_beoordeeld  on the einddatum, when the zaak had a servicenorm deadline
    servicenorm_op_tijd       ... and closed on or before it
    termijn_beoordeeld      on the einddatum, when the zaak had a doorlooptijd deadline
    termijn_op_tijd           ... and closed on or before it
    werkvoorraad            difference counter per age bucket (waarde: bucket index): +1 on the
                            day the open zaak enters the bucket, -1 on the day it leaves it
                            (older, or closed); the sum up to a day is the werkvoorraad then
    status                  on the day a status was set (statustype_id)
    statusduur              on the day the zaak left a status; waarde: HOUR_BINS index of the hours
    statusduur_beoordeeld     ... when the statustype has a doorlooptijd
    statusduur_boven_norm     ... and the zaak stayed longer
    open_termijn            an open zaak, on its doorlooptijd deadline (its uiterlijke einddatum
                            plus verlenging and opschorting); a suspended zaak that was not late
                            when suspended on NOOIT (its clock stands still); so "overdue now" is
                            the sum over the days before today, "overdue soon" over the next days
    open_servicenorm        the same for the servicenorm deadline
    in_status               an open zaak, on OOIT, under its current statustype (0: none yet)
    event                   (not from a zaak) a processed notification, on its aanmaakdatum
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from services.rapportage.periods import AGE_BUCKETS, DAY_BINS, HOUR_BINS, local_day

OOIT = dt.date(1900, 1, 1)
NOOIT = dt.date(2999, 12, 31)


def _deadline_day(deadline: dt.date | None, opgeschort_sinds: dt.date | None) -> dt.date | None:
    if deadline is None or opgeschort_sinds is None:
        return deadline
    return deadline if deadline < opgeschort_sinds else NOOIT


def zaak_contribution(zaak, statussen: Iterable, tz: str) -> Counter:
    c: Counter = Counter()
    zt, team = zaak.zaaktype_id, zaak.team_id
    start, eind = zaak.startdatum, zaak.einddatum
    c[("gestart", start, zt, team, 0, 0)] += 1
    if eind is not None:
        c[("afgesloten", eind, zt, team, 0, 0)] += 1
        c[("doorlooptijd_bruto", eind, zt, team, 0, DAY_BINS.index(zaak.doorlooptijd_bruto or 0))] += 1
        c[("doorlooptijd_netto", eind, zt, team, 0, DAY_BINS.index(zaak.doorlooptijd_netto or 0))] += 1
        if zaak.op_tijd_servicenorm is not None:
            c[("servicenorm_beoordeeld", eind, zt, team, 0, 0)] += 1
            if zaak.op_tijd_servicenorm:
                c[("servicenorm_op_tijd", eind, zt, team, 0, 0)] += 1
        if zaak.op_tijd_doorlooptijd is not None:
            c[("termijn_beoordeeld", eind, zt, team, 0, 0)] += 1
            if zaak.op_tijd_doorlooptijd:
                c[("termijn_op_tijd", eind, zt, team, 0, 0)] += 1
    if eind is None:
        c[("in_status", OOIT, zt, team, zaak.statustype_id or 0, 0)] += 1
        for soort, deadline in (("open_termijn", zaak.deadline_doorlooptijd), ("open_servicenorm", zaak.deadline_servicenorm)):
            day = _deadline_day(deadline, zaak.opgeschort_sinds)
            if day is not None:
                c[(soort, day, zt, team, 0, 0)] += 1
    for index, (_, lower, upper) in enumerate(AGE_BUCKETS):
        enters = start + dt.timedelta(days=lower)
        leaves = None if upper is None else start + dt.timedelta(days=upper)
        if eind is not None:
            if eind <= enters:
                continue
            leaves = eind if leaves is None else min(eind, leaves)
        c[("werkvoorraad", enters, zt, team, 0, index)] += 1
        if leaves is not None:
            c[("werkvoorraad", leaves, zt, team, 0, index)] -= 1
    for status in statussen:
        st = status.statustype_id
        c[("status", local_day(status.datum_status_gezet, tz), zt, team, st, 0)] += 1
        if status.duur_seconden is not None:
            left = local_day(status.datum_status_gezet + dt.timedelta(seconds=status.duur_seconden), tz)
            c[("statusduur", left, zt, team, st, HOUR_BINS.index(status.duur_seconden / 3600))] += 1
            if status.boven_norm is not None:
                c[("statusduur_beoordeeld", left, zt, team, st, 0)] += 1
                if status.boven_norm:
                    c[("statusduur_boven_norm", left, zt, team, st, 0)] += 1
    return +c if all(v >= 0 for v in c.values()) else Counter({k: v for k, v in c.items() if v})
