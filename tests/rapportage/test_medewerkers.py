"""The medewerkers: who acts in the system (the Nth-user milestone), and how the medewerkers of
a team work (`/medewerkers`, only with RAPPORTAGE_PER_MEDEWERKER), on zaken built so that every
number is known (today is 2026-03-25; `door` is the audit trail's gebruikersId of the write):

    F  team OE-3, start 02-10 (door M-5); behandelaar M-5, adviseur M-6 (a medewerker, no
       behandelaar); Ontvangen 02-10 door M-7
    A  team OE-1, start 03-02 (door M-1); behandelaar M-1; Ontvangen 03-02 door M-1,
       In behandeling 03-03 door M-2, registered 03-05 (48 h late)
    B  team OE-1, start 03-04 (door M-1); behandelaars M-1 and M-2; Ontvangen 03-04 door M-1
    C  team OE-1, start 03-05 (door M-2); behandelaar M-2; Ontvangen 03-05, Afgehandeld 03-09
       door M-2 (closed: in behandeling with nobody)
    D  team OE-2, start 03-10 (door M-3); behandelaar M-3; Ontvangen 03-10 door M-4, registered
       03-11 15:00 (30 h late)
    E  team OE-2, start 03-12 (door M-4); behandelaar M-4; Ontvangen 03-12 door M-4

Seven medewerkers; six of them in rollen (M-7 only sets a status)."""

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import select

from services.rapportage.medewerkers.models import Behandelaar, Medewerker
from services.rapportage.zaak.models import Status
from tests.rapportage.fake_zgw import ZRC
from tests.rapportage.helpers import dump, maintenance, stepper
from tests.rapportage.test_backfill_rebuild import reset
from tests.rapportage.test_dashboard import get


def build(fake, deliver=None) -> dict[str, str]:
    step = stepper(fake, deliver)
    za = fake.zaaktype()
    ontvangen, behandeling, afgehandeld = za.statustypen
    zaken = {}

    def zaak(name, start, team, behandelaars, door):
        fake.gebruiker = door
        url = fake.create_zaak(za, start, f"{start}T08:00:00Z", name)
        step()
        fake.add_rol(url, "organisatorische_eenheid", "behandelaar", team, f"Team {team}", at=f"{start}T08:01:00Z")
        for number, medewerker in enumerate(behandelaars):
            fake.add_rol(url, "medewerker", "behandelaar", medewerker, "Pietersen", at=f"{start}T08:0{2 + number}:00Z")
        step()
        zaken[name] = url
        return url

    def status(url, statustype, at, door, registered=None):
        fake.gebruiker = door
        fake.set_status(url, statustype, at, za, registered=registered)
        step()

    f = zaak("F", "2026-02-10", "OE-3", ["M-5"], "M-5")
    fake.add_rol(f, "medewerker", "adviseur", "M-6", "Jansen", at="2026-02-10T08:05:00Z")
    step()
    status(f, ontvangen, "2026-02-10T09:00:00Z", "M-7")
    a = zaak("A", "2026-03-02", "OE-1", ["M-1"], "M-1")
    status(a, ontvangen, "2026-03-02T09:00:00Z", "M-1")
    status(a, behandeling, "2026-03-03T09:00:00Z", "M-2", registered="2026-03-05T09:00:00Z")
    b = zaak("B", "2026-03-04", "OE-1", ["M-1", "M-2"], "M-1")
    status(b, ontvangen, "2026-03-04T09:00:00Z", "M-1")
    c = zaak("C", "2026-03-05", "OE-1", ["M-2"], "M-2")
    status(c, ontvangen, "2026-03-05T09:00:00Z", "M-2")
    status(c, afgehandeld, "2026-03-09T09:00:00Z", "M-2")
    d = zaak("D", "2026-03-10", "OE-2", ["M-3"], "M-3")
    status(d, ontvangen, "2026-03-10T09:00:00Z", "M-4", registered="2026-03-11T15:00:00Z")
    e = zaak("E", "2026-03-12", "OE-2", ["M-4"], "M-4")
    status(e, ontvangen, "2026-03-12T09:00:00Z", "M-4")
    fake.gebruiker = ""
    return zaken


@pytest.fixture
def settings(rapportage_app):
    settings = rapportage_app.state.settings
    before = (settings.per_medewerker, settings.mijlpalen_gebruikers)
    settings.per_medewerker = True
    settings.mijlpalen_gebruikers = "3,7"
    yield settings
    settings.per_medewerker, settings.mijlpalen_gebruikers = before
    settings.dashboard_open = False


@pytest.fixture
def uit(settings):
    settings.per_medewerker = False
    return settings


def table(body: dict) -> dict:
    return {
        (t["team"]["sleutel"], m["identificatie"]): (m["zakenInBehandeling"], m["statussenGezet"], m["naregistraties"])
        for t in body["teams"]
        for m in t["medewerkers"]
    }


