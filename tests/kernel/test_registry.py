"""A service is its package, its migrations, its OpenAPI document and one entry in
services/registry.py: these tests hold every entry to the conventions the rest reads."""

from importlib import import_module

from services.cli import _banner, run_environments
from services.registry import SERVICES, SETTING_PREFIXES, without_service_settings
from shared.outbox import Outbox
from shared.settings import PROJECT_ROOT


def test_every_service_package_is_registered():
    packages = {path.parent.name for path in (PROJECT_ROOT / "services").glob("*/app.py")}
    assert packages == set(SERVICES)


def test_every_entry_follows_the_conventions():
    ports = [info.port for info in SERVICES.values()]
    assert len(set(ports)) == len(ports)
    for name, info in SERVICES.items():
        assert info.name == name
        module, function = info.app_factory.split(":")
        assert callable(getattr(import_module(module), function))
        module, attribute = info.outbox.split(":")
        assert isinstance(getattr(import_module(module), attribute), Outbox)
        assert info.database_url()
        assert (PROJECT_ROOT / "migrations" / name / "env.py").is_file()
        assert (PROJECT_ROOT / "openapi" / f"{name}.yaml").is_file()
        assert info.api_root.startswith(f"/{name}/")


def test_the_banner_shows_every_example():
    banner = _banner()
    for info in SERVICES.values():
        if info.example:
            assert info.local_root() + info.example in banner


def test_zgw_run_wires_listeners_to_the_kanalen_they_listen_to():
    environments = run_environments({})
    for listener in SERVICES.values():
        for publisher in SERVICES.values():
            kanalen = set(publisher.kanalen) & set(listener.listens_to)
            targets = environments[publisher.name].get("ZGW_NOTIFICATION_TARGETS", '{"targets": []}')
            assert (f'"url": "{listener.local_root()}/callbacks"' in targets) == bool(kanalen)
        for setting, value in listener.run_defaults:
            assert environments[listener.name][setting] == value
            assert run_environments({setting: "other"})[listener.name][setting] == "other"


def test_service_settings_are_known_by_their_prefix():
    assert {"ZGW_", "DEMO_", "CATALOGI_", "ZAKEN_"} <= set(SETTING_PREFIXES)
    environment = {"PATH": "/usr/bin", "ZAKEN_SECRET": "s", "ZGW_ENVIRONMENT": "production", "TEST_DATABASE_URL": "x"}
    assert without_service_settings(environment) == {"PATH": "/usr/bin", "TEST_DATABASE_URL": "x"}


def test_the_compose_fields_name_settings_the_service_has():
    """`calls_peers`: exactly the services whose settings have the client they call others with;
    `data_dir_setting`: one of its settings."""
    for name, info in SERVICES.items():
        settings = getattr(import_module(f"services.{name}.settings"), f"{name}_settings")()
        fields = type(settings).model_fields
        assert info.calls_peers == ({"client_id", "secret"} <= set(fields)), name
        if info.data_dir_setting:
            assert info.data_dir_setting.lower() in fields, name
