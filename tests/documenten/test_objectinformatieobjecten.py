"""Objectinformatieobjecten: drc-002 (the object resolves per objectType), drc-003 (unique),
drc-004 (the relation exists at the source, looked up fresh in the real Zaken app in-process),
destroy only once the source relation is gone, notifications and autorisaties."""

import datetime as dt
import uuid as uuid_module

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.zaken.zaak.models import Zaak
from services.zaken.zaakinformatieobject.models import ZaakInformatieObject
from tests.conftest import assert_invalid
from tests.documenten.helpers import OTHER_TYPE, limited, trail
from tests.documenten.rows import create_document
from tests.standins import documenten as standins
from tests.zaken.factories import create_zaak, published_zaaktype


@pytest.fixture
def zaak(linked_zaken, catalogi) -> dict:
    """A zaak of the real Zaken app, which this Documenten app reads."""
    return create_zaak(linked_zaken, published_zaaktype(catalogi).url)


@pytest.fixture
def foreign():
    """The Besluiten and Verzoeken stand-ins, clean."""
    standins.STANDIN.reset()
    yield standins.STANDIN
    standins.STANDIN.reset()


def relate_in_zaken(zaken_app, zaak: dict, document: str) -> None:
    """The zaakinformatieobject at the source, as the Zaken API stores it before it mirrors it."""
    with Session(zaken_app.state.db.engine) as session:
        zaak_id = session.scalar(select(Zaak.id).where(Zaak.uuid == uuid_module.UUID(zaak["uuid"])))
        session.add(ZaakInformatieObject(zaak_id=zaak_id, informatieobject=document, registratiedatum=dt.datetime.now(dt.UTC)))
        session.commit()


def unrelate_in_zaken(zaken_app, document: str) -> None:
    with Session(zaken_app.state.db.engine) as session:
        for zio in session.scalars(select(ZaakInformatieObject).where(ZaakInformatieObject.informatieobject == document)):
            session.delete(zio)
        session.commit()


def body(document: str, object_url: str, object_type: str = "zaak") -> dict:
    return {"informatieobject": document, "object": object_url, "objectType": object_type}


def test_create_mirrors_a_zaakinformatieobject(documenten, documenten_app, zaken_app, zaak, documenten_outbox):
    document = create_document(documenten_app)
    relate_in_zaken(zaken_app, zaak, document)
    response = documenten.post("/objectinformatieobjecten", json=body(document, zaak["url"]))
    assert response.status_code == 201, response.text
    shown = response.json()
    assert response.headers["Location"] == shown["url"]
    assert shown == {"url": shown["url"], "informatieobject": document, "object": zaak["url"], "objectType": "zaak"}
    assert documenten.get(shown["url"]).json() == shown
    [message] = documenten_outbox()
    assert (message["resource"], message["actie"], message["hoofdObject"]) == ("objectinformatieobject", "create", document)
    assert message["kenmerken"]["bronorganisatie"] == "517439943"
    assert trail(documenten_app, document) == []  # the relation's audit trail is the source API's


def test_drc_002_the_object_resolves_per_object_type(documenten, documenten_app, zaak, foreign):
    """drc-002a-d: an object URL that does not answer 200 is `bad-url`, one that is not a zaak or
    besluit `invalid-resource`."""
    document = create_document(documenten_app)
    missing_zaak = f"{zaak['url'].rsplit('/', 1)[0]}/{uuid_module.uuid4()}"
    assert_invalid(documenten.post("/objectinformatieobjecten", json=body(document, missing_zaak)), "object", "bad-url")
    missing_besluit = f"{standins.BESLUITEN}/besluiten/{uuid_module.uuid4()}"
    assert_invalid(documenten.post("/objectinformatieobjecten", json=body(document, missing_besluit, "besluit")), "object", "bad-url")
    contactmoment = foreign.contactmoment()["url"]  # answers 200, but is neither
    assert_invalid(documenten.post("/objectinformatieobjecten", json=body(document, contactmoment)), "object", "invalid-resource")
    assert_invalid(
        documenten.post("/objectinformatieobjecten", json=body(document, contactmoment, "besluit")), "object", "invalid-resource"
    )
    # a zaak is no besluit, nor the other way round
    assert_invalid(documenten.post("/objectinformatieobjecten", json=body(document, zaak["url"], "besluit")), "object", "invalid-resource")
    besluit = foreign.besluit()["url"]
    assert_invalid(documenten.post("/objectinformatieobjecten", json=body(document, besluit, "zaak")), "object", "invalid-resource")
    assert_invalid(
        documenten.post("/objectinformatieobjecten", json=body(document, zaak["url"], "dossier")), "objectType", "invalid_choice"
    )


def test_drc_003_unique(documenten, documenten_app, zaken_app, zaak):
    document = create_document(documenten_app)
    relate_in_zaken(zaken_app, zaak, document)
    assert documenten.post("/objectinformatieobjecten", json=body(document, zaak["url"])).status_code == 201
    assert_invalid(documenten.post("/objectinformatieobjecten", json=body(document, zaak["url"])), "nonFieldErrors", "unique")


