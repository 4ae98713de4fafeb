import yaml

from shared.settings import PROJECT_ROOT
from tests.conftest import SHARED_DIR, requires_shared
from tests.contract.compare import compare

OFFICIAL = SHARED_DIR / "zgw-specs" / "autorisaties-1.0.0.yaml"

# Where the published 1.0.0 spec contradicts the reference implementation, we follow the latter;
# each difference is named here with the reason.
KNOWN_DIFFERENCES = {
    # the spec (a drf-yasg artefact of a list route) documents an array; the reference
    # implementation answers the one applicatie of the clientId (its `retrieve`), or 404 - and so
    # do Open Zaak and every consumer of the API (vng-api-common, zgw-consumers)
    "GET /applicaties/consumer 200: type 'object', official 'array'": "RI answers one object",
}


@requires_shared("zgw-specs/autorisaties-1.0.0.yaml")
def test_autorisaties_contract_matches_official_spec():
    official = yaml.safe_load(OFFICIAL.read_text())
    ours = yaml.safe_load((PROJECT_ROOT / "openapi" / "autorisaties.yaml").read_text())
    problems = compare(official, ours, known_differences=KNOWN_DIFFERENCES)
    assert not problems, "\n".join(problems)


@requires_shared("zgw-specs/autorisaties-1.0.0.yaml")
def test_operation_ids_are_the_specs():
    official = yaml.safe_load(OFFICIAL.read_text())
    ours = yaml.safe_load((PROJECT_ROOT / "openapi" / "autorisaties.yaml").read_text())

    def ids(spec):
        return {
            op["operationId"] for item in spec["paths"].values() for key, op in item.items() if isinstance(op, dict) and "operationId" in op
        }

    assert ids(ours) == ids(official)