def seen(rapportage) -> dict[str, str]:
    with rapportage.app.state.db.session() as session:
        return {m.identificatie: m.eerst_gezien.isoformat()[:16] for m in session.scalars(select(Medewerker))}


def gebruikers_mijlpalen(rapportage) -> list[tuple]:
    return [(m["waarde"], m["datum"], m["titel"]) for m in rapportage.report("mijlpalen")["mijlpalen"] if m["soort"] == "gebruikers"]


OE1, OE2, OE3 = (f"organisatorische_eenheid:OE-{n}" for n in (1, 2, 3))
EXPECTED = {
    (OE1, "M-1"): (2, 2, 0),
    (OE1, "M-2"): (1, 3, 1),
    (OE2, "M-3"): (1, 0, 0),
    (OE2, "M-4"): (1, 2, 1),
    (OE3, "M-5"): (1, 0, 0),
    (OE3, "M-7"): (0, 1, 0),
}


def test_per_team_per_medewerker(rapportage, fake_zgw, settings):
    build(fake_zgw, rapportage.deliver)
    body = rapportage.report("medewerkers")
    assert table(body) == EXPECTED
    assert [t["team"]["naam"] for t in body["teams"]] == ["Team OE-1", "Team OE-2", "Team OE-3"]
    assert body["teams"][0]["totaal"] == {"zakenInBehandeling": 3, "statussenGezet": 5, "naregistraties": 1}
    assert body["naregistratieUren"] == 24
    # statussen set in March only: M-7's (February) is out, the open zaken stay
    march = table(rapportage.report("medewerkers", van="2026-03-01", tot="2026-03-31"))
    assert march == {key: value for key, value in EXPECTED.items() if key[1] != "M-7"} | {(OE3, "M-5"): (1, 0, 0)}
    assert table(rapportage.report("medewerkers", team="OE-2")) == {k: v for k, v in EXPECTED.items() if k[0] == OE2}
    settings.signaal_naregistratie_uren = 36.0
    try:
        assert table(rapportage.report("medewerkers"))[(OE2, "M-4")] == (1, 2, 0)  # 30 h is no longer late
    finally:
        settings.signaal_naregistratie_uren = 24.0


def test_the_csv_and_the_dashboard(rapportage, fake_zgw, settings):
    build(fake_zgw, rapportage.deliver)
    response = rapportage.get("/medewerkers", params={"formaat": "csv"})
    assert response.headers["content-disposition"] == 'attachment; filename="medewerkers.csv"'
    rows = list(csv.reader(io.StringIO(response.text), delimiter=";"))
    assert rows[0] == ["team", "naam", "medewerker", "zakenInBehandeling", "statussenGezet", "naregistraties"]
    assert [OE1, "Team OE-1", "M-2", "1", "3", "1"] in rows and len(rows) == 1 + len(EXPECTED)
    settings.dashboard_open = True
    html = get(rapportage).text
    assert '<section class="wide" id="medewerkers">' in html
    assert f'data-medewerker="{OE2}|M-4"' in html and 'href="export/medewerkers.csv"' in html
    assert get(rapportage, path="/rapportage/export/medewerkers.csv").text.startswith("team;naam;medewerker")
    assert "Pietersen" not in html and "Pietersen" not in response.text  # identificatie only


def test_switched_off_it_is_not_served_nor_kept(rapportage, fake_zgw, uit):
    build(fake_zgw, rapportage.deliver)
    response = rapportage.get("/medewerkers")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "RAPPORTAGE_PER_MEDEWERKER" in response.json()["detail"]
    uit.dashboard_open = True
    html = get(rapportage).text
    assert 'id="medewerkers"' not in html and "export/medewerkers.csv" not in html
    assert get(rapportage, path="/rapportage/export/medewerkers.csv").status_code == 404
    with rapportage.app.state.db.session() as session:
        assert session.scalars(select(Behandelaar)).all() == []
        assert all(s.gezet_door is None for s in session.scalars(select(Status)))
    # the medewerkers of the rollen only (the audit trail's gebruikersIds need the audit trail of
    # every message): M-7 set a status but holds no rol
    assert seen(rapportage) == {
        "M-5": "2026-02-10T08:02", "M-6": "2026-02-10T08:05", "M-1": "2026-03-02T08:02", "M-2": "2026-03-04T08:03",
        "M-3": "2026-03-10T08:02", "M-4": "2026-03-12T08:02",
    }  # fmt: skip
    assert gebruikers_mijlpalen(rapportage) == [(3, "2026-03-02", "De 3e gebruiker van het zaaksysteem")]


