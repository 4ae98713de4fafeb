"""Targets and operations: a Notificaties API, the in-process dispatcher, `zgw outbox`, retention."""

import json
import os
import subprocess
import sys
import threading
import time
from datetime import timedelta

import jwt
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from services.catalogi import API_ROOT
from services.catalogi.app import create_app
from services.catalogi.db import outbox
from services.catalogi.settings import CatalogiSettings
from shared import utc
from shared.dispatcher import Dispatcher, Outcome
from shared.settings import PROJECT_ROOT
from shared.targets import parse_targets
from tests.catalogi.factories import catalogus_body, zaaktype_body
from tests.conftest import auth_header
from tests.delivery.conftest import Dispatch, Receiver, wait_until, webhook

# real processes (`make test-fast` leaves them out)
pytestmark = pytest.mark.processes


def test_notificaties_api_gets_messages_with_a_jwt_and_a_registered_kanaal(outbox_db, processes, tmp_path):
    nrc = Receiver(tmp_path, "nrc", mode="nrc")
    processes.append(nrc.start())
    targets = [
        {
            "name": "nrc",
            "type": "notificaties-api",
            "url": f"http://127.0.0.1:{nrc.port}/api/v1",
            "clientId": "zaken-api",
            "secret": "nrc-geheim",
        }
    ]
    processes.append(Dispatch(outbox_db.url, targets).start())
    outbox_db.write(targets, 5)
    assert wait_until(lambda: len(nrc.messages()) == 5, timeout=15)
    for entry in nrc.entries():
        assert entry["path"] == "/api/v1/notificaties"
        scheme, token = entry["authorization"].split(" ")
        claims = jwt.decode(token, "nrc-geheim", algorithms=["HS256"])
        assert scheme == "Bearer" and claims["client_id"] == "zaken-api"
        assert set(entry["message"]) == {"kanaal", "hoofdObject", "resource", "resourceUrl", "actie", "aanmaakdatum", "kenmerken"}


def test_in_process_dispatcher_delivers_on_commit_not_at_the_next_poll(catalogi_app, catalogi, kernel, processes, tmp_path):
    receiver = Receiver(tmp_path, "r")
    processes.append(receiver.start())
    settings = kernel.model_copy(
        update={"notification_targets": json.dumps({"targets": [webhook("r", receiver)]}), "dispatch_poll_seconds": 60.0}
    )
    app = create_app(CatalogiSettings(database_url=catalogi_app.state.db.url, selectielijst_validation=False), settings)
    with TestClient(app) as client:
        headers = auth_header("alles")
        response = client.post(f"{API_ROOT}/catalogussen", json=catalogus_body(domein="PROC"), headers=headers)
        assert response.status_code == 201, response.text
        catalogus = response.json()
        created = client.post(f"{API_ROOT}/zaaktypen", json=zaaktype_body(catalogus["url"], selectielijstProcestype=""), headers=headers)
        assert created.status_code == 201
        started = time.monotonic()  # the response follows the commit
        # the next poll is a minute away: only the wake-up after commit delivers within seconds
        # (~10 ms on an idle machine; the margin is for a test run sharing the cores)
        assert wait_until(lambda: len(receiver.messages()) == 1, timeout=10.0)
        assert time.monotonic() - started < 10.0
    message = receiver.messages()[0]
    assert message["resourceUrl"] == created.json()["url"] and message["kanaal"] == "zaaktypen"
    app.state.db.dispose()


def test_a_commit_while_the_dispatcher_claims_is_delivered_at_once(outbox_db, kernel, processes, tmp_path):
    """A commit whose wake-up arrives while a claim runs (the claim's query did not see its row) is
    delivered then, not at the next poll a minute later: the wake is cleared before a claim, never
    after it."""
    receiver = Receiver(tmp_path, "r")
    processes.append(receiver.start())
    targets = [webhook("r", receiver)]
    dispatcher = Dispatcher(
        outbox_db.database, outbox, parse_targets({"targets": targets}), kernel.model_copy(update={"dispatch_poll_seconds": 60.0})
    )
    claim = dispatcher.store.claim
    committed = threading.Event()

    def claim_then_commit(target: str, limit: int):
        claimed = claim(target, limit)
        if not committed.is_set():
            committed.set()
            outbox_db.write(targets, 1)  # after the claim's query, before its answer
            dispatcher.wake()  # as the service's after_commit hook does
        return claimed

    dispatcher.store.claim = claim_then_commit
    dispatcher.start_in_thread()
    try:
        assert wait_until(lambda: len(receiver.messages()) == 1, timeout=10.0)
    finally:
        dispatcher.stop()
        dispatcher.join(timeout=10)


