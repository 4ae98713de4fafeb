from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.zaken.db import Base
from services.zaken.zaak.models import ZaakChildColumns


class ZaakVerzoek(ZaakChildColumns, Base):
    __tablename__ = "zaakverzoek"
    __table_args__ = (UniqueConstraint("zaak_id", "verzoek", name="uq_zaakverzoek_zaak_verzoek"),)

    verzoek: Mapped[str] = mapped_column(String(1000), index=True)
