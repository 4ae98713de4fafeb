"""The rules of the standard on creating, changing and deleting a zaak (zrc-001, -002, -009 .. -015,
-022, -023), each test naming its rule."""

import re
import uuid

import httpx
import pytest

from tests.catalogi import factories as ztc
from tests.conftest import assert_invalid
from tests.zaken.factories import create_zaak, published_zaaktype, zaak_body
from tests.zaken.zaak_helpers import (
    COMMUNICATIEKANAAL,
    SELECTIELIJSTKLASSE,
    FailingTransport,
    RoutingTransport,
    add_rows,
    close_zaak,
    count_rows,
    referentielijsten_handler,
    uuid_of,
    zaken_client_with,
)

CATALOGI = "http://testserver/catalogi/api/v1"
ZAKEN = "http://testserver/zaken/api/v1"


@pytest.fixture
def zaaktype(catalogi):
    return published_zaaktype(catalogi)


def _zaken_count(zaken) -> int:
    return zaken.get("/zaken").json()["count"]


# ---------------------------------------------------------------- zrc-001 zaaktype


def test_zrc001_zaaktype_answering_404_is_bad_url(zaken, zaaktype):
    response = zaken.post("/zaken", json=zaak_body(f"{CATALOGI}/zaaktypen/{uuid.uuid4()}"))
    assert_invalid(response, "zaaktype", "bad-url")


def test_zrc001_zaaktype_of_another_host_answering_404_is_bad_url(zaken, zaaktype):
    response = zaken.post("/zaken", json=zaak_body("http://elders.example.org/api/v1/zaaktypen/1"))
    assert_invalid(response, "zaaktype", "bad-url")


def test_zrc001_zaaktype_not_a_url_is_invalid(zaken, zaaktype):
    assert_invalid(zaken.post("/zaken", json=zaak_body("geen url")), "zaaktype", "invalid")


def test_zrc001_zaaktype_missing_is_required(zaken, zaaktype):
    body = zaak_body(zaaktype.url)
    del body["zaaktype"]
    assert_invalid(zaken.post("/zaken", json=body), "zaaktype", "required")


def test_zrc001_statustype_url_as_zaaktype_is_invalid_resource(zaken, zaaktype):
    response = zaken.post("/zaken", json=zaak_body(zaaktype.statustypen[0]))
    assert_invalid(response, "zaaktype", "invalid-resource")


def test_zrc001_concept_zaaktype_is_not_published(zaken, catalogi, zaaktype):
    concept = ztc.create_zaaktype(catalogi, zaaktype.data["catalogus"], identificatie="ZT-CONCEPT")
    assert concept["concept"] is True
    assert_invalid(zaken.post("/zaken", json=zaak_body(concept["url"])), "zaaktype", "not-published")
    assert _zaken_count(zaken) == 0


def test_zrc001_zaaktype_is_immutable_on_put_and_patch(zaken, catalogi, zaaktype):
    other = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    zaak = create_zaak(zaken, zaaktype.url)
    assert_invalid(zaken.patch(zaak["url"], json={"zaaktype": other.url}), "zaaktype", "wijzigen-niet-toegelaten")
    assert_invalid(zaken.put(zaak["url"], json=zaak_body(other.url)), "zaaktype", "wijzigen-niet-toegelaten")
    # the same zaaktype is no change
    assert zaken.patch(zaak["url"], json={"zaaktype": zaaktype.url}).status_code == 200
    assert zaken.put(zaak["url"], json=zaak_body(zaaktype.url)).status_code == 200
    assert zaken.get(zaak["url"]).json()["zaaktype"] == zaaktype.url


def test_zrc001_a_url_that_answers_without_a_resource_is_invalid_resource(zaken, zaken_app, kernel):
    """zrc-001e: a 200 with an empty text/html body is not a zaaktype: `invalid-resource`."""
    empty = httpx.MockTransport(lambda request: httpx.Response(200, text="", headers={"Content-Type": "text/html"}))
    with zaken_client_with(zaken_app, kernel, empty) as client:
        assert_invalid(client.post("/zaken", json=zaak_body("http://mock.test/200")), "zaaktype", "invalid-resource")
    assert _zaken_count(zaken) == 0


CLOSED_PORT_CATALOGI = "http://127.0.0.1:9/catalogi/api/v1"


@pytest.mark.parametrize("transport", [FailingTransport(), None], ids=["connect-error", "closed-port"])
def test_zrc001_catalogi_unreachable_is_503_and_nothing_written(zaken, zaken_app, kernel, zaken_outbox, catalogi, transport):
    """The configured Catalogi API at a closed port: a 503 (no 400: the client's URL may be fine),
    no zaak, no audit trail, no notification. `None`: the real network, to port 9 of this machine."""
    from services.zaken.db import audittrail

    with zaken_client_with(zaken_app, kernel, transport, catalogi_api_url=CLOSED_PORT_CATALOGI) as down:
        response = down.post("/zaken", json=zaak_body(f"{CLOSED_PORT_CATALOGI}/zaaktypen/{uuid.uuid4()}"))
    assert response.status_code == 503, response.text
    assert response.json()["code"] == "service_unavailable"
    assert _zaken_count(zaken) == 0
    assert zaken_outbox() == []
    assert count_rows(zaken_app, audittrail.table) == 0


