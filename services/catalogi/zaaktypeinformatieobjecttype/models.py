import uuid as uuid_module

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.catalogi.db import Base
from services.catalogi.zaaktype.models import ZaakType


class ZaakTypeInformatieObjectType(Base):
    """zaaktype -> informatieobjecttype (by omschrijving, so for every version of it)."""

    __tablename__ = "zaaktypeinformatieobjecttype"
    __table_args__ = (UniqueConstraint("zaaktype_id", "volgnummer", name="uq_ziot_zaaktype_volgnummer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"), index=True)
    zaaktype: Mapped[ZaakType] = relationship(lazy="raise")
    informatieobjecttype_omschrijving: Mapped[str] = mapped_column(String(100), index=True)
    volgnummer: Mapped[int] = mapped_column(Integer)
    richting: Mapped[str] = mapped_column(String(20))
    statustype_id: Mapped[int | None] = mapped_column(ForeignKey("statustype.id", ondelete="SET NULL"), nullable=True)
