"""A zaak's documents in the read model (how many zaakinformatieobjecten it has, its archiefstatus
and archiefnominatie), what they cost to fetch, and the milestone "the first zaak archived
completely", on a history where the answer is known by construction:

    ZT-A  as in history.py
    D1    start 03-02; two documents (03-02, 03-03), one removed 03-04 again; archived 03-10
          after its document was destroyed in the Documenten API: not complete
    D2    start 03-03; no document; archived 03-11: without documents, not complete
    D3    start 03-04; two documents; archived 03-12 with both gearchiveerd: the milestone
    D4    start 03-05; a document; archived 03-13, complete too, but D3 was first
"""

from sqlalchemy import select

from services.rapportage.mijlpalen.models import Mijlpaal
from services.rapportage.zaak.models import Zaak
from tests.rapportage.fake_zgw import DRC, ZRC, FakeZgw
from tests.rapportage.helpers import dump, maintenance, stepper
from tests.rapportage.test_backfill_rebuild import reset
from tests.rapportage.test_dashboard import get


def build(fake: FakeZgw, deliver=None) -> dict:
    step = stepper(fake, deliver)

    zt = fake.zaaktype()
    zaken = {}
    for number, start in enumerate(("2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"), start=1):
        zaken[f"D{number}"] = fake.create_zaak(zt, start, f"{start}T08:00:00Z", f"D{number}")
        step()
    d1, d2, d3, d4 = zaken.values()
    first = fake.add_document(d1, fake.informatieobject(), "2026-03-02T10:00:00Z")
    step()
    kept = fake.informatieobject()
    fake.add_document(d1, kept, "2026-03-03T10:00:00Z")
    step()
    fake.delete_document(first, "2026-03-04T10:00:00Z")
    step()
    for _ in range(2):
        fake.add_document(d3, fake.informatieobject(), "2026-03-04T11:00:00Z")
    step()
    fake.add_document(d4, fake.informatieobject(), "2026-03-05T11:00:00Z")
    step()
    fake.archiveer(d1, "2026-03-10T09:00:00Z")
    del fake.objects[kept]  # destroyed in the Documenten API afterwards
    step()
    fake.archiveer(d2, "2026-03-11T09:00:00Z")
    step()
    fake.archiveer(d3, "2026-03-12T09:00:00Z")
    step()
    fake.archiveer(d4, "2026-03-13T09:00:00Z")
    step()
    return zaken


def documenten(app) -> dict[str, tuple]:
    with app.state.db.session() as session:
        return {z.identificatie: (z.aantal_documenten, z.archiefstatus, z.archiefnominatie) for z in session.scalars(select(Zaak))}


def mijlpalen(app) -> list[tuple]:
    with app.state.db.session() as session:
        query = select(Mijlpaal).where(Mijlpaal.soort == "gearchiveerd")
        return [(m.sleutel, m.soort, m.titel, m.datum.isoformat()) for m in session.scalars(query)]


MIJLPAAL = ("gearchiveerd", "gearchiveerd", "De eerste zaak volledig in het digitale archief: D3 (Aanvraag vergunning)", "2026-03-12")


def test_the_read_model_follows_the_documents_and_the_archiving(rapportage, fake_zgw):
    build(fake_zgw, rapportage.deliver)
    assert documenten(rapportage.app) == {
        "D1": (1, "gearchiveerd", "blijvend_bewaren"),
        "D2": (0, "gearchiveerd", "blijvend_bewaren"),
        "D3": (2, "gearchiveerd", "blijvend_bewaren"),
        "D4": (1, "gearchiveerd", "blijvend_bewaren"),
    }
    assert mijlpalen(rapportage.app) == [MIJLPAAL]
    [item] = [m for m in rapportage.report("mijlpalen")["mijlpalen"] if m["soort"] == "gearchiveerd"]
    assert (item["titel"], item["datum"], item["zaaktype"]["identificatie"]) == (MIJLPAAL[2], "2026-03-12", "ZT-A")


