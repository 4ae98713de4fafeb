from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from services.zaken.db import Base
from services.zaken.zaak.models import ZaakChildColumns


class ZaakEigenschap(ZaakChildColumns, Base):
    __tablename__ = "zaakeigenschap"
    __table_args__ = (Index("ix_zaakeigenschap_zaak_id", "zaak_id"),)

    eigenschap: Mapped[str] = mapped_column(String(1000))
    # eigenschap.naam, copied on write
    naam: Mapped[str] = mapped_column(String(20), default="")
    waarde: Mapped[str] = mapped_column(Text)
