from tests.catalogi.factories import create_catalogus, create_roltype, create_zaaktype, publish, roltype_body
from tests.conftest import assert_invalid

MISSING = "5a2c1e4f-5cf9-4c6a-9b0a-000000000000"


def test_create_retrieve_and_derived_fields(catalogi):
    zaaktype = create_zaaktype(catalogi, eindeGeldigheid="2026-12-31", beginObject="2020-01-01")
    response = catalogi.post("/roltypen", json=roltype_body(zaaktype["url"]))
    assert response.status_code == 201, response.text
    roltype = response.json()
    assert roltype == {
        "url": response.headers["Location"],
        "zaaktype": zaaktype["url"],
        "zaaktypeIdentificatie": "ZT-001",
        "omschrijving": "Aanvrager",
        "omschrijvingGeneriek": "initiator",
        "catalogus": zaaktype["catalogus"],
        "beginGeldigheid": "2024-01-01",
        "eindeGeldigheid": "2026-12-31",
        "beginObject": "2020-01-01",
        "eindeObject": None,
    }
    assert catalogi.get(roltype["url"]).json() == roltype
    assert catalogi.get(zaaktype["url"]).json()["roltypen"] == [roltype["url"]]


def test_given_geldigheid_is_kept(catalogi):
    roltype = create_roltype(catalogi, beginGeldigheid="2024-02-01", eindeGeldigheid="2024-12-31")
    assert (roltype["beginGeldigheid"], roltype["eindeGeldigheid"]) == ("2024-02-01", "2024-12-31")
    # null means: the zaaktype's again
    assert catalogi.patch(roltype["url"], json={"beginGeldigheid": None}).json()["beginGeldigheid"] == "2024-01-01"


def test_catalogus_is_the_zaaktypes(catalogi):
    zaaktype = create_zaaktype(catalogi)
    assert create_roltype(catalogi, zaaktype["url"], catalogus=zaaktype["catalogus"])["catalogus"] == zaaktype["catalogus"]
    assert create_roltype(catalogi, zaaktype["url"], catalogus=None)["catalogus"] == zaaktype["catalogus"]
    other = create_catalogus(catalogi, domein="ANDER")
    response = catalogi.post("/roltypen", json=roltype_body(zaaktype["url"], catalogus=other["url"]))
    assert_invalid(response, "nonFieldErrors", "relations-incorrect-catalogus")
    missing = other["url"].rsplit("/", 1)[0] + "/" + MISSING
    assert_invalid(catalogi.post("/roltypen", json=roltype_body(zaaktype["url"], catalogus=missing)), "catalogus", "does_not_exist")
    assert_invalid(catalogi.post("/roltypen", json=roltype_body(zaaktype["url"], catalogus=zaaktype["url"])), "catalogus", "no_match")


def test_field_validation(catalogi):
    zaaktype = create_zaaktype(catalogi)
    url = zaaktype["url"]
    assert_invalid(
        catalogi.post("/roltypen", json=roltype_body(url, omschrijvingGeneriek="baas")), "omschrijvingGeneriek", "invalid_choice"
    )
    assert_invalid(catalogi.post("/roltypen", json=roltype_body(url, omschrijvingGeneriek=None)), "omschrijvingGeneriek", "null")
    assert_invalid(catalogi.post("/roltypen", json=roltype_body(url, omschrijving="x" * 101)), "omschrijving", "max_length")
    assert_invalid(catalogi.post("/roltypen", json=roltype_body(url, omschrijving="")), "omschrijving", "blank")
    assert_invalid(catalogi.post("/roltypen", json=roltype_body(url, omschrijving=None)), "omschrijving", "null")
    body = roltype_body(url)
    del body["omschrijvingGeneriek"]
    assert_invalid(catalogi.post("/roltypen", json=body), "omschrijvingGeneriek", "required")
    zaaktypen = url.rsplit("/", 1)[0]
    assert_invalid(catalogi.post("/roltypen", json=roltype_body(f"{zaaktypen}/{MISSING}")), "zaaktype", "does_not_exist")
    assert_invalid(catalogi.post("/roltypen", json=roltype_body("http://elders.example.org/x")), "zaaktype", "no_match")
    assert_invalid(catalogi.post("/roltypen", json=roltype_body(url, eindeGeldigheid="2023-01-01")), "eindeGeldigheid", "invalid")
    assert create_roltype(catalogi, url, omschrijvingGeneriek="mede_initiator")["omschrijvingGeneriek"] == "mede_initiator"


