"""ZaakObjecten (Zaken API 1.5.1): polymorphic objectIdentificatie by objectType, the rules of a
zaakobject (invalid-zaakobject, objectTypeOverige, immutable fields, zaakobjecttype), zrc-007
closed zaak, filters, zrc-006 autorisaties."""

import pytest

from tests.conftest import assert_invalid
from tests.zaken.factories import create_zaak, published_zaaktype
from tests.zaken.rol_zaakobject_helpers import close_zaak

PAND_URL = "https://bag.example.org/api/panden/0363100012345678"
ADRES = {"identificatie": "0363200000000001", "wplWoonplaatsNaam": "Amsterdam", "gorOpenbareRuimteNaam": "Dam", "huisnummer": 1}
WOZ_OBJECT = {"wozObjectNummer": "W-1"}
NATUURLIJK_PERSOON = {"inpBsn": "111222333", "geslachtsnaam": "Jansen"}

# objectType -> a minimal valid objectIdentificatie (None: the type has none)
EXAMPLES = {
    "adres": ADRES,
    "besluit": None,
    "buurt": {"buurtCode": "01", "buurtNaam": "Centrum", "gemGemeenteCode": "0363", "wykWijkCode": "02"},
    "enkelvoudig_document": None,
    "gemeente": {"gemeenteNaam": "Amsterdam", "gemeenteCode": "0363"},
    "gemeentelijke_openbare_ruimte": {"identificatie": "OR-1", "openbareRuimteNaam": "Dam"},
    "huishouden": {"nummer": "H-1", "isGehuisvestIn": {"identificatie": "TGO-1"}},
    "inrichtingselement": {"type": "bord", "identificatie": "IE-1"},
    "kadastrale_onroerende_zaak": {"kadastraleIdentificatie": "K-1", "kadastraleAanduiding": "ASD01 A 1234"},
    "kunstwerkdeel": {"type": "sluis", "identificatie": "KW-1", "naam": "Oranjesluizen"},
    "maatschappelijke_activiteit": {"kvkNummer": "12345678", "handelsnaam": "ACME"},
    "medewerker": {"identificatie": "mdw-1"},
    "natuurlijk_persoon": NATUURLIJK_PERSOON,
    "niet_natuurlijk_persoon": {"innNnpId": "123456789"},
    "openbare_ruimte": {"identificatie": "OR-2", "wplWoonplaatsNaam": "Amsterdam", "gorOpenbareRuimteNaam": "Dam"},
    "organisatorische_eenheid": {"identificatie": "OE-1"},
    "pand": {"identificatie": "0363100012345678"},
    "spoorbaandeel": {"type": "normaalspoor", "identificatie": "SP-1"},
    "status": None,
    "terreindeel": {"type": "grasland", "identificatie": "TD-1"},
    "terrein_gebouwd_object": {
        "identificatie": "TGO-2",
        "adresAanduidingGrp": {
            "oaoIdentificatie": "A-1",
            "wplWoonplaatsNaam": "Amsterdam",
            "gorOpenbareRuimteNaam": "Dam",
            "aoaHuisnummer": 1,
        },
    },
    "vestiging": {"vestigingsNummer": "V-1", "handelsnaam": ["ACME"]},
    "waterdeel": {"typeWaterdeel": "waterloop", "identificatie": "WD-1"},
    "wegdeel": {"type": "rijbaan", "identificatie": "WG-1"},
    "wijk": {"wijkCode": "01", "wijkNaam": "Centrum", "gemGemeenteCode": "0363"},
    "woonplaats": {"identificatie": "3594", "woonplaatsNaam": "Amsterdam"},
    "woz_deelobject": {"nummerWozDeelObject": "D-1", "isOnderdeelVan": WOZ_OBJECT},
    "woz_object": {
        "wozObjectNummer": "W-2",
        "aanduidingWozObject": {
            "aoaIdentificatie": "A-2",
            "wplWoonplaatsNaam": "Amsterdam",
            "gorOpenbareRuimteNaam": "Dam",
            "aoaHuisnummer": 2,
        },
    },
    "woz_waarde": {"waardepeildatum": "1-1-2025", "isVoor": WOZ_OBJECT},
    "zakelijk_recht": {
        "identificatie": "ZR-1",
        "avgAard": "eigendom",
        "heeftBetrekkingOp": {"kadastraleIdentificatie": "K-2", "kadastraleAanduiding": "ASD01 A 1"},
        "heeftAlsGerechtigde": {"natuurlijkPersoon": NATUURLIJK_PERSOON},
    },
    "overige": {"overigeData": {"kenteken": "AB-123-C"}},
}


