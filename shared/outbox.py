"""Transactional outbox: the Notificaties API message is inserted in the same transaction as the
change it announces, so a committed change always has its message and a rolled-back one never.

Each message gets a delivery row per configured target (a Notificaties API, a webhook subscriber)
whose kanalen it matches, also in that transaction. The dispatcher (shared.dispatcher) works
through those rows after commit: each target has its own state, so one dead subscriber holds
back nobody else.
"""

import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    bindparam,
    func,
    insert,
    literal,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert

from shared import utc
from shared.db import is_postgresql
from shared.targets import Target

ACTIES = ("create", "update", "partial_update", "destroy")


def targets_of(session: Session) -> list[Target]:
    """The targets of the service whose session this is (set on its sessionmaker by the app)."""
    return session.info.get("outbox_targets", [])


def record_table(name: str, metadata: MetaData, *columns: Column | Index) -> Table:
    """A kernel table of records written in the transaction of the change they are about (an
    outbox message, an audit record): its `id` orders them as written, its `uuid` names one
    outside the database."""
    return Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("uuid", Uuid, nullable=False, unique=True, default=uuid.uuid4),
        *columns,
    )


class Outbox:
    """The `outbox` and `outbox_delivery` tables of one service's database."""

    def __init__(self, metadata: MetaData):
        self.table = record_table(
            "outbox",
            metadata,
            Column("kanaal", String(50), nullable=False),
            Column("hoofd_object", String(1000), nullable=False),
            Column("resource", String(100), nullable=False),
            Column("actie", String(20), nullable=False),
            # The complete Notificaties API message, as it will be POSTed.
            Column("message", JSON, nullable=False),
            Column("created_at", DateTime(timezone=True), nullable=False, default=utc.now),
            Index("ix_outbox_created_at", "created_at"),
        )
        undelivered = "delivered_at IS NULL"
        self.delivery = Table(
            "outbox_delivery",
            metadata,
            Column("id", Integer, primary_key=True, autoincrement=True),
            Column("outbox_id", Integer, ForeignKey("outbox.id", ondelete="CASCADE"), nullable=False, index=True),
            Column("target", String(100), nullable=False),
            # copied from the message: deliveries of one hoofdObject go out in commit order
            Column("hoofd_object", String(1000), nullable=False),
            Column("next_attempt_at", DateTime(timezone=True), nullable=False),
            Column("claimed_until", DateTime(timezone=True), nullable=True),
            Column("attempts", Integer, nullable=False, default=0),
            Column("last_error", Text, nullable=True),
            Column("last_attempt_at", DateTime(timezone=True), nullable=True),
            Column("delivered_at", DateTime(timezone=True), nullable=True),
            # what a dispatcher claims: the due, undelivered rows of one target
            Index(
                "ix_outbox_delivery_due",
                "target",
                "next_attempt_at",
                "id",
                postgresql_where=text(undelivered),
                sqlite_where=text(undelivered),
            ),
            # the ordering check: an earlier undelivered row for the same target and hoofdObject
            Index(
                "ix_outbox_delivery_order",
                "target",
                "hoofd_object",
                "id",
                postgresql_where=text(undelivered),
                sqlite_where=text(undelivered),
            ),
        )
        # the statements of `enqueue`, each built once (compiled and cache-keyed once), run with
        # the message's values as parameters
        self._insert = insert(self.table)
        self._insert_returning_id = insert(self.table).returning(self.table.c.id)
        # PostgreSQL: the message and a delivery row per target (`targets`, an array) in one statement
        self._insert_with_deliveries = self._with_deliveries()
        self._with_companion: dict[tuple[Table, bool], Any] = {}

    def _values(self) -> Insert:
        return insert(self.table).values({c: bindparam(c.name) for c in self.table.c if c.name != "id"})

    def _with_deliveries(self) -> Insert:
        written = self._values().returning(self.table.c.id, self.table.c.hoofd_object, self.table.c.created_at).cte("written")
        return insert(self.delivery).from_select(
            ["outbox_id", "target", "hoofd_object", "next_attempt_at", "attempts"],
            select(
                written.c.id,
                func.unnest(bindparam("targets", type_=ARRAY(String))),
                written.c.hoofd_object,
                written.c.created_at,
                literal(0, Integer),
            ),
        )

    def _companion_statement(self, companion: Table, deliveries: bool) -> Insert:
        """PostgreSQL: the message (and its deliveries) with a row of `companion` in one statement,
        its values as parameters named `<table>_<column>`; built once per table."""
        key = (companion, deliveries)
        statement = self._with_companion.get(key)
        if statement is None:
            row = insert(companion).values({c: bindparam(f"{companion.name}_{c.name}") for c in companion.c if c.name != "id"})
            base = self._with_deliveries() if deliveries else self._values()
            statement = self._with_companion[key] = base.add_cte(row.cte(f"{companion.name}_written"))
        return statement

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
        companion: tuple[Table, dict] | None = None,
    ) -> dict:
        """The message, written in the session's transaction with a delivery row per target that
        wants its kanaal. `companion`: a row of another table written with it (the action's audit
        record: `shared.changes`), on PostgreSQL in the same statement (a round trip and a
        statement's work less per write)."""
        if actie not in ACTIES:
            raise ValueError(f"unknown actie {actie!r}")
        now = utc.now()
        message = {
            "kanaal": kanaal,
            "hoofdObject": hoofd_object,
            "resource": resource,
            "resourceUrl": resource_url,
            "actie": actie,
            "aanmaakdatum": utc.iso(now),
            "kenmerken": {k: ("" if v is None else str(v)) for k, v in kenmerken.items()},
        }
        row = {
            "uuid": uuid.uuid4(),
            "kanaal": kanaal,
            "hoofd_object": hoofd_object,
            "resource": resource,
            "actie": actie,
            "message": message,
            "created_at": now,
        }
        targets = [t.name for t in targets_of(session) if t.wants(kanaal)]
        postgresql = is_postgresql(session)
        if companion is not None and postgresql:
            table, values = companion
            parameters = {**row, **{f"{table.name}_{name}": value for name, value in values.items()}}
            if targets:
                parameters["targets"] = targets
            session.execute(self._companion_statement(table, bool(targets)), parameters)
        else:
            if companion is not None:
                session.execute(insert(companion[0]), companion[1])
            if not targets:
                session.execute(self._insert, row)
            elif postgresql:
                session.execute(self._insert_with_deliveries, {**row, "targets": targets})  # one round trip
            else:
                outbox_id = session.execute(self._insert_returning_id, row).scalar_one()
                session.execute(
                    insert(self.delivery),
                    [
                        {"outbox_id": outbox_id, "target": name, "hoofd_object": hoofd_object, "next_attempt_at": now, "attempts": 0}
                        for name in targets
                    ],
                )
        session.info["outbox_written"] = True  # the dispatcher in this process wakes after commit
        return message
