"""docker-compose.yml, written from services/registry.py (`zgw compose`, `make compose`).

Every container of the services shares the network namespace of one `net` container, so that, as
under `zgw run` on one machine, every service is at 127.0.0.1:<its port> for all the others: the
URLs a client sees are the ones the services read each other at, and their peers, the Autorisaties
API and the callbacks are the roots `zgw run` wires (`peer_api_urls`, `autorisaties_callbacks`).
Per service: its PostgreSQL schema, a `<name>-migrate` step, the service and, with kanalen, a
`<name>-dispatcher`; its settings follow from its entry (`calls_peers`, `uses_autorisaties_api`,
`listens_to`, `data_dir_setting`).
"""

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from services.cli import autorisaties_callbacks, peer_api_urls, uses_autorisaties_api
from services.registry import SERVICES, ServiceInfo
from shared.settings import PROJECT_ROOT

COMPOSE_FILE = PROJECT_ROOT / "docker-compose.yml"
DATABASE = "postgresql://zgw:zgw@db:5432/zgw"
WORKERS = 2
CONFIG_VOLUME = "./config:/config:ro"
# the applicatie the services ask the Autorisaties API as (config/applicaties.example.yaml)
AUTORISATIES_API_CLIENT = "zgw-services"


@dataclass(frozen=True)
class Merge:
    """`<<: [*a, *b]`: the environments of these anchors."""

    anchors: tuple[str, ...]


@dataclass(frozen=True)
class Folded:
    """A folded block scalar (`>-`), one line of the value per line of the file."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Flow:
    """A list on one line (a command)."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Commented:
    """A list item with a comment behind it."""

    value: str
    comment: str


def required(variable: str, message: str) -> str:
    """Compose interpolation of a variable that must be set: `docker compose up` stops with `message`."""
    return f"${{{variable}:?set {variable} to {message}}}"


def client_id_setting(info: ServiceInfo) -> str:
    return f"{info.settings_prefix}CLIENT_ID"


def default_client_id(info: ServiceInfo) -> str:
    return f"{info.name}-api"


def callback_authorization_setting(info: ServiceInfo) -> str:
    return f"{info.settings_prefix}CALLBACK_AUTHORIZATION"


def data_dir(info: ServiceInfo) -> str:
    return f"/data/{info.name}"


def _publishes(info: ServiceInfo) -> bool:
    return bool(info.kanalen)


def _is_autorisaties(info: ServiceInfo) -> bool:
    return info.name == "autorisaties"


def _listened_kanalen(listener: ServiceInfo) -> list[str]:
    return sorted({kanaal for info in SERVICES.values() for kanaal in info.kanalen} & set(listener.listens_to))


def _service_environment(info: ServiceInfo) -> dict:
    """What the service, its migrate step and its dispatcher are configured with."""
    prefix = info.settings_prefix
    environment: dict = {f"{prefix}DATABASE_URL": f"{DATABASE}?options=-csearch_path%3D{info.name}"}
    if info.calls_peers:
        client_id = client_id_setting(info)
        environment[client_id] = f"${{{client_id}:-{default_client_id(info)}}}"
        environment[f"{prefix}SECRET"] = required(f"{prefix}SECRET", f"the secret of the {client_id} applicatie in config/applicaties.yaml")
    if info.listens_to:
        setting = callback_authorization_setting(info)
        environment[setting] = required(setting, f"the authorization of the {info.name} target in config/targets.yaml")
    if info.data_dir_setting:
        environment[prefix + info.data_dir_setting] = data_dir(info)
    if _is_autorisaties(info):
        # straight to the callbacks of the services that use it; a targets file would take
        # precedence over these, so a Notificaties API as well is one more target here
        targets = autorisaties_callbacks("${ZGW_AUTORISATIES_CALLBACK_TOKEN}")
        environment["ZGW_NOTIFICATION_TARGETS"] = Folded(('{"targets": [', *_json_lines(targets), "]}"))
    elif _publishes(info):
        environment["ZGW_NOTIFICATION_TARGETS_FILE"] = "/config/targets.yaml"
    return environment


def _json_lines(items: list[dict]) -> list[str]:
    return _comma_lines([json.dumps(item) for item in items])


def _comma_lines(lines: list[str]) -> list[str]:
    return [line + "," for line in lines[:-1]] + lines[-1:]


