"""Exact numbers on a hand-built event history (tests/rapportage/history.py): delivered live,
and delivered late, shuffled, twice each and mixed with another kanaal. Both give the same
read models and reports, and the counters match a recomputation from the read models."""

import random

import pytest
from sqlalchemy import select, text

from services.rapportage.db import Base
from services.rapportage.zaak.models import Zaak
from tests.rapportage import history

pytestmark = pytest.mark.usefixtures("fake_zgw")


def maintenance(app):
    from services.rapportage.maintenance import Maintenance

    intake = app.state.intake
    return Maintenance(intake.database, intake.fetcher, intake.projector, intake.settings)


def deliver_live(rapportage, fake_zgw):
    return history.build(fake_zgw, rapportage.deliver)


def deliver_late_shuffled(rapportage, fake_zgw):
    h = history.build(fake_zgw)
    messages = list(fake_zgw.messages)
    twice = messages + [dict(m) for m in messages]
    random.Random(5).shuffle(twice)
    foreign = {**messages[0], "kanaal": "documenten", "resource": "enkelvoudiginformatieobject"}
    rapportage.deliver(twice[:7] + [foreign] + twice[7:])
    return h


@pytest.fixture(params=["live", "late-shuffled-twice"])
def scenario(request, rapportage, fake_zgw):
    deliver = deliver_live if request.param == "live" else deliver_late_shuffled
    h = deliver(rapportage, fake_zgw)
    assert maintenance(rapportage.app).check() == []
    return h


def test_kerncijfers(rapportage, scenario, fake_zgw):
    body = rapportage.report("kerncijfers")
    assert body["aantalZaken"] == 3
    assert body["aantalOpen"] == 1
    assert body["aantalAfgesloten"] == 2
    assert body["aantalStatussen"] == 8
    assert body["aantalEvents"] == len(fake_zgw.messages)
    assert body["aantalEventsWachtend"] == 0
    assert body["mediaanDoorlooptijdDagen"] == 11.0
    assert body["percentageOpTijd"] == 50.0
    assert body["percentageBinnenServicenorm"] == 50.0
    # a period: only what started / closed / was set in it
    body = rapportage.report("kerncijfers", van="2026-03-09", tot="2026-03-11")
    assert (body["aantalZaken"], body["aantalAfgesloten"], body["aantalOpen"]) == (1, 1, 2)
    assert body["aantalStatussen"] == 3  # Z1 Afgehandeld, Z2 Afgehandeld (03-10), Z3 Ontvangen; Z4 is gone
    assert body["aantalEvents"] == sum(1 for m in fake_zgw.messages if "2026-03-09" <= m["aanmaakdatum"][:10] <= "2026-03-11")


def test_werkvoorraad_with_age_buckets(rapportage, scenario):
    body = rapportage.report("werkvoorraad", datum="2026-03-11")
    assert body["aantal"] == 2  # Z2 (age 6; its reopen makes it open until 03-20) and Z3 (age 1)
    assert [b["aantal"] for b in body["leeftijden"]] == [2, 0, 0, 0, 0]
    body = rapportage.report("werkvoorraad")  # today, 2026-03-25
    assert body["datum"] == "2026-03-25"
    assert body["aantal"] == 1
    assert [(b["leeftijd"], b["aantal"]) for b in body["leeftijden"] if b["aantal"]] == [("8-30 dagen", 1)]
    assert body["perZaaktype"][0]["zaaktype"]["identificatie"] == "ZT-A"
    assert rapportage.report("werkvoorraad", datum="2026-03-01")["aantal"] == 0


