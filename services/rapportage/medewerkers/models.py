"""The medewerkers acting in the system, by identificatie only (never a name): a dimension with
the moment each was first seen (the Nth-user milestone), and, where the report per medewerker
is switched on (RAPPORTAGE_PER_MEDEWERKER), the medewerkers holding a zaak's team rol."""

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from services.rapportage.db import Base


class Medewerker(Base):
    """Kept by a rebuild (as the teams and the milestones): once seen, a medewerker has used the
    system."""

    __tablename__ = "rpt_medewerker"
    __table_args__ = (Index("ix_rpt_medewerker_eerst_gezien", "eerst_gezien", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # a medewerker rol's betrokkeneIdentificatie.identificatie (else its betrokkene URL), or an
    # audit trail's gebruikersId
    identificatie: Mapped[str] = mapped_column(String(1000), unique=True)
    # the earliest evidence: the rol's registratiedatum, the audit trail entry's aanmaakdatum
    eerst_gezien: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Behandelaar(Base):
    """A medewerker with a rol of RAPPORTAGE_TEAM_ROLLEN (behandelaar) on a zaak."""

    __tablename__ = "rpt_behandelaar"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("rpt_zaak.id", ondelete="CASCADE"), index=True)
    identificatie: Mapped[str] = mapped_column(String(1000), index=True)
