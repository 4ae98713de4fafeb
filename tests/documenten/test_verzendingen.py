"""Verzendingen: every operation of the contract, its filters and pagination, the one address
(`invalid-address`), `expand=informatieobject`, notifications (no audit trail) and autorisaties
per informatieobjecttype."""

from tests.conftest import QueryCounter, assert_invalid
from tests.documenten.helpers import OTHER_TYPE, created, limited, trail
from tests.documenten.rows import create_document

BETROKKENE = "http://klanten.test/api/v1/klanten/1"
CONTACT = "http://klanten.test/api/v1/contactpersonen/1"
ADRES = {"huisnummer": 12, "naamOpenbareRuimte": "Dam", "woonplaatsnaam": "Amsterdam"}


def body(document: str, **overrides) -> dict:
    return {
        "informatieobject": document,
        "betrokkene": BETROKKENE,
        "aardRelatie": "geadresseerde",
        "verzenddatum": "2026-01-05",
        "contactPersoon": CONTACT,
        "binnenlandsCorrespondentieadres": ADRES,
        **overrides,
    }


def create(documenten, document: str, **overrides) -> dict:
    return created(documenten, "verzendingen", body(document, **overrides))


def test_create_shows_every_field(documenten, documenten_app):
    document = create_document(documenten_app)
    shown = create(documenten, document, toelichting="per post")
    assert shown == {
        "url": shown["url"],
        "informatieobject": document,
        "betrokkene": BETROKKENE,
        "aardRelatie": "geadresseerde",
        "toelichting": "per post",
        "ontvangstdatum": None,
        "verzenddatum": "2026-01-05",
        "contactPersoon": CONTACT,
        "contactpersoonnaam": "",
        "binnenlandsCorrespondentieadres": {"huisletter": "", "huisnummerToevoeging": "", "postcode": "", **ADRES},
        "buitenlandsCorrespondentieadres": None,
        "correspondentiePostadres": None,
        "faxnummer": None,
        "emailadres": None,
        "mijnOverheid": False,
        "telefoonnummer": None,
    }
    detail = documenten.get(shown["url"])
    assert detail.status_code == 200 and detail.json() == shown
    head = documenten.head(shown["url"])
    assert head.status_code == 200 and head.headers["ETag"] == detail.headers["ETag"]
    assert documenten.get(shown["url"], headers={"If-None-Match": detail.headers["ETag"]}).status_code == 304


def test_create_validates(documenten, documenten_app):
    document = create_document(documenten_app)
    assert_invalid(documenten.post("/verzendingen", json=body("http://elders.test/iets/1")), "informatieobject", "no_match")
    missing = documenten.post("/verzendingen", json={"informatieobject": document})
    for name in ("betrokkene", "aardRelatie", "contactPersoon"):
        assert_invalid(missing, name, "required")
    assert_invalid(documenten.post("/verzendingen", json=body(document, aardRelatie="bode")), "aardRelatie", "invalid_choice")
    shown = create(documenten, document)
    for name in ("informatieobject", "betrokkene", "aardRelatie", "toelichting", "contactPersoon", "mijnOverheid"):
        assert_invalid(documenten.patch(shown["url"], json={name: None}), name, "null")
    assert_invalid(documenten.put(shown["url"], json=body(document, verzenddatum="gisteren")), "verzenddatum", "invalid")
    wrong_address = body(document, binnenlandsCorrespondentieadres={"huisnummer": 0, "naamOpenbareRuimte": "Dam"})
    response = documenten.post("/verzendingen", json=wrong_address)
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert {"binnenlandsCorrespondentieadres.huisnummer", "binnenlandsCorrespondentieadres.woonplaatsnaam"} <= names


def test_precisely_one_address(documenten, documenten_app):
    """The reference implementation's OneAddressValidator: one channel, `invalid-address`."""
    document = create_document(documenten_app)
    none = body(document, binnenlandsCorrespondentieadres=None)
    assert_invalid(documenten.post("/verzendingen", json=none), "nonFieldErrors", "invalid-address")
    two = body(document, emailadres="a@b.nl")
    assert_invalid(documenten.post("/verzendingen", json=two), "nonFieldErrors", "invalid-address")
    shown = create(documenten, document)
    # PATCH to another channel: only with the old one cleared
    assert_invalid(documenten.patch(shown["url"], json={"emailadres": "a@b.nl"}), "nonFieldErrors", "invalid-address")
    moved = documenten.patch(shown["url"], json={"emailadres": "a@b.nl", "binnenlandsCorrespondentieadres": None})
    assert moved.status_code == 200, moved.text
    assert (moved.json()["emailadres"], moved.json()["binnenlandsCorrespondentieadres"]) == ("a@b.nl", None)
    # a PATCH of other fields keeps the channel
    assert documenten.patch(shown["url"], json={"toelichting": "x"}).json()["emailadres"] == "a@b.nl"
    postadres = {"postBusOfAntwoordnummer": 12, "postadresPostcode": "1000AA", "postadresType": "postbusnummer", "woonplaatsnaam": "A"}
    put = documenten.put(shown["url"], json=body(document, binnenlandsCorrespondentieadres=None, correspondentiePostadres=postadres))
    assert put.status_code == 200, put.text
    assert (put.json()["correspondentiePostadres"], put.json()["emailadres"], put.json()["toelichting"]) == (postadres, None, "")


