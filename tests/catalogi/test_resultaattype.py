import httpx
import pytest
from fastapi.testclient import TestClient

from services.catalogi import API_ROOT
from services.catalogi.app import create_app
from services.catalogi.settings import CatalogiSettings
from tests.catalogi.factories import (
    besluittype_url,
    create_catalogus,
    create_resultaattype,
    create_zaakobjecttype,
    create_zaaktype,
    informatieobjecttype_url,
    publish,
    resultaattype_body,
    zaaktype_body,
)
from tests.conftest import ApiClient, assert_invalid
from tests.standins import referentielijsten

pytestmark = pytest.mark.skipif(not referentielijsten.available(), reason="the selectielijst fixtures in ../shared are needed")

PROCESTYPE_1 = referentielijsten.procestype_url(1) if referentielijsten.available() else ""


def resultaat(procestype: str = PROCESTYPE_1, **match) -> dict:
    return referentielijsten.resultaat(procestype, **match)


def brondatum(afleidingswijze: str, **fields) -> dict:
    return {
        "afleidingswijze": afleidingswijze,
        "datumkenmerk": "",
        "einddatumBekend": False,
        "objecttype": "",
        "registratie": "",
        "procestermijn": None,
        **fields,
    }


def pairs(response) -> set[tuple[str, str]]:
    assert response.status_code == 400, response.text
    return {(p["name"], p["code"]) for p in response.json()["invalidParams"]}


# ---------------------------------------------------------------- create / read


def test_create_retrieve_and_derived_fields(catalogi):
    zaaktype = create_zaaktype(catalogi)
    response = catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"]))
    assert response.status_code == 201, response.text
    created = response.json()
    assert response.headers["Location"] == created["url"]
    assert created["zaaktype"] == zaaktype["url"]
    assert created["zaaktypeIdentificatie"] == "ZT-001"
    assert created["omschrijvingGeneriek"] == "Toegekend"  # ztc-002
    assert created["catalogus"] == zaaktype["catalogus"]
    # geldigheid inherited from the zaaktype
    assert (created["beginGeldigheid"], created["eindeGeldigheid"]) == ("2024-01-01", None)
    assert created["brondatumArchiefprocedure"] == brondatum("afgehandeld")
    assert created["besluittypen"] == created["besluittypeOmschrijving"] == []
    assert created["informatieobjecttypen"] == created["informatieobjecttypeOmschrijving"] == []
    assert catalogi.get(created["url"]).json() == created
    assert catalogi.get(zaaktype["url"]).json()["resultaattypen"] == [created["url"]]


def test_ztc_002_archief_defaults_from_selectielijst(catalogi):
    zaaktype = create_zaaktype(catalogi)
    klasse = resultaat(procestermijn="nihil", waardering="vernietigen")
    body = resultaattype_body(zaaktype["url"], selectielijstklasse=klasse["url"])
    del body["archiefnominatie"], body["archiefactietermijn"]
    created = catalogi.post("/resultaattypen", json=body).json()
    assert created["archiefnominatie"] == "vernietigen"
    assert created["archiefactietermijn"] == klasse["bewaartermijn"]
    # given values win
    explicit = create_resultaattype(
        catalogi, zaaktype["url"], selectielijstklasse=klasse["url"], archiefnominatie="blijvend_bewaren", archiefactietermijn="P20Y"
    )
    assert (explicit["archiefnominatie"], explicit["archiefactietermijn"]) == ("blijvend_bewaren", "P20Y")


def test_ztc_002_referentielijsten_urls(catalogi):
    zaaktype = create_zaaktype(catalogi)
    missing = f"{referentielijsten.BASE}/resultaten/00000000-0000-0000-0000-000000000000"
    assert_invalid(
        catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], selectielijstklasse=missing)),
        "selectielijstklasse",
        "bad-url",
    )
    assert_invalid(
        catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], selectielijstklasse=PROCESTYPE_1)),
        "selectielijstklasse",
        "invalid-resource",
    )
    omschrijving_missing = f"{referentielijsten.BASE}/resultaattypeomschrijvingen/00000000-0000-0000-0000-000000000000"
    assert_invalid(
        catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], resultaattypeomschrijving=omschrijving_missing)),
        "resultaattypeomschrijving",
        "bad-url",
    )
    assert_invalid(
        catalogi.post(
            "/resultaattypen", json=resultaattype_body(zaaktype["url"], resultaattypeomschrijving=f"{referentielijsten.BASE}/resultaten")
        ),
        "resultaattypeomschrijving",
        "invalid-resource",
    )


