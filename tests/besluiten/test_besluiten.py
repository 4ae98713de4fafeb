"""The besluit resource: its operations, brc-001 and brc-002, autorisaties per besluittype, the
audit trail and the notifications on kanaal `besluiten`."""

import datetime as dt
import uuid
from concurrent.futures import ThreadPoolExecutor

from tests.besluiten.factories import besluit_body, create_besluit, published_besluittype
from tests.catalogi import factories as ztc
from tests.conftest import assert_invalid


def test_create_generates_an_identificatie_and_shows_every_field(besluiten, catalogi):
    besluittype = published_besluittype(catalogi)
    response = besluiten.post("/besluiten", json=besluit_body(besluittype["url"], vervalreden="tijdelijk", vervaldatum="2027-01-01"))
    assert response.status_code == 201, response.text
    besluit = response.json()
    assert response.headers["Location"] == besluit["url"]
    assert besluit["identificatie"].startswith("BESLUIT-")
    assert besluit["verantwoordelijkeOrganisatie"] == "000000000"
    assert besluit["besluittype"] == besluittype["url"]
    assert besluit["zaak"] == ""
    assert (besluit["datum"], besluit["ingangsdatum"], besluit["vervaldatum"]) == ("2026-01-05", "2026-01-06", "2027-01-01")
    assert (besluit["vervalreden"], besluit["vervalredenWeergave"]) == ("tijdelijk", "Besluit met tijdelijke werking")
    assert besluit["publicatiedatum"] is None and besluit["bestuursorgaan"] == ""
    assert besluiten.get(besluit["url"]).json() == besluit


def test_brc_001_besluittype_must_resolve_to_a_published_besluittype(besluiten, catalogi):
    missing = f"http://testserver/catalogi/api/v1/besluittypen/{uuid.uuid4()}"
    assert_invalid(besluiten.post("/besluiten", json=besluit_body(missing)), "besluittype", "bad-url")
    catalogus = ztc.create_catalogus(catalogi)["url"]
    assert_invalid(besluiten.post("/besluiten", json=besluit_body(catalogus)), "besluittype", "invalid-resource")
    concept = ztc.create_besluittype(catalogi, catalogus)
    assert_invalid(besluiten.post("/besluiten", json=besluit_body(concept["url"])), "besluittype", "not-published")


def test_brc_002_identificatie_is_unique_per_verantwoordelijke_organisatie(besluiten, catalogi):
    besluittype = published_besluittype(catalogi)["url"]
    create_besluit(besluiten, besluittype, identificatie="B-1")
    taken = besluiten.post("/besluiten", json=besluit_body(besluittype, identificatie="B-1"))
    assert_invalid(taken, "identificatie", "identificatie-niet-uniek")
    # another organisation may have its own B-1
    create_besluit(besluiten, besluittype, identificatie="B-1", verantwoordelijkeOrganisatie="245122461")


def test_brc_002_concurrent_creates_get_distinct_identificaties(besluiten, catalogi):
    besluittype = published_besluittype(catalogi)["url"]
    with ThreadPoolExecutor(4) as pool:
        responses = list(pool.map(lambda _: besluiten.post("/besluiten", json=besluit_body(besluittype)), range(8)))
    assert [r.status_code for r in responses] == [201] * 8
    assert len({r.json()["identificatie"] for r in responses}) == 8


def test_verantwoordelijke_organisatie_is_an_rsin(besluiten, catalogi):
    besluittype = published_besluittype(catalogi)["url"]
    assert_invalid(
        besluiten.post("/besluiten", json=besluit_body(besluittype, verantwoordelijkeOrganisatie="123456789")),
        "verantwoordelijkeOrganisatie",
        "invalid",
    )