def test_drc_004_the_relation_must_exist_at_the_source(documenten, documenten_app, zaken_app, zaak, foreign):
    """drc-004a/b: without the zaakinformatieobject (besluitinformatieobject) at the source,
    `inconsistent-relation`; looked up fresh, so a relation made just now counts."""
    document = create_document(documenten_app)
    other = create_document(documenten_app)
    relate_in_zaken(zaken_app, zaak, other)  # another document's relation does not count
    assert_invalid(
        documenten.post("/objectinformatieobjecten", json=body(document, zaak["url"])), "nonFieldErrors", "inconsistent-relation"
    )
    relate_in_zaken(zaken_app, zaak, document)
    assert documenten.post("/objectinformatieobjecten", json=body(document, zaak["url"])).status_code == 201

    besluit = foreign.besluit()["url"]
    response = documenten.post("/objectinformatieobjecten", json=body(document, besluit, "besluit"))
    assert_invalid(response, "nonFieldErrors", "relation-lookup-error")  # the stand-in holds no relations yet
    foreign.relations["besluitinformatieobjecten"] = []
    assert_invalid(
        documenten.post("/objectinformatieobjecten", json=body(document, besluit, "besluit")), "nonFieldErrors", "inconsistent-relation"
    )
    foreign.relations["besluitinformatieobjecten"] = [
        {"url": f"{standins.BESLUITEN}/bio/1", "besluit": besluit, "informatieobject": document}
    ]
    created = documenten.post("/objectinformatieobjecten", json=body(document, besluit, "besluit"))
    assert created.status_code == 201, created.text
    assert created.json()["objectType"] == "besluit"
    lookup = [c for c in foreign.calls if "/besluitinformatieobjecten" in c.url][-1]
    assert "besluit=" in lookup.url and "informatieobject=" in lookup.url


def test_destroy_after_the_source_relation(documenten, documenten_app, zaken_app, zaak, documenten_outbox):
    """The mirror goes only after the relation it mirrors (`remote-relation-exists` before)."""
    document = create_document(documenten_app)
    relate_in_zaken(zaken_app, zaak, document)
    shown = documenten.post("/objectinformatieobjecten", json=body(document, zaak["url"])).json()
    assert_invalid(documenten.delete(shown["url"]), "nonFieldErrors", "remote-relation-exists")
    assert documenten.get(shown["url"]).status_code == 200
    unrelate_in_zaken(zaken_app, document)
    assert documenten.delete(shown["url"]).status_code == 204
    assert documenten.get(shown["url"]).status_code == 404
    assert [m["actie"] for m in documenten_outbox()] == ["create", "destroy"]


def test_a_failing_lookup_is_a_relation_lookup_error(documenten, documenten_app, foreign):
    """A source API outside this deployment that fails is the client's URL's problem, not a 503."""
    document = create_document(documenten_app)
    besluit = foreign.besluit()["url"]
    foreign.relations["besluitinformatieobjecten"] = [{"besluit": besluit, "informatieobject": document}]
    foreign.fail[("GET", "besluitinformatieobjecten")] = 502
    response = documenten.post("/objectinformatieobjecten", json=body(document, besluit, "besluit"))
    assert_invalid(response, "nonFieldErrors", "relation-lookup-error")


def test_list_filters_head_and_autorisaties(documenten, documenten_app, zaken_app, zaak, documenten_grant):
    mine = create_document(documenten_app)
    theirs = create_document(documenten_app, OTHER_TYPE)
    for document in (mine, theirs):
        relate_in_zaken(zaken_app, zaak, document)
    own = documenten.post("/objectinformatieobjecten", json=body(mine, zaak["url"])).json()
    foreign_oio = documenten.post("/objectinformatieobjecten", json=body(theirs, zaak["url"])).json()

    def urls(client, **params) -> list[str]:
        response = client.get("/objectinformatieobjecten", params=params)
        assert response.status_code == 200, response.text
        return [item["url"] for item in response.json()]

    assert urls(documenten) == [own["url"], foreign_oio["url"]]
    assert urls(documenten, object=zaak["url"], informatieobject=theirs) == [foreign_oio["url"]]
    assert urls(documenten, object="http://elders.test/zaken/1") == []
    assert_invalid(documenten.get("/objectinformatieobjecten", params={"objectType": "zaak"}), "nonFieldErrors", "unknown-parameters")

    etag = documenten.get(own["url"]).headers["ETag"]
    assert documenten.head(own["url"]).headers["ETag"] == etag
    assert documenten.get(own["url"], headers={"If-None-Match": etag}).status_code == 304

    client = limited(documenten, documenten_grant)
    assert urls(client) == [own["url"]]
    assert client.get(foreign_oio["url"]).status_code == 403
    assert client.post("/objectinformatieobjecten", json=body(theirs, zaak["url"])).status_code == 403
    assert client.delete(foreign_oio["url"]).status_code == 403
    # no update in the contract
    assert documenten.patch(own["url"], json={"object": zaak["url"]}).status_code == 405
