"""STATUS: POST/GET/HEAD /statussen and the rules of setting a status (zrc-007, zrc-008, zrc-016)."""

import datetime as dt
import uuid

import httpx

from tests.conftest import QueryCounter, assert_invalid, requires_shared
from tests.zaken.factories import create_status, create_zaak, published_zaaktype
from tests.zaken.status_helpers import add_rol, add_zio, closable_zaak, close, serve_remote
from tests.zaken.zaak_helpers import RoutingTransport, zaken_client_with

DOC = "http://documenten.test/api/v1/enkelvoudiginformatieobjecten/"
needs_resultaattypen = requires_shared("referentielijsten")


def status_body(zaak_url: str, statustype: str, datum: str = "2026-01-06T10:00:00Z", **extra) -> dict:
    return {"zaak": zaak_url, "statustype": statustype, "datumStatusGezet": datum, **extra}


# ------------------------------------------------------------------ create and read


def test_create_status(zaken, catalogi, zaken_outbox):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    response = zaken.post(
        "/statussen", json=status_body(zaak["url"], zaaktype.statustypen[0], "2026-01-06T10:00:00+01:00", statustoelichting="ontvangen")
    )
    assert response.status_code == 201, response.text
    status = response.json()
    assert response.headers["Location"] == status["url"]
    assert status == {
        "url": f"http://testserver/zaken/api/v1/statussen/{status['uuid']}",
        "uuid": status["uuid"],
        "zaak": zaak["url"],
        "statustype": zaaktype.statustypen[0],
        "datumStatusGezet": "2026-01-06T09:00:00Z",
        "statustoelichting": "ontvangen",
        "indicatieLaatstGezetteStatus": True,
        "gezetdoor": None,
        "zaakinformatieobjecten": [],
    }
    assert zaken.get(status["url"]).json() == status
    assert zaken.get(zaak["url"]).json()["status"] == status["url"]
    # one notification `status` `create` with the kenmerken of the zaak
    message = zaken_outbox()[-1]
    assert message["kanaal"] == "zaken"
    assert message["resource"] == "status" and message["actie"] == "create"
    assert message["hoofdObject"] == zaak["url"] and message["resourceUrl"] == status["url"]
    assert message["kenmerken"] == {
        "bronorganisatie": zaak["bronorganisatie"],
        "zaaktype": zaaktype.url,
        "vertrouwelijkheidaanduiding": "openbaar",
    }
    trail = zaken.get(f"{zaak['url']}/audittrail")
    if trail.status_code == 200:  # the audit trail endpoint may be another helper's
        assert any(r["resource"] == "status" and r["actie"] == "create" for r in trail.json())


def test_a_status_write_serialises_the_status_once(zaken, catalogi, monkeypatch):
    """The response of a create is what its audit record took as `nieuw` (for a status the
    serialisation is a query), built from what the write knows, not read back; it is what a read
    of it shows."""
    from services.zaken.status.service import StatusService

    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    calls = []
    serialize = StatusService.serialize

    def counting(self, ctx, objects):
        calls.append(len(objects))
        return serialize(self, ctx, objects)

    monkeypatch.setattr(StatusService, "serialize", counting)
    response = zaken.post("/statussen", json=status_body(zaak["url"], zaaktype.statustypen[0]))
    assert response.status_code == 201, response.text
    assert calls == []
    monkeypatch.undo()
    record = [r for r in zaken.get(f"{zaak['url']}/audittrail").json() if r["resource"] == "status"][-1]
    assert record["wijzigingen"]["nieuw"] == response.json() == zaken.get(response.json()["url"]).json()


def test_a_status_set_before_a_later_one_is_not_the_latest_in_its_response(zaken, catalogi):
    """The create's response (built without reading the status back) says indicatieLaatstGezetteStatus
    as a read does: false for a status set at a moment before the zaak's latest one."""
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    later = zaken.post("/statussen", json=status_body(zaak["url"], zaaktype.statustypen[0], datum="2020-02-01T00:00:00Z"))
    earlier = zaken.post("/statussen", json=status_body(zaak["url"], zaaktype.statustypen[0], datum="2020-01-01T00:00:00Z"))
    assert (later.status_code, earlier.status_code) == (201, 201), earlier.text
    assert earlier.json()["indicatieLaatstGezetteStatus"] is False
    assert later.json()["indicatieLaatstGezetteStatus"] is True
    assert zaken.get(earlier.json()["url"]).json() == earlier.json()


