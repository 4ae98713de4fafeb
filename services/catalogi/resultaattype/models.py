import uuid as uuid_module

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.catalogi.common import GeldigheidColumns
from services.catalogi.db import Base
from services.catalogi.zaaktype.models import ZaakType


class ResultaatType(GeldigheidColumns, Base):
    __tablename__ = "resultaattype"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"), index=True)
    zaaktype: Mapped[ZaakType] = relationship(lazy="raise")
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
