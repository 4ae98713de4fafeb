"""besluittypen: CRUD, publish, versions, concept rules, relations by omschrijving."""

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from services.catalogi.resultaattype.models import ResultaatType, ResultaatTypeBesluitType
from services.catalogi.zaaktype.models import ZaakType
from tests.catalogi.factories import (
    besluittype_body,
    create_besluittype,
    create_catalogus,
    create_informatieobjecttype,
    create_published_besluittype,
    create_published_informatieobjecttype,
    create_zaaktype,
    publish,
)
from tests.conftest import QueryCounter, assert_invalid

API = "http://testserver/catalogi/api/v1"


def add_resultaattype(app, zaaktype_url: str, omschrijving: str, besluittypen: list[str]) -> str:
    """A resultaattype row related to besluittypen by omschrijving; returns its URL."""
    with app.state.db.session() as session:
        zaaktype_id = session.scalar(select(ZaakType.id).where(ZaakType.uuid == uuid.UUID(zaaktype_url.rsplit("/", 1)[1])))
        resultaattype = ResultaatType(
            uuid=uuid.uuid4(),
            zaaktype_id=zaaktype_id,
            omschrijving=omschrijving,
            resultaattypeomschrijving="http://referentielijsten.test/api/v1/resultaattypeomschrijvingen/1",
            selectielijstklasse="http://referentielijsten.test/api/v1/resultaten/1",
        )
        session.add(resultaattype)
        session.flush()
        for key in besluittypen:
            session.add(ResultaatTypeBesluitType(resultaattype_id=resultaattype.id, omschrijving=key))
        session.commit()
        return f"{API}/resultaattypen/{resultaattype.uuid}"


# ---------------------------------------------------------------- create / read


def test_create_and_retrieve(catalogi):
    catalogus = create_catalogus(catalogi)
    response = catalogi.post("/besluittypen", json=besluittype_body(catalogus["url"]))
    assert response.status_code == 201
    created = response.json()
    assert response.headers["Location"] == created["url"]
    assert created == {
        "url": created["url"],
        "catalogus": catalogus["url"],
        "zaaktypen": [],
        "omschrijving": "Vergunningsbesluit",
        "omschrijvingGeneriek": "Vergunning",
        "besluitcategorie": "Vergunning",
        "reactietermijn": "P6W",
        "publicatieIndicatie": False,
        "publicatietekst": "",
        "publicatietermijn": None,
        "toelichting": "",
        "informatieobjecttypen": [],
        "beginGeldigheid": "2024-01-01",
        "eindeGeldigheid": None,
        "beginObject": None,
        "eindeObject": None,
        "concept": True,
        "resultaattypen": [],
        "resultaattypenOmschrijving": [],
        "vastgelegdIn": [],
    }
    fetched = catalogi.get(created["url"])
    assert fetched.status_code == 200 and fetched.json() == created
    assert catalogi.get(catalogus["url"]).json()["besluittypen"] == [created["url"]]


def test_optional_fields_default(catalogi):
    catalogus = create_catalogus(catalogi)
    body = {"catalogus": catalogus["url"], "publicatieIndicatie": True, "informatieobjecttypen": [], "beginGeldigheid": "2024-01-01"}
    created = catalogi.post("/besluittypen", json=body).json()
    assert created["omschrijving"] == "" and created["omschrijvingGeneriek"] == "" and created["besluitcategorie"] == ""
    assert created["reactietermijn"] is None and created["publicatietermijn"] is None
    assert created["publicatietekst"] == "" and created["toelichting"] == ""


def test_required_fields(catalogi):
    response = catalogi.post("/besluittypen", json={})
    for name in ("catalogus", "publicatieIndicatie", "informatieobjecttypen", "beginGeldigheid"):
        assert_invalid(response, name, "required")


