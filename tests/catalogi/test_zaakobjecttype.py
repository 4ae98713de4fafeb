import uuid

import pytest
from sqlalchemy import select

from services.catalogi.resultaattype.models import ResultaatType
from services.catalogi.zaaktype.models import ZaakType
from tests.catalogi.factories import (
    create_catalogus,
    create_statustype,
    create_zaakobjecttype,
    create_zaaktype,
    publish,
    zaakobjecttype_body,
)
from tests.conftest import assert_invalid

MISSING = "5a2c1e4f-5cf9-4c6a-9b0a-000000000000"


@pytest.fixture
def resultaattype_url(catalogi, catalogi_app):
    """A resultaattype inserted through the ORM (independent of the resultaattype API)."""

    def make(zaaktype_url: str) -> str:
        zaaktype_uuid = uuid.UUID(zaaktype_url.rsplit("/", 1)[1])
        with catalogi_app.state.db.session() as session:
            zaaktype_id = session.scalar(select(ZaakType.id).where(ZaakType.uuid == zaaktype_uuid))
            row = ResultaatType(
                zaaktype_id=zaaktype_id,
                omschrijving="Verleend",
                resultaattypeomschrijving="https://referentielijsten.example.org/resultaattypeomschrijvingen/1",
                selectielijstklasse="https://selectielijst.example.org/resultaten/1",
            )
            session.add(row)
            session.commit()
            return catalogi.url(f"/resultaattypen/{row.uuid}")

    return make


def test_create_retrieve_and_derived_fields(catalogi):
    zaaktype = create_zaaktype(catalogi)
    response = catalogi.post("/zaakobjecttypen", json=zaakobjecttype_body(zaaktype))
    assert response.status_code == 201, response.text
    zot = response.json()
    assert zot == {
        "url": response.headers["Location"],
        "anderObjecttype": False,
        "beginGeldigheid": "2024-01-01",
        "eindeGeldigheid": None,
        "beginObject": None,
        "eindeObject": None,
        "objecttype": zaakobjecttype_body(zaaktype)["objecttype"],
        "relatieOmschrijving": "Het voertuig",
        "zaaktype": zaaktype["url"],
        "zaaktypeIdentificatie": "ZT-001",
        "resultaattypen": [],
        "statustypen": [],
        "catalogus": zaaktype["catalogus"],
    }
    assert catalogi.get(zot["url"]).json() == zot
    assert catalogi.get(zaaktype["url"]).json()["zaakobjecttypen"] == [zot["url"]]


def test_required_fields_and_formats(catalogi):
    zaaktype = create_zaaktype(catalogi)
    for name in ("anderObjecttype", "beginGeldigheid", "objecttype", "relatieOmschrijving", "zaaktype", "catalogus"):
        body = zaakobjecttype_body(zaaktype)
        del body[name]
        assert_invalid(catalogi.post("/zaakobjecttypen", json=body), name, "required")
    assert_invalid(catalogi.post("/zaakobjecttypen", json=zaakobjecttype_body(zaaktype, beginGeldigheid=None)), "beginGeldigheid", "null")
    assert_invalid(catalogi.post("/zaakobjecttypen", json=zaakobjecttype_body(zaaktype, anderObjecttype=None)), "anderObjecttype", "null")
    assert_invalid(catalogi.post("/zaakobjecttypen", json=zaakobjecttype_body(zaaktype, objecttype="geen url")), "objecttype", "invalid")
    long_url = "https://objecttypen.example.org/" + "x" * 200
    assert_invalid(catalogi.post("/zaakobjecttypen", json=zaakobjecttype_body(zaaktype, objecttype=long_url)), "objecttype", "max_length")
    response = catalogi.post("/zaakobjecttypen", json=zaakobjecttype_body(zaaktype, relatieOmschrijving="x" * 81))
    assert_invalid(response, "relatieOmschrijving", "max_length")
    response = catalogi.post("/zaakobjecttypen", json=zaakobjecttype_body(zaaktype, eindeGeldigheid="2023-12-31"))
    assert_invalid(response, "eindeGeldigheid", "invalid")
    zaaktypen = zaaktype["url"].rsplit("/", 1)[0]
    missing = {"url": f"{zaaktypen}/{MISSING}", "catalogus": zaaktype["catalogus"]}
    assert_invalid(catalogi.post("/zaakobjecttypen", json=zaakobjecttype_body(missing)), "zaaktype", "does_not_exist")


