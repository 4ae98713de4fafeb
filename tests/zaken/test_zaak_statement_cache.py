"""The list statements are built once per shape and kept (services/zaken/zaak/queries.py,
shared.pagination.derived): a kept statement is shared only by clients whose autorisaties are the
same, values included, so no client ever gets a page built for another's autorisaties."""

import pytest

from services.zaken.access import SCOPE_LEZEN, ZAKEN
from services.zaken.zaak import queries
from shared.auth import Principal, parse_applicatie
from shared.pagination import Page, derived, fetch_page
from tests.zaken.factories import create_zaak, published_zaaktype


@pytest.fixture
def two_zaaktypen(catalogi):
    return published_zaaktype(catalogi, identificatie="ZT-A"), published_zaaktype(catalogi, identificatie="ZT-B")


def _urls(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {zaak["url"] for zaak in response.json()["results"]}


def test_clients_with_other_autorisaties_never_share_a_list(zaken, grant, two_zaaktypen):
    a, b = two_zaaktypen
    of_a = {create_zaak(zaken, a.url)["url"] for _ in range(2)}
    of_b = {create_zaak(zaken, b.url)["url"]}
    geheim_a = create_zaak(zaken, a.url, vertrouwelijkheidaanduiding="geheim")["url"]
    # the same shape (one zaaktype, one maximum), other values; and another maximum
    grant("alleen-a", [{"scopes": ["zaken.lezen"], "zaaktype": a.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    grant("alleen-b", [{"scopes": ["zaken.lezen"], "zaaktype": b.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    grant("a-geheim", [{"scopes": ["zaken.lezen"], "zaaktype": a.url, "maxVertrouwelijkheidaanduiding": "geheim"}])
    grant("ook-a", [{"scopes": ["zaken.lezen"], "zaaktype": a.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    expected = {"alleen-a": of_a, "alleen-b": of_b, "a-geheim": of_a | {geheim_a}, "ook-a": of_a}
    for _ in range(2):  # the second round runs on the kept statements
        for client_id, urls in expected.items():
            client = zaken.as_client(client_id)
            response = client.get("/zaken")
            assert _urls(response) == urls, client_id
            assert response.json()["count"] == len(urls), client_id
            ordered = client.get("/zaken", params={"ordering": "-startdatum"})
            assert _urls(ordered) == urls, client_id
            assert _urls(client.get("/zaken", params={"zaaktype": a.url})) == urls & (of_a | {geheim_a}), client_id
    assert _urls(zaken.get("/zaken")) == of_a | of_b | {geheim_a}  # all rights


def test_a_statement_is_kept_per_autorisaties_values_included(zaken_app, grant, two_zaaktypen):
    a, b = two_zaaktypen

    def key(autorisaties):
        applicatie = parse_applicatie({"label": "x", "clientIds": ["x"], "secret": "s", "autorisaties": autorisaties})
        return ZAKEN.grants_key(Principal("x", applicatie), (SCOPE_LEZEN,))

    def of(zaaktype, maximum="openbaar"):
        return [{"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": zaaktype, "maxVertrouwelijkheidaanduiding": maximum}]

    assert key(of(a.url)) == key(of(a.url))
    assert key(of(a.url)) != key(of(b.url))
    assert key(of(a.url)) != key(of(a.url, "geheim"))
    assert key(of(a.url) + of(b.url)) == key(of(b.url) + of(a.url))  # the order of the autorisaties does not matter
    assert queries._visible_zaken(key(of(a.url))) is queries._visible_zaken(key(of(a.url)))
    assert queries._visible_zaken(key(of(a.url))) is not queries._visible_zaken(key(of(b.url)))
    assert queries._count_visible(key(of(a.url))) is not queries._count_visible(key(of(b.url)))
    # without an autorisatie with the scope: nothing, never all rights
    assert key([]) == () and "false" in str(queries._visible_zaken(()).whereclause).lower()


def test_derived_statements_are_per_statement_and_key():
    built = []

    class Statement:  # any weakly referable object stands for a statement
        pass

    one, other = Statement(), Statement()

    def build(statement):
        built.append(statement)
        return object()

    assert derived(one, "k", build) is derived(one, "k", build)
    assert derived(one, "k", build) is not derived(other, "k", build)
    assert derived(one, "k", build) is not derived(one, "j", build)
    assert built == [one, other, one]


def test_pages_of_a_kept_statement_stay_apart(zaken, zaken_app, two_zaaktypen):
    a, _ = two_zaaktypen
    made = [create_zaak(zaken, a.url)["uuid"] for _ in range(3)]
    statement = queries._ordered(queries._visible_zaken(True), [])
    with zaken_app.state.db.read_session() as session:
        pages = [fetch_page(session, statement, Page(number, size=1))[1] for number in (1, 2, 3, 1)]
    assert [str(page[0].uuid) for page in pages] == [*reversed(made), made[-1]]


def test_requests_of_one_shape_keep_their_own_values(zaken, two_zaaktypen):
    a, b = two_zaaktypen
    of_a = create_zaak(zaken, a.url, startdatum="2026-01-05")
    of_b = create_zaak(zaken, b.url, startdatum="2026-02-05")
    for _ in range(2):  # the second round runs on the kept statements
        assert _urls(zaken.get("/zaken", params={"zaaktype": a.url})) == {of_a["url"]}
        assert _urls(zaken.get("/zaken", params={"zaaktype": b.url})) == {of_b["url"]}
        assert _urls(zaken.get("/zaken", params={"startdatum__gte": "2026-02-01"})) == {of_b["url"]}
        assert _urls(zaken.get("/zaken", params={"startdatum__gte": "2026-01-01"})) == {of_a["url"], of_b["url"]}
        assert _urls(zaken.post("/zaken/_zoek", json={"uuid__in": [of_a["uuid"]]})) == {of_a["url"]}
        assert _urls(zaken.post("/zaken/_zoek", json={"uuid__in": [of_a["uuid"], of_b["uuid"]]})) == {of_a["url"], of_b["url"]}
        assert zaken.get("/zaken", params={"zaaktype": "https://elders.example/zaaktypen/1"}).json()["count"] == 0


def test_a_statement_made_from_a_bound_one_never_runs_without_its_values(zaken, zaken_app, two_zaaktypen):
    import sqlalchemy.exc

    a, _ = two_zaaktypen
    create_zaak(zaken, a.url)
    bound = queries.apply_filters(queries._visible_zaken(True), {"zaaktype": a.url})
    with zaken_app.state.db.read_session() as session, pytest.raises(sqlalchemy.exc.StatementError):
        session.execute(bound.where(queries.Zaak.id > 0)).all()  # a new statement: its values are not with it
    with zaken_app.state.db.read_session() as session:
        assert fetch_page(session, bound, Page(1))[0] == 1
