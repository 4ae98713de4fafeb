from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.catalogi.common import GeldigheidColumns, SubTypeColumns
from services.catalogi.db import Base


class StatusType(SubTypeColumns, GeldigheidColumns, Base):
    __tablename__ = "statustype"
    __table_args__ = (UniqueConstraint("zaaktype_id", "volgnummer", name="uq_statustype_zaaktype_volgnummer"),)

    omschrijving: Mapped[str] = mapped_column(String(80))
    omschrijving_generiek: Mapped[str] = mapped_column(String(80), default="")
    statustekst: Mapped[str] = mapped_column(String(1000), default="")
    volgnummer: Mapped[int] = mapped_column(Integer)
    informeren: Mapped[bool] = mapped_column(Boolean, default=False)
    doorlooptijd: Mapped[str | None] = mapped_column(String(50), nullable=True)
    toelichting: Mapped[str | None] = mapped_column(Text, nullable=True)
    # [{"itemnaam", "toelichting", "vraagstelling", "verplicht"}]
    checklistitem_statustype: Mapped[list] = mapped_column(JSON, default=list)


class StatusTypeEigenschap(Base):
    """The eigenschappen that must have a value before a status of this statustype is set."""

    __tablename__ = "statustype_eigenschap"

    statustype_id: Mapped[int] = mapped_column(ForeignKey("statustype.id", ondelete="CASCADE"), primary_key=True)
    eigenschap_id: Mapped[int] = mapped_column(ForeignKey("eigenschap.id", ondelete="CASCADE"), primary_key=True, index=True)
