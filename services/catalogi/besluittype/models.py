from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from services.catalogi.common import GeldigheidColumns, VersionedTypeColumns
from services.catalogi.db import Base


class BesluitType(VersionedTypeColumns, GeldigheidColumns, Base):
    """A version of a besluittype: (catalogus, omschrijving, geldigheid)."""

    __tablename__ = "besluittype"
    __table_args__ = (Index("ix_besluittype_catalogus_omschrijving", "catalogus_id", "omschrijving"),)

    omschrijving: Mapped[str] = mapped_column(String(80), default="")
    omschrijving_generiek: Mapped[str] = mapped_column(String(80), default="")
    besluitcategorie: Mapped[str] = mapped_column(String(40), default="")
    reactietermijn: Mapped[str | None] = mapped_column(String(50), nullable=True)
    publicatie_indicatie: Mapped[bool] = mapped_column(Boolean)
    publicatietekst: Mapped[str] = mapped_column(Text, default="")
    publicatietermijn: Mapped[str | None] = mapped_column(String(50), nullable=True)
    toelichting: Mapped[str] = mapped_column(Text, default="")


class BesluitTypeInformatieObjectType(Base):
    """besluittype -> informatieobjecttypen, by informatieobjecttype omschrijving."""

    __tablename__ = "besluittype_informatieobjecttype"

    besluittype_id: Mapped[int] = mapped_column(ForeignKey("besluittype.id", ondelete="CASCADE"), primary_key=True)
    omschrijving: Mapped[str] = mapped_column(String(80), primary_key=True, index=True)
