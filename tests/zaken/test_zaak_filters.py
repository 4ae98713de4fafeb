"""Every filter and ordering value of `zaak_list`, the same filters as the JSON body of
`POST /zaken/_zoek` (plus uuid__in, zaaktype__in and zaakgeometrie.within), and pagination."""

import datetime as dt
import uuid

import pytest

from services.zaken.rol.models import Rol
from tests.conftest import assert_invalid
from tests.zaken.factories import create_zaak, published_zaaktype, zaak_body
from tests.zaken.zaak_helpers import NOW, set_columns, zaak_id

ZAKEN = "http://testserver/zaken/api/v1"

# identificatie -> (fields of the create, columns set afterwards)
ZAKEN_DATA = {
    "A": (
        dict(
            bronorganisatie="517439943", archiefnominatie="blijvend_bewaren", archiefactiedatum="2030-01-01", archiefstatus="gearchiveerd",
            startdatum="2026-01-01", registratiedatum="2026-01-02", einddatumGepland="2026-02-01", uiterlijkeEinddatumAfdoening="2026-04-01",
            vertrouwelijkheidaanduiding="openbaar", publicatiedatum="2026-01-10",
        ),
        dict(einddatum=dt.date(2026, 3, 1)),
    ),
    "B": (
        dict(
            bronorganisatie="002220647", archiefnominatie="vernietigen", archiefactiedatum="2031-01-01", archiefstatus="nog_te_archiveren",
            startdatum="2026-02-01", registratiedatum="2026-02-02", einddatumGepland="2026-03-01", uiterlijkeEinddatumAfdoening="2026-05-01",
            vertrouwelijkheidaanduiding="vertrouwelijk", publicatiedatum="2026-02-10",
        ),
        {},
    ),
    "C": (
        dict(
            bronorganisatie="517439943", archiefnominatie="vernietigen", archiefactiedatum="2029-06-01", archiefstatus="gearchiveerd_procestermijn_onbekend",
            startdatum="2025-12-01", registratiedatum="2025-12-02", einddatumGepland="2026-01-10", uiterlijkeEinddatumAfdoening="2026-01-20",
            vertrouwelijkheidaanduiding="intern",
        ),
        dict(einddatum=dt.date(2026, 1, 15)),
    ),
    "D": (
        dict(
            bronorganisatie="123456782", startdatum="2026-03-01", registratiedatum="2026-03-02", einddatumGepland=None, uiterlijkeEinddatumAfdoening=None,
            vertrouwelijkheidaanduiding="geheim",
        ),
        {},
    ),
}  # fmt: skip

# identificatie -> rollen (Rol columns)
ROLLEN = {
    "A": [
        dict(betrokkene_type="natuurlijk_persoon", omschrijving_generiek="initiator", betrokkene="https://brp.example.org/personen/1",
             inp_bsn="111222333", anp_identificatie="ANP-1", inp_a_nummer="1234567890"),
        dict(betrokkene_type="medewerker", omschrijving_generiek="behandelaar", medewerker_identificatie="MW-1"),
    ],
    "B": [
        dict(betrokkene_type="niet_natuurlijk_persoon", omschrijving_generiek="belanghebbende", inn_nnp_id="517439943", ann_identificatie="ANN-1"),
        dict(betrokkene_type="vestiging", omschrijving_generiek="adviseur", vestigings_nummer="VST-1"),
    ],
    "C": [
        dict(betrokkene_type="organisatorische_eenheid", omschrijving_generiek="zaakcoordinator", organisatorische_eenheid_identificatie="OE-1",
             betrokkene="https://org.example.org/eenheden/1"),
        dict(betrokkene_type="natuurlijk_persoon", omschrijving_generiek="behandelaar", inp_bsn="999888777"),
    ],
    "D": [],
}  # fmt: skip


