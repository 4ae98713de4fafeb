"""Audit trail: every write on a hoofdobject (e.g. a zaak) and its related objects is recorded on
that hoofdobject, in the same transaction as the write ([NRC "Audittrail"], vng-api-common
`audittrails`). The trail is served read-only per hoofdobject (`GET /zaken/{zaak_uuid}/audittrail`,
scope `audittrails.lezen`), oldest first, and deleted together with its hoofdobject (zrc-023).

Like the outbox, `AuditTrail(metadata)` adds an `audittrail` table to one service's metadata.
Records are found by the path of the hoofdobject URL (`hoofd_object_path`), so a trail written
through one host name (e.g. behind a proxy) is found through another; `hoofdObject` itself is
returned as written.
"""

import enum
import json
import uuid as uuid_module
from datetime import UTC, datetime
from typing import Annotated, Any, cast
from urllib.parse import urlsplit

from fastapi import Header
from pydantic import Field, create_model
from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    delete,
    insert,
    select,
)
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from shared import utc
from shared.api_model import ApiModel
from shared.auth import Principal
from shared.http import json_dumps
from shared.outbox import record_table

SCOPE_AUDITTRAILS_LEZEN = "audittrails.lezen"


class BronEnum(str, enum.Enum):
    """The component where the change was made (`AuditTrail.bron`, vng-api-common ComponentTypes)."""

    ac = "ac"
    nrc = "nrc"
    zrc = "zrc"
    ztc = "ztc"
    drc = "drc"
    brc = "brc"
    cmc = "cmc"
    kc = "kc"
    vrc = "vrc"


# vng-api-common CommonResourceAction: the known acties and their weergave (other acties are allowed).
ACTIE_WEERGAVEN = {
    "create": "Object aangemaakt",
    "list": "Lijst van objecten opgehaald",
    "retrieve": "Object opgehaald",
    "destroy": "Object verwijderd",
    "update": "Object bijgewerkt",
    "partial_update": "Object deels bijgewerkt",
}

# The request headers the official spec documents on audited writes; declare them on the operation.
AuditToelichting = Annotated[
    str | None,
    Header(alias="X-Audit-Toelichting", description="Toelichting waarom een bepaald verzoek wordt gedaan"),
]
NlxLogrecordId = Annotated[
    str | None,
    Header(alias="X-NLX-Logrecord-ID", description="Identifier of the request, traceable throughout the network"),
]


async def declare_audit_headers(toelichting: AuditToelichting = None, logrecord_id: NlxLogrecordId = None) -> None:
    """Dependency that documents the audit request headers on an operation (the writer reads them
    from the request itself). Async: FastAPI runs a sync dependency in the thread pool."""


# Column sizes of the standard (AuditTrail maxLength); values from the JWT are cut to fit.
_LENGTHS = {
    "applicatie_id": 100,
    "applicatie_weergave": 200,
    "gebruikers_id": 255,
    "gebruikers_weergave": 255,
    "actie": 50,
    "actie_weergave": 200,
    "hoofd_object": 1000,
    "resource": 50,
    "resource_url": 1000,
    "resource_weergave": 200,
}


def _fit(name: str, value: str | None) -> str:
    text = (value or "").replace("\x00", "")  # no database stores NUL in text
    limit = _LENGTHS.get(name)
    return text[:limit] if limit else text


def _path_of(url: str) -> str:
    """The lookup key of a hoofdobject: its URL without scheme and host."""
    return urlsplit(url).path.rstrip("/")[:1000]


def _json_safe(body: dict | None) -> dict | None:
    """What a client would see of a serialized resource (which may hold dates, decimals), as the
    JSON column stores it (shared.db.write_json writes it as the responses do): a copy only where
    the body holds more than JSON's own types, so the record served is the one stored."""
    if body is None or _plain(body):
        return body
    return json.loads(json_dumps(body))


def _plain(value: Any) -> bool:
    if isinstance(value, str | bool | int | float) or value is None:
        return True
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return False


