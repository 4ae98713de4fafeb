import datetime as dt
import uuid as uuid_module

from sqlalchemy import DateTime, ForeignKey, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.documenten.db import Base
from services.documenten.enkelvoudiginformatieobject.models import InformatieObject


class Gebruiksrechten(Base):
    __tablename__ = "gebruiksrechten"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    informatieobject_id: Mapped[int] = mapped_column(ForeignKey("informatieobject.id", ondelete="CASCADE"), index=True)
    startdatum: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    einddatum: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True, index=True)
    omschrijving_voorwaarden: Mapped[str] = mapped_column(Text)

    # loaded with the object by every query (services/documenten/child.py), never lazily
    informatieobject: Mapped[InformatieObject] = relationship(lazy="raise")
