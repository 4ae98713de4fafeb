"""A property-based run of one operation of a contract against the running app (schemathesis):
no 5xx, and every response conforms to the schema it is documented with (status, content type,
headers, body). Each service's test seeds its objects and says how a case is pointed at them."""

from collections.abc import Callable
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import auth_header

CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
)
MAX_EXAMPLES = 30
# the string formats an absent optional value is "" in (blank_formats_allowed)
BLANK_FORMATS = ("uri", "email")


def check_operation(operation, point_at_seeds: Callable[[Any], None] | None = None, client: str = "alles") -> None:
    """MAX_EXAMPLES generated cases of `operation`, called as `client`, each response held to
    CHECKS. With `point_at_seeds`, half of the cases are first pointed at the seeded objects, so
    they get past "not found" into their validation and their happy paths."""
    headers = auth_header(client)

    @given(case=operation.as_strategy(), seeded=st.booleans())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
    def run(case, seeded):
        if seeded and point_at_seeds is not None:
            point_at_seeds(case)
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)

    run()


def blank_formats_allowed(node):
    """The contract with an empty string allowed wherever a `format: uri` or `format: email` string is.

    The official spec types an optional URL or e-mail address as a formatted `string` (not
    nullable), and the reference implementation answers `""` when it is absent (e.g.
    `rol.betrokkene`, `zaak.communicatiekanaal`, `rol.contactpersoonRol.emailadres`); so do we. A
    strict format check would call every such response invalid, so here `""` is accepted too;
    anything else that is not a URI or an address still fails. (Our response schemas list every
    property as required, so "optional" cannot be told apart.)"""
    if isinstance(node, list):
        return [blank_formats_allowed(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: blank_formats_allowed(value) for key, value in node.items()}
    if isinstance(node.get("properties"), dict):
        node["properties"] = {
            name: {"anyOf": [prop, {"type": "string", "maxLength": 0}]}
            if isinstance(prop, dict) and prop.get("format") in BLANK_FORMATS and prop.get("type") == "string"
            else prop
            for name, prop in node["properties"].items()
        }
    return node


def served_schema(app, api_root: str):
    """What the app serves at openapi.json, with blank optional URIs and addresses allowed (above)."""
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        raw = client.get(f"{api_root}/openapi.json").json()
    schema = schemathesis.openapi.from_dict(blank_formats_allowed(raw))
    schema.app = app
    schema.location = f"{api_root}/openapi.json"
    return schema