class AuditTrail:
    """The `audittrail` table of one service's database, and its writer/reader."""

    def __init__(self, metadata: MetaData):
        self.table = record_table(
            "audittrail",
            metadata,
            Column("bron", String(50), nullable=False),
            Column("applicatie_id", String(100), nullable=False, default=""),
            Column("applicatie_weergave", String(200), nullable=False, default=""),
            Column("gebruikers_id", String(255), nullable=False, default=""),
            Column("gebruikers_weergave", String(255), nullable=False, default=""),
            Column("actie", String(50), nullable=False),
            Column("actie_weergave", String(200), nullable=False, default=""),
            Column("resultaat", Integer, nullable=False),
            Column("hoofd_object", String(1000), nullable=False),
            Column("hoofd_object_path", String(1000), nullable=False),
            Column("resource", String(50), nullable=False),
            Column("resource_url", String(1000), nullable=False),
            Column("toelichting", Text, nullable=False, default=""),
            Column("resource_weergave", String(200), nullable=False),
            Column("aanmaakdatum", DateTime(timezone=True), nullable=False, default=utc.now),
            Column("oud", JSON, nullable=True),
            Column("nieuw", JSON, nullable=True),
            Index("ix_audittrail_hoofd_object_path", "hoofd_object_path", "id"),
        )
        self._insert = insert(self.table)

    def record(self, session: Session, **fields: Any) -> dict:
        """Record one action in the caller's transaction (never commits) and return it as served
        (`fields`: those of `row`)."""
        values = self.row(**fields)
        self.insert(session, values)
        return self._as_json(values)

    def insert(self, session: Session, values: dict) -> None:
        """A `row` into the table, in the caller's transaction."""
        session.execute(self._insert, values)  # one statement object: compiled and cache-keyed once

    def row(
        self,
        *,
        principal: Principal,
        bron: str,
        actie: str,
        resultaat: int,
        hoofd_object: str,
        resource: str,
        resource_url: str,
        resource_weergave: str,
        oud: dict | None,
        nieuw: dict | None,
        toelichting: str | None = "",
    ) -> dict:
        """The table row of one action, for `record` or written with the action's notification in
        one statement (`Outbox.enqueue`'s `companion`).

        `oud`/`nieuw` are the resource's JSON before/after (None for create/destroy). applicatieId is
        the client_id, applicatieWeergave the applicatie's label; gebruikersId/-Weergave come from the
        JWT claims `user_id`/`user_representation`.
        """
        bron = BronEnum(bron).value  # a wrong bron is a programming error
        if not 100 <= int(resultaat) <= 599:
            raise ValueError(f"resultaat {resultaat!r} is no HTTP status")
        return {
            "uuid": uuid_module.uuid4(),
            "bron": bron,
            "applicatie_id": _fit("applicatie_id", principal.client_id),
            "applicatie_weergave": _fit("applicatie_weergave", principal.applicatie.label),
            "gebruikers_id": _fit("gebruikers_id", principal.user_id),
            "gebruikers_weergave": _fit("gebruikers_weergave", principal.user_representation),
            "actie": _fit("actie", actie),
            "actie_weergave": ACTIE_WEERGAVEN.get(actie, ""),
            "resultaat": int(resultaat),
            "hoofd_object": _fit("hoofd_object", hoofd_object),
            "hoofd_object_path": _path_of(hoofd_object),
            "resource": _fit("resource", resource),
            "resource_url": _fit("resource_url", resource_url),
            "toelichting": _fit("toelichting", toelichting),
            "resource_weergave": _fit("resource_weergave", resource_weergave),
            "aanmaakdatum": utc.now(),
            "oud": _json_safe(oud),
            "nieuw": _json_safe(nieuw),
        }

    def list_for(self, session: Session, hoofd_object: str) -> list[dict]:
        """The trail of one hoofdobject, oldest first (chronological, as the reference implementation)."""
        rows = session.execute(
            select(self.table).where(self.table.c.hoofd_object_path == _path_of(hoofd_object)).order_by(self.table.c.id)
        ).mappings()
        return [self._as_json(row) for row in rows]

    def get(self, session: Session, hoofd_object: str, record_uuid: uuid_module.UUID | str) -> dict | None:
        """One record of the hoofdobject's trail, or None (also for a record of another hoofdobject)."""
        try:
            record_uuid = record_uuid if isinstance(record_uuid, uuid_module.UUID) else uuid_module.UUID(str(record_uuid))
        except ValueError:
            return None
        row = (
            session.execute(
                select(self.table).where(self.table.c.hoofd_object_path == _path_of(hoofd_object), self.table.c.uuid == record_uuid)
            )
            .mappings()
            .first()
        )
        return None if row is None else self._as_json(row)

    def delete_for(self, session: Session, hoofd_object: str) -> int:
        """zrc-023: a deleted hoofdobject takes its audit trail along. Returns the number removed."""
        result = session.execute(delete(self.table).where(self.table.c.hoofd_object_path == _path_of(hoofd_object)))
        return cast(CursorResult, result).rowcount or 0  # a DELETE's result is a cursor's

    @staticmethod
    def _as_json(row) -> dict:
        moment: datetime = row["aanmaakdatum"]
        if moment.tzinfo is None:  # SQLite keeps no offset; we always store UTC
            moment = moment.replace(tzinfo=UTC)
        return {
            "uuid": str(row["uuid"]),
            "bron": row["bron"],
            "applicatieId": row["applicatie_id"],
            "applicatieWeergave": row["applicatie_weergave"],
            "gebruikersId": row["gebruikers_id"],
            "gebruikersWeergave": row["gebruikers_weergave"],
            "actie": row["actie"],
            "actieWeergave": row["actie_weergave"],
            "resultaat": row["resultaat"],
            "hoofdObject": row["hoofd_object"],
            "resource": row["resource"],
            "resourceUrl": row["resource_url"],
            "toelichting": row["toelichting"],
            "resourceWeergave": row["resource_weergave"],
            "aanmaakdatum": utc.iso(moment),
            "wijzigingen": {"oud": row["oud"], "nieuw": row["nieuw"]},
        }


