"""The abonnement callback: its contract (204; 401/403 on the Authorization header; 400
ValidatieFout for a malformed body; another kanaal ignored with 204), deduplication, and events
that cannot be processed now: kept waiting with their error, visible, retried, never lost."""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from services.rapportage.inbox.models import InboxEvent
from services.rapportage.zaak.models import Opschorting, Status, Team, Zaak
from tests.conftest import assert_invalid
from tests.delivery.conftest import wait_until
from tests.rapportage.fake_zgw import ZRC


@pytest.fixture
def zaak(fake_zgw):
    zt = fake_zgw.zaaktype()
    url = fake_zgw.create_zaak(zt, "2026-03-02", "2026-03-02T08:00:00Z", "Z1")
    fake_zgw.add_rol(url, "organisatorische_eenheid", "behandelaar", "OE-1", "Team Vergunningen")
    fake_zgw.set_status(url, zt.statustypen[0], "2026-03-02T09:00:00Z", zt)
    return url


def count(rapportage, model, *where) -> int:
    with rapportage.app.state.db.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def test_the_callback_answers_204_and_projects(rapportage, fake_zgw, zaak):
    response = rapportage.callback(fake_zgw.messages[0])
    assert response.status_code == 204, response.text
    assert response.content == b""
    assert count(rapportage, Zaak) == 1
    assert count(rapportage, InboxEvent, InboxEvent.status == "verwerkt") == 1


def test_a_new_zaak_is_fetched_alone(rapportage, fake_zgw):
    """The create message of a zaak that shows no status, no rollen and no opschorting: its
    statussen, rollen and audit trail are not asked for; what follows comes with messages of its own."""
    zt = fake_zgw.zaaktype()
    url = fake_zgw.create_zaak(zt, "2026-03-02", "2026-03-02T08:00:00Z", "Z1")
    assert rapportage.callback(fake_zgw.messages[-1]).status_code == 204
    assert fake_zgw.requested == [url, zt.url]

    fake_zgw.add_rol(url, "organisatorische_eenheid", "behandelaar", "OE-1", "Team Vergunningen")
    fake_zgw.set_status(url, zt.statustypen[0], "2026-03-02T09:00:00Z", zt)
    for message in fake_zgw.messages[1:]:
        assert rapportage.callback(message).status_code == 204
    with rapportage.app.state.db.session() as session:
        zaak = session.scalars(select(Zaak)).one()
        assert session.get(Team, zaak.team_id).naam == "Team Vergunningen"
        assert zaak.statustype_id is not None
        assert count(rapportage, Status) == 1


@pytest.mark.parametrize("expand", ["status", "ignore", "refuse"])
def test_a_new_status_of_a_known_zaak_comes_with_its_zaak_where_the_api_can_expand(rapportage, fake_zgw, expand):
    """One request for zaak and status where the Zaken API embeds the status (`expand=status`,
    1.5); where it ignores the parameter the status is fetched by itself; where it refuses it
    (400) the zaak is fetched again without, and that API is not asked to expand again."""
    fake_zgw.expand = expand
    zt = fake_zgw.zaaktype()
    url = fake_zgw.create_zaak(zt, "2026-03-02", "2026-03-02T08:00:00Z", "Z1")
    assert rapportage.callback(fake_zgw.messages[-1]).status_code == 204
    for n, at in enumerate(["2026-03-02T09:00:00Z", "2026-03-03T09:00:00Z"]):
        del fake_zgw.requested[:]
        status = fake_zgw.set_status(url, zt.statustypen[n], at, zt)
        assert rapportage.callback(fake_zgw.messages[-1]).status_code == 204
        zaak_requests = [u for u in fake_zgw.requested if u.startswith(url)]
        if expand == "status":
            assert zaak_requests == [f"{url}?expand=status"] and status not in fake_zgw.requested
        elif expand == "ignore":
            assert zaak_requests == [f"{url}?expand=status"] and status in fake_zgw.requested
        else:
            assert zaak_requests == ([f"{url}?expand=status", url] if n == 0 else [url]) and status in fake_zgw.requested
    with rapportage.app.state.db.session() as session:
        zaak = session.scalars(select(Zaak)).one()
        assert sorted(s.url for s in session.scalars(select(Status))) == sorted(u for u in fake_zgw.objects if "/statussen/" in u)
        assert zaak.status_url == status and zaak.statustype_id is not None


