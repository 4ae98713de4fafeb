"""Besluitinformatieobjecten with the real Documenten and Zaken apps: brc-003..009, the mirrors in
both APIs, and the Documenten API's side (drc-003/004 for objectType besluit)."""

import uuid

from tests.besluiten.factories import besluit_body, create_besluit, published_besluittype, zaak_with_besluittype
from tests.catalogi import factories as ztc
from tests.conftest import assert_invalid
from tests.documenten.factories import create_document


def relate(besluiten, besluit: dict, document: dict):
    return besluiten.post("/besluitinformatieobjecten", json={"besluit": besluit["url"], "informatieobject": document["url"]})


def oios(documenten, besluit: dict) -> list[dict]:
    response = documenten.get("/objectinformatieobjecten", params={"object": besluit["url"]})
    assert response.status_code == 200, response.text
    return response.json()


def setup_besluit(catalogi, besluiten, documenten):
    besluittype = published_besluittype(catalogi)
    besluit = create_besluit(besluiten, besluittype["url"])
    document = create_document(documenten, besluittype["informatieobjecttypen"][0])
    return besluittype, besluit, document


def test_brc_005_create_mirrors_an_objectinformatieobject_and_delete_removes_it(linked_besluiten, catalogi, documenten, besluiten_app):
    besluiten = linked_besluiten
    _, besluit, document = setup_besluit(catalogi, besluiten, documenten)
    response = relate(besluiten, besluit, document)
    assert response.status_code == 201, response.text
    bio = response.json()
    assert bio == {"url": response.headers["Location"], "besluit": besluit["url"], "informatieobject": document["url"]}
    assert [(o["objectType"], o["object"], o["informatieobject"]) for o in oios(documenten, besluit)] == [
        ("besluit", besluit["url"], document["url"])
    ]
    assert besluiten.get(bio["url"]).json() == bio
    assert besluiten.delete(bio["url"]).status_code == 204
    assert oios(documenten, besluit) == []
    assert besluiten.get(bio["url"]).status_code == 404


def test_brc_004_aard_relatie_and_registratiedatum_are_set_by_the_api(linked_besluiten, catalogi, documenten, besluiten_app):
    import datetime as dt

    from sqlalchemy import select

    from services.besluiten.besluitinformatieobject.models import BesluitInformatieObject

    _, besluit, document = setup_besluit(catalogi, linked_besluiten, documenten)
    assert relate(linked_besluiten, besluit, document).status_code == 201
    with besluiten_app.state.db.engine.connect() as connection:
        row = connection.execute(select(BesluitInformatieObject.aard_relatie, BesluitInformatieObject.registratiedatum)).one()
    assert (row.aard_relatie, row.registratiedatum) == ("legt_vast", dt.date.today())


def test_brc_004_besluit_and_informatieobject_cannot_change(linked_besluiten, catalogi, documenten):
    besluiten = linked_besluiten
    besluittype, besluit, document = setup_besluit(catalogi, besluiten, documenten)
    bio = relate(besluiten, besluit, document).json()
    other_besluit = create_besluit(besluiten, besluittype["url"])
    other_document = create_document(documenten, besluittype["informatieobjecttypen"][0])
    moved = besluiten.put(bio["url"], json={"besluit": other_besluit["url"], "informatieobject": document["url"]})
    assert_invalid(moved, "besluit", "wijzigen-niet-toegelaten")
    assert_invalid(
        besluiten.patch(bio["url"], json={"informatieobject": other_document["url"]}), "informatieobject", "wijzigen-niet-toegelaten"
    )
    same = besluiten.put(bio["url"], json={"besluit": besluit["url"], "informatieobject": document["url"]})
    assert same.status_code == 200 and same.json() == bio


def test_brc_003_informatieobject_must_resolve(linked_besluiten, catalogi, documenten):
    besluittype, besluit, _ = setup_besluit(catalogi, linked_besluiten, documenten)
    missing = {"url": f"http://testserver/documenten/api/v1/enkelvoudiginformatieobjecten/{uuid.uuid4()}"}
    assert_invalid(relate(linked_besluiten, besluit, missing), "informatieobject", "bad-url")
    not_a_document = {"url": besluittype["catalogus"]}
    assert_invalid(relate(linked_besluiten, besluit, not_a_document), "informatieobject", "invalid-resource")


