import datetime as dt

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from services.catalogi.common import GeldigheidColumns, VersionedTypeColumns
from services.catalogi.db import Base


class ZaakType(VersionedTypeColumns, GeldigheidColumns, Base):
    """A version of a zaaktype: (catalogus, identificatie, beginGeldigheid..eindeGeldigheid)."""

    __tablename__ = "zaaktype"
    __table_args__ = (Index("ix_zaaktype_catalogus_identificatie", "catalogus_id", "identificatie"),)

    identificatie: Mapped[str] = mapped_column(String(50), index=True)
    omschrijving: Mapped[str] = mapped_column(String(80))
    omschrijving_generiek: Mapped[str] = mapped_column(String(80), default="")
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20))
    doel: Mapped[str] = mapped_column(Text)
    aanleiding: Mapped[str] = mapped_column(Text)
    toelichting: Mapped[str] = mapped_column(Text, default="")
    indicatie_intern_of_extern: Mapped[str] = mapped_column(String(6))
    handeling_initiator: Mapped[str] = mapped_column(String(20))
    onderwerp: Mapped[str] = mapped_column(String(80))
    handeling_behandelaar: Mapped[str] = mapped_column(String(20))
    doorlooptijd: Mapped[str] = mapped_column(String(50))
    servicenorm: Mapped[str | None] = mapped_column(String(50), nullable=True)
    opschorting_en_aanhouding_mogelijk: Mapped[bool] = mapped_column(Boolean)
    verlenging_mogelijk: Mapped[bool] = mapped_column(Boolean)
    verlengingstermijn: Mapped[str | None] = mapped_column(String(50), nullable=True)
    trefwoorden: Mapped[list] = mapped_column(JSON, default=list)
    publicatie_indicatie: Mapped[bool] = mapped_column(Boolean)
    publicatietekst: Mapped[str] = mapped_column(Text, default="")
    verantwoordingsrelatie: Mapped[list] = mapped_column(JSON, default=list)
    producten_of_diensten: Mapped[list] = mapped_column(JSON, default=list)
    selectielijst_procestype: Mapped[str] = mapped_column(String(200), default="")
    referentieproces: Mapped[dict] = mapped_column(JSON)  # {"naam": ..., "link": ...}
    verantwoordelijke: Mapped[str] = mapped_column(String(50))
    broncatalogus: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    bronzaaktype: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    versiedatum: Mapped[dt.date] = mapped_column(Date)


# Relations of the 1.3 historiemodel are by key (omschrijving / identificatie), so they hold for
# every version of the related type; reads resolve a key to the version valid on the day asked.


class ZaakTypeBesluitType(Base):
    """zaaktype -> besluittypen, by besluittype omschrijving."""

    __tablename__ = "zaaktype_besluittype"

    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"), primary_key=True)
    omschrijving: Mapped[str] = mapped_column(String(80), primary_key=True, index=True)


class ZaakTypeDeelzaaktype(Base):
    """zaaktype -> deelzaaktypen, by zaaktype identificatie."""

    __tablename__ = "zaaktype_deelzaaktype"

    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"), primary_key=True)
    identificatie: Mapped[str] = mapped_column(String(50), primary_key=True)


class ZaakTypenRelatie(Base):
    """gerelateerdeZaaktypen: by identificatie within the catalogus, or a URL of another API."""

    __tablename__ = "zaaktypenrelatie"

    id: Mapped[int] = mapped_column(primary_key=True)
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"), index=True)
    gerelateerd: Mapped[str] = mapped_column(String(200))
    aard_relatie: Mapped[str] = mapped_column(String(20))
    toelichting: Mapped[str] = mapped_column(String(255), default="")
    volgorde: Mapped[int] = mapped_column(Integer, default=0)
