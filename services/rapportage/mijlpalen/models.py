import datetime as dt

from sqlalchemy import Date, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.rapportage.db import Base


class Mijlpaal(Base):
    """A celebrated milestone; `sleutel` makes each one happen once."""

    __tablename__ = "rpt_mijlpaal"

    id: Mapped[int] = mapped_column(primary_key=True)
    sleutel: Mapped[str] = mapped_column(String(1300), unique=True)
    soort: Mapped[str] = mapped_column(String(30))
    titel: Mapped[str] = mapped_column(String(500))
    # the day it was reached (e.g. the registratiedatum of the 1,000th zaak), and when we saw it
    datum: Mapped[dt.date] = mapped_column(Date, index=True)
    vastgesteld_op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    zaaktype_groep: Mapped[str | None] = mapped_column(String(1200), nullable=True)
    waarde: Mapped[int | None] = mapped_column(Integer, nullable=True)
