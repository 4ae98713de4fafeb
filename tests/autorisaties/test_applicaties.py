"""The Autorisaties API 1.0: operations, the rules with their exact codes (as the reference
implementation), scopes and notifications."""

import pytest

from tests.autorisaties.helpers import (
    BESLUITTYPE,
    CATALOGUS,
    IOTYPE,
    ZAAKTYPE,
    applicatie_body,
    create_applicatie,
    zrc,
)
from tests.conftest import assert_invalid

# ---------------------------------------------------------------- create and read


def test_create_with_all_rights(autorisaties):
    response = autorisaties.post("/applicaties", json=applicatie_body(client_ids=["id1", "id2"], heeftAlleAutorisaties=True))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["url"].startswith("http://testserver/autorisaties/api/v1/applicaties/")
    assert response.headers["Location"] == body["url"]
    assert response.headers["API-version"] == "1.0.0"
    assert body == {
        "url": body["url"],
        "clientIds": ["id1", "id2"],
        "label": "Een applicatie",
        "heeftAlleAutorisaties": True,
        "autorisaties": [],
    }


def test_create_with_autorisaties_shows_the_fields_of_each_component(autorisaties):
    created = create_applicatie(
        autorisaties,
        autorisaties=[
            zrc(scopes=["zaken.lezen", "zaken.aanmaken"], maximum="beperkt_openbaar"),
            {
                "component": "drc",
                "scopes": ["documenten.lezen"],
                "informatieobjecttype": IOTYPE,
                "maxVertrouwelijkheidaanduiding": "geheim",
            },
            {"component": "brc", "scopes": ["besluiten.lezen"], "besluittype": BESLUITTYPE},
            # a field its component does not carry is dropped, as the RI's polymorphic serializer does
            {"component": "ztc", "scopes": ["catalogi.lezen"], "zaaktype": ZAAKTYPE},
        ],
    )
    assert created["heeftAlleAutorisaties"] is False
    assert created["autorisaties"] == [
        {
            "component": "zrc",
            "componentWeergave": "Zaakregistratiecomponent",
            "scopes": ["zaken.lezen", "zaken.aanmaken"],
            "zaaktype": ZAAKTYPE,
            "maxVertrouwelijkheidaanduiding": "beperkt_openbaar",
        },
        {
            "component": "drc",
            "componentWeergave": "Documentregistratiecomponent",
            "scopes": ["documenten.lezen"],
            "informatieobjecttype": IOTYPE,
            "maxVertrouwelijkheidaanduiding": "geheim",
        },
        {"component": "brc", "componentWeergave": "Besluitregistratiecomponent", "scopes": ["besluiten.lezen"], "besluittype": BESLUITTYPE},
        {"component": "ztc", "componentWeergave": "Zaaktypecatalogus", "scopes": ["catalogi.lezen"]},
    ]
    read = autorisaties.get(created["url"])
    assert read.status_code == 200 and read.json() == created
    assert read.headers["ETag"]


def test_read_unknown_is_404(autorisaties):
    assert autorisaties.get("/applicaties/6a2c1e4f-5cf9-4c6a-9b0a-000000000000").status_code == 404
    assert autorisaties.get("/applicaties/geen-uuid").status_code == 404


# ---------------------------------------------------------------- rules


def test_client_id_belongs_to_one_applicatie(autorisaties):
    create_applicatie(autorisaties, client_ids=["client1", "client2"])
    response = autorisaties.post(
        "/applicaties",
        json=applicatie_body(client_ids=["client2"], autorisaties=[{"component": "ac", "scopes": ["autorisaties.lezen"]}]),
    )
    assert_invalid(response, "clientIds", "clientId-exists")


def test_client_id_taken_on_update(autorisaties):
    create_applicatie(autorisaties, client_ids=["client1"])
    other = create_applicatie(autorisaties, client_ids=["client2"])
    assert_invalid(autorisaties.patch(other["url"], json={"clientIds": ["client2", "client1"]}), "clientIds", "clientId-exists")
    # its own client_ids are no conflict; a swap of order or a new one is fine
    response = autorisaties.patch(other["url"], json={"clientIds": ["client3", "client2"]})
    assert response.status_code == 200, response.text
    assert response.json()["clientIds"] == ["client3", "client2"]


