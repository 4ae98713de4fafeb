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


def test_the_served_document_is_built_once_however_many_ask_at_once(monkeypatch):
    """A client that gives up waiting and asks again (a readiness poll with a time-out) must not
    start a second build of the document on a busy worker."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from fastapi.testclient import TestClient

    from shared import app as shared_app

    builds = []
    all_asked = threading.Barrier(4)

    def slow_to_yaml(spec):
        builds.append(1)
        time.sleep(0.3)
        return to_yaml(spec)

    monkeypatch.setattr(shared_app, "to_yaml", slow_to_yaml)
    module, func = SERVICES["catalogi"].app_factory.split(":")
    client = TestClient(getattr(import_module(module), func)())

    def ask(_):
        all_asked.wait()
        return client.get(f"{SERVICES['catalogi'].api_root}/openapi.yaml")

    with ThreadPoolExecutor(4) as pool:
        responses = list(pool.map(ask, range(4)))
    assert [r.status_code for r in responses] == [200] * 4
    assert len({r.content for r in responses}) == 1
    assert len(builds) == 1
