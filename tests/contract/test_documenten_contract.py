"""The Documenten API serves exactly the operations of documenten-1.5.0.yaml: every path, method
and operationId of the published spec, and nothing besides."""

from importlib import import_module

import yaml

from services.registry import SERVICES
from tests.conftest import SHARED_DIR, requires_shared

OFFICIAL = SHARED_DIR / "zgw-specs" / "documenten-1.5.0.yaml"
METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def operations(spec: dict) -> set[tuple[str, str, str]]:
    return {
        (path, method.upper(), operation["operationId"])
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def served() -> dict:
    module, func = SERVICES["documenten"].app_factory.split(":")
    return getattr(import_module(module), func)().openapi()


@requires_shared("zgw-specs/documenten-1.5.0.yaml")
def test_every_operation_of_the_spec_is_served_and_nothing_else():
    official = operations(yaml.safe_load(OFFICIAL.read_text()))
    ours = operations(served())
    assert sorted(official - ours) == [], "not served"
    assert sorted(ours - official) == [], "not in the spec"
