import uuid as uuid_module

from sqlalchemy import ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.zaken.db import Base
from services.zaken.zaak.models import Zaak


class Resultaat(Base):
    __tablename__ = "resultaat"
    __table_args__ = (Index("ix_resultaat_resultaattype", "resultaattype"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    # one resultaat per zaak
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), unique=True)
    zaak: Mapped[Zaak] = relationship(lazy="raise")
    resultaattype: Mapped[str] = mapped_column(String(1000))
    toelichting: Mapped[str] = mapped_column(String(1000), default="")
