"""Rows the tests need before the API of their resource exists: inserted through the ORM, for
resultaattypen and zaaktype-informatieobjecttypen tests (besluittypen, informatieobjecttypen,
statustypen)."""

import datetime as dt
import uuid

from sqlalchemy import select

from services.catalogi import API_ROOT
from services.catalogi.besluittype.models import BesluitType
from services.catalogi.catalogus.models import Catalogus
from services.catalogi.informatieobjecttype.models import InformatieObjectType
from services.catalogi.statustype.models import StatusType
from services.catalogi.zaaktype.models import ZaakType

BASE = f"http://testserver{API_ROOT}"


def _uuid(url: str) -> uuid.UUID:
    return uuid.UUID(url.rstrip("/").rsplit("/", 1)[1])


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _insert(app, make) -> str:
    with app.state.db.session() as session:
        obj = make(session)
        session.add(obj)
        session.commit()
        return obj.uuid


def insert_informatieobjecttype(app, catalogus_url: str, omschrijving: str = "Aanvraag", *, concept: bool = True, begin: str = "2024-01-01", einde: str | None = None) -> str:
    def make(session):
        catalogus_id = session.scalar(select(Catalogus.id).where(Catalogus.uuid == _uuid(catalogus_url)))
        return InformatieObjectType(
            uuid=uuid.uuid4(),
            catalogus_id=catalogus_id,
            omschrijving=omschrijving,
            vertrouwelijkheidaanduiding="openbaar",
            informatieobjectcategorie="Brief",
            trefwoord=[],
            concept=concept,
            begin_geldigheid=_day(begin),
            einde_geldigheid=_day(einde),
        )

    return f"{BASE}/informatieobjecttypen/{_insert(app, make)}"


def insert_besluittype(app, catalogus_url: str, omschrijving: str = "Vergunning", *, concept: bool = True, begin: str = "2024-01-01", einde: str | None = None) -> str:
    def make(session):
        catalogus_id = session.scalar(select(Catalogus.id).where(Catalogus.uuid == _uuid(catalogus_url)))
        return BesluitType(
            uuid=uuid.uuid4(),
            catalogus_id=catalogus_id,
            omschrijving=omschrijving,
            publicatie_indicatie=False,
            concept=concept,
            begin_geldigheid=_day(begin),
            einde_geldigheid=_day(einde),
        )

    return f"{BASE}/besluittypen/{_insert(app, make)}"


def insert_statustype(app, zaaktype_url: str, volgnummer: int = 1, omschrijving: str = "Ontvangen") -> str:
    def make(session):
        zaaktype_id = session.scalar(select(ZaakType.id).where(ZaakType.uuid == _uuid(zaaktype_url)))
        return StatusType(uuid=uuid.uuid4(), zaaktype_id=zaaktype_id, omschrijving=omschrijving, volgnummer=volgnummer, checklistitem_statustype=[])

    return f"{BASE}/statustypen/{_insert(app, make)}"


def set_concept(app, model, url: str, concept: bool) -> None:
    with app.state.db.session() as session:
        obj = session.scalar(select(model).where(model.uuid == _uuid(url)))
        obj.concept = concept
        session.commit()
