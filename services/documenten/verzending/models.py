import datetime as dt
import uuid as uuid_module

from sqlalchemy import JSON, Boolean, Date, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.documenten.db import Base
from services.documenten.enkelvoudiginformatieobject.models import InformatieObject


class Verzending(Base):
    __tablename__ = "verzending"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(Uuid, unique=True, default=uuid_module.uuid4)
    informatieobject_id: Mapped[int] = mapped_column(ForeignKey("informatieobject.id", ondelete="CASCADE"), index=True)
    betrokkene: Mapped[str] = mapped_column(String(200), index=True)
    aard_relatie: Mapped[str] = mapped_column(String(20), index=True)
    toelichting: Mapped[str] = mapped_column(String(200), default="")
    ontvangstdatum: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    verzenddatum: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    contact_persoon: Mapped[str] = mapped_column(String(1000))
    contactpersoonnaam: Mapped[str] = mapped_column(String(40), default="")
    # the address objects as the API shows them (one of the three, or none)
    binnenlands_correspondentieadres: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    buitenlands_correspondentieadres: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    correspondentie_postadres: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    faxnummer: Mapped[str | None] = mapped_column(String(15), nullable=True)
    emailadres: Mapped[str | None] = mapped_column(String(100), nullable=True)
    mijn_overheid: Mapped[bool] = mapped_column(Boolean, default=False)
    telefoonnummer: Mapped[str | None] = mapped_column(String(15), nullable=True)

    # loaded with the object by every query (services/documenten/child.py), never lazily
    informatieobject: Mapped[InformatieObject] = relationship(lazy="raise")
