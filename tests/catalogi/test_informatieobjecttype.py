"""informatieobjecttypen: CRUD, publish, versions, concept rules, relations by omschrijving."""

import uuid

import pytest
from sqlalchemy import select

from services.catalogi.zaaktype.models import ZaakType
from services.catalogi.zaaktypeinformatieobjecttype.models import ZaakTypeInformatieObjectType
from tests.catalogi.factories import (
    create_besluittype,
    create_catalogus,
    create_informatieobjecttype,
    create_published_besluittype,
    create_published_informatieobjecttype,
    create_zaaktype,
    informatieobjecttype_body,
    publish,
)
from tests.conftest import QueryCounter, assert_invalid

API = "http://testserver/catalogi/api/v1"


def add_ziot(app, zaaktype_url: str, omschrijving: str, volgnummer: int = 1) -> None:
    """A zaaktype-informatieobjecttype row (its own resource is built elsewhere)."""
    with app.state.db.session() as session:
        zaaktype_id = session.scalar(select(ZaakType.id).where(ZaakType.uuid == uuid.UUID(zaaktype_url.rsplit("/", 1)[1])))
        session.add(
            ZaakTypeInformatieObjectType(
                zaaktype_id=zaaktype_id, informatieobjecttype_omschrijving=omschrijving, volgnummer=volgnummer, richting="inkomend"
            )
        )
        session.commit()


# ---------------------------------------------------------------- create / read


def test_create_and_retrieve(catalogi):
    catalogus = create_catalogus(catalogi)
    response = catalogi.post("/informatieobjecttypen", json=informatieobjecttype_body(catalogus["url"]))
    assert response.status_code == 201
    created = response.json()
    assert response.headers["Location"] == created["url"]
    assert created["url"].startswith(f"{API}/informatieobjecttypen/")
    assert created == {
        "url": created["url"],
        "catalogus": catalogus["url"],
        "omschrijving": "Aanvraagformulier",
        "vertrouwelijkheidaanduiding": "openbaar",
        "beginGeldigheid": "2024-01-01",
        "eindeGeldigheid": None,
        "beginObject": None,
        "eindeObject": None,
        "concept": True,
        "zaaktypen": [],
        "besluittypen": [],
        "informatieobjectcategorie": "Formulier",
        "trefwoord": ["aanvraag"],
        "omschrijvingGeneriek": {
            "informatieobjecttypeOmschrijvingGeneriek": "Aanvraag",
            "definitieInformatieobjecttypeOmschrijvingGeneriek": "Een aanvraag van een burger",
            "herkomstInformatieobjecttypeOmschrijvingGeneriek": "VNG",
            "hierarchieInformatieobjecttypeOmschrijvingGeneriek": "basis",
            "opmerkingInformatieobjecttypeOmschrijvingGeneriek": None,
        },
    }
    fetched = catalogi.get(created["url"])
    assert fetched.status_code == 200 and fetched.json() == created
    assert catalogi.get(catalogus["url"]).json()["informatieobjecttypen"] == [created["url"]]


def test_optional_fields_default(catalogi):
    catalogus = create_catalogus(catalogi)
    body = informatieobjecttype_body(catalogus["url"])
    del body["omschrijvingGeneriek"], body["trefwoord"]
    created = catalogi.post("/informatieobjecttypen", json=body).json()
    assert created["trefwoord"] == []
    assert created["omschrijvingGeneriek"] == {
        "informatieobjecttypeOmschrijvingGeneriek": "",
        "definitieInformatieobjecttypeOmschrijvingGeneriek": "",
        "herkomstInformatieobjecttypeOmschrijvingGeneriek": "",
        "hierarchieInformatieobjecttypeOmschrijvingGeneriek": "",
        "opmerkingInformatieobjecttypeOmschrijvingGeneriek": None,
    }


def test_required_fields(catalogi):
    response = catalogi.post("/informatieobjecttypen", json={})
    for name in ("catalogus", "omschrijving", "vertrouwelijkheidaanduiding", "beginGeldigheid", "informatieobjectcategorie"):
        assert_invalid(response, name, "required")


