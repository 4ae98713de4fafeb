"""The monthly report (`/maandrapport`, the page /rapportage/maand/JJJJ-MM and its .xlsx/CSV) on
a history whose numbers are known by construction (ZT-A: doorlooptijd P10D, servicenorm P5D):

    February 2026, team OE-1 (Team Vergunningen): F1 4 days, F2 12 days (late; beyond servicenorm)
    March 2026:    M4 team OE-2 (Team Handhaving) 03-01 .. 03-21, 20 days, no tussenstatus, no resultaat
                   M1, M2, M3 team OE-1: 3, 6 and 9 days (on time; only M1 within the servicenorm)
                   M5 team OE-2, started 03-20, open

So March against February, all teams: 5 started (2), 4 closed (2), 1 open at the month's end (0),
12 statussen (4), median 7.5 days (8.0), 75% on time (50%), 25% within the servicenorm (50%).
The champion of March is Team Vergunningen (3 of 3 on time); the 3rd zaak (M4, 03-01) is the
month's milestone, the first zaak of ZT-A (F1) February's."""

import csv
import datetime as dt
import io
import re

import pytest

from tests.rapportage.test_dashboard import open_dashboard  # noqa: F401  (a fixture)
from tests.rapportage.test_xlsx import as_csv_text, csv_as_read, sheets

OE1, OE2 = "organisatorische_eenheid:OE-1", "organisatorische_eenheid:OE-2"


def _zaak(fake, zt, identificatie: str, start: str, team: tuple[str, str], dagen: int | None, tussenstatus: bool = True) -> str:
    ontvangen, behandeling, afgehandeld = zt.statustypen
    url = fake.create_zaak(zt, start, f"{start}T08:00:00Z", identificatie)
    fake.add_rol(url, "organisatorische_eenheid", "behandelaar", team[0], team[1], at=f"{start}T08:01:00Z")
    fake.set_status(url, ontvangen, f"{start}T09:00:00Z", zt)
    if dagen is None:
        return url
    begin = dt.date.fromisoformat(start)
    if tussenstatus:
        fake.set_status(url, behandeling, f"{begin + dt.timedelta(days=1)}T09:00:00Z", zt)
    end = begin + dt.timedelta(days=dagen)
    if tussenstatus:  # the zaken without a tussenstatus also lack a resultaat
        fake.set_resultaat(url, zt, f"{end}T08:00:00Z")
    fake.set_status(url, afgehandeld, f"{end}T09:00:00Z", zt)
    return url


@pytest.fixture
def maanden(rapportage, fake_zgw):
    zt = fake_zgw.zaaktype()
    vergunningen, handhaving = ("OE-1", "Team Vergunningen"), ("OE-2", "Team Handhaving")
    _zaak(fake_zgw, zt, "F1", "2026-02-02", vergunningen, 4, tussenstatus=False)
    _zaak(fake_zgw, zt, "F2", "2026-02-03", vergunningen, 12, tussenstatus=False)
    _zaak(fake_zgw, zt, "M4", "2026-03-01", handhaving, 20, tussenstatus=False)
    _zaak(fake_zgw, zt, "M1", "2026-03-02", vergunningen, 3)
    _zaak(fake_zgw, zt, "M2", "2026-03-02", vergunningen, 6)
    _zaak(fake_zgw, zt, "M3", "2026-03-03", vergunningen, 9)
    _zaak(fake_zgw, zt, "M5", "2026-03-20", handhaving, None)
    rapportage.deliver(fake_zgw.messages)
    rapportage.app.state.test_clock.today = dt.date(2026, 4, 3)


def kerncijfers(onderdeel: dict) -> dict[str, tuple]:
    return {k["code"]: (k["waarde"], k["vorigeMaand"], k["verschil"], k["richting"], k["beoordeling"]) for k in onderdeel["kerncijfers"]}