@pytest.fixture
def data(zaken, zaken_app, catalogi):
    """Four zaken A..D (A, B of zaaktype T1; C, D of T2) with their rollen; returns
    (zaken by identificatie, t1, t2)."""
    t1 = published_zaaktype(catalogi, identificatie="ZT-T1")
    t2 = published_zaaktype(catalogi, identificatie="ZT-T2")
    made = {}
    for identificatie, (fields, columns) in ZAKEN_DATA.items():
        zaaktype = t1 if identificatie in "AB" else t2
        made[identificatie] = create_zaak(zaken, zaaktype.url, identificatie=identificatie, **fields)
        if columns:
            set_columns(zaken_app, made[identificatie]["url"], **columns)
        rollen = [
            Rol(
                zaak_id=zaak_id(zaken_app, made[identificatie]["url"]),
                roltype=zaaktype.roltypen["behandelaar"],
                registratiedatum=NOW,
                **rol,
            )
            for rol in ROLLEN[identificatie]
        ]
        with zaken_app.state.db.session() as session:
            session.add_all(rollen)
            session.commit()
    return made, t1, t2


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [z["identificatie"] for z in response.json()["results"]]


# (query parameters, identificaties found); __in values as the comma-separated query string
CASES = [
    ({}, "ABCD"),
    ({"identificatie": "B"}, "B"),
    ({"identificatie": "X"}, ""),
    ({"bronorganisatie": "517439943"}, "AC"),
    ({"bronorganisatie__in": "002220647,123456782"}, "BD"),
    ({"archiefnominatie": "vernietigen"}, "BC"),
    ({"archiefnominatie__in": "blijvend_bewaren,vernietigen"}, "ABC"),
    ({"archiefactiedatum": "2030-01-01"}, "A"),
    ({"archiefactiedatum__isnull": "true"}, "D"),
    ({"archiefactiedatum__isnull": "false"}, "ABC"),
    ({"archiefactiedatum__lt": "2030-01-01"}, "C"),
    ({"archiefactiedatum__gt": "2030-01-01"}, "B"),
    ({"archiefstatus": "gearchiveerd"}, "A"),
    ({"archiefstatus__in": "nog_te_archiveren,gearchiveerd_procestermijn_onbekend"}, "BCD"),
    ({"startdatum": "2026-02-01"}, "B"),
    ({"startdatum__gt": "2026-01-01"}, "BD"),
    ({"startdatum__gte": "2026-01-01"}, "ABD"),
    ({"startdatum__lt": "2026-02-01"}, "AC"),
    ({"startdatum__lte": "2026-02-01"}, "ABC"),
    ({"registratiedatum": "2025-12-02"}, "C"),
    ({"registratiedatum__gt": "2026-01-02"}, "BD"),
    ({"registratiedatum__lt": "2026-01-02"}, "C"),
    ({"einddatum": "2026-03-01"}, "A"),
    ({"einddatum__isnull": "true"}, "BD"),
    ({"einddatum__isnull": "false"}, "AC"),
    ({"einddatum__gt": "2026-01-15"}, "A"),
    ({"einddatum__lt": "2026-03-01"}, "C"),
    ({"einddatumGepland": "2026-03-01"}, "B"),
    ({"einddatumGepland__gt": "2026-01-10"}, "AB"),
    ({"einddatumGepland__lt": "2026-03-01"}, "AC"),
    ({"uiterlijkeEinddatumAfdoening": "2026-01-20"}, "C"),
    ({"uiterlijkeEinddatumAfdoening__gt": "2026-01-20"}, "AB"),
    ({"uiterlijkeEinddatumAfdoening__lt": "2026-05-01"}, "AC"),
    ({"rol__betrokkeneType": "natuurlijk_persoon"}, "AC"),
    ({"rol__betrokkeneType": "vestiging"}, "B"),
    ({"rol__betrokkene": "https://brp.example.org/personen/1"}, "A"),
    ({"rol__omschrijvingGeneriek": "behandelaar"}, "AC"),
    ({"rol__omschrijvingGeneriek": "zaakcoordinator"}, "C"),
    # the rol__ filters hold for one and the same rol
    ({"rol__betrokkeneType": "natuurlijk_persoon", "rol__omschrijvingGeneriek": "initiator"}, "A"),
    ({"rol__betrokkeneType": "medewerker", "rol__omschrijvingGeneriek": "initiator"}, ""),
    ({"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": "111222333"}, "A"),
    ({"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": "999888777"}, "C"),
    ({"rol__betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie": "ANP-1"}, "A"),
    ({"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer": "1234567890"}, "A"),
    ({"rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId": "517439943"}, "B"),
    ({"rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie": "ANN-1"}, "B"),
    ({"rol__betrokkeneIdentificatie__vestiging__vestigingsNummer": "VST-1"}, "B"),
    ({"rol__betrokkeneIdentificatie__medewerker__identificatie": "MW-1"}, "A"),
    ({"rol__betrokkeneIdentificatie__organisatorischeEenheid__identificatie": "OE-1"}, "C"),
    ({"maximaleVertrouwelijkheidaanduiding": "openbaar"}, "A"),
    ({"maximaleVertrouwelijkheidaanduiding": "intern"}, "AC"),
    ({"maximaleVertrouwelijkheidaanduiding": "vertrouwelijk"}, "ABC"),
    ({"maximaleVertrouwelijkheidaanduiding": "zeer_geheim"}, "ABCD"),
    ({"bronorganisatie": "517439943", "einddatum__isnull": "false", "startdatum__gte": "2026-01-01"}, "A"),
]