def test_a_zaak_that_does_not_list_its_rollen_is_asked_for_them(rapportage, fake_zgw):
    """A Zaken API before 1.2 shows no `rollen` on the zaak: that is no empty list."""
    zt = fake_zgw.zaaktype()
    url = fake_zgw.create_zaak(zt, "2026-03-02", "2026-03-02T08:00:00Z", "Z1")
    fake_zgw.add_rol(url, "organisatorische_eenheid", "behandelaar", "OE-1", "Team Vergunningen")
    del fake_zgw.objects[url]["rollen"]
    assert rapportage.callback(fake_zgw.messages[0]).status_code == 204
    with rapportage.app.state.db.session() as session:
        zaak = session.scalars(select(Zaak)).one()
        assert session.get(Team, zaak.team_id).naam == "Team Vergunningen"


def test_a_new_zaak_created_opgeschort_reads_its_audit_trail(rapportage, fake_zgw):
    zt = fake_zgw.zaaktype()
    url = fake_zgw.create_zaak(zt, "2026-03-02", "2026-03-02T08:00:00Z", "Z1", opschorting={"indicatie": True, "reden": "wacht"})
    assert rapportage.callback(fake_zgw.messages[-1]).status_code == 204
    assert f"{url}/audittrail" in fake_zgw.requested
    assert count(rapportage, Opschorting) == 1


@pytest.mark.parametrize(
    ("authorization", "status"),
    [
        (None, 401),
        ("Bearer wrong", 403),
        ("rapportage-test-callback", 403),
        ("", 401),
    ],
)
def test_the_callback_checks_the_authorization_header(rapportage, fake_zgw, zaak, authorization, status):
    response = rapportage.callback(fake_zgw.messages[0], authorization=authorization)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert count(rapportage, InboxEvent) == 0


def test_the_token_without_bearer_prefix_is_accepted(rapportage_app, rapportage, fake_zgw, zaak):
    settings = rapportage_app.state.settings
    original = settings.callback_authorization
    settings.callback_authorization = "abonnement-geheim"
    try:
        assert rapportage.callback(fake_zgw.messages[0], authorization="abonnement-geheim").status_code == 204
        assert rapportage.callback(fake_zgw.messages[1], authorization="Bearer abonnement-geheim").status_code == 204
        assert rapportage.callback(fake_zgw.messages[2], authorization="Bearer anders").status_code == 403
    finally:
        settings.callback_authorization = original


def test_without_a_configured_value_a_zgw_jwt_is_required(rapportage_app, rapportage, fake_zgw, zaak):
    from tests.conftest import auth_header

    settings = rapportage_app.state.settings
    original = settings.callback_authorization
    settings.callback_authorization = ""
    try:
        assert rapportage.callback(fake_zgw.messages[0], authorization="Bearer not-a-jwt").status_code == 401
        assert rapportage.callback(fake_zgw.messages[0], authorization=None).status_code == 401
        assert rapportage.callback(fake_zgw.messages[0], authorization=auth_header()["Authorization"]).status_code == 204
    finally:
        settings.callback_authorization = original


def test_a_malformed_body_is_a_400(rapportage, fake_zgw, zaak):
    from tests.rapportage_fixtures import CALLBACK_AUTH

    headers = {"Authorization": CALLBACK_AUTH, "Content-Type": "application/json"}
    response = rapportage.client.post(rapportage.url("/callbacks"), content=b"{not json", headers=headers)
    assert_invalid(response, "nonFieldErrors", "parse_error")
    response = rapportage.client.post(rapportage.url("/callbacks"), content=b"[1, 2]", headers=headers)
    assert_invalid(response, "nonFieldErrors", "invalid")
    message = dict(fake_zgw.messages[0])
    del message["resourceUrl"]
    assert_invalid(rapportage.callback(message), "resourceUrl", "required")
    assert_invalid(rapportage.callback({**fake_zgw.messages[0], "aanmaakdatum": "gisteren"}), "aanmaakdatum", "invalid")
    assert_invalid(rapportage.callback({**fake_zgw.messages[0], "hoofdObject": "geen url"}), "hoofdObject", "invalid")
    assert_invalid(rapportage.callback({**fake_zgw.messages[0], "kanaal": ""}), "kanaal", "blank")
    assert count(rapportage, InboxEvent) == 0