@pytest.mark.parametrize(
    "zaaktype",
    [f"{CLOSED_PORT_CATALOGI}/zaaktypen/{uuid.uuid4()}", f"http://catalogi.invalid/catalogi/api/v1/zaaktypen/{uuid.uuid4()}"],
    ids=["closed-port", "no-such-host"],
)
def test_zrc001_a_zaaktype_url_elsewhere_that_cannot_be_fetched_is_a_bad_url(zaken, zaken_app, kernel, zaaktype):
    """Not the configured Catalogi API nor a peer: the client's URL cannot be fetched, 400 `bad-url`."""
    with zaken_client_with(zaken_app, kernel, None) as client:
        assert_invalid(client.post("/zaken", json=zaak_body(zaaktype)), "zaaktype", "bad-url")
    assert _zaken_count(zaken) == 0


def test_zrc001_catalogi_unreachable_on_patch_of_producten_is_503(zaken, zaken_app, kernel, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    with zaken_client_with(zaken_app, kernel, FailingTransport()) as down:
        response = down.patch(
            zaak["url"], json={"productenOfDiensten": ["https://producten.example.org/parkeervergunning"], "omschrijving": "nieuw"}
        )
    assert response.status_code == 503, response.text
    assert zaken.get(zaak["url"]).json()["omschrijving"] == zaak["omschrijving"]


# ---------------------------------------------------------------- zrc-002 identificatie


def test_zrc002_identificatie_generated_from_registratiedatum_year(zaken, zaaktype):
    first = create_zaak(zaken, zaaktype.url, registratiedatum="2019-03-04")
    second = create_zaak(zaken, zaaktype.url, registratiedatum="2019-05-06")
    assert re.fullmatch(r"ZAAK-2019-\d{10}", first["identificatie"])
    assert first["identificatie"] != second["identificatie"]
    assert first["registratiedatum"] == "2019-03-04"
    today = create_zaak(zaken, zaaktype.url)
    import datetime as dt

    assert today["registratiedatum"] == dt.date.today().isoformat()
    assert today["identificatie"].startswith(f"ZAAK-{dt.date.today().year}-")


@pytest.mark.parametrize("value", ["", None])
def test_zrc002_empty_identificatie_is_generated(zaken, zaaktype, value):
    zaak = create_zaak(zaken, zaaktype.url, identificatie=value)
    assert re.fullmatch(r"ZAAK-\d{4}-\d{10}", zaak["identificatie"])
    assert_invalid(zaken.patch(zaak["url"], json={"identificatie": ""}), "identificatie", "wijzigen-niet-toegelaten")


def test_zrc002_generated_identificatie_skips_numbers_clients_chose(zaken, zaaktype):
    create_zaak(zaken, zaaktype.url, identificatie="ZAAK-2019-0000000007", registratiedatum="2019-01-01")
    generated = create_zaak(zaken, zaaktype.url, registratiedatum="2019-01-02")
    assert generated["identificatie"] == "ZAAK-2019-0000000008"
    create_zaak(zaken, zaaktype.url, identificatie="ZAAK-2019-0000000009", registratiedatum="2019-01-01")
    after = create_zaak(zaken, zaaktype.url, registratiedatum="2019-01-02")
    assert after["identificatie"] == "ZAAK-2019-0000000010"


def test_zrc002_identificatie_unique_per_bronorganisatie(zaken, zaaktype):
    create_zaak(zaken, zaaktype.url, identificatie="ZAAK-EIGEN-1")
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url, identificatie="ZAAK-EIGEN-1"))
    assert_invalid(response, "identificatie", "identificatie-niet-uniek")
    # another bronorganisatie may use it
    other = zaken.post("/zaken", json=zaak_body(zaaktype.url, identificatie="ZAAK-EIGEN-1", bronorganisatie="002220647"))
    assert other.status_code == 201, other.text


def test_zrc002_moving_to_a_bronorganisatie_where_identificatie_exists(zaken, zaaktype):
    create_zaak(zaken, zaaktype.url, identificatie="ZAAK-EIGEN-2")
    other = create_zaak(zaken, zaaktype.url, identificatie="ZAAK-EIGEN-2", bronorganisatie="002220647")
    response = zaken.patch(other["url"], json={"bronorganisatie": "517439943"})
    assert_invalid(response, "identificatie", "identificatie-niet-uniek")


def test_zrc002_identificatie_is_immutable(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    assert_invalid(zaken.patch(zaak["url"], json={"identificatie": "ANDERS"}), "identificatie", "wijzigen-niet-toegelaten")
    body = zaak_body(zaaktype.url, identificatie="ANDERS")
    assert_invalid(zaken.put(zaak["url"], json=body), "identificatie", "wijzigen-niet-toegelaten")
    same = zaken.patch(zaak["url"], json={"identificatie": zaak["identificatie"]})
    assert same.status_code == 200, same.text
    # omitted on PUT: kept
    put = zaken.put(zaak["url"], json=zaak_body(zaaktype.url))
    assert put.status_code == 200 and put.json()["identificatie"] == zaak["identificatie"]


@pytest.mark.parametrize("value", ["met spatie", "é-accent", "a" * 41])
def test_zrc002_identificatie_format(zaken, zaaktype, value):
    code = "max_length" if len(value) > 40 else "invalid"
    assert_invalid(zaken.post("/zaken", json=zaak_body(zaaktype.url, identificatie=value)), "identificatie", code)


# ---------------------------------------------------------------- RSIN


@pytest.mark.parametrize(
    "value,code",
    [("51743994a", "only-digits"), ("51743994", "invalid-length"), ("517439944", "invalid"), ("5174399430", "invalid-length")],
)
@pytest.mark.parametrize("field", ["bronorganisatie", "verantwoordelijkeOrganisatie"])
def test_rsin_of_organisaties(zaken, zaaktype, field, value, code):
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url, **{field: value}))
    assert response.status_code == 400, response.text
    pairs = [(p["name"], p["code"]) for p in response.json()["invalidParams"]]
    assert (pairs[0][0] == field and (field, code) in pairs) or (field, "max_length") in pairs, pairs


