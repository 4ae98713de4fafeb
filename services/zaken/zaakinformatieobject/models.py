import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.zaken.db import Base
from services.zaken.zaak.models import ZaakChildColumns


class ZaakInformatieObject(ZaakChildColumns, Base):
    __tablename__ = "zaakinformatieobject"
    __table_args__ = (
        UniqueConstraint("zaak_id", "informatieobject", name="uq_zaakinformatieobject_zaak_informatieobject"),
        Index("ix_zaakinformatieobject_informatieobject", "informatieobject"),
    )

    informatieobject: Mapped[str] = mapped_column(String(1000))
    aard_relatie: Mapped[str] = mapped_column(String(20), default="hoort_bij")
    titel: Mapped[str] = mapped_column(String(200), default="")
    beschrijving: Mapped[str] = mapped_column(Text, default="")
    registratiedatum: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    vernietigingsdatum: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    status_id: Mapped[int | None] = mapped_column(ForeignKey("status.id", ondelete="SET NULL"), nullable=True, index=True)
