"""No two operations of a service match the same request, so the order in which its routers are
included (most requested first, for speed) changes nothing but the cost of matching. The one
exception is the standard's own: GET /applicaties/consumer beside GET /applicaties/{uuid}, both in
one router, the literal first."""

import re

import pytest
import yaml

from services.registry import SERVICES
from shared.settings import PROJECT_ROOT

SAMPLE = "00000000-0000-4000-8000-000000000000"


def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"(\{[^}]+\})", template)
    return re.compile("^" + "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts) + "$")


def overlaps(spec: dict) -> list[tuple[str, str, str]]:
    operations = [
        (method, template)
        for template, item in spec["paths"].items()
        for method in item
        if method in {"get", "head", "post", "put", "patch", "delete"}
    ]
    found = []
    for method, template in operations:
        sample = re.sub(r"\{[^}]+\}", SAMPLE, template)
        for other_method, other in operations:
            if other != template and other_method == method and _pattern(other).match(sample):
                found.append((method, template, other))
    return found


EXPECTED = {"autorisaties": [("get", "/applicaties/consumer", "/applicaties/{uuid}")]}


@pytest.mark.parametrize("service", list(SERVICES))
def test_no_two_operations_match_the_same_request(service):
    spec = yaml.safe_load((PROJECT_ROOT / "openapi" / f"{service}.yaml").read_text())  # what it serves (test_openapi_files)
    assert spec["paths"] and overlaps(spec) == EXPECTED.get(service, [])


def test_the_check_finds_an_overlap():
    spec = {"paths": {"/zaken/{uuid}": {"get": {}, "put": {}}, "/zaken/_zoek": {"post": {}, "get": {}}, "/statussen": {"get": {}}}}
    assert overlaps(spec) == [("get", "/zaken/_zoek", "/zaken/{uuid}")]