@pytest.mark.parametrize("field", ["bronorganisatie", "verantwoordelijkeOrganisatie", "startdatum"])
def test_required_fields(zaken, zaaktype, field):
    body = zaak_body(zaaktype.url)
    del body[field]
    assert_invalid(zaken.post("/zaken", json=body), field, "required")


def test_create_answers_201_with_location_and_full_representation(zaken, zaaktype):
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url))
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["Location"] == body["url"]
    assert response.headers["Content-Crs"] == "EPSG:4326"
    assert body["url"] == f"{ZAKEN}/zaken/{body['uuid']}"
    for name in (
        "deelzaken",
        "eigenschappen",
        "rollen",
        "zaakinformatieobjecten",
        "zaakobjecten",
        "relevanteAndereZaken",
        "kenmerken",
        "productenOfDiensten",
    ):
        assert body[name] == [], name
    assert body["status"] is None and body["resultaat"] is None and body["einddatum"] is None and body["hoofdzaak"] is None
    assert body["archiefstatus"] == "nog_te_archiveren" and body["archiefnominatie"] is None
    assert body["betalingsindicatie"] == "" and body["betalingsindicatieWeergave"] == ""


def test_read_only_fields_are_ignored(zaken, zaaktype):
    zaak = create_zaak(
        zaken, zaaktype.url, einddatum="2026-02-02", status=f"{ZAKEN}/statussen/{uuid.uuid4()}", deelzaken=["x"], url="http://x"
    )
    assert zaak["einddatum"] is None and zaak["status"] is None and zaak["deelzaken"] == []


# ---------------------------------------------------------------- zrc-009 and derived dates


def test_zrc009_vertrouwelijkheidaanduiding_from_the_zaaktype(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi, vertrouwelijkheidaanduiding="zaakvertrouwelijk")
    assert create_zaak(zaken, zaaktype.url)["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"
    explicit = create_zaak(zaken, zaaktype.url, vertrouwelijkheidaanduiding="openbaar")
    assert explicit["vertrouwelijkheidaanduiding"] == "openbaar"
    # a PATCH without it keeps it, with it changes it
    assert zaken.patch(explicit["url"], json={"omschrijving": "x"}).json()["vertrouwelijkheidaanduiding"] == "openbaar"
    assert zaken.patch(explicit["url"], json={"vertrouwelijkheidaanduiding": "geheim"}).json()["vertrouwelijkheidaanduiding"] == "geheim"


def test_zrc009_vertrouwelijkheidaanduiding_null_takes_the_zaaktype(zaken, zaaktype):
    assert create_zaak(zaken, zaaktype.url, vertrouwelijkheidaanduiding=None)["vertrouwelijkheidaanduiding"] == "openbaar"


def test_zrc009_unknown_vertrouwelijkheidaanduiding(zaken, zaaktype):
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url, vertrouwelijkheidaanduiding="heel_geheim"))
    assert_invalid(response, "vertrouwelijkheidaanduiding", "invalid_choice")


def test_planned_dates_derived_from_the_zaaktype_when_omitted(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url, startdatum="2026-01-05")
    assert zaak["einddatumGepland"] == "2026-02-02"  # servicenorm P4W
    assert zaak["uiterlijkeEinddatumAfdoening"] == "2026-03-02"  # doorlooptijd P8W


def test_planned_dates_kept_when_given(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url, einddatumGepland="2026-01-20", uiterlijkeEinddatumAfdoening="2026-01-31")
    assert (zaak["einddatumGepland"], zaak["uiterlijkeEinddatumAfdoening"]) == ("2026-01-20", "2026-01-31")


def test_planned_dates_kept_when_given_null(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url, einddatumGepland=None, uiterlijkeEinddatumAfdoening=None)
    assert zaak["einddatumGepland"] is None and zaak["uiterlijkeEinddatumAfdoening"] is None
    only_one = create_zaak(zaken, zaaktype.url, einddatumGepland=None)
    assert only_one["einddatumGepland"] is None and only_one["uiterlijkeEinddatumAfdoening"] == "2026-03-02"


def test_einddatum_gepland_from_the_doorlooptijd_without_servicenorm(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi, servicenorm=None, doorlooptijd="P1M")
    zaak = create_zaak(zaken, zaaktype.url, startdatum="2026-01-31")
    assert zaak["einddatumGepland"] == "2026-02-28" and zaak["uiterlijkeEinddatumAfdoening"] == "2026-02-28"


