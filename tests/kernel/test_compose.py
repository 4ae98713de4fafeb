"""docker-compose.yml is written from services/registry.py (`zgw compose`, `make compose`): the
committed file is what the command writes, and it holds every service as compose reads it (no
docker here: the structure, with PyYAML resolving the anchors as compose does)."""

import json
import re

import pytest
import yaml

from services import compose
from services.cli import run_environments, uses_autorisaties_api
from services.registry import SERVICES, ServiceInfo
from shared.autorisaties import CALLBACK_PATH, KANAAL
from shared.targets import parse_targets

REQUIRED = re.compile(r"^\$\{(\w+):\?set \1 to .+\}$")


def _compose(text: str | None = None) -> dict:
    return yaml.safe_load(compose.COMPOSE_FILE.read_text() if text is None else text)


def test_the_committed_file_is_what_zgw_compose_writes():
    assert compose.COMPOSE_FILE.read_text() == compose.render(), "docker-compose.yml is stale: run `make compose`"


def _assert_every_service_is_in(services: dict) -> None:
    net = services["net"]
    assert [port.split(":") for port in net["ports"]] == [[str(info.port)] * 2 for info in SERVICES.values()]
    for name, info in SERVICES.items():
        migrate, service = services[f"{name}-migrate"], services[name]
        assert migrate["command"] == ["zgw", "migrate", name]
        assert migrate["depends_on"] == {"db": {"condition": "service_healthy"}}
        assert service["command"][:3] == ["zgw", "serve", name]
        assert service["depends_on"][f"{name}-migrate"] == {"condition": "service_completed_successfully"}
        dispatcher = services.get(f"{name}-dispatcher")
        assert (dispatcher is not None) == bool(info.kanalen)
        containers = [migrate, service] + ([dispatcher] if dispatcher else [])
        for container in containers:
            # one network namespace: every service at 127.0.0.1:<its port>, as under `zgw run`
            assert container["network_mode"] == "service:net"
            assert "ports" not in container
            environment = container["environment"]
            assert environment["ZGW_DISPATCH_IN_PROCESS"] == "false"
            assert environment["ZGW_AUTORISATIES_FILE"] == "/config/applicaties.yaml"
            assert environment[f"{info.settings_prefix}DATABASE_URL"].endswith(f"?options=-csearch_path%3D{name}")
        if dispatcher:
            assert dispatcher["command"] == ["zgw", "dispatch", name]
            # the API process writes a delivery row per target: it knows the dispatcher's targets
            targets = ("ZGW_NOTIFICATION_TARGETS", "ZGW_NOTIFICATION_TARGETS_FILE")
            assert {key: dispatcher["environment"].get(key) for key in targets} == {key: service["environment"].get(key) for key in targets}
            assert any(dispatcher["environment"].get(key) for key in targets)


def test_every_service_has_its_port_migrate_step_and_dispatcher():
    services = _compose()["services"]
    _assert_every_service_is_in(services)
    expected = {"db", "net"} | {f"{name}{part}" for name in SERVICES for part in ("", "-migrate")}
    expected |= {f"{name}-dispatcher" for name, info in SERVICES.items() if info.kanalen}
    assert set(services) == expected


def test_the_services_see_each_other_at_the_roots_zgw_run_gives():
    services = _compose()["services"]
    run = run_environments({})
    for name in SERVICES:
        peers = services[name]["environment"]["ZGW_PEER_API_URLS"]
        assert [root.strip() for root in peers.split(",")] == run[name]["ZGW_PEER_API_URLS"].split(",")
    for name in uses_autorisaties_api():
        environment = services[name]["environment"]
        assert environment["ZGW_AUTORISATIES_API_URL"] == SERVICES["autorisaties"].local_root()
        assert REQUIRED.match(environment["ZGW_AUTORISATIES_API_SECRET"])
        assert REQUIRED.match(environment["ZGW_AUTORISATIES_CALLBACK_TOKEN"])
        assert services[name]["depends_on"]["autorisaties"] == {"condition": "service_started"}
    for name in set(SERVICES) - set(uses_autorisaties_api()):
        assert "ZGW_AUTORISATIES_API_URL" not in services[name]["environment"]


def test_the_autorisaties_notifications_go_to_every_callback():
    services = _compose()["services"]
    for container in ("autorisaties", "autorisaties-dispatcher"):
        environment = services[container]["environment"]
        # inline targets only: a targets file would take precedence
        assert "ZGW_NOTIFICATION_TARGETS_FILE" not in environment
        targets = parse_targets(json.loads(environment["ZGW_NOTIFICATION_TARGETS"]))
        assert {(t.name, t.type, t.url, t.authorization, t.kanalen) for t in targets} == {
            (
                f"{name}-autorisaties",
                "webhook",
                SERVICES[name].local_root() + CALLBACK_PATH,
                "Bearer ${ZGW_AUTORISATIES_CALLBACK_TOKEN}",
                frozenset({KANAAL}),
            )
            for name in uses_autorisaties_api()
        }


def test_secrets_come_from_the_environment():
    services = _compose()["services"]
    for name, info in SERVICES.items():
        environment = services[name]["environment"]
        prefix = info.settings_prefix
        if info.calls_peers:
            assert environment[f"{prefix}CLIENT_ID"] == f"${{{prefix}CLIENT_ID:-{name}-api}}"
            assert REQUIRED.match(environment[f"{prefix}SECRET"])
        else:
            assert f"{prefix}SECRET" not in environment
        if info.listens_to:
            assert REQUIRED.match(environment[f"{prefix}CALLBACK_AUTHORIZATION"])
        if info.data_dir_setting:
            directory = environment[prefix + info.data_dir_setting]
            assert f"{name}-data:{directory}" in services[name]["volumes"]
    # the header's command sets every variable that must be set
    text = compose.COMPOSE_FILE.read_text()
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    for variable in set(re.findall(r"\$\{(\w+):\?", text)):
        assert f"{variable}=..." in header


def test_a_new_registry_entry_is_all_it_takes(monkeypatch):
    """E.g. a Besluiten API that reads Catalogi and Zaken with a client of its own."""
    besluiten = ServiceInfo(
        "besluiten", 8006, "/besluiten/api/v1", component="brc", kanalen=("besluiten",), uses_autorisaties_api=True, calls_peers=True
    )
    monkeypatch.setitem(SERVICES, "besluiten", besluiten)
    services = _compose(compose.render())["services"]
    _assert_every_service_is_in(services)
    environment = services["besluiten"]["environment"]
    assert environment["BESLUITEN_CLIENT_ID"] == "${BESLUITEN_CLIENT_ID:-besluiten-api}"
    assert environment["ZGW_AUTORISATIES_API_URL"] == SERVICES["autorisaties"].local_root()
    assert "http://127.0.0.1:8006/besluiten/api/v1" in services["zaken"]["environment"]["ZGW_PEER_API_URLS"]
    callbacks = parse_targets(json.loads(services["autorisaties"]["environment"]["ZGW_NOTIFICATION_TARGETS"]))
    assert "http://127.0.0.1:8006/besluiten/api/v1" + CALLBACK_PATH in {t.url for t in callbacks}


@pytest.mark.parametrize("value", ["false", "8001:8001", "*alias", "a: b", "${X:?set X to a value}", "", "10", "http://h:1/p"])
def test_scalars_read_back_as_written(value):
    assert yaml.safe_load(f"k: {compose._scalar(value)}") == {"k": value}
