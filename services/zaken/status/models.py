import datetime as dt
import uuid as uuid_module

from sqlalchemy import DateTime, ForeignKey, Index, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.zaken.db import Base
from services.zaken.zaak.models import Zaak


class Status(Base):
    __tablename__ = "status"
    __table_args__ = (
        UniqueConstraint("zaak_id", "datum_status_gezet", name="uq_status_zaak_datum_status_gezet"),
        Index("ix_status_statustype", "statustype"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"))
    zaak: Mapped[Zaak] = relationship(lazy="raise")
    statustype: Mapped[str] = mapped_column(String(1000))
    datum_status_gezet: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    statustoelichting: Mapped[str] = mapped_column(String(1000), default="")
    # the rol that set this status
    gezetdoor_id: Mapped[int | None] = mapped_column(ForeignKey("rol.id", ondelete="SET NULL"), nullable=True, index=True)
