import uuid as uuid_module

from sqlalchemy import Boolean, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.catalogi.common import GeldigheidColumns
from services.catalogi.db import Base
from services.catalogi.zaaktype.models import ZaakType


class ZaakObjectType(GeldigheidColumns, Base):
    __tablename__ = "zaakobjecttype"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    zaaktype_id: Mapped[int] = mapped_column(ForeignKey("zaaktype.id", ondelete="CASCADE"), index=True)
    zaaktype: Mapped[ZaakType] = relationship(lazy="raise")
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