# every filter parameter of zaak_list in the official spec, but zaaktype (tested on its own), expand and ordering
SPEC_FILTERS = {
    "identificatie", "bronorganisatie", "bronorganisatie__in", "archiefnominatie", "archiefnominatie__in", "archiefactiedatum",
    "archiefactiedatum__isnull", "archiefactiedatum__lt", "archiefactiedatum__gt", "archiefstatus", "archiefstatus__in", "startdatum",
    "startdatum__gt", "startdatum__gte", "startdatum__lt", "startdatum__lte", "registratiedatum", "registratiedatum__gt",
    "registratiedatum__lt", "einddatum", "einddatum__isnull", "einddatum__gt", "einddatum__lt", "einddatumGepland",
    "einddatumGepland__gt", "einddatumGepland__lt", "uiterlijkeEinddatumAfdoening", "uiterlijkeEinddatumAfdoening__gt",
    "uiterlijkeEinddatumAfdoening__lt", "rol__betrokkeneType", "rol__betrokkene", "rol__omschrijvingGeneriek",
    "maximaleVertrouwelijkheidaanduiding", "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn",
    "rol__betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie", "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer",
    "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId", "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie",
    "rol__betrokkeneIdentificatie__vestiging__vestigingsNummer", "rol__betrokkeneIdentificatie__medewerker__identificatie",
    "rol__betrokkeneIdentificatie__organisatorischeEenheid__identificatie",
}  # fmt: skip


def test_the_cases_cover_every_filter_of_the_spec():
    import yaml

    from tests.conftest import SHARED_DIR

    covered = {name for query, _ in CASES for name in query}
    assert covered >= SPEC_FILTERS, SPEC_FILTERS - covered
    spec_file = SHARED_DIR / "zgw-specs" / "zaken-1.5.1.yaml"
    if spec_file.exists():
        spec = yaml.safe_load(spec_file.read_text())
        names = {p["name"] for p in spec["paths"]["/zaken"]["get"]["parameters"] if p.get("in") == "query"}
        assert names - {"zaaktype", "expand", "ordering", "page"} == SPEC_FILTERS


def test_every_list_filter(zaken, data):
    wrong = {}
    for query, expected in CASES:
        found = _ids(zaken.get("/zaken", params=query))
        if sorted(found) != sorted(expected):
            wrong[str(query)] = (found, expected)
    assert wrong == {}


def _zoek_body(query: dict) -> dict:
    body = {}
    for name, value in query.items():
        if name.endswith("__in"):
            body[name] = value.split(",")
        elif name.endswith("__isnull"):
            body[name] = value == "true"
        else:
            body[name] = value
    return body


def test_every_filter_in_zoek(zaken, data):
    """`_zoek` takes the list filters as JSON body fields (`__in` as arrays, `__isnull` as booleans)."""
    wrong = {}
    for query, expected in CASES:
        found = _ids(zaken.post("/zaken/_zoek", json=_zoek_body(query)))
        if sorted(found) != sorted(expected):
            wrong[str(query)] = (found, expected)
    assert wrong == {}


