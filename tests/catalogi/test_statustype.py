import uuid

import pytest
from sqlalchemy import select

from services.catalogi.statustype.models import StatusType
from services.catalogi.statustype.service import StatusTypeService
from tests.catalogi.factories import (
    create_catalogus,
    create_eigenschap,
    create_resultaattype,
    create_statustype,
    create_zaaktype,
    publish,
    statustype_body,
)
from tests.conftest import assert_invalid
from tests.standins import referentielijsten

MISSING_ZAAKTYPE = "http://testserver/catalogi/api/v1/zaaktypen/5a2c1e4f-5cf9-4c6a-9b0a-000000000000"


def test_create_retrieve_and_derived_fields(catalogi):
    zaaktype = create_zaaktype(catalogi, versiedatum="2024-01-01", eindeGeldigheid="2026-12-31")
    response = catalogi.post("/statustypen", json=statustype_body(zaaktype["url"]))
    assert response.status_code == 201, response.text
    statustype = response.json()
    assert response.headers["Location"] == statustype["url"]
    assert statustype["zaaktype"] == zaaktype["url"]
    assert statustype["zaaktypeIdentificatie"] == "ZT-001"
    assert statustype["catalogus"] == zaaktype["catalogus"]
    assert statustype["isEindstatus"] is True
    assert statustype["doorlooptijd"] == "P2D"
    assert statustype["toelichting"] is None
    assert statustype["eigenschappen"] == [] and statustype["checklistitemStatustype"] == []
    # geldigheid not given: the zaaktype's
    assert statustype["beginGeldigheid"] == "2024-01-01"
    assert statustype["eindeGeldigheid"] == "2026-12-31"
    assert statustype["beginObject"] is None and statustype["eindeObject"] is None
    retrieved = catalogi.get(statustype["url"])
    assert retrieved.status_code == 200 and retrieved.json() == statustype


@pytest.mark.skipif(not referentielijsten.available(), reason="the selectielijst fixtures in ../shared are needed (resultaattype)")
def test_geldigheid_is_inherited_when_read(catalogi, catalogi_app):
    """Sub-types store only the geldigheid they were given: a later eindeGeldigheid of the
    zaaktype (version) is theirs too, in responses and in the datumGeldigheid filter."""
    zaaktype = create_zaaktype(catalogi)
    statustype = create_statustype(catalogi, zaaktype["url"])
    resultaattype = create_resultaattype(catalogi, zaaktype["url"])
    assert (statustype["beginGeldigheid"], statustype["eindeGeldigheid"]) == ("2024-01-01", None)
    with catalogi_app.state.db.session() as session:
        stored = session.scalar(
            select(StatusType.begin_geldigheid).where(StatusType.uuid == uuid.UUID(statustype["url"].rsplit("/", 1)[1]))
        )
    assert stored is None
    publish(catalogi, zaaktype["url"])
    assert catalogi.get("/statustypen?datumGeldigheid=2030-01-01").json()["count"] == 1
    # the all-rights client may correct a published zaaktype (geforceerd-schrijven)
    response = catalogi.patch(zaaktype["url"], json={"eindeGeldigheid": "2029-12-31"})
    assert response.status_code == 200, response.text
    for sub in (statustype, resultaattype):
        shown = catalogi.get(sub["url"]).json()
        assert (shown["beginGeldigheid"], shown["eindeGeldigheid"]) == ("2024-01-01", "2029-12-31")
    assert catalogi.get("/statustypen?datumGeldigheid=2030-01-01").json()["count"] == 0
    assert catalogi.get("/resultaattypen?datum_geldigheid=2030-01-01").json()["count"] == 0
    assert catalogi.get("/statustypen?datumGeldigheid=2029-12-31").json()["count"] == 1
    # an own value wins over the zaaktype's
    own = catalogi.patch(statustype["url"], json={"eindeGeldigheid": "2028-12-31"}).json()
    assert own["eindeGeldigheid"] == "2028-12-31"
    assert catalogi.get("/statustypen?datumGeldigheid=2029-06-01").json()["count"] == 0


def test_defaults_of_optional_fields(catalogi):
    zaaktype = create_zaaktype(catalogi)
    body = {"omschrijving": "Ontvangen", "zaaktype": zaaktype["url"], "volgnummer": 1}
    statustype = catalogi.post("/statustypen", json=body).json()
    assert statustype["omschrijvingGeneriek"] == "" and statustype["statustekst"] == ""
    assert statustype["informeren"] is False and statustype["doorlooptijd"] is None


