import pytest

from tests.catalogi.factories import (
    create_catalogus,
    create_eigenschap,
    create_statustype,
    create_zaaktype,
    eigenschap_body,
    publish,
)
from tests.conftest import assert_invalid

MISSING = "5a2c1e4f-5cf9-4c6a-9b0a-000000000000"


def spec(**overrides) -> dict:
    value = {"groep": "", "formaat": "tekst", "lengte": "10", "kardinaliteit": "1", "waardenverzameling": []}
    value.update(overrides)
    return value


def test_create_retrieve_and_derived_fields(catalogi):
    zaaktype = create_zaaktype(catalogi)
    response = catalogi.post("/eigenschappen", json=eigenschap_body(zaaktype["url"]))
    assert response.status_code == 201, response.text
    eigenschap = response.json()
    assert eigenschap == {
        "url": response.headers["Location"],
        "naam": "kenteken",
        "catalogus": zaaktype["catalogus"],
        "definitie": "Het kenteken van het voertuig",
        "specificatie": {"groep": "voertuig", "formaat": "tekst", "lengte": "8", "kardinaliteit": "1", "waardenverzameling": []},
        "toelichting": "",
        "zaaktype": zaaktype["url"],
        "zaaktypeIdentificatie": "ZT-001",
        "statustype": None,
        "beginGeldigheid": "2024-01-01",
        "eindeGeldigheid": None,
        "beginObject": None,
        "eindeObject": None,
    }
    assert catalogi.get(eigenschap["url"]).json() == eigenschap
    assert catalogi.get(zaaktype["url"]).json()["eigenschappen"] == [eigenschap["url"]]


def test_specificatie_defaults(catalogi):
    zaaktype = create_zaaktype(catalogi)
    body = eigenschap_body(zaaktype["url"], specificatie={"formaat": "datum", "lengte": "8", "kardinaliteit": "N"})
    created = catalogi.post("/eigenschappen", json=body).json()
    assert created["specificatie"] == {"groep": "", "formaat": "datum", "lengte": "8", "kardinaliteit": "N", "waardenverzameling": []}


@pytest.mark.parametrize(
    "specificatie,name,code",
    [
        (spec(formaat="tekening"), "specificatie.formaat", "invalid_choice"),
        (spec(formaat=None), "specificatie.formaat", "null"),
        (spec(lengte="x" * 15), "specificatie.lengte", "max_length"),
        (spec(lengte=""), "specificatie.lengte", "blank"),
        (spec(lengte="0"), "specificatie.lengte", "invalid"),
        (spec(lengte="tien"), "specificatie.lengte", "invalid"),
        (spec(lengte="5,2"), "specificatie.lengte", "invalid"),  # decimals only for getal
        (spec(formaat="getal", lengte="5,6"), "specificatie.lengte", "invalid"),
        (spec(formaat="getal", lengte="5.2"), "specificatie.lengte", "invalid"),
        (spec(formaat="getal", waardenverzameling=["1", "twee"]), "specificatie.waardenverzameling", "invalid"),
        (spec(kardinaliteit="0"), "specificatie.kardinaliteit", "invalid"),
        (spec(kardinaliteit="n"), "specificatie.kardinaliteit", "invalid"),
        (spec(kardinaliteit="1000"), "specificatie.kardinaliteit", "max_length"),
        (spec(groep="x" * 33), "specificatie.groep", "max_length"),
        (spec(waardenverzameling=["x" * 101]), "specificatie.waardenverzameling.0", "max_length"),
        (spec(waardenverzameling="a"), "specificatie.waardenverzameling", "not_a_list"),
        ({"formaat": "tekst", "kardinaliteit": "1"}, "specificatie.lengte", "required"),
        (None, "specificatie", "null"),
    ],
)
def test_specificatie_validation(catalogi, specificatie, name, code):
    zaaktype = create_zaaktype(catalogi)
    assert_invalid(catalogi.post("/eigenschappen", json=eigenschap_body(zaaktype["url"], specificatie=specificatie)), name, code)