def test_zaaktype_filter(zaken, data):
    _, t1, t2 = data
    assert sorted(_ids(zaken.get("/zaken", params={"zaaktype": t1.url}))) == ["A", "B"]
    assert sorted(_ids(zaken.get("/zaken", params={"zaaktype": t2.url}))) == ["C", "D"]
    assert _ids(zaken.get("/zaken", params={"zaaktype": "http://testserver/catalogi/api/v1/zaaktypen/x"})) == []
    assert sorted(_ids(zaken.post("/zaken/_zoek", json={"zaaktype": t2.url}))) == ["C", "D"]


def test_zoek_zaaktype_in(zaken, data):
    _, t1, t2 = data
    assert sorted(_ids(zaken.post("/zaken/_zoek", json={"zaaktype__in": [t1.url]}))) == ["A", "B"]
    assert sorted(_ids(zaken.post("/zaken/_zoek", json={"zaaktype__in": [t1.url, t2.url]}))) == ["A", "B", "C", "D"]
    # an empty list is no condition (django-filter: an empty value does not filter)
    assert len(_ids(zaken.post("/zaken/_zoek", json={"zaaktype__in": [], "bronorganisatie__in": []}))) == 4


def test_zoek_uuid_in(zaken, data):
    made, _, _ = data
    body = {"uuid__in": [made["A"]["uuid"], made["C"]["uuid"], str(uuid.uuid4())]}
    assert sorted(_ids(zaken.post("/zaken/_zoek", json=body))) == ["A", "C"]
    combined = {**body, "bronorganisatie": "517439943", "einddatum__isnull": False, "archiefnominatie": "vernietigen"}
    assert _ids(zaken.post("/zaken/_zoek", json=combined)) == ["C"]
    assert_invalid(zaken.post("/zaken/_zoek", json={"uuid__in": ["geen-uuid"]}), "uuid__in.0", "invalid")


def test_zoek_snake_case_and_unknown_body_fields(zaken, data):
    """Body fields the spec does not know are ignored (as the reference implementation's parser)."""
    assert sorted(_ids(zaken.post("/zaken/_zoek", json={"bronorganisatie__in": ["002220647"], "iets": 1}))) == ["B"]


def _square(min_x, min_y, max_x, max_y) -> dict:
    return {"type": "Polygon", "coordinates": [[[min_x, min_y], [max_x, min_y], [max_x, max_y], [min_x, max_y], [min_x, min_y]]]}


def test_zoek_zaakgeometrie_within(zaken, data):
    made, _, _ = data
    zaken.patch(made["A"]["url"], json={"zaakgeometrie": {"type": "Point", "coordinates": [4.90, 52.37]}})  # Amsterdam
    zaken.patch(made["B"]["url"], json={"zaakgeometrie": {"type": "Point", "coordinates": [5.12, 52.09]}})  # Utrecht
    zaken.patch(made["C"]["url"], json={"zaakgeometrie": _square(4.89, 52.36, 4.91, 52.38)})  # a small area in Amsterdam
    # D has no geometry
    amsterdam = _square(4.7, 52.2, 5.05, 52.45)
    assert sorted(_ids(zaken.post("/zaken/_zoek", json={"zaakgeometrie": {"within": amsterdam}}))) == ["A", "C"]
    # a polygon that holds the Utrecht point but not Amsterdam's
    utrecht = {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.3, 52.0], [5.2, 52.2], [5.0, 52.0]]]}
    assert _ids(zaken.post("/zaken/_zoek", json={"zaakgeometrie": {"within": utrecht}})) == ["B"]
    # combined with a filter, paginated counts stay exact
    response = zaken.post("/zaken/_zoek", json={"zaakgeometrie": {"within": amsterdam}, "identificatie": "C"})
    assert response.json()["count"] == 1 and _ids(response) == ["C"]
    # no `within`: no geometry condition
    assert len(_ids(zaken.post("/zaken/_zoek", json={"zaakgeometrie": {}}))) == 4