def test_appears_on_zaaktype_in_volgnummer_order(catalogi):
    zaaktype = create_zaaktype(catalogi)
    second = create_statustype(catalogi, zaaktype["url"], volgnummer=2)
    first = create_statustype(catalogi, zaaktype["url"], volgnummer=1)
    assert catalogi.get(zaaktype["url"]).json()["statustypen"] == [first["url"], second["url"]]


def test_is_eindstatus_is_the_highest_volgnummer(catalogi):
    zaaktype = create_zaaktype(catalogi)
    one = create_statustype(catalogi, zaaktype["url"], volgnummer=1)
    assert one["isEindstatus"] is True
    three = create_statustype(catalogi, zaaktype["url"], volgnummer=3)
    other = create_statustype(catalogi, create_zaaktype(catalogi, zaaktype["catalogus"], identificatie="ANDER")["url"], volgnummer=2)
    listed = catalogi.get("/statustypen?status=alles").json()["results"]
    # ordered by zaaktype, then volgnummer
    assert [s["url"] for s in listed] == [one["url"], three["url"], other["url"]]
    assert [s["isEindstatus"] for s in listed] == [False, True, True]
    assert catalogi.get(one["url"]).json()["isEindstatus"] is False
    catalogi.delete(three["url"])
    assert catalogi.get(one["url"]).json()["isEindstatus"] is True


def test_volgnummer_unique_per_zaaktype(catalogi):
    zaaktype = create_zaaktype(catalogi)
    create_statustype(catalogi, zaaktype["url"], volgnummer=1)
    second = create_statustype(catalogi, zaaktype["url"], volgnummer=2)
    assert_invalid(catalogi.post("/statustypen", json=statustype_body(zaaktype["url"], volgnummer=1)), "nonFieldErrors", "unique")
    assert_invalid(catalogi.patch(second["url"], json={"volgnummer": 1}), "nonFieldErrors", "unique")
    # the same volgnummer in another zaaktype is fine, and a statustype keeps its own
    create_statustype(catalogi, create_zaaktype(catalogi, zaaktype["catalogus"], identificatie="ANDER")["url"], volgnummer=1)
    assert catalogi.put(second["url"], json=statustype_body(zaaktype["url"], volgnummer=2)).status_code == 200


def test_volgnummer_unique_under_a_race(catalogi, monkeypatch):
    """The database constraint decides when two writes pass the check at the same time."""
    zaaktype = create_zaaktype(catalogi)
    create_statustype(catalogi, zaaktype["url"], volgnummer=1)
    monkeypatch.setattr(StatusTypeService, "_ensure_unique", lambda self, ctx, obj: None)
    response = catalogi.post("/statustypen", json=statustype_body(zaaktype["url"], volgnummer=1))
    assert_invalid(response, "nonFieldErrors", "unique")
    assert catalogi.get("/statustypen?status=alles").json()["count"] == 1


def test_field_validation(catalogi):
    zaaktype = create_zaaktype(catalogi)
    url = zaaktype["url"]
    assert_invalid(catalogi.post("/statustypen", json=statustype_body(url, volgnummer=0)), "volgnummer", "min_value")
    assert_invalid(catalogi.post("/statustypen", json=statustype_body(url, volgnummer=10000)), "volgnummer", "max_value")
    assert_invalid(catalogi.post("/statustypen", json=statustype_body(url, volgnummer=None)), "volgnummer", "null")
    assert_invalid(catalogi.post("/statustypen", json=statustype_body(url, volgnummer="een")), "volgnummer", "invalid")
    body = statustype_body(url)
    del body["omschrijving"]
    assert_invalid(catalogi.post("/statustypen", json=body), "omschrijving", "required")
    assert_invalid(catalogi.post("/statustypen", json=statustype_body(url, omschrijving="")), "omschrijving", "blank")
    assert_invalid(catalogi.post("/statustypen", json=statustype_body(url, omschrijving="x" * 81)), "omschrijving", "max_length")
    assert_invalid(catalogi.post("/statustypen", json=statustype_body(url, statustekst="x" * 1001)), "statustekst", "max_length")
    assert_invalid(catalogi.post("/statustypen", json=statustype_body(url, statustekst=None)), "statustekst", "null")
    assert_invalid(catalogi.post("/statustypen", json=statustype_body(url, informeren=None)), "informeren", "null")
    assert_invalid(catalogi.post("/statustypen", json=statustype_body(url, doorlooptijd="twee dagen")), "doorlooptijd", "invalid")
    assert_invalid(catalogi.post("/statustypen", json=statustype_body(url, toelichting="x" * 1001)), "toelichting", "max_length")
    assert_invalid(catalogi.post("/statustypen", json=statustype_body(url, beginGeldigheid="gisteren")), "beginGeldigheid", "invalid")
    response = catalogi.post("/statustypen", json=statustype_body(url, beginGeldigheid="2024-06-01", eindeGeldigheid="2024-05-01"))
    assert_invalid(response, "eindeGeldigheid", "invalid")