@pytest.mark.usefixtures("maanden")
def test_the_month_against_the_month_before(rapportage):
    body = rapportage.report("maandrapport", maand="2026-03")
    assert (body["maand"], body["van"], body["tot"], body["vorigeMaand"], body["afgerond"]) == (
        "2026-03",
        "2026-03-01",
        "2026-03-31",
        "2026-02",
        True,
    )
    assert [o["titel"] for o in body["onderdelen"]] == ["Alle teams", "Team Handhaving", "Team Vergunningen"]
    alle, handhaving, vergunningen = body["onderdelen"]
    assert alle["team"] is None and handhaving["team"]["sleutel"] == OE2
    assert kerncijfers(alle) == {
        "aantalZaken": (5, 2, 3, "hoger", None),
        "aantalAfgesloten": (4, 2, 2, "hoger", "beter"),
        "aantalOpen": (1, 0, 1, "hoger", "slechter"),
        "aantalStatussen": (12, 4, 8, "hoger", None),
        "mediaanDoorlooptijdDagen": (7.5, 8.0, -0.5, "lager", "beter"),
        "percentageOpTijd": (75.0, 50.0, 25.0, "hoger", "beter"),
        "percentageBinnenServicenorm": (25.0, 50.0, -25.0, "lager", "slechter"),
    }
    assert kerncijfers(vergunningen)["aantalAfgesloten"] == (3, 2, 1, "hoger", "beter")
    assert kerncijfers(vergunningen)["mediaanDoorlooptijdDagen"] == (6.0, 8.0, -2.0, "lager", "beter")
    assert kerncijfers(vergunningen)["percentageOpTijd"] == (100.0, 50.0, 50.0, "hoger", "beter")
    assert kerncijfers(handhaving)["aantalAfgesloten"] == (1, 0, 1, "hoger", "beter")
    assert kerncijfers(handhaving)["mediaanDoorlooptijdDagen"] == (20.0, None, None, None, None)  # nothing closed in February
    # the doorlooptijd against the norm, the werkvoorraad at the month's end
    [zt] = alle["doorlooptijden"]
    assert (
        zt["zaaktype"]["identificatie"],
        zt["aantalAfgesloten"],
        zt["mediaanDagen"],
        zt["doorlooptijdDagen"],
        zt["servicenormDagen"],
    ) == ("ZT-A", 4, 7.5, 10, 5)
    assert (alle["werkvoorraad"]["datum"], alle["werkvoorraad"]["aantal"]) == ("2026-03-31", 1)
    assert [b["aantal"] for b in alle["werkvoorraad"]["leeftijden"]] == [0, 1, 0, 0, 0]  # M5, 11 days old on 03-31
    # the month's signals: M4 closed without a tussenstatus and without a resultaat
    signalen = {s["code"]: (s["aantal"], s["totaal"], s["signaal"]) for s in alle["signaleringen"]}
    assert signalen["zonder-tussenstatus"] == (1, 4, True) and signalen["zonder-resultaat"] == (1, 4, True)
    assert {s["code"]: s["aantal"] for s in vergunningen["signaleringen"]}["zonder-tussenstatus"] == 0
    # the champion, and only the month's milestones
    kampioen = body["kampioen"]
    assert (kampioen["maand"], kampioen["kampioen"]["team"]["naam"], kampioen["kampioen"]["percentageOpTijd"]) == (
        "2026-03",
        "Team Vergunningen",
        100.0,
    )
    assert kampioen["aantalKandidaten"] == 2 and "hoogste percentage" in kampioen["regel"]
    assert [(m["soort"], m["datum"], m["titel"]) for m in body["mijlpalen"]] == [("aantal", "2026-03-01", "De 3e zaak")]
    february = rapportage.report("maandrapport", maand="2026-02")
    assert [m["soort"] for m in february["mijlpalen"]] == ["eerste-zaak"]
    assert kerncijfers(february["onderdelen"][0])["mediaanDoorlooptijdDagen"] == (8.0, None, None, None, None)


@pytest.mark.usefixtures("maanden")
def test_one_team_and_the_default_month(rapportage):
    body = rapportage.report("maandrapport", maand="2026-03", team=OE2)
    [onderdeel] = body["onderdelen"]
    assert (onderdeel["titel"], onderdeel["team"]["sleutel"]) == ("Team Handhaving", OE2)
    assert kerncijfers(onderdeel)["aantalZaken"] == (2, 0, 2, "hoger", None)
    assert body["kampioen"]["kampioen"]["team"]["sleutel"] == OE1  # the champion is of all teams
    # two teams: the two together, then each
    body = rapportage.report("maandrapport", maand="2026-03", team=f"{OE1},{OE2}")
    assert [o["titel"] for o in body["onderdelen"]] == ["Geselecteerde teams", "Team Vergunningen", "Team Handhaving"]
    assert kerncijfers(body["onderdelen"][0])["aantalAfgesloten"][0] == 4
    assert rapportage.report("maandrapport")["maand"] == "2026-03"  # today 2026-04-03: the last completed month
    assert rapportage.report("maandrapport", maand="2026-01")["vorigeMaand"] == "2025-12"


