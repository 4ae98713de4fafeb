"""The Autorisaties database: declarative base and the outbox table."""

from sqlalchemy.orm import DeclarativeBase

from shared.db import service_metadata
from shared.outbox import Outbox


class Base(DeclarativeBase):
    metadata = service_metadata()


outbox = Outbox(Base.metadata)
