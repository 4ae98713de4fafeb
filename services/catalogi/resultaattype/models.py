from sqlalchemy import JSON, Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from services.catalogi.common import GeldigheidColumns, SubTypeColumns
from services.catalogi.db import Base


class ResultaatType(SubTypeColumns, GeldigheidColumns, Base):
    __tablename__ = "resultaattype"

    omschrijving: Mapped[str] = mapped_column(String(30))
    resultaattypeomschrijving: Mapped[str] = mapped_column(String(1000))
    # ztc-002: derived from the Referentielijsten resultaattypeomschrijving
    omschrijving_generiek: Mapped[str] = mapped_column(String(80), default="")
    selectielijstklasse: Mapped[str] = mapped_column(String(1000))
    toelichting: Mapped[str] = mapped_column(Text, default="")
    archiefnominatie: Mapped[str] = mapped_column(String(20), default="")
    archiefactietermijn: Mapped[str | None] = mapped_column(String(50), nullable=True)
    # {"afleidingswijze", "datumkenmerk", "einddatumBekend", "objecttype", "registratie", "procestermijn"}
    brondatum_archiefprocedure: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    procesobjectaard: Mapped[str | None] = mapped_column(String(200), nullable=True)
    indicatie_specifiek: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    procestermijn: Mapped[str | None] = mapped_column(String(50), nullable=True)


class ResultaatTypeBesluitType(Base):
    """resultaattype -> besluittypen, by besluittype omschrijving."""

    __tablename__ = "resultaattype_besluittype"

    resultaattype_id: Mapped[int] = mapped_column(ForeignKey("resultaattype.id", ondelete="CASCADE"), primary_key=True)
    omschrijving: Mapped[str] = mapped_column(String(80), primary_key=True)


class ResultaatTypeInformatieObjectType(Base):
    """The informatieobjecttypen that must be in the dossier before this resultaat is set."""

    __tablename__ = "resultaattype_informatieobjecttype"

    resultaattype_id: Mapped[int] = mapped_column(ForeignKey("resultaattype.id", ondelete="CASCADE"), primary_key=True)
    informatieobjecttype_id: Mapped[int] = mapped_column(
        ForeignKey("informatieobjecttype.id", ondelete="CASCADE"), primary_key=True, index=True
    )
