import datetime as dt
import uuid as uuid_module

from sqlalchemy import DateTime, ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.zaken.db import Base
from services.zaken.zaak.models import Zaak


class KlantContact(Base):
    __tablename__ = "klantcontact"
    __table_args__ = (Index("ix_klantcontact_zaak_id", "zaak_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"))
    zaak: Mapped[Zaak] = relationship(lazy="raise")
    identificatie: Mapped[str] = mapped_column(String(14), unique=True)
    datumtijd: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    kanaal: Mapped[str] = mapped_column(String(20), default="")
    onderwerp: Mapped[str] = mapped_column(String(200), default="")
    toelichting: Mapped[str] = mapped_column(String(1000), default="")