def zgw(database_url: str, targets: list[dict], *args: str) -> str:
    env = {**os.environ, "CATALOGI_DATABASE_URL": database_url, "ZGW_NOTIFICATION_TARGETS": json.dumps({"targets": targets})}
    result = subprocess.run(
        [sys.executable, "-m", "services.cli", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_outbox_status_list_and_retry(outbox_db, processes, tmp_path):
    down = Receiver(tmp_path, "down")  # never started
    targets = [webhook("down", down)]
    outbox_db.write(targets, 3)
    dispatch = Dispatch(outbox_db.url, targets, ZGW_DISPATCH_BACKOFF_BASE="300", ZGW_DISPATCH_BACKOFF_CAP="600").start()
    processes.append(dispatch)
    assert wait_until(lambda: len(outbox_db.store().failing()) == 3, timeout=10)

    status = json.loads(zgw(outbox_db.url, targets, "outbox", "status", "catalogi", "--json"))
    assert status["catalogi"][0]["target"] == "down"
    assert status["catalogi"][0]["pending"] == 3 and status["catalogi"][0]["failing"] == 3
    assert status["catalogi"][0]["oldestPendingSeconds"] >= 0
    table = zgw(outbox_db.url, targets, "outbox", "status", "catalogi")
    assert "down" in table and "pending" in table

    failing = json.loads(zgw(outbox_db.url, targets, "outbox", "list", "catalogi"))["catalogi"]
    assert len(failing) == 3 and failing[0]["lastError"]

    # the receiver comes up; without a retry the backoff (minutes) would keep it waiting
    processes.append(down.start())
    made_due = json.loads(zgw(outbox_db.url, targets, "outbox", "retry", "catalogi"))["catalogi"]["madeDue"]
    assert made_due == 3, (made_due, down.messages(), outbox_db.store().status())
    assert wait_until(lambda: outbox_db.undelivered() == 0, timeout=10)
    assert len(down.messages()) == 3


def test_retention_prunes_only_delivered_messages(outbox_db):
    targets = [{"name": "r", "type": "webhook", "url": "http://127.0.0.1:9/never"}]
    outbox_db.write(targets, 4)
    store = outbox_db.store()
    ids = [c.delivery_id for c in store.claim("r", 10)]
    store.record([Outcome(ids[0], 0, None), Outcome(ids[1], 0, None), Outcome(ids[2], 0, "HTTP 500"), Outcome(ids[3], 0, "HTTP 500")])
    assert store.prune() == 0  # delivered, but younger than the retention period
    with outbox_db.database.engine.begin() as connection:
        connection.execute(update(outbox.table).values(created_at=utc.now() - timedelta(days=30)))
    assert store.prune() == 2
    assert outbox_db.undelivered() == 2
    assert len(store.failing()) == 2


def test_metrics(catalogi_app, catalogi, kernel):
    app = create_app(
        CatalogiSettings(database_url=catalogi_app.state.db.url, selectielijst_validation=False),
        kernel.model_copy(
            update={
                "notification_targets": json.dumps({"targets": [{"name": "nergens", "type": "webhook", "url": "http://127.0.0.1:9/x"}]}),
                "dispatch_in_process": False,
            }
        ),
    )
    client = TestClient(app)
    client.post(f"{API_ROOT}/catalogussen", json=catalogus_body(domein="METR"), headers=auth_header("alles"))
    client.post(
        f"{API_ROOT}/zaaktypen",
        json=zaaktype_body(
            client.get(f"{API_ROOT}/catalogussen?domein=METR", headers=auth_header("alles")).json()["results"][0]["url"],
            selectielijstProcestype="",
        ),
        headers=auth_header("alles"),
    )
    text = client.get("/metrics").text
    assert 'zgw_outbox_pending{target="nergens"} 1' in text
    assert "# TYPE zgw_notifications_delivered_total counter" in text
    app.state.db.dispose()
