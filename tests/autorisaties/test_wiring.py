"""How the Autorisaties API is wired in: `zgw run` (the environments of its child processes) and
the example applicaties docker-compose.yml names."""

import json
import re

import yaml

from services.cli import run_environments, uses_autorisaties_api
from services.registry import SERVICES
from shared.autorisaties import CALLBACK_PATH, KANAAL
from shared.settings import PROJECT_ROOT
from shared.targets import parse_targets

LOCAL_AC = "http://127.0.0.1:8004/autorisaties/api/v1"


def _root(name: str, host: str = "127.0.0.1") -> str:
    return SERVICES[name].local_root(host)


def test_zgw_run_points_catalogi_and_zaken_at_the_local_autorisaties_api():
    environments = run_environments({"PATH": "/usr/bin"})
    assert set(environments) == set(SERVICES)
    token = environments["zaken"]["ZGW_AUTORISATIES_CALLBACK_TOKEN"]
    assert len(token) >= 32
    for name in ("catalogi", "zaken"):
        env = environments[name]
        assert env["ZGW_AUTORISATIES_API_URL"] == LOCAL_AC == _root("autorisaties")
        assert env["ZGW_AUTORISATIES_CALLBACK_TOKEN"] == token
        assert env["PATH"] == "/usr/bin"
    # the Autorisaties service itself and any other service: as given
    for name in set(SERVICES) - set(uses_autorisaties_api()):
        assert "ZGW_AUTORISATIES_API_URL" not in environments[name]
    # its notifications go to their callbacks, with the token
    targets = parse_targets(json.loads(environments["autorisaties"]["ZGW_NOTIFICATION_TARGETS"]))
    assert {(t.name, t.type, t.url, t.authorization, t.kanalen) for t in targets} == {
        (f"{name}-autorisaties", "webhook", _root(name) + CALLBACK_PATH, f"Bearer {token}", frozenset({KANAAL}))
        for name in uses_autorisaties_api()
    }
    # the Zaken service's own targets: only the Rapportage callback (test below)
    assert [t.name for t in parse_targets(json.loads(environments["zaken"]["ZGW_NOTIFICATION_TARGETS"]))] == ["rapportage"]
    # a new token per run unless one is configured
    assert run_environments({})["zaken"]["ZGW_AUTORISATIES_CALLBACK_TOKEN"] != token


def test_zgw_run_names_every_local_service_a_peer():
    """A peer that does not answer is an outage (503), not the client's `bad-url`: every service
    knows the others `zgw run` starts, under both local host names; a configured list stays."""
    environments = run_environments({})
    expected = {_root(name, host) for name in SERVICES for host in ("127.0.0.1", "localhost")}
    for name in SERVICES:
        assert set(environments[name]["ZGW_PEER_API_URLS"].split(",")) == expected
    configured = run_environments({"ZGW_PEER_API_URLS": "https://ztc.gemeente.example/api/v1"})
    assert {env["ZGW_PEER_API_URLS"] for env in configured.values()} == {"https://ztc.gemeente.example/api/v1"}


def test_zgw_run_keeps_what_is_configured(tmp_path):
    nrc = {"name": "nrc", "type": "notificaties-api", "url": "https://nrc.example/api/v1", "clientId": "zgw", "secret": "s"}
    targets_file = tmp_path / "targets.yaml"
    targets_file.write_text(yaml.safe_dump({"targets": [nrc]}))
    base = {
        "ZGW_AUTORISATIES_API_URL": "https://ac.gemeente.example/api/v1",
        "ZGW_AUTORISATIES_CALLBACK_TOKEN": "vast-token",
        "ZGW_NOTIFICATION_TARGETS_FILE": str(targets_file),
    }
    environments = run_environments(base)
    assert environments["zaken"]["ZGW_AUTORISATIES_API_URL"] == "https://ac.gemeente.example/api/v1"
    assert environments["catalogi"]["ZGW_AUTORISATIES_CALLBACK_TOKEN"] == "vast-token"
    # the Zaken service: the file's targets plus the Rapportage callback, all inline
    assert "ZGW_NOTIFICATION_TARGETS_FILE" not in environments["zaken"]
    assert {t.name for t in parse_targets(json.loads(environments["zaken"]["ZGW_NOTIFICATION_TARGETS"]))} == {"nrc", "rapportage"}
    # the Autorisaties service: the file's targets plus the callbacks, all inline
    env = environments["autorisaties"]
    assert "ZGW_NOTIFICATION_TARGETS_FILE" not in env
    targets = {t.name: t for t in parse_targets(json.loads(env["ZGW_NOTIFICATION_TARGETS"]))}
    assert set(targets) == {"nrc", *(f"{name}-autorisaties" for name in uses_autorisaties_api())}
    assert (targets["nrc"].url, targets["nrc"].client_id, targets["nrc"].secret, targets["nrc"].kanalen) == (
        nrc["url"],
        "zgw",
        "s",
        frozenset(),
    )
    assert targets["zaken-autorisaties"].authorization == "Bearer vast-token"


def test_zgw_run_without_the_autorisaties_api_when_asked():
    """ZGW_AUTORISATIES_API_URL set empty: the file alone, nothing wired."""
    base = {"ZGW_AUTORISATIES_API_URL": ""}
    environments = run_environments(base)
    for name in SERVICES:
        assert not {k for k in environments[name] if k.startswith("ZGW_AUTORISATIES_") and k != "ZGW_AUTORISATIES_API_URL"}
        assert environments[name]["ZGW_AUTORISATIES_API_URL"] == ""
    assert "ZGW_NOTIFICATION_TARGETS" not in environments["autorisaties"]


def test_zgw_run_brings_zaken_notifications_to_the_rapportage_callback():
    environments = run_environments({"RAPPORTAGE_CALLBACK_AUTHORIZATION": "Bearer vast"})
    rapportage = environments["rapportage"]
    assert rapportage["RAPPORTAGE_CALLBACK_AUTHORIZATION"] == "Bearer vast"
    assert rapportage["RAPPORTAGE_DASHBOARD_OPEN"] == "true"
    (target,) = parse_targets(json.loads(environments["zaken"]["ZGW_NOTIFICATION_TARGETS"]))
    assert (target.type, target.url, target.authorization, target.kanalen) == (
        "webhook",
        _root("rapportage") + "/callbacks",
        "Bearer vast",
        frozenset({"zaken"}),
    )
    # a random authorization per run unless one is configured; a closed dashboard stays closed
    other = run_environments({"RAPPORTAGE_DASHBOARD_OPEN": "false"})["rapportage"]
    assert other["RAPPORTAGE_CALLBACK_AUTHORIZATION"].startswith("Bearer ") and other["RAPPORTAGE_DASHBOARD_OPEN"] == "false"


# ---------------------------------------------------------------- docker-compose.yml
# (its structure: tests/kernel/test_compose.py)


def test_the_example_applicaties_hold_the_services_reader():
    """config/applicaties.example.yaml: the applicatie Catalogi and Zaken ask the Autorisaties API as
    (docker-compose.yml's default ZGW_AUTORISATIES_API_CLIENT_ID), with its rights in the file."""
    default = re.search(r"\$\{ZGW_AUTORISATIES_API_CLIENT_ID:-([\w-]+)\}", (PROJECT_ROOT / "docker-compose.yml").read_text()).group(1)
    applicaties = yaml.safe_load((PROJECT_ROOT / "config" / "applicaties.example.yaml").read_text())["applicaties"]
    (entry,) = [a for a in applicaties if default in a["clientIds"]]
    assert entry["autorisaties"] == [{"component": "ac", "scopes": ["autorisaties.lezen"]}]
