"""Property-based run of the served Zaken contract against the running app: no 5xx, and every
response conforms to the schema it is documented with (status, content type, headers, body).

The Zaken app reads its zaaktypen from the in-process Catalogi app. Before each operation a
published zaaktype and a zaak with a status, resultaat, rol, zaakobject, zaakeigenschap and
klantcontact are seeded; half of the generated cases are then pointed at those objects (path
uuids, and URL fields such as `zaak` or `statustype` in the body), so the operations get past
"not found" into their validation and their happy paths."""

import pytest
import yaml

from services.zaken import API_ROOT
from shared.settings import PROJECT_ROOT
from tests.contract.properties import check_operation, served_schema
from tests.zaken.factories import create_status, create_zaak, published_zaaktype

# property-based (`make test-fast` leaves it out)
pytestmark = pytest.mark.schemathesis

CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}

_contract = yaml.safe_load((PROJECT_ROOT / "openapi" / "zaken.yaml").read_text())
OPERATIONS = [(path, method) for path, item in _contract["paths"].items() for method in item if method != "parameters"]

# The collection of a `{uuid}` path, to find the seeded object it should name.
COLLECTIONS = {
    "/zaken/{uuid}": "zaak",
    "/statussen/{uuid}": "status",
    "/resultaten/{uuid}": "resultaat",
    "/rollen/{uuid}": "rol",
    "/zaakobjecten/{uuid}": "zaakobject",
    "/klantcontacten/{uuid}": "klantcontact",
    "/zaken/{zaak_uuid}/zaakeigenschappen/{uuid}": "zaakeigenschap",
    "/zaken/{zaak_uuid}/audittrail/{uuid}": "audittrail",
}


def _created(response, what: str, seeds: dict, key: str) -> None:
    """Keep a seeded object; a create that fails is reported by that resource's own tests, here
    the operations then simply run without it."""
    if response.status_code == 201:
        seeds[key] = response.json()
    else:
        seeds.setdefault("not seeded", []).append(f"{what}: {response.status_code} {response.text[:300]}")


def seed(zaken, catalogi) -> dict:
    """A published zaaktype and one object of every resource that can be made without other APIs."""
    zaaktype = published_zaaktype(catalogi, identificatie="ZT-SCHEMATHESIS")
    zaak = create_zaak(zaken, zaaktype.url)
    seeds: dict = {"zaaktype": zaaktype, "zaak": zaak}
    seeds["status"] = create_status(zaken, zaak["url"], zaaktype.statustypen[0])
    if zaaktype.resultaattypen:
        _created(
            zaken.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattypen[0]}),
            "resultaat",
            seeds,
            "resultaat",
        )
    rol = {
        "zaak": zaak["url"],
        "betrokkeneType": "natuurlijk_persoon",
        "roltype": zaaktype.roltypen["initiator"],
        "roltoelichting": "De aanvrager",
        "betrokkeneIdentificatie": {"inpBsn": "111222333", "geslachtsnaam": "Jansen"},
    }
    _created(zaken.post("/rollen", json=rol), "rol", seeds, "rol")
    zaakobject = {
        "zaak": zaak["url"],
        "objectType": "overige",
        "objectTypeOverige": "fiets",
        "objectIdentificatie": {"overigeData": {"framenummer": "F-123"}},
    }
    _created(zaken.post("/zaakobjecten", json=zaakobject), "zaakobject", seeds, "zaakobject")
    eigenschap = {"zaak": zaak["url"], "eigenschap": zaaktype.eigenschappen["kenteken"], "waarde": "AB-12-CD"}
    _created(zaken.post(f"/zaken/{zaak['uuid']}/zaakeigenschappen", json=eigenschap), "zaakeigenschap", seeds, "zaakeigenschap")
    klantcontact = {"zaak": zaak["url"], "datumtijd": "2026-01-06T10:00:00Z", "kanaal": "telefoon", "onderwerp": "Vraag"}
    _created(zaken.post("/klantcontacten", json=klantcontact), "klantcontact", seeds, "klantcontact")
    trail = zaken.get(f"/zaken/{zaak['uuid']}/audittrail")
    if trail.status_code == 200 and trail.json():
        seeds["audittrail"] = trail.json()[0]
    return seeds


def _body_urls(seeds: dict) -> dict[str, str]:
    """Body fields that hold a URL, and the seeded object's URL to put there."""
    zaaktype = seeds["zaaktype"]
    urls = {
        "zaak": seeds["zaak"]["url"],
        "zaaktype": zaaktype.url,
        "statustype": zaaktype.statustypen[0],
        "roltype": zaaktype.roltypen["behandelaar"],
        "eigenschap": zaaktype.eigenschappen["datum"],
    }
    if zaaktype.resultaattypen:
        urls["resultaattype"] = zaaktype.resultaattypen[0]
    if zaaktype.zaakobjecttypen:
        urls["zaakobjecttype"] = zaaktype.zaakobjecttypen[0]
    if "status" in seeds:
        urls["status"] = seeds["status"]["url"]
    if "rol" in seeds:
        urls["gezetdoor"] = seeds["rol"]["url"]
    return urls


def point_at_seeds(case, path: str, seeds: dict) -> None:
    """Make a generated case name the seeded objects (its values stay valid for the schema)."""
    params = case.path_parameters
    if params is not None:
        if "zaak_uuid" in params:
            params["zaak_uuid"] = seeds["zaak"]["uuid"]
        collection = COLLECTIONS.get(path)
        if "uuid" in params and collection in seeds:
            params["uuid"] = seeds[collection]["uuid"]
    if isinstance(case.body, dict):
        for name, url in _body_urls(seeds).items():
            if name in case.body:
                case.body[name] = url
    case.headers = {**(case.headers or {}), **CRS}


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_operation_conforms(zaken_app, zaken, catalogi, path, method):
    seeds = seed(zaken, catalogi)
    check_operation(served_schema(zaken_app, API_ROOT)[path][method], lambda case: point_at_seeds(case, path, seeds))


def test_every_resource_could_be_seeded(zaken, catalogi):
    """The seeds exist, so the operations above really reach their happy paths."""
    seeds = seed(zaken, catalogi)
    assert "not seeded" not in seeds, seeds["not seeded"]