def test_a_bad_month_is_refused(rapportage):
    from tests.conftest import assert_invalid

    for maand in ("2026-13", "maart", "2026-3", "1899-12", "2026-04"):  # today 2026-03-25: April has not begun
        assert_invalid(rapportage.get("/maandrapport", params={"maand": maand}), "maand", "invalid")
    assert_invalid(rapportage.get("/maandrapport", params={"van": "2026-03-01"}), "nonFieldErrors", "unknown-parameters")
    assert rapportage.get("/maandrapport", params={"maand": "2026-03"}).status_code == 200  # the running month


@pytest.mark.usefixtures("maanden")
def test_the_monthly_report_as_xlsx_has_a_sheet_per_table(rapportage):
    response = rapportage.get("/maandrapport", params={"maand": "2026-03", "formaat": "xlsx"})
    assert response.headers["content-disposition"] == 'attachment; filename="maandrapport-2026-03.xlsx"'
    workbook = sheets(response)
    assert list(workbook) == ["kerncijfers", "doorlooptijden", "werkvoorraad", "signaleringen", "kampioen", "mijlpalen"]
    kern = {(row[2], row[3]): row for row in workbook["kerncijfers"][1:]}
    assert kern[("Alle teams", "percentageOpTijd")][5:] == [75, 50, 25, "hoger", "beter"]
    assert workbook["werkvoorraad"][1][:4] == [dt.datetime(2026, 3, 31), None, "Alle teams", 1]
    assert workbook["mijlpalen"][1][:3] == [dt.datetime(2026, 3, 1), "aantal", "De 3e zaak"]
    # the CSV: the same tables one after the other, each under its name
    response = rapportage.get("/maandrapport", params={"maand": "2026-03", "formaat": "csv"})
    assert response.headers["content-disposition"] == 'attachment; filename="maandrapport-2026-03.csv"'
    lines = list(csv.reader(io.StringIO(response.text), delimiter=";"))
    sections: dict[str, list] = {}
    name = None
    for index, line in enumerate(lines):
        if index == 0 or not lines[index - 1]:
            name = line[0]
            sections[name] = []
        elif line:
            sections[name].append(line)
    assert list(sections) == list(workbook)
    for title, rows in workbook.items():
        assert [[as_csv_text(v) for v in row] for row in rows] == [[csv_as_read(v) for v in row] for row in sections[title]], title


def page(rapportage, path: str, **params):
    return rapportage.client.get(f"http://testserver/rapportage{path}", params=params, follow_redirects=False)


def rows(html: str) -> list[dict[str, str]]:
    return [
        dict(zip(("code", "waarde", "vorige", "verschil", "beoordeling"), found, strict=True))
        for found in re.findall(
            r'data-kerncijfer="(\w+)" data-waarde="([^"]*)" data-vorige="([^"]*)" data-verschil="([^"]*)" data-beoordeling="(\w*)"', html
        )
    ]