def test_ztc_002_procestype_mismatch(catalogi):
    zaaktype = create_zaaktype(catalogi)
    other = resultaat(referentielijsten.procestype_url(2), procestermijn="nihil")
    response = catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], selectielijstklasse=other["url"]))
    assert_invalid(response, "nonFieldErrors", "procestype-mismatch")
    # a zaaktype without selectielijstProcestype matches no selectielijstklasse
    bare = create_zaaktype(catalogi, zaaktype["catalogus"], identificatie="ZONDER", selectielijstProcestype="")
    assert_invalid(catalogi.post("/resultaattypen", json=resultaattype_body(bare["url"])), "nonFieldErrors", "procestype-mismatch")
    # PATCH: the merged state counts (the zaaktype moves, the selectielijstklasse stays)
    created = create_resultaattype(catalogi, zaaktype["url"])
    assert_invalid(catalogi.patch(created["url"], json={"zaaktype": bare["url"]}), "nonFieldErrors", "procestype-mismatch")


# ---------------------------------------------------------------- ztc-003..008


def test_ztc_003_afleidingswijze_for_procestermijn_nihil(catalogi):
    zaaktype = create_zaaktype(catalogi)
    nihil = resultaat(procestermijn="nihil")
    body = resultaattype_body(zaaktype["url"], selectielijstklasse=nihil["url"], brondatumArchiefprocedure=brondatum("hoofdzaak"))
    assert_invalid(catalogi.post("/resultaattypen", json=body), "nonFieldErrors", "invalid-afleidingswijze-for-procestermijn")
    # `afgehandeld` only with procestermijn nihil
    other = resultaat(referentielijsten.procestype_url(2), procestermijn="bestaansduur_procesobject")
    zaaktype_2 = create_zaaktype(
        catalogi, zaaktype["catalogus"], identificatie="ZT-2", selectielijstProcestype=referentielijsten.procestype_url(2)
    )
    body = resultaattype_body(zaaktype_2["url"], selectielijstklasse=other["url"], brondatumArchiefprocedure=brondatum("afgehandeld"))
    assert_invalid(catalogi.post("/resultaattypen", json=body), "nonFieldErrors", "invalid-afleidingswijze-for-procestermijn")
    # `termijn` only with ingeschatte_bestaansduur_procesobject
    body = resultaattype_body(
        zaaktype_2["url"], selectielijstklasse=other["url"], brondatumArchiefprocedure=brondatum("termijn", procestermijn="P5Y")
    )
    assert_invalid(catalogi.post("/resultaattypen", json=body), "nonFieldErrors", "invalid-afleidingswijze-for-procestermijn")
    body = resultaattype_body(zaaktype_2["url"], selectielijstklasse=other["url"], brondatumArchiefprocedure=brondatum("hoofdzaak"))
    assert catalogi.post("/resultaattypen", json=body).status_code == 201


def test_ztc_004_afleidingswijze_for_ingeschatte_bestaansduur(catalogi):
    ingeschat = next(
        r for r in referentielijsten._data()["resultaten"].values() if r["procestermijn"] == "ingeschatte_bestaansduur_procesobject"
    )
    zaaktype = create_zaaktype(catalogi, selectielijstProcestype=ingeschat["procesType"])
    body = resultaattype_body(zaaktype["url"], selectielijstklasse=ingeschat["url"], brondatumArchiefprocedure=brondatum("afgehandeld"))
    assert_invalid(catalogi.post("/resultaattypen", json=body), "nonFieldErrors", "invalid-afleidingswijze-for-procestermijn")
    body["brondatumArchiefprocedure"] = brondatum("termijn", procestermijn="P5Y")
    assert catalogi.post("/resultaattypen", json=body).status_code == 201


