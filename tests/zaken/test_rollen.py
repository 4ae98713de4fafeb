"""Rollen (Zaken API 1.5.1): polymorphic betrokkeneIdentificatie, zrc-018 roltype, the rules of a
rol (invalid-betrokkene, max-occurences), zrc-007 closed zaak, filters, zrc-006 autorisaties."""

import datetime as dt

from tests.conftest import QueryCounter, assert_invalid
from tests.zaken.factories import create_zaak, published_zaaktype
from tests.zaken.rol_zaakobject_helpers import add_status_gezet_door, close_zaak

BSN = "111222333"


def rol_body(zaak_url: str, roltype: str, betrokkene_type: str = "natuurlijk_persoon", **overrides) -> dict:
    body = {
        "zaak": zaak_url,
        "betrokkeneType": betrokkene_type,
        "roltype": roltype,
        "roltoelichting": "Aanvrager",
        "betrokkeneIdentificatie": {"inpBsn": BSN, "geslachtsnaam": "Jansen", "voorletters": "J."},
    }
    body.update(overrides)
    return body


def create_rol(zaken, zaak_url: str, roltype: str, betrokkene_type: str = "natuurlijk_persoon", **overrides) -> dict:
    response = zaken.post("/rollen", json=rol_body(zaak_url, roltype, betrokkene_type, **overrides))
    assert response.status_code == 201, response.text
    return response.json()


def setup(zaken, catalogi, identificatie: str = "ZT-ROL"):
    zaaktype = published_zaaktype(catalogi, identificatie=identificatie)
    return zaaktype, create_zaak(zaken, zaaktype.url)


# ---------------------------------------------------------------- create and read


def test_create_a_natuurlijk_persoon_rol(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)
    response = zaken.post("/rollen", json=rol_body(zaak["url"], zaaktype.roltypen["initiator"]))
    assert response.status_code == 201, response.text
    rol = response.json()
    assert response.headers["Location"] == rol["url"]
    assert rol["zaak"] == zaak["url"]
    assert rol["betrokkene"] == ""
    assert rol["betrokkeneType"] == "natuurlijk_persoon"
    assert rol["roltype"] == zaaktype.roltypen["initiator"]
    # omschrijving and omschrijvingGeneriek come from the roltype
    assert rol["omschrijving"] == "Initiator"
    assert rol["omschrijvingGeneriek"] == "initiator"
    assert rol["roltoelichting"] == "Aanvrager"
    assert dt.datetime.fromisoformat(rol["registratiedatum"]) >= before
    assert rol["indicatieMachtiging"] == ""
    assert rol["contactpersoonRol"] is None
    assert rol["statussen"] == []
    # the full shape of a natuurlijk persoon, with its defaults
    assert rol["betrokkeneIdentificatie"] == {
        "inpBsn": BSN,
        "anpIdentificatie": "",
        "inpA_nummer": "",
        "geslachtsnaam": "Jansen",
        "voorvoegselGeslachtsnaam": "",
        "voorletters": "J.",
        "voornamen": "",
        "geslachtsaanduiding": "",
        "geboortedatum": "",
        "verblijfsadres": None,
        "subVerblijfBuitenland": None,
    }
    assert zaken.get(rol["url"]).json() == rol
    # the zaak lists its rollen
    assert zaken.get(zaak["url"]).json()["rollen"] == [rol["url"]]


