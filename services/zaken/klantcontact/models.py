import datetime as dt

from sqlalchemy import DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from services.zaken.db import Base
from services.zaken.zaak.models import ZaakChildColumns


class KlantContact(ZaakChildColumns, Base):
    __tablename__ = "klantcontact"
    __table_args__ = (Index("ix_klantcontact_zaak_id", "zaak_id"),)

    identificatie: Mapped[str] = mapped_column(String(14), unique=True)
    datumtijd: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    kanaal: Mapped[str] = mapped_column(String(20), default="")
    onderwerp: Mapped[str] = mapped_column(String(200), default="")
    toelichting: Mapped[str] = mapped_column(String(1000), default="")