def test_update_destroy_and_moving_to_another_document(documenten, documenten_app):
    document, other = create_document(documenten_app), create_document(documenten_app)
    shown = create(documenten, document)
    response = documenten.put(shown["url"], json=body(other, aardRelatie="afzender", ontvangstdatum="2026-01-02", verzenddatum=None))
    assert response.status_code == 200, response.text
    assert {k: response.json()[k] for k in ("informatieobject", "aardRelatie", "ontvangstdatum", "verzenddatum")} == {
        "informatieobject": other,
        "aardRelatie": "afzender",
        "ontvangstdatum": "2026-01-02",
        "verzenddatum": None,
    }
    assert documenten.delete(shown["url"]).status_code == 204
    assert documenten.get(shown["url"]).status_code == 404


def test_list_filters_and_pagination(documenten, documenten_app):
    document, other = create_document(documenten_app), create_document(documenten_app)
    first = create(documenten, document)
    second = create(documenten, document, aardRelatie="afzender", betrokkene="http://klanten.test/api/v1/klanten/2")
    third = create(documenten, other)
    listed = documenten.get("/verzendingen").json()
    assert (listed["count"], listed["next"], listed["previous"]) == (3, None, None)
    assert [v["url"] for v in listed["results"]] == [first["url"], second["url"], third["url"]]

    def urls(**params):
        return [v["url"] for v in documenten.get("/verzendingen", params=params).json()["results"]]

    assert urls(informatieobject=document) == [first["url"], second["url"]]
    assert urls(aardRelatie="afzender") == [second["url"]]
    assert urls(betrokkene=BETROKKENE) == [first["url"], third["url"]]
    assert urls(informatieobject=other, betrokkene=BETROKKENE) == [third["url"]]
    assert urls(informatieobject="http://elders.test/iets/1") == []
    assert_invalid(documenten.get("/verzendingen", params={"aardRelatie": "bode"}), "aardRelatie", "invalid_choice")
    assert documenten.get("/verzendingen", params={"onbekend": "1"}).status_code == 400
    assert documenten.get("/verzendingen", params={"page": 2}).status_code == 404


def test_expand_informatieobject(documenten, documenten_app):
    document = create_document(documenten_app)
    shown = create(documenten, document)
    as_document = documenten.get(document).json()
    detail = documenten.get(shown["url"], params={"expand": "informatieobject"}).json()
    assert detail["_expand"] == {"informatieobject": as_document}
    listed = documenten.get("/verzendingen", params={"expand": "informatieobject"}).json()["results"]
    assert listed[0]["_expand"] == {"informatieobject": as_document}
    assert "_expand" not in documenten.get(shown["url"]).json()
    assert_invalid(documenten.get(shown["url"], params={"expand": "betrokkene"}), "expand", "invalid-expand-field")
    gebruiksrecht = documenten.post(
        "/gebruiksrechten", json={"informatieobject": document, "startdatum": "2019-01-01T12:00:00", "omschrijvingVoorwaarden": "t"}
    ).json()
    expanded = documenten.get(gebruiksrecht["url"], params={"expand": "informatieobject"}).json()
    assert expanded["_expand"]["informatieobject"]["url"] == document
    assert expanded["_expand"]["informatieobject"]["indicatieGebruiksrecht"] is True


def test_notifications_without_audit_trail(documenten, documenten_app, documenten_outbox):
    document = create_document(documenten_app, vertrouwelijkheidaanduiding="intern")
    shown = create(documenten, document)
    documenten.put(shown["url"], json=body(document))
    documenten.patch(shown["url"], json={"toelichting": "x"})
    documenten.delete(shown["url"])
    messages = documenten_outbox()
    assert [m["actie"] for m in messages] == ["create", "update", "partial_update", "destroy"]
    assert {(m["kanaal"], m["resource"], m["hoofdObject"], m["resourceUrl"]) for m in messages} == {
        ("documenten", "verzending", document, shown["url"])
    }
    assert messages[0]["kenmerken"]["vertrouwelijkheidaanduiding"] == "intern"
    assert trail(documenten_app, document) == []


def test_autorisaties_per_informatieobjecttype(documenten, documenten_app, documenten_grant):
    mine = create_document(documenten_app)
    theirs = create_document(documenten_app, OTHER_TYPE)
    own, foreign = create(documenten, mine), create(documenten, theirs)
    client = limited(documenten, documenten_grant)
    assert [v["url"] for v in client.get("/verzendingen").json()["results"]] == [own["url"]]
    assert client.get(foreign["url"]).status_code == 403
    assert client.post("/verzendingen", json=body(theirs)).status_code == 403
    assert client.patch(foreign["url"], json={"toelichting": "x"}).status_code == 403
    assert client.put(own["url"], json=body(theirs)).status_code == 403  # not onto another's document
    assert client.delete(foreign["url"]).status_code == 403
    assert client.post("/verzendingen", json=body(mine)).status_code == 201
    reader = limited(documenten, documenten_grant, scopes=["documenten.lezen"])
    assert reader.post("/verzendingen", json=body(mine)).status_code == 403


def test_list_queries_do_not_grow_with_the_page(documenten, documenten_app):
    create(documenten, create_document(documenten_app))
    engine = documenten_app.state.db.engine
    with QueryCounter(engine) as one:
        assert documenten.get("/verzendingen", params={"expand": "informatieobject"}).status_code == 200
    for _ in range(5):
        create(documenten, create_document(documenten_app))
    with QueryCounter(engine) as six:
        assert len(documenten.get("/verzendingen", params={"expand": "informatieobject"}).json()["results"]) == 6
    assert six.count == one.count <= 3