def test_required_fields_of_a_status(zaken, catalogi):
    response = zaken.post("/statussen", json={})
    for name in ("zaak", "statustype", "datumStatusGezet"):
        assert_invalid(response, name, "required")


def test_status_of_an_unknown_zaak(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    response = zaken.post("/statussen", json=status_body(f"http://testserver/zaken/api/v1/zaken/{uuid.uuid4()}", zaaktype.statustypen[0]))
    assert_invalid(response, "zaak", "object-does-not-exist")
    response = zaken.post("/statussen", json=status_body("http://elders.test/iets/1", zaaktype.statustypen[0]))
    assert_invalid(response, "zaak", "no_match")


def test_indicatie_laatst_gezette_status_is_the_latest_datum_status_gezet(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    later = create_status(zaken, zaak["url"], zaaktype.statustypen[1], "2026-01-08T10:00:00Z")
    # set afterwards, but dated earlier: not the latest
    earlier = create_status(zaken, zaak["url"], zaaktype.statustypen[0], "2026-01-07T10:00:00Z")
    assert later["indicatieLaatstGezetteStatus"] is True
    assert earlier["indicatieLaatstGezetteStatus"] is False
    assert zaken.get(later["url"]).json()["indicatieLaatstGezetteStatus"] is True
    assert zaken.get(zaak["url"]).json()["status"] == later["url"]
    newest = create_status(zaken, zaak["url"], zaaktype.statustypen[0], "2026-01-09T10:00:00Z")
    assert newest["indicatieLaatstGezetteStatus"] is True
    assert zaken.get(later["url"]).json()["indicatieLaatstGezetteStatus"] is False


def test_status_detail_etag_head_and_304(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    status = create_status(zaken, zaak["url"], zaaktype.statustypen[0])
    response = zaken.get(status["url"])
    etag = response.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    head = zaken.head(status["url"])
    assert head.status_code == 200 and head.headers["ETag"] == etag and head.content == b""
    assert zaken.get(status["url"], headers={"If-None-Match": etag}).status_code == 304
    assert zaken.head(status["url"], headers={"If-None-Match": etag}).status_code == 304
    # a later status changes indicatieLaatstGezetteStatus, so the representation and its ETag
    create_status(zaken, zaak["url"], zaaktype.statustypen[1], "2026-01-07T10:00:00Z")
    changed = zaken.get(status["url"], headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert zaken.get(f"/statussen/{uuid.uuid4()}").status_code == 404


def test_statussen_have_no_update_or_delete(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    status = create_status(zaken, zaak["url"], zaaktype.statustypen[0])
    assert zaken.put(status["url"], json=status_body(zaak["url"], zaaktype.statustypen[0])).status_code == 405
    assert zaken.patch(status["url"], json={"statustoelichting": "x"}).status_code == 405
    assert zaken.delete(status["url"]).status_code == 405


# ------------------------------------------------------------------ list


def test_status_list_filters_and_ordering(zaken, catalogi, zaken_app):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    other = create_zaak(zaken, zaaktype.url)
    s1 = create_status(zaken, zaak["url"], zaaktype.statustypen[0], "2026-01-06T10:00:00Z")
    s3 = create_status(zaken, zaak["url"], zaaktype.statustypen[1], "2026-01-08T10:00:00Z")
    s2 = create_status(zaken, zaak["url"], zaaktype.statustypen[0], "2026-01-07T10:00:00Z")
    o1 = create_status(zaken, other["url"], zaaktype.statustypen[0], "2026-01-10T10:00:00Z")

    def urls(**params):
        response = zaken.get("/statussen", params=params)
        assert response.status_code == 200, response.text
        return [s["url"] for s in response.json()["results"]]

    listed = zaken.get("/statussen").json()
    assert listed["count"] == 4 and listed["next"] is None and listed["previous"] is None
    # newest datumStatusGezet first
    assert urls() == [o1["url"], s3["url"], s2["url"], s1["url"]]
    assert urls(zaak=zaak["url"]) == [s3["url"], s2["url"], s1["url"]]
    assert urls(statustype=zaaktype.statustypen[1]) == [s3["url"]]
    assert urls(indicatieLaatstGezetteStatus="true") == [o1["url"], s3["url"]]
    assert urls(indicatieLaatstGezetteStatus="false") == [s2["url"], s1["url"]]
    assert urls(zaak=zaak["url"], indicatieLaatstGezetteStatus="true") == [s3["url"]]
    assert urls(zaak=f"http://testserver/zaken/api/v1/zaken/{uuid.uuid4()}") == []
    flags = {s["url"]: s["indicatieLaatstGezetteStatus"] for s in listed["results"]}
    assert flags == {o1["url"]: True, s3["url"]: True, s2["url"]: False, s1["url"]: False}

    assert_invalid(zaken.get("/statussen", params={"onbekend": "1"}), "nonFieldErrors", "unknown-parameters")
    assert_invalid(zaken.get("/statussen", params={"indicatieLaatstGezetteStatus": "misschien"}), "indicatieLaatstGezetteStatus", "invalid")
    assert_invalid(zaken.get("/statussen", params={"zaak": "geen-url"}), "zaak", "invalid")


def test_status_list_queries_do_not_grow_with_the_page(zaken, catalogi, zaken_app):
    """No N+1: indicatieLaatstGezetteStatus, gezetdoor and zaakinformatieobjecten come per page."""
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    create_status(zaken, zaak["url"], zaaktype.statustypen[0], "2026-01-06T10:00:00Z")
    with QueryCounter(zaken_app.state.db.engine) as few:
        zaken.get("/statussen")
    for day in range(7, 15):
        status = create_status(zaken, zaak["url"], zaaktype.statustypen[0], f"2026-01-{day:02d}T10:00:00Z")
        add_zio(zaken_app, zaak["url"], f"{DOC}{day}", status["url"])
    with QueryCounter(zaken_app.state.db.engine) as many:
        listed = zaken.get("/statussen").json()
    assert listed["count"] == 9
    assert many.count == few.count
    assert all(len(s["zaakinformatieobjecten"]) == 1 for s in listed["results"][:8])


def test_a_limited_client_lists_only_statussen_of_its_zaaktype(zaken, catalogi, grant):
    """zrc-006 on statussen: lists filtered, a detail outside the autorisaties is a 403."""
    mine = published_zaaktype(catalogi, identificatie="ZT-MIJN")
    other = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    visible = create_status(zaken, create_zaak(zaken, mine.url)["url"], mine.statustypen[0])
    hidden = create_status(zaken, create_zaak(zaken, other.url)["url"], other.statustypen[0])
    grant("beperkt", [{"scopes": ["zaken.lezen"], "zaaktype": mine.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    limited = zaken.as_client("beperkt")
    assert [s["url"] for s in limited.get("/statussen").json()["results"]] == [visible["url"]]
    assert limited.get(visible["url"]).status_code == 200
    assert limited.get(hidden["url"]).status_code == 403
    assert limited.head(hidden["url"]).status_code == 403


# ------------------------------------------------------------------ validation


def test_unique_zaak_and_datum_status_gezet(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    create_status(zaken, zaak["url"], zaaktype.statustypen[0], "2026-01-06T10:00:00Z")
    # the same moment in another offset is the same moment
    response = zaken.post("/statussen", json=status_body(zaak["url"], zaaktype.statustypen[1], "2026-01-06T11:00:00+01:00"))
    assert_invalid(response, "nonFieldErrors", "unique")


def test_the_unique_index_decides_where_the_history_check_did_not(zaken, catalogi, zaken_outbox, monkeypatch):
    """Should a status at the same moment come by another way than the zaak's lock, the INSERT
    itself refuses it: the same 400, and nothing of the request is stored."""
    from services.zaken.status import service

    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    create_status(zaken, zaak["url"], zaaktype.statustypen[0], "2026-01-06T10:00:00Z")
    messages = len(zaken_outbox())
    monkeypatch.setattr(service, "ensure_unique", lambda history: None)
    response = zaken.post("/statussen", json=status_body(zaak["url"], zaaktype.statustypen[1], "2026-01-06T10:00:00Z"))
    assert_invalid(response, "nonFieldErrors", "unique")
    assert len(zaken.get("/statussen", params={"zaak": zaak["url"]}).json()["results"]) == 1
    assert len(zaken_outbox()) == messages


def test_zrc_016_statustype_of_another_zaaktype(zaken, catalogi):
    """zrc-016: the statustype belongs to the zaaktype of the zaak."""
    zaaktype = published_zaaktype(catalogi, identificatie="ZT-A")
    other = published_zaaktype(catalogi, identificatie="ZT-B")
    zaak = create_zaak(zaken, zaaktype.url)
    response = zaken.post("/statussen", json=status_body(zaak["url"], other.statustypen[0]))
    assert_invalid(response, "nonFieldErrors", "zaaktype-mismatch")


def test_statustype_must_be_a_statustype(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    missing = f"http://testserver/catalogi/api/v1/statustypen/{uuid.uuid4()}"
    assert_invalid(zaken.post("/statussen", json=status_body(zaak["url"], missing)), "statustype", "bad-url")
    assert_invalid(zaken.post("/statussen", json=status_body(zaak["url"], zaaktype.url)), "statustype", "invalid-resource")
    assert_invalid(zaken.post("/statussen", json=status_body(zaak["url"], "geen-url")), "statustype", "invalid")


def test_datum_status_gezet_not_in_the_future(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    response = zaken.post("/statussen", json=status_body(zaak["url"], zaaktype.statustypen[0], future))
    assert_invalid(response, "datumStatusGezet", "date-in-future")
    # field errors come together
    response = zaken.post(
        "/statussen", json=status_body(zaak["url"], f"http://testserver/catalogi/api/v1/statustypen/{uuid.uuid4()}", future)
    )
    assert_invalid(response, "datumStatusGezet", "date-in-future")
    assert_invalid(response, "statustype", "bad-url")
    assert_invalid(
        zaken.post("/statussen", json=status_body(zaak["url"], zaaktype.statustypen[0], "gisteren")), "datumStatusGezet", "invalid"
    )


def test_gezetdoor_is_a_rol_of_the_zaak(zaken, catalogi, zaken_app):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    other = create_zaak(zaken, zaaktype.url)
    rol = add_rol(zaken_app, zaak["url"], zaaktype.roltypen["behandelaar"])
    foreign = add_rol(zaken_app, other["url"], zaaktype.roltypen["behandelaar"])
    response = zaken.post("/statussen", json=status_body(zaak["url"], zaaktype.statustypen[0], gezetdoor=foreign))
    assert_invalid(response, "nonFieldErrors", "zaak-mismatch")
    response = zaken.post("/statussen", json=status_body(zaak["url"], zaaktype.statustypen[0], gezetdoor="http://elders.test/rollen/1"))
    assert_invalid(response, "gezetdoor", "no_match")
    response = zaken.post(
        "/statussen",
        json=status_body(zaak["url"], zaaktype.statustypen[0], gezetdoor=f"http://testserver/zaken/api/v1/rollen/{uuid.uuid4()}"),
    )
    assert_invalid(response, "gezetdoor", "does_not_exist")
    status = create_status(zaken, zaak["url"], zaaktype.statustypen[0], gezetdoor=rol)
    assert status["gezetdoor"] == rol
    assert zaken.get(status["url"]).json()["gezetdoor"] == rol
    assert create_status(zaken, zaak["url"], zaaktype.statustypen[1], "2026-01-07T10:00:00Z", gezetdoor=None)["gezetdoor"] is None


def test_zaakinformatieobjecten_of_a_status(zaken, catalogi, zaken_app):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    status = create_status(zaken, zaak["url"], zaaktype.statustypen[0])
    zio = add_zio(zaken_app, zaak["url"], f"{DOC}1", status["url"])
    add_zio(zaken_app, zaak["url"], f"{DOC}2")
    assert zaken.get(status["url"]).json()["zaakinformatieobjecten"] == [zio]
    # read-only: ignored in the request
    other = create_status(zaken, zaak["url"], zaaktype.statustypen[1], "2026-01-07T10:00:00Z", zaakinformatieobjecten=[zio])
    assert other["zaakinformatieobjecten"] == []


# ------------------------------------------------------------------ scopes


def test_status_scopes(zaken, catalogi, grant):
    """With only zaken.aanmaken a client sets the first status, no second (403, after validation);
    zaken.statussen.toevoegen sets more; zaken.lezen alone sets none."""
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    grant(
        "aanmaker", [{"scopes": ["zaken.aanmaken", "zaken.lezen"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "openbaar"}]
    )
    grant("toevoeger", [{"scopes": ["zaken.statussen.toevoegen"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    grant("lezer", [{"scopes": ["zaken.lezen"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    grant(
        "ander",
        [
            {
                "scopes": ["zaken.statussen.toevoegen"],
                "zaaktype": "http://elders.test/zaaktypen/1",
                "maxVertrouwelijkheidaanduiding": "geheim",
            }
        ],
    )
    aanmaker, toevoeger = zaken.as_client("aanmaker"), zaken.as_client("toevoeger")
    assert zaken.as_client("lezer").post("/statussen", json=status_body(zaak["url"], zaaktype.statustypen[0])).status_code == 403
    assert zaken.as_client("ander").post("/statussen", json=status_body(zaak["url"], zaaktype.statustypen[0])).status_code == 403
    assert aanmaker.post("/statussen", json=status_body(zaak["url"], zaaktype.statustypen[0])).status_code == 201
    second = status_body(zaak["url"], zaaktype.statustypen[1], "2026-01-07T10:00:00Z")
    assert aanmaker.post("/statussen", json=second).status_code == 403
    # validation first: a bad second status is a 400, not a 403
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat()
    assert_invalid(aanmaker.post("/statussen", json={**second, "datumStatusGezet": future}), "datumStatusGezet", "date-in-future")
    assert toevoeger.post("/statussen", json=second).status_code == 201
    assert toevoeger.post("/statussen", json=status_body(zaak["url"], zaaktype.statustypen[0], "2026-01-08T10:00:00Z")).status_code == 201


@needs_resultaattypen
def test_zrc_008_a_closed_zaak_needs_zaken_heropenen(zaken, catalogi, grant):
    """zrc-008: any status on a closed zaak needs zaken.heropenen (403 otherwise, after validation)."""
    zaaktype, zaak = closable_zaak(zaken, catalogi)
    assert close(zaken, zaaktype, zaak).status_code == 201
    grant(
        "toevoeger",
        [{"scopes": ["zaken.statussen.toevoegen", "zaken.lezen"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "openbaar"}],
    )
    grant(
        "heropener",
        [{"scopes": ["zaken.heropenen", "zaken.lezen"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "openbaar"}],
    )
    toevoeger = zaken.as_client("toevoeger")
    reopen = status_body(zaak["url"], zaaktype.statustypen[1], "2026-02-02T10:00:00Z")
    assert toevoeger.post("/statussen", json=reopen).status_code == 403
    again = status_body(zaak["url"], zaaktype.eindstatus, "2026-02-03T10:00:00Z")
    assert toevoeger.post("/statussen", json=again).status_code == 403
    assert_invalid(
        toevoeger.post("/statussen", json=status_body(zaak["url"], zaaktype.statustypen[1], "2026-02-01T12:00:00Z")),
        "nonFieldErrors",
        "unique",
    )
    assert zaken.get(zaak["url"]).json()["einddatum"] == "2026-02-01"
    response = zaken.as_client("heropener").post("/statussen", json=reopen)
    assert response.status_code == 201, response.text
    assert zaken.get(zaak["url"]).json()["einddatum"] is None


# ------------------------------------------------------------------ closing and reopening


@needs_resultaattypen
def test_zrc_007_closing_sets_einddatum_and_archive_data(zaken, catalogi, zaken_outbox):
    """zrc-007: the eindstatus closes the zaak on the date of datumStatusGezet; zrc-021 fills the archive data."""
    zaaktype, zaak = closable_zaak(zaken, catalogi)
    before = len(zaken_outbox())
    response = close(zaken, zaaktype, zaak, "2026-02-01T23:30:00Z")
    assert response.status_code == 201, response.text
    assert response.json()["indicatieLaatstGezetteStatus"] is True
    closed = zaken.get(zaak["url"]).json()
    assert closed["einddatum"] == "2026-02-01"
    assert closed["status"] == response.json()["url"]
    assert closed["archiefnominatie"] == "vernietigen"  # from the resultaattype
    assert closed["archiefactiedatum"] == "2036-02-01"  # afgehandeld + P10Y
    assert closed["startdatumBewaartermijn"] == "2026-02-01"  # zrc-026: vernietigen
    # only the status is announced (not the zaak's derived changes), as the reference implementation
    assert [(m["resource"], m["actie"]) for m in zaken_outbox()[before:]] == [("status", "create")]


@needs_resultaattypen
def test_zrc_007_closing_keeps_what_the_zaak_has(zaken, catalogi):
    zaaktype, zaak = closable_zaak(
        zaken, catalogi, archiefnominatie="blijvend_bewaren", archiefactiedatum="2040-01-01", startdatumBewaartermijn="2026-01-10"
    )
    assert close(zaken, zaaktype, zaak).status_code == 201
    closed = zaken.get(zaak["url"]).json()
    assert closed["archiefnominatie"] == "blijvend_bewaren"
    assert closed["archiefactiedatum"] == "2040-01-01"
    assert closed["startdatumBewaartermijn"] == "2026-01-10"


@needs_resultaattypen
def test_zrc_007_closing_needs_a_resultaat(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    response = close(zaken, zaaktype, zaak)
    assert_invalid(response, "nonFieldErrors", "resultaat-does-not-exist")
    assert zaken.get(zaak["url"]).json()["einddatum"] is None
    assert zaken.get("/statussen").json()["count"] == 0


def test_zrc_007_a_non_eind_status_needs_no_resultaat(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    create_status(zaken, zaak["url"], zaaktype.statustypen[1])
    assert zaken.get(zaak["url"]).json()["einddatum"] is None


@needs_resultaattypen
def test_zrc_007_informatieobjecten_need_indicatie_gebruiksrecht(zaken, catalogi, zaken_app, monkeypatch):
    """zrc-007: a zaak closes only when all its informatieobjecten have indicatieGebruiksrecht
    (and none is locked)."""
    zaaktype, zaak = closable_zaak(zaken, catalogi)
    documents = {f"{DOC}1": {"url": f"{DOC}1", "indicatieGebruiksrecht": False, "locked": False}}
    serve_remote(monkeypatch, zaken_app, documents)
    add_zio(zaken_app, zaak["url"], f"{DOC}1")
    add_zio(zaken_app, zaak["url"], f"{DOC}2")
    documents[f"{DOC}2"] = {"url": f"{DOC}2", "indicatieGebruiksrecht": None, "locked": False}
    assert_invalid(close(zaken, zaaktype, zaak), "nonFieldErrors", "indicatiegebruiksrecht-unset")
    documents[f"{DOC}2"] = {"url": f"{DOC}2", "indicatieGebruiksrecht": True, "locked": True}
    assert_invalid(close(zaken, zaaktype, zaak), "nonFieldErrors", "informatieobject-locked")
    documents[f"{DOC}2"] = None  # the Documenten API does not know it
    assert_invalid(close(zaken, zaaktype, zaak), "nonFieldErrors", "bad-url")
    documents[f"{DOC}2"] = {"url": f"{DOC}2", "indicatieGebruiksrecht": True, "locked": False}
    # a non-eind status does not look at the documents
    documents[f"{DOC}1"]["indicatieGebruiksrecht"] = None
    create_status(zaken, zaak["url"], zaaktype.statustypen[1], "2026-01-20T10:00:00Z")
    documents[f"{DOC}1"]["indicatieGebruiksrecht"] = False
    assert close(zaken, zaaktype, zaak).status_code == 201


@needs_resultaattypen
def test_zrc_007_reads_the_documents_as_they_are_now(zaken_app, kernel, catalogi_app, catalogi):
    """zrc-007: closing reads the informatieobjecten as they are now, not from the cache: a
    gebruiksrecht added or a lock released right before counts."""
    document = {"url": f"{DOC}1", "indicatieGebruiksrecht": None, "locked": True}

    def drc(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=document, headers={"ETag": '"1"'})

    with zaken_client_with(zaken_app, kernel, RoutingTransport(catalogi_app, {"documenten.test": drc})) as client:
        zaaktype, zaak = closable_zaak(client, catalogi)
        add_zio(zaken_app, zaak["url"], document["url"])
        assert_invalid(close(client, zaaktype, zaak), "nonFieldErrors", "informatieobject-locked")
        document["locked"] = False
        assert_invalid(close(client, zaaktype, zaak), "nonFieldErrors", "indicatiegebruiksrecht-unset")
        document["indicatieGebruiksrecht"] = True
        assert close(client, zaaktype, zaak).status_code == 201


@needs_resultaattypen
def test_zrc_008_reopening_clears_einddatum_and_archive_data(zaken, catalogi):
    """zrc-008: a non-eind status on a closed zaak clears einddatum, archiefnominatie, archiefactiedatum."""
    zaaktype, zaak = closable_zaak(zaken, catalogi)
    assert close(zaken, zaaktype, zaak).status_code == 201
    assert zaken.get(zaak["url"]).json()["archiefactiedatum"] == "2036-02-01"
    reopened = create_status(zaken, zaak["url"], zaaktype.statustypen[1], "2026-02-05T10:00:00Z")
    zaak_now = zaken.get(zaak["url"]).json()
    assert zaak_now["einddatum"] is None
    assert zaak_now["archiefnominatie"] is None
    assert zaak_now["archiefactiedatum"] is None
    assert zaak_now["status"] == reopened["url"]
    # closing again derives from the new einddatum
    assert close(zaken, zaaktype, zaak, "2026-03-01T10:00:00Z").status_code == 201
    zaak_now = zaken.get(zaak["url"]).json()
    assert (zaak_now["einddatum"], zaak_now["archiefnominatie"], zaak_now["archiefactiedatum"]) == (
        "2026-03-01",
        "vernietigen",
        "2036-03-01",
    )


def test_zrc_007_eindstatus_without_is_eindstatus_is_the_highest_volgnummer(zaken, catalogi, zaken_app, monkeypatch):
    """zrc-007: a Catalogi API that leaves out isEindstatus: the highest volgnummer of the zaaktype closes."""
    zaaktype = published_zaaktype(catalogi)
    zaak = create_zaak(zaken, zaaktype.url)
    base = "http://andere-catalogi.test/statustypen/"
    shape = {"zaaktype": zaaktype.url, "omschrijving": "Elders"}
    serve_remote(
        monkeypatch,
        zaken_app,
        {f"{base}2": {"url": f"{base}2", "volgnummer": 2, **shape}, f"{base}9": {"url": f"{base}9", "volgnummer": 9, **shape}},
    )
    assert_invalid(zaken.post("/statussen", json=status_body(zaak["url"], f"{base}9")), "nonFieldErrors", "resultaat-does-not-exist")
    assert zaken.post("/statussen", json=status_body(zaak["url"], f"{base}2")).status_code == 201
    assert zaken.get(zaak["url"]).json()["einddatum"] is None