def test_duplicate_client_ids_in_one_request_are_one(autorisaties):
    created = create_applicatie(autorisaties, client_ids=["a", "a", "b"])
    assert created["clientIds"] == ["a", "b"]


def test_all_rights_and_autorisaties_is_ambiguous(autorisaties):
    response = autorisaties.post("/applicaties", json=applicatie_body(heeftAlleAutorisaties=True, autorisaties=[zrc()]))
    assert_invalid(response, "nonFieldErrors", "ambiguous-authorizations-specified")


@pytest.mark.parametrize(
    "fields", [{"autorisaties": []}, {"heeftAlleAutorisaties": False}, {"heeftAlleAutorisaties": False, "autorisaties": []}]
)
def test_neither_is_missing(autorisaties, fields):
    body = {"clientIds": ["id1"], "label": "Zonder rechten", **fields}
    assert_invalid(autorisaties.post("/applicaties", json=body), "nonFieldErrors", "missing-authorizations")


def test_null_autorisaties_and_null_all_rights(autorisaties):
    assert_invalid(
        autorisaties.post("/applicaties", json=applicatie_body(heeftAlleAutorisaties=True, autorisaties=None)), "autorisaties", "null"
    )
    assert_invalid(
        autorisaties.post("/applicaties", json=applicatie_body(heeftAlleAutorisaties=None, autorisaties=[zrc()])),
        "heeftAlleAutorisaties",
        "null",
    )


def test_required_fields(autorisaties):
    body = {"autorisaties": []}
    response = autorisaties.post("/applicaties", json=body)
    assert_invalid(response, "clientIds", "required")
    assert_invalid(response, "label", "required")


def test_zrc_needs_zaaktype_and_maximum(autorisaties):
    response = autorisaties.post(
        "/applicaties",
        json=applicatie_body(
            autorisaties=[{"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": "", "maxVertrouwelijkheidaanduiding": ""}]
        ),
    )
    assert_invalid(response, "autorisaties.0.zaaktype", "required")
    assert_invalid(response, "autorisaties.0.maxVertrouwelijkheidaanduiding", "required")
    # absent is blank too
    response = autorisaties.post("/applicaties", json=applicatie_body(autorisaties=[{"component": "zrc", "scopes": ["zaken.lezen"]}]))
    assert_invalid(response, "autorisaties.0.zaaktype", "required")


def test_drc_needs_informatieobjecttype_and_maximum(autorisaties):
    response = autorisaties.post(
        "/applicaties",
        json=applicatie_body(
            autorisaties=[
                {"component": "drc", "scopes": ["documenten.lezen"], "informatieobjecttype": "", "maxVertrouwelijkheidaanduiding": ""}
            ]
        ),
    )
    assert_invalid(response, "autorisaties.0.informatieobjecttype", "required")
    assert_invalid(response, "autorisaties.0.maxVertrouwelijkheidaanduiding", "required")


def test_brc_needs_besluittype(autorisaties):
    response = autorisaties.post(
        "/applicaties", json=applicatie_body(autorisaties=[{"component": "brc", "scopes": ["besluiten.lezen"], "besluittype": ""}])
    )
    assert_invalid(response, "autorisaties.0.besluittype", "required")


def test_every_autorisatie_is_checked(autorisaties):
    response = autorisaties.post(
        "/applicaties",
        json=applicatie_body(
            autorisaties=[
                {"component": "brc", "scopes": ["besluiten.lezen"], "besluittype": ""},
                {"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": ZAAKTYPE, "maxVertrouwelijkheidaanduiding": ""},
            ]
        ),
    )
    assert_invalid(response, "autorisaties.0.besluittype", "required")
    assert_invalid(response, "autorisaties.1.maxVertrouwelijkheidaanduiding", "required")