def test_zaaktype_must_be_ours(catalogi):
    assert_invalid(catalogi.post("/statustypen", json=statustype_body(MISSING_ZAAKTYPE)), "zaaktype", "does_not_exist")
    assert_invalid(catalogi.post("/statustypen", json=statustype_body("http://elders.example.org/zaaktypen/1")), "zaaktype", "no_match")
    assert_invalid(catalogi.post("/statustypen", json=statustype_body("geen url")), "zaaktype", "invalid")
    assert_invalid(catalogi.post("/statustypen", json=statustype_body(None)), "zaaktype", "null")


def test_checklistitems(catalogi):
    zaaktype = create_zaaktype(catalogi)
    item = {"itemnaam": "Paspoort", "vraagstelling": "Is het paspoort gecontroleerd?"}
    statustype = create_statustype(catalogi, zaaktype["url"], checklistitemStatustype=[item])
    assert statustype["checklistitemStatustype"] == [{**item, "toelichting": None, "verplicht": False}]
    url = zaaktype["url"]
    response = catalogi.post("/statustypen", json=statustype_body(url, volgnummer=2, checklistitemStatustype=[{"vraagstelling": "?"}]))
    assert_invalid(response, "checklistitemStatustype.0.itemnaam", "required")
    too_long = {**item, "itemnaam": "x" * 31}
    response = catalogi.post("/statustypen", json=statustype_body(url, volgnummer=2, checklistitemStatustype=[item, too_long]))
    assert_invalid(response, "checklistitemStatustype.1.itemnaam", "max_length")
    response = catalogi.post(
        "/statustypen", json=statustype_body(url, volgnummer=2, checklistitemStatustype=[{**item, "vraagstelling": "x" * 256}])
    )
    assert_invalid(response, "checklistitemStatustype.0.vraagstelling", "max_length")
    response = catalogi.post(
        "/statustypen", json=statustype_body(url, volgnummer=2, checklistitemStatustype=[{**item, "toelichting": "x" * 1001}])
    )
    assert_invalid(response, "checklistitemStatustype.0.toelichting", "max_length")
    assert_invalid(
        catalogi.post("/statustypen", json=statustype_body(url, volgnummer=2, checklistitemStatustype=None)),
        "checklistitemStatustype",
        "null",
    )
    assert_invalid(
        catalogi.post("/statustypen", json=statustype_body(url, volgnummer=2, checklistitemStatustype="x")),
        "checklistitemStatustype",
        "not_a_list",
    )


def test_eigenschappen_of_the_same_zaaktype(catalogi):
    zaaktype = create_zaaktype(catalogi)
    eigenschap = create_eigenschap(catalogi, zaaktype["url"])
    statustype = create_statustype(catalogi, zaaktype["url"], eigenschappen=[eigenschap["url"], eigenschap["url"]])
    assert statustype["eigenschappen"] == [eigenschap["url"]]
    other = create_eigenschap(catalogi, create_zaaktype(catalogi, zaaktype["catalogus"], identificatie="ANDER")["url"])
    response = catalogi.post("/statustypen", json=statustype_body(zaaktype["url"], volgnummer=2, eigenschappen=[other["url"]]))
    assert_invalid(response, "nonFieldErrors", "zaaktype-mismatch")
    missing = eigenschap["url"].rsplit("/", 1)[0] + "/5a2c1e4f-5cf9-4c6a-9b0a-000000000000"
    assert_invalid(catalogi.patch(statustype["url"], json={"eigenschappen": [missing]}), "eigenschappen", "does_not_exist")
    assert_invalid(catalogi.patch(statustype["url"], json={"eigenschappen": [zaaktype["url"]]}), "eigenschappen", "no_match")
    assert_invalid(catalogi.patch(statustype["url"], json={"eigenschappen": [None]}), "eigenschappen.0", "null")
    # PATCH of another field leaves them; an empty list clears them
    assert catalogi.patch(statustype["url"], json={"omschrijving": "Anders"}).json()["eigenschappen"] == [eigenschap["url"]]
    assert catalogi.patch(statustype["url"], json={"eigenschappen": []}).json()["eigenschappen"] == []