@pytest.mark.parametrize(
    ("overrides", "name", "code"),
    [
        ({"omschrijving": "x" * 81}, "omschrijving", "max_length"),
        ({"omschrijving": None}, "omschrijving", "null"),
        ({"omschrijvingGeneriek": "x" * 81}, "omschrijvingGeneriek", "max_length"),
        ({"besluitcategorie": "x" * 41}, "besluitcategorie", "max_length"),
        ({"reactietermijn": "zes weken"}, "reactietermijn", "invalid"),
        ({"publicatietermijn": "P"}, "publicatietermijn", "invalid"),
        ({"publicatieIndicatie": None}, "publicatieIndicatie", "null"),
        ({"publicatieIndicatie": "misschien"}, "publicatieIndicatie", "invalid"),
        ({"publicatietekst": None}, "publicatietekst", "null"),
        ({"toelichting": True}, "toelichting", "invalid"),
        ({"informatieobjecttypen": None}, "informatieobjecttypen", "null"),
        ({"informatieobjecttypen": "Brief"}, "informatieobjecttypen", "not_a_list"),
        ({"informatieobjecttypen": ["Onbekend"]}, "informatieobjecttypen", "does_not_exist"),
        ({"informatieobjecttypen": [f"{API}/informatieobjecttypen/{uuid.uuid4()}"]}, "informatieobjecttypen", "does_not_exist"),
        ({"informatieobjecttypen": ["http://elders.example.org/informatieobjecttypen/1"]}, "informatieobjecttypen", "no_match"),
        ({"beginGeldigheid": "2024-02-30"}, "beginGeldigheid", "invalid"),
        ({"eindeGeldigheid": "2023-01-01"}, "eindeGeldigheid", "invalid"),
        ({"catalogus": None}, "catalogus", "null"),
        ({"catalogus": "http://elders.example.org/catalogussen/1"}, "catalogus", "no_match"),
        ({"catalogus": f"{API}/catalogussen/{uuid.uuid4()}"}, "catalogus", "does_not_exist"),
    ],
)
def test_bad_input(catalogi, outbox_rows, overrides, name, code):
    catalogus = create_catalogus(catalogi)
    response = catalogi.post("/besluittypen", json=besluittype_body(catalogus["url"], **overrides))
    assert_invalid(response, name, code)
    assert outbox_rows() == []
    assert catalogi.get("/besluittypen?status=alles").json()["count"] == 0


# ---------------------------------------------------------------- list and filters


def test_filters(catalogi):
    catalogus = create_catalogus(catalogi)
    other = create_catalogus(catalogi, domein="ANDER")
    brief = create_informatieobjecttype(catalogi, catalogus["url"], omschrijving="Brief")
    create_informatieobjecttype(catalogi, other["url"], omschrijving="Brief")
    a = create_besluittype(catalogi, catalogus["url"], omschrijving="A", informatieobjecttypen=["Brief"], eindeGeldigheid="2024-12-31")
    b = create_besluittype(catalogi, catalogus["url"], omschrijving="B", beginGeldigheid="2025-01-01")
    c = create_besluittype(catalogi, other["url"], omschrijving="A", informatieobjecttypen=["Brief"])
    zaaktype = create_zaaktype(catalogi, catalogus["url"], besluittypen=["B"])
    q = "/besluittypen?status=alles"

    def urls(query: str) -> list[str]:
        response = catalogi.get(query)
        assert response.status_code == 200, response.text
        return [r["url"] for r in response.json()["results"]]

    assert urls(q) == [c["url"], b["url"], a["url"]]
    assert urls(f"{q}&catalogus={catalogus['url']}") == [b["url"], a["url"]]
    assert urls(f"{q}&omschrijving=A") == [c["url"], a["url"]]
    assert urls(f"{q}&datumGeldigheid=2024-06-01") == [c["url"], a["url"]]
    assert urls(f"{q}&datumGeldigheid=2025-06-01") == [c["url"], b["url"]]
    assert urls(f"{q}&zaaktypen={zaaktype['url']}") == [b["url"]]
    assert urls(f"{q}&informatieobjecttypen={brief['url']}") == [a["url"]]
    # unresolvable URL filters give an empty result, not an error
    for name in ("catalogus", "zaaktypen", "informatieobjecttypen"):
        assert urls(f"{q}&{name}=http://elders.example.org/iets") == []
        assert urls(f"{q}&{name}=geen-url") == []
    assert urls(f"{q}&zaaktypen={API}/zaaktypen/{uuid.uuid4()}") == []
    assert urls(f"{q}&informatieobjecttypen={API}/informatieobjecttypen/{uuid.uuid4()}") == []
    assert_invalid(catalogi.get(f"{q}&datumGeldigheid=gisteren"), "datumGeldigheid", "invalid")


