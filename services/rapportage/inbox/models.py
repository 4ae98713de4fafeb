"""The inbox: every accepted message, with its dedupe key, in the transaction of its projection.
A message whose resource could not be fetched stays `wachtend` with its error and is retried."""

import datetime as dt

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from services.rapportage.db import Base

VERWERKT = "verwerkt"
WACHTEND = "wachtend"


class InboxEvent(Base):
    __tablename__ = "rpt_inbox"
    __table_args__ = (
        Index(
            "ix_rpt_inbox_wachtend",
            "volgende_poging",
            "id",
            postgresql_where=text("status = 'wachtend'"),
            sqlite_where=text("status = 'wachtend'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # sha256 of kanaal, resourceUrl, actie and aanmaakdatum: a resent message is the same message
    sleutel: Mapped[str] = mapped_column(String(64), unique=True)
    kanaal: Mapped[str] = mapped_column(String(50))
    hoofd_object: Mapped[str] = mapped_column(String(1000), index=True)
    resource: Mapped[str] = mapped_column(String(100))
    resource_url: Mapped[str] = mapped_column(String(1000))
    actie: Mapped[str] = mapped_column(String(100))
    aanmaakdatum: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # the message as received (URLs and kenmerken only: a thin notification carries no personal data)
    bericht: Mapped[dict] = mapped_column(JSON)
    ontvangen_op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20))
    pogingen: Mapped[int] = mapped_column(Integer, default=0)
    volgende_poging: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    laatste_fout: Mapped[str | None] = mapped_column(Text, nullable=True)
    verwerkt_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