def test_zoek_zaakgeometrie_within_exact_shape(zaken, data):
    """A point inside the polygon's bounding box but outside the polygon itself is not within."""
    made, _, _ = data
    zaken.patch(made["A"]["url"], json={"zaakgeometrie": {"type": "Point", "coordinates": [2.0, 9.0]}})
    zaken.patch(made["B"]["url"], json={"zaakgeometrie": {"type": "Point", "coordinates": [1.0, 1.0]}})
    zaken.patch(made["C"]["url"], json={"zaakgeometrie": {"type": "LineString", "coordinates": [[1.0, 1.0], [6.0, 6.0]]}})
    triangle = {"type": "Polygon", "coordinates": [[[0.0, 0.0], [10.0, 0.0], [0.0, 10.0], [0.0, 0.0]]]}
    assert _ids(zaken.post("/zaken/_zoek", json={"zaakgeometrie": {"within": triangle}})) == ["B"]


@pytest.mark.parametrize(
    "within",
    [
        {"type": "Polygon"},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]},
        {"type": "Vierkant", "coordinates": []},
        "geen geometrie",
    ],
)
def test_zoek_invalid_geometry(zaken, data, within):
    response = zaken.post("/zaken/_zoek", json={"zaakgeometrie": {"within": within}})
    assert response.status_code == 400, response.text
    assert all(p["name"].startswith("zaakgeometrie.within") for p in response.json()["invalidParams"]), response.json()


def _expected_order(made: dict, ordering: str) -> list[str]:
    """PostgreSQL's (and the reference implementation's) order: NULL is larger than any value, so
    last ascending and first descending; ties newest first."""
    name = ordering.removeprefix("-")
    descending = ordering.startswith("-")
    created = list(made)  # creation order A, B, C, D

    def key(identificatie):
        value = made[identificatie][name] if name != "einddatum" else {"A": "2026-03-01", "C": "2026-01-15"}.get(identificatie)
        return (value is None, value or "", -created.index(identificatie))

    ordered = sorted(made, key=key)
    if descending:
        ordered = sorted(made, key=lambda i: (key(i)[0], key(i)[1], created.index(i)), reverse=True)
    return ordered


ORDERINGS = ["startdatum", "einddatum", "publicatiedatum", "archiefactiedatum", "registratiedatum", "identificatie"]


@pytest.mark.parametrize("ordering", ORDERINGS + ["-" + o for o in ORDERINGS])
def test_every_ordering(zaken, data, ordering):
    made, _, _ = data
    expected = _expected_order(made, ordering)
    assert _ids(zaken.get("/zaken", params={"ordering": ordering})) == expected
    assert _ids(zaken.post("/zaken/_zoek", json={"ordering": ordering})) == expected


def test_ordering_by_several_fields(zaken, data):
    # A and C have an einddatum (ascending), B and D none (last), among those startdatum descending
    found = _ids(zaken.get("/zaken", params={"ordering": "einddatum,-startdatum"}))
    assert found == ["C", "A", "D", "B"]


def test_default_ordering_newest_first(zaken, data):
    assert _ids(zaken.get("/zaken")) == ["D", "C", "B", "A"]


@pytest.mark.parametrize("ordering", ["archiefnominatie", "-zaaktype", "startdatum,iets"])
def test_unknown_ordering(zaken, data, ordering):
    assert_invalid(zaken.get("/zaken", params={"ordering": ordering}), "ordering", "invalid_choice")


def test_zoek_unknown_ordering(zaken, data):
    assert_invalid(zaken.post("/zaken/_zoek", json={"ordering": "archiefnominatie"}), "ordering", "invalid_choice")


def test_unknown_query_parameter(zaken, data):
    response = zaken.get("/zaken", params={"bronorganisatie": "517439943", "onbekend": "1", "zaaktype__in": "x"})
    assert_invalid(response, "nonFieldErrors", "unknown-parameters")
    assert "onbekend" in response.json()["invalidParams"][0]["reason"]


