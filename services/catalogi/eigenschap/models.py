import uuid as uuid_module

from sqlalchemy import JSON, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.catalogi.common import GeldigheidColumns
from services.catalogi.db import Base
from services.catalogi.zaaktype.models import ZaakType


class Eigenschap(GeldigheidColumns, Base):
    __tablename__ = "eigenschap"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"), index=True)
    zaaktype: Mapped[ZaakType] = relationship(lazy="raise")
    naam: Mapped[str] = mapped_column(String(20))
    definitie: Mapped[str] = mapped_column(String(255))
    # {"groep", "formaat", "lengte", "kardinaliteit", "waardenverzameling"}
    specificatie: Mapped[dict] = mapped_column(JSON)
    toelichting: Mapped[str] = mapped_column(String(1000), default="")
    statustype_id: Mapped[int | None] = mapped_column(ForeignKey("statustype.id", ondelete="SET NULL"), nullable=True, index=True)
