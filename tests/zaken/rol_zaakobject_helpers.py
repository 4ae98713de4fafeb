"""Helpers of the rol and zaakobject tests: state that other resources (status) would produce,
written directly, so these tests do not depend on those resources."""

import datetime as dt
import uuid as uuid_module

from sqlalchemy import select, update

from services.zaken.rol.models import Rol
from services.zaken.status.models import Status
from services.zaken.zaak.models import Zaak


def uuid_of(url: str) -> uuid_module.UUID:
    return uuid_module.UUID(url.rstrip("/").rsplit("/", 1)[1])


def close_zaak(zaken_app, zaak_url: str, einddatum: dt.date = dt.date(2026, 1, 10)) -> None:
    """The zaak as an eindstatus leaves it: einddatum set (zrc-007)."""
    with zaken_app.state.db.session() as session, session.begin():
        session.execute(update(Zaak).where(Zaak.uuid == uuid_of(zaak_url)).values(einddatum=einddatum))


def add_status_gezet_door(zaken_app, zaak_url: str, rol_url: str, statustype: str, moment: dt.datetime) -> str:
    """A status of the zaak that this rol set (Status.gezetdoor); returns its uuid."""
    with zaken_app.state.db.session() as session, session.begin():
        zaak_id = session.scalar(select(Zaak.id).where(Zaak.uuid == uuid_of(zaak_url)))
        rol_id = session.scalar(select(Rol.id).where(Rol.uuid == uuid_of(rol_url)))
        status = Status(uuid=uuid_module.uuid4(), zaak_id=zaak_id, statustype=statustype, datum_status_gezet=moment, gezetdoor_id=rol_id)
        session.add(status)
        session.flush()
        return str(status.uuid)