def test_planned_dates_not_recomputed_on_update(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    patched = zaken.patch(zaak["url"], json={"startdatum": "2026-06-01"}).json()
    assert patched["einddatumGepland"] == zaak["einddatumGepland"]


# ---------------------------------------------------------------- zrc-010 communicatiekanaal


def test_zrc010_communicatiekanaal_answering_404_is_bad_url(zaken, zaaktype):
    response = zaken.post(
        "/zaken", json=zaak_body(zaaktype.url, communicatiekanaal="https://referentielijsten.example.org/api/v1/communicatiekanalen/x")
    )
    assert_invalid(response, "communicatiekanaal", "bad-url")


def test_zrc010_communicatiekanaal_of_the_wrong_shape_is_invalid_resource(zaken, zaaktype):
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url, communicatiekanaal=zaaktype.url))
    assert_invalid(response, "communicatiekanaal", "invalid-resource")


def test_zrc010_communicatiekanaal_valid(zaken, zaken_app, kernel, catalogi_app, zaaktype):
    transport = RoutingTransport(catalogi_app, {"referentielijsten.example.org": referentielijsten_handler})
    with zaken_client_with(zaken_app, kernel, transport) as client:
        response = client.post("/zaken", json=zaak_body(zaaktype.url, communicatiekanaal=COMMUNICATIEKANAAL))
        assert response.status_code == 201, response.text
        assert response.json()["communicatiekanaal"] == COMMUNICATIEKANAAL
        wrong = client.patch(
            response.json()["url"], json={"communicatiekanaal": "https://referentielijsten.example.org/api/v1/not-a-kanaal"}
        )
        assert_invalid(wrong, "communicatiekanaal", "invalid-resource")
        # empty clears it
        assert client.patch(response.json()["url"], json={"communicatiekanaal": ""}).json()["communicatiekanaal"] == ""


# ---------------------------------------------------------------- selectielijstklasse


def test_selectielijstklasse_answering_404_is_bad_url(zaken, zaaktype):
    response = zaken.post(
        "/zaken", json=zaak_body(zaaktype.url, selectielijstklasse="https://referentielijsten.example.org/api/v1/resultaten/x")
    )
    assert_invalid(response, "selectielijstklasse", "bad-url")


def test_selectielijstklasse_of_the_wrong_shape_is_invalid_resource(zaken, zaaktype):
    assert_invalid(
        zaken.post("/zaken", json=zaak_body(zaaktype.url, selectielijstklasse=zaaktype.url)), "selectielijstklasse", "invalid-resource"
    )


def test_selectielijstklasse_valid(zaken, zaken_app, kernel, catalogi_app, zaaktype):
    transport = RoutingTransport(catalogi_app, {"referentielijsten.example.org": referentielijsten_handler})
    with zaken_client_with(zaken_app, kernel, transport) as client:
        response = client.post("/zaken", json=zaak_body(zaaktype.url, selectielijstklasse=SELECTIELIJSTKLASSE))
        assert response.status_code == 201, response.text
        assert response.json()["selectielijstklasse"] == SELECTIELIJSTKLASSE


# ---------------------------------------------------------------- zrc-011 relevanteAndereZaken


def test_zrc011_relevante_andere_zaken_url_must_resolve(zaken, zaaktype):
    existing = create_zaak(zaken, zaaktype.url)
    body = zaak_body(
        zaaktype.url,
        relevanteAndereZaken=[
            {"url": existing["url"], "aardRelatie": "vervolg"},
            {"url": f"{ZAKEN}/zaken/{uuid.uuid4()}", "aardRelatie": "bijdrage"},
            {"url": "https://zaken.elders.example.org/api/v1/zaken/1", "aardRelatie": "onderwerp"},
        ],
    )
    response = zaken.post("/zaken", json=body)
    assert_invalid(response, "relevanteAndereZaken.1.url", "bad-url")
    assert_invalid(response, "relevanteAndereZaken.2.url", "bad-url")
    assert "relevanteAndereZaken.0.url" not in [p["name"] for p in response.json()["invalidParams"]]


def test_zrc011_relevante_andere_zaken_stored_and_patched(zaken, zaaktype):
    existing = create_zaak(zaken, zaaktype.url)
    zaak = create_zaak(zaken, zaaktype.url, relevanteAndereZaken=[{"url": existing["url"], "aardRelatie": "vervolg"}])
    assert zaak["relevanteAndereZaken"] == [{"url": existing["url"], "aardRelatie": "vervolg"}]
    bad = zaken.patch(zaak["url"], json={"relevanteAndereZaken": [{"url": f"{ZAKEN}/zaken/{uuid.uuid4()}", "aardRelatie": "vervolg"}]})
    assert_invalid(bad, "relevanteAndereZaken.0.url", "bad-url")
    cleared = zaken.patch(zaak["url"], json={"relevanteAndereZaken": []})
    assert cleared.json()["relevanteAndereZaken"] == []


def test_zrc011_relevante_andere_zaken_shape(zaken, zaaktype):
    existing = create_zaak(zaken, zaaktype.url)
    response = zaken.post(
        "/zaken",
        json=zaak_body(zaaktype.url, relevanteAndereZaken=[{"url": existing["url"], "aardRelatie": "iets"}, {"aardRelatie": "vervolg"}]),
    )
    assert_invalid(response, "relevanteAndereZaken.0.aardRelatie", "invalid_choice")


def test_zrc011_relevante_andere_zaken_url_required_names_the_url(zaken, zaaktype):
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url, relevanteAndereZaken=[{"aardRelatie": "vervolg"}]))
    assert_invalid(response, "relevanteAndereZaken.0.url", "required")


# ---------------------------------------------------------------- zrc-012 verlenging / opschorting