def test_field_errors_come_before_the_object_rule(autorisaties):
    create_applicatie(autorisaties, client_ids=["taken"])
    response = autorisaties.post(
        "/applicaties",
        json=applicatie_body(
            client_ids=["taken"], heeftAlleAutorisaties=True, autorisaties=[{"component": "zrc", "scopes": ["zaken.lezen"]}]
        ),
    )
    pairs = {(p["name"], p["code"]) for p in response.json()["invalidParams"]}
    assert pairs == {
        ("clientIds", "clientId-exists"),
        ("autorisaties.0.zaaktype", "required"),
        ("autorisaties.0.maxVertrouwelijkheidaanduiding", "required"),
    }


def test_type_only_required_for_main_scopes(autorisaties):
    """As the RI: a zrc autorisatie without a `zaken.` scope (e.g. audittrails) needs no zaaktype."""
    created = create_applicatie(autorisaties, autorisaties=[{"component": "zrc", "scopes": ["audittrails.lezen"]}])
    assert created["autorisaties"][0]["zaaktype"] == ""


@pytest.mark.parametrize(
    ("autorisatie", "name", "code"),
    [
        ({"component": "xyz", "scopes": []}, "autorisaties.0.component", "invalid_choice"),
        (
            {"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": "geen url", "maxVertrouwelijkheidaanduiding": "openbaar"},
            "autorisaties.0.zaaktype",
            "invalid",
        ),
        (zrc(maximum="supergeheim"), "autorisaties.0.maxVertrouwelijkheidaanduiding", "invalid_choice"),
        ({"component": "ztc"}, "autorisaties.0.scopes", "required"),
        ({"component": "ztc", "scopes": [""]}, "autorisaties.0.scopes.0", "blank"),
    ],
)
def test_field_formats(autorisaties, autorisatie, name, code):
    assert_invalid(autorisaties.post("/applicaties", json=applicatie_body(autorisaties=[autorisatie])), name, code)


def test_label_and_client_id_lengths(autorisaties):
    response = autorisaties.post("/applicaties", json=applicatie_body(client_ids=["x" * 51], label="y" * 101))
    assert_invalid(response, "clientIds.0", "max_length")
    assert_invalid(response, "label", "max_length")


# ---------------------------------------------------------------- the catalogus extension


def test_catalogus_instead_of_zaaktype(autorisaties):
    created = create_applicatie(
        autorisaties,
        autorisaties=[
            {"component": "zrc", "scopes": ["zaken.lezen"], "catalogus": CATALOGUS, "maxVertrouwelijkheidaanduiding": "intern"},
            {"component": "brc", "scopes": ["besluiten.lezen"], "catalogus": CATALOGUS},
            {"component": "ztc", "scopes": ["catalogi.lezen"], "catalogus": CATALOGUS},  # not for ztc: dropped
        ],
    )
    zrc_autorisatie, brc_autorisatie, ztc_autorisatie = created["autorisaties"]
    assert zrc_autorisatie["catalogus"] == CATALOGUS and zrc_autorisatie["zaaktype"] == ""
    assert brc_autorisatie["catalogus"] == CATALOGUS and brc_autorisatie["besluittype"] == ""
    assert "catalogus" not in ztc_autorisatie


def test_catalogus_still_needs_the_maximum(autorisaties):
    response = autorisaties.post(
        "/applicaties", json=applicatie_body(autorisaties=[{"component": "zrc", "scopes": ["zaken.lezen"], "catalogus": CATALOGUS}])
    )
    assert_invalid(response, "autorisaties.0.maxVertrouwelijkheidaanduiding", "required")
    names = [p["name"] for p in response.json()["invalidParams"]]
    assert "autorisaties.0.zaaktype" not in names


def test_catalogus_and_zaaktype_together_is_ambiguous(autorisaties):
    response = autorisaties.post("/applicaties", json=applicatie_body(autorisaties=[zrc(catalogus=CATALOGUS)]))
    assert_invalid(response, "autorisaties.0.catalogus", "ambiguous-type-specified")


def test_catalogus_must_be_a_url(autorisaties):
    response = autorisaties.post("/applicaties", json=applicatie_body(autorisaties=[zrc(zaaktype="", catalogus="catalogus")]))
    assert_invalid(response, "autorisaties.0.catalogus", "invalid")


# ---------------------------------------------------------------- list and consumer


