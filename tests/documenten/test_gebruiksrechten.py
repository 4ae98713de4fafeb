"""Gebruiksrechten: every operation of the contract, drc-006 (the document's indicatieGebruiksrecht
follows them), the document's audit trail, notifications and autorisaties per informatieobjecttype."""

from tests.conftest import QueryCounter, assert_invalid
from tests.documenten.helpers import OTHER_TYPE, created, limited, trail
from tests.documenten.rows import create_document, indicatie_gebruiksrecht


def body(document: str, **overrides) -> dict:
    return {"informatieobject": document, "startdatum": "2019-01-01T12:00:00", "omschrijvingVoorwaarden": "test", **overrides}


def create(documenten, document: str, **overrides) -> dict:
    return created(documenten, "gebruiksrechten", body(document, **overrides))


def test_create_shows_the_gebruiksrecht(documenten, documenten_app):
    document = create_document(documenten_app)
    shown = create(documenten, document, einddatum="2020-01-01T00:00:00+01:00")
    assert shown == {
        "url": shown["url"],
        "informatieobject": document,
        "startdatum": "2019-01-01T12:00:00Z",  # no offset: UTC
        "einddatum": "2019-12-31T23:00:00Z",
        "omschrijvingVoorwaarden": "test",
    }
    detail = documenten.get(shown["url"])
    assert detail.status_code == 200 and detail.json() == shown


def test_drc_006_the_indicatie_follows_the_gebruiksrechten(documenten, documenten_app):
    """drc-006c/d: the first sets indicatieGebruiksrecht true, deleting the last sets it null."""
    document = create_document(documenten_app)
    assert indicatie_gebruiksrecht(documenten_app, document) is None
    first = create(documenten, document)
    second = create(documenten, document, omschrijvingVoorwaarden="tweede")
    assert indicatie_gebruiksrecht(documenten_app, document) is True
    assert documenten.delete(first["url"]).status_code == 204
    assert indicatie_gebruiksrecht(documenten_app, document) is True  # one is left
    assert documenten.delete(second["url"]).status_code == 204
    assert indicatie_gebruiksrecht(documenten_app, document) is None
    assert documenten.get(second["url"]).status_code == 404


def test_create_validates_the_informatieobject(documenten, documenten_app):
    assert_invalid(documenten.post("/gebruiksrechten", json=body("http://elders.test/iets/1")), "informatieobject", "no_match")
    unknown = "http://testserver/documenten/api/v1/enkelvoudiginformatieobjecten/3f9ad6a0-7c53-4a1e-9c44-2a7a2f6f3f11"
    assert_invalid(documenten.post("/gebruiksrechten", json=body(unknown)), "informatieobject", "does_not_exist")
    document = create_document(documenten_app)
    assert_invalid(documenten.post("/gebruiksrechten", json=body(document, omschrijvingVoorwaarden="")), "omschrijvingVoorwaarden", "blank")
    missing = documenten.post("/gebruiksrechten", json={"informatieobject": document})
    assert_invalid(missing, "startdatum", "required")
    assert_invalid(missing, "omschrijvingVoorwaarden", "required")


def test_update_and_partial_update_keep_the_informatieobject(documenten, documenten_app):
    document = create_document(documenten_app)
    other = create_document(documenten_app)
    shown = create(documenten, document, einddatum="2020-01-01T00:00:00Z")

    patched = documenten.patch(shown["url"], json={"omschrijvingVoorwaarden": "aangepast"})
    assert patched.status_code == 200, patched.text
    assert patched.json()["omschrijvingVoorwaarden"] == "aangepast"
    assert patched.json()["einddatum"] == "2020-01-01T00:00:00Z"  # not sent: kept

    put = documenten.put(shown["url"], json=body(document, startdatum="2019-02-01T00:00:00Z"))
    assert put.status_code == 200, put.text
    assert put.json()["startdatum"] == "2019-02-01T00:00:00Z"
    assert put.json()["einddatum"] is None  # PUT: absent is empty
    assert documenten.get(shown["url"]).json() == put.json()

    assert_invalid(documenten.patch(shown["url"], json={"informatieobject": other}), "informatieobject", "wijzigen-niet-toegelaten")
    assert_invalid(documenten.put(shown["url"], json=body(other)), "informatieobject", "wijzigen-niet-toegelaten")
    assert documenten.patch(shown["url"], json={"informatieobject": document}).status_code == 200  # the same: fine


def test_list_filters(documenten, documenten_app):
    document = create_document(documenten_app)
    other = create_document(documenten_app)
    early = create(documenten, document, startdatum="2019-01-01T00:00:00Z", einddatum="2019-06-01T00:00:00Z")
    late = create(documenten, document, startdatum="2020-01-01T00:00:00Z")
    elsewhere = create(documenten, other, startdatum="2021-01-01T00:00:00Z")

    def urls(**params) -> list[str]:
        response = documenten.get("/gebruiksrechten", params=params)
        assert response.status_code == 200, response.text
        return [item["url"] for item in response.json()]  # a plain array, as the contract has it

    assert urls() == [early["url"], late["url"], elsewhere["url"]]
    assert urls(informatieobject=document) == [early["url"], late["url"]]
    assert urls(informatieobject="http://elders.test/x") == []
    assert urls(startdatum__gte="2020-01-01T00:00:00Z") == [late["url"], elsewhere["url"]]
    assert urls(startdatum__gt="2020-01-01T00:00:00Z") == [elsewhere["url"]]
    assert urls(startdatum__lt="2020-01-01") == [early["url"]]
    assert urls(startdatum__lte="2020-01-01T01:00:00+01:00") == [early["url"], late["url"]]
    assert urls(einddatum__lt="2019-07-01T00:00:00Z") == [early["url"]]
    assert urls(einddatum__gte="2019-06-01T00:00:00Z", einddatum__lte="2019-06-01T00:00:00Z") == [early["url"]]
    assert urls(einddatum__gt="2019-06-01T00:00:00Z") == []
    assert_invalid(documenten.get("/gebruiksrechten", params={"startdatum__lt": "gisteren"}), "startdatum__lt", "invalid")
    assert_invalid(documenten.get("/gebruiksrechten", params={"startdatum": "2020-01-01"}), "nonFieldErrors", "unknown-parameters")