def test_zrc012_gegevensgroepen_null_and_always_nested(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url, verlenging=None, opschorting=None)
    assert zaak["verlenging"] == {"reden": "", "duur": None}
    assert zaak["opschorting"] == {"indicatie": False, "reden": ""}
    omitted = create_zaak(zaken, zaaktype.url)
    assert omitted["verlenging"] == {"reden": "", "duur": None}
    assert omitted["opschorting"] == {"indicatie": False, "reden": ""}
    assert zaken.get(zaak["url"]).json()["verlenging"] == {"reden": "", "duur": None}


def test_zrc012_gegevensgroepen_complete(zaken, zaaktype):
    zaak = create_zaak(
        zaken, zaaktype.url, verlenging={"reden": "Drukte", "duur": "P5D"}, opschorting={"indicatie": True, "reden": "Wacht op stukken"}
    )
    assert zaak["verlenging"] == {"reden": "Drukte", "duur": "P5D"}
    assert zaak["opschorting"] == {"indicatie": True, "reden": "Wacht op stukken"}
    cleared = zaken.patch(zaak["url"], json={"verlenging": None, "opschorting": None}).json()
    assert cleared["verlenging"] == {"reden": "", "duur": None}
    assert cleared["opschorting"] == {"indicatie": False, "reden": ""}


@pytest.mark.parametrize(
    "group,value,missing",
    [
        ("verlenging", {}, ["verlenging.reden", "verlenging.duur"]),
        ("verlenging", {"duur": "P5D"}, ["verlenging.reden"]),
        ("verlenging", {"reden": "Drukte"}, ["verlenging.duur"]),
        ("opschorting", {}, ["opschorting.indicatie", "opschorting.reden"]),
        ("opschorting", {"reden": "x"}, ["opschorting.indicatie"]),
        ("opschorting", {"indicatie": True}, ["opschorting.reden"]),
    ],
)
def test_zrc012_incomplete_gegevensgroep_is_required(zaken, zaaktype, group, value, missing):
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url, **{group: value}))
    for name in missing:
        assert_invalid(response, name, "required")
    zaak = create_zaak(zaken, zaaktype.url)
    patched = zaken.patch(zaak["url"], json={group: value})
    for name in missing:
        assert_invalid(patched, name, "required")


def test_zrc012_verlenging_duur_is_a_duration(zaken, zaaktype):
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url, verlenging={"reden": "x", "duur": "vijf dagen"}))
    assert_invalid(response, "verlenging.duur", "invalid")


# ---------------------------------------------------------------- zrc-013 hoofdzaak


def test_zrc013_hoofdzaak_and_deelzaken(zaken, zaaktype):
    hoofdzaak = create_zaak(zaken, zaaktype.url)
    deelzaak = create_zaak(zaken, zaaktype.url, hoofdzaak=hoofdzaak["url"])
    assert deelzaak["hoofdzaak"] == hoofdzaak["url"]
    assert zaken.get(hoofdzaak["url"]).json()["deelzaken"] == [deelzaak["url"]]
    # PATCH away from the hoofdzaak
    assert zaken.patch(deelzaak["url"], json={"hoofdzaak": None}).json()["hoofdzaak"] is None
    assert zaken.get(hoofdzaak["url"]).json()["deelzaken"] == []


def test_zrc013_hoofdzaak_not_a_zaak_is_no_match(zaken, zaaktype):
    assert_invalid(zaken.post("/zaken", json=zaak_body(zaaktype.url, hoofdzaak=zaaktype.url)), "hoofdzaak", "no_match")
    assert_invalid(zaken.post("/zaken", json=zaak_body(zaaktype.url, hoofdzaak="geen-url")), "hoofdzaak", "invalid")


def test_zrc013_unknown_hoofdzaak_does_not_exist(zaken, zaaktype):
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url, hoofdzaak=f"{ZAKEN}/zaken/{uuid.uuid4()}"))
    assert_invalid(response, "hoofdzaak", "does_not_exist")


def test_zrc013_hoofdzaak_self_forbidden(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    assert_invalid(zaken.patch(zaak["url"], json={"hoofdzaak": zaak["url"]}), "hoofdzaak", "self-forbidden")
    assert_invalid(zaken.put(zaak["url"], json=zaak_body(zaaktype.url, hoofdzaak=zaak["url"])), "hoofdzaak", "self-forbidden")


def test_zrc013_deelzaak_als_hoofdzaak(zaken, zaaktype):
    hoofdzaak = create_zaak(zaken, zaaktype.url)
    deelzaak = create_zaak(zaken, zaaktype.url, hoofdzaak=hoofdzaak["url"])
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url, hoofdzaak=deelzaak["url"]))
    assert_invalid(response, "hoofdzaak", "deelzaak-als-hoofdzaak")
    other = create_zaak(zaken, zaaktype.url)
    assert_invalid(zaken.patch(other["url"], json={"hoofdzaak": deelzaak["url"]}), "hoofdzaak", "deelzaak-als-hoofdzaak")


def test_zrc013_a_hoofdzaak_does_not_become_a_deelzaak(zaken, zaaktype):
    """No deelzaken of deelzaken: a zaak with deelzaken cannot get a hoofdzaak itself."""
    hoofdzaak = create_zaak(zaken, zaaktype.url)
    create_zaak(zaken, zaaktype.url, hoofdzaak=hoofdzaak["url"])
    other = create_zaak(zaken, zaaktype.url)
    assert_invalid(zaken.patch(hoofdzaak["url"], json={"hoofdzaak": other["url"]}), "hoofdzaak", "deelzaak-als-hoofdzaak")


