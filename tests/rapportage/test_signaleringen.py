"""`/signaleringen`: where zaakgericht werken is not (well) applied, per zaaktype and team, and the
deadline signals, on zaken built so that every number is known (today is 2026-03-25):

    ZT-A  doorlooptijd P10D; Ontvangen (P1D), In behandeling (P3D), Afgehandeld
    A1    team OE-1, start 03-02; Ontvangen, In behandeling, resultaat, Afgehandeld 03-09
    A2    team OE-1, start 03-05; Ontvangen, Afgehandeld 03-06 (registered 03-08: 48 h late),
          no resultaat: closed without tussenstatus and without resultaat
    A3    no team, start 03-10; Ontvangen 03-10: stuck (P1D), past its deadline 03-20
    A4    team OE-2, start 03-18; Ontvangen 03-24: deadline 03-28, within 5 days
    ZT-B  doorlooptijd P20D; Ontvangen (P30D), Afgehandeld
    B1    team OE-2, start 03-20; Ontvangen 03-20: deadline 04-09, within 5 days only with ZT-B=20
"""

import csv
import io

import pytest

from services.rapportage.zaak.models import Status
from tests.conftest import assert_invalid
from tests.rapportage.fake_zgw import ZRC
from tests.rapportage.helpers import maintenance, stepper
from tests.rapportage.test_backfill_rebuild import reset
from tests.rapportage.test_dashboard import get


def build(fake, deliver=None):
    step = stepper(fake, deliver)
    za = fake.zaaktype()
    ontvangen, behandeling, afgehandeld = za.statustypen
    zb = fake.zaaktype("ZT-B", "Melding", "P20D", None, (("Ontvangen", True, "", "P30D"), ("Afgehandeld", True, "", None)))
    zaken = {}

    def zaak(zt, start, name, team=None):
        url = fake.create_zaak(zt, start, f"{start}T08:00:00Z", name)
        step()
        if team:
            fake.add_rol(url, "organisatorische_eenheid", "behandelaar", team, f"Team {team}", at=f"{start}T08:01:00Z")
            step()
        zaken[name] = url
        return url

    a1 = zaak(za, "2026-03-02", "A1", "OE-1")
    for statustype, at in ((ontvangen, "2026-03-02T09:00:00Z"), (behandeling, "2026-03-03T09:00:00Z")):
        fake.set_status(a1, statustype, at, za)
        step()
    fake.set_resultaat(a1, za, "2026-03-09T08:00:00Z")
    fake.set_status(a1, afgehandeld, "2026-03-09T09:00:00Z", za)
    step()
    a2 = zaak(za, "2026-03-05", "A2", "OE-1")
    fake.set_status(a2, ontvangen, "2026-03-05T09:00:00Z", za)
    step()
    fake.set_status(a2, afgehandeld, "2026-03-06T09:00:00Z", za, registered="2026-03-08T09:00:00Z")
    step()
    a3 = zaak(za, "2026-03-10", "A3")
    fake.set_status(a3, ontvangen, "2026-03-10T09:00:00Z", za)
    step()
    a4 = zaak(za, "2026-03-18", "A4", "OE-2")
    fake.set_status(a4, ontvangen, "2026-03-24T09:00:00Z", za, registered="2026-03-24T10:00:00Z")
    step()
    b1 = zaak(zb, "2026-03-20", "B1", "OE-2")
    fake.set_status(b1, zb.statustypen[0], "2026-03-20T09:00:00Z", zb)
    step()
    return zaken


@pytest.fixture
def zaken(rapportage, fake_zgw):
    return build(fake_zgw, rapportage.deliver)


@pytest.fixture
def settings(rapportage_app):
    settings = rapportage_app.state.settings
    before = settings.signaal_termijn_dagen
    yield settings
    settings.signaal_termijn_dagen = before
    settings.dashboard_open = False


def signalen(rapportage, **params) -> dict:
    return {s["code"]: s for s in rapportage.report("signaleringen", **params)["signaleringen"]}


def numbers(signal: dict) -> tuple:
    return signal["aantal"], signal["totaal"], signal["percentage"], signal["signaal"]


def groups(signal: dict) -> dict:
    return {(g["zaaktype"]["identificatie"], (g["team"] or {}).get("sleutel")): (g["aantal"], g["totaal"]) for g in signal["groepen"]}


def test_the_signals_and_their_numbers(rapportage, zaken):
    body = rapportage.report("signaleringen")
    assert body["peildatum"] == "2026-03-25"
    assert [w["code"] for w in body["weggelaten"]] == ["zonder-document"]
    s = {item["code"]: item for item in body["signaleringen"]}
    assert numbers(s["zonder-tussenstatus"]) == (1, 2, 50.0, True)
    assert groups(s["zonder-tussenstatus"]) == {("ZT-A", "organisatorische_eenheid:OE-1"): (1, 2)}
    assert numbers(s["zonder-resultaat"]) == (1, 2, 50.0, True)
    assert numbers(s["zonder-behandelaar"]) == (1, 5, 20.0, True)
    assert groups(s["zonder-behandelaar"]) == {("ZT-A", None): (1, 4), ("ZT-B", None): (0, 1)}
    # 8 statussen, all with a known registration; A2's Afgehandeld 48 h late (A4's 1 h is not)
    assert numbers(s["naregistratie"]) == (1, 8, 12.5, True)
    assert groups(s["naregistratie"]) == {
        ("ZT-A", "organisatorische_eenheid:OE-1"): (1, 5),
        ("ZT-A", ""): (0, 1),
        ("ZT-A", "organisatorische_eenheid:OE-2"): (0, 1),
        ("ZT-B", "organisatorische_eenheid:OE-2"): (0, 1),
    }
    assert numbers(s["stilstand"]) == (1, 3, 33.3, True)
    assert numbers(s["termijn-bijna"]) == (1, 3, 33.3, True)
    assert numbers(s["termijn-verstreken"]) == (1, 3, 33.3, True)
    assert s["termijn-verstreken"]["drempelPercentage"] is None
    assert "24 uur" in s["naregistratie"]["regel"] and "10%" in s["zonder-tussenstatus"]["regel"]
    assert "binnen 5 dagen" in s["termijn-bijna"]["regel"]
    assert "zonder rol behandelaar van een betrokkeneType uit organisatorische_eenheid,medewerker" in s["zonder-behandelaar"]["regel"]