def test_empty_procestermijn_allows_any_afleidingswijze(catalogi):
    zaaktype = create_zaaktype(catalogi)
    free = resultaat(procestermijn="")
    for index, afleidingswijze in enumerate(("afgehandeld", "hoofdzaak", "vervaldatum_besluit")):
        body = resultaattype_body(
            zaaktype["url"], omschrijving=f"R{index}", selectielijstklasse=free["url"], brondatumArchiefprocedure=brondatum(afleidingswijze)
        )
        assert catalogi.post("/resultaattypen", json=body).status_code == 201


ALL_FILLED = {
    "datumkenmerk": "overlijdensdatum",
    "einddatumBekend": True,
    "objecttype": "pand",
    "registratie": "BAG",
    "procestermijn": "P5Y",
}


@pytest.mark.parametrize(
    ("afleidingswijze", "required", "must_be_empty"),
    [
        ("afgehandeld", set(), {"procestermijn", "datumkenmerk", "einddatumBekend", "objecttype", "registratie"}),
        ("termijn", {"procestermijn"}, {"datumkenmerk", "einddatumBekend", "objecttype", "registratie"}),
        ("ander_datumkenmerk", {"datumkenmerk", "objecttype", "registratie"}, {"procestermijn"}),
        ("eigenschap", {"datumkenmerk"}, {"procestermijn", "objecttype", "registratie"}),
        ("zaakobject", {"datumkenmerk", "objecttype"}, {"procestermijn", "registratie"}),
        ("hoofdzaak", set(), {"procestermijn", "datumkenmerk", "objecttype", "registratie"}),
        ("gerelateerde_zaak", set(), {"procestermijn", "datumkenmerk", "objecttype", "registratie"}),
        ("ingangsdatum_besluit", set(), {"procestermijn", "datumkenmerk", "objecttype", "registratie"}),
        ("vervaldatum_besluit", set(), {"procestermijn", "datumkenmerk", "objecttype", "registratie"}),
    ],
)
def test_ztc_005_008_brondatum_table(catalogi, afleidingswijze, required, must_be_empty):
    zaaktype = create_zaaktype(catalogi)
    free = resultaat(procestermijn="")  # no procestermijn: any afleidingswijze fits the selectielijst

    def post(**fields):
        body = resultaattype_body(
            zaaktype["url"], selectielijstklasse=free["url"], brondatumArchiefprocedure=brondatum(afleidingswijze, **fields)
        )
        return catalogi.post("/resultaattypen", json=body)

    def brondatum_pairs(response):
        return {p for p in pairs(response) if p[0].startswith("brondatumArchiefprocedure.")}

    # everything empty: every required field is reported, at once
    if required:
        assert brondatum_pairs(post()) == {(f"brondatumArchiefprocedure.{f}", "required") for f in required}
    # everything filled: every forbidden field is reported, at once
    assert brondatum_pairs(post(**ALL_FILLED)) == {(f"brondatumArchiefprocedure.{f}", "must-be-empty") for f in must_be_empty}
    # exactly the required fields filled (einddatumBekend is free where the table does not name it)
    valid = {f: ALL_FILLED[f] for f in required}
    if afleidingswijze not in ("afgehandeld", "termijn"):
        valid["einddatumBekend"] = True
    response = post(**valid)
    assert response.status_code == 201, response.text
    assert response.json()["brondatumArchiefprocedure"] == brondatum(afleidingswijze, **valid)


def test_ztc_004_008_brondatum_field_errors_come_before_the_selectielijsts(catalogi):
    """The suite reads `invalidParams[0]`: the brondatumArchiefprocedure field errors first, then
    the selectielijst's nonFieldErrors."""
    zaaktype = create_zaaktype(catalogi)
    nihil = resultaat(procestermijn="nihil")
    body = resultaattype_body(zaaktype["url"], selectielijstklasse=nihil["url"], brondatumArchiefprocedure=brondatum("termijn"))
    response = catalogi.post("/resultaattypen", json=body)
    assert response.status_code == 400, response.text
    names = [(p["name"], p["code"]) for p in response.json()["invalidParams"]]
    assert names == [
        ("brondatumArchiefprocedure.procestermijn", "required"),
        ("nonFieldErrors", "invalid-afleidingswijze-for-procestermijn"),
    ]