# ---------------------------------------------------------------- zrc-014 betaling


def test_zrc014_betaling_nvt_with_laatste_betaaldatum(zaken, zaaktype):
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url, betalingsindicatie="nvt", laatsteBetaaldatum="2026-01-05T10:00:00Z"))
    assert_invalid(response, "laatsteBetaaldatum", "betaling-nvt")


def test_zrc014_switching_to_nvt_clears_laatste_betaaldatum(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url, betalingsindicatie="geheel", laatsteBetaaldatum="2026-01-05T10:00:00Z")
    assert zaak["laatsteBetaaldatum"] == "2026-01-05T10:00:00Z"
    assert zaak["betalingsindicatieWeergave"] == "De met de zaak gemoeide kosten zijn geheel betaald."
    patched = zaken.patch(zaak["url"], json={"betalingsindicatie": "nvt"})
    assert patched.status_code == 200, patched.text
    assert patched.json()["laatsteBetaaldatum"] is None
    assert patched.json()["betalingsindicatie"] == "nvt"
    # and then a betaaldatum on the nvt zaak is refused
    assert_invalid(zaken.patch(zaak["url"], json={"laatsteBetaaldatum": "2026-01-05T10:00:00Z"}), "laatsteBetaaldatum", "betaling-nvt")
    # null is fine
    assert zaken.patch(zaak["url"], json={"laatsteBetaaldatum": None}).status_code == 200


def test_zrc014_laatste_betaaldatum_stored_in_utc(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url, betalingsindicatie="geheel", laatsteBetaaldatum="2026-01-05T10:00:00+02:00")
    assert zaak["laatsteBetaaldatum"] == "2026-01-05T08:00:00Z"
    response = zaken.get(zaak["url"])
    assert response.json() == zaak
    naive = create_zaak(zaken, zaaktype.url, betalingsindicatie="geheel", laatsteBetaaldatum="2026-01-05T10:00:00")
    assert naive["laatsteBetaaldatum"] == "2026-01-05T10:00:00Z"


def test_zrc014_laatste_betaaldatum_not_in_the_future(zaken, zaaktype):
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url, betalingsindicatie="geheel", laatsteBetaaldatum="2999-01-01T00:00:00Z"))
    assert_invalid(response, "laatsteBetaaldatum", "future_not_allowed")


def test_zrc014_betalingsindicatie_enum(zaken, zaaktype):
    assert_invalid(
        zaken.post("/zaken", json=zaak_body(zaaktype.url, betalingsindicatie="misschien")), "betalingsindicatie", "invalid_choice"
    )


# ---------------------------------------------------------------- zrc-015 producten of diensten


def test_zrc015_producten_of_diensten_of_the_zaaktype(zaken, zaaktype):
    allowed = "https://producten.example.org/parkeervergunning"
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url, productenOfDiensten=[allowed, "https://producten.example.org/anders"]))
    assert_invalid(response, "productenOfDiensten", "invalid-products-services")
    zaak = create_zaak(zaken, zaaktype.url, productenOfDiensten=[allowed])
    assert zaak["productenOfDiensten"] == [allowed]
    bad = zaken.patch(zaak["url"], json={"productenOfDiensten": ["https://producten.example.org/anders"]})
    assert_invalid(bad, "productenOfDiensten", "invalid-products-services")
    assert zaken.patch(zaak["url"], json={"productenOfDiensten": []}).json()["productenOfDiensten"] == []


# ---------------------------------------------------------------- zrc-022 archiefstatus


def test_zrc022_archiefstatus_needs_archiefnominatie(zaken, zaaktype):
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url, archiefstatus="gearchiveerd", archiefactiedatum="2030-01-01"))
    assert_invalid(response, "archiefnominatie", "archiefnominatie-not-set")


def test_zrc022_archiefstatus_needs_archiefactiedatum(zaken, zaaktype):
    response = zaken.post("/zaken", json=zaak_body(zaaktype.url, archiefstatus="overgedragen", archiefnominatie="blijvend_bewaren"))
    assert_invalid(response, "archiefactiedatum", "archiefactiedatum-not-set")


def test_zrc022_archiefstatus_with_both(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url, archiefstatus="gearchiveerd", archiefnominatie="vernietigen", archiefactiedatum="2030-01-01")
    assert (zaak["archiefstatus"], zaak["archiefnominatie"], zaak["archiefactiedatum"]) == ("gearchiveerd", "vernietigen", "2030-01-01")


def test_zrc022_on_patch_current_values_count(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url, archiefnominatie="vernietigen")
    assert_invalid(zaken.patch(zaak["url"], json={"archiefstatus": "gearchiveerd"}), "archiefactiedatum", "archiefactiedatum-not-set")
    ok = zaken.patch(zaak["url"], json={"archiefstatus": "gearchiveerd", "archiefactiedatum": "2030-01-01"})
    assert ok.status_code == 200, ok.text
    # clearing the nominatie of an archived zaak is refused
    assert_invalid(zaken.patch(zaak["url"], json={"archiefnominatie": None}), "archiefnominatie", "archiefnominatie-not-set")


