"""bench/generate.py: the generated zaken read back through the Zaken API as if the API had made
them, and a zaak replayed through the API ends up in the same rows as its generated twin."""

import datetime as dt
import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Text, cast, select

from bench.generate import Options, generate
from services.catalogi.app import create_app as create_catalogi_app
from services.catalogi.settings import CatalogiSettings
from services.zaken import API_ROOT
from services.zaken.app import create_app as create_zaken_app
from services.zaken.resultaat.models import Resultaat
from services.zaken.rol.models import Rol
from services.zaken.settings import ZakenSettings
from services.zaken.status.models import Status
from services.zaken.zaak.identificatie import NUMBERING
from services.zaken.zaak.models import IdentificatieTeller, Zaak
from services.zaken.zaak.schemas import Zaak as ZaakSchema
from services.zaken.zaak.service import derive_planned_dates
from shared.auth import VERTROUWELIJKHEID_RANK
from tests.conftest import DB_BACKENDS, SECRET, migrated_database
from tests.standins.inprocess import AppTransport
from tests.zaken_fixtures import ZakenClient

ZAKEN = 30


@pytest.fixture(scope="module", params=DB_BACKENDS)
def generated(request, kernel, tmp_path_factory):
    catalogi_url, catalogi_cleanup = migrated_database("catalogi", request.param, tmp_path_factory)
    zaken_url, zaken_cleanup = migrated_database("zaken", request.param, tmp_path_factory)
    dataset_path = tmp_path_factory.mktemp("dataset") / "dataset.json"
    options = Options(
        zaken=ZAKEN,
        catalogi_url=catalogi_url,
        zaken_url=zaken_url,
        zaken_base_url="http://testserver",
        zaaktypen=3,
        bsns=12,
        seed=7,
        dataset=dataset_path,
        quiet=True,
    )
    summary = generate(options)
    catalogi_app = create_catalogi_app(CatalogiSettings(database_url=catalogi_url, selectielijst_validation=False), kernel)
    zaken_app = create_zaken_app(
        ZakenSettings(database_url=zaken_url, client_id="alles", secret=SECRET), kernel, remote_transport=AppTransport(catalogi_app)
    )
    with TestClient(zaken_app) as client:
        yield {
            "summary": summary,
            "dataset": json.loads(dataset_path.read_text()),
            "zaken": ZakenClient(client, API_ROOT),
            "engine": zaken_app.state.db.engine,
        }
    zaken_app.state.db.dispose()
    catalogi_app.state.db.dispose()
    zaken_cleanup()
    catalogi_cleanup()


def rows(engine, model, *where) -> list[dict]:
    """The rows as stored, JSON columns as their text (so SQL NULL and JSON null differ)."""
    columns = [cast(c, Text).label(c.key) if c.type.__class__.__name__ == "JSON" else c for c in model.__table__.columns]
    with engine.connect() as connection:
        return [
            dict(row._mapping) for row in connection.execute(select(*columns).where(*where).order_by(*model.__table__.primary_key.columns))
        ]


def the_closed_zaak(generated) -> dict:
    """A closed zaak of the sample with the most statussen."""
    engine = generated["engine"]
    closed = [z for z in generated["dataset"]["zaken"] if z["closed"]]
    assert closed, "the seed gives closed zaken"

    def statussen(entry):
        zaak_id = rows(engine, Zaak, Zaak.uuid == _uuid(entry))[0]["id"]
        return len(rows(engine, Status, Status.zaak_id == zaak_id))

    return max(closed, key=statussen)


def _uuid(entry: dict):
    import uuid

    return uuid.UUID(entry["uuid"])


def test_counts_and_spread(generated):
    summary, dataset = generated["summary"], generated["dataset"]
    assert summary["zaken"] == ZAKEN and summary["rollen"] == ZAKEN
    assert ZAKEN <= summary["statussen"] <= 3 * ZAKEN
    assert summary["resultaten"] == summary["closed"] and 0 < summary["closed"] < ZAKEN
    assert len(dataset["zaaktypen"]) == 3 and all(len(z["statustypen"]) == 4 for z in dataset["zaaktypen"])
    assert dataset["zaaktypen"][0]["url"].startswith("http://127.0.0.1:8001/catalogi/api/v1/zaaktypen/")
    assert len(dataset["zaken"]) == ZAKEN and dataset["bsns"]
    assert sum(summary["zakenPerYear"].values()) == ZAKEN