def test_instroom_uitstroom(rapportage, scenario):
    body = rapportage.report("instroom-uitstroom", van="2026-03-01", tot="2026-03-31")
    assert [(p["periode"], p["instroom"], p["uitstroom"]) for p in body["reeks"]] == [("2026-03", 3, 2)]
    body = rapportage.report("instroom-uitstroom", interval="week", van="2026-03-02", tot="2026-03-22")
    assert [(p["periode"], p["instroom"], p["uitstroom"], p["saldo"]) for p in body["reeks"]] == [
        ("2026-W10", 2, 0, 2),
        ("2026-W11", 1, 1, 0),
        ("2026-W12", 0, 1, -1),
    ]
    # weeks over a year boundary and whole years: still per day, in their week
    body = rapportage.report("instroom-uitstroom", interval="week", van="2024-12-30", tot="2026-03-22")
    assert sum(p["instroom"] for p in body["reeks"]) == 3 and len(body["reeks"]) == 64
    assert [(p["periode"], p["instroom"]) for p in body["reeks"] if p["instroom"]] == [("2026-W10", 2), ("2026-W11", 1)]
    body = rapportage.report("instroom-uitstroom", van="2024-01-01", tot="2026-12-31")
    assert [(p["periode"], p["instroom"], p["uitstroom"]) for p in body["reeks"] if p["instroom"] or p["uitstroom"]] == [("2026-03", 3, 2)]
    assert len(body["reeks"]) == 36


def test_doorlooptijden(rapportage, scenario):
    [zt] = rapportage.report("doorlooptijden")["zaaktypen"]
    assert zt["zaaktype"]["identificatie"] == "ZT-A"
    assert zt["aantalAfgesloten"] == 2
    assert zt["bruto"] == {"mediaan": 11.0, "p90": 14.2, "gemiddelde": 11.0}
    assert zt["netto"] == {"mediaan": 10.0, "p90": 14.0, "gemiddelde": 10.0}  # Z1 was opgeschort 2 days
    assert (zt["servicenorm"], zt["servicenormDagen"], zt["doorlooptijd"], zt["doorlooptijdDagen"]) == ("P5D", 5, "P10D", 10)
    assert zt["percentageOpTijd"] == 50.0 and zt["percentageBinnenServicenorm"] == 50.0
    assert (zt["aantalOpen"], zt["aantalTeLaat"], zt["aantalBijnaTeLaat"]) == (1, 1, 0)


def test_overdue_soon_moves_with_today(rapportage, scenario):
    rapportage.app.state.test_clock.today = __import__("datetime").date(2026, 3, 16)  # Z3's deadline 03-20: 4 days
    [zt] = rapportage.report("doorlooptijden")["zaaktypen"]
    assert (zt["aantalTeLaat"], zt["aantalBijnaTeLaat"]) == (0, 1)
    assert (zt["aantalTeLaatServicenorm"], zt["aantalBijnaTeLaatServicenorm"]) == (1, 0)  # servicenorm 03-15


def test_statusduur(rapportage, scenario):
    [zt] = rapportage.report("statusduur")["zaaktypen"]
    rows = {s["omschrijving"]: s for s in zt["statustypen"]}
    assert [s["omschrijving"] for s in zt["statustypen"]] == ["Ontvangen", "In behandeling", "Afgehandeld"]
    ontvangen = rows["Ontvangen"]
    assert (ontvangen["aantal"], ontvangen["mediaanUren"], ontvangen["p90Uren"], ontvangen["mediaanDagen"]) == (2, 72.0, 110.4, 3.0)
    assert (ontvangen["norm"], ontvangen["normUren"], ontvangen["aantalBovenNorm"], ontvangen["percentageBovenNorm"]) == (
        "P1D",
        24.0,
        1,
        50.0,
    )
    assert ontvangen["aantalNuInStatus"] == 1  # Z3
    behandeling = rows["In behandeling"]
    assert (behandeling["aantal"], behandeling["mediaanUren"], behandeling["aantalBovenNorm"], behandeling["percentageBovenNorm"]) == (
        2,
        168.0,
        2,
        100.0,
    )
    afgehandeld = rows["Afgehandeld"]  # Z2 was closed for 2 days before the reopen
    assert (afgehandeld["aantal"], afgehandeld["mediaanUren"], afgehandeld["norm"], afgehandeld["percentageBovenNorm"]) == (
        1,
        48.0,
        None,
        None,
    )