def test_another_kanaal_is_ignored_with_204(rapportage, fake_zgw, zaak):
    message = {**fake_zgw.messages[0], "kanaal": "documenten"}
    assert rapportage.callback(message).status_code == 204
    assert count(rapportage, InboxEvent) == 0
    assert count(rapportage, Zaak) == 0


def test_a_duplicate_changes_nothing(rapportage, fake_zgw, zaak):
    rapportage.deliver(fake_zgw.messages)
    before = rapportage.report("kerncijfers")
    requests = fake_zgw.requests
    rapportage.deliver(fake_zgw.messages)
    # the same message with another notation of the same moment is the same message
    same = {**fake_zgw.messages[0], "aanmaakdatum": "2026-03-02T09:00:00+01:00"}
    assert rapportage.callback(same).status_code == 204
    assert fake_zgw.requests == requests  # a duplicate is not even fetched
    assert rapportage.report("kerncijfers") == before
    assert count(rapportage, InboxEvent) == len(fake_zgw.messages)


def test_an_unfetchable_event_waits_visibly_and_is_retried(rapportage, fake_zgw, zaak):
    """The Zaken API is down: the event is stored as waiting with its error (the callback still
    answers 204), listed by GET /inbox?status=wachtend, and projected by the worker once the API
    is back; until then every attempt postpones it with exponential backoff."""
    intake = rapportage.app.state.intake
    fake_zgw.down.add(ZRC)
    assert rapportage.callback(fake_zgw.messages[0]).status_code == 204
    waiting = rapportage.get("/inbox", params={"status": "wachtend"}).json()
    assert waiting["count"] == 1
    [event] = waiting["results"]
    assert event["pogingen"] == 1 and "unavailable" in event["laatsteFout"] and "503" in event["laatsteFout"]
    assert rapportage.report("kerncijfers")["aantalEventsWachtend"] == 1
    assert count(rapportage, Zaak) == 0

    first_due = dt.datetime.fromisoformat(event["volgendePoging"])
    assert intake.process_due() == 0  # not due yet
    attempted = dt.datetime.now(dt.UTC)
    assert intake.process_due(now=first_due + dt.timedelta(seconds=1)) == 1  # due, still down
    [event] = rapportage.get("/inbox", params={"status": "wachtend"}).json()["results"]
    assert event["pogingen"] == 2
    assert dt.datetime.fromisoformat(event["volgendePoging"]) - attempted >= dt.timedelta(seconds=10)  # 5 s, then 10 s

    fake_zgw.down.clear()
    assert intake.retry_now() == 1
    assert intake.process_due() == 1
    assert rapportage.get("/inbox", params={"status": "wachtend"}).json()["count"] == 0
    assert count(rapportage, Zaak) == 1
    assert rapportage.report("kerncijfers")["aantalEvents"] == 1


def test_a_batch_leaves_the_events_another_transaction_holds(rapportage, fake_zgw):
    """PostgreSQL: a batch claims its events with FOR UPDATE SKIP LOCKED, so the worker threads of
    every process take disjoint batches instead of waiting for each other's zaken."""
    database = rapportage.app.state.db
    if database.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer: its batches take turns")
    intake = rapportage.app.state.intake
    zt = fake_zgw.zaaktype()
    for i in range(2):
        fake_zgw.create_zaak(zt, "2026-03-02", f"2026-03-02T0{8 + i}:00:00Z", f"Z{i}")
    fake_zgw.down.add(ZRC)
    rapportage.deliver(fake_zgw.messages)
    fake_zgw.down.clear()
    assert intake.retry_now() == 2
    with database.session() as other:
        held = other.scalar(select(InboxEvent.id).order_by(InboxEvent.id).limit(1).with_for_update())
        assert intake.process_due() == 1  # the other event; the held one is not waited for
        assert count(rapportage, InboxEvent, InboxEvent.status == "wachtend") == 1
        assert count(rapportage, InboxEvent, InboxEvent.id == held, InboxEvent.status == "wachtend") == 1
    assert intake.process_due() == 1  # let go of: processed now
    assert count(rapportage, InboxEvent, InboxEvent.status == "wachtend") == 0
    assert count(rapportage, Zaak) == 2


