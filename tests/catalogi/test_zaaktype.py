from tests.catalogi.factories import (
    besluittype_url,
    create_catalogus,
    create_informatieobjecttype,
    create_zaaktype,
    create_ziot,
    publish,
    zaaktype_body,
)
from tests.conftest import assert_invalid, requires_shared


def test_create_retrieve_and_defaults(catalogi):
    zaaktype = create_zaaktype(catalogi)
    assert zaaktype["concept"] is True
    for name in (
        "statustypen",
        "roltypen",
        "resultaattypen",
        "eigenschappen",
        "zaakobjecttypen",
        "informatieobjecttypen",
        "besluittypen",
        "deelzaaktypen",
        "gerelateerdeZaaktypen",
    ):
        assert zaaktype[name] == []
    response = catalogi.get(zaaktype["url"])
    assert response.status_code == 200
    assert response.json() == zaaktype


def test_filters(catalogi):
    catalogus = create_catalogus(catalogi)
    create_zaaktype(catalogi, catalogus["url"], identificatie="A", trefwoorden=["x", "y_z"])
    create_zaaktype(catalogi, catalogus["url"], identificatie="B", trefwoorden=["x"], beginGeldigheid="2025-01-01")
    other = create_catalogus(catalogi, domein="ANDER")
    create_zaaktype(catalogi, other["url"], identificatie="C")
    q = "/zaaktypen?status=alles"
    assert catalogi.get(f"{q}&catalogus={catalogus['url']}").json()["count"] == 2
    assert catalogi.get(f"{q}&identificatie=A").json()["count"] == 1
    assert catalogi.get(f"{q}&trefwoorden=x").json()["count"] == 2
    assert catalogi.get(f"{q}&trefwoorden=x,y_z").json()["count"] == 1
    assert catalogi.get(f"{q}&trefwoorden=y%25").json()["count"] == 0
    assert catalogi.get(f"{q}&datumGeldigheid=2024-06-01").json()["count"] == 2
    assert_invalid(catalogi.get(f"{q}&datumGeldigheid=gisteren"), "datumGeldigheid", "invalid")


def test_required_fields_and_formats(catalogi):
    catalogus = create_catalogus(catalogi)
    body = zaaktype_body(catalogus["url"], doorlooptijd="8 weken", vertrouwelijkheidaanduiding="heel_geheim")
    del body["identificatie"]
    response = catalogi.post("/zaaktypen", json=body)
    assert_invalid(response, "identificatie", "required")
    assert_invalid(response, "doorlooptijd", "invalid")
    assert_invalid(response, "vertrouwelijkheidaanduiding", "invalid_choice")
    assert_invalid(catalogi.post("/zaaktypen", json=zaaktype_body(catalogus["url"], doel=None)), "doel", "null")
    assert_invalid(
        catalogi.post("/zaaktypen", json=zaaktype_body(catalogus["url"], referentieproces={"link": ""})),
        "referentieproces.naam",
        "required",
    )


def test_catalogus_must_exist(catalogi):
    response = catalogi.post(
        "/zaaktypen", json=zaaktype_body("http://testserver/catalogi/api/v1/catalogussen/5a2c1e4f-5cf9-4c6a-9b0a-000000000000")
    )
    assert_invalid(response, "catalogus", "does_not_exist")
    assert_invalid(catalogi.post("/zaaktypen", json=zaaktype_body("http://elders.example.org/iets")), "catalogus", "no_match")


def test_verlenging_mismatch(catalogi):
    catalogus = create_catalogus(catalogi)
    response = catalogi.post("/zaaktypen", json=zaaktype_body(catalogus["url"], verlengingMogelijk=True, verlengingstermijn=None))
    assert_invalid(response, "nonFieldErrors", "verlenging-mismatch")


@requires_shared("referentielijsten")
def test_ztc_001_selectielijst_procestype(catalogi):
    catalogus = create_catalogus(catalogi)
    bad = "http://referentielijsten.test/api/v1/procestypen/00000000-0000-0000-0000-000000000000"
    assert_invalid(
        catalogi.post("/zaaktypen", json=zaaktype_body(catalogus["url"], selectielijstProcestype=bad)), "selectielijstProcestype", "bad-url"
    )
    omschrijving = "http://referentielijsten.test/api/v1/resultaattypeomschrijvingen/fb65d251-1518-4185-865f-b8bdcfad07b1"
    assert_invalid(
        catalogi.post("/zaaktypen", json=zaaktype_body(catalogus["url"], selectielijstProcestype=omschrijving)),
        "selectielijstProcestype",
        "invalid-resource",
    )
    # a URL that answers 200 with an empty HTML body is no resource either (the suite's ztc-001b)
    empty = "http://referentielijsten.test/api/v1/200"
    assert_invalid(
        catalogi.post("/zaaktypen", json=zaaktype_body(catalogus["url"], selectielijstProcestype=empty)),
        "selectielijstProcestype",
        "invalid-resource",
    )