def test_what_the_documents_cost(rapportage, fake_zgw):
    """A new zaak: nothing beyond the zaak (it lists its zaakinformatieobjecten); a message about a
    zaakinformatieobject of a known zaak: one request, their list; the documents themselves are
    read only when a zaak turns gearchiveerd before the milestone, never after it."""
    zt = fake_zgw.zaaktype()
    url = fake_zgw.create_zaak(zt, "2026-03-02", "2026-03-02T08:00:00Z", "Z1")
    rapportage.deliver(fake_zgw.messages[-1:])
    assert fake_zgw.requested == [url, zt.url]
    stukken = [fake_zgw.informatieobject(), fake_zgw.informatieobject()]
    for document, at in zip(stukken, ("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z"), strict=True):
        del fake_zgw.requested[:]
        fake_zgw.add_document(url, document, at)
        rapportage.deliver(fake_zgw.messages[-1:])
        assert [u.split("?")[0] for u in fake_zgw.requested] == [f"{ZRC}/zaakinformatieobjecten"]
    assert documenten(rapportage.app)["Z1"][0] == 2

    del fake_zgw.requested[:]
    fake_zgw.archiveer(url, "2026-03-03T09:00:00Z")
    rapportage.deliver(fake_zgw.messages[-1:])
    assert sorted(u for u in fake_zgw.requested if u.startswith(DRC)) == sorted(stukken)
    assert [m[0] for m in mijlpalen(rapportage.app)] == ["gearchiveerd"]

    other = fake_zgw.create_zaak(zt, "2026-03-04", "2026-03-04T08:00:00Z", "Z2")
    fake_zgw.add_document(other, fake_zgw.informatieobject(), "2026-03-04T09:00:00Z")
    fake_zgw.archiveer(other, "2026-03-05T09:00:00Z")
    del fake_zgw.requested[:]
    rapportage.deliver(fake_zgw.messages[-3:])
    assert not [u for u in fake_zgw.requested if u.startswith(DRC)]  # the milestone is there
    assert len(mijlpalen(rapportage.app)) == 1


def test_a_zaken_api_that_does_not_list_them_is_asked_once(rapportage, fake_zgw):
    """A Zaken API before 1.5 shows no `zaakinformatieobjecten` on the zaak: a new zaak costs
    their list too."""
    fake_zgw.toont_documenten = False
    zt = fake_zgw.zaaktype()
    url = fake_zgw.create_zaak(zt, "2026-03-02", "2026-03-02T08:00:00Z", "Z1")
    fake_zgw.add_document(url, fake_zgw.informatieobject(), "2026-03-02T10:00:00Z")
    rapportage.deliver(fake_zgw.messages[:1])  # the zaak is new: fetched whole
    assert [u.split("?")[0] for u in fake_zgw.requested] == [url, f"{ZRC}/zaakinformatieobjecten", zt.url]
    assert documenten(rapportage.app)["Z1"][0] == 1
    del fake_zgw.requested[:]
    rapportage.deliver(fake_zgw.messages[1:])  # the zaakinformatieobject: known now, its list only
    assert [u.split("?")[0] for u in fake_zgw.requested] == [f"{ZRC}/zaakinformatieobjecten"]


def test_documents_that_cannot_be_read_now_make_the_archiving_wait(rapportage, fake_zgw):
    zt = fake_zgw.zaaktype()
    url = fake_zgw.create_zaak(zt, "2026-03-02", "2026-03-02T08:00:00Z", "Z1")
    fake_zgw.add_document(url, fake_zgw.informatieobject(), "2026-03-02T10:00:00Z")
    rapportage.deliver(fake_zgw.messages)
    fake_zgw.down.add(DRC)
    fake_zgw.archiveer(url, "2026-03-03T09:00:00Z")
    rapportage.deliver(fake_zgw.messages[-1:])
    waiting = rapportage.get("/inbox", params={"status": "wachtend"}).json()["results"]
    assert [w["resource"] for w in waiting] == ["zaak"] and "unavailable" in waiting[0]["laatsteFout"]
    assert documenten(rapportage.app)["Z1"][1] == "nog_te_archiveren" and mijlpalen(rapportage.app) == []
    fake_zgw.down.clear()
    rapportage.app.state.intake.retry_now()
    assert rapportage.app.state.intake.process_due() == 1
    assert documenten(rapportage.app)["Z1"][1] == "gearchiveerd"
    assert [m[3] for m in mijlpalen(rapportage.app)] == ["2026-03-03"]