def zaakobject_body(zaak_url: str, object_type: str = "adres", **overrides) -> dict:
    body = {"zaak": zaak_url, "objectType": object_type, "objectIdentificatie": EXAMPLES.get(object_type), "relatieomschrijving": "Locatie"}
    if object_type == "overige":
        body["objectTypeOverige"] = "voertuig"
    body.update(overrides)
    return body


def create_zaakobject(zaken, zaak_url: str, object_type: str = "adres", **overrides) -> dict:
    response = zaken.post("/zaakobjecten", json=zaakobject_body(zaak_url, object_type, **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def setup(zaken, catalogi, identificatie: str = "ZT-ZO"):
    zaaktype = published_zaaktype(catalogi, identificatie=identificatie)
    return zaaktype, create_zaak(zaken, zaaktype.url)


# ---------------------------------------------------------------- create and read


def test_create_an_adres_zaakobject(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    response = zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], "adres", zaakobjecttype=zaaktype.zaakobjecttypen[0]))
    assert response.status_code == 201, response.text
    zaakobject = response.json()
    assert response.headers["Location"] == zaakobject["url"]
    assert zaakobject == {
        "url": zaakobject["url"],
        "uuid": zaakobject["uuid"],
        "zaak": zaak["url"],
        "object": "",
        "zaakobjecttype": zaaktype.zaakobjecttypen[0],
        "objectType": "adres",
        "objectTypeOverige": "",
        "objectTypeOverigeDefinitie": None,
        "relatieomschrijving": "Locatie",
        "objectIdentificatie": {**ADRES, "huisletter": "", "huisnummertoevoeging": "", "postcode": ""},
    }
    assert zaken.get(zaakobject["url"]).json() == zaakobject
    assert zaken.get(zaak["url"]).json()["zaakobjecten"] == [zaakobject["url"]]


def test_pand_with_object_url(zaken, catalogi):
    _zaaktype, zaak = setup(zaken, catalogi)
    zaakobject = create_zaakobject(zaken, zaak["url"], "pand", object=PAND_URL)
    assert zaakobject["object"] == PAND_URL
    assert zaakobject["objectIdentificatie"] == {"identificatie": "0363100012345678"}


def test_overige_zaakobject(zaken, catalogi):
    _zaaktype, zaak = setup(zaken, catalogi)
    zaakobject = create_zaakobject(zaken, zaak["url"], "overige")
    assert zaakobject["objectTypeOverige"] == "voertuig"
    assert zaakobject["objectIdentificatie"] == {"overigeData": {"kenteken": "AB-123-C"}}
    missing = zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], "overige", objectIdentificatie={"kenteken": "x"}))
    assert_invalid(missing, "objectIdentificatie.overigeData", "required")


def test_natuurlijk_persoon_zaakobject_reuses_the_rol_shape(zaken, catalogi):
    _zaaktype, zaak = setup(zaken, catalogi)
    zaakobject = create_zaakobject(zaken, zaak["url"], "natuurlijk_persoon")
    identificatie = zaakobject["objectIdentificatie"]
    assert identificatie["inpBsn"] == "111222333" and identificatie["geslachtsnaam"] == "Jansen"
    assert identificatie["verblijfsadres"] is None and identificatie["inpA_nummer"] == ""
    too_long = zaken.post(
        "/zaakobjecten", json=zaakobject_body(zaak["url"], "natuurlijk_persoon", objectIdentificatie={"inpBsn": "1234567890"})
    )
    assert_invalid(too_long, "objectIdentificatie.inpBsn", "max_length")


