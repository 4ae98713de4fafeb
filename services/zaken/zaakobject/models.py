from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from services.zaken.db import Base
from services.zaken.zaak.models import ZaakChildColumns


class ZaakObject(ZaakChildColumns, Base):
    __tablename__ = "zaakobject"
    __table_args__ = (
        Index("ix_zaakobject_zaak_id", "zaak_id"),
        Index("ix_zaakobject_object", "object"),
    )

    object: Mapped[str] = mapped_column(String(1000), default="")
    zaakobjecttype: Mapped[str] = mapped_column(String(1000), default="")
    object_type: Mapped[str] = mapped_column(String(100))
    object_type_overige: Mapped[str] = mapped_column(String(100), default="")
    object_type_overige_definitie: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    relatieomschrijving: Mapped[str] = mapped_column(String(80), default="")
    # the objectIdentificatie object of the objectType, as given
    object_identificatie: Mapped[dict | None] = mapped_column(JSON, nullable=True)
