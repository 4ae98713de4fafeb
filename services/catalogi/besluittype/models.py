import uuid as uuid_module

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.catalogi.catalogus.models import Catalogus
from services.catalogi.common import GeldigheidColumns
from services.catalogi.db import Base


class BesluitType(GeldigheidColumns, Base):
    """A version of a besluittype: (catalogus, omschrijving, geldigheid)."""

    __tablename__ = "besluittype"
    __table_args__ = (Index("ix_besluittype_catalogus_omschrijving", "catalogus_id", "omschrijving"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    catalogus_id: Mapped[int] = mapped_column(ForeignKey("catalogus.id", ondelete="CASCADE"), index=True)
    catalogus: Mapped[Catalogus] = relationship(lazy="raise")
    omschrijving: Mapped[str] = mapped_column(String(80), default="")
    omschrijving_generiek: Mapped[str] = mapped_column(String(80), default="")
    besluitcategorie: Mapped[str] = mapped_column(String(40), default="")
    reactietermijn: Mapped[str | None] = mapped_column(String(50), nullable=True)
    publicatie_indicatie: Mapped[bool] = mapped_column(Boolean)
    publicatietekst: Mapped[str] = mapped_column(Text, default="")
    publicatietermijn: Mapped[str | None] = mapped_column(String(50), nullable=True)
    toelichting: Mapped[str] = mapped_column(Text, default="")
    concept: Mapped[bool] = mapped_column(Boolean, default=True, index=True)


class BesluitTypeInformatieObjectType(Base):
    """besluittype -> informatieobjecttypen, by informatieobjecttype omschrijving."""

    __tablename__ = "besluittype_informatieobjecttype"

    besluittype_id: Mapped[int] = mapped_column(ForeignKey("besluittype.id", ondelete="CASCADE"), primary_key=True)
    omschrijving: Mapped[str] = mapped_column(String(80), primary_key=True, index=True)
