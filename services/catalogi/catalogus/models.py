import datetime as dt
import uuid as uuid_module

from sqlalchemy import Date, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from services.catalogi.db import Base


class Catalogus(Base):
    __tablename__ = "catalogus"
    __table_args__ = (UniqueConstraint("domein", "rsin", name="uq_catalogus_domein_rsin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    domein: Mapped[str] = mapped_column(String(5), index=True)
    rsin: Mapped[str] = mapped_column(String(9), index=True)
    contactpersoon_beheer_naam: Mapped[str] = mapped_column(String(40))
    contactpersoon_beheer_telefoonnummer: Mapped[str] = mapped_column(String(20), default="")
    contactpersoon_beheer_emailadres: Mapped[str] = mapped_column(String(254), default="")
    naam: Mapped[str | None] = mapped_column(String(200), nullable=True)
    versie: Mapped[str | None] = mapped_column(String(20), nullable=True)
    begindatum_versie: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