@pytest.mark.parametrize("object_type", sorted(EXAMPLES))
def test_every_object_type_has_its_shape(zaken, catalogi, object_type):
    """All 31 objectTypen: a valid objectIdentificatie is accepted as that shape; the types without
    a shape (besluit, enkelvoudig_document, status) take an object URL and show no objectIdentificatie."""
    _zaaktype, zaak = setup(zaken, catalogi)
    if EXAMPLES[object_type] is None:
        zaakobject = create_zaakobject(zaken, zaak["url"], object_type, object=f"https://example.org/{object_type}/1")
        assert "objectIdentificatie" not in zaakobject
    else:
        zaakobject = create_zaakobject(zaken, zaak["url"], object_type)
        assert contains(zaakobject["objectIdentificatie"], EXAMPLES[object_type])
        assert zaken.get("/zaakobjecten", params={"objectType": object_type}).json()["count"] == 1


def contains(actual, expected) -> bool:
    """`actual` holds everything of `expected` (and may add the shape's defaults)."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(key in actual and contains(actual[key], value) for key, value in expected.items())
    return actual == expected


def test_object_identificatie_is_validated_against_the_object_type(zaken, catalogi):
    _zaaktype, zaak = setup(zaken, catalogi)
    adres = zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], "adres", objectIdentificatie={"identificatie": "A"}))
    for name in ("wplWoonplaatsNaam", "gorOpenbareRuimteNaam", "huisnummer"):
        assert_invalid(adres, f"objectIdentificatie.{name}", "required")
    huisnummer = zaken.post(
        "/zaakobjecten", json=zaakobject_body(zaak["url"], "adres", objectIdentificatie={**ADRES, "huisnummer": 100000})
    )
    assert_invalid(huisnummer, "objectIdentificatie.huisnummer", "max_value")
    element = zaken.post(
        "/zaakobjecten",
        json=zaakobject_body(zaak["url"], "inrichtingselement", objectIdentificatie={"type": "bank", "identificatie": "IE"}),
    )
    assert_invalid(element, "objectIdentificatie.type", "invalid_choice")
    # an adres is no pand: the shape of the objectType counts
    pand = zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], "pand", objectIdentificatie=ADRES | {"identificatie": "x" * 101}))
    assert_invalid(pand, "objectIdentificatie.identificatie", "max_length")
    recht = zaken.post(
        "/zaakobjecten",
        json=zaakobject_body(
            zaak["url"], "zakelijk_recht",
            objectIdentificatie={**EXAMPLES["zakelijk_recht"], "heeftAlsGerechtigde": {"natuurlijkPersoon": {"inpBsn": "1234567890"}}},
        ),
    )  # fmt: skip
    assert_invalid(recht, "objectIdentificatie.heeftAlsGerechtigde.natuurlijkPersoon.inpBsn", "max_length")
    not_an_object = zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], "pand", objectIdentificatie=["pand"]))
    assert_invalid(not_an_object, "objectIdentificatie", "invalid")


def test_required_fields_and_enums(zaken, catalogi):
    _zaaktype, zaak = setup(zaken, catalogi)
    assert_invalid(zaken.post("/zaakobjecten", json={"zaak": zaak["url"]}), "objectType", "required")
    assert_invalid(zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], "product")), "objectType", "invalid_choice")
    assert_invalid(zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], object="geen url")), "object", "invalid")
    assert_invalid(
        zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], relatieomschrijving="x" * 81)), "relatieomschrijving", "max_length"
    )
    assert_invalid(
        zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], "overige", objectTypeOverige="VOERTUIG")),
        "objectTypeOverige",
        "invalid",
    )


# ---------------------------------------------------------------- rules


def test_invalid_zaakobject_without_object_or_identificatie(zaken, catalogi):
    """Neither object nor objectIdentificatie: nonFieldErrors invalid-zaakobject (also for the types
    that have no objectIdentificatie)."""
    _zaaktype, zaak = setup(zaken, catalogi)
    assert_invalid(
        zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], objectIdentificatie=None)), "nonFieldErrors", "invalid-zaakobject"
    )
    assert_invalid(
        zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], objectIdentificatie={})), "nonFieldErrors", "invalid-zaakobject"
    )
    besluit = zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], "besluit", objectIdentificatie={"identificatie": "B-1"}))
    assert_invalid(besluit, "nonFieldErrors", "invalid-zaakobject")


def test_missing_object_type_overige(zaken, catalogi):
    """objectType overige needs objectTypeOverige (or objectTypeOverigeDefinitie)."""
    _zaaktype, zaak = setup(zaken, catalogi)
    response = zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], "overige", objectTypeOverige=""))
    assert_invalid(response, "nonFieldErrors", "missing-object-type-overige")
    definitie = {"url": "https://objecttypen.example.org/api/v2/objecttypes/1", "schema": ".jsonSchema", "objectData": ".record.data"}
    with_definitie = zaken.post(
        "/zaakobjecten",
        json=zaakobject_body(
            zaak["url"],
            "overige",
            objectTypeOverige="",
            objectTypeOverigeDefinitie=definitie,
            object="https://objecten.example.org/api/v2/objects/1",
        ),
    )
    assert with_definitie.status_code == 201, with_definitie.text
    # the object URL is the object: the objectIdentificatie is not kept
    assert with_definitie.json()["objectTypeOverigeDefinitie"] == definitie
    assert with_definitie.json()["objectIdentificatie"] is None


def test_object_type_overige_definitie_needs_an_object_url(zaken, catalogi):
    _zaaktype, zaak = setup(zaken, catalogi)
    definitie = {"url": "https://objecttypen.example.org/api/v2/objecttypes/1", "schema": ".jsonSchema", "objectData": ".record.data"}
    response = zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], "overige", objectTypeOverigeDefinitie=definitie))
    assert_invalid(response, "objectUrl", "required")
    incomplete = zaken.post(
        "/zaakobjecten", json=zaakobject_body(zaak["url"], "overige", objectTypeOverigeDefinitie={"url": definitie["url"]})
    )
    assert_invalid(incomplete, "objectTypeOverigeDefinitie.schema", "required")
    assert_invalid(incomplete, "objectTypeOverigeDefinitie.objectData", "required")


def test_invalid_object_type_overige_usage(zaken, catalogi):
    """objectTypeOverige only with objectType overige."""
    _zaaktype, zaak = setup(zaken, catalogi)
    response = zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], "adres", objectTypeOverige="voertuig"))
    assert_invalid(response, "nonFieldErrors", "invalid-object-type-overige-usage")


def test_zaakobjecttype_of_the_zaaktype(zaken, catalogi):
    """The zaakobjecttype must be a ZaakObjectType of the zaak's zaaktype: zaaktype-mismatch."""
    zaaktype, zaak = setup(zaken, catalogi)
    other = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    mismatch = zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], zaakobjecttype=other.zaakobjecttypen[0]))
    assert_invalid(mismatch, "nonFieldErrors", "zaaktype-mismatch")
    not_a_type = zaken.post("/zaakobjecten", json=zaakobject_body(zaak["url"], zaakobjecttype=zaaktype.roltypen["initiator"]))
    assert_invalid(not_a_type, "zaakobjecttype", "invalid-resource")
    assert (
        create_zaakobject(zaken, zaak["url"], zaakobjecttype=zaaktype.zaakobjecttypen[0])["zaakobjecttype"] == zaaktype.zaakobjecttypen[0]
    )


