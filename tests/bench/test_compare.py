"""bench/compare.py without a run: the medians and ratios over rounds, the JSON's shape, what fails
a run, the table; whether a dataset file belongs to its database; the outbox drain on real rows."""

import json
import threading
import time
import uuid

import pytest
from sqlalchemy import insert, update

from bench import compare
from shared import utc


def figures(rps: float, p50: float = 10.0, non2xx: int = 0, **extra) -> dict:
    return {"rps": rps, "p50_ms": p50, "p99_ms": p50 * 3, "non2xx": non2xx, "socket_errors": 0, **extra}


def test_medians_and_ratios_over_rounds():
    delivered = {"undelivered_at_end": 40, "drain_s": 1.5, "left": 0, "failing": 0, "after_warmup": None}
    rounds = [
        {"floor": {"W1": figures(500), "W4": figures(800)}, "api": {"W1": figures(250), "W4": figures(200, delivery=delivered)}},
        {"floor": {"W1": figures(400), "W4": figures(1000)}, "api": {"W1": figures(300), "W4": figures(100, delivery=delivered)}},
        {"floor": {"W1": figures(600), "W4": figures(900)}, "api": {"W1": figures(420), "W4": figures(180, delivery=delivered)}},
    ]
    summary = compare.summarize(rounds)
    assert list(summary) == ["W1", "W4"]
    w1, w4 = summary["W1"], summary["W4"]
    # each round's ratio of its own figures (0.5, 0.75, 0.7), then the median of those
    assert [r["ratio"] for r in w1["rounds"]] == [0.5, 0.75, 0.7]
    assert (w1["req_s"], w1["floor_req_s"], w1["ratio"]) == (300, 500, 0.7)
    assert (w1["floor_step"], w1["target_ratio"], w1["met"]) == ("page", 0.75, False)
    assert [r["ratio"] for r in w4["rounds"]] == [0.25, 0.1, 0.2]
    assert (w4["req_s"], w4["floor_req_s"], w4["ratio"], w4["floor_step"]) == (180, 900, 0.2, "insert-zaak")
    assert w4["rounds"][0]["delivery"] == delivered and "delivery" not in w1["rounds"][0]
    assert set(w1["rounds"][0]) >= {"round", "req_s", "floor_req_s", "ratio", "p50_ms", "floor_p50_ms", "non2xx", "floor_non2xx"}
    json.dumps(summary)  # the --json file holds it as it is

    assert compare.failures(summary) == []
    table = compare.markdown(summary, 3)
    assert "| W1 GET /zaken page 1 (all rights) | 300 | `page` | 500 | 0.70 | ≥ 0.75 | **no** | 250/500, 300/400, 420/600 |" in table


def test_what_fails_a_run():
    left = {"undelivered_at_end": 40, "drain_s": 300.0, "left": 7, "failing": 7, "after_warmup": None}
    rounds = [
        {
            "floor": {"W3": figures(2000), "W5": figures(900, non2xx=2)},
            "api": {"W3": figures(600, non2xx=3), "W5": figures(150, delivery=left)},
        }
    ]
    assert compare.failures(compare.summarize(rounds)) == [
        "W3 round 1: 3 non-2xx, 0 socket errors",
        "W5's floor round 1: 2 non-2xx, 0 socket errors",
        "W5 round 1: 7 notifications undelivered",
    ]


def test_every_workload_has_a_floor_step_and_a_target():
    from bench import floor, load

    assert set(compare.FLOOR_STEP) == set(compare.TARGET_RATIO) == set(compare.WORKLOADS)
    assert set(compare.FLOOR_STEP.values()) <= set(floor.STEPS)
    assert {name for name, step in compare.FLOOR_STEP.items() if step in floor.WRITE_STEPS} == compare.WRITES
    assert all(name in load.ORDER for name in compare.WORKLOADS)


@pytest.fixture
def zaken_url(zaken_app):
    url = zaken_app.state.db.engine.url.render_as_string(hide_password=False)
    if not url.startswith("postgresql"):
        pytest.skip("the comparison runs on PostgreSQL")
    return url


def test_a_dataset_file_belongs_to_its_database(zaken, catalogi, zaken_url, tmp_path):
    from tests.zaken.factories import create_zaak, published_zaaktype

    zaak = create_zaak(zaken, published_zaaktype(catalogi).url)
    path = tmp_path / "dataset.json"
    assert not compare.dataset_matches(zaken_url, path, 1)  # no file
    path.write_text(json.dumps({"counts": {"zaken": 1}, "zaken": [{"uuid": zaak["uuid"]}]}))
    assert compare.dataset_matches(zaken_url, path, 1)
    assert not compare.dataset_matches(zaken_url, path, 100_000)  # made for another size
    path.write_text(json.dumps({"counts": {"zaken": 1}, "zaken": [{"uuid": str(uuid.uuid4())}]}))
    assert not compare.dataset_matches(zaken_url, path, 1)  # another database's


def test_the_outbox_drains(zaken, zaken_url):
    """Two undelivered notifications: the drain waits for them, and gives up at its time-out."""
    from services.zaken.db import outbox as tables
    from shared.db import make_engine

    engine = make_engine(zaken_url)
    ids = []
    with engine.begin() as connection:
        for n in range(2):
            hoofd_object = f"http://testserver/zaken/api/v1/zaken/{uuid.uuid4()}"
            outbox_id = connection.execute(
                insert(tables.table).returning(tables.table.c.id),
                {"kanaal": "zaken", "hoofd_object": hoofd_object, "resource": "zaak", "actie": "create", "message": {"n": n}},
            ).scalar_one()
            ids.append(
                connection.execute(
                    insert(tables.delivery).returning(tables.delivery.c.id),
                    {"outbox_id": outbox_id, "target": "rapportage", "hoofd_object": hoofd_object, "next_attempt_at": utc.now()},
                ).scalar_one()
            )
    store = compare.Outbox(zaken_url)
    try:
        assert store.pending() == (2, 0)
        waited = store.drain(0.3)
        assert (waited["undelivered_at_end"], waited["left"]) == (2, 2) and waited["drain_s"] >= 0.3

        def deliver() -> None:
            time.sleep(0.5)
            with engine.begin() as connection:
                connection.execute(update(tables.delivery).where(tables.delivery.c.id.in_(ids)).values(delivered_at=utc.now()))

        delivering = threading.Thread(target=deliver)
        delivering.start()
        drained = store.drain(30)
        delivering.join()
        assert (drained["undelivered_at_end"], drained["left"], drained["failing"]) == (2, 0, 0)
        assert 0.5 <= drained["drain_s"] < 30
    finally:
        store.close()
        engine.dispose()


def test_a_backlog_is_bounded_when_it_stops_growing():
    """Bounded: over the run's second half the backlog grows by less than 5% of the write rate."""
    level = [(t, 50 + (t % 2)) for t in range(20)]  # about level, whatever its size
    growing = [(t, 80 * t) for t in range(20)]  # 80 more per second at 200 writes/s
    assert compare.backlog_figures(level, 200)["bounded"] is True
    figures = compare.backlog_figures(growing, 200)
    assert figures["bounded"] is False
    assert figures["backlog_growth_per_s"] == 80.0 and figures["backlog_max"] == 80 * 19
    assert compare.backlog_figures([], 200)["bounded"] is None
