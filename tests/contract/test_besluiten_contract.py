import yaml

from shared.settings import PROJECT_ROOT
from tests.conftest import SHARED_DIR, requires_shared
from tests.contract.compare import compare

OFFICIAL = SHARED_DIR / "zgw-specs" / "besluiten-1.0.2.yaml"

# Deliberate differences from the published 1.0.2 spec, each with the reason. A problem is
# excused when it starts with one of these keys.
KNOWN_DIFFERENCES: dict[str, str] = {}


def _ours() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "openapi" / "besluiten.yaml").read_text())


def _ids(spec: dict) -> set[str]:
    return {op["operationId"] for item in spec["paths"].values() for op in item.values() if isinstance(op, dict) and "operationId" in op}


@requires_shared("zgw-specs/besluiten-1.0.2.yaml")
def test_besluiten_contract_matches_official_spec():
    problems = compare(yaml.safe_load(OFFICIAL.read_text()), _ours(), known_differences=KNOWN_DIFFERENCES)
    assert not problems, "\n".join(problems)


@requires_shared("zgw-specs/besluiten-1.0.2.yaml")
def test_every_official_operation_id_is_served():
    """Every operationId of 1.0.2 (`besluit_read`, `besluit_delete`, `audittrail_read`, ...); beyond
    them only HEAD of each detail and the besluitinformatieobject update the suite asks (brc-004)."""
    official, ours = _ids(yaml.safe_load(OFFICIAL.read_text())), _ids(_ours())
    assert official <= ours
    assert ours - official == {
        "besluit_headers",
        "besluitinformatieobject_headers",
        "besluitinformatieobject_update",
        "besluitinformatieobject_partial_update",
    }
