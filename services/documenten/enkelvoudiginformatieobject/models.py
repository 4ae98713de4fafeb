"""An informatieobject is a canonical row (what every version shares: its uuid, its lock) and one
row per version (`versie` 1, 2, ...): every create, update and partial update writes a new version,
so `?versie=` and `?registratieOp=` find an old one and its content stays retrievable. The list
shows each document's newest version (`InformatieObject.versie` names it)."""

import datetime as dt
import uuid as uuid_module

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, ForeignKey, Index, Integer, SmallInteger, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.documenten.db import Base
from shared.identificatie import CounterColumns


class InformatieObject(Base):
    __tablename__ = "informatieobject"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    # the newest version's number: the one a list, a retrieve without `versie` and a write start from
    versie: Mapped[int] = mapped_column(Integer, default=1)
    # drc-009: the id `POST /lock` handed out; empty when not locked
    lock: Mapped[str] = mapped_column(String(100), default="")

    versies: Mapped[list["InformatieObjectVersie"]] = relationship(
        back_populates="informatieobject", lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )


class InformatieObjectVersie(Base):
    __tablename__ = "informatieobjectversie"
    __table_args__ = (
        UniqueConstraint("informatieobject_id", "versie", name="uq_informatieobjectversie_versie"),
        # the autorisatie filter of every list is (informatieobjecttype IN ... AND rank <= ...)
        Index("ix_informatieobjectversie_type_rank", "informatieobjecttype", "vertrouwelijkheid_rank"),
        Index("ix_informatieobjectversie_catalogus_rank", "informatieobjecttype_catalogus", "vertrouwelijkheid_rank"),
        Index("ix_informatieobjectversie_bronorganisatie_identificatie", "bronorganisatie", "identificatie"),
        Index("ix_informatieobjectversie_identificatie", "identificatie"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    informatieobject_id: Mapped[int] = mapped_column(ForeignKey("informatieobject.id", ondelete="CASCADE"))
    versie: Mapped[int] = mapped_column(Integer)
    begin_registratie: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    identificatie: Mapped[str] = mapped_column(String(40))
    bronorganisatie: Mapped[str] = mapped_column(String(9))
    creatiedatum: Mapped[dt.date] = mapped_column(Date)
    titel: Mapped[str] = mapped_column(String(200))
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20))
    # the rank of vertrouwelijkheidaanduiding (openbaar 0 .. zeer_geheim 7), for SQL comparisons
    vertrouwelijkheid_rank: Mapped[int] = mapped_column(SmallInteger)
    auteur: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="")
    inhoud_is_vervallen: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    formaat: Mapped[str] = mapped_column(String(255), default="")
    taal: Mapped[str] = mapped_column(String(3))
    bestandsnaam: Mapped[str] = mapped_column(String(255), default="")
    # the storage key of this version's content (services/documenten/storage.py); None: no content
    # (yet: a chunked upload in progress, or none given)
    inhoud: Mapped[str | None] = mapped_column(String(255), nullable=True)
    bestandsomvang: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    link: Mapped[str] = mapped_column(String(200), default="")
    beschrijving: Mapped[str] = mapped_column(String(1000), default="")
    ontvangstdatum: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    verzenddatum: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    indicatie_gebruiksrecht: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    verschijningsvorm: Mapped[str] = mapped_column(String(255), default="")
    # {"soort", "datum"} / {"algoritme", "waarde", "datum"}, as the API shows them
    ondertekening: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    integriteit: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    informatieobjecttype: Mapped[str] = mapped_column(String(1000))
    # the `catalogus` of the informatieobjecttype as the Catalogi API gave it: what a catalogus
    # autorisatie is compared with (a type never moves to another catalogus)
    informatieobjecttype_catalogus: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    trefwoorden: Mapped[list] = mapped_column(JSON, default=list)

    informatieobject: Mapped[InformatieObject] = relationship(back_populates="versies", lazy="raise")


class BestandsDeel(Base):
    """One part of a chunked upload: the document's newest version has `bestandsomvang` but no
    content until every part is stored and `unlock` joins them."""

    __tablename__ = "bestandsdeel"
    __table_args__ = (UniqueConstraint("informatieobject_id", "volgnummer", name="uq_bestandsdeel_volgnummer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    informatieobject_id: Mapped[int] = mapped_column(ForeignKey("informatieobject.id", ondelete="CASCADE"), index=True)
    volgnummer: Mapped[int] = mapped_column(Integer)
    omvang: Mapped[int] = mapped_column(BigInteger)
    # the storage key of the part once uploaded; None: not yet (`voltooid` false)
    inhoud: Mapped[str | None] = mapped_column(String(255), nullable=True)

    informatieobject: Mapped[InformatieObject] = relationship(lazy="raise")


class IdentificatieTeller(CounterColumns, Base):
    """The last number of generated identificaties (`DOCUMENT-<jaar>-<nummer>`) per year."""

    __tablename__ = "informatieobject_identificatie_teller"
