"""Property-based runs of the served Documenten contract and of the official one
(../shared/zgw-specs/documenten-1.5.0.yaml) against the running app: no 5xx, and every response
conforms to the schema it is documented with (status, content type, headers, body). A published informatieobjecttype and a document with content are seeded; half of the
generated cases are pointed at them (path uuids, the `informatieobjecttype` and
`informatieobject` body fields), so the operations get past "not found" into their validation and
their happy paths."""

import pytest
import yaml
from fastapi.testclient import TestClient

from services.documenten import API_ROOT
from shared.settings import PROJECT_ROOT
from tests.conftest import SHARED_DIR, requires_shared
from tests.contract.official import official_operations, official_schema
from tests.contract.properties import check_operation, served_schema
from tests.documenten.factories import create_document, published_iotype

# property-based (`make test-fast` leaves it out)
pytestmark = pytest.mark.schemathesis

_contract = yaml.safe_load((PROJECT_ROOT / "openapi" / "documenten.yaml").read_text())
OPERATIONS = [(path, method) for path, item in _contract["paths"].items() for method in item if method != "parameters"]
OFFICIAL, OFFICIAL_OPERATIONS = official_operations(SHARED_DIR / "zgw-specs" / "documenten-1.5.0.yaml")


def point_at_seeds(case, seeds: dict) -> None:
    """Make a generated case name the seeded objects (its values stay valid for the schema)."""
    params = case.path_parameters
    if params is not None:
        for name in ("uuid", "enkelvoudiginformatieobject_uuid"):
            if name in params:
                params[name] = seeds["document"]["url"].rsplit("/", 1)[-1]
    if isinstance(case.body, dict):
        if "informatieobjecttype" in case.body:
            case.body["informatieobjecttype"] = seeds["iotype"]["url"]
        if "informatieobject" in case.body:
            case.body["informatieobject"] = seeds["document"]["url"]


def conforms(operation, documenten, catalogi) -> None:
    iotype = published_iotype(catalogi)
    seeds = {"iotype": iotype, "document": create_document(documenten, iotype["url"])}
    check_operation(operation, lambda case: point_at_seeds(case, seeds))


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_operation_conforms(documenten_app, documenten, catalogi, path, method):
    # optional URLs (`link`) are "" when absent, as in the Zaken API
    conforms(served_schema(documenten_app, API_ROOT)[path][method], documenten, catalogi)


@requires_shared("zgw-specs/documenten-1.5.0.yaml")
@pytest.mark.parametrize(("path", "method"), OFFICIAL_OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OFFICIAL_OPERATIONS])
def test_operation_conforms_to_the_official_contract(documenten_app, documenten, catalogi, path, method):
    with TestClient(documenten_app):
        operation = official_schema(documenten_app, OFFICIAL, API_ROOT)[path][method]
    conforms(operation, documenten, catalogi)