def test_list_and_filter_on_client_ids(autorisaties):
    first = create_applicatie(autorisaties, client_ids=["id1", "id2"])
    second = create_applicatie(autorisaties, client_ids=["id3"], heeftAlleAutorisaties=True)
    listed = autorisaties.get("/applicaties").json()
    assert listed["count"] == 2 and [a["url"] for a in listed["results"]] == [second["url"], first["url"]]
    assert listed["next"] is None and listed["previous"] is None
    assert autorisaties.get("/applicaties?clientIds=id2").json()["results"] == [first]
    assert autorisaties.get("/applicaties?clientIds=id1,id2").json()["count"] == 1
    assert autorisaties.get("/applicaties?clientIds=id1,id3").json()["count"] == 0  # all of them, as the RI
    assert autorisaties.get("/applicaties?clientIds=id9").json()["count"] == 0


def test_list_pages(autorisaties):
    assert autorisaties.get("/applicaties?page=2").status_code == 404


def test_consumer(autorisaties):
    created = create_applicatie(autorisaties, client_ids=["client id", "andere"])
    response = autorisaties.get("/applicaties/consumer", params={"clientId": "client id"})
    assert response.status_code == 200, response.text
    assert response.json() == created
    missing = autorisaties.get("/applicaties/consumer", params={"clientId": "onbekend"})
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    assert_invalid(autorisaties.get("/applicaties/consumer"), "clientId", "required")


# ---------------------------------------------------------------- update and delete


def test_put_replaces_everything(autorisaties):
    created = create_applicatie(autorisaties, client_ids=["id1", "id2"])
    response = autorisaties.put(created["url"], json={"clientIds": ["id2"], "label": "Nieuw", "heeftAlleAutorisaties": True})
    assert response.status_code == 200, response.text
    assert response.json() == {
        "url": created["url"],
        "clientIds": ["id2"],
        "label": "Nieuw",
        "heeftAlleAutorisaties": True,
        "autorisaties": [],
    }
    # PUT takes the create's required fields
    assert_invalid(autorisaties.put(created["url"], json={"heeftAlleAutorisaties": True}), "label", "required")


def test_patch_replaces_the_autorisaties_sent(autorisaties):
    created = create_applicatie(autorisaties, client_ids=["id1"])
    new = [zrc(maximum="zeer_geheim"), zrc(scopes=["zaken.lezen", "zaken.verwijderen"], zaaktype=ZAAKTYPE + "x")]
    response = autorisaties.patch(created["url"], json={"autorisaties": new})
    assert response.status_code == 200, response.text
    assert [(a["zaaktype"], a["maxVertrouwelijkheidaanduiding"]) for a in response.json()["autorisaties"]] == [
        (ZAAKTYPE, "zeer_geheim"),
        (ZAAKTYPE + "x", "openbaar"),
    ]
    # what is not sent stays
    response = autorisaties.patch(created["url"], json={"label": "Ander label"})
    assert response.json()["clientIds"] == ["id1"] and len(response.json()["autorisaties"]) == 2


def test_patch_all_rights_on_an_applicatie_with_autorisaties(autorisaties):
    created = create_applicatie(autorisaties)
    response = autorisaties.patch(created["url"], json={"heeftAlleAutorisaties": True})
    assert_invalid(response, "nonFieldErrors", "ambiguous-authorizations-specified")
    response = autorisaties.patch(created["url"], json={"heeftAlleAutorisaties": True, "autorisaties": []})
    assert response.status_code == 200, response.text
    assert response.json()["heeftAlleAutorisaties"] is True and response.json()["autorisaties"] == []
    assert_invalid(autorisaties.patch(created["url"], json={"heeftAlleAutorisaties": False}), "nonFieldErrors", "missing-authorizations")


def test_patch_null_is_refused(autorisaties):
    created = create_applicatie(autorisaties)
    assert_invalid(autorisaties.patch(created["url"], json={"clientIds": None}), "clientIds", "null")


def test_delete(autorisaties):
    created = create_applicatie(autorisaties, client_ids=["weg"])
    response = autorisaties.delete(created["url"])
    assert response.status_code == 204
    assert autorisaties.get(created["url"]).status_code == 404
    assert autorisaties.delete(created["url"]).status_code == 404
    # its client_id is free again
    create_applicatie(autorisaties, client_ids=["weg"])