@pytest.mark.parametrize(
    ("overrides", "name", "code"),
    [
        ({"omschrijving": "x" * 81}, "omschrijving", "max_length"),
        ({"omschrijving": ""}, "omschrijving", "blank"),
        ({"omschrijving": None}, "omschrijving", "null"),
        ({"omschrijving": True}, "omschrijving", "invalid"),
        ({"informatieobjectcategorie": "x" * 81}, "informatieobjectcategorie", "max_length"),
        ({"vertrouwelijkheidaanduiding": "heel_geheim"}, "vertrouwelijkheidaanduiding", "invalid_choice"),
        ({"beginGeldigheid": "morgen"}, "beginGeldigheid", "invalid"),
        ({"beginGeldigheid": None}, "beginGeldigheid", "null"),
        ({"eindeGeldigheid": "2023-12-31"}, "eindeGeldigheid", "invalid"),
        ({"trefwoord": ["x" * 31]}, "trefwoord.0", "max_length"),
        ({"trefwoord": "los"}, "trefwoord", "not_a_list"),
        ({"trefwoord": None}, "trefwoord", "null"),
        ({"omschrijvingGeneriek": None}, "omschrijvingGeneriek", "null"),
        ({"omschrijvingGeneriek": {}}, "omschrijvingGeneriek.informatieobjecttypeOmschrijvingGeneriek", "required"),
        (
            {
                "omschrijvingGeneriek": {
                    "informatieobjecttypeOmschrijvingGeneriek": "a",
                    "definitieInformatieobjecttypeOmschrijvingGeneriek": "b",
                    "herkomstInformatieobjecttypeOmschrijvingGeneriek": "x" * 13,
                    "hierarchieInformatieobjecttypeOmschrijvingGeneriek": "c",
                }
            },
            "omschrijvingGeneriek.herkomstInformatieobjecttypeOmschrijvingGeneriek",
            "max_length",
        ),
        ({"catalogus": None}, "catalogus", "null"),
        ({"catalogus": "geen url"}, "catalogus", "invalid"),
        ({"catalogus": "http://elders.example.org/catalogussen/1"}, "catalogus", "no_match"),
        ({"catalogus": f"{API}/catalogussen/{uuid.uuid4()}"}, "catalogus", "does_not_exist"),
    ],
)
def test_bad_input(catalogi, outbox_rows, overrides, name, code):
    catalogus = create_catalogus(catalogi)
    response = catalogi.post("/informatieobjecttypen", json=informatieobjecttype_body(catalogus["url"], **overrides))
    assert_invalid(response, name, code)
    assert outbox_rows() == []


def test_not_json_body(catalogi):
    response = catalogi.post("/informatieobjecttypen", content=b"[1,2]", headers={"Content-Type": "application/json"})
    assert response.status_code == 400


# ---------------------------------------------------------------- list and filters


def test_filters(catalogi):
    catalogus = create_catalogus(catalogi)
    other = create_catalogus(catalogi, domein="ANDER")
    a = create_informatieobjecttype(
        catalogi, catalogus["url"], omschrijving="A", beginGeldigheid="2024-01-01", eindeGeldigheid="2024-12-31"
    )
    b = create_informatieobjecttype(catalogi, catalogus["url"], omschrijving="B", beginGeldigheid="2025-01-01")
    c = create_informatieobjecttype(catalogi, other["url"], omschrijving="A")
    q = "/informatieobjecttypen?status=alles"

    def urls(query: str) -> list[str]:
        response = catalogi.get(query)
        assert response.status_code == 200, response.text
        return [r["url"] for r in response.json()["results"]]

    assert urls(q) == [c["url"], b["url"], a["url"]]  # newest first
    assert urls(f"{q}&catalogus={catalogus['url']}") == [b["url"], a["url"]]
    assert urls(f"{q}&omschrijving=A") == [c["url"], a["url"]]
    assert urls(f"{q}&catalogus={catalogus['url']}&omschrijving=A") == [a["url"]]
    assert urls(f"{q}&datumGeldigheid=2024-06-01") == [c["url"], a["url"]]
    assert urls(f"{q}&datumGeldigheid=2025-06-01") == [c["url"], b["url"]]
    # an unresolvable URL filter is an empty result, not an error
    assert urls(f"{q}&catalogus=http://elders.example.org/x") == []
    assert urls(f"{q}&catalogus={API}/catalogussen/{uuid.uuid4()}") == []
    assert_invalid(catalogi.get(f"{q}&datumGeldigheid=gisteren"), "datumGeldigheid", "invalid")
    assert_invalid(catalogi.get(f"{q}&datumGeldigheid=2024-13-01"), "datumGeldigheid", "invalid")


