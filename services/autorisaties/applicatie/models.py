"""An applicatie, its client_ids (each belongs to one applicatie) and its autorisaties.

No ORM relationships: the service reads and replaces client_ids and autorisaties with explicit
queries (a replaced client_id is deleted before its successor is inserted, so the unique
constraint never trips over an applicatie's own id).
"""

import uuid as uuid_module

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from services.autorisaties.db import Base


class Applicatie(Base):
    __tablename__ = "applicatie"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    label: Mapped[str] = mapped_column(String(100))
    heeft_alle_autorisaties: Mapped[bool] = mapped_column(Boolean, default=False)


class ApplicatieClientId(Base):
    """One client_id of an applicatie; unique over all applicaties (`clientId-exists`)."""

    __tablename__ = "applicatie_client_id"

    id: Mapped[int] = mapped_column(primary_key=True)
    applicatie_id: Mapped[int] = mapped_column(ForeignKey("applicatie.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[str] = mapped_column(String(50), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Autorisatie(Base):
    """Scopes on a component; for zrc/drc/brc limited to one zaaktype / informatieobjecttype /
    besluittype, or (extension) to every type of a `catalogus`. Blank fields are stored as ''."""

    __tablename__ = "autorisatie"

    id: Mapped[int] = mapped_column(primary_key=True)
    applicatie_id: Mapped[int] = mapped_column(ForeignKey("applicatie.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    component: Mapped[str] = mapped_column(String(10))
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    zaaktype: Mapped[str] = mapped_column(String(1000), default="")
    informatieobjecttype: Mapped[str] = mapped_column(String(1000), default="")
    besluittype: Mapped[str] = mapped_column(String(1000), default="")
    max_vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20), default="")
    catalogus: Mapped[str] = mapped_column(String(1000), default="")