def test_brondatum_patch_validates_merged_state(catalogi):
    zaaktype = create_zaaktype(catalogi)
    free = resultaat(procestermijn="")
    created = create_resultaattype(
        catalogi, zaaktype["url"], selectielijstklasse=free["url"], brondatumArchiefprocedure=brondatum("termijn", procestermijn="P5Y")
    )
    # the stored procestermijn stays unless the PATCH sends it
    response = catalogi.patch(created["url"], json={"brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"}})
    assert pairs(response) == {("brondatumArchiefprocedure.procestermijn", "must-be-empty")}
    response = catalogi.patch(created["url"], json={"brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld", "procestermijn": None}})
    assert response.status_code == 200, response.text
    assert response.json()["brondatumArchiefprocedure"] == brondatum("afgehandeld")
    # a new selectielijstklasse is checked against the stored afleidingswijze
    back = catalogi.patch(created["url"], json={"brondatumArchiefprocedure": brondatum("hoofdzaak")})
    assert back.status_code == 200
    nihil = resultaat(procestermijn="nihil")
    assert_invalid(
        catalogi.patch(created["url"], json={"selectielijstklasse": nihil["url"]}),
        "nonFieldErrors",
        "invalid-afleidingswijze-for-procestermijn",
    )
    # null removes it
    assert catalogi.patch(created["url"], json={"brondatumArchiefprocedure": None}).json()["brondatumArchiefprocedure"] is None


def test_brondatum_field_formats(catalogi):
    zaaktype = create_zaaktype(catalogi)
    body = resultaattype_body(
        zaaktype["url"],
        brondatumArchiefprocedure={"afleidingswijze": "iets", "objecttype": "auto", "datumkenmerk": "x" * 81, "procestermijn": "5 jaar"},
    )
    response = catalogi.post("/resultaattypen", json=body)
    assert {
        ("brondatumArchiefprocedure.afleidingswijze", "invalid_choice"),
        ("brondatumArchiefprocedure.objecttype", "invalid_choice"),
        ("brondatumArchiefprocedure.datumkenmerk", "max_length"),
        ("brondatumArchiefprocedure.procestermijn", "invalid"),
    } <= pairs(response)
    body = resultaattype_body(zaaktype["url"], brondatumArchiefprocedure={"datumkenmerk": ""})
    assert_invalid(catalogi.post("/resultaattypen", json=body), "brondatumArchiefprocedure.afleidingswijze", "required")


# ---------------------------------------------------------------- relations


def test_catalogus_must_be_the_zaaktypes(catalogi):
    zaaktype = create_zaaktype(catalogi)
    other = create_catalogus(catalogi, domein="ANDER")
    response = catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], catalogus=other["url"]))
    assert_invalid(response, "nonFieldErrors", "relations-incorrect-catalogus")
    missing = zaaktype["catalogus"].rsplit("/", 1)[0] + "/5a2c1e4f-5cf9-4c6a-9b0a-000000000000"
    assert_invalid(
        catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], catalogus=missing)), "catalogus", "does_not_exist"
    )
    created = create_resultaattype(catalogi, zaaktype["url"], catalogus=zaaktype["catalogus"])
    assert created["catalogus"] == zaaktype["catalogus"]


def test_zaaktype_must_exist(catalogi):
    catalogus = create_catalogus(catalogi)
    missing = catalogus["url"].replace("catalogussen", "zaaktypen")
    assert_invalid(catalogi.post("/resultaattypen", json=resultaattype_body(missing)), "zaaktype", "does_not_exist")
    assert_invalid(
        catalogi.post("/resultaattypen", json=resultaattype_body("https://elders.example.org/zaaktypen/1")), "zaaktype", "no_match"
    )