def test_zrc022_archiefstatus_needs_archived_documents(zaken, zaken_app, kernel, catalogi_app, zaaktype):
    import httpx

    from services.zaken.zaakinformatieobject.models import ZaakInformatieObject
    from tests.zaken.zaak_helpers import NOW, zaak_id

    statuses = {"https://drc.example.org/api/v1/enkelvoudiginformatieobjecten/1": "definitief"}

    def drc(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"url": str(request.url), "status": statuses[str(request.url)]}, headers={"ETag": '"1"'})

    zaak = create_zaak(zaken, zaaktype.url, archiefnominatie="vernietigen", archiefactiedatum="2030-01-01")
    with zaken_app.state.db.session() as session:
        session.add(
            ZaakInformatieObject(zaak_id=zaak_id(zaken_app, zaak["url"]), informatieobject=next(iter(statuses)), registratiedatum=NOW)
        )
        session.commit()
    with zaken_client_with(zaken_app, kernel, RoutingTransport(catalogi_app, {"drc.example.org": drc})) as client:
        assert_invalid(client.patch(zaak["url"], json={"archiefstatus": "gearchiveerd"}), "archiefstatus", "documents-not-archived")
        # archived right before: read as it is now, not from the cache
        statuses[next(iter(statuses))] = "gearchiveerd"
        response = client.patch(zaak["url"], json={"archiefstatus": "gearchiveerd"})
        assert response.status_code == 200, response.text


def test_zrc022_archiefstatus_enum(zaken, zaaktype):
    assert_invalid(zaken.post("/zaken", json=zaak_body(zaaktype.url, archiefstatus="weg")), "archiefstatus", "invalid_choice")


# ---------------------------------------------------------------- other fields


def test_kenmerken_processobject_geometry_roundtrip(zaken, zaaktype):
    processobject = {"datumkenmerk": "a", "identificatie": "b", "objecttype": "c", "registratie": "d"}
    zaak = create_zaak(
        zaken,
        zaaktype.url,
        kenmerken=[{"kenmerk": "K1", "bron": "B"}],
        processobject=processobject,
        processobjectaard="vergunning",
        zaakgeometrie={"type": "Point", "coordinates": [4.9, 52.37]},
        startdatumBewaartermijn="2030-01-01",
        opdrachtgevendeOrganisatie="002220647",
        publicatiedatum="2026-01-10",
        toelichting="t",
    )
    assert zaak["kenmerken"] == [{"kenmerk": "K1", "bron": "B"}]
    assert zaak["processobject"] == processobject
    assert zaak["zaakgeometrie"] == {"type": "Point", "coordinates": [4.9, 52.37]}
    assert zaak["startdatumBewaartermijn"] == "2030-01-01"
    assert zaken.get(zaak["url"]).json() == zaak
    assert_invalid(
        zaken.post("/zaken", json=zaak_body(zaaktype.url, processobject={"datumkenmerk": "a"})), "processobject.identificatie", "required"
    )
    assert_invalid(zaken.post("/zaken", json=zaak_body(zaaktype.url, zaakgeometrie={"type": "Point"})), "zaakgeometrie", "invalid")
    assert_invalid(
        zaken.post("/zaken", json=zaak_body(zaaktype.url, zaakgeometrie={"type": "Cirkel", "coordinates": [1, 2]})),
        "zaakgeometrie.type",
        "invalid_choice",
    )


@pytest.mark.parametrize("field,value", [("omschrijving", "x" * 81), ("toelichting", "x" * 1001)])
def test_max_lengths(zaken, zaaktype, field, value):
    assert_invalid(zaken.post("/zaken", json=zaak_body(zaaktype.url, **{field: value})), field, "max_length")


