import datetime as dt
import uuid as uuid_module

from sqlalchemy import Date, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from services.besluiten.db import Base
from shared.identificatie import CounterColumns


class IdentificatieTeller(CounterColumns, Base):
    """brc-002: the last generated number of a besluit identificatie per year (shared.identificatie)."""

    __tablename__ = "besluit_identificatie_teller"


class Besluit(Base):
    __tablename__ = "besluit"
    # brc-002: an identificatie is unique within its verantwoordelijkeOrganisatie
    __table_args__ = (UniqueConstraint("verantwoordelijke_organisatie", "identificatie", name="uq_besluit_identificatie"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    identificatie: Mapped[str] = mapped_column(String(50), index=True)
    verantwoordelijke_organisatie: Mapped[str] = mapped_column(String(9))
    besluittype: Mapped[str] = mapped_column(String(1000), index=True)
    # the `catalogus` of the besluittype as the Catalogi API gave it: what a catalogus autorisatie
    # is compared with (a type never moves to another catalogus)
    besluittype_catalogus: Mapped[str | None] = mapped_column(String(1000), nullable=True, index=True)
    zaak: Mapped[str] = mapped_column(String(1000), default="", index=True)
    datum: Mapped[dt.date] = mapped_column(Date)
    toelichting: Mapped[str] = mapped_column(Text, default="")
    bestuursorgaan: Mapped[str] = mapped_column(String(50), default="")
    ingangsdatum: Mapped[dt.date] = mapped_column(Date)
    vervaldatum: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    vervalreden: Mapped[str] = mapped_column(String(30), default="")
    publicatiedatum: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    verzenddatum: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    uiterlijke_reactiedatum: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