def test_the_worker_runs_its_threads_and_checks_the_milestones_once_a_day(rapportage, monkeypatch):
    from services.rapportage.inbox import worker as worker_module

    checked = []
    monkeypatch.setattr(worker_module, "check_halvering", lambda session, settings, today: checked.append(today))
    worker = worker_module.Worker(rapportage.app.state.intake, lambda: dt.date(2026, 3, 25), interval=0.01, threads=3)
    worker.start()
    try:
        wait_until(lambda: checked, 5)
        assert sorted(t.name for t in worker._threads) == ["rapportage-worker-0", "rapportage-worker-1", "rapportage-worker-2"]
        assert all(t.is_alive() for t in worker._threads)
    finally:
        worker.stop()
    assert checked == [dt.date(2026, 3, 25)]
    assert not any(t.is_alive() for t in worker._threads)


def test_no_rights_at_the_zaken_api_waits_too(rapportage, fake_zgw, zaak):
    fake_zgw.forbidden.add(ZRC)
    assert rapportage.callback(fake_zgw.messages[0]).status_code == 204
    [event] = rapportage.get("/inbox", params={"status": "wachtend"}).json()["results"]
    assert "refused" in event["laatsteFout"]


def test_the_worker_thread_retries_by_itself(rapportage_app, rapportage, fake_zgw, zaak):
    settings = rapportage_app.state.settings
    worker = rapportage_app.state.worker
    base, interval = settings.retry_base_seconds, worker.interval
    settings.retry_base_seconds, worker.interval = 0.05, 0.05
    fake_zgw.down.add(ZRC)
    worker.start()
    try:
        assert rapportage.callback(fake_zgw.messages[0]).status_code == 204
        assert count(rapportage, InboxEvent, InboxEvent.status == "wachtend") == 1
        fake_zgw.down.clear()
        assert wait_until(lambda: count(rapportage, InboxEvent, InboxEvent.status == "verwerkt") == 1, timeout=10)
        assert count(rapportage, Zaak) == 1
    finally:
        worker.stop()
        settings.retry_base_seconds, worker.interval = base, interval


def test_a_zaak_gone_before_its_messages_arrive(rapportage, fake_zgw, zaak):
    """Messages about a zaak that was deleted meanwhile are processed: the zaak is absent."""
    fake_zgw.delete_zaak(zaak, "2026-03-03T08:00:00Z")
    rapportage.deliver(fake_zgw.messages[:-1])  # everything but the destroy
    assert count(rapportage, Zaak) == 0
    assert count(rapportage, InboxEvent, InboxEvent.status == "verwerkt") == len(fake_zgw.messages) - 1
    rapportage.deliver(fake_zgw.messages[-1:])
    assert count(rapportage, Zaak) == 0


def test_a_deelzaak_goes_with_its_hoofdzaak(rapportage, fake_zgw, zaak):
    zt = fake_zgw.zaaktype(identificatie="ZT-B")
    deel = fake_zgw.create_zaak(zt, "2026-03-03", "2026-03-03T08:00:00Z", "D1", hoofdzaak=zaak)
    rapportage.deliver(fake_zgw.messages)
    assert count(rapportage, Zaak) == 2
    rapportage.deliver([fake_zgw.delete_zaak(zaak, "2026-03-04T08:00:00Z")])
    assert count(rapportage, Zaak) == 0
    assert rapportage.report("kerncijfers")["aantalZaken"] == 0
    assert deel