# ---------------------------------------------------------------- update and delete


def test_update_and_partial_update(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    zaakobject = create_zaakobject(zaken, zaak["url"], "adres", object=PAND_URL)
    new_adres = {**ADRES, "huisnummer": 2, "huisletter": "a"}
    put = zaken.put(
        zaakobject["url"],
        json=zaakobject_body(
            zaak["url"],
            "adres",
            object=PAND_URL,
            objectIdentificatie=new_adres,
            relatieomschrijving="Nieuw",
            zaakobjecttype=zaaktype.zaakobjecttypen[0],
        ),
    )
    assert put.status_code == 200, put.text
    assert put.json()["objectIdentificatie"] == {**new_adres, "huisnummertoevoeging": "", "postcode": ""}
    assert put.json()["relatieomschrijving"] == "Nieuw"
    assert put.json()["zaakobjecttype"] == zaaktype.zaakobjecttypen[0]
    patch = zaken.patch(zaakobject["url"], json={"relatieomschrijving": "Deels"})
    assert patch.status_code == 200, patch.text
    assert patch.json() == {**put.json(), "relatieomschrijving": "Deels"}
    assert zaken.get(zaakobject["url"]).json() == patch.json()
    # a PATCH validates objectIdentificatie against the objectType of the zaakobject
    assert_invalid(
        zaken.patch(zaakobject["url"], json={"objectIdentificatie": {"identificatie": "x"}}), "objectIdentificatie.huisnummer", "required"
    )
    assert_invalid(
        zaken.patch(zaakobject["url"], json={"objectTypeOverige": "voertuig"}), "nonFieldErrors", "invalid-object-type-overige-usage"
    )
    other = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    assert_invalid(zaken.patch(zaakobject["url"], json={"zaakobjecttype": other.zaakobjecttypen[0]}), "nonFieldErrors", "zaaktype-mismatch")


def test_zaak_object_and_object_type_are_immutable(zaken, catalogi):
    """zaak, object and objectType may not change (wijzigen-niet-toegelaten)."""
    zaaktype, zaak = setup(zaken, catalogi)
    other_zaak = create_zaak(zaken, zaaktype.url)
    zaakobject = create_zaakobject(zaken, zaak["url"], "pand", object=PAND_URL)
    assert_invalid(zaken.patch(zaakobject["url"], json={"zaak": other_zaak["url"]}), "zaak", "wijzigen-niet-toegelaten")
    assert_invalid(zaken.patch(zaakobject["url"], json={"object": PAND_URL + "9"}), "object", "wijzigen-niet-toegelaten")
    assert_invalid(zaken.patch(zaakobject["url"], json={"objectType": "adres"}), "objectType", "wijzigen-niet-toegelaten")
    put = zaken.put(zaakobject["url"], json=zaakobject_body(other_zaak["url"], "adres", object=PAND_URL))
    assert_invalid(put, "zaak", "wijzigen-niet-toegelaten")
    assert_invalid(put, "objectType", "wijzigen-niet-toegelaten")
    # the same values are no change
    same = zaken.patch(zaakobject["url"], json={"zaak": zaak["url"], "object": PAND_URL, "objectType": "pand"})
    assert same.status_code == 200, same.text


def test_delete_a_zaakobject(zaken, catalogi):
    _zaaktype, zaak = setup(zaken, catalogi)
    zaakobject = create_zaakobject(zaken, zaak["url"])
    assert zaken.delete(zaakobject["url"]).status_code == 204
    assert zaken.get(zaakobject["url"]).status_code == 404
    assert zaken.get(zaak["url"]).json()["zaakobjecten"] == []


def test_etag_and_head(zaken, catalogi):
    _zaaktype, zaak = setup(zaken, catalogi)
    zaakobject = create_zaakobject(zaken, zaak["url"])
    etag = zaken.get(zaakobject["url"]).headers["ETag"]
    assert zaken.get(zaakobject["url"], headers={"If-None-Match": etag}).status_code == 304
    head = zaken.head(zaakobject["url"])
    assert head.status_code == 200 and head.headers["ETag"] == etag and head.content == b""
    changed = zaken.patch(zaakobject["url"], json={"relatieomschrijving": "Anders"})
    assert changed.headers["ETag"] != etag
    assert zaken.get(zaakobject["url"], headers={"If-None-Match": etag}).status_code == 200


# ---------------------------------------------------------------- list and filters


def test_list_filters(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    other_zaak = create_zaak(zaken, zaaktype.url)
    adres = create_zaakobject(zaken, zaak["url"], "adres")
    pand = create_zaakobject(zaken, zaak["url"], "pand", object=PAND_URL)
    overige = create_zaakobject(zaken, other_zaak["url"], "overige", object=PAND_URL)

    def urls(**params):
        response = zaken.get("/zaakobjecten", params=params)
        assert response.status_code == 200, response.text
        return {z["url"] for z in response.json()["results"]}

    assert zaken.get("/zaakobjecten").json()["count"] == 3
    assert urls(zaak=zaak["url"]) == {adres["url"], pand["url"]}
    assert urls(object=PAND_URL) == {pand["url"], overige["url"]}
    assert urls(objectType="overige") == {overige["url"]}
    assert urls(zaak=zaak["url"], object=PAND_URL) == {pand["url"]}


def test_list_is_strict_about_parameters(zaken, catalogi):
    assert_invalid(zaken.get("/zaakobjecten", params={"objecttype": "adres"}), "nonFieldErrors", "unknown-parameters")
    assert_invalid(zaken.get("/zaakobjecten", params={"objectType": "product"}), "objectType", "invalid_choice")
    assert_invalid(zaken.get("/zaakobjecten", params={"object": "geen url"}), "object", "invalid")


# ---------------------------------------------------------------- notifications and audit trail


def test_notifications_and_audit_trail_of_every_write(zaken, catalogi, zaken_outbox):
    zaaktype, zaak = setup(zaken, catalogi)
    zaakobject = create_zaakobject(zaken, zaak["url"])
    assert zaken.put(zaakobject["url"], json=zaakobject_body(zaak["url"], relatieomschrijving="Nieuw")).status_code == 200
    assert zaken.patch(zaakobject["url"], json={"relatieomschrijving": "Deels"}).status_code == 200
    assert zaken.delete(zaakobject["url"]).status_code == 204
    messages = [m for m in zaken_outbox() if m["resource"] == "zaakobject"]
    assert [m["actie"] for m in messages] == ["create", "update", "partial_update", "destroy"]
    for message in messages:
        assert message["kanaal"] == "zaken" and message["hoofdObject"] == zaak["url"] and message["resourceUrl"] == zaakobject["url"]
        assert message["kenmerken"]["zaaktype"] == zaaktype.url
    trail = [r for r in zaken.get(f"{zaak['url']}/audittrail").json() if r["resource"] == "zaakobject"]
    assert [r["actie"] for r in trail] == ["create", "update", "partial_update", "destroy"]
    assert trail[1]["wijzigingen"]["oud"]["relatieomschrijving"] == "Locatie"
    assert trail[1]["wijzigingen"]["nieuw"]["relatieomschrijving"] == "Nieuw"


# ---------------------------------------------------------------- zrc-007 closed zaak, scopes


def test_zrc_007_closed_zaak_needs_geforceerd_bijwerken(zaken, catalogi, grant, zaken_app):
    """zrc-007: writes on a zaakobject of a closed zaak need zaken.geforceerd-bijwerken; validation
    (400) comes before the 403."""
    zaaktype, zaak = setup(zaken, catalogi)
    zaakobject = create_zaakobject(zaken, zaak["url"])
    close_zaak(zaken_app, zaak["url"])
    autorisatie = {"zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "zeer_geheim"}
    grant("bijwerker", [{"scopes": ["zaken.lezen", "zaken.bijwerken", "zaken.aanmaken", "zaken.verwijderen"], **autorisatie}])
    grant("forceerder", [{"scopes": ["zaken.lezen", "zaken.geforceerd-bijwerken"], **autorisatie}])
    bijwerker = zaken.as_client("bijwerker")
    forceerder = zaken.as_client("forceerder")

    assert bijwerker.post("/zaakobjecten", json=zaakobject_body(zaak["url"])).status_code == 403
    assert bijwerker.patch(zaakobject["url"], json={"relatieomschrijving": "x"}).status_code == 403
    assert bijwerker.put(zaakobject["url"], json=zaakobject_body(zaak["url"])).status_code == 403
    assert bijwerker.delete(zaakobject["url"]).status_code == 403
    assert_invalid(
        bijwerker.post("/zaakobjecten", json=zaakobject_body(zaak["url"], objectIdentificatie=None)), "nonFieldErrors", "invalid-zaakobject"
    )
    assert_invalid(bijwerker.patch(zaakobject["url"], json={"objectType": "pand"}), "objectType", "wijzigen-niet-toegelaten")

    assert forceerder.post("/zaakobjecten", json=zaakobject_body(zaak["url"])).status_code == 201
    assert forceerder.patch(zaakobject["url"], json={"relatieomschrijving": "x"}).status_code == 200
    assert forceerder.delete(zaakobject["url"]).status_code == 204


def test_scopes_per_operation(zaken, catalogi, grant):
    """create: aanmaken | bijwerken | geforceerd-bijwerken; update: bijwerken | geforceerd-bijwerken;
    destroy: also verwijderen."""
    zaaktype, zaak = setup(zaken, catalogi)
    autorisatie = {"zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "zeer_geheim"}
    grant("aanmaker", [{"scopes": ["zaken.aanmaken"], **autorisatie}])
    grant("verwijderaar", [{"scopes": ["zaken.verwijderen"], **autorisatie}])
    aanmaker = zaken.as_client("aanmaker")
    verwijderaar = zaken.as_client("verwijderaar")
    created = aanmaker.post("/zaakobjecten", json=zaakobject_body(zaak["url"]))
    assert created.status_code == 201, created.text
    url = created.json()["url"]
    assert aanmaker.patch(url, json={"relatieomschrijving": "x"}).status_code == 403
    assert aanmaker.delete(url).status_code == 403
    assert verwijderaar.post("/zaakobjecten", json=zaakobject_body(zaak["url"])).status_code == 403
    assert verwijderaar.patch(url, json={"relatieomschrijving": "x"}).status_code == 403
    assert verwijderaar.delete(url).status_code == 204


def test_zrc_006_limited_client_sees_only_zaakobjecten_of_its_zaaktype(zaken, catalogi, grant):
    mine = published_zaaktype(catalogi, identificatie="ZT-MIJN")
    other = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    my_zaak = create_zaak(zaken, mine.url)
    other_zaak = create_zaak(zaken, other.url)
    my_object = create_zaakobject(zaken, my_zaak["url"])
    other_object = create_zaakobject(zaken, other_zaak["url"])
    grant("beperkt", [{"scopes": ["zaken.lezen"], "zaaktype": mine.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    limited = zaken.as_client("beperkt")
    listed = limited.get("/zaakobjecten").json()
    assert listed["count"] == 1 and [z["url"] for z in listed["results"]] == [my_object["url"]]
    assert limited.get(my_object["url"]).status_code == 200
    assert limited.get(other_object["url"]).status_code == 403
    assert limited.post("/zaakobjecten", json=zaakobject_body(my_zaak["url"])).status_code == 403
    assert limited.patch(my_object["url"], json={"relatieomschrijving": "x"}).status_code == 403
    assert limited.delete(my_object["url"]).status_code == 403
