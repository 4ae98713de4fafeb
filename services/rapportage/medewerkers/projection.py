"""The medewerkers of a projected batch, in the projector's transaction: the dimension of
medewerkers seen (the earliest moment wins; no write where nothing is new or earlier) and the
behandelaars of each zaak (replaced where the rollen were fetched)."""

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from services.rapportage.medewerkers.models import Behandelaar, Medewerker
from services.rapportage.tellers.repository import dialect_insert
from services.rapportage.zaak.facts import KEEP, Change
from services.rapportage.zaak.models import Zaak
from shared import utc
from shared.db import in_list, insert_rows, is_postgresql


def store_medewerkers(session: Session, changes: Sequence[Change]) -> int:
    """Upsert the medewerkers the changes saw; returns how many were not known before."""
    seen: dict[str, dt.datetime] = {}
    for change in changes:
        for m in change.medewerkers:
            if m.identificatie not in seen or m.moment < seen[m.identificatie]:
                seen[m.identificatie] = m.moment
    if not seen:
        return 0
    table = Medewerker.__table__
    query = select(Medewerker.identificatie, Medewerker.eerst_gezien)
    known = {
        i: utc.aware(moment)
        for i, moment in session.execute(query.where(in_list(Medewerker.identificatie, is_postgresql(session), values=sorted(seen))))
    }
    rows = [{"identificatie": i, "eerst_gezien": moment} for i, moment in sorted(seen.items()) if i not in known or moment < known[i]]
    if rows:
        # in identificatie order, so two batches lock the rows they share in one order; a row
        # another batch inserted meanwhile keeps the earlier moment
        stmt = dialect_insert(session, table).values(rows)
        stmt = stmt.on_conflict_do_update(
            index_elements=["identificatie"],
            set_={"eerst_gezien": stmt.excluded.eerst_gezien},
            where=stmt.excluded.eerst_gezien < table.c.eerst_gezien,
        )
        session.execute(stmt)
    return sum(1 for i in seen if i not in known)


def store_behandelaars(session: Session, changes: Sequence[Change], zaken: dict[str, Zaak]) -> None:
    """The medewerkers holding each zaak's team rol, as the last of its changes that fetched
    the rollen tells (zaken removed in the batch are gone from `zaken`)."""
    wanted: dict[int, list[str]] = {}
    for change in changes:
        zaak = zaken.get(change.zaak_url)
        if change.behandelaars is not KEEP and zaak is not None and not change.gone:
            wanted[zaak.id] = change.behandelaars
    if not wanted:
        return
    have: dict[int, set[str]] = {zaak_id: set() for zaak_id in wanted}
    query = select(Behandelaar.zaak_id, Behandelaar.identificatie).where(
        in_list(Behandelaar.zaak_id, is_postgresql(session), values=sorted(wanted))
    )
    for zaak_id, identificatie in session.execute(query):
        have[zaak_id].add(identificatie)
    for zaak_id, identificaties in wanted.items():
        gone = have[zaak_id] - set(identificaties)
        if gone:
            session.execute(delete(Behandelaar).where(Behandelaar.zaak_id == zaak_id, Behandelaar.identificatie.in_(sorted(gone))))
    rows = [{"zaak_id": z, "identificatie": i} for z, identificaties in wanted.items() for i in identificaties if i not in have[z]]
    insert_rows(session, Behandelaar.__table__, rows)
