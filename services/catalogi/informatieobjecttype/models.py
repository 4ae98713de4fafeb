import uuid as uuid_module

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.catalogi.catalogus.models import Catalogus
from services.catalogi.common import GeldigheidColumns
from services.catalogi.db import Base


class InformatieObjectType(GeldigheidColumns, Base):
    """A version of an informatieobjecttype: (catalogus, omschrijving, geldigheid)."""

    __tablename__ = "informatieobjecttype"
    __table_args__ = (Index("ix_informatieobjecttype_catalogus_omschrijving", "catalogus_id", "omschrijving"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    catalogus_id: Mapped[int] = mapped_column(ForeignKey("catalogus.id", ondelete="CASCADE"), index=True)
    catalogus: Mapped[Catalogus] = relationship(lazy="raise")
    omschrijving: Mapped[str] = mapped_column(String(80))
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20))
    informatieobjectcategorie: Mapped[str] = mapped_column(String(80))
    trefwoord: Mapped[list] = mapped_column(JSON, default=list)
    omschrijving_generiek: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    concept: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