def test_ztc_009_published_zaaktype_is_frozen(catalogi):
    zaaktype = publish(catalogi, create_zaaktype(catalogi)["url"])
    schrijver = catalogi.as_client("schrijver")
    response = schrijver.patch(zaaktype["url"], json={"omschrijving": "Anders"})
    assert_invalid(response, "nonFieldErrors", "non-concept-object")
    body = zaaktype_body(zaaktype["catalogus"])
    assert_invalid(schrijver.put(zaaktype["url"], json=body), "nonFieldErrors", "non-concept-object")
    assert_invalid(schrijver.delete(zaaktype["url"]), "nonFieldErrors", "non-concept-object")
    # eindeGeldigheid alone may change, and a correction with geforceerd-schrijven is allowed
    assert schrijver.patch(zaaktype["url"], json={"eindeGeldigheid": "2024-12-31"}).status_code == 200
    assert catalogi.patch(zaaktype["url"], json={"omschrijving": "Correctie"}).json()["omschrijving"] == "Correctie"


def test_concept_can_be_changed_and_deleted(catalogi):
    zaaktype = create_zaaktype(catalogi)
    schrijver = catalogi.as_client("schrijver")
    assert schrijver.patch(zaaktype["url"], json={"omschrijving": "Nieuw"}).json()["omschrijving"] == "Nieuw"
    assert schrijver.delete(zaaktype["url"]).status_code == 204
    assert catalogi.get(zaaktype["url"]).status_code == 404


def test_versions_do_not_overlap(catalogi):
    catalogus = create_catalogus(catalogi)
    v1 = publish(catalogi, create_zaaktype(catalogi, catalogus["url"], beginGeldigheid="2024-01-01")["url"])
    v2 = create_zaaktype(catalogi, catalogus["url"], beginGeldigheid="2025-01-01", versiedatum="2025-01-01")
    assert_invalid(catalogi.as_client("schrijver").post(f"{v2['url']}/publish", json={}), "beginGeldigheid", "overlap")
    catalogi.as_client("schrijver").patch(v1["url"], json={"eindeGeldigheid": "2024-12-31"})
    publish(catalogi, v2["url"])
    assert catalogi.get("/zaaktypen?datumGeldigheid=2024-06-01").json()["results"][0]["url"] == v1["url"]
    assert catalogi.get("/zaaktypen?datumGeldigheid=2025-06-01").json()["results"][0]["url"] == v2["url"]
    # the old version's end may not be moved into the new one
    assert_invalid(catalogi.as_client("schrijver").patch(v1["url"], json={"eindeGeldigheid": "2025-02-01"}), "eindeGeldigheid", "overlap")


def test_deelzaaktypen_and_gerelateerde_by_identificatie(catalogi):
    catalogus = create_catalogus(catalogi)
    deel = create_zaaktype(catalogi, catalogus["url"], identificatie="DEEL")
    zaaktype = create_zaaktype(
        catalogi,
        catalogus["url"],
        identificatie="HOOFD",
        deelzaaktypen=["DEEL"],
        gerelateerdeZaaktypen=[{"zaaktype": deel["url"], "aardRelatie": "vervolg", "toelichting": "daarna"}],
    )
    assert zaaktype["deelzaaktypen"] == [deel["url"]]
    assert zaaktype["gerelateerdeZaaktypen"] == [{"zaaktype": deel["url"], "aardRelatie": "vervolg", "toelichting": "daarna"}]
    assert_invalid(
        catalogi.post("/zaaktypen", json=zaaktype_body(catalogus["url"], identificatie="X", deelzaaktypen=["ONBEKEND"])),
        "deelzaaktypen",
        "does_not_exist",
    )


def test_ztc_012_publish_needs_published_deelzaaktypen(catalogi):
    catalogus = create_catalogus(catalogi)
    create_zaaktype(catalogi, catalogus["url"], identificatie="DEEL")
    hoofd = create_zaaktype(catalogi, catalogus["url"], identificatie="HOOFD", deelzaaktypen=["DEEL"])
    assert_invalid(catalogi.post(f"{hoofd['url']}/publish", json={}), "nonFieldErrors", "concept-relation")


