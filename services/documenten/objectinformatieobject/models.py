import uuid as uuid_module

from sqlalchemy import ForeignKey, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.documenten.db import Base
from services.documenten.enkelvoudiginformatieobject.models import InformatieObject


class ObjectInformatieObject(Base):
    """The relation of an informatieobject with a zaak or besluit, mirrored from the API that holds
    the relation (drc-002..004)."""

    __tablename__ = "objectinformatieobject"
    # drc-003: one relation per (object, informatieobject)
    __table_args__ = (UniqueConstraint("informatieobject_id", "object", name="uq_objectinformatieobject_object"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    informatieobject_id: Mapped[int] = mapped_column(ForeignKey("informatieobject.id", ondelete="CASCADE"), index=True)
    object: Mapped[str] = mapped_column(String(1000), index=True)
    object_type: Mapped[str] = mapped_column(String(20))

    # loaded with the object by every query (services/documenten/child.py), never lazily
    informatieobject: Mapped[InformatieObject] = relationship(lazy="raise")