def test_update_and_partial_update_keep_identificatie_organisatie_and_besluittype(besluiten, catalogi):
    besluittype = published_besluittype(catalogi)
    besluit = create_besluit(besluiten, besluittype["url"])
    body = besluit_body(besluittype["url"], identificatie=besluit["identificatie"], toelichting="Herzien")
    response = besluiten.put(besluit["url"], json=body)
    assert response.status_code == 200, response.text
    assert response.json()["toelichting"] == "Herzien"
    response = besluiten.patch(besluit["url"], json={"bestuursorgaan": "College van B&W", "vervaldatum": "2027-01-01"})
    assert response.status_code == 200, response.text
    assert (response.json()["bestuursorgaan"], response.json()["toelichting"]) == ("College van B&W", "Herzien")
    other = published_besluittype(catalogi, catalogus=besluittype["catalogus"], omschrijving="Ander besluit")
    assert_invalid(besluiten.patch(besluit["url"], json={"besluittype": other["url"]}), "besluittype", "wijzigen-niet-toegelaten")
    assert_invalid(besluiten.put(besluit["url"], json={**body, "besluittype": other["url"]}), "besluittype", "wijzigen-niet-toegelaten")
    assert_invalid(besluiten.patch(besluit["url"], json={"identificatie": "ANDERS"}), "identificatie", "wijzigen-niet-toegelaten")
    changed = besluiten.patch(besluit["url"], json={"verantwoordelijkeOrganisatie": "245122461"})
    assert_invalid(changed, "verantwoordelijkeOrganisatie", "wijzigen-niet-toegelaten")


def test_list_filters_and_pagination(besluiten, catalogi):
    besluittype = published_besluittype(catalogi)
    other = published_besluittype(catalogi, catalogus=besluittype["catalogus"], omschrijving="Ander besluit")
    first = create_besluit(besluiten, besluittype["url"], identificatie="B-1")
    second = create_besluit(besluiten, other["url"], identificatie="B-2", verantwoordelijkeOrganisatie="245122461")

    def urls(**params):
        response = besluiten.get("/besluiten", params=params)
        assert response.status_code == 200, response.text
        return [b["url"] for b in response.json()["results"]]

    assert urls() == [first["url"], second["url"]]
    assert urls(identificatie="B-2") == [second["url"]]
    assert urls(verantwoordelijkeOrganisatie="000000000") == [first["url"]]
    assert urls(besluittype=other["url"]) == [second["url"]]
    assert urls(zaak="http://testserver/zaken/api/v1/zaken/" + str(uuid.uuid4())) == []
    page = besluiten.get("/besluiten").json()
    assert (page["count"], page["next"], page["previous"]) == (2, None, None)


def test_head_and_etag(besluiten, catalogi):
    besluit = create_besluit(besluiten, published_besluittype(catalogi)["url"])
    head = besluiten.head(besluit["url"])
    assert head.status_code == 200 and head.content == b""
    etag = head.headers["ETag"]
    assert besluiten.get(besluit["url"]).headers["ETag"] == etag
    assert besluiten.get(besluit["url"], headers={"If-None-Match": etag}).status_code == 304
    besluiten.patch(besluit["url"], json={"toelichting": "Anders"})
    assert besluiten.get(besluit["url"], headers={"If-None-Match": etag}).status_code == 200


def test_audittrail_records_each_write_and_goes_with_the_besluit(besluiten, catalogi):
    besluit = create_besluit(besluiten, published_besluittype(catalogi)["url"])
    besluiten.patch(besluit["url"], json={"toelichting": "Anders"}, headers={"X-Audit-Toelichting": "correctie"})
    trail = besluiten.get(f"{besluit['url']}/audittrail")
    assert trail.status_code == 200, trail.text
    records = trail.json()
    assert [(r["bron"], r["actie"], r["resource"], r["hoofdObject"]) for r in records] == [
        ("brc", "create", "besluit", besluit["url"]),
        ("brc", "partial_update", "besluit", besluit["url"]),
    ]
    assert records[1]["toelichting"] == "correctie"
    assert records[1]["wijzigingen"]["nieuw"]["toelichting"] == "Anders"
    one = besluiten.get(f"{besluit['url']}/audittrail/{records[0]['uuid']}")
    assert one.status_code == 200 and one.json() == records[0]
    assert besluiten.delete(besluit["url"]).status_code == 204
    assert besluiten.get(besluit["url"]).status_code == 404
    assert besluiten.get(f"{besluit['url']}/audittrail").status_code == 404