def test_ztc_012_a_relation_to_a_deleted_type_does_not_hold_publishing_back(catalogi):
    """Every version of a related informatieobjecttype deleted: nothing is left to publish (in the
    RI the relation goes with it); a concept version left still holds it back."""
    catalogus = create_catalogus(catalogi)
    zaaktype = create_zaaktype(catalogi, catalogus["url"])
    weg = create_informatieobjecttype(catalogi, catalogus["url"], omschrijving="Weg")
    create_ziot(catalogi, zaaktype["url"], "Weg")
    create_informatieobjecttype(catalogi, catalogus["url"], omschrijving="Concept")
    create_ziot(catalogi, zaaktype["url"], "Concept", volgnummer=2)
    assert catalogi.delete(weg["url"]).status_code == 204
    assert_invalid(catalogi.post(f"{zaaktype['url']}/publish", json={}), "nonFieldErrors", "concept-relation")
    concept = catalogi.get("/informatieobjecttypen?status=concept&omschrijving=Concept").json()["results"][0]
    assert catalogi.delete(concept["url"]).status_code == 204
    assert publish(catalogi, zaaktype["url"])["concept"] is False


def test_delete_concept_related_to_a_published_besluittype(catalogi):
    """RI M2MConceptDestroyMixin on zaaktypen (besluittypen): non-concept-relation, unless
    geforceerd-verwijderen. Relating to it and changing the concept stay allowed: Catalogi 1.3
    dropped ztc-011 (the historiemodel), as its RI does."""
    catalogus = create_catalogus(catalogi)
    schrijver = catalogi.as_client("schrijver")
    besluittype_url(catalogi, catalogus["url"], "Vergunning", published=True)
    zaaktype = create_zaaktype(schrijver, catalogus["url"], besluittypen=["Vergunning"])
    assert schrijver.patch(zaaktype["url"], json={"omschrijving": "Nieuwe versie"}).status_code == 200
    assert_invalid(schrijver.delete(zaaktype["url"]), "nonFieldErrors", "non-concept-relation")
    assert catalogi.delete(zaaktype["url"]).status_code == 204
    # a concept besluittype does not hold the delete back
    besluittype_url(catalogi, catalogus["url"], "Concept")
    assert schrijver.delete(create_zaaktype(schrijver, catalogus["url"], besluittypen=["Concept"])["url"]).status_code == 204


def test_ztc_013_no_relations_across_catalogi(catalogi):
    catalogus = create_catalogus(catalogi)
    other = create_catalogus(catalogi, domein="ANDER")
    elders = create_zaaktype(catalogi, other["url"], identificatie="ELDERS")
    response = catalogi.post("/zaaktypen", json=zaaktype_body(catalogus["url"], deelzaaktypen=[elders["url"]]))
    assert_invalid(response, "deelzaaktypen", "relations-incorrect-catalogus")
    response = catalogi.post("/zaaktypen", json=zaaktype_body(catalogus["url"], deelzaaktypen=["ELDERS"]))
    assert_invalid(response, "deelzaaktypen", "relations-incorrect-catalogus")


def test_failed_write_leaves_no_message(catalogi, outbox_rows):
    catalogus = create_catalogus(catalogi)
    catalogi.post("/zaaktypen", json=zaaktype_body(catalogus["url"], deelzaaktypen=["ONBEKEND"]))
    assert outbox_rows() == []
    assert catalogi.get("/zaaktypen?status=alles").json()["count"] == 0


def test_scopes(catalogi):
    zaaktype = publish(catalogi, create_zaaktype(catalogi)["url"])
    assert catalogi.as_client("lezer").get(zaaktype["url"]).status_code == 200
    assert catalogi.as_client("zaken-lezer").get("/zaaktypen").status_code == 200  # ztc-014
    assert catalogi.as_client("niemand").get("/zaaktypen").json()["code"] == "permission_denied"
    assert catalogi.as_client("lezer").post("/zaaktypen", json=zaaktype_body(zaaktype["catalogus"])).status_code == 403
    anonymous = catalogi.client.get(zaaktype["url"])
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "not_authenticated"


def test_ztc_014_readers_of_zaken_and_documenten_may_read(catalogi):
    """ztc-014: `zaken.lezen` and `documenten.lezen` also read the catalogus; they write nothing."""
    zaaktype = publish(catalogi, create_zaaktype(catalogi)["url"])
    for reader in ("zaken-lezer", "documenten-lezer"):
        client = catalogi.as_client(reader)
        assert client.get(zaaktype["url"]).status_code == 200
        assert client.get("/informatieobjecttypen").status_code == 200
        denied = client.patch(zaaktype["url"], json={"toelichting": "x"})
        assert denied.status_code == 403 and denied.json()["code"] == "permission_denied"


def test_a_number_for_a_string_is_taken_as_its_text(catalogi):
    """As the reference implementation's serializers: VNG's suite creates zaaktypen with
    `"identificatie": 20` (zrc-006); a boolean stays invalid."""
    catalogus = create_catalogus(catalogi)
    response = catalogi.post("/zaaktypen", json=zaaktype_body(catalogus["url"], identificatie=20))
    assert response.status_code == 201, response.text
    assert response.json()["identificatie"] == "20"
    assert_invalid(catalogi.post("/zaaktypen", json=zaaktype_body(catalogus["url"], identificatie=True)), "identificatie", "invalid")
