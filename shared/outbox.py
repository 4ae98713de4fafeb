"""Transactional outbox: the Notificaties API message is inserted in the same transaction as the
change it announces, so a committed change always has its message and a rolled-back one never.
Delivery (a dispatcher) reads this table after commit.
"""

import uuid
from datetime import UTC, datetime

from sqlalchemy import JSON, Column, DateTime, Index, Integer, MetaData, String, Table, Uuid, insert
from sqlalchemy.orm import Session

ACTIES = ("create", "update", "partial_update", "destroy")


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class Outbox:
    """The `outbox` table of one service's database."""

    def __init__(self, metadata: MetaData):
        self.table = Table(
            "outbox",
            metadata,
            Column("id", Integer, primary_key=True, autoincrement=True),
            Column("uuid", Uuid, nullable=False, unique=True, default=uuid.uuid4),
            Column("kanaal", String(50), nullable=False),
            Column("hoofd_object", String(1000), nullable=False),
            Column("resource", String(100), nullable=False),
            Column("actie", String(20), nullable=False),
            # The complete Notificaties API message, as it will be POSTed.
            Column("message", JSON, nullable=False),
            Column("created_at", DateTime(timezone=True), nullable=False, default=utcnow),
            Column("delivered_at", DateTime(timezone=True), nullable=True),
            Index("ix_outbox_undelivered", "delivered_at", "id"),
        )

    def enqueue(
        self,
        session: Session,
        *,
        kanaal: str,
        hoofd_object: str,
        resource: str,
        resource_url: str,
        actie: str,
        kenmerken: dict[str, str],
    ) -> dict:
        if actie not in ACTIES:
            raise ValueError(f"unknown actie {actie!r}")
        now = utcnow()
        message = {
            "kanaal": kanaal,
            "hoofdObject": hoofd_object,
            "resource": resource,
            "resourceUrl": resource_url,
            "actie": actie,
            "aanmaakdatum": iso_utc(now),
            "kenmerken": {k: ("" if v is None else str(v)) for k, v in kenmerken.items()},
        }
        session.execute(
            insert(self.table).values(
                uuid=uuid.uuid4(),
                kanaal=kanaal,
                hoofd_object=hoofd_object,
                resource=resource,
                actie=actie,
                message=message,
                created_at=now,
            )
        )
        return message