def test_the_medewerkers_seen_and_the_nth_user(rapportage, fake_zgw, settings):
    build(fake_zgw, rapportage.deliver)
    # the earliest evidence: a rol's registratiedatum or an audit trail entry's aanmaakdatum
    assert seen(rapportage) == {
        "M-5": "2026-02-10T08:00", "M-6": "2026-02-10T08:05", "M-7": "2026-02-10T09:00", "M-1": "2026-03-02T08:00",
        "M-2": "2026-03-04T08:03", "M-3": "2026-03-10T08:00", "M-4": "2026-03-11T15:00",
    }  # fmt: skip
    assert gebruikers_mijlpalen(rapportage) == [
        (7, "2026-03-11", "De 7e gebruiker van het zaaksysteem"),
        (3, "2026-02-10", "De 3e gebruiker van het zaaksysteem"),
    ]
    settings.dashboard_open = True
    assert get(rapportage).text.count('data-mijlpaal="gebruikers"') == 2


def test_the_50th_user_is_celebrated_once(rapportage, fake_zgw, settings):
    settings.mijlpalen_gebruikers = "50,100"
    zt = fake_zgw.zaaktype()
    url = fake_zgw.create_zaak(zt, "2026-01-01", "2026-01-01T07:00:00Z", "Z1")
    rapportage.deliver(fake_zgw.messages)

    def add(numbers):
        for n in numbers:  # medewerker n registered on 1 January plus n-1 days
            day = dt.date(2026, 1, 1) + dt.timedelta(days=n - 1)
            sent = len(fake_zgw.messages)
            fake_zgw.add_rol(url, "medewerker", "behandelaar", f"M-{n:03d}", "Pietersen", at=f"{day}T08:00:00Z")
            rapportage.deliver(fake_zgw.messages[sent:])

    add(range(1, 50))
    assert len(seen(rapportage)) == 49 and gebruikers_mijlpalen(rapportage) == []
    add([50])
    assert gebruikers_mijlpalen(rapportage) == [(50, "2026-02-19", "De 50e gebruiker van het zaaksysteem")]
    add(range(51, 61))
    rapportage.deliver(fake_zgw.messages)  # duplicates: answered, nothing new
    assert maintenance(rapportage.app).rebuild().mislukt == []
    assert gebruikers_mijlpalen(rapportage) == [(50, "2026-02-19", "De 50e gebruiker van het zaaksysteem")]
    reset(rapportage.app)
    maintenance(rapportage.app).backfill(ZRC)
    assert gebruikers_mijlpalen(rapportage) == [(50, "2026-02-19", "De 50e gebruiker van het zaaksysteem")]
    assert len(seen(rapportage)) == 60


def milestones(rapportage) -> list[tuple]:
    """Those of one day may be listed in another order (by id)."""
    return sorted((m["soort"], m["datum"], m["titel"]) for m in rapportage.report("mijlpalen")["mijlpalen"])


@pytest.mark.parametrize("per_medewerker", [True, False])
def test_live_backfill_and_rebuild_agree(rapportage, fake_zgw, settings, per_medewerker):
    settings.per_medewerker = per_medewerker
    build(fake_zgw, rapportage.deliver)
    live = dump(rapportage.app)
    assert len(live["medewerkers"]) == (7 if per_medewerker else 6)
    assert len(live["behandelaars"]) == (7 if per_medewerker else 0)
    assert sum(1 for s in live["statussen"] if s[-1]) == (8 if per_medewerker else 0)
    mijlpalen = milestones(rapportage)
    assert len(mijlpalen) == (
        4 if per_medewerker else 3
    )  # the 3rd zaak, the first of ZT-A, the 3rd and (with the audit trail) the 7th user
    assert maintenance(rapportage.app).rebuild().mislukt == []
    assert dump(rapportage.app) == live
    reset(rapportage.app)
    assert maintenance(rapportage.app).backfill(ZRC).mislukt == []
    assert dump(rapportage.app) == live
    assert milestones(rapportage) == mijlpalen
    assert maintenance(rapportage.app).check() == []


def test_with_the_report_on_every_message_reads_the_audit_trail(rapportage, fake_zgw, settings):
    """The cost of the switch: one request more per message (the audit trail: who set the status);
    off, a status of a known zaak costs one request (test_intake)."""
    zt = fake_zgw.zaaktype()
    url = fake_zgw.create_zaak(zt, "2026-03-02", "2026-03-02T08:00:00Z", "Z1")
    rapportage.deliver(fake_zgw.messages)
    del fake_zgw.requested[:]
    fake_zgw.gebruiker = "M-1"
    fake_zgw.set_status(url, zt.statustypen[0], "2026-03-02T09:00:00Z", zt)
    rapportage.deliver(fake_zgw.messages[-1:])
    # the zaak (with its status embedded, unless an earlier test made this API refuse `expand`)
    zaak_request = url if ZRC in rapportage.app.state.intake.fetcher._no_expand else f"{url}?expand=status"
    assert [u for u in fake_zgw.requested if u.startswith(url)] == [zaak_request, f"{url}/audittrail"]
    with rapportage.app.state.db.session() as session:
        assert [s.gezet_door for s in session.scalars(select(Status))] == ["M-1"]