def test_backfill_and_rebuild_give_the_read_model_of_live_intake(rapportage, fake_zgw):
    build(fake_zgw, rapportage.deliver)
    live = dump(rapportage.app)
    # rebuild: the same read model; the milestone stays, so no document is read
    del fake_zgw.requested[:]
    assert maintenance(rapportage.app).rebuild().mislukt == []
    assert dump(rapportage.app) == live
    assert not [u for u in fake_zgw.requested if u.startswith(DRC)]
    assert mijlpalen(rapportage.app) == [MIJLPAAL]
    # backfill from nothing: the same read model, and the milestone found again: D3 or D4 (the
    # archiving moments are not known without the messages), dated the day of the backfill
    reset(rapportage.app)
    assert maintenance(rapportage.app).backfill(ZRC, batch_size=2).mislukt == []
    assert dump(rapportage.app) == live
    [(sleutel, _, titel, _)] = mijlpalen(rapportage.app)
    assert sleutel == "gearchiveerd" and titel in (MIJLPAAL[2], MIJLPAAL[2].replace("D3", "D4"))


def test_a_backfill_that_cannot_read_the_documents_lists_the_zaken(rapportage, fake_zgw):
    """D1, D3 and D4 are gearchiveerd with documents to read: their batch fails as a whole."""
    zaken = build(fake_zgw)
    fake_zgw.down.add(DRC)
    result = maintenance(rapportage.app).backfill(ZRC)
    assert sorted(line.split(": ")[0] for line in result.mislukt) == sorted(zaken.values())
    assert "unavailable" in result.mislukt[0] and result.zaken == 0
    assert mijlpalen(rapportage.app) == []
    fake_zgw.down.clear()
    assert maintenance(rapportage.app).backfill(ZRC).mislukt == []
    assert len(mijlpalen(rapportage.app)) == 1


def test_the_dashboard_shows_the_milestone(rapportage, fake_zgw, rapportage_app):
    build(fake_zgw, rapportage.deliver)
    rapportage_app.state.settings.dashboard_open = True
    try:
        html = get(rapportage).text
    finally:
        rapportage_app.state.settings.dashboard_open = False
    assert '<li data-mijlpaal="gearchiveerd"><span class="datum">2026-03-12</span>De eerste zaak volledig' in html


def test_through_our_zaken_and_documenten_apps(rapportage, linked_zaken, catalogi, documenten_app, zaken_app, zaken_outbox):
    """A zaak with a document of our Documenten API, archived through our Zaken API (zrc-022 asks
    the document gearchiveerd first); another without a document. Their outbox messages delivered
    live, then the read model backfilled from nothing: the same, and the milestone."""
    from tests.documenten.rows import create_document
    from tests.rapportage_fixtures import PathRouter
    from tests.zaken.factories import create_status, create_zaak
    from tests.zaken.relations_helpers import zaaktype_met_documenten

    routes = {"/zaken/": zaken_app, "/catalogi/": catalogi.client.app, "/documenten/": documenten_app}
    rapportage.app.state.test_transport.target = PathRouter(routes)
    zt = zaaktype_met_documenten(catalogi)
    zaken = linked_zaken
    archief = create_zaak(zaken, zt.url, identificatie="ARCH-1", startdatum="2026-02-02")
    document = create_document(documenten_app, zt.informatieobjecttypen[0], status="gearchiveerd")
    assert zaken.post("/zaakinformatieobjecten", json={"zaak": archief["url"], "informatieobject": document}).status_code == 201
    leeg = create_zaak(zaken, zt.url, identificatie="LEEG-1", startdatum="2026-02-03")
    create_status(zaken, leeg["url"], zt.statustypen[0], "2026-02-03T09:00:00Z")
    archiveren = {"archiefstatus": "gearchiveerd", "archiefnominatie": "blijvend_bewaren", "archiefactiedatum": "2046-01-01"}
    response = zaken.patch(archief["url"], json=archiveren)
    assert response.status_code == 200, response.text

    rapportage.deliver(zaken_outbox())
    assert documenten(rapportage.app) == {"ARCH-1": (1, "gearchiveerd", "blijvend_bewaren"), "LEEG-1": (0, "nog_te_archiveren", None)}
    [(_, _, titel, _)] = mijlpalen(rapportage.app)
    assert titel.startswith("De eerste zaak volledig in het digitale archief: ARCH-1")
    live = dump(rapportage.app)

    reset(rapportage.app)
    assert maintenance(rapportage.app).backfill("http://testserver/zaken/api/v1").mislukt == []
    assert dump(rapportage.app) == live
    assert len(mijlpalen(rapportage.app)) == 1
