from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.catalogi.common import SubTypeColumns
from services.catalogi.db import Base


class ZaakTypeInformatieObjectType(SubTypeColumns, Base):
    """zaaktype -> informatieobjecttype (by omschrijving, so for every version of it)."""

    __tablename__ = "zaaktypeinformatieobjecttype"
    __table_args__ = (UniqueConstraint("zaaktype_id", "volgnummer", name="uq_ziot_zaaktype_volgnummer"),)

    informatieobjecttype_omschrijving: Mapped[str] = mapped_column(String(100), index=True)
    volgnummer: Mapped[int] = mapped_column(Integer)
    richting: Mapped[str] = mapped_column(String(20))
    statustype_id: Mapped[int | None] = mapped_column(ForeignKey("statustype.id", ondelete="SET NULL"), nullable=True)
