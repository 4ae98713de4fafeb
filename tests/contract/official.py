"""The official contract of an API (../shared/zgw-specs) as a schemathesis schema for a property-based
run against our app: with the omissions the reference implementation (and VNG's suite) rely on
allowed, each said below."""

import copy
from pathlib import Path

import schemathesis
import yaml

from tests.contract.properties import blank_formats_allowed


def official_operations(spec_file: Path) -> tuple[dict, list[tuple[str, str]]]:
    """The spec (empty when ../shared is absent: the tests skip then) and its (path, method) pairs."""
    spec = yaml.safe_load(spec_file.read_text()) if spec_file.exists() else {"paths": {}}
    return spec, [(path, method) for path, item in spec["paths"].items() for method in item if method != "parameters"]


def blank_choices_allowed(node):
    """The contract with `""` allowed in every string enum and read-only string: the official spec
    lists the choices of an optional field (`vervalreden`) without the empty string, and gives its
    read-only display (`vervalredenWeergave`) minLength 1, while the reference implementation (and
    so this API) answers `""` for both when it is not set."""
    if isinstance(node, list):
        return [blank_choices_allowed(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: blank_choices_allowed(value) for key, value in node.items()}
    if node.get("type") == "string" and isinstance(node.get("enum"), list) and "" not in node["enum"]:
        node["enum"] = [*node["enum"], ""]
    if node.get("type") == "string" and node.get("readOnly") and node.get("minLength"):
        node = {key: value for key, value in node.items() if key != "minLength"}
    return node


def as_the_reference_answers(spec: dict) -> dict:
    """Omissions of the published specs that the reference implementations (and the suites) rely on:
    - a GET or HEAD answers 404 for an unknown object, a page beyond the last (a `_zoek` too) or the
      audit trail of an unknown besluit (brc-008b asks it);
    - a GET answers 400 `ValidatieFout` for a query parameter it cannot take (a detail's `expand`,
      `versie`, `registratieOp`), as DRF's filter validation does;
    - a GET or HEAD that takes `If-None-Match` answers 304 when it matches (`*` does), which the
      Documenten spec leaves out where the Zaken spec has it;
    - an audit record's `wijzigingen.oud` (create) or `nieuw` (destroy) is null."""
    fout = {"description": "Not found", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Fout"}}}}
    validatie = {
        "description": "Bad request",
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ValidatieFout"}}},
    }
    for path, item in spec["paths"].items():
        for method in ("get", "head"):
            if method in item:
                item[method]["responses"].setdefault("404", fout)
                if any(parameter.get("name") == "If-None-Match" for parameter in item[method].get("parameters", [])):
                    item[method]["responses"].setdefault("304", {"description": "Not modified"})
        if path.endswith("/_zoek"):
            item["post"]["responses"].setdefault("404", fout)
        if "get" in item and any(parameter.get("in") == "query" for parameter in item["get"].get("parameters", [])):
            item["get"]["responses"].setdefault("400", validatie)
    for name in ("oud", "nieuw"):
        spec["components"]["schemas"]["Wijzigingen"]["properties"][name]["nullable"] = True
    return spec


def official_schema(app, spec: dict, api_root: str):
    """The official spec, served under our API root, as the reference answers (above), with blank
    optional URIs and choices allowed."""
    official = copy.deepcopy({**spec, "servers": [{"url": api_root}]})
    spec = blank_choices_allowed(blank_formats_allowed(as_the_reference_answers(official)))
    schema = schemathesis.openapi.from_dict(spec)
    schema.app = app
    return schema