def test_put_needs_the_required_fields(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    assert_invalid(zaken.put(zaak["url"], json={"omschrijving": "x"}), "bronorganisatie", "required")


def test_patch_null_on_a_required_field(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    assert_invalid(zaken.patch(zaak["url"], json={"startdatum": None}), "startdatum", "null")
    assert_invalid(zaken.patch(zaak["url"], json={"bronorganisatie": None}), "bronorganisatie", "null")


def test_unknown_zaak_is_404(zaken):
    for method in ("get", "patch", "delete"):
        response = getattr(zaken, method)(f"/zaken/{uuid.uuid4()}", **({"json": {}} if method == "patch" else {}))
        assert response.status_code == 404, (method, response.text)
    assert zaken.get("/zaken/geen-uuid").status_code == 404


def test_malformed_json_body(zaken, zaaktype):
    response = zaken.post("/zaken", content=b"{niet json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400, response.text


# ---------------------------------------------------------------- zrc-007 closed zaak


def test_zrc007_closed_zaak_changes_only_with_geforceerd_bijwerken(zaken, zaken_app, grant, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    close_zaak(zaken_app, zaak["url"])
    grant(
        "bijwerker",
        [{"scopes": ["zaken.lezen", "zaken.bijwerken"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "zeer_geheim"}],
    )
    grant(
        "forceerder",
        [
            {
                "scopes": ["zaken.lezen", "zaken.geforceerd-bijwerken"],
                "zaaktype": zaaktype.url,
                "maxVertrouwelijkheidaanduiding": "zeer_geheim",
            }
        ],
    )
    assert zaken.as_client("bijwerker").patch(zaak["url"], json={"omschrijving": "x"}).status_code == 403
    # validation first: 400 beats 403
    assert_invalid(
        zaken.as_client("bijwerker").patch(zaak["url"], json={"identificatie": "ANDERS"}), "identificatie", "wijzigen-niet-toegelaten"
    )
    forced = zaken.as_client("forceerder").patch(zaak["url"], json={"omschrijving": "geforceerd"})
    assert forced.status_code == 200, forced.text
    assert forced.json()["einddatum"] == "2026-02-01"


# ---------------------------------------------------------------- zrc-023 delete


def test_zrc023_delete_cascades(zaken, zaken_app, zaaktype):
    from services.zaken import models

    hoofdzaak = create_zaak(zaken, zaaktype.url)
    deelzaak = create_zaak(zaken, zaaktype.url, hoofdzaak=hoofdzaak["url"])
    add_rows(zaken_app, hoofdzaak["url"])
    add_rows(zaken_app, deelzaak["url"])
    keep = create_zaak(zaken, zaaktype.url)
    add_rows(zaken_app, keep["url"])
    assert zaken.get(f"{hoofdzaak['url']}/audittrail").status_code == 200

    response = zaken.delete(hoofdzaak["url"], headers={"Accept-Crs": None, "Content-Crs": None})
    assert response.status_code == 204, response.text
    assert response.content == b""
    assert zaken.get(hoofdzaak["url"]).status_code == 404
    assert zaken.get(deelzaak["url"]).status_code == 404
    assert zaken.get(f"{hoofdzaak['url']}/audittrail").status_code == 404
    assert zaken.get(f"{deelzaak['url']}/audittrail").status_code == 404
    for model in (
        models.Status,
        models.Rol,
        models.Resultaat,
        models.ZaakObject,
        models.ZaakInformatieObject,
        models.ZaakEigenschap,
        models.KlantContact,
        models.ZaakContactMoment,
        models.ZaakVerzoek,
    ):
        assert count_rows(zaken_app, model) == 1, model  # only those of `keep`
    assert zaken.get("/zaken").json()["count"] == 1
    assert zaken.get(f"{keep['url']}/audittrail").status_code == 200


def test_zrc023_deleting_a_deelzaak_keeps_the_hoofdzaak(zaken, zaaktype):
    hoofdzaak = create_zaak(zaken, zaaktype.url)
    deelzaak = create_zaak(zaken, zaaktype.url, hoofdzaak=hoofdzaak["url"])
    assert zaken.delete(deelzaak["url"]).status_code == 204
    remaining = zaken.get(hoofdzaak["url"])
    assert remaining.status_code == 200 and remaining.json()["deelzaken"] == []


def test_zrc023_delete_with_related_besluiten_is_refused(zaken, zaken_app, zaaktype):
    from services.zaken.zaakbesluit.models import ZaakBesluit
    from tests.zaken.zaak_helpers import zaak_id

    zaak = create_zaak(zaken, zaaktype.url)
    with zaken_app.state.db.session() as session:
        session.add(ZaakBesluit(zaak_id=zaak_id(zaken_app, zaak["url"]), besluit="https://brc.example.org/besluiten/1"))
        session.commit()
    assert_invalid(zaken.delete(zaak["url"]), "nonFieldErrors", "related-besluiten")
    assert zaken.get(zaak["url"]).status_code == 200


def test_zrc023_delete_sends_destroy_and_removes_only_this_trail(zaken, zaken_outbox, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    assert zaken.delete(zaak["url"]).status_code == 204
    last = zaken_outbox()[-1]
    assert (last["actie"], last["resource"], last["resourceUrl"], last["hoofdObject"]) == ("destroy", "zaak", zaak["url"], zaak["url"])


def test_delete_twice_is_404(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    assert zaken.delete(zaak["url"]).status_code == 204
    assert zaken.delete(zaak["url"]).status_code == 404


def test_zaak_uuid_in_urls(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    assert uuid_of(zaak["url"]) == uuid.UUID(zaak["uuid"])


# ---------------------------------------------------------------- ETag / HEAD


def test_etag_head_and_if_none_match(zaken, zaken_app, zaaktype):
    created = zaken.post(
        "/zaken", json=zaak_body(zaaktype.url, betalingsindicatie="geheel", laatsteBetaaldatum="2026-01-05T10:00:00+01:00")
    )
    zaak = created.json()
    response = zaken.get(zaak["url"])
    etag = response.headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    # the representation of the create is the one a GET gives
    assert created.headers["ETag"] == etag and response.json() == zaak
    head = zaken.head(zaak["url"])
    assert head.status_code == 200 and head.content == b""
    assert head.headers["ETag"] == etag
    assert head.headers["Content-Crs"] == "EPSG:4326"
    not_modified = zaken.get(zaak["url"], headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified.headers["ETag"] == etag
    assert zaken.head(zaak["url"], headers={"If-None-Match": etag}).status_code == 304
    assert zaken.get(zaak["url"], headers={"If-None-Match": '"ander"'}).status_code == 200
    # a change gives a new ETag, also a change through a sub-resource
    patched = zaken.patch(zaak["url"], json={"omschrijving": "anders"})
    assert patched.headers["ETag"] != etag
    assert zaken.get(zaak["url"], headers={"If-None-Match": etag}).status_code == 200
    after_patch = zaken.get(zaak["url"]).headers["ETag"]
    assert after_patch == patched.headers["ETag"]
    add_rows(zaken_app, zaak["url"])
    assert zaken.get(zaak["url"]).headers["ETag"] != after_patch


def test_head_of_unknown_zaak(zaken):
    assert zaken.head(f"/zaken/{uuid.uuid4()}").status_code == 404