def test_besluit_must_be_a_besluit_of_this_api(linked_besluiten, catalogi, documenten):
    _, _, document = setup_besluit(catalogi, linked_besluiten, documenten)
    assert_invalid(relate(linked_besluiten, {"url": "http://elders.example/besluiten/1"}, document), "besluit", "no_match")
    unknown = {"url": f"http://testserver/besluiten/api/v1/besluiten/{uuid.uuid4()}"}
    assert_invalid(relate(linked_besluiten, unknown, document), "besluit", "does_not_exist")


def test_brc_008_informatieobjecttype_must_be_one_of_the_besluittype(linked_besluiten, catalogi, documenten):
    besluittype, besluit, _ = setup_besluit(catalogi, linked_besluiten, documenten)
    foreign = ztc.create_published_informatieobjecttype(catalogi, besluittype["catalogus"], omschrijving="Ander document")
    document = create_document(documenten, foreign["url"])
    assert_invalid(relate(linked_besluiten, besluit, document), "nonFieldErrors", "missing-besluittype-informatieobjecttype-relation")
    assert oios(documenten, besluit) == []


def test_a_document_relates_to_a_besluit_once(linked_besluiten, catalogi, documenten):
    _, besluit, document = setup_besluit(catalogi, linked_besluiten, documenten)
    assert relate(linked_besluiten, besluit, document).status_code == 201
    assert_invalid(relate(linked_besluiten, besluit, document), "nonFieldErrors", "unique")


def test_list_filters_on_besluit_and_informatieobject(linked_besluiten, catalogi, documenten):
    besluiten = linked_besluiten
    besluittype, besluit, document = setup_besluit(catalogi, besluiten, documenten)
    other = create_besluit(besluiten, besluittype["url"])
    first = relate(besluiten, besluit, document).json()
    second = relate(besluiten, other, document).json()

    def urls(**params):
        response = besluiten.get("/besluitinformatieobjecten", params=params)
        assert response.status_code == 200, response.text
        return [b["url"] for b in response.json()]

    assert urls() == [first["url"], second["url"]]
    assert urls(besluit=other["url"]) == [second["url"]]
    assert urls(informatieobject=document["url"]) == [first["url"], second["url"]]
    assert urls(besluit="http://elders.example/besluiten/1") == []


def test_brc_009_deleting_a_besluit_removes_its_documents_and_their_mirrors(linked_besluiten, catalogi, documenten):
    besluiten = linked_besluiten
    _, besluit, document = setup_besluit(catalogi, besluiten, documenten)
    bio = relate(besluiten, besluit, document).json()
    assert besluiten.delete(besluit["url"]).status_code == 204
    assert besluiten.get("/besluitinformatieobjecten", params={"besluit": besluit["url"]}).json() == []
    assert besluiten.get(bio["url"]).status_code == 404
    assert oios(documenten, besluit) == []
    # the document is free again (drc-008: no relations left)
    assert documenten.delete(document["url"]).status_code == 204


def test_writes_are_audited_on_the_besluit_and_announced(linked_besluiten, catalogi, documenten, besluiten_outbox):
    besluiten = linked_besluiten
    _, besluit, document = setup_besluit(catalogi, besluiten, documenten)
    bio = relate(besluiten, besluit, document).json()
    besluiten.delete(bio["url"])
    trail = besluiten.get(f"{besluit['url']}/audittrail").json()
    assert [(r["actie"], r["resource"], r["resourceUrl"]) for r in trail][1:] == [
        ("create", "besluitinformatieobject", bio["url"]),
        ("destroy", "besluitinformatieobject", bio["url"]),
    ]
    messages = [(m["resource"], m["actie"], m["hoofdObject"]) for m in besluiten_outbox()][1:]
    assert messages == [("besluitinformatieobject", "create", besluit["url"]), ("besluitinformatieobject", "destroy", besluit["url"])]


def test_autorisaties_follow_the_besluit(linked_besluiten, catalogi, documenten, besluiten_grant):
    besluiten = linked_besluiten
    besluittype, besluit, document = setup_besluit(catalogi, besluiten, documenten)
    bio = relate(besluiten, besluit, document).json()
    besluiten_grant("ander", [{"scopes": ["besluiten.lezen"], "besluittype": "http://testserver/catalogi/api/v1/besluittypen/x"}])
    client = besluiten.as_client("ander")
    assert client.get("/besluitinformatieobjecten").json() == []
    assert client.get(bio["url"]).status_code == 403
    besluiten_grant("lezer", [{"scopes": ["besluiten.lezen"], "besluittype": besluittype["url"]}])
    assert [b["url"] for b in besluiten.as_client("lezer").get("/besluitinformatieobjecten").json()] == [bio["url"]]