# ---------------------------------------------------------------- relations


def test_informatieobjecttypen_by_omschrijving_or_url(catalogi):
    catalogus = create_catalogus(catalogi)
    brief = create_informatieobjecttype(catalogi, catalogus["url"], omschrijving="Brief")
    formulier = create_informatieobjecttype(catalogi, catalogus["url"], omschrijving="Formulier")
    created = create_besluittype(catalogi, catalogus["url"], informatieobjecttypen=["Formulier", brief["url"], "Brief"])
    assert sorted(created["informatieobjecttypen"]) == sorted([brief["url"], formulier["url"]])
    assert sorted(created["vastgelegdIn"]) == ["Brief", "Formulier"]
    patched = catalogi.patch(created["url"], json={"informatieobjecttypen": ["Brief"]}).json()
    assert patched["informatieobjecttypen"] == [brief["url"]] and patched["vastgelegdIn"] == ["Brief"]
    assert catalogi.patch(created["url"], json={"toelichting": "x"}).json()["informatieobjecttypen"] == [brief["url"]]
    assert catalogi.get(brief["url"]).json()["besluittypen"] == [created["url"]]


def test_ztc_013_relations_in_same_catalogus(catalogi, outbox_rows):
    catalogus = create_catalogus(catalogi)
    other = create_catalogus(catalogi, domein="ANDER")
    elders = create_informatieobjecttype(catalogi, other["url"], omschrijving="Elders")
    body = besluittype_body(catalogus["url"], informatieobjecttypen=["Elders"])
    assert_invalid(catalogi.post("/besluittypen", json=body), "nonFieldErrors", "relations-incorrect-catalogus")
    body = besluittype_body(catalogus["url"], informatieobjecttypen=[elders["url"]])
    assert_invalid(catalogi.post("/besluittypen", json=body), "nonFieldErrors", "relations-incorrect-catalogus")
    # moving a besluittype to another catalogus keeps its relations valid there
    create_informatieobjecttype(catalogi, catalogus["url"], omschrijving="Hier")
    besluittype = create_besluittype(catalogi, catalogus["url"], informatieobjecttypen=["Hier"])
    before = outbox_rows()
    assert_invalid(catalogi.patch(besluittype["url"], json={"catalogus": other["url"]}), "nonFieldErrors", "relations-incorrect-catalogus")
    assert outbox_rows() == before
    moved = catalogi.patch(besluittype["url"], json={"catalogus": other["url"], "informatieobjecttypen": ["Elders"]})
    assert moved.status_code == 200 and moved.json()["informatieobjecttypen"] == [elders["url"]]