def test_besluittypen_by_omschrijving_resolve_to_the_valid_version(catalogi):
    zaaktype = create_zaaktype(catalogi)
    catalogus = zaaktype["catalogus"]
    old = besluittype_url(catalogi, catalogus, "Vergunning", published=True, beginGeldigheid="2020-01-01", eindeGeldigheid="2023-12-31")
    new = besluittype_url(catalogi, catalogus, "Vergunning", published=True, beginGeldigheid="2024-01-01")
    other = besluittype_url(catalogi, catalogus, "Weigering")
    created = create_resultaattype(catalogi, zaaktype["url"], besluittypen=["Vergunning", other], beginGeldigheid="2020-01-01")
    assert created["besluittypeOmschrijving"] == ["Vergunning", "Weigering"]
    assert created["besluittypen"] == [new, other]
    publish(catalogi, zaaktype["url"])
    listed = catalogi.get("/resultaattypen?datum_geldigheid=2022-06-01").json()["results"]
    # Vergunning as it was in 2022; Weigering had no version then, so its newest
    assert [r["besluittypen"] for r in listed] == [[old, other]]
    # PUT replaces the relations
    body = resultaattype_body(zaaktype["url"], besluittypen=[])
    assert catalogi.put(created["url"], json=body).json()["besluittypen"] == []


def test_besluittypen_errors(catalogi):
    zaaktype = create_zaaktype(catalogi)
    elders = create_catalogus(catalogi, domein="ANDER")
    foreign = besluittype_url(catalogi, elders["url"], "Elders")
    assert_invalid(
        catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], besluittypen=["Onbekend"])),
        "besluittypen",
        "does_not_exist",
    )
    assert_invalid(
        catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], besluittypen=["Elders"])),
        "nonFieldErrors",
        "relations-incorrect-catalogus",
    )
    assert_invalid(
        catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], besluittypen=[foreign])),
        "nonFieldErrors",
        "relations-incorrect-catalogus",
    )
    assert_invalid(
        catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], besluittypen="Vergunning")), "besluittypen", "not_a_list"
    )