def test_pagination(catalogi):
    catalogus = create_catalogus(catalogi)
    for i in range(3):
        create_informatieobjecttype(catalogi, catalogus["url"], omschrijving=f"T{i}")
    body = catalogi.get("/informatieobjecttypen?status=alles&page=1").json()
    assert body["count"] == 3 and body["previous"] is None and len(body["results"]) == 3


# ---------------------------------------------------------------- publish, concept rules, versions


def test_publish(catalogi, outbox_rows):
    concept = create_informatieobjecttype(catalogi)
    before = len(outbox_rows())
    response = catalogi.as_client("schrijver").post(f"{concept['url']}/publish", json={})
    assert response.status_code == 200
    assert response.json() == {**concept, "concept": False}
    assert response.headers["ETag"]
    # publishing again changes nothing; publish sends no notification
    assert catalogi.post(f"{concept['url']}/publish").json()["concept"] is False
    assert len(outbox_rows()) == before
    assert catalogi.as_client("lezer").post(f"{concept['url']}/publish", json={}).status_code == 403
    missing = catalogi.post(f"/informatieobjecttypen/{uuid.uuid4()}/publish", json={})
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_ztc_009_published_is_frozen(catalogi):
    published = create_published_informatieobjecttype(catalogi)
    schrijver = catalogi.as_client("schrijver")
    assert_invalid(schrijver.patch(published["url"], json={"omschrijving": "Anders"}), "nonFieldErrors", "non-concept-object")
    assert_invalid(
        schrijver.put(published["url"], json=informatieobjecttype_body(published["catalogus"])), "nonFieldErrors", "non-concept-object"
    )
    assert_invalid(
        schrijver.patch(published["url"], json={"eindeGeldigheid": "2024-12-31", "omschrijving": "Anders"}),
        "nonFieldErrors",
        "non-concept-object",
    )
    assert_invalid(schrijver.delete(published["url"]), "nonFieldErrors", "non-concept-object")
    # only eindeGeldigheid may change
    response = schrijver.patch(published["url"], json={"eindeGeldigheid": "2024-12-31"})
    assert response.status_code == 200 and response.json()["eindeGeldigheid"] == "2024-12-31"
    # a correction with catalogi.geforceerd-schrijven / -verwijderen (the all-rights client)
    assert catalogi.patch(published["url"], json={"informatieobjectcategorie": "Brief"}).json()["informatieobjectcategorie"] == "Brief"
    assert catalogi.delete(published["url"]).status_code == 204


def test_concept_update_and_delete(catalogi):
    concept = create_informatieobjecttype(catalogi)
    schrijver = catalogi.as_client("schrijver")
    patched = schrijver.patch(concept["url"], json={"omschrijving": "Nieuw", "trefwoord": ["a", "b"]})
    assert patched.status_code == 200
    assert patched.json()["omschrijving"] == "Nieuw" and patched.json()["trefwoord"] == ["a", "b"]
    assert patched.json()["informatieobjectcategorie"] == "Formulier"
    # PUT replaces everything: omitted optional fields go back to their defaults
    body = informatieobjecttype_body(concept["catalogus"], omschrijving="Vervangen")
    del body["trefwoord"], body["omschrijvingGeneriek"]
    put = schrijver.put(concept["url"], json=body)
    assert put.status_code == 200
    assert put.json()["trefwoord"] == [] and put.json()["omschrijvingGeneriek"]["informatieobjecttypeOmschrijvingGeneriek"] == ""
    assert_invalid(schrijver.put(concept["url"], json={"omschrijving": "x"}), "catalogus", "required")
    assert_invalid(schrijver.patch(concept["url"], json={"omschrijving": None}), "omschrijving", "null")
    assert_invalid(schrijver.patch(concept["url"], json={"eindeGeldigheid": "2000-01-01"}), "eindeGeldigheid", "invalid")
    assert schrijver.delete(concept["url"]).status_code == 204
    assert catalogi.get(concept["url"]).status_code == 404
    assert schrijver.delete(concept["url"]).status_code == 404


