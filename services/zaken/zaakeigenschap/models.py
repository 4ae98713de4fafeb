import uuid as uuid_module

from sqlalchemy import ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.zaken.db import Base
from services.zaken.zaak.models import Zaak


class ZaakEigenschap(Base):
    __tablename__ = "zaakeigenschap"
    __table_args__ = (Index("ix_zaakeigenschap_zaak_id", "zaak_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"))
    zaak: Mapped[Zaak] = relationship(lazy="raise")
    eigenschap: Mapped[str] = mapped_column(String(1000))
    # eigenschap.naam, copied on write
    naam: Mapped[str] = mapped_column(String(20), default="")
    waarde: Mapped[str] = mapped_column(Text)