def test_besluittypen_may_be_left_out(catalogi):
    """Catalogi 1.3.3 and VNG's suite leave `besluittypen` out of a create; 1.3.1's `required`
    naming it is a generator artifact (it names read-only fields too): absent is `[]`."""
    zaaktype = create_zaaktype(catalogi)
    vergunning = besluittype_url(catalogi, zaaktype["catalogus"], "Vergunning")
    body = resultaattype_body(zaaktype["url"])
    del body["besluittypen"]
    response = catalogi.post("/resultaattypen", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["besluittypen"] == []
    assert catalogi.patch(created["url"], json={"besluittypen": [vergunning]}).json()["besluittypen"] == [vergunning]
    # a PATCH without it keeps it; a PUT without it replaces it by none
    assert catalogi.patch(created["url"], json={"toelichting": "x"}).json()["besluittypen"] == [vergunning]
    assert catalogi.put(created["url"], json=body).json()["besluittypen"] == []


def test_informatieobjecttypen(catalogi):
    zaaktype = create_zaaktype(catalogi)
    brief = informatieobjecttype_url(catalogi, zaaktype["catalogus"], "Brief")
    bijlage = informatieobjecttype_url(catalogi, zaaktype["catalogus"], "Bijlage")
    created = create_resultaattype(catalogi, zaaktype["url"], informatieobjecttypen=[brief, bijlage, brief])
    assert created["informatieobjecttypen"] == [bijlage, brief]
    assert created["informatieobjecttypeOmschrijving"] == ["Bijlage", "Brief"]
    patched = catalogi.patch(created["url"], json={"informatieobjecttypen": [brief]}).json()
    assert patched["informatieobjecttypen"] == [brief]
    elders = create_catalogus(catalogi, domein="ANDER")
    foreign = informatieobjecttype_url(catalogi, elders["url"], "Brief")
    assert_invalid(
        catalogi.patch(created["url"], json={"informatieobjecttypen": [foreign]}), "nonFieldErrors", "relations-incorrect-catalogus"
    )
    assert_invalid(
        catalogi.patch(created["url"], json={"informatieobjecttypen": ["https://elders.example.org/iot/1"]}),
        "informatieobjecttypen",
        "no_match",
    )
    assert_invalid(
        catalogi.patch(created["url"], json={"informatieobjecttypen": [brief, "geen url"]}), "informatieobjecttypen.1", "invalid"
    )


def test_moving_to_a_zaaktype_of_another_catalogus_rechecks_relations(catalogi):
    zaaktype = create_zaaktype(catalogi)
    brief = informatieobjecttype_url(catalogi, zaaktype["catalogus"], "Brief")
    created = create_resultaattype(catalogi, zaaktype["url"], informatieobjecttypen=[brief])
    elders = create_zaaktype(catalogi, create_catalogus(catalogi, domein="ANDER")["url"])
    assert_invalid(catalogi.patch(created["url"], json={"zaaktype": elders["url"]}), "nonFieldErrors", "relations-incorrect-catalogus")
    moved = catalogi.patch(created["url"], json={"zaaktype": elders["url"], "informatieobjecttypen": []})
    assert moved.status_code == 200, moved.text
    assert moved.json()["catalogus"] == elders["catalogus"]


def test_moving_while_a_zaakobjecttype_needs_it(catalogi):
    zaaktype = create_zaaktype(catalogi)
    created = create_resultaattype(catalogi, zaaktype["url"])
    zaakobjecttype = create_zaakobjecttype(catalogi, zaaktype, resultaattypen=[created["url"]])
    target = create_zaaktype(catalogi, zaaktype["catalogus"], identificatie="ZT-2")
    assert_invalid(catalogi.patch(created["url"], json={"zaaktype": target["url"]}), "nonFieldErrors", "zaaktype-mismatch")
    catalogi.patch(zaakobjecttype["url"], json={"resultaattypen": []})
    moved = catalogi.patch(created["url"], json={"zaaktype": target["url"]})
    assert moved.status_code == 200, moved.text
    assert moved.json()["zaaktypeIdentificatie"] == "ZT-2"


# ---------------------------------------------------------------- ztc-010


def test_ztc_010_published_zaaktype(catalogi):
    zaaktype = create_zaaktype(catalogi)
    created = create_resultaattype(catalogi, zaaktype["url"])
    publish(catalogi, zaaktype["url"])
    schrijver = catalogi.as_client("schrijver")
    assert_invalid(
        schrijver.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], omschrijving="Nieuw")),
        "nonFieldErrors",
        "non-concept-zaaktype",
    )
    assert_invalid(schrijver.patch(created["url"], json={"toelichting": "x"}), "nonFieldErrors", "non-concept-zaaktype")
    assert_invalid(schrijver.put(created["url"], json=resultaattype_body(zaaktype["url"])), "nonFieldErrors", "non-concept-zaaktype")
    assert_invalid(schrijver.delete(created["url"]), "nonFieldErrors", "non-concept-zaaktype")
    # moving a concept's resultaattype onto a published zaaktype is creating one there
    concept = create_zaaktype(catalogi, zaaktype["catalogus"], identificatie="ZT-2")
    other = create_resultaattype(catalogi, concept["url"])
    assert_invalid(schrijver.patch(other["url"], json={"zaaktype": zaaktype["url"]}), "nonFieldErrors", "non-concept-zaaktype")
    # geforceerd-schrijven / -verwijderen (the all-rights client) may
    assert catalogi.patch(created["url"], json={"toelichting": "correctie"}).json()["toelichting"] == "correctie"
    assert catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], omschrijving="Nieuw")).status_code == 201
    assert catalogi.delete(created["url"]).status_code == 204