def _anchors() -> list[tuple[list[str], str, dict]]:
    """(comment, name, environment) of each `x-...-env` anchor."""
    anchors: list[tuple[list[str], str, dict]] = [
        (
            ["# every container"],
            "env",
            {
                "ZGW_ENVIRONMENT": "production",
                "ZGW_AUTORISATIES_FILE": "/config/applicaties.yaml",
                "ZGW_DISPATCH_IN_PROCESS": "false",
                # one root a line (the setting is split at the commas, blanks stripped)
                "ZGW_PEER_API_URLS": Folded(tuple(_comma_lines(peer_api_urls().split(",")))),
            },
        )
    ]
    if "autorisaties" in SERVICES:
        client_id = "ZGW_AUTORISATIES_API_CLIENT_ID"
        environment = {
            "ZGW_AUTORISATIES_API_URL": SERVICES["autorisaties"].local_root(),
            client_id: f"${{{client_id}:-{AUTORISATIES_API_CLIENT}}}",
            "ZGW_AUTORISATIES_API_SECRET": required(
                "ZGW_AUTORISATIES_API_SECRET", f"the secret of the {client_id} applicatie in config/applicaties.yaml"
            ),
            "ZGW_AUTORISATIES_CALLBACK_TOKEN": required("ZGW_AUTORISATIES_CALLBACK_TOKEN", "a long random value"),
        }
        anchors.append(
            (
                ["# the services that take rights from the Autorisaties API, its notifications on their callback"],
                "autorisaties-api-env",
                environment,
            )
        )
    anchors.extend(([], f"{info.name}-env", _service_environment(info)) for info in SERVICES.values())
    return anchors


def _container(command: list[str], merged: list[str], depends_on: dict[str, str], **more) -> dict:
    container: dict = {
        "build": ".",
        "command": Flow(tuple(command)),
        "environment": {"<<": Merge(tuple(merged))},
        "volumes": [CONFIG_VOLUME, *more.pop("volumes", [])],
        "network_mode": "service:net",
        "depends_on": {name: {"condition": condition} for name, condition in depends_on.items()},
    }
    container.update(more)
    return container


def _containers(info: ServiceInfo) -> list[tuple[list[str], str, dict]]:
    """(comment, name, container) of the service's migrate step, the service and its dispatcher."""
    name = info.name
    migrated = {f"{name}-migrate": "service_completed_successfully"}
    own = ["env", f"{name}-env"]
    serving, service_depends = list(own), dict(migrated)
    if info.uses_autorisaties_api and "autorisaties" in SERVICES:
        serving.append("autorisaties-api-env")
        service_depends["autorisaties"] = "service_started"
    volumes = [f"{name}-data:{data_dir(info)}"] if info.data_dir_setting else []
    containers = [
        ([], f"{name}-migrate", _container(["zgw", "migrate", name], own, {"db": "service_healthy"})),
        (
            [f"# {info.local_root()}"],
            name,
            _container(["zgw", "serve", name, "--host", "0.0.0.0", "--workers", str(WORKERS)], serving, service_depends, volumes=volumes),
        ),
    ]
    if _publishes(info):
        containers.append(
            (
                [f"# delivers the {name} outbox (kanalen {', '.join(info.kanalen)})"],
                f"{name}-dispatcher",
                _container(["zgw", "dispatch", name], own, migrated),
            )
        )
    return containers


def _infrastructure() -> list[tuple[list[str], str, dict]]:
    db = {
        "image": "postgis/postgis:15-3.4",
        "environment": {"POSTGRES_USER": "zgw", "POSTGRES_PASSWORD": "zgw", "POSTGRES_DB": "zgw"},
        "volumes": ["pgdata:/var/lib/postgresql/data"],
        "healthcheck": {"test": Flow(("CMD-SHELL", "pg_isready -U zgw")), "interval": "5s", "retries": 10},
    }
    net = {
        "build": ".",
        "command": Flow(("sleep", "infinity")),
        "init": True,  # stops at once on `docker compose down`
        "ports": [Commented(f"{info.port}:{info.port}", info.name) for info in SERVICES.values()],
    }
    return [
        ([], "db", db),
        (["# holds the one network namespace of every container below, and publishes the services' ports"], "net", net),
    ]