def test_without_audit_trail_rights_opschorting_follows_the_messages(rapportage, fake_zgw, zaak):
    """When the audit trail cannot be read, an opschorting runs from the message that switched
    `opschorting.indicatie` on to the one that switched it off."""
    zt_url = fake_zgw.objects[zaak]["zaaktype"]
    fake_zgw.forbidden.add(f"{zaak}/audittrail")
    rapportage.deliver(fake_zgw.messages)
    rapportage.deliver([fake_zgw.opschorten(zaak, "2026-03-04T10:00:00Z", True)])
    rapportage.deliver([fake_zgw.opschorten(zaak, "2026-03-07T10:00:00Z", False)])
    zt = next(z for z in [fake_zgw.objects[zt_url]])
    last = fake_zgw.objects[zt["statustypen"][-1]]["url"]
    from tests.rapportage.fake_zgw import Zaaktype

    fake_zgw.set_status(zaak, last, "2026-03-10T09:00:00Z", Zaaktype(zt_url, zt["statustypen"], ""))
    rapportage.deliver(fake_zgw.messages[-1:])
    [row] = rapportage.report("doorlooptijden")["zaaktypen"]
    assert (row["bruto"]["mediaan"], row["netto"]["mediaan"]) == (8.0, 5.0)


def _concurrently(intake, messages, monkeypatch):
    """Deliver `messages[0]`, hold its transaction until every other message has queued behind
    it, then let go: returns the outcomes in message order and the size of each group commit."""
    gate, batches = threading.Event(), []
    original = intake._store

    def store(batch):
        batches.append(len(batch))
        if len(batches) == 1:
            gate.wait(10)
        return original(batch)

    monkeypatch.setattr(intake, "_store", store)
    with ThreadPoolExecutor(len(messages)) as pool:
        futures = [pool.submit(intake.receive, messages[0])]
        assert wait_until(lambda: batches == [1], timeout=5)
        futures += [pool.submit(intake.receive, m) for m in messages[1:]]
        assert wait_until(lambda: len(intake._arrivals) == len(messages) - 1, timeout=5)
        gate.set()
        return [f.result(timeout=30) for f in futures], batches


def test_concurrent_callbacks_share_one_transaction(rapportage, fake_zgw, monkeypatch):
    """Messages that arrive while a transaction runs are stored together in the next one (group
    commit); each caller answers once its own message is stored, a duplicate within a batch is
    recognised, and the worker is woken to project them."""
    zt = fake_zgw.zaaktype()
    for i in range(8):
        fake_zgw.create_zaak(zt, "2026-03-02", f"2026-03-02T08:0{i}:00Z", f"Z{i}")
    messages = [*fake_zgw.messages, fake_zgw.messages[3]]
    intake = rapportage.app.state.intake
    intake.wake.clear()
    outcomes, batches = _concurrently(intake, messages, monkeypatch)
    assert batches == [1, 8]
    assert sorted(o.status for o in outcomes) == ["dubbel"] + ["wachtend"] * 8
    assert intake.wake.is_set()
    assert count(rapportage, InboxEvent, InboxEvent.status == "wachtend") == 8 and count(rapportage, Zaak) == 0
    assert intake.process_due() == 8  # one batch
    assert count(rapportage, Zaak) == 8
    assert count(rapportage, InboxEvent, InboxEvent.status == "verwerkt") == 8
    assert rapportage.report("kerncijfers")["aantalEvents"] == 8


def test_a_failing_message_in_a_batch_waits_alone(rapportage, fake_zgw, monkeypatch):
    """A bug in projecting one message fails its batch; the batch is then taken one by one, so the
    others are projected and only that one waits, with its error."""
    zt = fake_zgw.zaaktype()
    urls = [fake_zgw.create_zaak(zt, "2026-03-02", f"2026-03-02T08:0{i}:00Z", f"Z{i}") for i in range(4)]
    intake = rapportage.app.state.intake
    for_events = intake.fetcher.for_events

    def broken(zaak_url, *args, **kwargs):
        if zaak_url == urls[2]:
            raise RuntimeError(f"cannot project {zaak_url}")
        return for_events(zaak_url, *args, **kwargs)

    monkeypatch.setattr(intake.fetcher, "for_events", broken)
    assert [intake.receive(m).status for m in fake_zgw.messages] == ["wachtend"] * 4
    assert intake.process_due() == 4
    assert count(rapportage, Zaak) == 3
    [waiting] = rapportage.get("/inbox", params={"status": "wachtend"}).json()["results"]
    assert waiting["hoofdObject"] == urls[2] and "RuntimeError" in waiting["laatsteFout"]