def test_omschrijving_resolves_to_version_valid_today(catalogi):
    catalogus = create_catalogus(catalogi)
    today = dt.date.today()
    old = create_published_informatieobjecttype(
        catalogi,
        catalogus["url"],
        omschrijving="Brief",
        beginGeldigheid="2020-01-01",
        eindeGeldigheid=(today - dt.timedelta(days=400)).isoformat(),
    )
    current = create_published_informatieobjecttype(
        catalogi,
        catalogus["url"],
        omschrijving="Brief",
        beginGeldigheid=(today - dt.timedelta(days=399)).isoformat(),
        eindeGeldigheid=(today + dt.timedelta(days=29)).isoformat(),
    )
    future = create_informatieobjecttype(
        catalogi, catalogus["url"], omschrijving="Brief", beginGeldigheid=(today + dt.timedelta(days=30)).isoformat()
    )
    besluittype = create_published_besluittype(catalogi, catalogus["url"], informatieobjecttypen=["Brief"], beginGeldigheid="2020-01-01")
    assert besluittype["informatieobjecttypen"] == [current["url"]]
    assert catalogi.get(besluittype["url"]).json()["informatieobjecttypen"] == [current["url"]]
    # a list with datumGeldigheid shows the version valid on that day
    day = (today - dt.timedelta(days=500)).isoformat()
    assert catalogi.get(f"/besluittypen?datumGeldigheid={day}").json()["results"][0]["informatieobjecttypen"] == [old["url"]]
    day = (today + dt.timedelta(days=60)).isoformat()
    assert catalogi.get(f"/besluittypen?datumGeldigheid={day}").json()["results"][0]["informatieobjecttypen"] == [future["url"]]
    # a URL of any version is stored as its omschrijving
    other = create_besluittype(catalogi, catalogus["url"], omschrijving="Ander", informatieobjecttypen=[old["url"]])
    assert other["informatieobjecttypen"] == [current["url"]]


def test_zaaktypen_and_resultaattypen(catalogi, catalogi_app):
    catalogus = create_catalogus(catalogi)
    other = create_catalogus(catalogi, domein="ANDER")
    besluittype = create_besluittype(catalogi, catalogus["url"], omschrijving="Besluit")
    create_besluittype(catalogi, other["url"], omschrijving="Besluit")
    zaaktype = create_zaaktype(catalogi, catalogus["url"], besluittypen=["Besluit"])
    create_zaaktype(catalogi, other["url"], besluittypen=["Besluit"])
    create_zaaktype(catalogi, catalogus["url"], identificatie="ZONDER")
    resultaattype = add_resultaattype(catalogi_app, zaaktype["url"], "Toegekend", ["Besluit"])
    add_resultaattype(catalogi_app, zaaktype["url"], "Geweigerd", ["Iets anders"])
    body = catalogi.get(besluittype["url"]).json()
    assert body["zaaktypen"] == [zaaktype["url"]]
    assert body["resultaattypen"] == [resultaattype]
    assert body["resultaattypenOmschrijving"] == ["Toegekend"]
    # a new version is related to the same zaaktypen (relations are by omschrijving)
    v2 = create_besluittype(catalogi, catalogus["url"], omschrijving="Besluit", beginGeldigheid="2030-01-01")
    assert v2["zaaktypen"] == [zaaktype["url"]] and v2["resultaattypen"] == [resultaattype]


def test_relations_are_batched_per_page(catalogi, catalogi_app):
    catalogus = create_catalogus(catalogi)

    def count_list() -> int:
        with QueryCounter(catalogi_app.state.db.engine) as counter:
            assert catalogi.get("/besluittypen?status=alles").status_code == 200
        return counter.count

    create_informatieobjecttype(catalogi, catalogus["url"], omschrijving="T0")
    create_besluittype(catalogi, catalogus["url"], omschrijving="B0", informatieobjecttypen=["T0"])
    single = count_list()
    for i in range(1, 6):
        create_informatieobjecttype(catalogi, catalogus["url"], omschrijving=f"T{i}")
        create_besluittype(catalogi, catalogus["url"], omschrijving=f"B{i}", informatieobjecttypen=[f"T{i}", "T0"])
        create_zaaktype(catalogi, catalogus["url"], identificatie=f"Z{i}", besluittypen=[f"B{i}"])
    assert count_list() == single


