import datetime as dt
import uuid as uuid_module

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from services.zaken.db import Base
from shared.identificatie import CounterColumns


class Zaak(Base):
    __tablename__ = "zaak"
    __table_args__ = (
        # zrc-002: identificatie is unique per bronorganisatie (also under concurrent creates)
        UniqueConstraint("bronorganisatie", "identificatie", name="uq_zaak_bronorganisatie_identificatie"),
        # zrc-006: the autorisatie filter of every list is (zaaktype IN ... AND rank <= ...)
        Index("ix_zaak_zaaktype_rank", "zaaktype", "vertrouwelijkheid_rank"),
        # ... or, for a catalogus autorisatie (extension), (zaaktype_catalogus IN ... AND rank <= ...)
        Index("ix_zaak_zaaktype_catalogus_rank", "zaaktype_catalogus", "vertrouwelijkheid_rank"),
        Index("ix_zaak_startdatum", "startdatum"),
        Index("ix_zaak_registratiedatum", "registratiedatum"),
        Index("ix_zaak_einddatum", "einddatum"),
        Index("ix_zaak_archiefactiedatum", "archiefactiedatum"),
        Index("ix_zaak_identificatie", "identificatie"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    identificatie: Mapped[str] = mapped_column(String(40))
    bronorganisatie: Mapped[str] = mapped_column(String(9))
    omschrijving: Mapped[str] = mapped_column(String(80), default="")
    toelichting: Mapped[str] = mapped_column(String(1000), default="")
    zaaktype: Mapped[str] = mapped_column(String(1000))
    # the `catalogus` of the zaaktype, as the Catalogi API gave it when the zaak was created (a
    # zaaktype never moves to another catalogus): what a catalogus autorisatie is compared with.
    # NULL for zaken created before this column existed: those are reached through their zaaktype.
    zaaktype_catalogus: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    registratiedatum: Mapped[dt.date] = mapped_column(Date)
    verantwoordelijke_organisatie: Mapped[str] = mapped_column(String(9))
    startdatum: Mapped[dt.date] = mapped_column(Date)
    einddatum: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    einddatum_gepland: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    uiterlijke_einddatum_afdoening: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    publicatiedatum: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    communicatiekanaal: Mapped[str] = mapped_column(String(1000), default="")
    producten_of_diensten: Mapped[list] = mapped_column(JSON, default=list)
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20))
    # the rank of vertrouwelijkheidaanduiding (openbaar 0 .. zeer_geheim 7), for SQL comparisons
    vertrouwelijkheid_rank: Mapped[int] = mapped_column(SmallInteger)
    betalingsindicatie: Mapped[str] = mapped_column(String(20), default="")
    laatste_betaaldatum: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    zaakgeometrie: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    # the bounding box of zaakgeometrie: `_zoek` narrows `zaakgeometrie.within` by it in SQL
    geometrie_min_x: Mapped[float | None] = mapped_column(Float, nullable=True)
    geometrie_min_y: Mapped[float | None] = mapped_column(Float, nullable=True)
    geometrie_max_x: Mapped[float | None] = mapped_column(Float, nullable=True)
    geometrie_max_y: Mapped[float | None] = mapped_column(Float, nullable=True)
    verlenging_reden: Mapped[str] = mapped_column(String(200), default="")
    verlenging_duur: Mapped[str | None] = mapped_column(String(50), nullable=True)
    opschorting_indicatie: Mapped[bool] = mapped_column(Boolean, default=False)
    opschorting_reden: Mapped[str] = mapped_column(String(200), default="")
    selectielijstklasse: Mapped[str] = mapped_column(String(1000), default="")
    hoofdzaak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), nullable=True, index=True)
    # [{"url", "aardRelatie"}]
    relevante_andere_zaken: Mapped[list] = mapped_column(JSON, default=list)
    # [{"kenmerk", "bron"}]
    kenmerken: Mapped[list] = mapped_column(JSON, default=list)
    archiefnominatie: Mapped[str | None] = mapped_column(String(20), nullable=True)
    archiefstatus: Mapped[str] = mapped_column(String(40), default="nog_te_archiveren")
    archiefactiedatum: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    opdrachtgevende_organisatie: Mapped[str] = mapped_column(String(9), default="")
    processobjectaard: Mapped[str | None] = mapped_column(String(200), nullable=True)
    startdatum_bewaartermijn: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # {"datumkenmerk", "identificatie", "objecttype", "registratie"}
    processobject: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class ZaakChildColumns:
    """The columns every object hanging on one zaak has (status, rol, resultaat, zaakobject, ...),
    first in its table: its id and uuid, and the zaak it is deleted along with (zrc-023). The zaak
    is loaded only with the object's own query (`lazy="raise"`: ZaakChildService joins it)."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4, sort_order=-1)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), sort_order=-1)

    @declared_attr
    def zaak(cls) -> Mapped[Zaak]:
        return relationship(lazy="raise")


class IdentificatieTeller(CounterColumns, Base):
    """zrc-002: the last number of generated identificaties (`ZAAK-<jaar>-<nummer>`) per year; a
    create takes the next one with an UPDATE, so concurrent creates never draw the same number."""

    __tablename__ = "zaak_identificatie_teller"


class ZaakTelling(Base):
    """The number of zaken per zaaktype, catalogus and vertrouwelijkheid: the exact `count` of an
    unfiltered list (as all-rights client or within any autorisaties: zrc-006's condition applies
    to these columns as to the zaak's) without counting the zaak rows, which grows with the table
    (100,000 zaken: 11-40 ms; 1,000,000: ten times that). Kept by database triggers on every
    insert, delete and change of these columns of `zaak` (migration 0004), so every writer (the
    API, a cascade, a bulk load) keeps it exact in its own transaction."""

    __tablename__ = "zaak_telling"

    zaaktype: Mapped[str] = mapped_column(String(1000), primary_key=True)
    # '' for a zaak without a known catalogus (NULL would not take part in the key)
    zaaktype_catalogus: Mapped[str] = mapped_column(String(1000), primary_key=True)
    vertrouwelijkheid_rank: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    aantal: Mapped[int] = mapped_column(default=0)
