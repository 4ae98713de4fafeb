"""The dashboard at /rapportage/: server-rendered HTML with inline SVG charts, the numbers of the
reports, the champion's rule; open only where RAPPORTAGE_DASHBOARD_OPEN says so, otherwise
behind a login (HTTP Basic with an applicatie's client_id and secret, or a Bearer JWT)."""

import base64
import re

import pytest

from tests.conftest import SECRET, auth_header
from tests.rapportage import history


@pytest.fixture
def open_dashboard(rapportage_app):
    settings = rapportage_app.state.settings
    settings.dashboard_open = True
    yield
    settings.dashboard_open = False


def get(rapportage, path="/rapportage/", **kwargs):
    return rapportage.client.get(f"http://testserver{path}", **kwargs)


def numbers(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-kerncijfer="(\w+)" data-waarde="([^"]*)"', html))


def test_closed_dashboard_asks_for_a_login(rapportage):
    response = get(rapportage)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith('Basic realm="Rapportage"')
    basic = base64.b64encode(f"alles:{SECRET}".encode()).decode()
    assert get(rapportage, headers={"Authorization": f"Basic {basic}"}).status_code == 200
    wrong = base64.b64encode(b"alles:fout").decode()
    assert get(rapportage, headers={"Authorization": f"Basic {wrong}"}).status_code == 401
    lezer = base64.b64encode(f"lezer:{SECRET}".encode()).decode()  # no rapportage.lezen
    assert get(rapportage, headers={"Authorization": f"Basic {lezer}"}).status_code == 403
    assert get(rapportage, headers=auth_header()).status_code == 200
    assert get(rapportage, headers=auth_header("lezer")).status_code == 403


@pytest.mark.usefixtures("open_dashboard")
def test_the_dashboard_shows_the_numbers(rapportage, fake_zgw):
    history.build(fake_zgw, rapportage.deliver)
    response = get(rapportage)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    kern = numbers(html)
    assert (kern["aantalZaken"], kern["aantalOpen"], kern["aantalAfgesloten"], kern["aantalStatussen"]) == ("3", "1", "2", "8")
    assert kern["mediaanDoorlooptijdDagen"] == "11.0" and kern["percentageOpTijd"] == "50.0"
    for chart in ("grafiek-doorlooptijd", "grafiek-instroom-uitstroom", "grafiek-werkvoorraad", "grafiek-leeftijd", "grafiek-statusduur"):
        assert f'<svg id="{chart}"' in html, chart
    assert 'data-kampioen="organisatorische_eenheid:OE-1"' in html
    assert "De regel:" in html and "hoogste percentage" in html
    assert html.count('data-mijlpaal="') == 2
    assert 'data-zaaktype="ZT-A"' in html
    assert "<script" not in html and "http://" not in html.split("<body>", 1)[1].replace("http://www.w3.org/2000/svg", "")
    for word in ("999993653", "Jansen", "Pietersen"):
        assert word not in html
    # the chart of instroom/uitstroom carries its numbers
    assert re.search(r'data-serie="instroom" data-label="2026-03" data-value="3"', html)


@pytest.mark.usefixtures("open_dashboard")
def test_the_dashboard_filters(rapportage, fake_zgw):
    history.build(fake_zgw, rapportage.deliver)
    html = get(rapportage, params={"team": "organisatorische_eenheid:OE-2", "van": "2026-03-01", "tot": "2026-03-31"}).text
    kern = numbers(html)
    assert (kern["aantalZaken"], kern["aantalAfgesloten"], kern["aantalStatussen"]) == ("1", "1", "4")
    assert "selected>Team Handhaving</option>" in html
    assert get(rapportage, params={"van": "maart"}).status_code == 400


@pytest.mark.usefixtures("open_dashboard")
def test_an_empty_dashboard_renders(rapportage):
    html = get(rapportage).text
    assert numbers(html)["aantalZaken"] == "0"
    assert "Nog geen kampioen" in html and "Nog geen mijlpalen" in html
    assert get(rapportage, path="/rapportage", follow_redirects=False).status_code == 307


@pytest.mark.usefixtures("open_dashboard")
def test_csv_exports_from_the_dashboard(rapportage, fake_zgw):
    history.build(fake_zgw, rapportage.deliver)
    html = get(rapportage, params={"van": "2026-03-01"}).text
    assert 'href="export/doorlooptijden.csv?van=2026-03-01"' in html
    response = get(rapportage, path="/rapportage/export/doorlooptijden.csv", params={"van": "2026-03-01"})
    assert response.status_code == 200 and response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.text.splitlines()[1].startswith("ZT-A;Aanvraag vergunning;2;11.0")
    assert get(rapportage, path="/rapportage/export/onbekend.csv").status_code == 404


def test_csv_exports_need_the_login_too(rapportage):
    assert get(rapportage, path="/rapportage/export/kerncijfers.csv").status_code == 401