# ---------------------------------------------------------------- the zaak (brc-006, brc-007)


def test_brc_006_a_besluit_with_a_zaak_is_a_zaakbesluit_in_the_zaken_api(linked_besluiten, catalogi, zaken):
    besluiten = linked_besluiten
    besluittype = published_besluittype(catalogi)
    linked = zaak_with_besluittype(catalogi, zaken, besluittype)
    besluit = create_besluit(besluiten, besluittype["url"], zaak=linked.zaak["url"])
    zaakbesluiten = zaken.get(f"/zaken/{linked.zaak['uuid']}/besluiten").json()
    assert [z["besluit"] for z in zaakbesluiten] == [besluit["url"]]
    assert [b["url"] for b in besluiten.get("/besluiten", params={"zaak": linked.zaak["url"]}).json()["results"]] == [besluit["url"]]
    # moved to no zaak: the zaakbesluit goes
    assert besluiten.patch(besluit["url"], json={"zaak": ""}).status_code == 200
    assert zaken.get(f"/zaken/{linked.zaak['uuid']}/besluiten").json() == []
    assert besluiten.patch(besluit["url"], json={"zaak": linked.zaak["url"]}).status_code == 200
    assert len(zaken.get(f"/zaken/{linked.zaak['uuid']}/besluiten").json()) == 1
    assert besluiten.delete(besluit["url"]).status_code == 204
    assert zaken.get(f"/zaken/{linked.zaak['uuid']}/besluiten").json() == []


def test_brc_007_besluittype_must_be_one_of_the_zaaktype(linked_besluiten, catalogi, zaken):
    besluittype = published_besluittype(catalogi)
    other = published_besluittype(catalogi, catalogus=besluittype["catalogus"], omschrijving="Ander besluit")
    linked = zaak_with_besluittype(catalogi, zaken, besluittype)
    response = linked_besluiten.post("/besluiten", json=besluit_body(other["url"], zaak=linked.zaak["url"]))
    assert_invalid(response, "nonFieldErrors", "zaaktype-mismatch")
    assert zaken.get(f"/zaken/{linked.zaak['uuid']}/besluiten").json() == []
    besluit = create_besluit(linked_besluiten, other["url"])
    assert_invalid(linked_besluiten.patch(besluit["url"], json={"zaak": linked.zaak["url"]}), "nonFieldErrors", "zaaktype-mismatch")


def test_zaak_must_resolve(linked_besluiten, catalogi):
    besluittype = published_besluittype(catalogi)
    missing = f"http://testserver/zaken/api/v1/zaken/{uuid.uuid4()}"
    assert_invalid(linked_besluiten.post("/besluiten", json=besluit_body(besluittype["url"], zaak=missing)), "zaak", "bad-url")


# ---------------------------------------------------------------- the Documenten API's side


def test_drc_003_an_existing_besluit_relation_cannot_be_mirrored_twice(linked_besluiten, catalogi, documenten):
    _, besluit, document = setup_besluit(catalogi, linked_besluiten, documenten)
    assert relate(linked_besluiten, besluit, document).status_code == 201
    body = {"object": besluit["url"], "informatieobject": document["url"], "objectType": "besluit"}
    assert_invalid(documenten.post("/objectinformatieobjecten", json=body), "nonFieldErrors", "unique")


def test_drc_004_a_besluit_relation_must_exist_in_the_besluiten_api(linked_besluiten, catalogi, documenten):
    _, besluit, document = setup_besluit(catalogi, linked_besluiten, documenten)
    body = {"object": besluit["url"], "informatieobject": document["url"], "objectType": "besluit"}
    assert_invalid(documenten.post("/objectinformatieobjecten", json=body), "nonFieldErrors", "inconsistent-relation")
    assert relate(linked_besluiten, besluit, document).status_code == 201
    # while the besluitinformatieobject exists its mirror stays
    mirror = oios(documenten, besluit)[0]
    assert_invalid(documenten.delete(mirror["url"]), "nonFieldErrors", "remote-relation-exists")