def test_concept_update_and_delete(catalogi):
    zaaktype = create_zaaktype(catalogi)
    created = create_resultaattype(catalogi, zaaktype["url"])
    schrijver = catalogi.as_client("schrijver")
    body = resultaattype_body(
        zaaktype["url"],
        omschrijving="Geweigerd",
        toelichting="uitleg",
        procestermijn="P1Y",
        indicatieSpecifiek=True,
        procesobjectaard="pand",
        beginGeldigheid="2024-02-01",
        eindeGeldigheid="2024-12-31",
    )
    updated = schrijver.put(created["url"], json=body)
    assert updated.status_code == 200, updated.text
    data = updated.json()
    assert (data["omschrijving"], data["toelichting"], data["procestermijn"], data["indicatieSpecifiek"], data["procesobjectaard"]) == (
        "Geweigerd",
        "uitleg",
        "P1Y",
        True,
        "pand",
    )
    assert (data["beginGeldigheid"], data["eindeGeldigheid"]) == ("2024-02-01", "2024-12-31")
    # PUT without geldigheid inherits the zaaktype's again
    assert schrijver.put(created["url"], json=resultaattype_body(zaaktype["url"])).json()["beginGeldigheid"] == "2024-01-01"
    assert_invalid(
        schrijver.patch(created["url"], json={"beginGeldigheid": "2025-01-01", "eindeGeldigheid": "2024-12-31"}),
        "eindeGeldigheid",
        "invalid",
    )
    assert schrijver.delete(created["url"]).status_code == 204
    assert catalogi.get(created["url"]).status_code == 404
    assert catalogi.get(zaaktype["url"]).json()["resultaattypen"] == []


# ---------------------------------------------------------------- filters, headers, scopes


def test_filters(catalogi):
    catalogus = create_catalogus(catalogi)
    a = create_zaaktype(catalogi, catalogus["url"], identificatie="A")
    b = create_zaaktype(catalogi, catalogus["url"], identificatie="B", beginGeldigheid="2025-01-01")
    ra = create_resultaattype(catalogi, a["url"])
    rb = create_resultaattype(catalogi, b["url"])
    assert catalogi.get("/resultaattypen").json()["count"] == 0  # default: published zaaktypen only
    publish(catalogi, a["url"])
    assert [r["url"] for r in catalogi.get("/resultaattypen").json()["results"]] == [ra["url"]]
    assert [r["url"] for r in catalogi.get("/resultaattypen?status=concept").json()["results"]] == [rb["url"]]
    assert [r["url"] for r in catalogi.get("/resultaattypen?status=alles").json()["results"]] == [rb["url"], ra["url"]]
    q = "/resultaattypen?status=alles"
    assert [r["url"] for r in catalogi.get(f"{q}&zaaktype={b['url']}").json()["results"]] == [rb["url"]]
    assert catalogi.get(f"{q}&zaaktype=https://elders.example.org/zaaktypen/1").json()["count"] == 0
    assert [r["url"] for r in catalogi.get(f"{q}&zaaktype_identificatie=A").json()["results"]] == [ra["url"]]
    assert [r["url"] for r in catalogi.get(f"{q}&datum_geldigheid=2024-06-01").json()["results"]] == [ra["url"]]
    assert catalogi.get(f"{q}&datum_geldigheid=2025-06-01").json()["count"] == 2
    assert_invalid(catalogi.get(f"{q}&datum_geldigheid=morgen"), "datum_geldigheid", "invalid")
    assert_invalid(catalogi.get("/resultaattypen?status=iets"), "status", "invalid_choice")


def test_etag_and_head(catalogi):
    created = create_resultaattype(catalogi)
    response = catalogi.get(created["url"])
    etag = response.headers["ETag"]
    assert catalogi.get(created["url"], headers={"If-None-Match": etag}).status_code == 304
    head = catalogi.head(created["url"])
    assert head.status_code == 200 and head.content == b"" and head.headers["ETag"] == etag
    changed = catalogi.patch(created["url"], json={"toelichting": "anders"})
    assert changed.headers["ETag"] != etag


def test_scopes(catalogi):
    created = create_resultaattype(catalogi)
    body = resultaattype_body(created["zaaktype"], omschrijving="Ander")
    assert catalogi.as_client("lezer").get(created["url"]).status_code == 200
    assert catalogi.as_client("zaken-lezer").get("/resultaattypen").status_code == 200  # ztc-014
    assert catalogi.as_client("niemand").get("/resultaattypen").json()["code"] == "permission_denied"
    assert catalogi.as_client("niemand").head(created["url"]).status_code == 403
    lezer = catalogi.as_client("lezer")
    assert lezer.post("/resultaattypen", json=body).status_code == 403
    assert lezer.patch(created["url"], json={"toelichting": "x"}).status_code == 403
    assert lezer.delete(created["url"]).status_code == 403
    assert catalogi.as_client("schrijver").post("/resultaattypen", json=body).status_code == 201
    assert catalogi.client.get(catalogi.url("/resultaattypen")).status_code == 401


