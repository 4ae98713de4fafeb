"""The read models, keyed by URL: zaaktypen, statustypen and teams (dimensions), zaken with their
statussen, opschorting periods and number of documents (facts). They hold no BSN and no names of people: a team is an
organisatorische eenheid (its name) or a medewerker (only the identificatie)."""

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.rapportage.db import Base


class Zaaktype(Base):
    __tablename__ = "rpt_zaaktype"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    # the key that groups the versions of one zaaktype in reports: catalogus + identificatie
    # (the URL until the zaaktype was fetched)
    groep: Mapped[str] = mapped_column(String(1200), index=True)
    catalogus: Mapped[str] = mapped_column(String(1000), default="")
    identificatie: Mapped[str] = mapped_column(String(100), default="")
    omschrijving: Mapped[str] = mapped_column(String(200), default="")
    doorlooptijd: Mapped[str] = mapped_column(String(50), default="")
    servicenorm: Mapped[str] = mapped_column(String(50), default="")
    begin_geldigheid: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    opgehaald: Mapped[bool] = mapped_column(Boolean, default=False)


class Statustype(Base):
    __tablename__ = "rpt_statustype"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    zaaktype_url: Mapped[str] = mapped_column(String(1000), default="")
    volgnummer: Mapped[int] = mapped_column(Integer, default=0)
    omschrijving: Mapped[str] = mapped_column(String(200), default="")
    statustekst: Mapped[str] = mapped_column(String(1000), default="")
    informeren: Mapped[bool] = mapped_column(Boolean, default=False)
    doorlooptijd: Mapped[str] = mapped_column(String(50), default="")
    opgehaald: Mapped[bool] = mapped_column(Boolean, default=False)


class Team(Base):
    __tablename__ = "rpt_team"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "<betrokkeneType>:<identificatie>", e.g. "organisatorische_eenheid:OE-BR"
    sleutel: Mapped[str] = mapped_column(String(1100), unique=True)
    betrokkene_type: Mapped[str] = mapped_column(String(30))
    identificatie: Mapped[str] = mapped_column(String(1000))
    # an organisatorische eenheid's naam; a medewerker's identificatie (never a person's name)
    naam: Mapped[str] = mapped_column(String(200))


class Zaak(Base):
    __tablename__ = "rpt_zaak"
    __table_args__ = (
        # the Nth zaak (milestones)
        Index("ix_rpt_zaak_registratie", "registratiedatum", "id"),
        # the signaleringen: closed zaken by einddatum, open ones by deadline, current status, start
        Index("ix_rpt_zaak_einddatum_deadline", "einddatum", "deadline_doorlooptijd"),
        Index("ix_rpt_zaak_statustype_sinds", "statustype_id", "status_sinds"),
        Index("ix_rpt_zaak_startdatum", "startdatum"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    uuid: Mapped[str] = mapped_column(String(36), index=True)
    identificatie: Mapped[str] = mapped_column(String(40), default="")
    bronorganisatie: Mapped[str] = mapped_column(String(9), default="")
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("rpt_zaaktype.id"), index=True)
    team_id: Mapped[int] = mapped_column(Integer, default=0)  # 0: no team (no matching rol)
    hoofdzaak: Mapped[str | None] = mapped_column(String(1000), nullable=True, index=True)
    registratiedatum: Mapped[dt.date] = mapped_column(Date)
    startdatum: Mapped[dt.date] = mapped_column(Date)
    einddatum: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    einddatum_gepland: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    uiterlijke_einddatum_afdoening: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    verlenging_dagen: Mapped[int] = mapped_column(Integer, default=0)
    # opschorting: the ongoing period's start (None: not suspended), the days of ended periods
    opgeschort_sinds: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    opgeschorte_dagen: Mapped[int] = mapped_column(Integer, default=0)
    # deadlines: the base (einddatumGepland / uiterlijkeEinddatumAfdoening, else startdatum plus
    # servicenorm / doorlooptijd) plus verlenging plus the days of ended opschorting periods
    deadline_servicenorm: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    deadline_doorlooptijd: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # of a closed zaak
    doorlooptijd_bruto: Mapped[int | None] = mapped_column(Integer, nullable=True)
    doorlooptijd_netto: Mapped[int | None] = mapped_column(Integer, nullable=True)
    op_tijd_servicenorm: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    op_tijd_doorlooptijd: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    # the current status
    status_url: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    statustype_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # its datumStatusGezet: since when the zaak is in its current status
    status_sinds: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    resultaat_url: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    resultaattype_url: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    # the dossier: how many zaakinformatieobjecten it has (None: not known, e.g. projected before
    # revision 0004), and its archiving
    aantal_documenten: Mapped[int | None] = mapped_column(Integer, nullable=True)
    archiefstatus: Mapped[str] = mapped_column(String(40), default="nog_te_archiveren")
    archiefnominatie: Mapped[str | None] = mapped_column(String(20), nullable=True)
    bijgewerkt_op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Status(Base):
    __tablename__ = "rpt_status"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("rpt_zaak.id", ondelete="CASCADE"), index=True)
    statustype_id: Mapped[int] = mapped_column(ForeignKey("rpt_statustype.id"), index=True)
    datum_status_gezet: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # derived from the zaak's consecutive statussen: seconds until the next one (None: the last),
    # and whether that exceeded the statustype's doorlooptijd (None: no doorlooptijd)
    duur_seconden: Mapped[int | None] = mapped_column(Integer, nullable=True)
    boven_norm: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    # when it was registered (its notification's aanmaakdatum, or its creation in the audit
    # trail; None: unknown), and how many seconds that was after its datumStatusGezet
    geregistreerd: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    naregistratie_seconden: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    # the medewerker who set it: the gebruikersId of its create in the audit trail (only with
    # RAPPORTAGE_PER_MEDEWERKER; None: unknown)
    gezet_door: Mapped[str | None] = mapped_column(String(1000), nullable=True, index=True)


class Opschorting(Base):
    """A period in which the zaak was suspended (opschorting.indicatie true)."""

    __tablename__ = "rpt_opschorting"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("rpt_zaak.id", ondelete="CASCADE"), index=True)
    begin: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    eind: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
