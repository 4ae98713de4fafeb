"""openapi/ holds what each service serves; `make openapi` regenerates it."""

from importlib import import_module

import pytest
import yaml

from services.registry import SERVICES
from shared.openapi import to_yaml
from shared.settings import PROJECT_ROOT


@pytest.mark.parametrize("service", list(SERVICES))
def test_committed_contract_is_current(service):
    module, func = SERVICES[service].app_factory.split(":")
    served = to_yaml(getattr(import_module(module), func)().openapi())
    committed = (PROJECT_ROOT / "openapi" / f"{service}.yaml").read_text()
    assert committed == served, f"openapi/{service}.yaml is stale: run `make openapi`"


@pytest.mark.parametrize("service", list(SERVICES))
def test_contract_is_openapi_30(service):
    spec = yaml.safe_load((PROJECT_ROOT / "openapi" / f"{service}.yaml").read_text())
    assert spec["openapi"].startswith("3.0")
    assert spec["servers"] == [{"url": SERVICES[service].api_root}]
    text = yaml.safe_dump(spec)
    assert "anyOf" not in text or "type: 'null'" not in text
