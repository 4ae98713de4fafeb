"""No N+1 on zaken: a page of zaken costs the same number of SQL statements whether it holds 2 or
20 zaken, each with hoofdzaak/deelzaken and every kind of sub-resource."""

import datetime as dt

import pytest

from tests.conftest import QueryCounter
from tests.zaken.factories import create_zaak, published_zaaktype
from tests.zaken.zaak_helpers import add_rows


@pytest.fixture
def zaaktype(catalogi):
    return published_zaaktype(catalogi)


def _make(zaken, zaken_app, zaaktype, pairs: int) -> list[dict]:
    """`pairs` hoofdzaken, each with one deelzaak; every zaak with a row of every sub-resource."""
    made = []
    for _ in range(pairs):
        hoofdzaak = create_zaak(zaken, zaaktype.url)
        deelzaak = create_zaak(zaken, zaaktype.url, hoofdzaak=hoofdzaak["url"])
        for zaak in (hoofdzaak, deelzaak):
            add_rows(zaken_app, zaak["url"], statustype=zaaktype.statustypen[0], roltype=zaaktype.roltypen["initiator"])
            add_rows(
                zaken_app,
                zaak["url"],
                statustype=zaaktype.statustypen[1],
                roltype=zaaktype.roltypen["behandelaar"],
                resultaat=False,
                omschrijving_generiek="behandelaar",
                moment=dt.datetime(2026, 1, 7, tzinfo=dt.UTC),
            )
        made += [hoofdzaak, deelzaak]
    return made


def _count(zaken_app, call) -> tuple[int, object]:
    call()  # warm up
    with QueryCounter(zaken_app.state.db.engine) as counter:
        response = call()
    assert response.status_code == 200, response.text
    return counter.count, response


def _list_counts(zaken, zaken_app, zaaktype, pairs: int, client_id: str = "alles") -> dict[str, int]:
    made = _make(zaken, zaken_app, zaaktype, pairs)
    client = zaken.as_client(client_id)
    counts = {}
    counts["list"], response = _count(zaken_app, lambda: client.get("/zaken"))
    body = response.json()
    assert body["count"] == 2 * pairs
    for zaak in body["results"]:
        assert len(zaak["rollen"]) == 2 and len(zaak["zaakobjecten"]) == 2 and len(zaak["eigenschappen"]) == 2
        assert zaak["status"] is not None and zaak["resultaat"] is not None
        assert zaak["hoofdzaak"] is not None or len(zaak["deelzaken"]) == 1
    counts["zoek"], _ = _count(zaken_app, lambda: client.post("/zaken/_zoek", json={"zaaktype__in": [zaaktype.url]}))
    counts["filtered"], _ = _count(
        zaken_app, lambda: client.get("/zaken", params={"rol__omschrijvingGeneriek": "initiator", "ordering": "-startdatum"})
    )
    counts["detail"], _ = _count(zaken_app, lambda: client.get(made[0]["url"]))
    counts["deelzaak"], _ = _count(zaken_app, lambda: client.get(made[1]["url"]))
    return counts


def _clear(zaken_app):
    from services.zaken.db import Base
    from tests.conftest import truncate_all

    truncate_all(zaken_app.state.db.engine, Base.metadata)


def test_list_queries_do_not_grow_with_the_page(zaken, zaken_app, zaaktype):
    small = _list_counts(zaken, zaken_app, zaaktype, 1)
    _clear(zaken_app)
    large = _list_counts(zaken, zaken_app, zaaktype, 10)
    assert small == large
    assert large["list"] <= 3, large  # the page with its count (zaak_telling), related urls, hoofdzaken
    assert large["filtered"] <= 3, large  # the page with its count (shared.pagination), related urls, hoofdzaken


def test_a_page_and_a_detail_are_one_statement_on_postgresql(zaken, zaken_app, zaaktype):
    """On PostgreSQL a zaak's relations come as columns of its row (queries.row_columns): a list
    page with its count and relations, and a detail, are one statement each."""
    if zaken_app.state.db.engine.dialect.name != "postgresql":
        pytest.skip("the relations as columns of the row are PostgreSQL's")
    counts = _list_counts(zaken, zaken_app, zaaktype, 3)
    assert counts == {"list": 1, "zoek": 1, "filtered": 1, "detail": 1, "deelzaak": 1}, counts


