"""The Rapportage database: declarative base and the (unused) outbox.

Rapportage publishes no notifications; the outbox tables exist because every registered service
has one (`zgw outbox status`, `zgw dispatch` iterate all services)."""

from sqlalchemy.orm import DeclarativeBase

from shared.db import service_metadata
from shared.outbox import Outbox


class Base(DeclarativeBase):
    metadata = service_metadata()


outbox = Outbox(Base.metadata)