def _header() -> list[str]:
    """The comment on top: what the file is, and what `docker compose up` needs."""
    callers = [info for info in SERVICES.values() if info.calls_peers]
    publishers = [info.name for info in SERVICES.values() if _publishes(info) and not _is_autorisaties(info)]
    width = max(len(name) for name in SERVICES) + 2
    secrets = [f"{info.settings_prefix}SECRET=..." for info in callers]
    paragraphs: list[str | list[str]] = [
        "Generated by `zgw compose` (`make compose`) from services/registry.py: change the registry (or "
        "services/compose.py) and regenerate; a test fails when this file is stale.",
        "Production-like run: PostgreSQL and the services, each from the one image.",
        "One network namespace for all, as `zgw run` on one machine: every migrate step, service and "
        "dispatcher runs with `network_mode: service:net`, so each service is at 127.0.0.1:<its port> for "
        "all the others, and the `net` container publishes those ports. The URLs a client sees "
        f"({next(iter(SERVICES.values())).local_root()}/...) are thus the URLs the services read each "
        "other at; their peers (ZGW_PEER_API_URLS) and the Autorisaties API are the roots `zgw run` gives "
        "them, and PostgreSQL is db:5432. Behind real host names (e.g. https://catalogi.gemeente.example) "
        "set ZGW_PEER_API_URLS and the services' *_API_URL settings to those.",
        "Every service has a schema of its own in the one database and a `<service>-migrate` step that "
        "brings it to head before the service starts. The API processes run no dispatcher "
        "(ZGW_DISPATCH_IN_PROCESS=false): a service with kanalen has a `<service>-dispatcher`.",
        "config/applicaties.yaml (from config/applicaties.example.yaml) must hold, with their rights "
        "stated, the applicatie each of these services calls the others with (its secret from the environment):",
        [
            f"  {info.name:<{width}}{client_id_setting(info)} (default `{default_client_id(info)}`), secret {info.settings_prefix}SECRET"
            for info in callers
        ],
    ]
    if "autorisaties" in SERVICES:
        paragraphs.append(
            f"The services that use the Autorisaties API (service `autorisaties`, port {SERVICES['autorisaties'].port}: "
            f"{', '.join(uses_autorisaties_api())}) ask it as ZGW_AUTORISATIES_API_CLIENT_ID (default "
            f"`{AUTORISATIES_API_CLIENT}`, an applicatie in config/applicaties.yaml with component `ac`, scope "
            "autorisaties.lezen; its secret is ZGW_AUTORISATIES_API_SECRET) for the rights of every applicatie "
            "that has only clientIds + secret there. Its `autorisaties` notifications go straight to their "
            "callbacks (the targets in x-autorisaties-env), which require ZGW_AUTORISATIES_CALLBACK_TOKEN."
        )
        secrets += ["ZGW_AUTORISATIES_API_SECRET=...", "ZGW_AUTORISATIES_CALLBACK_TOKEN=..."]
    paragraphs.append(
        f"config/targets.yaml: the notification targets of {', '.join(publishers)}, among them the callbacks of the services that listen:"
    )
    listening = []
    for listener in (info for info in SERVICES.values() if info.listens_to):
        setting = callback_authorization_setting(listener)
        kanalen = ", ".join(_listened_kanalen(listener))
        listening += [
            f"  {listener.name:<{width}}a webhook to {listener.local_root()}/callbacks, kanalen [{kanalen}],",
            f"  {'':<{width}}authorization as {setting}",
        ]
        secrets.append(f"{setting}=...")
    paragraphs.append(listening)
    paragraphs += [
        f"{info.name} keeps its data ({info.settings_prefix}{info.data_dir_setting}) in the volume {info.name}-data."
        for info in SERVICES.values()
        if info.data_dir_setting
    ]
    # the command, two variables a line
    command = [f"  {' '.join(secrets[i : i + 2])} \\" for i in range(0, len(secrets), 2)] + ["  docker compose up"]
    paragraphs += ["So:", ["", *command]]
    lines: list[str] = []
    for paragraph in paragraphs:
        if isinstance(paragraph, str):
            lines += ["", *textwrap.wrap(paragraph, width=96, break_on_hyphens=False)]
        else:
            lines += paragraph if lines[-1].endswith(":") else ["", *paragraph]  # a table under its line
    return [f"# {line}".rstrip() for line in lines[1:]]


def render() -> str:
    """The text of docker-compose.yml."""
    out = _header()
    for comment, name, environment in _anchors():
        out += ["", *comment, f"x-{name}: &{name}"]
        out += _mapping(environment, 2)
    out += ["", "services:"]
    blocks = _infrastructure() + [block for info in SERVICES.values() for block in _containers(info)]
    for index, (comment, name, container) in enumerate(blocks):
        if index:
            out.append("")
        out += [f"  {line}" for line in comment] + [f"  {name}:"] + _mapping(container, 4)
    volumes = ["pgdata", *(f"{info.name}-data" for info in SERVICES.values() if info.data_dir_setting)]
    out += ["", "volumes:", *(f"  {volume}:" for volume in volumes)]
    return "\n".join(out) + "\n"


def write(path: Path = COMPOSE_FILE) -> Path:
    path.write_text(render())
    return path


def _mapping(mapping: dict, indent: int) -> list[str]:
    pad = " " * indent
    lines = []
    for key, value in mapping.items():
        if isinstance(value, dict):
            lines += [f"{pad}{key}:", *_mapping(value, indent + 2)]
        elif isinstance(value, list):
            lines += [f"{pad}{key}:", *(f"{pad}  - {_item(item)}" for item in value)]
        elif isinstance(value, Folded):
            lines += [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in value.lines)]
        else:
            lines.append(f"{pad}{key}: {_value(value)}")
    return lines


def _item(item) -> str:
    # ports always quoted: YAML 1.1 reads some `a:b` as a number in base 60
    return f"{json.dumps(item.value)} # {item.comment}" if isinstance(item, Commented) else _scalar(item)


def _value(value) -> str:
    if isinstance(value, Merge):
        return "[" + ", ".join(f"*{anchor}" for anchor in value.anchors) + "]"
    if isinstance(value, Flow):
        return json.dumps(list(value.items))
    return _scalar(value)


def _scalar(text: str | int | bool) -> str:
    """`text` plain where YAML reads it back as this string, else double-quoted."""
    if isinstance(text, bool):
        return "true" if text else "false"
    if isinstance(text, int):
        return str(text)
    try:
        if yaml.safe_load(f"k: {text}") == {"k": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text)