def test_the_zaken_behind_a_signal(rapportage, zaken):
    def listed(code, **params):
        response = rapportage.get(f"/signaleringen/{code}", params=params)
        assert response.status_code == 200, response.text
        return response.json()

    body = listed("naregistratie")
    assert (body["count"], body["next"], body["previous"]) == (1, None, None)
    assert [z["url"] for z in body["results"]] == [zaken["A2"]]
    assert body["results"][0]["team"]["sleutel"] == "organisatorische_eenheid:OE-1"
    assert [z["identificatie"] for z in listed("zonder-behandelaar")["results"]] == ["A3"]
    stuck = listed("stilstand")["results"]
    assert [(z["identificatie"], z["status"], z["statusSinds"]) for z in stuck] == [("A3", "Ontvangen", "2026-03-10T09:00:00Z")]
    assert [(z["identificatie"], z["uiterlijkeEinddatum"]) for z in listed("termijn-verstreken")["results"]] == [("A3", "2026-03-20")]
    assert [z["identificatie"] for z in listed("termijn-bijna")["results"]] == ["A4"]
    assert sorted(z["identificatie"] for z in listed("zonder-tussenstatus")["results"]) == ["A2"]
    assert listed("zonder-resultaat", team="OE-2")["count"] == 0
    assert rapportage.get("/signaleringen/onbekend").status_code == 404
    assert rapportage.get("/signaleringen/stilstand", params={"page": 2}).status_code == 404
    assert_invalid(rapportage.get("/signaleringen/stilstand", params={"pagina": 2}), "nonFieldErrors", "unknown-parameters")
    lines = rapportage.get("/signaleringen/termijn-bijna", params={"formaat": "csv"}).text.splitlines()
    assert lines[0].startswith("zaak;identificatie;zaaktype") and lines[1].startswith(f"{zaken['A4']};A4;ZT-A;")


def test_filters_and_thresholds(rapportage, zaken, settings):
    # closed from 03-07 on: only A1, which had its tussenstatus and resultaat
    s = signalen(rapportage, van="2026-03-07")
    assert numbers(s["zonder-tussenstatus"]) == (0, 1, 0.0, False)
    assert numbers(s["zonder-resultaat"]) == (0, 1, 0.0, False)
    # statussen set from 03-07 on: A1's Afgehandeld, A3, A4, B1 (A2's late one was set 03-06)
    assert numbers(s["naregistratie"]) == (0, 4, 0.0, False)
    s = signalen(rapportage, team="organisatorische_eenheid:OE-2")
    assert numbers(s["termijn-bijna"]) == (1, 2, 50.0, True)
    assert numbers(s["zonder-behandelaar"]) == (0, 2, 0.0, False)
    s = signalen(rapportage, zaaktype="ZT-B")
    assert numbers(s["stilstand"]) == (0, 1, 0.0, False)
    settings.signaal_termijn_dagen = "ZT-B=20"
    s = signalen(rapportage)
    assert numbers(s["termijn-bijna"]) == (2, 3, 66.7, True)
    assert "ZT-B 20 dagen" in s["termijn-bijna"]["regel"]
    with pytest.raises(ValueError):
        type(settings)(signaal_termijn_dagen="ZT-B")


def test_a_backfill_reads_the_registrations_from_the_audit_trail(rapportage, fake_zgw):
    zaken = build(fake_zgw)
    reset(rapportage.app)
    maintenance(rapportage.app).backfill(ZRC)
    assert numbers(signalen(rapportage)["naregistratie"]) == (1, 8, 12.5, True)
    with rapportage.app.state.db.session() as session:
        late = session.query(Status).filter(Status.naregistratie_seconden > 0).all()
        assert sorted(s.naregistratie_seconden for s in late) == [3600, 48 * 3600]
    assert zaken


def test_the_csv(rapportage, zaken):
    response = rapportage.get("/signaleringen", params={"formaat": "csv"})
    assert response.headers["content-disposition"] == 'attachment; filename="signaleringen.csv"'
    rows = list(csv.reader(io.StringIO(response.text), delimiter=";"))
    assert rows[0][:3] == ["signalering", "zaaktype", "omschrijving"]
    assert ["zonder-tussenstatus", "", "alle zaaktypen", "", "alle teams", "1", "2", "50.0", "10.0", "True"] in rows
    assert ["zonder-behandelaar", "ZT-B", "Melding", "", "alle teams", "0", "1", "0.0", "5.0", "False"] in rows


def test_the_dashboard_section(rapportage, zaken, settings):
    settings.dashboard_open = True
    html = get(rapportage).text
    assert '<section class="wide" id="signaleringen">' in html
    assert 'data-signaal="naregistratie" data-aantal="1" data-totaal="8"' in html
    assert 'data-signaal="termijn-verstreken" data-aantal="1" data-totaal="3"' in html
    assert 'data-groep="ZT-A|organisatorische_eenheid:OE-1"' in html
    assert "Afgesloten zonder document" in html and "meer dan 24 uur" in html
    assert 'href="export/signaleringen.csv"' in html
    assert get(rapportage, path="/rapportage/export/signaleringen.csv").text.startswith("signalering;zaaktype")