@pytest.mark.parametrize(
    "name,value,code",
    [
        ("startdatum__gt", "gisteren", "invalid"),
        ("registratiedatum", "2026-13-01", "invalid"),
        ("einddatum__isnull", "misschien", "invalid"),
        ("archiefnominatie", "bewaren", "invalid_choice"),
        ("archiefstatus", "weg", "invalid_choice"),
        ("rol__betrokkeneType", "robot", "invalid_choice"),
        ("rol__omschrijvingGeneriek", "baas", "invalid_choice"),
        ("maximaleVertrouwelijkheidaanduiding", "heel_geheim", "invalid_choice"),
    ],
)
def test_invalid_filter_values(zaken, data, name, value, code):
    assert_invalid(zaken.get("/zaken", params={name: value}), name, code)


def test_zoek_invalid_filter_values(zaken, data):
    assert_invalid(zaken.post("/zaken/_zoek", json={"startdatum__gt": "gisteren"}), "startdatum__gt", "invalid")
    assert_invalid(zaken.post("/zaken/_zoek", json={"archiefstatus": "weg"}), "archiefstatus", "invalid_choice")
    assert_invalid(
        zaken.post("/zaken/_zoek", json={"maximaleVertrouwelijkheidaanduiding": "x"}),
        "maximaleVertrouwelijkheidaanduiding",
        "invalid_choice",
    )


def test_expand_parameter_is_known(zaken, data):
    response = zaken.get("/zaken", params={"expand": "zaaktype", "identificatie": "A"})
    assert response.status_code == 200, response.text
    assert "_expand" in response.json()["results"][0]


# ---------------------------------------------------------------- pagination


@pytest.fixture
def many(zaken, catalogi):
    zaaktype = published_zaaktype(catalogi)
    for number in range(101):
        response = zaken.post("/zaken", json=zaak_body(zaaktype.url, identificatie=f"Z{number:03d}"))
        assert response.status_code == 201, response.text
    return zaaktype


def test_pagination_next_previous(zaken, many):
    first = zaken.get("/zaken", params={"ordering": "identificatie"}).json()
    assert first["count"] == 101 and len(first["results"]) == 100
    assert first["previous"] is None
    assert first["next"] == f"{ZAKEN}/zaken?ordering=identificatie&page=2"
    second = zaken.get(first["next"]).json()
    assert [z["identificatie"] for z in second["results"]] == ["Z100"]
    assert second["next"] is None
    assert second["previous"] == f"{ZAKEN}/zaken?ordering=identificatie"
    assert zaken.get("/zaken", params={"page": 3}).status_code == 404
    assert zaken.get("/zaken", params={"page": 0}).status_code == 404


def test_zoek_pagination(zaken, many):
    first = zaken.post("/zaken/_zoek", json={"ordering": "-identificatie"})
    body = first.json()
    assert body["count"] == 101 and len(body["results"]) == 100
    assert body["next"] == f"{ZAKEN}/zaken/_zoek?page=2"
    second = zaken.post(body["next"], json={"ordering": "-identificatie"}).json()
    assert [z["identificatie"] for z in second["results"]] == ["Z000"]
    assert second["previous"] == f"{ZAKEN}/zaken/_zoek"


def test_empty_list(zaken):
    assert zaken.get("/zaken").json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert zaken.post("/zaken/_zoek", json={}).json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_zoek_within_condition_has_no_parameter_limit(zaken, zaken_app):
    """The id list of `zaakgeometrie.within` is rendered inline: more ids than PostgreSQL's 65535
    bound parameters still run."""
    from sqlalchemy import func, select

    from services.zaken.zaak.models import Zaak
    from services.zaken.zaak.queries import _inline_ids

    with zaken_app.state.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Zaak).where(Zaak.id.in_(_inline_ids(list(range(70_000)))))) == 0
        assert session.scalar(select(func.count()).select_from(Zaak).where(Zaak.id.not_in(_inline_ids(list(range(70_000)))))) == 0


def test_zoek_long_in_lists(zaken, data):
    made, t1, _ = data
    uuids = [str(uuid.uuid4()) for _ in range(40_000)] + [made["B"]["uuid"]]
    assert _ids(zaken.post("/zaken/_zoek", json={"uuid__in": uuids})) == ["B"]
    assert_invalid(zaken.post("/zaken/_zoek", json={"zaaktype__in": [f"{t1.url}{n}" for n in range(10_001)]}), "zaaktype__in", "max_length")
