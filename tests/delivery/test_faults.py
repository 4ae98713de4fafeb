"""Notification delivery under failure: at least once, in order per hoofdObject, per target."""

import collections
import time

import pytest

from tests.delivery.conftest import Dispatch, Receiver, wait_until, webhook

# real processes (`make test-fast` leaves them out)
pytestmark = pytest.mark.processes


def volgnummers(messages: list[dict]) -> list[int]:
    return [int(m["kenmerken"]["volgnummer"]) for m in messages]


def test_receiver_down_during_1000_writes_then_up(outbox_db, processes, tmp_path):
    receiver = Receiver(tmp_path, "r")
    targets = [webhook("r", receiver)]
    dispatch = Dispatch(outbox_db.url, targets).start()
    processes.append(dispatch)
    outbox_db.write(targets, 1000)  # the receiver is not listening yet
    time.sleep(1.0)
    assert receiver.messages() == []
    assert outbox_db.undelivered() == 1000
    processes.append(receiver.start())
    assert wait_until(lambda: outbox_db.undelivered() == 0, timeout=60), outbox_db.store().status()
    received = volgnummers(receiver.messages())
    assert set(received) == set(range(1000))
    assert len(received) == 1000  # no duplicates in a run without crashes
    assert {e["authorization"] for e in receiver.entries()} == {"Bearer r-token"}


def test_dispatcher_killed_mid_batch(outbox_db, processes, tmp_path):
    receiver = Receiver(tmp_path, "r", delay=0.02)
    processes.append(receiver.start())
    targets = [webhook("r", receiver)]
    outbox_db.write(targets, 300)
    first = Dispatch(outbox_db.url, targets, ZGW_DISPATCH_CONCURRENCY="4").start()
    processes.append(first)
    assert wait_until(lambda: len(receiver.messages()) >= 20, timeout=30)
    first.kill()  # SIGKILL, in the middle of a batch
    assert len(receiver.messages()) < 300
    second = Dispatch(outbox_db.url, targets).start()
    processes.append(second)
    assert wait_until(lambda: outbox_db.undelivered() == 0, timeout=60), outbox_db.store().status()
    assert set(volgnummers(receiver.messages())) == set(range(300))


def test_two_dispatchers_deliver_exactly_once(outbox_db, processes, tmp_path):
    if outbox_db.backend != "postgresql":
        pytest.skip("several dispatchers side by side is the PostgreSQL (replica) set-up")
    receiver = Receiver(tmp_path, "r")
    processes.append(receiver.start())
    targets = [webhook("r", receiver)]
    processes.extend([Dispatch(outbox_db.url, targets).start(), Dispatch(outbox_db.url, targets).start()])
    outbox_db.write(targets, 1000)
    assert wait_until(lambda: outbox_db.undelivered() == 0, timeout=60)
    counts = collections.Counter(volgnummers(receiver.messages()))
    assert set(counts) == set(range(1000))
    assert max(counts.values()) == 1, [n for n, c in counts.items() if c > 1][:10]


def test_bad_receivers_do_not_hold_back_a_good_one(outbox_db, processes, tmp_path):
    good = Receiver(tmp_path, "good")
    bad = [Receiver(tmp_path, mode, mode=mode) for mode in ("fail", "hang", "garbage")]
    for receiver in (good, *bad):
        processes.append(receiver.start())
    targets = [webhook("good", good)] + [webhook(r.mode, r) for r in bad]
    processes.append(Dispatch(outbox_db.url, targets).start())
    started = time.monotonic()
    outbox_db.write(targets, 200)
    assert wait_until(lambda: len(good.messages()) >= 200, timeout=15)
    assert time.monotonic() - started < 15

    def good_done() -> bool:
        return {row["target"]: row for row in outbox_db.store().status()}["good"]["pending"] == 0

    assert wait_until(good_done, timeout=5)
    status = {row["target"]: row for row in outbox_db.store().status()}
    for receiver in bad:
        assert status[receiver.mode]["pending"] == 200  # kept, retried for ever, never dropped
    # a batch against the hanging receiver takes (batch / concurrency) time-outs before its errors
    # are recorded: generous, since only the good receiver's timing is the point here
    assert wait_until(lambda: {r["target"] for r in outbox_db.store().failing(limit=1000)} >= {"fail", "hang", "garbage"}, timeout=40)
    errors = {r["target"]: r["lastError"] for r in outbox_db.store().failing(limit=1000)}
    assert errors["fail"].startswith("HTTP 500") and errors["hang"] == "time-out"


def test_order_per_hoofdobject_survives_failures(outbox_db, processes, tmp_path):
    receiver = Receiver(tmp_path, "r")
    targets = [webhook("r", receiver)]
    outbox_db.write(targets, 60, hoofd_objects=3)  # 20 messages for each of 3 hoofdObjecten
    processes.append(Dispatch(outbox_db.url, targets).start())
    time.sleep(0.5)  # first attempts fail: nobody listens
    processes.append(receiver.start())
    assert wait_until(lambda: outbox_db.undelivered() == 0, timeout=30)
    per_object = collections.defaultdict(list)
    for message in receiver.messages():
        per_object[message["hoofdObject"]].append(int(message["kenmerken"]["volgnummer"]))
    for numbers in per_object.values():
        assert numbers == sorted(numbers)


def test_rolled_back_write_sends_nothing(outbox_db, processes, tmp_path):
    receiver = Receiver(tmp_path, "r")
    processes.append(receiver.start())
    targets = [webhook("r", receiver)]
    processes.append(Dispatch(outbox_db.url, targets).start())
    outbox_db.write(targets, 5, rollback=True)
    outbox_db.write(targets, 1)
    assert wait_until(lambda: len(receiver.messages()) == 1, timeout=10)
    time.sleep(0.5)
    assert len(receiver.messages()) == 1
    assert outbox_db.undelivered() == 0


def test_kanalen_filter(outbox_db, processes, tmp_path):
    zaken, other = Receiver(tmp_path, "zaken"), Receiver(tmp_path, "other")
    for receiver in (zaken, other):
        processes.append(receiver.start())
    targets = [webhook("zaken", zaken, kanalen=["zaken"]), webhook("other", other, kanalen=["zaaktypen"])]
    processes.append(Dispatch(outbox_db.url, targets).start())
    outbox_db.write(targets, 3)
    assert wait_until(lambda: len(zaken.messages()) == 3, timeout=10)
    assert other.messages() == []