# ---------------------------------------------------------------- scopes


def test_scopes(autorisaties):
    create_applicatie(autorisaties, client_ids=["ac-lezer"], autorisaties=[{"component": "ac", "scopes": ["autorisaties.lezen"]}])
    beheerder = create_applicatie(
        autorisaties, client_ids=["ac-beheerder"], autorisaties=[{"component": "ac", "scopes": ["autorisaties.bijwerken"]}]
    )
    lezer = autorisaties.as_client("ac-lezer")
    assert lezer.get("/applicaties").status_code == 200
    assert lezer.get(beheerder["url"]).status_code == 200
    assert lezer.get("/applicaties/consumer", params={"clientId": "ac-lezer"}).status_code == 200
    for response in (
        lezer.post("/applicaties", json=applicatie_body(client_ids=["x"])),
        lezer.patch(beheerder["url"], json={"label": "x"}),
        lezer.put(beheerder["url"], json=applicatie_body(client_ids=["ac-beheerder"])),
        lezer.delete(beheerder["url"]),
    ):
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"

    schrijver = autorisaties.as_client("ac-beheerder")
    assert schrijver.post("/applicaties", json=applicatie_body(client_ids=["x"])).status_code == 201
    assert schrijver.get("/applicaties").status_code == 403
    assert schrijver.get("/applicaties/consumer", params={"clientId": "x"}).status_code == 403

    # scopes of another component, and a client with a secret but no applicatie here
    for client_id in ("lezer", "zonder-applicatie"):
        assert autorisaties.as_client(client_id).get("/applicaties").status_code == 403
    anonymous = autorisaties.client.get("/autorisaties/api/v1/applicaties")
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "not_authenticated"


def test_rights_change_at_once(autorisaties):
    """The Autorisaties API reads its own clients' rights from its database: no stale cache."""
    created = create_applicatie(autorisaties, client_ids=["ac-lezer"], autorisaties=[{"component": "ac", "scopes": ["autorisaties.lezen"]}])
    lezer = autorisaties.as_client("ac-lezer")
    assert lezer.get("/applicaties").status_code == 200
    autorisaties.patch(created["url"], json={"autorisaties": [{"component": "ac", "scopes": ["autorisaties.bijwerken"]}]})
    assert lezer.get("/applicaties").status_code == 403


# ---------------------------------------------------------------- notifications


def test_notifications(autorisaties, autorisaties_outbox):
    created = create_applicatie(autorisaties)
    autorisaties.put(created["url"], json=applicatie_body(label="Bijgewerkt"))
    autorisaties.patch(created["url"], json={"label": "Deels"})
    autorisaties.delete(created["url"])
    messages = autorisaties_outbox()
    assert [m["actie"] for m in messages] == ["create", "update", "partial_update", "destroy"]
    for message in messages:
        assert message["kanaal"] == "autorisaties"
        assert message["resource"] == "applicatie"
        assert message["resourceUrl"] == message["hoofdObject"] == created["url"]
        assert message["kenmerken"] == {}
        assert message["aanmaakdatum"].endswith("Z")


def test_refused_writes_notify_nothing(autorisaties, autorisaties_outbox):
    created = create_applicatie(autorisaties, client_ids=["bezet"])
    autorisaties.post("/applicaties", json=applicatie_body(client_ids=["bezet"]))
    autorisaties.patch(created["url"], json={"heeftAlleAutorisaties": True})
    autorisaties.as_client("lezer").delete(created["url"])
    assert [m["actie"] for m in autorisaties_outbox()] == ["create"]


def test_serves_its_contract(autorisaties):
    import yaml

    response = autorisaties.client.get("/autorisaties/api/v1/openapi.yaml")
    assert response.status_code == 200
    spec = yaml.safe_load(response.text)
    assert spec["openapi"].startswith("3.0") and spec["info"]["version"] == "1.0.0"
    assert spec["servers"] == [{"url": "/autorisaties/api/v1"}]
    assert "/callbacks/autorisaties" not in spec["paths"]