def test_gebruik_and_kampioen(rapportage, scenario):
    body = rapportage.report("gebruik", van="2026-03-01", tot="2026-03-31")
    usage = {t["team"]["naam"]: t["totaal"] for t in body["teams"]}
    assert usage == {
        "M-7": {"zakenGestart": 1, "statussenGezet": 1, "zakenAfgesloten": 0},
        "Team Handhaving": {"zakenGestart": 1, "statussenGezet": 4, "zakenAfgesloten": 1},
        "Team Vergunningen": {"zakenGestart": 1, "statussenGezet": 3, "zakenAfgesloten": 1},
    }
    assert {t["team"]["sleutel"] for t in body["teams"]} == {
        "medewerker:M-7",
        "organisatorische_eenheid:OE-1",
        "organisatorische_eenheid:OE-2",
    }
    body = rapportage.report("kampioen", van="2026-03-01", tot="2026-03-31")
    [march] = body["maanden"]
    assert march["kampioen"]["team"]["sleutel"] == "organisatorische_eenheid:OE-1"
    assert (march["kampioen"]["percentageOpTijd"], march["kampioen"]["zakenAfgesloten"], march["aantalKandidaten"]) == (100.0, 1, 2)
    assert "hoogste percentage" in body["regel"]


def test_filters_by_team_and_zaaktype(rapportage, scenario):
    body = rapportage.report("kerncijfers", team="organisatorische_eenheid:OE-2")
    assert (body["aantalZaken"], body["aantalAfgesloten"], body["aantalStatussen"], body["aantalOpen"]) == (1, 1, 4, 0)
    body = rapportage.report("kerncijfers", team="M-7,OE-1")
    assert (body["aantalZaken"], body["aantalAfgesloten"], body["aantalOpen"]) == (2, 1, 1)
    assert rapportage.report("kerncijfers", zaaktype="ZT-A")["aantalZaken"] == 3
    assert rapportage.report("kerncijfers", zaaktype=scenario.zaaktype.url)["aantalZaken"] == 3
    assert rapportage.report("kerncijfers", zaaktype="ZT-ONBEKEND")["aantalZaken"] == 0


def test_mijlpalen(rapportage, scenario):
    items = rapportage.report("mijlpalen")["mijlpalen"]
    assert [(m["soort"], m["datum"]) for m in items] == [("aantal", "2026-03-10"), ("eerste-zaak", "2026-03-02")]
    assert items[0]["titel"] == "De 3e zaak"
    assert items[1]["titel"] == "De eerste zaak van zaaktype Aanvraag vergunning"


def test_tijdlijn_shows_informeren_statussen_only(rapportage, scenario):
    uuid = scenario.zaken["Z1"].rsplit("/", 1)[1]
    body = rapportage.report(f"zaken/{uuid}/tijdlijn")
    assert body["identificatie"] == "Z1"
    assert [(s["omschrijving"], s["datumStatusGezet"], s["statustekst"], s["huidig"]) for s in body["statussen"]] == [
        ("Ontvangen", "2026-03-02T09:00:00Z", "Wij hebben uw aanvraag ontvangen.", False),
        ("Afgehandeld", "2026-03-09T09:00:00Z", "Uw aanvraag is afgehandeld.", True),
    ]
    gone = scenario.zaken["Z4"].rsplit("/", 1)[1]
    assert rapportage.get(f"/zaken/{gone}/tijdlijn").status_code == 404


def test_the_deleted_zaak_left_nothing(rapportage, scenario):
    with rapportage.app.state.db.session() as session:
        urls = set(session.scalars(select(Zaak.url)))
    assert urls == {scenario.zaken[k] for k in ("Z1", "Z2", "Z3")}


def test_no_bsn_or_name_anywhere(rapportage, scenario):
    """Neither the reports (JSON and CSV) nor any table of the rapportage database hold the
    burger's BSN or name, or a medewerker's name."""
    forbidden = ("999993653", "Jansen", "Pietersen")
    uuid = scenario.zaken["Z1"].rsplit("/", 1)[1]
    names = [
        "kerncijfers",
        "werkvoorraad",
        "werkvoorraad-trend",
        "doorlooptijden",
        "doorlooptijd-trend",
        "statusduur",
        "gebruik",
        "kampioen",
        "mijlpalen",
        "instroom-uitstroom",
    ]
    texts = [rapportage.get(f"/{n}").text for n in names] + [rapportage.get(f"/{n}", params={"formaat": "csv"}).text for n in names]
    texts += [rapportage.get(f"/zaken/{uuid}/tijdlijn").text, rapportage.get("/teams").text, rapportage.get("/inbox").text]
    with rapportage.app.state.db.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            texts.append(repr(connection.execute(text(f'SELECT * FROM "{table.name}"')).all()))
    for body in texts:
        for word in forbidden:
            assert word not in body