def test_list_queries_of_a_limited_client(zaken, zaken_app, zaaktype, grant):
    grant("beperkt", [{"scopes": ["zaken.lezen"], "zaaktype": zaaktype.url, "maxVertrouwelijkheidaanduiding": "zeer_geheim"}])
    small = _list_counts(zaken, zaken_app, zaaktype, 1, "beperkt")
    _clear(zaken_app)
    large = _list_counts(zaken, zaken_app, zaaktype, 10, "beperkt")
    assert small == large


def test_zaak_status_is_the_latest(zaken, zaken_app, zaaktype):
    """zaak.status is the status with the latest datumStatusGezet (not the last inserted)."""
    from services.zaken.status.models import Status
    from tests.zaken.zaak_helpers import zaak_id

    zaak = create_zaak(zaken, zaaktype.url)
    owner = zaak_id(zaken_app, zaak["url"])
    later = Status(zaak_id=owner, statustype=zaaktype.statustypen[1], datum_status_gezet=dt.datetime(2026, 1, 7, tzinfo=dt.UTC))
    earlier = Status(zaak_id=owner, statustype=zaaktype.statustypen[0], datum_status_gezet=dt.datetime(2026, 1, 6, tzinfo=dt.UTC))
    with zaken_app.state.db.session() as session:
        session.add(later)
        session.flush()
        session.add(earlier)
        session.commit()
        later_uuid = later.uuid
    assert zaken.get(zaak["url"]).json()["status"].endswith(f"/statussen/{later_uuid}")
    assert zaken.get("/zaken").json()["results"][0]["status"].endswith(f"/statussen/{later_uuid}")


def test_the_unfiltered_count_comes_from_zaak_telling_and_stays_exact(zaken, zaken_app, catalogi, grant):
    """An unfiltered list's count is summed from `zaak_telling` (kept by triggers, migration 0004)
    within the client's autorisaties; it equals a count of the zaak rows after creates, a
    vertrouwelijkheid change, a rolled-back create, and deletes, a hoofdzaak's cascade included."""
    from sqlalchemy import func, select

    from services.zaken.zaak.models import Zaak, ZaakTelling

    mine = published_zaaktype(catalogi, identificatie="ZT-TELLING")
    other = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    grant("beperkt", [{"scopes": ["zaken.lezen"], "zaaktype": mine.url, "maxVertrouwelijkheidaanduiding": "intern"}])
    limited = zaken.as_client("beperkt")
    hoofdzaak = create_zaak(zaken, mine.url, vertrouwelijkheidaanduiding="openbaar")
    create_zaak(zaken, mine.url, vertrouwelijkheidaanduiding="openbaar", hoofdzaak=hoofdzaak["url"])
    geheim = create_zaak(zaken, mine.url, vertrouwelijkheidaanduiding="geheim")
    create_zaak(zaken, other.url, vertrouwelijkheidaanduiding="openbaar")
    assert zaken.post("/zaken", json={"zaaktype": mine.url}).status_code == 400  # nothing written, nothing counted

    def counts():
        with zaken_app.state.db.session() as session:
            rows = session.scalar(select(func.count()).select_from(Zaak))
            telling = session.scalar(select(func.sum(ZaakTelling.aantal)))
        return zaken.get("/zaken").json()["count"], limited.get("/zaken").json()["count"], rows, telling

    assert counts() == (4, 2, 4, 4)
    assert zaken.patch(geheim["url"], json={"vertrouwelijkheidaanduiding": "intern"}).status_code == 200
    assert counts() == (4, 3, 4, 4)
    # a filter, even one that narrows nothing, counts the rows themselves: the same number
    assert limited.get("/zaken", params={"zaaktype": mine.url}).json()["count"] == 3
    assert zaken.delete(hoofdzaak["url"]).status_code == 204  # its deelzaak goes with it
    assert counts() == (2, 1, 2, 2)