def test_head_and_etag(documenten, documenten_app):
    shown = create(documenten, create_document(documenten_app))
    get = documenten.get(shown["url"])
    etag = get.headers["ETag"]
    head = documenten.head(shown["url"])
    assert head.status_code == 200 and head.headers["ETag"] == etag and head.content == b""
    assert documenten.get(shown["url"], headers={"If-None-Match": etag}).status_code == 304
    documenten.patch(shown["url"], json={"omschrijvingVoorwaarden": "anders"})
    assert documenten.get(shown["url"], headers={"If-None-Match": etag}).status_code == 200


def test_audit_trail_on_the_document(documenten, documenten_app):
    document = create_document(documenten_app, identificatie="DOC-7")
    shown = documenten.post("/gebruiksrechten", json=body(document), headers={"X-Audit-Toelichting": "Toestemming"}).json()
    documenten.patch(shown["url"], json={"omschrijvingVoorwaarden": "aangepast"})
    documenten.delete(shown["url"])
    records = trail(documenten_app, document)
    assert [r["actie"] for r in records] == ["create", "partial_update", "destroy"]
    assert {r["hoofdObject"] for r in records} == {document}
    assert {r["resource"] for r in records} == {"gebruiksrechten"}
    assert {r["resourceUrl"] for r in records} == {shown["url"]}
    assert [r["resultaat"] for r in records] == [201, 200, 204]
    assert records[0]["bron"] == "drc" and records[0]["toelichting"] == "Toestemming"
    assert records[0]["resourceWeergave"] == "(517439943 - DOC-7) - test"
    assert records[0]["wijzigingen"] == {"oud": None, "nieuw": shown}
    assert records[1]["wijzigingen"]["oud"] == shown
    assert records[1]["wijzigingen"]["nieuw"]["omschrijvingVoorwaarden"] == "aangepast"
    assert records[2]["wijzigingen"]["nieuw"] is None


def test_notifications(documenten, documenten_app, documenten_outbox):
    document = create_document(documenten_app, vertrouwelijkheidaanduiding="intern")
    shown = create(documenten, document)
    documenten.put(shown["url"], json=body(document))
    documenten.patch(shown["url"], json={"omschrijvingVoorwaarden": "x"})
    documenten.delete(shown["url"])
    messages = documenten_outbox()
    assert [m["actie"] for m in messages] == ["create", "update", "partial_update", "destroy"]
    assert messages[0] == {
        "kanaal": "documenten",
        "hoofdObject": document,
        "resource": "gebruiksrechten",
        "resourceUrl": shown["url"],
        "actie": "create",
        "aanmaakdatum": messages[0]["aanmaakdatum"],
        "kenmerken": {
            "bronorganisatie": "517439943",
            "informatieobjecttype": "http://testserver/catalogi/api/v1/informatieobjecttypen/00000000-0000-0000-0000-000000000001",
            "vertrouwelijkheidaanduiding": "intern",
        },
    }


def test_a_failed_write_leaves_no_trace(documenten, documenten_app, documenten_outbox):
    document = create_document(documenten_app)
    assert documenten.post("/gebruiksrechten", json=body(document, startdatum="geen datum")).status_code == 400
    assert documenten_outbox() == [] and trail(documenten_app, document) == []
    assert indicatie_gebruiksrecht(documenten_app, document) is None


def test_autorisaties_per_informatieobjecttype(documenten, documenten_app, documenten_grant):
    """A client sees and touches only the gebruiksrechten of documents of its informatieobjecttype,
    up to its maximum vertrouwelijkheidaanduiding."""
    mine = create_document(documenten_app)
    secret = create_document(documenten_app, vertrouwelijkheidaanduiding="zeer_geheim")
    theirs = create_document(documenten_app, OTHER_TYPE)
    own, too_secret, foreign = (create(documenten, d) for d in (mine, secret, theirs))
    client = limited(documenten, documenten_grant)

    assert [item["url"] for item in client.get("/gebruiksrechten").json()] == [own["url"]]
    assert client.get(own["url"]).status_code == 200
    assert client.get(foreign["url"]).status_code == 403
    assert client.get(too_secret["url"]).status_code == 403
    assert client.post("/gebruiksrechten", json=body(theirs)).status_code == 403
    assert client.patch(foreign["url"], json={"omschrijvingVoorwaarden": "x"}).status_code == 403
    assert client.delete(foreign["url"]).status_code == 403
    assert client.post("/gebruiksrechten", json=body(mine)).status_code == 201

    reader = limited(documenten, documenten_grant, scopes=["documenten.lezen"])
    assert reader.post("/gebruiksrechten", json=body(mine)).status_code == 403
    assert reader.delete(own["url"]).status_code == 403


def test_list_queries_do_not_grow_with_the_page(documenten, documenten_app):
    document = create_document(documenten_app)
    create(documenten, document)
    engine = documenten_app.state.db.engine
    with QueryCounter(engine) as one:
        assert documenten.get("/gebruiksrechten").status_code == 200
    for _ in range(5):
        create(documenten, create_document(documenten_app))
    with QueryCounter(engine) as six:
        assert len(documenten.get("/gebruiksrechten").json()) == 6
    assert six.count == one.count <= 2
