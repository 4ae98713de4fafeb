from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from services.catalogi.common import GeldigheidColumns, VersionedTypeColumns
from services.catalogi.db import Base


class InformatieObjectType(VersionedTypeColumns, GeldigheidColumns, Base):
    """A version of an informatieobjecttype: (catalogus, omschrijving, geldigheid)."""

    __tablename__ = "informatieobjecttype"
    __table_args__ = (Index("ix_informatieobjecttype_catalogus_omschrijving", "catalogus_id", "omschrijving"),)

    omschrijving: Mapped[str] = mapped_column(String(80))
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20))
    informatieobjectcategorie: Mapped[str] = mapped_column(String(80))
    trefwoord: Mapped[list] = mapped_column(JSON, default=list)
    omschrijving_generiek: Mapped[dict | None] = mapped_column(JSON, nullable=True)