@pytest.mark.parametrize(
    "specificatie",
    [
        spec(formaat="getal", lengte="5"),
        spec(formaat="getal", lengte="5,2", waardenverzameling=["1", "2,50", "-3.1"]),
        spec(formaat="datum_tijd", lengte="14", kardinaliteit="N"),
        spec(waardenverzameling=["rood", "groen"], kardinaliteit="99"),
    ],
)
def test_specificatie_accepted(catalogi, specificatie):
    zaaktype = create_zaaktype(catalogi)
    created = create_eigenschap(catalogi, zaaktype["url"], specificatie=specificatie)
    assert created["specificatie"] == specificatie


def test_field_validation(catalogi):
    zaaktype = create_zaaktype(catalogi)
    url = zaaktype["url"]
    assert_invalid(catalogi.post("/eigenschappen", json=eigenschap_body(url, naam="x" * 21)), "naam", "max_length")
    assert_invalid(catalogi.post("/eigenschappen", json=eigenschap_body(url, naam=None)), "naam", "null")
    assert_invalid(catalogi.post("/eigenschappen", json=eigenschap_body(url, definitie="x" * 256)), "definitie", "max_length")
    assert_invalid(catalogi.post("/eigenschappen", json=eigenschap_body(url, definitie="")), "definitie", "blank")
    assert_invalid(catalogi.post("/eigenschappen", json=eigenschap_body(url, toelichting="x" * 1001)), "toelichting", "max_length")
    assert_invalid(catalogi.post("/eigenschappen", json=eigenschap_body(url, toelichting=None)), "toelichting", "null")
    body = eigenschap_body(url)
    del body["specificatie"]
    assert_invalid(catalogi.post("/eigenschappen", json=body), "specificatie", "required")
    zaaktypen = url.rsplit("/", 1)[0]
    assert_invalid(catalogi.post("/eigenschappen", json=eigenschap_body(f"{zaaktypen}/{MISSING}")), "zaaktype", "does_not_exist")
    assert_invalid(catalogi.post("/eigenschappen", json=eigenschap_body("http://elders.example.org/x")), "zaaktype", "no_match")


def test_statustype_of_the_same_zaaktype(catalogi):
    zaaktype = create_zaaktype(catalogi)
    statustype = create_statustype(catalogi, zaaktype["url"])
    eigenschap = create_eigenschap(catalogi, zaaktype["url"], statustype=statustype["url"])
    assert eigenschap["statustype"] == statustype["url"]
    other = create_statustype(catalogi, create_zaaktype(catalogi, zaaktype["catalogus"], identificatie="ANDER")["url"])
    assert_invalid(catalogi.patch(eigenschap["url"], json={"statustype": other["url"]}), "nonFieldErrors", "zaaktype-mismatch")
    missing = statustype["url"].rsplit("/", 1)[0] + "/" + MISSING
    assert_invalid(catalogi.patch(eigenschap["url"], json={"statustype": missing}), "statustype", "does_not_exist")
    assert_invalid(catalogi.patch(eigenschap["url"], json={"statustype": zaaktype["url"]}), "statustype", "no_match")
    assert catalogi.patch(eigenschap["url"], json={"statustype": None}).json()["statustype"] is None
    # deleting the statustype leaves the eigenschap without one
    catalogi.patch(eigenschap["url"], json={"statustype": statustype["url"]})
    catalogi.delete(statustype["url"])
    assert catalogi.get(eigenschap["url"]).json()["statustype"] is None


def test_moving_while_a_statustype_needs_it(catalogi):
    zaaktype = create_zaaktype(catalogi)
    target = create_zaaktype(catalogi, zaaktype["catalogus"], identificatie="NIEUW")
    eigenschap = create_eigenschap(catalogi, zaaktype["url"])
    statustype = create_statustype(catalogi, zaaktype["url"], eigenschappen=[eigenschap["url"]])
    assert_invalid(catalogi.patch(eigenschap["url"], json={"zaaktype": target["url"]}), "nonFieldErrors", "zaaktype-mismatch")
    catalogi.patch(statustype["url"], json={"eigenschappen": []})
    assert catalogi.patch(eigenschap["url"], json={"zaaktype": target["url"]}).json()["zaaktype"] == target["url"]


