"""Helpers of the zaak tests: rows of sub-resources written straight into the database (so the zaak
tests do not depend on the sub-resource endpoints), and a second Zaken app with its own transport
to the other APIs (an outage, a Referentielijsten stand-in)."""

import datetime as dt
import uuid as uuid_module
from contextlib import contextmanager

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from services.zaken import API_ROOT
from services.zaken.app import create_app
from services.zaken.zaak.models import Zaak
from tests.standins.inprocess import AppTransport
from tests.zaken_fixtures import ZakenClient

NOW = dt.datetime(2026, 1, 6, 10, 0, tzinfo=dt.UTC)


def uuid_of(url: str) -> uuid_module.UUID:
    return uuid_module.UUID(url.rstrip("/").rsplit("/", 1)[1])


def zaak_id(zaken_app, url: str) -> int:
    with zaken_app.state.db.session() as session:
        return session.scalar(select(Zaak.id).where(Zaak.uuid == uuid_of(url)))


def add_rows(
    zaken_app,
    zaak_url: str,
    *,
    statustype: str = "http://testserver/st",
    roltype: str = "http://testserver/rt",
    resultaat: bool = True,
    moment: dt.datetime = NOW,
    omschrijving_generiek: str = "initiator",
) -> dict[str, str]:
    """A status, rol, resultaat, zaakobject, zaakinformatieobject, zaakeigenschap, klantcontact,
    zaakcontactmoment and zaakverzoek on the zaak, inserted directly; returns their uuids by kind."""
    from services.zaken.models import (
        KlantContact,
        Resultaat,
        Rol,
        Status,
        ZaakContactMoment,
        ZaakEigenschap,
        ZaakInformatieObject,
        ZaakObject,
        ZaakVerzoek,
    )

    owner = zaak_id(zaken_app, zaak_url)
    n = uuid_module.uuid4().hex  # unique references: several calls on one zaak
    objects = {
        "statussen": Status(zaak_id=owner, statustype=statustype, datum_status_gezet=moment),
        "rollen": Rol(
            zaak_id=owner,
            betrokkene_type="natuurlijk_persoon",
            roltype=roltype,
            registratiedatum=NOW,
            omschrijving_generiek=omschrijving_generiek,
            inp_bsn="111222333",
            betrokkene="https://brp.example.org/p/1",
        ),
        "resultaten": Resultaat(zaak_id=owner, resultaattype="http://testserver/rst"),
        "zaakobjecten": ZaakObject(zaak_id=owner, object=f"https://objects.example.org/{n}", object_type="adres"),
        "zaakinformatieobjecten": ZaakInformatieObject(
            zaak_id=owner, informatieobject=f"https://drc.example.org/eio/{n}", registratiedatum=NOW
        ),
        "zaakeigenschappen": ZaakEigenschap(zaak_id=owner, eigenschap="http://testserver/eig", naam="kenteken", waarde="AB-12-CD"),
        "klantcontacten": KlantContact(zaak_id=owner, identificatie=uuid_module.uuid4().hex[:14], datumtijd=NOW),
        "zaakcontactmomenten": ZaakContactMoment(zaak_id=owner, contactmoment=f"https://cmc.example.org/cm/{n}"),
        "zaakverzoeken": ZaakVerzoek(zaak_id=owner, verzoek=f"https://vrc.example.org/v/{n}"),
    }
    if not resultaat:  # one per zaak
        del objects["resultaten"]
    with zaken_app.state.db.session() as session:
        session.add_all(objects.values())
        session.commit()
        return {kind: str(obj.uuid) for kind, obj in objects.items()}


def count_rows(zaken_app, model) -> int:
    from sqlalchemy import func

    with zaken_app.state.db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def close_zaak(zaken_app, zaak_url: str, einddatum: dt.date = dt.date(2026, 2, 1)) -> None:
    """Sets einddatum as an eindstatus would (the status endpoint is another domain's)."""
    with zaken_app.state.db.session() as session:
        session.execute(update(Zaak).where(Zaak.uuid == uuid_of(zaak_url)).values(einddatum=einddatum))
        session.commit()


def set_columns(zaken_app, zaak_url: str, **values) -> None:
    with zaken_app.state.db.session() as session:
        session.execute(update(Zaak).where(Zaak.uuid == uuid_of(zaak_url)).values(**values))
        session.commit()


class FailingTransport(httpx.BaseTransport):
    """Every other API is down: connection refused."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)


class RoutingTransport(httpx.BaseTransport):
    """Requests to a host in `hosts` go to its handler, the rest to the Catalogi app in-process."""

    def __init__(self, catalogi_app, hosts: dict[str, callable]):
        self.fallback = AppTransport(catalogi_app)
        self.hosts = hosts

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        handler = self.hosts.get(request.url.host)
        if handler is not None:
            return handler(request)
        return self.fallback.handle_request(request)


COMMUNICATIEKANAAL = "https://referentielijsten.example.org/api/v1/communicatiekanalen/4ee0d5e1-8a8d-4bd3-9ff2-4f8a4f3d3a1a"


SELECTIELIJSTKLASSE = "https://referentielijsten.example.org/api/v1/resultaten/cc5ae4e3-a9e6-4386-bcee-46be4986a829"


def referentielijsten_handler(request: httpx.Request) -> httpx.Response:
    if str(request.url) == SELECTIELIJSTKLASSE:
        return httpx.Response(
            200,
            json={
                "url": SELECTIELIJSTKLASSE, "procesType": "https://referentielijsten.example.org/api/v1/procestypen/1",
                "nummer": 1, "volledigNummer": "1.1", "naam": "Ingericht", "omschrijving": "", "herkomst": "Risicoanalyse",
                "waardering": "vernietigen", "procestermijn": "nihil", "bewaartermijn": "P10Y", "toelichting": "",
            },
        )  # fmt: skip
    if str(request.url) == COMMUNICATIEKANAAL:
        return httpx.Response(200, json={"url": COMMUNICATIEKANAAL, "naam": "E-mail", "omschrijving": "E-mail van de burger"})
    if request.url.path.endswith("/not-a-kanaal"):
        return httpx.Response(200, json={"url": str(request.url), "title": "iets anders"})
    return httpx.Response(404, json={"detail": "Niet gevonden."})


@contextmanager
def zaken_client_with(zaken_app, kernel, transport: httpx.BaseTransport | None, client_id: str = "alles", **settings):
    """A second Zaken app on the same database whose other APIs are reached through `transport`
    (None: the network), with `settings` changed."""
    app = create_app(zaken_app.state.settings.model_copy(update=settings), kernel, remote_transport=transport)
    with TestClient(app) as client:
        yield ZakenClient(client, API_ROOT, client_id)
