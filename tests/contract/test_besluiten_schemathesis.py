"""Property-based run of the official Besluiten API 1.0.2 contract (../shared/zgw-specs) against
the running app: no 5xx, and every response conforms to the schema the official spec documents it
with (status, content type, headers, body).

The Besluiten app reads the in-process Catalogi, Documenten and Zaken apps. Before each operation a
published besluittype, a besluit and a besluitinformatieobject are seeded; half of the generated
cases are pointed at those objects (path uuids, and URL fields such as `besluittype` or `besluit` in
the body), so the operations get past "not found" into their validation and their happy paths."""

import pytest
from fastapi.testclient import TestClient

from services.besluiten import API_ROOT
from tests.besluiten.factories import create_besluit, published_besluittype
from tests.conftest import SHARED_DIR, requires_shared
from tests.contract.official import official_operations, official_schema
from tests.contract.properties import check_operation
from tests.documenten.factories import create_document

# property-based (`make test-fast` leaves it out)
pytestmark = [pytest.mark.schemathesis, requires_shared("zgw-specs/besluiten-1.0.2.yaml")]

OFFICIAL, OPERATIONS = official_operations(SHARED_DIR / "zgw-specs" / "besluiten-1.0.2.yaml")

# The collection of a `{uuid}` path, to find the seeded object it should name.
COLLECTIONS = {
    "/besluiten/{uuid}": "besluit",
    "/besluitinformatieobjecten/{uuid}": "besluitinformatieobject",
    "/besluiten/{besluit_uuid}/audittrail/{uuid}": "audittrail",
}


def seed(besluiten, catalogi, documenten) -> dict:
    besluittype = published_besluittype(catalogi)
    besluit = create_besluit(besluiten, besluittype["url"])
    document = create_document(documenten, besluittype["informatieobjecttypen"][0])
    response = besluiten.post("/besluitinformatieobjecten", json={"besluit": besluit["url"], "informatieobject": document["url"]})
    assert response.status_code == 201, response.text
    trail = besluiten.get(f"{besluit['url']}/audittrail").json()
    return {
        "besluittype": besluittype,
        "besluit": {**besluit, "uuid": besluit["url"].rsplit("/", 1)[1]},
        "document": document,
        "besluitinformatieobject": {**response.json(), "uuid": response.json()["url"].rsplit("/", 1)[1]},
        "audittrail": trail[0],
    }


def point_at_seeds(case, path: str, seeds: dict) -> None:
    """Make a generated case name the seeded objects (its values stay valid for the schema)."""
    params = case.path_parameters
    if params is not None:
        if "besluit_uuid" in params:
            params["besluit_uuid"] = seeds["besluit"]["uuid"]
        collection = COLLECTIONS.get(path)
        if "uuid" in params and collection in seeds:
            params["uuid"] = seeds[collection]["uuid"]
    if isinstance(case.body, dict):
        urls = {
            "besluittype": seeds["besluittype"]["url"],
            "besluit": seeds["besluit"]["url"],
            "informatieobject": seeds["document"]["url"],
        }
        for name, url in urls.items():
            if name in case.body:
                case.body[name] = url


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_operation_conforms(besluiten_app, linked_besluiten, catalogi, documenten, path, method):
    seeds = seed(linked_besluiten, catalogi, documenten)
    with TestClient(besluiten_app):
        operation = official_schema(besluiten_app, OFFICIAL, API_ROOT)[path][method]
    check_operation(operation, lambda case: point_at_seeds(case, path, seeds))
