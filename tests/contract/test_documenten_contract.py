"""The Documenten API serves exactly the operations of documenten-1.5.0.yaml: every path, method
and operationId of the published spec, and nothing besides; the resources on one informatieobject
(gebruiksrechten, verzendingen) match its parameters and schemas too."""

from importlib import import_module

import yaml

from services.registry import SERVICES
from tests.conftest import SHARED_DIR, requires_shared
from tests.contract.compare import compare, without_external_refs

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


@requires_shared("zgw-specs/documenten-1.5.0.yaml")
def test_gebruiksrechten_and_verzendingen_match_the_spec():
    """Parameters, request and response properties, required flags and enums (compare.py)."""
    official = without_external_refs(yaml.safe_load(OFFICIAL.read_text()))
    problems = compare(official, served(), known_differences={})
    assert [p for p in problems if p.split(" ")[1].startswith(("/gebruiksrechten", "/verzendingen"))] == []