def test_moving_to_another_zaaktype(catalogi):
    catalogus = create_catalogus(catalogi)
    zaaktype = create_zaaktype(catalogi, catalogus["url"])
    target = create_zaaktype(catalogi, catalogus["url"], identificatie="NIEUW", beginGeldigheid="2025-01-01")
    statustype = create_statustype(catalogi, zaaktype["url"])
    eigenschap = create_eigenschap(catalogi, zaaktype["url"], statustype=statustype["url"])
    # an eigenschap of the current zaaktype still refers to it
    assert_invalid(catalogi.patch(statustype["url"], json={"zaaktype": target["url"]}), "nonFieldErrors", "zaaktype-mismatch")
    catalogi.patch(eigenschap["url"], json={"statustype": None})
    moved = catalogi.patch(statustype["url"], json={"zaaktype": target["url"]}).json()
    assert moved["zaaktype"] == target["url"] and moved["zaaktypeIdentificatie"] == "NIEUW"
    assert moved["beginGeldigheid"] == "2025-01-01"  # the inherited geldigheid follows
    # its own eigenschappen must belong to the new zaaktype
    with_eigenschap = create_statustype(catalogi, zaaktype["url"], volgnummer=5, eigenschappen=[eigenschap["url"]])
    assert_invalid(catalogi.patch(with_eigenschap["url"], json={"zaaktype": target["url"]}), "nonFieldErrors", "zaaktype-mismatch")


def test_put_replaces_and_patch_changes_only_what_is_sent(catalogi):
    zaaktype = create_zaaktype(catalogi)
    statustype = create_statustype(catalogi, zaaktype["url"], beginGeldigheid="2024-03-01", statustekst="Tekst")
    patched = catalogi.patch(statustype["url"], json={"omschrijving": "Nieuw"}).json()
    assert patched["omschrijving"] == "Nieuw" and patched["statustekst"] == "Tekst" and patched["beginGeldigheid"] == "2024-03-01"
    body = {"omschrijving": "Geheel", "zaaktype": zaaktype["url"], "volgnummer": 4}
    put = catalogi.put(statustype["url"], json=body).json()
    assert put["statustekst"] == "" and put["volgnummer"] == 4 and put["beginGeldigheid"] == "2024-01-01"
    assert_invalid(catalogi.put(statustype["url"], json={"omschrijving": "x", "zaaktype": zaaktype["url"]}), "volgnummer", "required")
    assert_invalid(catalogi.patch(statustype["url"], json={"volgnummer": None}), "volgnummer", "null")


def test_ztc_010_published_zaaktype(catalogi):
    zaaktype = create_zaaktype(catalogi)
    statustype = create_statustype(catalogi, zaaktype["url"])
    publish(catalogi, zaaktype["url"])
    schrijver = catalogi.as_client("schrijver")
    assert_invalid(
        schrijver.post("/statustypen", json=statustype_body(zaaktype["url"], volgnummer=2)), "nonFieldErrors", "non-concept-zaaktype"
    )
    assert_invalid(schrijver.patch(statustype["url"], json={"omschrijving": "x"}), "nonFieldErrors", "non-concept-zaaktype")
    assert_invalid(schrijver.put(statustype["url"], json=statustype_body(zaaktype["url"])), "nonFieldErrors", "non-concept-zaaktype")
    assert_invalid(schrijver.delete(statustype["url"]), "nonFieldErrors", "non-concept-zaaktype")
    # a concept statustype may not be moved to a published zaaktype either
    concept = create_zaaktype(catalogi, zaaktype["catalogus"], identificatie="CONCEPT")
    other = create_statustype(catalogi, concept["url"])
    assert_invalid(schrijver.patch(other["url"], json={"zaaktype": zaaktype["url"]}), "nonFieldErrors", "non-concept-zaaktype")
    # geforceerd-schrijven / -verwijderen (the all-rights client) may
    assert catalogi.post("/statustypen", json=statustype_body(zaaktype["url"], volgnummer=2)).status_code == 201
    assert catalogi.patch(statustype["url"], json={"omschrijving": "Correctie"}).json()["omschrijving"] == "Correctie"
    assert catalogi.delete(statustype["url"]).status_code == 204
    assert catalogi.get(statustype["url"]).status_code == 404