@pytest.mark.usefixtures("maanden", "open_dashboard")
def test_the_monthly_page_prints_on_a4_a_page_per_team(rapportage):
    response = page(rapportage, "/maand/2026-03")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    # printable: A4, margins, no navigation, a page per team, nothing split
    assert "@page{size:A4;margin:" in html and "@media print{" in html
    print_css = html.split("@media print{", 1)[1]
    assert ".scherm{display:none!important}" in print_css
    assert "section.onderdeel+section.onderdeel{break-before:page" in print_css
    assert ".blok,table,tr,svg,.grafieken{break-inside:avoid" in print_css
    assert '<nav class="scherm">' in html
    assert html.count('<section class="onderdeel"') == 3
    assert re.findall(r'<section class="onderdeel" data-team="([^"]*)"', html) == ["", OE2, OE1]
    # the numbers with their trend, computed
    alle = rows(html.split('<section class="onderdeel"')[1])
    assert {r["code"]: (r["waarde"], r["vorige"], r["verschil"], r["beoordeling"]) for r in alle} == {
        "aantalZaken": ("5", "2", "3", ""),
        "aantalAfgesloten": ("4", "2", "2", "beter"),
        "aantalOpen": ("1", "0", "1", "slechter"),
        "aantalStatussen": ("12", "4", "8", ""),
        "mediaanDoorlooptijdDagen": ("7.5", "8.0", "-0.5", "beter"),
        "percentageOpTijd": ("75.0", "50.0", "25.0", "beter"),
        "percentageBinnenServicenorm": ("25.0", "50.0", "-25.0", "slechter"),
    }
    assert '<td class="n trend beter">▼ -0,5</td>' in html and '<td class="n trend slechter">▼ -25</td>' in html
    # the champion, the month's milestones and signals, the charts
    assert 'data-kampioen="organisatorische_eenheid:OE-1"' in html and "Team Vergunningen" in html
    assert "Zaakgericht Werken Kampioen van maart 2026" in html.split(f'data-team="{OE1}"')[1]  # on the champion's own page too
    assert html.count('data-mijlpaal="') == 1 and "De 3e zaak" in html
    assert 'data-signaal="zonder-tussenstatus" data-aantal="1" data-totaal="4"' in html
    for chart in ("grafiek-vergelijking-0", "grafiek-leeftijd-0", "grafiek-vergelijking-2"):
        assert f'<svg id="{chart}"' in html
    assert re.search(r'data-serie="februari 2026" data-label="afgesloten" data-value="2"', html)
    # the dashboard's style: no script, nothing from elsewhere, nobody's name or BSN
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    for word in ("999993653", "Jansen", "Pietersen"):
        assert word not in html
    assert 'href="2026-02">' in html and 'href="../">' in html and 'href="2026-03.xlsx">Excel' in html


@pytest.mark.usefixtures("maanden", "open_dashboard")
def test_the_monthly_page_of_one_team_and_its_links(rapportage):
    html = page(rapportage, "/maand/2026-03", team=OE2).text
    assert html.count('<section class="onderdeel"') == 1 and "<h2>Team Handhaving · maart 2026</h2>" in html
    assert f'<option value="{OE2}" selected>Team Handhaving</option>' in html
    assert 'href="2026-03.xlsx?team=organisatorische_eenheid%3AOE-2"' in html
    response = page(rapportage, "/maand/2026-03.xlsx", team=OE2)
    assert response.headers["content-disposition"] == 'attachment; filename="maandrapport-2026-03.xlsx"'
    assert [row[2] for row in sheets(response)["werkvoorraad"][1:]] == ["Team Handhaving"]
    # the dashboard links its months to their reports; /maand goes to the last completed month
    dashboard = page(rapportage, "/", team=OE2).text
    assert 'href="maand/2026-03?team=organisatorische_eenheid%3AOE-2" data-maand="2026-03">maart 2026</a>' in dashboard
    response = page(rapportage, "/maand", team=OE2)
    assert response.status_code == 307 and response.headers["location"] == "/rapportage/maand/2026-03?team=organisatorische_eenheid%3AOE-2"


@pytest.mark.usefixtures("open_dashboard")
def test_bad_months_on_the_page(rapportage):
    assert page(rapportage, "/maand/2026-13").status_code == 400
    assert page(rapportage, "/maand/9999-01").status_code == 400
    assert page(rapportage, "/maand/2026-03.pdf").status_code == 404
    assert page(rapportage, "/maand/2026-03", van="maart").status_code == 400
    empty = page(rapportage, "/maand/2026-02")  # nothing yet: the page still renders
    assert empty.status_code == 200 and "Geen zaken afgesloten in deze maand." in empty.text and "Geen kampioen" in empty.text


def test_the_monthly_page_needs_the_dashboards_login(rapportage):
    from tests.conftest import auth_header

    assert page(rapportage, "/maand/2026-02").status_code == 401
    assert page(rapportage, "/maand/2026-02.xlsx").status_code == 401
    assert rapportage.client.get("http://testserver/rapportage/maand/2026-02", headers=auth_header("lezer")).status_code == 403
    assert rapportage.client.get("http://testserver/rapportage/maand/2026-02", headers=auth_header()).status_code == 200
