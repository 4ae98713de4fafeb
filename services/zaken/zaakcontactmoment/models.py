import uuid as uuid_module

from sqlalchemy import ForeignKey, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.zaken.db import Base
from services.zaken.zaak.models import Zaak


class ZaakContactMoment(Base):
    __tablename__ = "zaakcontactmoment"
    __table_args__ = (UniqueConstraint("zaak_id", "contactmoment", name="uq_zaakcontactmoment_zaak_contactmoment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"))
    zaak: Mapped[Zaak] = relationship(lazy="raise")
    contactmoment: Mapped[str] = mapped_column(String(1000), index=True)