# ---------------------------------------------------------------- publish, concept rules, versions


def test_publish(catalogi, outbox_rows):
    concept = create_besluittype(catalogi)
    before = len(outbox_rows())
    response = catalogi.as_client("schrijver").post(f"{concept['url']}/publish", json={"genegeerd": True})
    assert response.status_code == 200
    assert response.json() == {**concept, "concept": False}
    assert catalogi.post(f"{concept['url']}/publish").json()["concept"] is False
    assert len(outbox_rows()) == before
    assert catalogi.as_client("lezer").post(f"{concept['url']}/publish", json={}).status_code == 403
    assert catalogi.post(f"/besluittypen/{uuid.uuid4()}/publish", json={}).status_code == 404


def test_ztc_009_published_is_frozen(catalogi):
    published = create_published_besluittype(catalogi)
    schrijver = catalogi.as_client("schrijver")
    assert_invalid(schrijver.patch(published["url"], json={"toelichting": "Anders"}), "nonFieldErrors", "non-concept-object")
    assert_invalid(schrijver.put(published["url"], json=besluittype_body(published["catalogus"])), "nonFieldErrors", "non-concept-object")
    assert_invalid(schrijver.delete(published["url"]), "nonFieldErrors", "non-concept-object")
    response = schrijver.patch(published["url"], json={"eindeGeldigheid": "2024-12-31"})
    assert response.status_code == 200 and response.json()["eindeGeldigheid"] == "2024-12-31"
    assert catalogi.patch(published["url"], json={"toelichting": "Correctie"}).json()["toelichting"] == "Correctie"
    assert catalogi.delete(published["url"]).status_code == 204


def test_concept_update_and_delete(catalogi):
    catalogus = create_catalogus(catalogi)
    create_informatieobjecttype(catalogi, catalogus["url"], omschrijving="Brief")
    concept = create_besluittype(catalogi, catalogus["url"], informatieobjecttypen=["Brief"], toelichting="Oud")
    schrijver = catalogi.as_client("schrijver")
    patched = schrijver.patch(concept["url"], json={"omschrijving": "Nieuw"})
    assert patched.status_code == 200 and patched.json()["omschrijving"] == "Nieuw" and patched.json()["toelichting"] == "Oud"
    body = besluittype_body(catalogus["url"], omschrijving="Vervangen")
    del body["toelichting"], body["reactietermijn"]
    put = schrijver.put(concept["url"], json=body).json()
    assert put["toelichting"] == "" and put["reactietermijn"] is None and put["informatieobjecttypen"] == []
    assert_invalid(schrijver.put(concept["url"], json={"omschrijving": "x"}), "informatieobjecttypen", "required")
    assert_invalid(schrijver.patch(concept["url"], json={"informatieobjecttypen": None}), "informatieobjecttypen", "null")
    assert schrijver.delete(concept["url"]).status_code == 204
    assert catalogi.get(concept["url"]).status_code == 404


def test_versions_do_not_overlap(catalogi):
    catalogus = create_catalogus(catalogi)
    schrijver = catalogi.as_client("schrijver")
    v1 = create_published_besluittype(catalogi, catalogus["url"], beginGeldigheid="2024-01-01")
    v2 = create_besluittype(catalogi, catalogus["url"], beginGeldigheid="2025-01-01")
    assert_invalid(schrijver.post(f"{v2['url']}/publish", json={}), "beginGeldigheid", "overlap")
    schrijver.patch(v1["url"], json={"eindeGeldigheid": "2024-12-31"})
    publish(schrijver, v2["url"])
    q = "/besluittypen?omschrijving=Vergunningsbesluit"
    assert [r["url"] for r in catalogi.get(f"{q}&datumGeldigheid=2024-06-01").json()["results"]] == [v1["url"]]
    assert [r["url"] for r in catalogi.get(f"{q}&datumGeldigheid=2025-06-01").json()["results"]] == [v2["url"]]
    assert_invalid(schrijver.patch(v1["url"], json={"eindeGeldigheid": "2025-01-01"}), "eindeGeldigheid", "overlap")
    # other omschrijving or other catalogus: no overlap
    publish(schrijver, create_besluittype(catalogi, catalogus["url"], omschrijving="Anders")["url"])
    publish(schrijver, create_besluittype(catalogi, create_catalogus(catalogi, domein="ANDER")["url"])["url"])


