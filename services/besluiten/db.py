"""The Besluiten database: declarative base, the outbox and the audit trail."""

from sqlalchemy.orm import DeclarativeBase

from shared.audittrail import AuditTrail
from shared.db import service_metadata
from shared.outbox import Outbox


class Base(DeclarativeBase):
    metadata = service_metadata()


outbox = Outbox(Base.metadata)
audittrail = AuditTrail(Base.metadata)
