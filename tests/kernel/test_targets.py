"""Notification targets from configuration."""

import pytest

from shared.dispatcher import backoff_seconds
from shared.settings import PROJECT_ROOT
from shared.targets import load_targets, parse_targets


def test_example_targets_file_loads():
    (target,) = load_targets(None, PROJECT_ROOT / "config" / "targets.example.yaml")
    assert target.type == "notificaties-api" and target.wants("zaken")


def test_inline_json_and_kanalen_filter():
    (target,) = load_targets('{"targets": [{"name": "r", "type": "webhook", "url": "http://x/", "kanalen": ["zaken"]}]}', None)
    assert target.url == "http://x" and target.wants("zaken") and not target.wants("zaaktypen")


@pytest.mark.parametrize(
    "targets",
    [
        [{"name": "a", "type": "email", "url": "http://x"}],
        [{"name": "a", "type": "webhook", "url": "http://x"}, {"name": "a", "type": "webhook", "url": "http://y"}],
    ],
    ids=["unknown-type", "duplicate-name"],
)
def test_bad_configuration_is_refused(targets):
    with pytest.raises(ValueError):
        parse_targets({"targets": targets})


def test_backoff_grows_and_is_capped():
    assert 0.5 <= backoff_seconds(1, 1.0, 600) <= 1.0
    assert 4.0 <= backoff_seconds(4, 1.0, 600) <= 8.0
    assert 300 <= backoff_seconds(30, 1.0, 600) <= 600