def test_geldigheid_inherited_except_begin(catalogi):
    zaaktype = create_zaaktype(catalogi, eindeGeldigheid="2026-12-31", eindeObject="2030-01-01")
    zot = create_zaakobjecttype(catalogi, zaaktype, beginGeldigheid="2024-05-01")
    assert (zot["beginGeldigheid"], zot["eindeGeldigheid"], zot["eindeObject"]) == ("2024-05-01", "2026-12-31", "2030-01-01")
    # the filters see the inherited values too
    assert [z["url"] for z in catalogi.get("/zaakobjecttypen?datumEindeGeldigheid=2026-12-31").json()["results"]] == [zot["url"]]
    assert catalogi.get("/zaakobjecttypen?datumGeldigheid=2027-01-01").json()["count"] == 0


def test_ztc_013_catalogus_must_be_the_zaaktypes(catalogi):
    zaaktype = create_zaaktype(catalogi)
    other = create_catalogus(catalogi, domein="ANDER")
    response = catalogi.post("/zaakobjecttypen", json=zaakobjecttype_body(zaaktype, catalogus=other["url"]))
    assert_invalid(response, "nonFieldErrors", "relations-incorrect-catalogus")
    zot = create_zaakobjecttype(catalogi, zaaktype)
    assert_invalid(catalogi.patch(zot["url"], json={"catalogus": other["url"]}), "nonFieldErrors", "relations-incorrect-catalogus")
    assert_invalid(catalogi.patch(zot["url"], json={"catalogus": zaaktype["url"]}), "catalogus", "no_match")
    assert_invalid(catalogi.patch(zot["url"], json={"catalogus": None}), "catalogus", "null")


def test_statustypen_and_resultaattypen(catalogi, resultaattype_url):
    zaaktype = create_zaaktype(catalogi)
    statustype = create_statustype(catalogi, zaaktype["url"])
    resultaattype = resultaattype_url(zaaktype["url"])
    zot = create_zaakobjecttype(catalogi, zaaktype, statustypen=[statustype["url"]], resultaattypen=[resultaattype])
    assert zot["statustypen"] == [statustype["url"]] and zot["resultaattypen"] == [resultaattype]
    assert catalogi.get(zot["url"]).json()["resultaattypen"] == [resultaattype]
    # PATCH of another field keeps them; sending a list replaces it
    assert catalogi.patch(zot["url"], json={"relatieOmschrijving": "x"}).json()["statustypen"] == [statustype["url"]]
    assert catalogi.patch(zot["url"], json={"statustypen": []}).json()["statustypen"] == []

    other_zaaktype = create_zaaktype(catalogi, zaaktype["catalogus"], identificatie="ANDER")
    foreign_status = create_statustype(catalogi, other_zaaktype["url"])
    foreign_result = resultaattype_url(other_zaaktype["url"])
    assert_invalid(catalogi.patch(zot["url"], json={"statustypen": [foreign_status["url"]]}), "nonFieldErrors", "zaaktype-mismatch")
    assert_invalid(catalogi.patch(zot["url"], json={"resultaattypen": [foreign_result]}), "nonFieldErrors", "zaaktype-mismatch")
    missing = statustype["url"].rsplit("/", 1)[0] + "/" + MISSING
    assert_invalid(catalogi.patch(zot["url"], json={"statustypen": [missing]}), "statustypen", "does_not_exist")
    assert_invalid(catalogi.patch(zot["url"], json={"resultaattypen": [statustype["url"]]}), "resultaattypen", "no_match")
    assert_invalid(catalogi.patch(zot["url"], json={"statustypen": "x"}), "statustypen", "not_a_list")
    # moving the zaakobjecttype: its resultaattypen must belong to the new zaaktype
    body = {"zaaktype": other_zaaktype["url"], "catalogus": zaaktype["catalogus"]}
    assert_invalid(catalogi.patch(zot["url"], json=body), "nonFieldErrors", "zaaktype-mismatch")
    moved = catalogi.patch(zot["url"], json={**body, "resultaattypen": [foreign_result]}).json()
    assert moved["zaaktype"] == other_zaaktype["url"] and moved["resultaattypen"] == [foreign_result]
    # a statustype used by a zaakobjecttype cannot move away from it
    used = create_statustype(catalogi, other_zaaktype["url"], volgnummer=2)
    catalogi.patch(zot["url"], json={"statustypen": [used["url"]]})
    assert_invalid(catalogi.patch(used["url"], json={"zaaktype": zaaktype["url"]}), "nonFieldErrors", "zaaktype-mismatch")
    # deleting a linked statustype removes the link
    catalogi.delete(used["url"])
    assert catalogi.get(zot["url"]).json()["statustypen"] == []


