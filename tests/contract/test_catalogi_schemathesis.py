"""Property-based run of the served contract against the running app: no 5xx, and every response
conforms to the schema it is documented with (status, content type, headers, body)."""

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from services.catalogi import API_ROOT
from shared.settings import PROJECT_ROOT
from tests.conftest import auth_header

# property-based (`make test-fast` leaves it out)
pytestmark = pytest.mark.schemathesis

CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
)
MAX_EXAMPLES = 30

_contract = yaml.safe_load((PROJECT_ROOT / "openapi" / "catalogi.yaml").read_text())
OPERATIONS = [(path, method) for path, item in _contract["paths"].items() for method in item]


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_operation_conforms(catalogi_app, catalogi, path, method):
    schema = schemathesis.openapi.from_asgi(f"{API_ROOT}/openapi.json", catalogi_app)
    operation = schema[path][method]
    headers = auth_header("alles")

    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
    def run(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)

    run()
