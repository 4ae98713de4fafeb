import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.zaken.db import Base
from services.zaken.zaak.models import ZaakChildColumns


class Status(ZaakChildColumns, Base):
    __tablename__ = "status"
    __table_args__ = (
        UniqueConstraint("zaak_id", "datum_status_gezet", name="uq_status_zaak_datum_status_gezet"),
        Index("ix_status_statustype", "statustype"),
    )

    statustype: Mapped[str] = mapped_column(String(1000))
    datum_status_gezet: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    statustoelichting: Mapped[str] = mapped_column(String(1000), default="")
    # the rol that set this status
    gezetdoor_id: Mapped[int | None] = mapped_column(ForeignKey("rol.id", ondelete="SET NULL"), nullable=True, index=True)
