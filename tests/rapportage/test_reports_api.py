"""The JSON API: ZGW JWTs with scope `rapportage.lezen`, strict query parameters, CSV export,
the contract served, the SQL views, and the milestone of a halved doorlooptijd."""

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import text

from services.rapportage.mijlpalen.service import check_halvering
from shared.auth import parse_applicatie
from tests.conftest import SECRET, assert_invalid
from tests.rapportage import history

REPORTS = [
    "kerncijfers",
    "instroom-uitstroom",
    "werkvoorraad",
    "werkvoorraad-trend",
    "doorlooptijden",
    "doorlooptijd-trend",
    "statusduur",
    "gebruik",
    "kampioen",
    "mijlpalen",
]


@pytest.fixture
def filled(rapportage, fake_zgw):
    return history.build(fake_zgw, rapportage.deliver)


@pytest.fixture
def applicaties(rapportage_app):
    """Extra applicaties for this test, on top of the test file's."""
    authenticator = rapportage_app.state.authenticator
    original = authenticator.source
    extra = {}

    class Overlay:
        def by_client_id(self, client_id):
            return extra.get(client_id) or original.by_client_id(client_id)

    authenticator.source = Overlay()

    def define(client_id, autorisaties):
        extra[client_id] = parse_applicatie({"label": client_id, "clientIds": [client_id], "secret": SECRET, "autorisaties": autorisaties})

    yield define
    authenticator.source = original


@pytest.mark.parametrize("name", REPORTS + ["teams", "zaaktypen", "inbox"])
def test_reports_need_a_jwt_with_rapportage_lezen(rapportage, applicaties, name):
    assert rapportage.client.get(rapportage.url(f"/{name}")).status_code == 401
    assert rapportage.as_client("lezer").get(f"/{name}").status_code == 403  # catalogi.lezen only
    applicaties("manager", [{"component": "zrc", "scopes": ["rapportage.lezen"]}])
    assert rapportage.as_client("manager").get(f"/{name}").status_code == 200
    assert rapportage.get(f"/{name}").status_code == 200  # all rights


def test_query_parameters_are_checked(rapportage):
    assert_invalid(rapportage.get("/kerncijfers", params={"periode": "2026"}), "nonFieldErrors", "unknown-parameters")
    assert_invalid(rapportage.get("/kerncijfers", params={"van": "2026-13-01"}), "van", "invalid")
    assert_invalid(rapportage.get("/kerncijfers", params={"van": "2026-03-02", "tot": "2026-03-01"}), "van", "invalid")
    assert_invalid(rapportage.get("/instroom-uitstroom", params={"interval": "dag"}), "interval", "invalid_choice")
    assert_invalid(rapportage.get("/gebruik", params={"formaat": "xml"}), "formaat", "invalid_choice")
    assert rapportage.get("/zaken/geen-uuid/tijdlijn").status_code == 404


def test_csv_export(rapportage, filled):
    response = rapportage.get("/doorlooptijden", params={"formaat": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="doorlooptijden.csv"'
    rows = list(csv.reader(io.StringIO(response.text), delimiter=";"))
    assert rows[0][:4] == ["zaaktype", "omschrijving", "aantalAfgesloten", "brutoMediaan"]
    assert rows[1][:4] == ["ZT-A", "Aanvraag vergunning", "2", "11.0"]
    rows = list(
        csv.reader(
            io.StringIO(rapportage.get("/gebruik", params={"formaat": "csv", "van": "2026-03-01", "tot": "2026-03-31"}).text), delimiter=";"
        )
    )
    assert ["organisatorische_eenheid:OE-2", "Team Handhaving", "2026-03", "1", "4", "1"] in rows
    for name in REPORTS:
        response = rapportage.get(f"/{name}", params={"formaat": "csv"})
        assert response.status_code == 200 and response.text.count("\r\n") >= 1, name


def test_the_contract_is_served(rapportage):
    response = rapportage.client.get(rapportage.url("/openapi.yaml"))
    assert response.status_code == 200
    for path in [
        "/callbacks",
        "/kerncijfers",
        "/instroom-uitstroom",
        "/werkvoorraad",
        "/doorlooptijden",
        "/statusduur",
        "/gebruik",
        "/kampioen",
        "/mijlpalen",
        "/zaken/{uuid}/tijdlijn",
    ]:
        assert f"\n  {path}:\n" in response.text, path


def test_sql_views(rapportage, filled):
    with rapportage.app.state.db.engine.connect() as connection:
        zaken = connection.execute(
            text(
                "SELECT zaak_identificatie, team_naam, is_open, doorlooptijd_bruto_dagen, doorlooptijd_netto_dagen, op_tijd_doorlooptijd FROM rapportage_zaken ORDER BY zaak_identificatie"
            )
        ).all()
        assert [tuple(z) for z in zaken] == [
            ("Z1", "Team Vergunningen", 0, 7, 5, 1),
            ("Z2", "Team Handhaving", 0, 15, 15, 0),
            ("Z3", "M-7", 1, None, None, None),
        ]
        statussen = connection.execute(
            text("SELECT COUNT(*), SUM(CASE WHEN boven_norm = 1 THEN 1 ELSE 0 END) FROM rapportage_statussen")
        ).one()
        assert tuple(statussen) == (8, 3)
        maand = connection.execute(
            text("SELECT soort, aantal FROM rapportage_tellingen_maand WHERE soort IN ('gestart', 'afgesloten') ORDER BY soort, team_naam")
        ).all()
        assert [tuple(r) for r in maand] == [("afgesloten", 1), ("afgesloten", 1), ("gestart", 1), ("gestart", 1), ("gestart", 1)]
        dag = connection.execute(text("SELECT SUM(aantal) FROM rapportage_tellingen_dag WHERE soort = 'status'")).scalar()
        assert dag == 8
        assert connection.execute(text("SELECT COUNT(*) FROM rapportage_opschortingen")).scalar() == 1
        assert connection.execute(text("SELECT COUNT(*) FROM rapportage_mijlpalen")).scalar() == 2


def test_a_halved_doorlooptijd_is_a_milestone(rapportage, fake_zgw):
    """March 2025: the median doorlooptijd of ZT-A was 20 days; March 2026: 9 days. Checked once
    March 2026 is over."""
    zt = fake_zgw.zaaktype()
    for year, days in ((2025, (18, 20, 22)), (2026, (8, 9, 30))):
        for index, duration in enumerate(days):
            start = dt.date(year, 3, 1) - dt.timedelta(days=duration - 5 - index)
            url = fake_zgw.create_zaak(zt, start.isoformat(), f"{start}T08:00:00Z", f"H{year}-{index}")
            end = start + dt.timedelta(days=duration)
            fake_zgw.set_status(url, zt.statustypen[-1], f"{end}T09:00:00Z", zt)
    rapportage.deliver(fake_zgw.messages)
    settings = rapportage.app.state.settings
    with rapportage.app.state.db.session() as session:
        assert check_halvering(session, settings, dt.date(2026, 3, 25)) == 0  # March 2026 is not over
        assert check_halvering(session, settings, dt.date(2026, 4, 1)) == 1
        assert check_halvering(session, settings, dt.date(2026, 4, 2)) == 0  # once
        session.commit()
    items = [m for m in rapportage.report("mijlpalen")["mijlpalen"] if m["soort"] == "halvering"]
    assert [(m["datum"], m["waarde"]) for m in items] == [("2026-03-31", 9)]
    assert (
        items[0]["titel"]
        == "De doorlooptijd van Aanvraag vergunning is gehalveerd: mediaan 9 dagen in maart 2026, 20 dagen een jaar eerder"
    )