def test_notifications_on_kanaal_besluiten(besluiten, catalogi, besluiten_outbox):
    besluittype = published_besluittype(catalogi)["url"]
    besluit = create_besluit(besluiten, besluittype)
    besluiten.patch(besluit["url"], json={"toelichting": "Anders"})
    besluiten.delete(besluit["url"])
    messages = besluiten_outbox()
    assert [(m["kanaal"], m["resource"], m["actie"], m["hoofdObject"]) for m in messages] == [
        ("besluiten", "besluit", action, besluit["url"]) for action in ("create", "partial_update", "destroy")
    ]
    assert messages[0]["kenmerken"] == {"verantwoordelijke_organisatie": "000000000", "besluittype": besluittype}


def test_autorisaties_per_besluittype_in_the_list_and_the_detail(besluiten, catalogi, besluiten_grant):
    besluittype = published_besluittype(catalogi)
    other = published_besluittype(catalogi, catalogus=besluittype["catalogus"], omschrijving="Ander besluit")
    mine = create_besluit(besluiten, besluittype["url"])
    theirs = create_besluit(besluiten, other["url"])
    besluiten_grant("beperkt", [{"scopes": ["besluiten.lezen"], "besluittype": besluittype["url"]}])
    client = besluiten.as_client("beperkt")
    assert [b["url"] for b in client.get("/besluiten").json()["results"]] == [mine["url"]]
    assert client.get(mine["url"]).status_code == 200
    assert client.get(theirs["url"]).status_code == 403
    assert client.post("/besluiten", json=besluit_body(besluittype["url"])).status_code == 403
    besluiten_grant("schrijver", [{"scopes": ["besluiten.aanmaken"], "besluittype": besluittype["url"]}])
    writer = besluiten.as_client("schrijver")
    assert writer.post("/besluiten", json=besluit_body(besluittype["url"])).status_code == 201
    assert writer.post("/besluiten", json=besluit_body(other["url"])).status_code == 403


def test_catalogus_autorisatie_reaches_every_besluittype_of_it(besluiten, catalogi, besluiten_grant):
    besluittype = published_besluittype(catalogi)
    besluit = create_besluit(besluiten, besluittype["url"])
    besluiten_grant("catalogus", [{"scopes": ["besluiten.lezen"], "catalogus": besluittype["catalogus"]}])
    client = besluiten.as_client("catalogus")
    assert [b["url"] for b in client.get("/besluiten").json()["results"]] == [besluit["url"]]


def test_unknown_besluit_is_404(besluiten):
    assert besluiten.get(f"/besluiten/{uuid.uuid4()}").status_code == 404


def test_datum_is_not_in_the_future(besluiten, catalogi):
    besluittype = published_besluittype(catalogi)["url"]
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert_invalid(besluiten.post("/besluiten", json=besluit_body(besluittype, datum=tomorrow)), "datum", "future_not_allowed")
    besluit = create_besluit(besluiten, besluittype)
    assert_invalid(besluiten.patch(besluit["url"], json={"datum": tomorrow}), "datum", "future_not_allowed")


def test_health_readiness_and_metrics(besluiten):
    for path in ("/healthz", "/readyz"):
        assert besluiten.client.get(path).status_code == 200
    besluiten.get("/besluiten")
    metrics = besluiten.client.get("/metrics")
    assert metrics.status_code == 200 and "zgw_http_request_duration_seconds" in metrics.text