def test_natuurlijk_persoon_with_verblijfsadres_and_contactpersoon(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    adres = {"aoaIdentificatie": "0363200000000001", "wplWoonplaatsNaam": "Amsterdam", "gorOpenbareRuimteNaam": "Dam", "aoaHuisnummer": 1}
    buitenland = {"lndLandcode": "6030", "lndLandnaam": "Nederland"}
    rol = create_rol(
        zaken,
        zaak["url"],
        zaaktype.roltypen["behandelaar"],
        betrokkeneIdentificatie={"inpBsn": BSN, "geslachtsaanduiding": "v", "verblijfsadres": adres, "subVerblijfBuitenland": buitenland},
        contactpersoonRol={"naam": "Piet", "emailadres": "piet@example.org"},
        indicatieMachtiging="gemachtigde",
        afwijkendeNaamBetrokkene="Mevrouw Jansen",
    )
    identificatie = rol["betrokkeneIdentificatie"]
    assert identificatie["verblijfsadres"] == {
        **adres, "aoaPostcode": "", "aoaHuisletter": "", "aoaHuisnummertoevoeging": "", "inpLocatiebeschrijving": "",
    }  # fmt: skip
    assert identificatie["subVerblijfBuitenland"] == {
        **buitenland, "subAdresBuitenland_1": "", "subAdresBuitenland_2": "", "subAdresBuitenland_3": "",
    }  # fmt: skip
    assert identificatie["geslachtsaanduiding"] == "v"
    assert rol["contactpersoonRol"] == {"emailadres": "piet@example.org", "functie": "", "telefoonnummer": "", "naam": "Piet"}
    assert rol["indicatieMachtiging"] == "gemachtigde"
    assert rol["afwijkendeNaamBetrokkene"] == "Mevrouw Jansen"


def test_medewerker_rol_has_the_medewerker_shape(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    rol = create_rol(
        zaken,
        zaak["url"],
        zaaktype.roltypen["behandelaar"],
        "medewerker",
        betrokkeneIdentificatie={"identificatie": "mdw-1", "achternaam": "Bakker", "inpBsn": "ignored"},
    )
    assert rol["betrokkeneIdentificatie"] == {
        "identificatie": "mdw-1",
        "achternaam": "Bakker",
        "voorletters": "",
        "voorvoegselAchternaam": "",
    }


def test_organisatorische_eenheid_rol(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    rol = create_rol(
        zaken,
        zaak["url"],
        zaaktype.roltypen["behandelaar"],
        "organisatorische_eenheid",
        betrokkeneIdentificatie={"identificatie": "OE-VERG", "naam": "Vergunningen", "isGehuisvestIn": "Stadhuis"},
    )
    assert rol["betrokkeneIdentificatie"] == {"identificatie": "OE-VERG", "naam": "Vergunningen", "isGehuisvestIn": "Stadhuis"}


def test_niet_natuurlijk_persoon_and_vestiging_rollen(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    nnp = create_rol(
        zaken, zaak["url"], zaaktype.roltypen["behandelaar"], "niet_natuurlijk_persoon",
        betrokkeneIdentificatie={"innNnpId": "123456789", "statutaireNaam": "ACME BV", "innRechtsvorm": "besloten_vennootschap"},
    )  # fmt: skip
    assert nnp["betrokkeneIdentificatie"]["innRechtsvorm"] == "besloten_vennootschap"
    assert nnp["betrokkeneIdentificatie"]["subVerblijfBuitenland"] is None
    vestiging = create_rol(
        zaken, zaak["url"], zaaktype.roltypen["behandelaar"], "vestiging",
        betrokkeneIdentificatie={"vestigingsNummer": "000012345678", "handelsnaam": ["ACME", "Acme Shop"], "kvkNummer": "12345678"},
    )  # fmt: skip
    assert vestiging["betrokkeneIdentificatie"]["handelsnaam"] == ["ACME", "Acme Shop"]


def test_a_rol_with_only_a_betrokkene_url(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    betrokkene = "https://personen.example.org/api/ingeschrevenpersonen/111222333"
    body = rol_body(zaak["url"], zaaktype.roltypen["behandelaar"], betrokkene=betrokkene)
    del body["betrokkeneIdentificatie"]
    response = zaken.post("/rollen", json=body)
    assert response.status_code == 201, response.text
    assert response.json()["betrokkene"] == betrokkene
    assert response.json()["betrokkeneIdentificatie"] is None


# ---------------------------------------------------------------- validation


def test_betrokkene_identificatie_is_validated_against_the_betrokkene_type(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    roltype = zaaktype.roltypen["behandelaar"]
    too_long = zaken.post("/rollen", json=rol_body(zaak["url"], roltype, betrokkeneIdentificatie={"inpBsn": "1234567890"}))
    assert_invalid(too_long, "betrokkeneIdentificatie.inpBsn", "max_length")
    a_nummer = zaken.post("/rollen", json=rol_body(zaak["url"], roltype, betrokkeneIdentificatie={"inpA_nummer": "0123456789"}))
    assert_invalid(a_nummer, "betrokkeneIdentificatie.inpA_nummer", "invalid")
    geslacht = zaken.post("/rollen", json=rol_body(zaak["url"], roltype, betrokkeneIdentificatie={"geslachtsaanduiding": "x"}))
    assert_invalid(geslacht, "betrokkeneIdentificatie.geslachtsaanduiding", "invalid_choice")
    adres = zaken.post(
        "/rollen", json=rol_body(zaak["url"], roltype, betrokkeneIdentificatie={"verblijfsadres": {"wplWoonplaatsNaam": "Delft"}})
    )
    assert_invalid(adres, "betrokkeneIdentificatie.verblijfsadres.aoaIdentificatie", "required")
    assert_invalid(adres, "betrokkeneIdentificatie.verblijfsadres.aoaHuisnummer", "required")
    medewerker = zaken.post(
        "/rollen", json=rol_body(zaak["url"], roltype, "medewerker", betrokkeneIdentificatie={"identificatie": "x" * 25})
    )
    assert_invalid(medewerker, "betrokkeneIdentificatie.identificatie", "max_length")
    eenheid = zaken.post(
        "/rollen", json=rol_body(zaak["url"], roltype, "organisatorische_eenheid", betrokkeneIdentificatie={"naam": "x" * 51})
    )
    assert_invalid(eenheid, "betrokkeneIdentificatie.naam", "max_length")
    not_an_object = zaken.post("/rollen", json=rol_body(zaak["url"], roltype, betrokkeneIdentificatie="111222333"))
    assert_invalid(not_an_object, "betrokkeneIdentificatie", "invalid")


def test_required_fields_and_enums(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    response = zaken.post("/rollen", json={"zaak": zaak["url"]})
    for name in ("betrokkeneType", "roltype", "roltoelichting"):
        assert_invalid(response, name, "required")
    wrong_type = zaken.post("/rollen", json=rol_body(zaak["url"], zaaktype.roltypen["behandelaar"], "persoon"))
    assert_invalid(wrong_type, "betrokkeneType", "invalid_choice")
    contactpersoon = zaken.post(
        "/rollen", json=rol_body(zaak["url"], zaaktype.roltypen["behandelaar"], contactpersoonRol={"emailadres": "geen-adres"})
    )
    assert_invalid(contactpersoon, "contactpersoonRol.naam", "required")
    assert_invalid(contactpersoon, "contactpersoonRol.emailadres", "invalid")


def test_invalid_betrokkene_without_betrokkene_or_identificatie(zaken, catalogi):
    """Neither betrokkene nor betrokkeneIdentificatie: nonFieldErrors invalid-betrokkene."""
    zaaktype, zaak = setup(zaken, catalogi)
    body = rol_body(zaak["url"], zaaktype.roltypen["behandelaar"])
    del body["betrokkeneIdentificatie"]
    assert_invalid(zaken.post("/rollen", json=body), "nonFieldErrors", "invalid-betrokkene")
    body["betrokkeneIdentificatie"] = {}
    assert_invalid(zaken.post("/rollen", json=body), "nonFieldErrors", "invalid-betrokkene")


def test_zrc_018_roltype_of_another_zaaktype(zaken, catalogi):
    """zrc-018: the roltype must belong to the zaak's zaaktype."""
    _zaaktype, zaak = setup(zaken, catalogi)
    other = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    response = zaken.post("/rollen", json=rol_body(zaak["url"], other.roltypen["behandelaar"]))
    assert_invalid(response, "nonFieldErrors", "zaaktype-mismatch")


def test_zrc_018_roltype_must_be_a_roltype(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    assert_invalid(zaken.post("/rollen", json=rol_body(zaak["url"], zaaktype.url)), "roltype", "invalid-resource")
    missing = zaaktype.roltypen["behandelaar"].rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000"
    assert_invalid(zaken.post("/rollen", json=rol_body(zaak["url"], missing)), "roltype", "bad-url")


def test_zaak_must_be_a_zaak_of_this_api(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    assert_invalid(
        zaken.post("/rollen", json=rol_body("https://example.org/zaken/1", zaaktype.roltypen["behandelaar"])), "zaak", "no_match"
    )
    unknown = zaak["url"].rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000"
    assert_invalid(zaken.post("/rollen", json=rol_body(unknown, zaaktype.roltypen["behandelaar"])), "zaak", "object-does-not-exist")


def test_max_occurences_of_initiator_and_zaakcoordinator(zaken, catalogi):
    """At most one rol with omschrijvingGeneriek initiator and one zaakcoordinator per zaak:
    roltype max-occurences; other roltypen as often as needed."""
    zaaktype, zaak = setup(zaken, catalogi)
    for generiek in ("initiator", "zaakcoordinator"):
        create_rol(zaken, zaak["url"], zaaktype.roltypen[generiek])
        second = zaken.post("/rollen", json=rol_body(zaak["url"], zaaktype.roltypen[generiek]))
        assert_invalid(second, "roltype", "max-occurences")
    create_rol(zaken, zaak["url"], zaaktype.roltypen["behandelaar"])
    create_rol(zaken, zaak["url"], zaaktype.roltypen["behandelaar"])
    # another zaak has its own initiator
    other_zaak = create_zaak(zaken, zaaktype.url)
    create_rol(zaken, other_zaak["url"], zaaktype.roltypen["initiator"])


def test_max_occurences_holds_when_creates_race(zaken, catalogi, monkeypatch):
    """Two creates that both passed the count check (concurrent requests): the database's unique
    index lets one initiator in and the other gets the same 400."""
    from services.zaken.rol.service import RolService

    zaaktype, zaak = setup(zaken, catalogi)
    monkeypatch.setattr(RolService, "ensure_single_occurrence", staticmethod(lambda ctx, zaak, generiek: None))
    create_rol(zaken, zaak["url"], zaaktype.roltypen["initiator"])
    assert_invalid(zaken.post("/rollen", json=rol_body(zaak["url"], zaaktype.roltypen["initiator"])), "roltype", "max-occurences")
    assert len(zaken.get("/rollen", params={"zaak": zaak["url"]}).json()["results"]) == 1


def test_no_update_operations(zaken, catalogi):
    """Rol has no PUT/PATCH in 1.5.1."""
    zaaktype, zaak = setup(zaken, catalogi)
    rol = create_rol(zaken, zaak["url"], zaaktype.roltypen["behandelaar"])
    assert zaken.put(rol["url"], json=rol_body(zaak["url"], zaaktype.roltypen["behandelaar"])).status_code == 405
    assert zaken.patch(rol["url"], json={"roltoelichting": "x"}).status_code == 405


# ---------------------------------------------------------------- delete, statussen, ETag


def test_delete_a_rol(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    rol = create_rol(zaken, zaak["url"], zaaktype.roltypen["initiator"])
    assert zaken.delete(rol["url"]).status_code == 204
    assert zaken.get(rol["url"]).status_code == 404
    assert zaken.get(zaak["url"]).json()["rollen"] == []
    # the initiator place is free again
    create_rol(zaken, zaak["url"], zaaktype.roltypen["initiator"])


def test_statussen_lists_the_statussen_the_rol_set(zaken, catalogi, zaken_app):
    zaaktype, zaak = setup(zaken, catalogi)
    rol = create_rol(zaken, zaak["url"], zaaktype.roltypen["behandelaar"])
    other = create_rol(zaken, zaak["url"], zaaktype.roltypen["initiator"])
    moment = dt.datetime(2026, 1, 6, 10, tzinfo=dt.UTC)
    first = add_status_gezet_door(zaken_app, zaak["url"], rol["url"], zaaktype.statustypen[0], moment)
    second = add_status_gezet_door(zaken_app, zaak["url"], rol["url"], zaaktype.statustypen[1], moment + dt.timedelta(hours=1))
    statussen = zaken.get(rol["url"]).json()["statussen"]
    assert [s.rsplit("/", 1)[1] for s in statussen] == [first, second]
    assert all("/statussen/" in s for s in statussen)
    assert zaken.get(other["url"]).json()["statussen"] == []
    listed = {r["url"]: r["statussen"] for r in zaken.get("/rollen").json()["results"]}
    assert listed[rol["url"]] == statussen and listed[other["url"]] == []


def test_list_queries_do_not_grow_with_the_page(zaken, catalogi, zaken_app):
    """No N+1: the statussen of a page of rollen come in one query."""
    zaaktype, zaak = setup(zaken, catalogi)
    create_rol(zaken, zaak["url"], zaaktype.roltypen["behandelaar"])
    with QueryCounter(zaken_app.state.db.engine) as one:
        assert zaken.get("/rollen").json()["count"] == 1
    for _ in range(4):
        create_rol(zaken, zaak["url"], zaaktype.roltypen["behandelaar"])
    with QueryCounter(zaken_app.state.db.engine) as five:
        assert zaken.get("/rollen").json()["count"] == 5
    assert five.count == one.count


def test_etag_and_head(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    rol = create_rol(zaken, zaak["url"], zaaktype.roltypen["behandelaar"])
    response = zaken.get(rol["url"])
    etag = response.headers["ETag"]
    assert etag
    assert zaken.get(rol["url"], headers={"If-None-Match": etag}).status_code == 304
    head = zaken.head(rol["url"])
    assert head.status_code == 200 and head.headers["ETag"] == etag and head.content == b""


# ---------------------------------------------------------------- list and filters


def test_list_filters(zaken, catalogi):
    zaaktype, zaak = setup(zaken, catalogi)
    other_zaak = create_zaak(zaken, zaaktype.url)
    burger = create_rol(
        zaken,
        zaak["url"],
        zaaktype.roltypen["initiator"],
        betrokkeneIdentificatie={"inpBsn": BSN, "anpIdentificatie": "ANP-1", "inpA_nummer": "1234567890"},
    )
    medewerker = create_rol(
        zaken, zaak["url"], zaaktype.roltypen["behandelaar"], "medewerker", betrokkeneIdentificatie={"identificatie": "mdw-1"}
    )
    eenheid = create_rol(
        zaken,
        other_zaak["url"],
        zaaktype.roltypen["zaakcoordinator"],
        "organisatorische_eenheid",
        betrokkeneIdentificatie={"identificatie": "OE-1"},
    )
    nnp = create_rol(
        zaken,
        other_zaak["url"],
        zaaktype.roltypen["behandelaar"],
        "niet_natuurlijk_persoon",
        betrokkeneIdentificatie={"innNnpId": "987654321", "annIdentificatie": "ANN-1"},
    )
    vestiging = create_rol(
        zaken, other_zaak["url"], zaaktype.roltypen["behandelaar"], "vestiging", betrokkeneIdentificatie={"vestigingsNummer": "V-1"}
    )
    met_url = create_rol(
        zaken,
        other_zaak["url"],
        zaaktype.roltypen["behandelaar"],
        betrokkene="https://brp.example.org/personen/1",
        betrokkeneIdentificatie=None,
    )

    def urls(**params):
        response = zaken.get("/rollen", params=params)
        assert response.status_code == 200, response.text
        return {r["url"] for r in response.json()["results"]}

    assert urls() == {r["url"] for r in (burger, medewerker, eenheid, nnp, vestiging, met_url)}
    assert zaken.get("/rollen").json()["count"] == 6
    assert urls(zaak=zaak["url"]) == {burger["url"], medewerker["url"]}
    assert urls(betrokkene="https://brp.example.org/personen/1") == {met_url["url"]}
    assert urls(betrokkeneType="medewerker") == {medewerker["url"]}
    assert urls(betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=BSN) == {burger["url"]}
    assert urls(betrokkeneIdentificatie__natuurlijkPersoon__inpBsn="999999999") == set()
    assert urls(betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie="ANP-1") == {burger["url"]}
    assert urls(betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer="1234567890") == {burger["url"]}
    assert urls(betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId="987654321") == {nnp["url"]}
    assert urls(betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie="ANN-1") == {nnp["url"]}
    assert urls(betrokkeneIdentificatie__vestiging__vestigingsNummer="V-1") == {vestiging["url"]}
    assert urls(betrokkeneIdentificatie__medewerker__identificatie="mdw-1") == {medewerker["url"]}
    # an identificatie of another betrokkeneType does not match
    assert urls(betrokkeneIdentificatie__organisatorischeEenheid__identificatie="mdw-1") == set()
    assert urls(betrokkeneIdentificatie__organisatorischeEenheid__identificatie="OE-1") == {eenheid["url"]}
    assert urls(roltype=zaaktype.roltypen["initiator"]) == {burger["url"]}
    assert urls(omschrijving="Zaakcoordinator") == {eenheid["url"]}
    assert urls(omschrijvingGeneriek="behandelaar") == {medewerker["url"], nnp["url"], vestiging["url"], met_url["url"]}
    assert urls(zaak=zaak["url"], omschrijvingGeneriek="behandelaar") == {medewerker["url"]}


def test_list_is_strict_about_parameters(zaken, catalogi):
    response = zaken.get("/rollen", params={"inpBsn": BSN})
    assert_invalid(response, "nonFieldErrors", "unknown-parameters")
    assert_invalid(zaken.get("/rollen", params={"betrokkeneType": "persoon"}), "betrokkeneType", "invalid_choice")
    assert_invalid(zaken.get("/rollen", params={"omschrijvingGeneriek": "baas"}), "omschrijvingGeneriek", "invalid_choice")
    assert_invalid(zaken.get("/rollen", params={"zaak": "geen-url"}), "zaak", "invalid")
    assert zaken.get("/rollen", params={"page": 1}).status_code == 200


def test_zaak_list_filters_on_rollen(zaken, catalogi):
    """GET /zaken rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn and rol__omschrijvingGeneriek."""
    zaaktype, zaak = setup(zaken, catalogi)
    other_zaak = create_zaak(zaken, zaaktype.url)
    create_zaak(zaken, zaaktype.url)  # no rollen
    create_rol(zaken, zaak["url"], zaaktype.roltypen["initiator"])
    create_rol(zaken, other_zaak["url"], zaaktype.roltypen["behandelaar"], betrokkeneIdentificatie={"inpBsn": "999888777"})
    create_rol(zaken, other_zaak["url"], zaaktype.roltypen["initiator"], "medewerker", betrokkeneIdentificatie={"identificatie": "mdw-1"})

    def zaken_with(**params):
        response = zaken.get("/zaken", params=params)
        assert response.status_code == 200, response.text
        return {z["url"] for z in response.json()["results"]}

    assert zaken_with(rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=BSN) == {zaak["url"]}
    assert zaken_with(rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn="999888777") == {other_zaak["url"]}
    assert zaken_with(rol__omschrijvingGeneriek="initiator") == {zaak["url"], other_zaak["url"]}
    assert zaken_with(rol__omschrijvingGeneriek="behandelaar") == {other_zaak["url"]}
    # both conditions hold for one and the same rol
    assert zaken_with(rol__omschrijvingGeneriek="initiator", rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn="999888777") == set()
    assert zaken_with(rol__betrokkeneIdentificatie__medewerker__identificatie="mdw-1") == {other_zaak["url"]}


# ---------------------------------------------------------------- notifications and audit trail


def test_notifications_and_audit_trail_of_create_and_destroy(zaken, catalogi, zaken_outbox):
    zaaktype, zaak = setup(zaken, catalogi)
    rol = create_rol(zaken, zaak["url"], zaaktype.roltypen["behandelaar"])
    assert zaken.delete(rol["url"]).status_code == 204
    messages = [m for m in zaken_outbox() if m["resource"] == "rol"]
    assert [m["actie"] for m in messages] == ["create", "destroy"]
    for message in messages:
        assert message["kanaal"] == "zaken"
        assert message["hoofdObject"] == zaak["url"]
        assert message["resourceUrl"] == rol["url"]
        assert message["kenmerken"] == {
            "bronorganisatie": zaak["bronorganisatie"],
            "zaaktype": zaaktype.url,
            "vertrouwelijkheidaanduiding": "openbaar",
        }
    trail = zaken.get(f"{zaak['url']}/audittrail").json()
    rol_records = [r for r in trail if r["resource"] == "rol"]
    assert [r["actie"] for r in rol_records] == ["create", "destroy"]
    assert rol_records[0]["wijzigingen"]["nieuw"]["url"] == rol["url"]
    assert rol_records[1]["wijzigingen"]["oud"]["url"] == rol["url"] and rol_records[1]["wijzigingen"]["nieuw"] is None


def test_no_notification_when_validation_fails(zaken, catalogi, zaken_outbox):
    zaaktype, zaak = setup(zaken, catalogi)
    before = len(zaken_outbox())
    body = rol_body(zaak["url"], zaaktype.roltypen["behandelaar"])
    del body["betrokkeneIdentificatie"]
    assert zaken.post("/rollen", json=body).status_code == 400
    assert len(zaken_outbox()) == before


# ---------------------------------------------------------------- zrc-007 closed zaak


def test_zrc_007_closed_zaak_needs_geforceerd_bijwerken(zaken, catalogi, grant, zaken_app):
    """zrc-007: on a closed zaak a rol is created or deleted only with zaken.geforceerd-bijwerken;
    validation (400) comes before the 403."""
    zaaktype, zaak = setup(zaken, catalogi)
    rol = create_rol(zaken, zaak["url"], zaaktype.roltypen["behandelaar"])
    close_zaak(zaken_app, zaak["url"])
    autorisatie = {"zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "zeer_geheim"}
    grant("bijwerker", [{"scopes": ["zaken.lezen", "zaken.bijwerken"], **autorisatie}])
    grant("forceerder", [{"scopes": ["zaken.lezen", "zaken.geforceerd-bijwerken"], **autorisatie}])
    bijwerker = zaken.as_client("bijwerker")
    forceerder = zaken.as_client("forceerder")

    assert bijwerker.post("/rollen", json=rol_body(zaak["url"], zaaktype.roltypen["behandelaar"])).status_code == 403
    assert bijwerker.delete(rol["url"]).status_code == 403
    invalid = rol_body(zaak["url"], zaaktype.roltypen["behandelaar"])
    del invalid["betrokkeneIdentificatie"]
    assert_invalid(bijwerker.post("/rollen", json=invalid), "nonFieldErrors", "invalid-betrokkene")

    assert forceerder.post("/rollen", json=rol_body(zaak["url"], zaaktype.roltypen["behandelaar"])).status_code == 201
    assert forceerder.delete(rol["url"]).status_code == 204


def test_open_zaak_with_bijwerken(zaken, catalogi, grant):
    zaaktype, zaak = setup(zaken, catalogi)
    grant("bijwerker", [{"scopes": ["zaken.bijwerken"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    bijwerker = zaken.as_client("bijwerker")
    response = bijwerker.post("/rollen", json=rol_body(zaak["url"], zaaktype.roltypen["behandelaar"]))
    assert response.status_code == 201, response.text
    assert bijwerker.delete(response.json()["url"]).status_code == 204


# ---------------------------------------------------------------- zrc-006 autorisaties


def test_zrc_006_limited_client_sees_only_rollen_of_its_zaaktype(zaken, catalogi, grant):
    mine = published_zaaktype(catalogi, identificatie="ZT-MIJN")
    other = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    my_zaak = create_zaak(zaken, mine.url)
    other_zaak = create_zaak(zaken, other.url)
    my_rol = create_rol(zaken, my_zaak["url"], mine.roltypen["behandelaar"])
    other_rol = create_rol(zaken, other_zaak["url"], other.roltypen["behandelaar"])
    grant("beperkt", [{"scopes": ["zaken.lezen"], "zaaktype": mine.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    limited = zaken.as_client("beperkt")

    listed = limited.get("/rollen").json()
    assert listed["count"] == 1 and [r["url"] for r in listed["results"]] == [my_rol["url"]]
    assert limited.get("/rollen", params={"zaak": other_zaak["url"]}).json()["count"] == 0
    assert limited.get(my_rol["url"]).status_code == 200
    assert limited.get(other_rol["url"]).status_code == 403
    assert limited.head(other_rol["url"]).status_code == 403
    # reading is no writing
    assert limited.post("/rollen", json=rol_body(my_zaak["url"], mine.roltypen["behandelaar"])).status_code == 403
    assert limited.delete(my_rol["url"]).status_code == 403


def test_zrc_006_write_scope_is_per_zaaktype(zaken, catalogi, grant):
    mine = published_zaaktype(catalogi, identificatie="ZT-MIJN")
    other = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    other_zaak = create_zaak(zaken, other.url)
    other_rol = create_rol(zaken, other_zaak["url"], other.roltypen["behandelaar"])
    grant(
        "bijwerker", [{"scopes": ["zaken.lezen", "zaken.bijwerken"], "zaaktype": mine.url, "maxVertrouwelijkheidaanduiding": "zeer_geheim"}]
    )
    bijwerker = zaken.as_client("bijwerker")
    assert bijwerker.post("/rollen", json=rol_body(other_zaak["url"], other.roltypen["behandelaar"])).status_code == 403
    assert bijwerker.delete(other_rol["url"]).status_code == 403