def test_bad_input(catalogi):
    zaaktype = create_zaaktype(catalogi)
    body = resultaattype_body(
        zaaktype["url"], omschrijving="x" * 31, archiefnominatie="bewaren", archiefactietermijn="tien jaar", procesobjectaard="p" * 201
    )
    del body["selectielijstklasse"]
    response = catalogi.post("/resultaattypen", json=body)
    assert {
        ("omschrijving", "max_length"),
        ("archiefnominatie", "invalid_choice"),
        ("archiefactietermijn", "invalid"),
        ("procesobjectaard", "max_length"),
        ("selectielijstklasse", "required"),
    } <= pairs(response)
    assert_invalid(catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], omschrijving="")), "omschrijving", "blank")
    assert_invalid(catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], omschrijving=None)), "omschrijving", "null")
    assert_invalid(
        catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], resultaattypeomschrijving="geen url")),
        "resultaattypeomschrijving",
        "invalid",
    )
    assert_invalid(
        catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], beginGeldigheid="gisteren")), "beginGeldigheid", "invalid"
    )
    assert_invalid(
        catalogi.post("/resultaattypen", json=resultaattype_body(zaaktype["url"], procestermijn="P" + "1" * 60 + "D")),
        "procestermijn",
        "max_length",
    )
    created = create_resultaattype(catalogi, zaaktype["url"])
    assert_invalid(catalogi.patch(created["url"], json={"omschrijving": None}), "omschrijving", "null")
    assert_invalid(catalogi.patch(created["url"], json={"toelichting": None}), "toelichting", "null")
    response = catalogi.request("POST", "/resultaattypen", content=b"{nope", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert catalogi.get("/resultaattypen/5a2c1e4f-5cf9-4c6a-9b0a-000000000000").status_code == 404
    assert catalogi.get("/resultaattypen/geen-uuid").status_code == 404


# ---------------------------------------------------------------- offline (demo) mode


@pytest.fixture
def offline(catalogi, catalogi_app, kernel):
    """A second app on the same database with CATALOGI_SELECTIELIJST_VALIDATION=false and an
    unreachable Referentielijsten API."""

    def unreachable(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no network", request=request)

    settings = CatalogiSettings(
        database_url=catalogi_app.state.settings.database_url,
        referentielijsten_api_url=referentielijsten.BASE,
        selectielijst_validation=False,
    )
    app = create_app(settings, kernel, referentielijsten_transport=httpx.MockTransport(unreachable))
    with TestClient(app) as client:
        yield ApiClient(client, API_ROOT)
    app.state.db.dispose()


def test_offline_mode_stores_values_as_given(offline):
    zaaktype = offline.post("/zaaktypen", json=zaaktype_body(create_catalogus(offline)["url"]))
    assert zaaktype.status_code == 201, zaaktype.text
    body = resultaattype_body(
        zaaktype.json()["url"],
        selectielijstklasse="https://selectielijst.example.org/resultaten/1",
        resultaattypeomschrijving="https://selectielijst.example.org/resultaattypeomschrijvingen/1",
        brondatumArchiefprocedure=brondatum("termijn", procestermijn="P5Y"),
    )
    del body["archiefnominatie"], body["archiefactietermijn"]
    response = offline.post("/resultaattypen", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["selectielijstklasse"] == "https://selectielijst.example.org/resultaten/1"
    assert created["omschrijvingGeneriek"] == ""
    assert (created["archiefnominatie"], created["archiefactietermijn"]) == ("", None)
    # the brondatum table does not need the selectielijst
    body["brondatumArchiefprocedure"] = brondatum("termijn")
    assert_invalid(offline.post("/resultaattypen", json=body), "brondatumArchiefprocedure.procestermijn", "required")