def test_ztc_010_published_zaaktype(catalogi):
    zaaktype = create_zaaktype(catalogi)
    eigenschap = create_eigenschap(catalogi, zaaktype["url"])
    publish(catalogi, zaaktype["url"])
    schrijver = catalogi.as_client("schrijver")
    assert_invalid(schrijver.post("/eigenschappen", json=eigenschap_body(zaaktype["url"])), "nonFieldErrors", "non-concept-zaaktype")
    assert_invalid(schrijver.patch(eigenschap["url"], json={"naam": "x"}), "nonFieldErrors", "non-concept-zaaktype")
    assert_invalid(schrijver.put(eigenschap["url"], json=eigenschap_body(zaaktype["url"])), "nonFieldErrors", "non-concept-zaaktype")
    assert_invalid(schrijver.delete(eigenschap["url"]), "nonFieldErrors", "non-concept-zaaktype")
    assert catalogi.patch(eigenschap["url"], json={"naam": "correctie"}).json()["naam"] == "correctie"
    assert catalogi.delete(eigenschap["url"]).status_code == 204


def test_put_and_patch(catalogi):
    zaaktype = create_zaaktype(catalogi)
    eigenschap = create_eigenschap(catalogi, zaaktype["url"], toelichting="Uitleg")
    patched = catalogi.patch(eigenschap["url"], json={"specificatie": spec(formaat="getal", lengte="3")}).json()
    assert patched["specificatie"]["formaat"] == "getal" and patched["toelichting"] == "Uitleg"
    put = catalogi.put(eigenschap["url"], json={k: v for k, v in eigenschap_body(zaaktype["url"]).items() if k != "toelichting"}).json()
    assert put["toelichting"] == "" and put["specificatie"]["formaat"] == "tekst"
    assert_invalid(catalogi.patch(eigenschap["url"], json={"specificatie": {"formaat": "tekst"}}), "specificatie.lengte", "required")


def test_filters(catalogi):
    catalogus = create_catalogus(catalogi)
    published = create_zaaktype(catalogi, catalogus["url"], identificatie="PUB")
    a = create_eigenschap(catalogi, published["url"])
    publish(catalogi, published["url"])
    concept = create_zaaktype(catalogi, catalogus["url"], identificatie="CON", beginGeldigheid="2025-01-01")
    b = create_eigenschap(catalogi, concept["url"])

    def urls(query: str) -> list[str]:
        response = catalogi.get(f"/eigenschappen{query}")
        assert response.status_code == 200, response.text
        return [e["url"] for e in response.json()["results"]]

    assert urls("") == [a["url"]]
    assert urls("?status=concept") == [b["url"]]
    assert urls("?status=alles") == [b["url"], a["url"]]
    assert urls(f"?status=alles&zaaktype={concept['url']}") == [b["url"]]
    assert urls("?status=alles&zaaktypeIdentificatie=PUB") == [a["url"]]
    assert urls("?status=alles&datumGeldigheid=2024-12-31") == [a["url"]]
    assert_invalid(catalogi.get("/eigenschappen?datumGeldigheid=x"), "datumGeldigheid", "invalid")


def test_etag_head_scopes_and_no_notifications(catalogi, outbox_rows):
    eigenschap = create_eigenschap(catalogi)
    etag = catalogi.get(eigenschap["url"]).headers["ETag"]
    assert catalogi.get(eigenschap["url"], headers={"If-None-Match": etag}).status_code == 304
    head = catalogi.head(eigenschap["url"])
    assert head.status_code == 200 and head.content == b"" and head.headers["ETag"] == etag
    lezer = catalogi.as_client("lezer")
    assert lezer.get(eigenschap["url"]).status_code == 200
    assert lezer.patch(eigenschap["url"], json={"naam": "x"}).status_code == 403
    assert catalogi.as_client("niemand").get("/eigenschappen").status_code == 403
    assert [m["resource"] for m in outbox_rows()] == ["zaaktype"]
