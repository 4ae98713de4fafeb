from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.zaken.db import Base
from services.zaken.zaak.models import ZaakChildColumns


class ZaakBesluit(ZaakChildColumns, Base):
    __tablename__ = "zaakbesluit"
    __table_args__ = (UniqueConstraint("zaak_id", "besluit", name="uq_zaakbesluit_zaak_besluit"),)

    besluit: Mapped[str] = mapped_column(String(1000), index=True)
