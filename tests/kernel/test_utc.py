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
