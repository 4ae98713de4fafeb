import datetime as dt
import uuid as uuid_module

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.besluiten.besluit.models import Besluit
from services.besluiten.db import Base


class BesluitInformatieObject(Base):
    """A document in which (part of) a besluit is laid down, mirrored as an objectinformatieobject
    in the Documenten API (brc-005)."""

    __tablename__ = "besluitinformatieobject"
    __table_args__ = (UniqueConstraint("besluit_id", "informatieobject", name="uq_besluitinformatieobject_informatieobject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    # brc-009: a besluit's documents go with it
    besluit_id: Mapped[int] = mapped_column(ForeignKey("besluit.id", ondelete="CASCADE"), index=True)
    informatieobject: Mapped[str] = mapped_column(String(1000), index=True)
    # brc-004: set by this API, never by the client (the 1.0.2 contract does not show them)
    aard_relatie: Mapped[str] = mapped_column(String(20), default="legt_vast")
    registratiedatum: Mapped[dt.date] = mapped_column(Date)

    # loaded with the object by every query, never lazily
    besluit: Mapped[Besluit] = relationship(lazy="raise")
