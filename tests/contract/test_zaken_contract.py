import pytest
import yaml

from shared.settings import PROJECT_ROOT
from tests.conftest import SHARED_DIR, requires_shared
from tests.contract.compare import compare, without_external_refs

OFFICIAL = SHARED_DIR / "zgw-specs" / "zaken-1.5.1.yaml"

# Deliberate differences from the published 1.5.1 spec, each with the reason. A problem is
# excused when it starts with one of these keys.
KNOWN_DIFFERENCES = {
    # The official GeoJSONGeometry is a oneOf of Point, Polygon, ... each of which requires `type`;
    # the comparator merges only oneOfs of enums, so it sees no `required` there. Ours requires
    # `type` as every GeoJSON geometry does (RFC 7946).
    "POST /zaken body.zaakgeometrie: requires ['type']": "every GeoJSON geometry requires type (oneOf not merged)",
    "PUT /zaken/{uuid} body.zaakgeometrie: requires ['type']": "every GeoJSON geometry requires type (oneOf not merged)",
    "PATCH /zaken/{uuid} body.zaakgeometrie: requires ['type']": "every GeoJSON geometry requires type (oneOf not merged)",
    "POST /zaken/_zoek body.zaakgeometrie.within: requires ['type']": "every GeoJSON geometry requires type (oneOf not merged)",
    # `_expand` holds each expanded resource in its own representation (services/zaken/embedded.py
    # names the properties); the official recursive *Embedded/*Expanded schema graph is not repeated
    # inside it, since the embedded objects are exactly those of the resources' own operations.
    **dict.fromkeys(
        (
            "GET /rollen 200.results[]._expand",
            "GET /rollen/{uuid} 200._expand",
            "POST /rollen 201._expand",
            "GET /zaken 200.results[]._expand",
            "GET /zaken/{uuid} 200._expand",
            "POST /zaken/_zoek 200.results[]._expand",
        ),
        "_expand objects are the resources' own representations, not re-described",
    ),
    # the official Rol and ZaakObject schemas (shared by request and response) list `_expand`
    # without readOnly; it is output only, a request's `_expand` is ignored
    "POST /rollen body: missing property '_expand'": "_expand is output only",
    "POST /zaakobjecten body: missing property '_expand'": "_expand is output only",
    "PUT /zaakobjecten/{uuid} body: missing property '_expand'": "_expand is output only",
}


def _ours() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "openapi" / "zaken.yaml").read_text())


@requires_shared("zgw-specs/zaken-1.5.1.yaml")
def test_zaken_contract_matches_official_spec():
    official = without_external_refs(yaml.safe_load(OFFICIAL.read_text()))
    problems = compare(official, _ours(), known_differences=KNOWN_DIFFERENCES)
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(problems)


@requires_shared("zgw-specs/zaken-1.5.1.yaml")
def test_every_known_difference_still_occurs():
    """A KNOWN_DIFFERENCES entry that no longer matches anything is stale: remove it."""
    official = without_external_refs(yaml.safe_load(OFFICIAL.read_text()))
    problems = compare(official, _ours(), known_differences={})
    stale = [known for known in KNOWN_DIFFERENCES if not any(p.startswith(known) for p in problems)]
    assert not stale, stale


@pytest.mark.parametrize(
    "name",
    [
        "Zaak",
        "Status",
        "Resultaat",
        "Rol",
        "ZaakObject",
        "ZaakEigenschap",
        "ZaakInformatieObject",
        "KlantContact",
        "ZaakBesluit",
        "ZaakContactMoment",
        "ZaakVerzoek",
        "AuditTrail",
    ],
)
@requires_shared("zgw-specs/zaken-1.5.1.yaml")
def test_response_schema_names_match(name):
    assert name in _ours()["components"]["schemas"]


@requires_shared("zgw-specs/zaken-1.5.1.yaml")
def test_every_official_operation_is_served():
    """The operations themselves, apart from their details: the first thing to get right."""
    official = yaml.safe_load(OFFICIAL.read_text())
    ours = _ours()
    methods = ("get", "post", "put", "patch", "delete", "head")

    def operations(spec: dict) -> set[tuple[str, str, str | None]]:
        return {
            (method.upper(), path, item[method].get("operationId"))
            for path, item in spec["paths"].items()
            for method in methods
            if method in item
        }

    missing = operations(official) - operations(ours)
    assert not missing, sorted(missing)