def test_concept_zaaktype_allows_schrijver(catalogi):
    zaaktype = create_zaaktype(catalogi)
    schrijver = catalogi.as_client("schrijver")
    statustype = create_statustype(schrijver, zaaktype["url"])
    assert schrijver.patch(statustype["url"], json={"omschrijving": "Nieuw"}).status_code == 200
    assert schrijver.delete(statustype["url"]).status_code == 204


def test_filters(catalogi):
    catalogus = create_catalogus(catalogi)
    published = create_zaaktype(catalogi, catalogus["url"], identificatie="PUB")
    a = create_statustype(catalogi, published["url"], volgnummer=1)
    publish(catalogi, published["url"])
    concept = create_zaaktype(catalogi, catalogus["url"], identificatie="CON", beginGeldigheid="2025-01-01")
    b = create_statustype(catalogi, concept["url"], volgnummer=1)

    def urls(query: str) -> list[str]:
        response = catalogi.get(f"/statustypen{query}")
        assert response.status_code == 200, response.text
        return [s["url"] for s in response.json()["results"]]

    assert urls("") == [a["url"]]  # default: only those of published zaaktypen
    assert urls("?status=definitief") == [a["url"]]
    assert urls("?status=concept") == [b["url"]]
    assert urls("?status=alles") == [a["url"], b["url"]]
    assert urls(f"?status=alles&zaaktype={concept['url']}") == [b["url"]]
    assert urls("?status=alles&zaaktype=http://elders.example.org/zaaktypen/1") == []
    assert urls("?status=alles&zaaktypeIdentificatie=PUB") == [a["url"]]
    assert urls("?status=alles&datumGeldigheid=2024-06-01") == [a["url"]]
    assert urls("?status=alles&datumGeldigheid=2025-06-01") == [a["url"], b["url"]]
    assert_invalid(catalogi.get("/statustypen?datumGeldigheid=morgen"), "datumGeldigheid", "invalid")
    assert_invalid(catalogi.get("/statustypen?status=iets"), "status", "invalid_choice")


def test_etag_and_head(catalogi):
    statustype = create_statustype(catalogi)
    response = catalogi.get(statustype["url"])
    etag = response.headers["ETag"]
    assert catalogi.get(statustype["url"], headers={"If-None-Match": etag}).status_code == 304
    head = catalogi.head(statustype["url"])
    assert head.status_code == 200 and head.content == b"" and head.headers["ETag"] == etag
    # a higher volgnummer elsewhere changes isEindstatus and so the ETag
    create_statustype(catalogi, statustype["zaaktype"], volgnummer=2)
    assert catalogi.get(statustype["url"]).headers["ETag"] != etag
    assert catalogi.get(statustype["url"].rsplit("/", 1)[0] + "/5a2c1e4f-5cf9-4c6a-9b0a-000000000000").status_code == 404


def test_scopes(catalogi):
    zaaktype = create_zaaktype(catalogi)
    statustype = create_statustype(catalogi, zaaktype["url"])
    lezer = catalogi.as_client("lezer")
    assert lezer.get(statustype["url"]).status_code == 200
    assert lezer.get("/statustypen").status_code == 200
    assert lezer.post("/statustypen", json=statustype_body(zaaktype["url"], volgnummer=2)).status_code == 403
    assert lezer.patch(statustype["url"], json={"omschrijving": "x"}).status_code == 403
    assert lezer.delete(statustype["url"]).status_code == 403
    assert catalogi.as_client("niemand").get("/statustypen").json()["code"] == "permission_denied"
    assert catalogi.client.get(statustype["url"]).status_code == 401


def test_no_notifications(catalogi, outbox_rows):
    zaaktype = create_zaaktype(catalogi)
    statustype = create_statustype(catalogi, zaaktype["url"])
    catalogi.patch(statustype["url"], json={"omschrijving": "x"})
    catalogi.delete(statustype["url"])
    assert [m["resource"] for m in outbox_rows()] == ["zaaktype"]


def test_deleting_the_zaaktype_deletes_its_statustypen(catalogi):
    zaaktype = create_zaaktype(catalogi)
    statustype = create_statustype(catalogi, zaaktype["url"])
    assert catalogi.delete(zaaktype["url"]).status_code == 204
    assert catalogi.get(statustype["url"]).status_code == 404
