"""Helpers of the status, archivering and resultaat tests: rows of other sub-resources written
straight into the Zaken database (those resources have their own tests), resultaattypen with
another brondatumArchiefprocedure, and remote objects (documenten, besluiten, zaakobjecten)
served to the Zaken service without a network."""

import datetime as dt
import uuid
from contextlib import contextmanager

from sqlalchemy import select

from services.zaken.rol.models import Rol
from services.zaken.zaak.models import Zaak
from services.zaken.zaakbesluit.models import ZaakBesluit
from services.zaken.zaakeigenschap.models import ZaakEigenschap
from services.zaken.zaakinformatieobject.models import ZaakInformatieObject
from services.zaken.zaakobject.models import ZaakObject
from shared.remote import RemoteError
from tests.standins import referentielijsten
from tests.zaken.factories import create_status, create_zaak, published_zaaktype

API = "http://testserver/zaken/api/v1"


def uuid_of(url: str) -> uuid.UUID:
    return uuid.UUID(url.rstrip("/").rsplit("/", 1)[1])


@contextmanager
def db(zaken_app):
    session = zaken_app.state.db.session()
    try:
        yield session
        session.commit()
    finally:
        session.close()


def _zaak_id(session, zaak_url: str) -> int:
    return session.scalar(select(Zaak.id).where(Zaak.uuid == uuid_of(zaak_url)))


def add_rol(zaken_app, zaak_url: str, roltype: str) -> str:
    with db(zaken_app) as session:
        rol = Rol(
            uuid=uuid.uuid4(),
            zaak_id=_zaak_id(session, zaak_url),
            betrokkene_type="medewerker",
            roltype=roltype,
            roltoelichting="behandelt",
            registratiedatum=dt.datetime.now(dt.UTC),
            betrokkene_identificatie={"identificatie": "m1"},
        )
        session.add(rol)
    return f"{API}/rollen/{rol.uuid}"


def add_zio(zaken_app, zaak_url: str, informatieobject: str, status_url: str | None = None) -> str:
    from services.zaken.status.models import Status

    with db(zaken_app) as session:
        status_id = session.scalar(select(Status.id).where(Status.uuid == uuid_of(status_url))) if status_url else None
        zio = ZaakInformatieObject(
            uuid=uuid.uuid4(),
            zaak_id=_zaak_id(session, zaak_url),
            informatieobject=informatieobject,
            registratiedatum=dt.datetime.now(dt.UTC),
            status_id=status_id,
        )
        session.add(zio)
    return f"{API}/zaakinformatieobjecten/{zio.uuid}"


def add_eigenschap(zaken_app, zaak_url: str, eigenschap: str, naam: str, waarde: str) -> None:
    with db(zaken_app) as session:
        session.add(ZaakEigenschap(uuid=uuid.uuid4(), zaak_id=_zaak_id(session, zaak_url), eigenschap=eigenschap, naam=naam, waarde=waarde))


def add_zaakobject(zaken_app, zaak_url: str, object_url: str, object_type: str) -> None:
    with db(zaken_app) as session:
        session.add(ZaakObject(uuid=uuid.uuid4(), zaak_id=_zaak_id(session, zaak_url), object=object_url, object_type=object_type))


def add_besluit(zaken_app, zaak_url: str, besluit_url: str) -> None:
    with db(zaken_app) as session:
        session.add(ZaakBesluit(uuid=uuid.uuid4(), zaak_id=_zaak_id(session, zaak_url), besluit=besluit_url))


def serve_remote(monkeypatch, zaken_app, objects: dict[str, dict | None]) -> None:
    """The Zaken service reads `objects` (URL -> JSON; None: the URL answers 404) besides the
    Catalogi API."""
    resolver = zaken_app.state.catalogi.resolver
    original = resolver.get_json

    def get_json(url: str, params=None, *, cached: bool = True):
        if url in objects:
            if objects[url] is None:
                raise RemoteError("bad-url", url, "HTTP 404")
            return objects[url]
        return original(url, params, cached=cached)

    monkeypatch.setattr(resolver, "get_json", get_json)


def brondatum_procedure(afleidingswijze: str, **fields) -> dict:
    procedure = {
        "afleidingswijze": afleidingswijze,
        "datumkenmerk": "",
        "einddatumBekend": False,
        "objecttype": "",
        "registratie": "",
        "procestermijn": None,
    }
    procedure.update(fields)
    return procedure


def resultaattype_with(afleidingswijze: str, **fields) -> dict:
    """The overrides of a resultaattype deriving its brondatum by `afleidingswijze` (a selectielijst
    resultaat without fixed procestermijn allows every afleidingswijze but afgehandeld/termijn's own)."""
    overrides = {"brondatumArchiefprocedure": brondatum_procedure(afleidingswijze, **fields)}
    if afleidingswijze != "afgehandeld":
        resultaat = referentielijsten.resultaat(referentielijsten.procestype_url(1), procestermijn="")
        overrides["selectielijstklasse"] = resultaat["url"]
    return overrides


def closable_zaak(zaken, catalogi, *, identificatie: str = "ZT-001", resultaattype: dict | None = None, **zaak_fields):
    """A zaaktype (with resultaattype), a zaak with its first status and a resultaat: ready to close."""
    zaaktype = published_zaaktype(catalogi, identificatie=identificatie, resultaattype=resultaattype)
    zaak = create_zaak(zaken, zaaktype.url, **zaak_fields)
    create_status(zaken, zaak["url"], zaaktype.statustypen[0], "2026-01-06T10:00:00Z")
    response = zaken.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattypen[0]})
    assert response.status_code == 201, response.text
    return zaaktype, zaak


def close(zaken, zaaktype, zaak, datum: str = "2026-02-01T12:00:00Z"):
    return zaken.post("/statussen", json={"zaak": zaak["url"], "statustype": zaaktype.eindstatus, "datumStatusGezet": datum})
