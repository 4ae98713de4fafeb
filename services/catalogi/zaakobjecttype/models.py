from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from services.catalogi.common import GeldigheidColumns, SubTypeColumns
from services.catalogi.db import Base


class ZaakObjectType(SubTypeColumns, GeldigheidColumns, Base):
    __tablename__ = "zaakobjecttype"

    ander_objecttype: Mapped[bool] = mapped_column(Boolean, default=False)
    objecttype: Mapped[str] = mapped_column(String(200), index=True)
    relatie_omschrijving: Mapped[str] = mapped_column(String(80))


class ZaakObjectTypeStatusType(Base):
    __tablename__ = "zaakobjecttype_statustype"

    zaakobjecttype_id: Mapped[int] = mapped_column(ForeignKey("zaakobjecttype.id", ondelete="CASCADE"), primary_key=True)
    statustype_id: Mapped[int] = mapped_column(ForeignKey("statustype.id", ondelete="CASCADE"), primary_key=True, index=True)


class ZaakObjectTypeResultaatType(Base):
    __tablename__ = "zaakobjecttype_resultaattype"

    zaakobjecttype_id: Mapped[int] = mapped_column(ForeignKey("zaakobjecttype.id", ondelete="CASCADE"), primary_key=True)
    resultaattype_id: Mapped[int] = mapped_column(ForeignKey("resultaattype.id", ondelete="CASCADE"), primary_key=True, index=True)
