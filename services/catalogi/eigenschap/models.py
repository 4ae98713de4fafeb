from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from services.catalogi.common import GeldigheidColumns, SubTypeColumns
from services.catalogi.db import Base


class Eigenschap(SubTypeColumns, GeldigheidColumns, Base):
    __tablename__ = "eigenschap"

    naam: Mapped[str] = mapped_column(String(20))
    definitie: Mapped[str] = mapped_column(String(255))
    # {"groep", "formaat", "lengte", "kardinaliteit", "waardenverzameling"}
    specificatie: Mapped[dict] = mapped_column(JSON)
    toelichting: Mapped[str] = mapped_column(String(1000), default="")
    statustype_id: Mapped[int | None] = mapped_column(ForeignKey("statustype.id", ondelete="SET NULL"), nullable=True, index=True)
