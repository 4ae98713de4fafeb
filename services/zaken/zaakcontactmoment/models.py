from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.zaken.db import Base
from services.zaken.zaak.models import ZaakChildColumns


class ZaakContactMoment(ZaakChildColumns, Base):
    __tablename__ = "zaakcontactmoment"
    __table_args__ = (UniqueConstraint("zaak_id", "contactmoment", name="uq_zaakcontactmoment_zaak_contactmoment"),)

    contactmoment: Mapped[str] = mapped_column(String(1000), index=True)
