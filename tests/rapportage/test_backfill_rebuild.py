"""`zgw rapportage backfill` builds the same read models as live intake: against the in-memory
fake and against our own Zaken service; `rebuild` replays the inbox into the same read models
and repairs counters; a zaak that cannot be fetched during a rebuild gets its events back into
the waiting state."""

import io

import pytest
from sqlalchemy import delete, func, select

from services.rapportage.db import Base
from services.rapportage.inbox.models import InboxEvent
from services.rapportage.maintenance import Progress
from services.rapportage.tellers.models import Teller
from services.rapportage.zaak.models import Zaak
from tests.conftest import auth_header, truncate_all
from tests.rapportage import history
from tests.rapportage.fake_zgw import ZRC
from tests.rapportage.helpers import dump, maintenance


class AsUser:
    """Writes with a token of this user_id (the audit trail's gebruikersId)."""

    def __init__(self, api, user_id: str):
        self.api, self.user_id = api, user_id

    def post(self, path, **kwargs):
        return self.api.post(path, headers=auth_header(user_id=self.user_id), **kwargs)


def reset(app) -> None:
    truncate_all(app.state.db.engine, Base.metadata)


def test_backfill_gives_the_read_models_of_live_intake(rapportage, fake_zgw):
    history.build(fake_zgw, rapportage.deliver)
    live = dump(rapportage.app)
    assert len(live["zaken"]) == 3
    reset(rapportage.app)
    stream = io.StringIO()
    result = maintenance(rapportage.app).backfill(ZRC, batch_size=2, progress=Progress("backfill", stream=stream))
    assert (result.zaken, result.mislukt) == (3, [])
    assert dump(rapportage.app) == live
    assert maintenance(rapportage.app).check() == []
    lines = stream.getvalue().splitlines()
    assert lines[-1].startswith("backfill [##############################] 3/3 (100%")
    # idempotent: a second backfill while the read models are there changes nothing
    maintenance(rapportage.app).backfill(ZRC)
    assert dump(rapportage.app) == live


def test_backfill_of_one_zaaktype(rapportage, fake_zgw):
    h = history.build(fake_zgw)
    other = fake_zgw.zaaktype(identificatie="ZT-B", omschrijving="Melding")
    fake_zgw.create_zaak(other, "2026-03-03", "2026-03-03T08:00:00Z", "B1")
    result = maintenance(rapportage.app).backfill(ZRC, zaaktype=other.url)
    assert result.zaken == 1
    assert [z["zaaktype"]["identificatie"] for z in rapportage.report("werkvoorraad")["perZaaktype"]] == ["ZT-B"]
    assert h


def test_backfill_reports_what_failed(rapportage, fake_zgw):
    h = history.build(fake_zgw)
    fake_zgw.forbidden.add(f"{ZRC}/statussen")
    result = maintenance(rapportage.app).backfill(ZRC)
    assert result.zaken == 0 and len(result.mislukt) == 3
    assert "refused" in result.mislukt[0]
    assert h


def test_rebuild_replays_the_inbox(rapportage, fake_zgw):
    history.build(fake_zgw, rapportage.deliver)
    before = dump(rapportage.app)
    kern = rapportage.report("kerncijfers")
    # break the counters: the check sees it, the rebuild repairs it
    with rapportage.app.state.db.session() as session:
        session.execute(delete(Teller).where(Teller.soort == "status", Teller.niveau == "d"))
        session.commit()
    assert maintenance(rapportage.app).check() != []
    result = maintenance(rapportage.app).rebuild(batch_size=2)
    assert result.mislukt == []
    assert result.verwijderd == 0 and result.zaken == 3  # Z4's inbox events: it is gone
    assert dump(rapportage.app) == before
    assert rapportage.report("kerncijfers") == kern  # the events are counted again from the inbox
    assert maintenance(rapportage.app).check() == []


def test_a_rebuild_that_cannot_fetch_a_zaak_puts_its_events_back(rapportage, fake_zgw):
    h = history.build(fake_zgw, rapportage.deliver)
    z1 = h.zaken["Z1"]
    fake_zgw.down.add(z1)
    result = maintenance(rapportage.app).rebuild()
    assert [line.split(":")[0] + ":" + line.split(":")[1] for line in result.mislukt] == [z1]
    with rapportage.app.state.db.session() as session:
        waiting = session.scalar(select(func.count()).select_from(InboxEvent).where(InboxEvent.status == "wachtend"))
        assert waiting == sum(1 for m in fake_zgw.messages if m["hoofdObject"] == z1)
        assert session.scalar(select(func.count()).select_from(Zaak)) == 2
    fake_zgw.down.clear()
    rapportage.app.state.intake.retry_now()
    rapportage.app.state.intake.process_due()
    assert rapportage.report("kerncijfers")["aantalZaken"] == 3
    assert maintenance(rapportage.app).check() == []


@pytest.fixture(params=[False, True], ids=["per-medewerker-uit", "per-medewerker-aan"])
def per_medewerker(request, rapportage_app):
    settings = rapportage_app.state.settings
    settings.per_medewerker = request.param
    yield request.param
    settings.per_medewerker = False