def test_ztc_010_published_zaaktype(catalogi):
    zaaktype = create_zaaktype(catalogi)
    roltype = create_roltype(catalogi, zaaktype["url"])
    publish(catalogi, zaaktype["url"])
    schrijver = catalogi.as_client("schrijver")
    assert_invalid(schrijver.post("/roltypen", json=roltype_body(zaaktype["url"])), "nonFieldErrors", "non-concept-zaaktype")
    assert_invalid(schrijver.patch(roltype["url"], json={"omschrijving": "x"}), "nonFieldErrors", "non-concept-zaaktype")
    assert_invalid(schrijver.put(roltype["url"], json=roltype_body(zaaktype["url"])), "nonFieldErrors", "non-concept-zaaktype")
    assert_invalid(schrijver.delete(roltype["url"]), "nonFieldErrors", "non-concept-zaaktype")
    assert schrijver.get(roltype["url"]).status_code == 200
    assert catalogi.put(roltype["url"], json=roltype_body(zaaktype["url"], omschrijving="Correctie")).json()["omschrijving"] == "Correctie"
    assert catalogi.delete(roltype["url"]).status_code == 204


def test_schrijver_on_concept(catalogi):
    zaaktype = create_zaaktype(catalogi)
    schrijver = catalogi.as_client("schrijver")
    roltype = create_roltype(schrijver, zaaktype["url"])
    assert schrijver.put(roltype["url"], json=roltype_body(zaaktype["url"], omschrijving="Nieuw")).json()["omschrijving"] == "Nieuw"
    assert schrijver.delete(roltype["url"]).status_code == 204
    assert catalogi.get(roltype["url"]).status_code == 404


def test_filters(catalogi):
    catalogus = create_catalogus(catalogi)
    published = create_zaaktype(catalogi, catalogus["url"], identificatie="PUB")
    initiator = create_roltype(catalogi, published["url"])
    behandelaar = create_roltype(catalogi, published["url"], omschrijving="Behandelaar", omschrijvingGeneriek="behandelaar")
    publish(catalogi, published["url"])
    concept = create_zaaktype(catalogi, catalogus["url"], identificatie="CON", beginGeldigheid="2025-01-01")
    conceptrol = create_roltype(catalogi, concept["url"])

    def urls(query: str) -> list[str]:
        response = catalogi.get(f"/roltypen{query}")
        assert response.status_code == 200, response.text
        return [r["url"] for r in response.json()["results"]]

    assert urls("") == [behandelaar["url"], initiator["url"]]  # newest first, published only
    assert urls("?status=concept") == [conceptrol["url"]]
    assert urls("?status=alles") == [conceptrol["url"], behandelaar["url"], initiator["url"]]
    assert urls("?status=alles&omschrijvingGeneriek=initiator") == [conceptrol["url"], initiator["url"]]
    assert urls(f"?status=alles&zaaktype={published['url']}") == [behandelaar["url"], initiator["url"]]
    assert urls("?status=alles&zaaktypeIdentificatie=CON") == [conceptrol["url"]]
    assert urls("?status=alles&datumGeldigheid=2024-06-01") == [behandelaar["url"], initiator["url"]]
    assert_invalid(catalogi.get("/roltypen?omschrijvingGeneriek=baas"), "omschrijvingGeneriek", "invalid_choice")
    assert_invalid(catalogi.get("/roltypen?datumGeldigheid=2024-13-01"), "datumGeldigheid", "invalid")


def test_etag_head_and_scopes(catalogi):
    roltype = create_roltype(catalogi)
    etag = catalogi.get(roltype["url"]).headers["ETag"]
    assert catalogi.get(roltype["url"], headers={"If-None-Match": etag}).status_code == 304
    head = catalogi.head(roltype["url"])
    assert head.status_code == 200 and head.content == b"" and head.headers["ETag"] == etag
    lezer = catalogi.as_client("lezer")
    assert lezer.get(roltype["url"]).status_code == 200
    assert lezer.post("/roltypen", json=roltype_body(roltype["zaaktype"])).status_code == 403
    assert lezer.delete(roltype["url"]).status_code == 403
    assert catalogi.as_client("niemand").get(roltype["url"]).status_code == 403


def test_no_notifications(catalogi, outbox_rows):
    roltype = create_roltype(catalogi)
    catalogi.delete(roltype["url"])
    assert [m["resource"] for m in outbox_rows()] == ["zaaktype"]