def test_the_zaken_api_lists_them(generated):
    zaken = generated["zaken"]
    response = zaken.get("/zaken")
    assert response.status_code == 200, response.text
    assert response.json()["count"] == ZAKEN
    # the counter rows: every identificatie of a year has a number up to its counter
    engine = generated["engine"]
    tellers = {row["jaar"]: row["laatste"] for row in rows(engine, IdentificatieTeller)}
    numbers = sorted(z["identificatie"] for z in rows(engine, Zaak))
    assert numbers == sorted(f"ZAAK-{jaar}-{n:010d}" for jaar, laatste in tellers.items() for n in range(1, laatste + 1))


def test_a_zaak_detail_and_its_parts(generated):
    zaken, engine = generated["zaken"], generated["engine"]
    entry = the_closed_zaak(generated)
    response = zaken.get(entry["url"])
    assert response.status_code == 200, response.text
    zaak = response.json()
    ZaakSchema.model_validate(zaak)
    assert zaak["url"] == entry["url"] and zaak["zaaktype"] == entry["zaaktype"]
    zaaktype = next(z for z in generated["dataset"]["zaaktypen"] if z["url"] == entry["zaaktype"])
    assert zaak["vertrouwelijkheidaanduiding"] == zaaktype["vertrouwelijkheidaanduiding"]
    stored = rows(engine, Zaak, Zaak.uuid == _uuid(entry))[0]
    assert stored["vertrouwelijkheid_rank"] == VERTROUWELIJKHEID_RANK[zaak["vertrouwelijkheidaanduiding"]]

    statussen = zaken.get("/statussen", params={"zaak": entry["url"]}).json()["results"]
    assert 1 <= len(statussen) <= 3
    latest = max(statussen, key=lambda s: s["datumStatusGezet"])
    assert zaak["status"] == latest["url"] and latest["statustype"] == zaaktype["statustypen"][-1]  # closed: the eindstatus last
    assert [s["indicatieLaatstGezetteStatus"] for s in statussen] == [s is latest for s in statussen]
    assert zaak["einddatum"] == latest["datumStatusGezet"][:10]
    resultaten = zaken.get("/resultaten", params={"zaak": entry["url"]}).json()["results"]
    assert [r["url"] for r in resultaten] == [zaak["resultaat"]] and resultaten[0]["resultaattype"] in zaaktype["resultaattypen"]
    assert zaak["archiefnominatie"] in ("vernietigen", "blijvend_bewaren") and zaak["archiefactiedatum"] > zaak["einddatum"]
    rollen = zaken.get("/rollen", params={"zaak": entry["url"]}).json()["results"]
    assert len(rollen) == 1 and zaak["rollen"] == [rollen[0]["url"]]
    rol = rollen[0]
    assert (rol["omschrijvingGeneriek"], rol["betrokkeneType"]) == ("initiator", "natuurlijk_persoon")
    assert rol["betrokkeneIdentificatie"]["inpBsn"] == entry["bsn"] and rol["roltype"] == zaaktype["roltypen"]["initiator"]


def test_the_citizen_query_finds_them(generated):
    zaken, engine = generated["zaken"], generated["engine"]
    for bsn in generated["dataset"]["bsns"][:3]:
        expected = {str(z["uuid"]) for z in rows(engine, Zaak, Zaak.id.in_(select(Rol.zaak_id).where(Rol.inp_bsn == bsn)))}
        response = zaken.get("/zaken", params={"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": bsn})
        assert response.status_code == 200, response.text
        assert {z["uuid"] for z in response.json()["results"]} == expected and expected