@pytest.mark.usefixtures("use_real_apis")
def test_backfill_against_our_zaken_service_equals_live_intake(rapportage, zaken, catalogi, zaken_outbox, per_medewerker):
    """Zaken made through our Zaken API (statussen, a reopen, rollen with a burger, a team and a
    medewerker, a resultaat, an opschorting, a deleted zaak); their outbox messages delivered to
    the callback; then the read models rebuilt from scratch by paging through the Zaken API. With
    the report per medewerker, who set each status comes from the audit trail (the token's
    user_id) in both."""
    from tests.zaken.factories import create_status, create_zaak, published_zaaktype

    zt = published_zaaktype(catalogi, identificatie="RPT-1")
    door = AsUser(zaken, "M-0")  # who sets the statussen: the audit trail's gebruikersId
    ontvangen, behandeling, afgehandeld = zt.statustypen
    zaken_made = []
    for number in range(3):
        zaak = create_zaak(zaken, zt.url, startdatum=f"2026-02-0{number + 2}", identificatie=f"RPT-{number}")
        zaken_made.append(zaak)
        create_status(door, zaak["url"], ontvangen, f"2026-02-0{number + 2}T09:00:00Z")
        rol = {
            "zaak": zaak["url"], "betrokkeneType": "organisatorische_eenheid", "roltype": zt.roltypen["behandelaar"], "roltoelichting": "",
            "betrokkeneIdentificatie": {"identificatie": f"OE-{number % 2}", "naam": f"Team {number % 2}"},
        }  # fmt: skip
        assert zaken.post("/rollen", json=rol).status_code == 201
        burger = {
            "zaak": zaak["url"], "betrokkeneType": "natuurlijk_persoon", "roltype": zt.roltypen["initiator"], "roltoelichting": "",
            "betrokkeneIdentificatie": {"inpBsn": "999993653", "geslachtsnaam": "Jansen"},
        }  # fmt: skip
        assert zaken.post("/rollen", json=burger).status_code == 201
        medewerker = {
            "zaak": zaak["url"], "betrokkeneType": "medewerker", "roltype": zt.roltypen["behandelaar"], "roltoelichting": "",
            "betrokkeneIdentificatie": {"identificatie": f"M-{number}", "achternaam": "Pietersen"},
        }  # fmt: skip
        assert zaken.post("/rollen", json=medewerker).status_code == 201
    first, second, third = zaken_made
    create_status(door, first["url"], behandeling, "2026-02-04T09:00:00Z")
    assert zaken.patch(first["url"], json={"opschorting": {"indicatie": True, "reden": "wacht"}}).status_code == 200
    assert zaken.patch(first["url"], json={"opschorting": {"indicatie": False, "reden": ""}}).status_code == 200
    if zt.resultaattypen:
        assert zaken.post("/resultaten", json={"zaak": second["url"], "resultaattype": zt.resultaattypen[0]}).status_code == 201
        create_status(door, second["url"], afgehandeld, "2026-02-10T09:00:00Z")
        create_status(door, second["url"], behandeling, "2026-02-11T09:00:00Z")  # reopen
        create_status(door, second["url"], afgehandeld, "2026-02-12T09:00:00Z")
    assert zaken.delete(third["url"]).status_code == 204

    messages = zaken_outbox()
    assert {m["resource"] for m in messages} >= {"zaak", "status", "rol"}
    rapportage.deliver(messages)
    live = dump(rapportage.app)
    assert len(live["zaken"]) == 2
    if zt.resultaattypen:  # the second zaak was closed, reopened and closed again
        assert rapportage.report("kerncijfers")["aantalAfgesloten"] == 1
    assert any(period for period in live["opschortingen"])
    assert maintenance(rapportage.app).check() == []
    assert rapportage.get("/inbox", params={"status": "wachtend"}).json()["count"] == 0

    reset(rapportage.app)
    result = maintenance(rapportage.app).backfill("http://testserver/zaken/api/v1")
    assert result.mislukt == []
    assert dump(rapportage.app) == live
    teams = {t["sleutel"] for t in rapportage.get("/teams").json()}
    assert teams == {"organisatorische_eenheid:OE-0", "organisatorische_eenheid:OE-1"}
    # M-2's zaak was gone before its messages arrived
    assert [m[0] for m in live["medewerkers"]] == ["M-0", "M-1"]
    assert len(live["behandelaars"]) == (2 if per_medewerker else 0)
    assert {s[-1] for s in live["statussen"]} == ({"M-0"} if per_medewerker else {None})


@pytest.mark.usefixtures("use_real_apis")
def test_our_zaken_service_answers_the_batch_search_as_each_zaak_detail(rapportage, zaken, catalogi):
    """The intake reads a batch's zaken with one `_zoek` by `uuid__in`: our Zaken API answers each
    zaak there as its detail does, with its status embedded where asked."""
    from tests.zaken.factories import create_status, create_zaak, published_zaaktype

    zt = published_zaaktype(catalogi, identificatie="RPT-ZOEK")
    urls = [create_zaak(zaken, zt.url, startdatum="2026-02-02", identificatie=f"RPT-ZOEK-{n}")["url"] for n in range(3)]
    status = create_status(zaken, urls[0], zt.statustypen[0], "2026-02-02T09:00:00Z")
    groups = {
        urls[0]: [{"resource": "status", "actie": "create", "resourceUrl": status["url"]}],
        **{url: [{"resource": "zaak", "actie": "create", "resourceUrl": url}] for url in urls[1:]},
    }
    fetcher = rapportage.app.state.intake.fetcher
    found = fetcher.prefetch(groups, known={urls[0]})
    assert set(found) == set(urls)
    assert found[urls[0]]["_expand"]["status"]["url"] == status["url"]
    for url in urls:
        assert {k: v for k, v in found[url].items() if k != "_expand"} == fetcher.reader.get_object(url)
