"""Property-based run of the served contract against the running app: no 5xx, and every response
conforms to the schema it is documented with (status, content type, headers, body)."""

import pytest
import schemathesis
import yaml

from services.catalogi import API_ROOT
from shared.settings import PROJECT_ROOT
from tests.contract.properties import check_operation

# property-based (`make test-fast` leaves it out)
pytestmark = pytest.mark.schemathesis


_contract = yaml.safe_load((PROJECT_ROOT / "openapi" / "catalogi.yaml").read_text())
OPERATIONS = [(path, method) for path, item in _contract["paths"].items() for method in item]


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_operation_conforms(catalogi_app, catalogi, path, method):
    schema = schemathesis.openapi.from_asgi(f"{API_ROOT}/openapi.json", catalogi_app)
    check_operation(schema[path][method])