# The response models for the contract (`AuditTrail`, `Wijzigingen` in the official spec). Built
# with create_model so the schema is named `AuditTrail` next to the writer class above.
Wijzigingen = create_model(
    "Wijzigingen",
    __base__=ApiModel,
    oud=(
        dict[str, Any] | None,
        Field(description="Volledige JSON body van het object zoals dat bestond voordat de actie heeft plaatsgevonden."),
    ),
    nieuw=(dict[str, Any] | None, Field(description="Volledige JSON body van het object na de actie.")),
)

AuditTrailResponse = create_model(
    "AuditTrail",
    __base__=ApiModel,
    uuid=(uuid_module.UUID, Field(description="Unieke identificatie van de audit regel.")),
    bron=(BronEnum, Field(description="De naam van het component waar de wijziging in is gedaan.")),
    applicatie_id=(
        str,
        Field(alias="applicatieId", max_length=100, description="Unieke identificatie van de applicatie, binnen de organisatie."),
    ),
    applicatie_weergave=(str, Field(alias="applicatieWeergave", max_length=200, description="Vriendelijke naam van de applicatie.")),
    gebruikers_id=(
        str,
        Field(
            alias="gebruikersId",
            max_length=255,
            description="Unieke identificatie van de gebruiker die binnen de organisatie herleid kan worden naar een persoon.",
        ),
    ),
    gebruikers_weergave=(str, Field(alias="gebruikersWeergave", max_length=255, description="Vriendelijke naam van de gebruiker.")),
    actie=(str, Field(max_length=50, description="De uitgevoerde handeling.")),
    actie_weergave=(str, Field(alias="actieWeergave", max_length=200, description="Vriendelijke naam van de actie.")),
    resultaat=(int, Field(ge=100, le=599, description="HTTP status code van de API response van de uitgevoerde handeling.")),
    hoofd_object=(
        str,
        Field(
            alias="hoofdObject",
            max_length=1000,
            json_schema_extra={"format": "uri"},
            description="De URL naar het hoofdobject van een component.",
        ),
    ),
    resource=(str, Field(max_length=50, description="Het type resource waarop de actie gebeurde.")),
    resource_url=(
        str,
        Field(alias="resourceUrl", max_length=1000, json_schema_extra={"format": "uri"}, description="De URL naar het object."),
    ),
    toelichting=(str, Field(description="Toelichting waarom de handeling is uitgevoerd.")),
    resource_weergave=(str, Field(alias="resourceWeergave", max_length=200, description="Vriendelijke identificatie van het object.")),
    aanmaakdatum=(
        datetime,
        Field(json_schema_extra={"readOnly": True}, description="De datum waarop de handeling is gedaan."),
    ),
    wijzigingen=(Wijzigingen, Field()),
)
