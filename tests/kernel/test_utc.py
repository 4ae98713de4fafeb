import datetime as dt

from shared import utc


def test_naive_moments_are_utc_and_others_are_converted():
    naive = dt.datetime(2024, 6, 3, 9, 0)
    assert utc.aware(naive) == dt.datetime(2024, 6, 3, 9, 0, tzinfo=dt.UTC)
    amsterdam = dt.datetime(2024, 6, 3, 11, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert utc.aware(amsterdam).tzinfo is dt.UTC and utc.aware(amsterdam).hour == 9
    assert utc.aware(None) is None


def test_iso_writes_z():
    assert utc.iso(dt.datetime(2024, 6, 3, 9, 0)) == "2024-06-03T09:00:00Z"
    assert utc.iso(dt.datetime(2024, 6, 3, 11, 0, 5, 120000, tzinfo=dt.timezone(dt.timedelta(hours=2)))) == "2024-06-03T09:00:05.120000Z"
    assert utc.iso(None) is None
    assert utc.now().tzinfo is dt.UTC


def test_as_of_moves_the_clock_in_its_block_only():
    """The seeder's "as of": `now()` (and `today()`) in the block, in the tasks and worker threads
    started from it (as FastAPI runs a sync endpoint); the wall clock outside it."""
    import asyncio

    import anyio

    moment = dt.datetime(2025, 11, 3, 9, 30, tzinfo=dt.UTC)

    async def in_a_task_and_a_thread() -> tuple[dt.datetime, dt.datetime]:
        return utc.now(), await anyio.to_thread.run_sync(utc.now)

    with utc.as_of(moment):
        assert utc.now() == moment and utc.today() == moment.astimezone().date()
        assert asyncio.run(in_a_task_and_a_thread()) == (moment, moment)
        with utc.as_of(dt.datetime(2025, 12, 1, 8, 0)):  # naive: UTC
            assert utc.now() == dt.datetime(2025, 12, 1, 8, 0, tzinfo=dt.UTC)
        assert utc.now() == moment
    assert utc.now() - dt.datetime.now(dt.UTC) < dt.timedelta(seconds=1)
    assert asyncio.run(in_a_task_and_a_thread())[1] > moment + dt.timedelta(days=300)