def test_a_replayed_zaak_equals_its_generated_twin(generated):
    """The same requests through the API: the same rows, column by column (less ids, uuids, the
    generated identificatie and the rol's registratiedatum, which the API takes from the clock),
    and the next identificatie of the year."""
    zaken, engine = generated["zaken"], generated["engine"]
    entry = the_closed_zaak(generated)
    twin = rows(engine, Zaak, Zaak.uuid == _uuid(entry))[0]
    twin_rol = rows(engine, Rol, Rol.zaak_id == twin["id"])[0]
    twin_statussen = rows(engine, Status, Status.zaak_id == twin["id"])
    twin_resultaat = rows(engine, Resultaat, Resultaat.zaak_id == twin["id"])[0]
    year = twin["registratiedatum"].year
    teller = rows(engine, IdentificatieTeller, IdentificatieTeller.jaar == year)[0]["laatste"]
    NUMBERING.forget()  # a block an earlier create took would hand out its own next number

    body = {
        "zaaktype": twin["zaaktype"],
        "bronorganisatie": twin["bronorganisatie"],
        "verantwoordelijkeOrganisatie": twin["verantwoordelijke_organisatie"],
        "omschrijving": twin["omschrijving"],
        "startdatum": twin["startdatum"].isoformat(),
        "registratiedatum": twin["registratiedatum"].isoformat(),
    }
    response = zaken.post("/zaken", json=body)
    assert response.status_code == 201, response.text
    zaak = response.json()
    assert zaak["identificatie"] == f"ZAAK-{year}-{teller + 1:010d}"
    rol = {
        "zaak": zaak["url"],
        "betrokkeneType": "natuurlijk_persoon",
        "roltype": twin_rol["roltype"],
        "roltoelichting": twin_rol["roltoelichting"],
        "betrokkeneIdentificatie": {"inpBsn": twin_rol["inp_bsn"]},
    }
    assert zaken.post("/rollen", json=rol).status_code == 201
    for index, status in enumerate(twin_statussen):
        if index == len(twin_statussen) - 1:  # the eindstatus needs the resultaat first
            resultaat = {
                "zaak": zaak["url"],
                "resultaattype": twin_resultaat["resultaattype"],
                "toelichting": twin_resultaat["toelichting"],
            }
            assert zaken.post("/resultaten", json=resultaat).status_code == 201
        moment = status["datum_status_gezet"]
        moment = (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).isoformat()
        body = {
            "zaak": zaak["url"],
            "statustype": status["statustype"],
            "datumStatusGezet": moment,
            "statustoelichting": status["statustoelichting"],
        }
        response = zaken.post("/statussen", json=body)
        assert response.status_code == 201, response.text

    replay = rows(engine, Zaak, Zaak.uuid == _uuid(zaak))[0]
    skip = {"id", "uuid", "zaak_id", "identificatie"}
    assert {k: v for k, v in replay.items() if k not in skip} == {k: v for k, v in twin.items() if k not in skip}
    replay_rol = rows(engine, Rol, Rol.zaak_id == replay["id"])[0]
    skip_rol = skip | {"registratiedatum"}
    assert {k: v for k, v in replay_rol.items() if k not in skip_rol} == {k: v for k, v in twin_rol.items() if k not in skip_rol}
    replay_statussen = rows(engine, Status, Status.zaak_id == replay["id"])
    assert [{k: v for k, v in s.items() if k not in skip} for s in replay_statussen] == [
        {k: v for k, v in s.items() if k not in skip} for s in twin_statussen
    ]
    replay_resultaat = rows(engine, Resultaat, Resultaat.zaak_id == replay["id"])[0]
    assert {k: v for k, v in replay_resultaat.items() if k not in skip} == {k: v for k, v in twin_resultaat.items() if k not in skip}
    # the derived values are really there (not both empty)
    assert twin["einddatum"] and twin["archiefactiedatum"] and twin["uiterlijke_einddatum_afdoening"] and twin["zaaktype_catalogus"]
    assert twin["einddatum_gepland"] == derive_planned_dates(_Start(twin["startdatum"]), _zaaktype_of(zaken, twin["zaaktype"]), set()).get(
        "einddatum_gepland"
    )


class _Start:
    def __init__(self, startdatum):
        self.startdatum = startdatum


def _zaaktype_of(zaken, url: str) -> dict:
    """The zaaktype as the Zaken service reads it from the Catalogi app."""
    return zaken.client.app.state.catalogi.zaaktype(url)