def test_ztc_010_published_zaaktype(catalogi):
    zaaktype = create_zaaktype(catalogi)
    zot = create_zaakobjecttype(catalogi, zaaktype)
    publish(catalogi, zaaktype["url"])
    schrijver = catalogi.as_client("schrijver")
    assert_invalid(schrijver.post("/zaakobjecttypen", json=zaakobjecttype_body(zaaktype)), "nonFieldErrors", "non-concept-zaaktype")
    assert_invalid(schrijver.patch(zot["url"], json={"relatieOmschrijving": "x"}), "nonFieldErrors", "non-concept-zaaktype")
    assert_invalid(schrijver.put(zot["url"], json=zaakobjecttype_body(zaaktype)), "nonFieldErrors", "non-concept-zaaktype")
    assert_invalid(schrijver.delete(zot["url"]), "nonFieldErrors", "non-concept-zaaktype")
    assert catalogi.post("/zaakobjecttypen", json=zaakobjecttype_body(zaaktype)).status_code == 201
    assert catalogi.delete(zot["url"]).status_code == 204


def test_filters(catalogi):
    catalogus = create_catalogus(catalogi)
    first = create_zaaktype(catalogi, catalogus["url"], identificatie="EEN")
    a = create_zaakobjecttype(catalogi, first, anderObjecttype=True, relatieOmschrijving="Pand")
    publish(catalogi, first["url"])
    other_catalogus = create_catalogus(catalogi, domein="ANDER")
    second = create_zaaktype(catalogi, other_catalogus["url"], identificatie="TWEE")
    b = create_zaakobjecttype(
        catalogi,
        second,
        beginGeldigheid="2025-01-01",
        eindeGeldigheid="2025-12-31",
        objecttype="https://objecttypen.example.org/api/v2/objecttypes/anders",
    )

    def urls(query: str) -> list[str]:
        response = catalogi.get(f"/zaakobjecttypen{query}")
        assert response.status_code == 200, response.text
        return [z["url"] for z in response.json()["results"]]

    assert urls("") == [b["url"], a["url"]]  # no status filter here: concepts are listed too
    assert urls("?anderObjecttype=true") == [a["url"]]
    assert urls("?anderObjecttype=false") == [b["url"]]
    assert urls(f"?catalogus={catalogus['url']}") == [a["url"]]
    assert urls("?catalogus=http://elders.example.org/catalogussen/1") == []
    assert urls("?datumBeginGeldigheid=2025-01-01") == [b["url"]]
    assert urls("?datumEindeGeldigheid=2025-12-31") == [b["url"]]
    assert urls("?datumGeldigheid=2024-06-01") == [a["url"]]
    assert urls("?datumGeldigheid=2025-06-01") == [b["url"], a["url"]]
    assert urls("?objecttype=https://objecttypen.example.org/api/v2/objecttypes/anders") == [b["url"]]
    assert urls("?relatieOmschrijving=Pand") == [a["url"]]
    assert urls(f"?zaaktype={second['url']}") == [b["url"]]
    assert urls("?zaaktypeIdentificatie=EEN") == [a["url"]]
    assert_invalid(catalogi.get("/zaakobjecttypen?anderObjecttype=misschien"), "anderObjecttype", "invalid")
    assert_invalid(catalogi.get("/zaakobjecttypen?datumBeginGeldigheid=x"), "datumBeginGeldigheid", "invalid")


def test_etag_head_scopes_and_no_notifications(catalogi, outbox_rows):
    zot = create_zaakobjecttype(catalogi)
    etag = catalogi.get(zot["url"]).headers["ETag"]
    assert catalogi.get(zot["url"], headers={"If-None-Match": etag}).status_code == 304
    head = catalogi.head(zot["url"])
    assert head.status_code == 200 and head.content == b"" and head.headers["ETag"] == etag
    lezer = catalogi.as_client("lezer")
    assert lezer.get(zot["url"]).status_code == 200
    assert lezer.delete(zot["url"]).status_code == 403
    assert catalogi.as_client("zaken-lezer").get("/zaakobjecttypen").status_code == 200  # ztc-014
    assert [m["resource"] for m in outbox_rows()] == ["zaaktype"]
