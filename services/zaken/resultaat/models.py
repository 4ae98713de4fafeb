from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.zaken.db import Base
from services.zaken.zaak.models import ZaakChildColumns


class Resultaat(ZaakChildColumns, Base):
    __tablename__ = "resultaat"
    __table_args__ = (
        UniqueConstraint("zaak_id"),  # one resultaat per zaak
        Index("ix_resultaat_resultaattype", "resultaattype"),
    )

    resultaattype: Mapped[str] = mapped_column(String(1000))
    toelichting: Mapped[str] = mapped_column(String(1000), default="")