def test_delete_concept_related_to_published_objects(catalogi):
    """RI M2MConceptDestroyMixin: non-concept-relation, unless geforceerd-verwijderen."""
    catalogus = create_catalogus(catalogi)
    schrijver = catalogi.as_client("schrijver")
    create_published_informatieobjecttype(catalogi, catalogus["url"], omschrijving="Brief")
    with_published_iotype = create_besluittype(catalogi, catalogus["url"], omschrijving="Een", informatieobjecttypen=["Brief"])
    assert_invalid(schrijver.delete(with_published_iotype["url"]), "nonFieldErrors", "non-concept-relation")
    create_published_besluittype(catalogi, catalogus["url"], omschrijving="Twee", eindeGeldigheid="2029-12-31")
    publish(catalogi, create_zaaktype(catalogi, catalogus["url"], besluittypen=["Twee"])["url"])
    new_version = create_besluittype(catalogi, catalogus["url"], omschrijving="Twee", beginGeldigheid="2030-01-01")
    assert_invalid(schrijver.delete(new_version["url"]), "nonFieldErrors", "non-concept-relation")
    assert catalogi.delete(new_version["url"]).status_code == 204
    assert schrijver.delete(create_besluittype(catalogi, catalogus["url"], omschrijving="Los")["url"]).status_code == 204


def test_etag_and_head(catalogi):
    created = create_besluittype(catalogi)
    etag = catalogi.get(created["url"]).headers["ETag"]
    assert catalogi.get(created["url"], headers={"If-None-Match": etag}).status_code == 304
    head = catalogi.head(created["url"])
    assert head.status_code == 200 and head.content == b"" and head.headers["ETag"] == etag
    catalogi.patch(created["url"], json={"toelichting": "Gewijzigd"})
    assert catalogi.get(created["url"], headers={"If-None-Match": etag}).status_code == 200


def test_scopes(catalogi):
    published = create_published_besluittype(catalogi)
    assert catalogi.as_client("lezer").get(published["url"]).status_code == 200
    assert catalogi.as_client("zaken-lezer").get("/besluittypen").status_code == 200  # ztc-014
    assert catalogi.as_client("zaken-lezer").head(published["url"]).status_code == 200
    denied = catalogi.as_client("niemand").get(published["url"])
    assert denied.status_code == 403 and denied.json()["code"] == "permission_denied"
    lezer = catalogi.as_client("lezer")
    assert lezer.post("/besluittypen", json=besluittype_body(published["catalogus"])).status_code == 403
    assert lezer.put(published["url"], json=besluittype_body(published["catalogus"])).status_code == 403
    assert lezer.delete(published["url"]).status_code == 403
    assert catalogi.as_client("zaken-lezer").post(f"{published['url']}/publish").json()["code"] == "permission_denied"
    anonymous = catalogi.client.get("http://testserver/catalogi/api/v1/besluittypen")
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "not_authenticated"


def test_failed_writes_leave_no_message(catalogi, outbox_rows):
    published = create_published_besluittype(catalogi)
    before = outbox_rows()
    catalogi.as_client("schrijver").patch(published["url"], json={"toelichting": "x"})
    catalogi.as_client("schrijver").delete(published["url"])
    catalogi.patch(published["url"], json={"informatieobjecttypen": ["Onbekend"]})
    assert outbox_rows() == before
    assert catalogi.get(published["url"]).json()["informatieobjecttypen"] == []
