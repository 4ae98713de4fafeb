import uuid as uuid_module

from sqlalchemy import ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.catalogi.common import GeldigheidColumns
from services.catalogi.db import Base
from services.catalogi.zaaktype.models import ZaakType


class RolType(GeldigheidColumns, Base):
    __tablename__ = "roltype"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"), index=True)
    zaaktype: Mapped[ZaakType] = relationship(lazy="raise")
    omschrijving: Mapped[str] = mapped_column(String(100))
    omschrijving_generiek: Mapped[str] = mapped_column(String(20), index=True)