def _zaak_reads(fake_zgw, urls) -> list[str]:
    return [u for u in fake_zgw.requested if u.split("?")[0] in urls]


def test_a_batch_of_new_zaken_is_read_in_one_search(rapportage, fake_zgw):
    """The zaken of a group commit are read together (`POST /zaken/_zoek` by `uuid__in`, followed
    over its pages), not one GET each: under a load of creates the reads one by one fell behind."""
    zt = fake_zgw.zaaktype()
    urls = [fake_zgw.create_zaak(zt, "2026-03-02", f"2026-03-02T08:0{i}:00Z", f"Z{i}") for i in range(7)]
    fake_zgw.requested.clear()
    intake = rapportage.app.state.intake
    assert [intake.receive(m).status for m in fake_zgw.messages[:1]] == ["wachtend"]
    assert intake.process_due() == 1  # the first alone
    assert [intake.receive(m).status for m in fake_zgw.messages[1:]] == ["wachtend"] * 6
    assert intake.process_due() == 6  # one batch
    searches = [u for u in fake_zgw.requested if u.startswith(f"{ZRC}/zaken/_zoek")]
    assert len(searches) == 3  # six zaken, the fake's pages of two
    assert _zaak_reads(fake_zgw, urls) == [urls[0]]  # the first came alone
    assert count(rapportage, Zaak) == 7


def test_known_zaken_with_a_new_status_come_with_it_from_the_search(rapportage, fake_zgw):
    zt = fake_zgw.zaaktype()
    urls = [fake_zgw.create_zaak(zt, "2026-03-02", f"2026-03-02T08:0{i}:00Z", f"Z{i}") for i in range(3)]
    for message in fake_zgw.messages:
        assert rapportage.callback(message).status_code == 204
    del fake_zgw.messages[:]
    statussen = [fake_zgw.set_status(url, zt.statustypen[0], f"2026-03-02T09:0{i}:00Z", zt) for i, url in enumerate(urls)]
    fake_zgw.requested.clear()
    intake = rapportage.app.state.intake
    assert [intake.receive(m).status for m in fake_zgw.messages] == ["wachtend"] * 3
    assert intake.process_due() == 3  # one batch
    assert not set(statussen) & set(fake_zgw.requested)  # embedded (`expand=status`)
    assert _zaak_reads(fake_zgw, urls) == []
    assert count(rapportage, Status) == 3


@pytest.mark.parametrize("search", ["refuse", "ignore"])
def test_an_api_without_the_search_is_read_one_by_one(rapportage, fake_zgw, search):
    """A Zaken API that has no `_zoek` (404) or ignores `uuid__in` (answers every zaak) gives the
    same read models, its zaken read one by one, and is not searched again."""
    fake_zgw.search = search
    zt = fake_zgw.zaaktype()
    urls = [fake_zgw.create_zaak(zt, "2026-03-02", f"2026-03-02T08:0{i}:00Z", f"Z{i}") for i in range(4)]
    fake_zgw.create_zaak(zt, "2026-03-01", "2026-03-01T08:00:00Z", "ANDER")  # not in the batch
    messages = fake_zgw.messages[:4]
    fake_zgw.requested.clear()
    intake = rapportage.app.state.intake
    assert [intake.receive(m).status for m in messages] == ["wachtend"] * 4
    assert intake.process_due() == 4  # one batch
    assert sorted(_zaak_reads(fake_zgw, urls)) == sorted(urls)
    assert count(rapportage, Zaak) == 4
    searched = sum(u.startswith(f"{ZRC}/zaken/_zoek") for u in fake_zgw.requested)
    assert intake.fetcher.prefetch({u: [m] for u, m in zip(urls, messages, strict=True)}, set()) == {}
    assert sum(u.startswith(f"{ZRC}/zaken/_zoek") for u in fake_zgw.requested) == searched  # not asked again
