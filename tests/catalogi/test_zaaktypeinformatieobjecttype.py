import pytest

from services.catalogi.zaaktypeinformatieobjecttype.service import ZaakTypeInformatieObjectTypeService
from tests.catalogi.factories import (
    create_catalogus,
    create_statustype,
    create_zaaktype,
    create_ziot,
    informatieobjecttype_url,
    publish,
    ziot_body,
)
from tests.conftest import assert_invalid
from tests.standins import referentielijsten

pytestmark = pytest.mark.skipif(not referentielijsten.available(), reason="the selectielijst fixtures in ../shared are needed")

COLLECTION = "/zaaktype-informatieobjecttypen"


@pytest.fixture
def setup(catalogi):
    """A concept zaaktype and a concept informatieobjecttype `Aanvraag` in one catalogus."""
    catalogus = create_catalogus(catalogi)
    zaaktype = create_zaaktype(catalogi, catalogus["url"])
    iotype = informatieobjecttype_url(catalogi, catalogus["url"], "Aanvraag")
    return {"catalogus": catalogus["url"], "zaaktype": zaaktype["url"], "iotype": iotype}


def urls(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [r["url"] for r in response.json()["results"]]


def test_create_by_omschrijving_and_retrieve(catalogi, setup):
    response = catalogi.post(COLLECTION, json=ziot_body(setup["zaaktype"], "Aanvraag", volgnummer=3, richting="uitgaand"))
    assert response.status_code == 201, response.text
    created = response.json()
    assert response.headers["Location"] == created["url"]
    assert created["zaaktype"] == setup["zaaktype"]
    assert created["zaaktypeIdentificatie"] == "ZT-001"
    assert created["catalogus"] == setup["catalogus"]
    assert created["informatieobjecttype"] == setup["iotype"]
    assert (created["volgnummer"], created["richting"], created["statustype"]) == (3, "uitgaand", None)
    assert catalogi.get(created["url"]).json() == created


def test_create_by_url_holds_for_every_version(catalogi, setup):
    v1 = informatieobjecttype_url(
        catalogi, setup["catalogus"], "Verslag", published=True, beginGeldigheid="2020-01-01", eindeGeldigheid="2023-12-31"
    )
    created = create_ziot(catalogi, setup["zaaktype"], v1)
    assert created["informatieobjecttype"] == v1
    # the relation is by omschrijving: a new version, valid today, takes over
    v2 = informatieobjecttype_url(catalogi, setup["catalogus"], "Verslag", published=True, beginGeldigheid="2024-01-01")
    assert catalogi.get(created["url"]).json()["informatieobjecttype"] == v2
    assert catalogi.get(setup["zaaktype"]).json()["informatieobjecttypen"] == [v2]


def test_zaaktype_lists_its_informatieobjecttypen(catalogi, setup):
    brief = informatieobjecttype_url(catalogi, setup["catalogus"], "Brief")
    create_ziot(catalogi, setup["zaaktype"], "Brief", volgnummer=2)
    create_ziot(catalogi, setup["zaaktype"], "Aanvraag", volgnummer=1)
    assert catalogi.get(setup["zaaktype"]).json()["informatieobjecttypen"] == [setup["iotype"], brief]


def test_informatieobjecttype_must_exist_in_the_catalogus(catalogi, setup):
    assert_invalid(catalogi.post(COLLECTION, json=ziot_body(setup["zaaktype"], "Onbekend")), "informatieobjecttype", "does_not_exist")
    elders = create_catalogus(catalogi, domein="ANDER")
    foreign = informatieobjecttype_url(catalogi, elders["url"], "Elders")
    # ztc-013, by omschrijving and by URL
    assert_invalid(
        catalogi.post(COLLECTION, json=ziot_body(setup["zaaktype"], "Elders")), "nonFieldErrors", "relations-incorrect-catalogus"
    )
    assert_invalid(catalogi.post(COLLECTION, json=ziot_body(setup["zaaktype"], foreign)), "nonFieldErrors", "relations-incorrect-catalogus")
    assert_invalid(
        catalogi.post(COLLECTION, json=ziot_body(setup["zaaktype"], "https://elders.example.org/iot/1")), "informatieobjecttype", "no_match"
    )
    missing = setup["iotype"].rsplit("/", 1)[0] + "/5a2c1e4f-5cf9-4c6a-9b0a-000000000000"
    assert_invalid(catalogi.post(COLLECTION, json=ziot_body(setup["zaaktype"], missing)), "informatieobjecttype", "does_not_exist")


def test_volgnummer_unique_per_zaaktype(catalogi, setup):
    first = create_ziot(catalogi, setup["zaaktype"], "Aanvraag", volgnummer=1)
    assert_invalid(catalogi.post(COLLECTION, json=ziot_body(setup["zaaktype"], "Aanvraag", volgnummer=1)), "nonFieldErrors", "unique")
    second = create_ziot(catalogi, setup["zaaktype"], "Aanvraag", volgnummer=2)
    assert_invalid(catalogi.patch(second["url"], json={"volgnummer": 1}), "nonFieldErrors", "unique")
    # the same volgnummer in another zaaktype is fine, and an object keeps its own
    other = create_zaaktype(catalogi, setup["catalogus"], identificatie="ZT-2")
    create_ziot(catalogi, other["url"], "Aanvraag", volgnummer=1)
    assert (
        catalogi.put(first["url"], json=ziot_body(setup["zaaktype"], "Aanvraag", volgnummer=1, richting="intern")).json()["richting"]
        == "intern"
    )
    # moving to a zaaktype where the volgnummer is taken
    assert_invalid(catalogi.patch(first["url"], json={"zaaktype": other["url"]}), "nonFieldErrors", "unique")


def test_volgnummer_unique_under_a_race(catalogi, setup, monkeypatch):
    """The database constraint decides when two writes pass the check at the same time."""
    create_ziot(catalogi, setup["zaaktype"], "Aanvraag", volgnummer=1)
    monkeypatch.setattr(ZaakTypeInformatieObjectTypeService, "_ensure_unique", lambda self, ctx, obj: None)
    assert_invalid(catalogi.post(COLLECTION, json=ziot_body(setup["zaaktype"], "Aanvraag", volgnummer=1)), "nonFieldErrors", "unique")
    assert catalogi.get(f"{COLLECTION}?status=alles").json()["count"] == 1


def test_statustype_of_the_same_zaaktype(catalogi, setup):
    statustype = create_statustype(catalogi, setup["zaaktype"])["url"]
    created = create_ziot(catalogi, setup["zaaktype"], "Aanvraag", statustype=statustype)
    assert created["statustype"] == statustype
    other = create_zaaktype(catalogi, setup["catalogus"], identificatie="ZT-2")
    foreign = create_statustype(catalogi, other["url"])["url"]
    assert_invalid(catalogi.patch(created["url"], json={"statustype": foreign}), "statustype", "invalid")
    # the zaaktype may not move away from its statustype
    assert_invalid(catalogi.patch(created["url"], json={"zaaktype": other["url"]}), "statustype", "invalid")
    missing = statustype.rsplit("/", 1)[0] + "/5a2c1e4f-5cf9-4c6a-9b0a-000000000000"
    assert_invalid(catalogi.patch(created["url"], json={"statustype": missing}), "statustype", "does_not_exist")
    assert catalogi.patch(created["url"], json={"statustype": None}).json()["statustype"] is None


def test_bad_input(catalogi, setup):
    body = ziot_body(setup["zaaktype"], "Aanvraag", volgnummer=0, richting="rond")
    del body["zaaktype"]
    response = catalogi.post(COLLECTION, json=body)
    assert_invalid(response, "volgnummer", "min_value")
    assert_invalid(response, "richting", "invalid_choice")
    assert_invalid(response, "zaaktype", "required")
    assert_invalid(catalogi.post(COLLECTION, json=ziot_body(setup["zaaktype"], "Aanvraag", volgnummer=1000)), "volgnummer", "max_value")
    assert_invalid(catalogi.post(COLLECTION, json=ziot_body(setup["zaaktype"], "Aanvraag", volgnummer="een")), "volgnummer", "invalid")
    assert_invalid(catalogi.post(COLLECTION, json=ziot_body(setup["zaaktype"], "")), "informatieobjecttype", "blank")
    assert_invalid(catalogi.post(COLLECTION, json=ziot_body(setup["zaaktype"], "x" * 101)), "informatieobjecttype", "max_length")
    assert_invalid(catalogi.post(COLLECTION, json=ziot_body(setup["zaaktype"], "Aanvraag", statustype="geen url")), "statustype", "invalid")
    assert_invalid(catalogi.post(COLLECTION, json=ziot_body("https://elders.example.org/zaaktypen/1", "Aanvraag")), "zaaktype", "no_match")
    created = create_ziot(catalogi, setup["zaaktype"], "Aanvraag")
    assert_invalid(catalogi.patch(created["url"], json={"richting": None}), "richting", "null")
    assert catalogi.get(f"{COLLECTION}/5a2c1e4f-5cf9-4c6a-9b0a-000000000000").status_code == 404


# ---------------------------------------------------------------- ztc-010


def test_ztc_010_blocked_when_both_published(catalogi, setup):
    schrijver = catalogi.as_client("schrijver")
    created = create_ziot(catalogi, setup["zaaktype"], "Aanvraag")
    publish(catalogi, setup["iotype"])
    publish(catalogi, setup["zaaktype"])
    assert_invalid(
        schrijver.post(COLLECTION, json=ziot_body(setup["zaaktype"], "Aanvraag", volgnummer=2)), "nonFieldErrors", "non-concept-relation"
    )
    assert_invalid(schrijver.patch(created["url"], json={"richting": "intern"}), "nonFieldErrors", "non-concept-relation")
    assert_invalid(schrijver.put(created["url"], json=ziot_body(setup["zaaktype"], "Aanvraag")), "nonFieldErrors", "non-concept-relation")
    assert_invalid(schrijver.delete(created["url"]), "nonFieldErrors", "non-concept-relation")
    # geforceerd-schrijven / -verwijderen (the all-rights client)
    assert catalogi.post(COLLECTION, json=ziot_body(setup["zaaktype"], "Aanvraag", volgnummer=2)).status_code == 201
    assert catalogi.patch(created["url"], json={"richting": "intern"}).status_code == 200
    assert catalogi.delete(created["url"]).status_code == 204


def test_ztc_010_allowed_when_one_side_is_a_concept(catalogi, setup):
    schrijver = catalogi.as_client("schrijver")
    # published zaaktype, concept informatieobjecttype
    publish(catalogi, setup["zaaktype"])
    response = schrijver.post(COLLECTION, json=ziot_body(setup["zaaktype"], "Aanvraag"))
    assert response.status_code == 201, response.text
    created = response.json()
    assert schrijver.patch(created["url"], json={"richting": "intern"}).status_code == 200
    # concept zaaktype, published informatieobjecttype
    concept = create_zaaktype(catalogi, setup["catalogus"], identificatie="ZT-2")
    publish(catalogi, setup["iotype"])
    other = schrijver.post(COLLECTION, json=ziot_body(concept["url"], "Aanvraag"))
    assert other.status_code == 201, other.text
    assert schrijver.delete(other.json()["url"]).status_code == 204
    # now both ends of the first relation are published
    assert_invalid(schrijver.delete(created["url"]), "nonFieldErrors", "non-concept-relation")


# ---------------------------------------------------------------- filters, headers, scopes


def test_filters(catalogi, setup):
    brief = informatieobjecttype_url(catalogi, setup["catalogus"], "Brief", published=True)
    a = create_ziot(catalogi, setup["zaaktype"], "Aanvraag", volgnummer=1, richting="inkomend")
    b = create_ziot(catalogi, setup["zaaktype"], "Brief", volgnummer=2, richting="uitgaand")
    other = create_zaaktype(catalogi, setup["catalogus"], identificatie="ZT-2")
    c = create_ziot(catalogi, other["url"], "Brief", volgnummer=1, richting="intern")
    # status: definitief (default) = zaaktype and informatieobjecttype published
    assert urls(catalogi.get(COLLECTION)) == []
    publish(catalogi, other["url"])
    assert urls(catalogi.get(COLLECTION)) == [c["url"]]
    assert urls(catalogi.get(f"{COLLECTION}?status=definitief")) == [c["url"]]
    assert urls(catalogi.get(f"{COLLECTION}?status=concept")) == [b["url"], a["url"]]
    assert urls(catalogi.get(f"{COLLECTION}?status=alles")) == [c["url"], b["url"], a["url"]]
    q = f"{COLLECTION}?status=alles"
    assert urls(catalogi.get(f"{q}&zaaktype={setup['zaaktype']}")) == [b["url"], a["url"]]
    assert urls(catalogi.get(f"{q}&zaaktype=https://elders.example.org/zaaktypen/1")) == []
    assert urls(catalogi.get(f"{q}&informatieobjecttype={brief}")) == [c["url"], b["url"]]
    # any version's URL selects the relation
    brief_v0 = informatieobjecttype_url(
        catalogi, setup["catalogus"], "Brief", published=True, beginGeldigheid="2000-01-01", eindeGeldigheid="2000-12-31"
    )
    assert urls(catalogi.get(f"{q}&informatieobjecttype={brief_v0}")) == [c["url"], b["url"]]
    assert urls(catalogi.get(f"{q}&informatieobjecttype=https://elders.example.org/iot/1")) == []
    assert urls(catalogi.get(f"{q}&richting=uitgaand")) == [b["url"]]
    assert_invalid(catalogi.get(f"{q}&richting=rond"), "richting", "invalid_choice")
    assert_invalid(catalogi.get(f"{COLLECTION}?status=iets"), "status", "invalid_choice")
    assert catalogi.get(f"{q}&page=2").status_code == 404


def test_etag_and_head(catalogi, setup):
    created = create_ziot(catalogi, setup["zaaktype"], "Aanvraag")
    etag = catalogi.get(created["url"]).headers["ETag"]
    assert catalogi.get(created["url"], headers={"If-None-Match": etag}).status_code == 304
    head = catalogi.head(created["url"])
    assert head.status_code == 200 and head.content == b"" and head.headers["ETag"] == etag
    assert catalogi.patch(created["url"], json={"richting": "intern"}).headers["ETag"] != etag


def test_scopes(catalogi, setup):
    created = create_ziot(catalogi, setup["zaaktype"], "Aanvraag")
    body = ziot_body(setup["zaaktype"], "Aanvraag", volgnummer=2)
    lezer = catalogi.as_client("lezer")
    assert lezer.get(created["url"]).status_code == 200
    assert catalogi.as_client("zaken-lezer").get(COLLECTION).status_code == 200  # ztc-014
    assert catalogi.as_client("niemand").get(COLLECTION).json()["code"] == "permission_denied"
    assert lezer.post(COLLECTION, json=body).status_code == 403
    assert lezer.put(created["url"], json=body).status_code == 403
    assert lezer.delete(created["url"]).status_code == 403
    schrijver = catalogi.as_client("schrijver")
    assert schrijver.post(COLLECTION, json=body).status_code == 201
    assert schrijver.delete(created["url"]).status_code == 204
    assert catalogi.client.get(catalogi.url(COLLECTION)).status_code == 401
