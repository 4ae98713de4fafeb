import uuid as uuid_module

from sqlalchemy import JSON, ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.zaken.db import Base
from services.zaken.zaak.models import Zaak


class ZaakObject(Base):
    __tablename__ = "zaakobject"
    __table_args__ = (
        Index("ix_zaakobject_zaak_id", "zaak_id"),
        Index("ix_zaakobject_object", "object"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"))
    zaak: Mapped[Zaak] = relationship(lazy="raise")
    object: Mapped[str] = mapped_column(String(1000), default="")
    zaakobjecttype: Mapped[str] = mapped_column(String(1000), default="")
    object_type: Mapped[str] = mapped_column(String(100))
    object_type_overige: Mapped[str] = mapped_column(String(100), default="")
    object_type_overige_definitie: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    relatieomschrijving: Mapped[str] = mapped_column(String(80), default="")
    # the objectIdentificatie object of the objectType, as given
    object_identificatie: Mapped[dict | None] = mapped_column(JSON, nullable=True)