def test_versions_do_not_overlap(catalogi):
    catalogus = create_catalogus(catalogi)
    schrijver = catalogi.as_client("schrijver")
    v1 = create_published_informatieobjecttype(catalogi, catalogus["url"], beginGeldigheid="2024-01-01")
    v2 = create_informatieobjecttype(catalogi, catalogus["url"], beginGeldigheid="2025-01-01")
    assert_invalid(schrijver.post(f"{v2['url']}/publish", json={}), "beginGeldigheid", "overlap")
    assert catalogi.get(v2["url"]).json()["concept"] is True
    assert schrijver.patch(v1["url"], json={"eindeGeldigheid": "2024-12-31"}).status_code == 200
    publish(schrijver, v2["url"])
    q = "/informatieobjecttypen?omschrijving=Aanvraagformulier"
    assert [r["url"] for r in catalogi.get(f"{q}&datumGeldigheid=2024-06-01").json()["results"]] == [v1["url"]]
    assert [r["url"] for r in catalogi.get(f"{q}&datumGeldigheid=2025-06-01").json()["results"]] == [v2["url"]]
    # the old version's end may not be moved into the new one
    assert_invalid(schrijver.patch(v1["url"], json={"eindeGeldigheid": "2025-02-01"}), "eindeGeldigheid", "overlap")
    # a third version inside an existing period; the same omschrijving elsewhere does not count
    v3 = create_informatieobjecttype(catalogi, catalogus["url"], beginGeldigheid="2024-06-01", eindeGeldigheid="2024-07-01")
    assert_invalid(schrijver.post(f"{v3['url']}/publish"), "beginGeldigheid", "overlap")
    other = create_catalogus(catalogi, domein="ANDER")
    publish(schrijver, create_informatieobjecttype(catalogi, other["url"], beginGeldigheid="2024-01-01")["url"])


def test_etag_and_head(catalogi):
    created = create_informatieobjecttype(catalogi)
    response = catalogi.get(created["url"])
    etag = response.headers["ETag"]
    assert catalogi.get(created["url"], headers={"If-None-Match": etag}).status_code == 304
    head = catalogi.head(created["url"])
    assert head.status_code == 200 and head.content == b"" and head.headers["ETag"] == etag
    catalogi.patch(created["url"], json={"omschrijving": "Gewijzigd"})
    assert catalogi.get(created["url"], headers={"If-None-Match": etag}).status_code == 200
    assert catalogi.head(f"/informatieobjecttypen/{uuid.uuid4()}").status_code == 404


def test_scopes(catalogi):
    published = create_published_informatieobjecttype(catalogi)
    assert catalogi.as_client("lezer").get(published["url"]).status_code == 200
    assert catalogi.as_client("zaken-lezer").get("/informatieobjecttypen").status_code == 200  # ztc-014
    assert catalogi.as_client("zaken-lezer").get(published["url"]).status_code == 200
    denied = catalogi.as_client("niemand").get("/informatieobjecttypen")
    assert denied.status_code == 403 and denied.json()["code"] == "permission_denied"
    lezer = catalogi.as_client("lezer")
    assert lezer.post("/informatieobjecttypen", json=informatieobjecttype_body(published["catalogus"])).status_code == 403
    assert lezer.patch(published["url"], json={"eindeGeldigheid": "2030-01-01"}).status_code == 403
    assert lezer.delete(published["url"]).status_code == 403
    anonymous = catalogi.client.get(published["url"])
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "not_authenticated"


def test_failed_writes_leave_no_message(catalogi, outbox_rows):
    published = create_published_informatieobjecttype(catalogi)
    before = outbox_rows()
    catalogi.as_client("schrijver").patch(published["url"], json={"omschrijving": "x"})
    catalogi.as_client("schrijver").delete(published["url"])
    catalogi.patch(published["url"], json={"trefwoord": "geen lijst"})
    assert outbox_rows() == before


# ---------------------------------------------------------------- relations


def test_zaaktypen_and_besluittypen_by_omschrijving(catalogi, catalogi_app):
    catalogus = create_catalogus(catalogi)
    other = create_catalogus(catalogi, domein="ANDER")
    iotype = create_published_informatieobjecttype(catalogi, catalogus["url"], omschrijving="Brief")
    zaaktype = create_zaaktype(catalogi, catalogus["url"])
    elders = create_zaaktype(catalogi, other["url"])
    add_ziot(catalogi_app, zaaktype["url"], "Brief")
    add_ziot(catalogi_app, elders["url"], "Brief")  # same omschrijving, other catalogus: not related
    add_ziot(catalogi_app, zaaktype["url"], "Iets anders", volgnummer=2)
    besluittype = create_besluittype(catalogi, catalogus["url"], informatieobjecttypen=["Brief"])
    create_besluittype(catalogi, catalogus["url"], omschrijving="Zonder")
    body = catalogi.get(iotype["url"]).json()
    assert body["zaaktypen"] == [zaaktype["url"]]
    assert body["besluittypen"] == [besluittype["url"]]
    # every version of the informatieobjecttype shows the relations (they are by omschrijving)
    v2 = create_informatieobjecttype(catalogi, catalogus["url"], omschrijving="Brief", beginGeldigheid="2030-01-01")
    assert v2["zaaktypen"] == [zaaktype["url"]] and v2["besluittypen"] == [besluittype["url"]]


def test_relations_are_batched_per_page(catalogi, catalogi_app):
    catalogus = create_catalogus(catalogi)

    def count_list() -> int:
        with QueryCounter(catalogi_app.state.db.engine) as counter:
            assert catalogi.get("/informatieobjecttypen?status=alles").status_code == 200
        return counter.count

    create_informatieobjecttype(catalogi, catalogus["url"], omschrijving="T0")
    single = count_list()
    for i in range(1, 6):
        create_informatieobjecttype(catalogi, catalogus["url"], omschrijving=f"T{i}")
        create_besluittype(catalogi, catalogus["url"], omschrijving=f"B{i}", informatieobjecttypen=[f"T{i}"])
    assert count_list() == single


def test_delete_concept_used_by_published_besluittype(catalogi):
    """RI M2MConceptDestroyMixin: non-concept-relation, unless geforceerd-verwijderen."""
    catalogus = create_catalogus(catalogi)
    iotype = create_informatieobjecttype(catalogi, catalogus["url"], omschrijving="Brief")
    create_published_besluittype(catalogi, catalogus["url"], informatieobjecttypen=["Brief"])
    schrijver = catalogi.as_client("schrijver")
    assert_invalid(schrijver.delete(iotype["url"]), "nonFieldErrors", "non-concept-relation")
    assert catalogi.delete(iotype["url"]).status_code == 204


def test_delete_concept_used_by_published_zaaktype(catalogi, catalogi_app):
    catalogus = create_catalogus(catalogi)
    create_published_informatieobjecttype(catalogi, catalogus["url"], omschrijving="Brief", eindeGeldigheid="2029-12-31")
    zaaktype = create_zaaktype(catalogi, catalogus["url"])
    add_ziot(catalogi_app, zaaktype["url"], "Brief")
    schrijver = catalogi.as_client("schrijver")
    # a concept zaaktype does not protect a new version
    v2 = create_informatieobjecttype(catalogi, catalogus["url"], omschrijving="Brief", beginGeldigheid="2030-01-01")
    assert schrijver.delete(v2["url"]).status_code == 204
    publish(catalogi, zaaktype["url"])
    v2 = create_informatieobjecttype(catalogi, catalogus["url"], omschrijving="Brief", beginGeldigheid="2030-01-01")
    assert_invalid(schrijver.delete(v2["url"]), "nonFieldErrors", "non-concept-relation")
    # an unrelated concept is deleted as usual
    assert schrijver.delete(create_informatieobjecttype(catalogi, catalogus["url"], omschrijving="Los")["url"]).status_code == 204
