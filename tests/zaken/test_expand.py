"""Expand (zrc-025, zrc-026, zrc-027) on GET /zaken, GET /zaken/{uuid} and POST /zaken/_zoek.

Sub-resources are written straight into the database (`_insert`), so these tests depend only on
the sub-resources' representation (their GET), not on their create rules.
"""

import datetime as dt
import uuid as uuid_module

import pytest
from sqlalchemy import select

from services.zaken.zaak.models import Zaak
from tests.conftest import QueryCounter, assert_invalid
from tests.zaken.factories import create_zaak, published_zaaktype

NOW = dt.datetime(2026, 1, 6, 10, 0, tzinfo=dt.UTC)


# ---------------------------------------------------------------- helpers


def _uuid_of(url: str) -> uuid_module.UUID:
    return uuid_module.UUID(url.rstrip("/").rsplit("/", 1)[1])


def _zaak_id(zaken_app, zaak_url: str) -> int:
    with zaken_app.state.db.session() as session:
        return session.scalar(select(Zaak.id).where(Zaak.uuid == _uuid_of(zaak_url)))


def _insert(zaken_app, obj):
    """Writes one row; returns (uuid, id)."""
    with zaken_app.state.db.session() as session:
        session.add(obj)
        session.commit()
        return str(obj.uuid), obj.id


def add_status(zaken_app, zaak_url: str, statustype: str, *, moment: dt.datetime = NOW, gezetdoor_id: int | None = None) -> tuple[str, int]:
    from services.zaken.models import Status

    return _insert(
        zaken_app,
        Status(zaak_id=_zaak_id(zaken_app, zaak_url), statustype=statustype, datum_status_gezet=moment, gezetdoor_id=gezetdoor_id),
    )


def add_rol(zaken_app, zaak_url: str, roltype: str, omschrijving_generiek: str = "initiator") -> tuple[str, int]:
    from services.zaken.models import Rol

    rol = Rol(
        zaak_id=_zaak_id(zaken_app, zaak_url), betrokkene_type="natuurlijk_persoon", roltype=roltype, registratiedatum=NOW,
        omschrijving=omschrijving_generiek.capitalize(), omschrijving_generiek=omschrijving_generiek, roltoelichting="aanvrager",
        betrokkene="https://brp.example.org/p/1",
    )  # fmt: skip
    return _insert(zaken_app, rol)


def add_resultaat(zaken_app, zaak_url: str, resultaattype: str) -> tuple[str, int]:
    from services.zaken.models import Resultaat

    return _insert(zaken_app, Resultaat(zaak_id=_zaak_id(zaken_app, zaak_url), resultaattype=resultaattype))


def add_zaakobject(zaken_app, zaak_url: str, zaakobjecttype: str) -> tuple[str, int]:
    from services.zaken.models import ZaakObject

    return _insert(
        zaken_app,
        ZaakObject(
            zaak_id=_zaak_id(zaken_app, zaak_url),
            object="https://objects.example.org/1",
            object_type="adres",
            zaakobjecttype=zaakobjecttype,
        ),
    )


def add_zio(zaken_app, zaak_url: str, *, status_id: int | None = None) -> tuple[str, int]:
    from services.zaken.models import ZaakInformatieObject

    return _insert(
        zaken_app,
        ZaakInformatieObject(
            zaak_id=_zaak_id(zaken_app, zaak_url), informatieobject=f"https://drc.example.org/eio/{uuid_module.uuid4()}",
            registratiedatum=NOW, status_id=status_id,
        ),
    )  # fmt: skip


def add_eigenschap(zaken_app, zaak_url: str, eigenschap: str) -> tuple[str, int]:
    from services.zaken.models import ZaakEigenschap

    return _insert(
        zaken_app, ZaakEigenschap(zaak_id=_zaak_id(zaken_app, zaak_url), eigenschap=eigenschap, naam="kenteken", waarde="AB-12-CD")
    )


def expanded(zaken, zaak_url: str, expand: str) -> dict:
    response = zaken.get(zaak_url, params={"expand": expand})
    assert response.status_code == 200, response.text
    return response.json()["_expand"]


def get(api, url: str) -> dict:
    response = api.get(url)
    assert response.status_code == 200, response.text
    return response.json()


def without_expand(body: dict) -> dict:
    return {k: v for k, v in body.items() if k != "_expand"}


@pytest.fixture
def zaaktype(catalogi):
    return published_zaaktype(catalogi)


# ---------------------------------------------------------------- level 1


def test_zrc025_zaaktype_is_the_catalogi_representation(zaken, catalogi, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    listed = zaken.get("/zaken", params={"expand": "zaaktype"})
    assert listed.status_code == 200, listed.text
    result = listed.json()["results"][0]
    assert without_expand(result) == zaak
    assert result["_expand"]["zaaktype"] == get(catalogi, zaaktype.url)


def test_no_expand_no_expand_key(zaken, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    assert "_expand" not in zaken.get("/zaken").json()["results"][0]
    assert "_expand" not in zaken.get(zaak["url"]).json()


def test_hoofdzaak_and_deelzaken(zaken, zaaktype):
    hoofdzaak = create_zaak(zaken, zaaktype.url)
    deelzaak = create_zaak(zaken, zaaktype.url, hoofdzaak=hoofdzaak["url"])
    hoofdzaak = get(zaken, hoofdzaak["url"])
    assert expanded(zaken, deelzaak["url"], "hoofdzaak") == {"hoofdzaak": hoofdzaak}
    assert expanded(zaken, hoofdzaak["url"], "deelzaken") == {"deelzaken": [get(zaken, deelzaak["url"])]}


def test_null_single_link_is_an_empty_object_and_empty_list_an_empty_array(zaken, zaaktype):
    """EmptyObject for a null hoofdzaak/status/resultaat; [] for lists without items."""
    zaak = create_zaak(zaken, zaaktype.url)
    names = "hoofdzaak,status,resultaat,deelzaken,relevanteAndereZaken,rollen,eigenschappen,zaakobjecten,zaakinformatieobjecten"
    assert expanded(zaken, zaak["url"], names) == {
        "hoofdzaak": {},
        "status": {},
        "resultaat": {},
        "deelzaken": [],
        "relevanteAndereZaken": [],
        "rollen": [],
        "eigenschappen": [],
        "zaakobjecten": [],
        "zaakinformatieobjecten": [],
    }


def test_relevante_andere_zaken(zaken, zaaktype):
    other = create_zaak(zaken, zaaktype.url)
    zaak = create_zaak(zaken, zaaktype.url, relevanteAndereZaken=[{"url": other["url"], "aardRelatie": "vervolg"}])
    assert expanded(zaken, zaak["url"], "relevanteAndereZaken") == {"relevanteAndereZaken": [get(zaken, other["url"])]}


def test_resultaat_and_resultaattype(zaken, catalogi, zaaktype):
    if not zaaktype.resultaattypen:
        pytest.skip("the selectielijst stand-in is absent: no resultaattype")
    zaak = create_zaak(zaken, zaaktype.url)
    response = zaken.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattypen[0]})
    assert response.status_code == 201, response.text
    resultaat = response.json()
    embedded = expanded(zaken, zaak["url"], "resultaat.resultaattype")
    assert without_expand(embedded["resultaat"]) == resultaat
    assert embedded["resultaat"]["_expand"] == {"resultaattype": get(catalogi, zaaktype.resultaattypen[0])}


def test_status_and_statustype(zaken, zaken_app, catalogi, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    add_status(zaken_app, zaak["url"], zaaktype.statustypen[0], moment=NOW)
    latest, _ = add_status(zaken_app, zaak["url"], zaaktype.statustypen[1], moment=NOW + dt.timedelta(hours=1))
    embedded = expanded(zaken, zaak["url"], "status,status.statustype")
    status = embedded["status"]
    assert status["url"].endswith(latest)
    assert without_expand(status) == get(zaken, status["url"])
    assert status["_expand"] == {"statustype": get(catalogi, zaaktype.statustypen[1])}


def test_status_created_through_the_api(zaken, catalogi, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    response = zaken.post(
        "/statussen", json={"zaak": zaak["url"], "statustype": zaaktype.statustypen[0], "datumStatusGezet": "2026-01-06T10:00:00Z"}
    )
    assert response.status_code == 201, response.text
    embedded = expanded(zaken, zaak["url"], "status.statustype")
    assert without_expand(embedded["status"]) == get(zaken, response.json()["url"])
    assert embedded["status"]["_expand"]["statustype"]["url"] == zaaktype.statustypen[0]


def test_rollen_and_roltype(zaken, zaken_app, catalogi, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    roltype = zaaktype.roltypen["behandelaar"]
    add_rol(zaken_app, zaak["url"], roltype, "behandelaar")
    add_rol(zaken_app, zaak["url"], roltype, "behandelaar")
    rollen = expanded(zaken, zaak["url"], "rollen.roltype")["rollen"]
    assert [r["url"] for r in rollen] == get(zaken, zaak["url"])["rollen"]
    for rol in rollen:
        assert without_expand(rol) == get(zaken, rol["url"])
        assert rol["_expand"] == {"roltype": get(catalogi, roltype)}


def test_eigenschappen_and_eigenschap(zaken, zaken_app, catalogi, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    add_eigenschap(zaken_app, zaak["url"], zaaktype.eigenschappen["kenteken"])
    eigenschappen = expanded(zaken, zaak["url"], "eigenschappen.eigenschap")["eigenschappen"]
    assert len(eigenschappen) == 1
    assert without_expand(eigenschappen[0]) == get(zaken, eigenschappen[0]["url"])
    assert eigenschappen[0]["_expand"] == {"eigenschap": get(catalogi, zaaktype.eigenschappen["kenteken"])}


def test_zaakobjecten_and_zaakobjecttype(zaken, zaken_app, catalogi, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    add_zaakobject(zaken_app, zaak["url"], zaaktype.zaakobjecttypen[0])
    zaakobjecten = expanded(zaken, zaak["url"], "zaakobjecten.zaakobjecttype")["zaakobjecten"]
    assert len(zaakobjecten) == 1
    assert without_expand(zaakobjecten[0]) == get(zaken, zaakobjecten[0]["url"])
    assert zaakobjecten[0]["_expand"] == {"zaakobjecttype": get(catalogi, zaaktype.zaakobjecttypen[0])}


def test_zaakinformatieobjecten_and_their_status(zaken, zaken_app, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    status_uuid, status_id = add_status(zaken_app, zaak["url"], zaaktype.statustypen[0])
    add_zio(zaken_app, zaak["url"], status_id=status_id)
    zios = expanded(zaken, zaak["url"], "zaakinformatieobjecten.status")["zaakinformatieobjecten"]
    assert len(zios) == 1
    assert without_expand(zios[0]) == get(zaken, zios[0]["url"])
    assert zios[0]["_expand"]["status"]["url"].endswith(status_uuid)


def test_status_gezetdoor_and_zaakinformatieobjecten(zaken, zaken_app, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    rol_uuid, rol_id = add_rol(zaken_app, zaak["url"], zaaktype.roltypen["behandelaar"])
    _, status_id = add_status(zaken_app, zaak["url"], zaaktype.statustypen[0], gezetdoor_id=rol_id)
    add_zio(zaken_app, zaak["url"], status_id=status_id)
    status = expanded(zaken, zaak["url"], "status.gezetdoor,status.zaakinformatieobjecten")["status"]
    assert status["_expand"]["gezetdoor"] == get(zaken, status["gezetdoor"])
    assert status["_expand"]["gezetdoor"]["url"].endswith(rol_uuid)
    assert [z["url"] for z in status["_expand"]["zaakinformatieobjecten"]] == status["zaakinformatieobjecten"]


def test_rollen_statussen_and_back_to_zaak(zaken, zaken_app, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    _, rol_id = add_rol(zaken_app, zaak["url"], zaaktype.roltypen["behandelaar"])
    add_status(zaken_app, zaak["url"], zaaktype.statustypen[0], gezetdoor_id=rol_id)
    rol = expanded(zaken, zaak["url"], "rollen.statussen,rollen.zaak")["rollen"][0]
    assert [s["url"] for s in rol["_expand"]["statussen"]] == rol["statussen"] != []
    assert rol["_expand"]["zaak"] == get(zaken, zaak["url"])


# ---------------------------------------------------------------- nesting


def test_zaaktype_statustypen_and_catalogus(zaken, catalogi, zaaktype):
    """Catalogi objects one level down: the Catalogi API's own relations."""
    zaak = create_zaak(zaken, zaaktype.url)
    embedded = expanded(zaken, zaak["url"], "zaaktype.statustypen,zaaktype.catalogus")["zaaktype"]
    assert [s["url"] for s in embedded["_expand"]["statustypen"]] == get(catalogi, zaaktype.url)["statustypen"]
    assert embedded["_expand"]["statustypen"][0] == get(catalogi, embedded["statustypen"][0])
    assert embedded["_expand"]["catalogus"] == get(catalogi, embedded["catalogus"])


def test_three_levels_hoofdzaak_status_statustype(zaken, zaken_app, catalogi, zaaktype):
    hoofdzaak = create_zaak(zaken, zaaktype.url)
    deelzaak = create_zaak(zaken, zaaktype.url, hoofdzaak=hoofdzaak["url"])
    add_status(zaken_app, hoofdzaak["url"], zaaktype.statustypen[0])
    embedded = expanded(zaken, deelzaak["url"], "hoofdzaak.status.statustype")
    status = embedded["hoofdzaak"]["_expand"]["status"]
    assert without_expand(status) == get(zaken, get(zaken, hoofdzaak["url"])["status"])
    assert status["_expand"] == {"statustype": get(catalogi, zaaktype.statustypen[0])}


def test_zrc026_deeper_paths_are_cut_at_three_levels(zaken, zaken_app, zaaktype):
    """zrc-026: max 3 levels; a 4th is not an error but is not expanded."""
    hoofdzaak = create_zaak(zaken, zaaktype.url)
    deelzaak = create_zaak(zaken, zaaktype.url, hoofdzaak=hoofdzaak["url"])
    add_status(zaken_app, hoofdzaak["url"], zaaktype.statustypen[0])
    embedded = expanded(zaken, deelzaak["url"], "hoofdzaak.status.statustype.zaaktype")
    statustype = embedded["hoofdzaak"]["_expand"]["status"]["_expand"]["statustype"]
    assert statustype["url"] == zaaktype.statustypen[0]
    assert "_expand" not in statustype


def test_the_spec_example_with_spaces(zaken, zaken_app, zaaktype):
    """The spec's own example (spaces after the commas, a 4-level path) is accepted."""
    hoofdzaak = create_zaak(zaken, zaaktype.url)
    deelzaak = create_zaak(zaken, zaaktype.url, hoofdzaak=hoofdzaak["url"])
    add_status(zaken_app, deelzaak["url"], zaaktype.statustypen[0])
    expand = "zaaktype, status, status.statustype, hoofdzaak.status.statustype, hoofdzaak.deelzaken.status.statustype"
    embedded = expanded(zaken, deelzaak["url"], expand)
    assert set(embedded) == {"zaaktype", "status", "hoofdzaak"}
    assert embedded["status"]["_expand"]["statustype"]["url"] == zaaktype.statustypen[0]
    assert embedded["hoofdzaak"]["_expand"]["status"] == {}
    deelzaken = embedded["hoofdzaak"]["_expand"]["deelzaken"]
    assert [d["url"] for d in deelzaken] == [deelzaak["url"]]
    assert deelzaken[0]["_expand"]["status"]["url"] == embedded["status"]["url"]
    assert "_expand" not in deelzaken[0]["_expand"]["status"]  # cut at level 3


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "expand",
    [
        "onbekend",
        "zaaktype,onbekend",
        "status.onbekend",
        "hoofdzaak.status.onbekend",
        "zaakinformatieobjecten.informatieobject",  # zrc-025: the Documenten API is not expandable
        "rollen.betrokkene",  # zrc-025: another API
        "zaaktype.selectielijstProcestype",  # zrc-025: the selectielijst, not the Catalogi API
        "zaakobjecten.zaakobjecttype.objecttype",  # zrc-025: the Objecttypen API
        "url",
    ],
)
def test_zrc026_an_unknown_name_is_invalid_expand_field(zaken, zaaktype, expand):
    zaak = create_zaak(zaken, zaaktype.url)
    assert_invalid(zaken.get("/zaken", params={"expand": expand}), "expand", "invalid-expand-field")
    assert_invalid(zaken.get(zaak["url"], params={"expand": expand}), "expand", "invalid-expand-field")
    assert_invalid(zaken.post("/zaken/_zoek", json={"expand": expand}), "expand", "invalid-expand-field")


@pytest.mark.parametrize(
    "expand", ["zaaktype..status", "zaaktype,", ",zaaktype", "zaak type", "status.", "zaaktype;status", "status.statustype/x"]
)
def test_a_malformed_expand_is_expand_format_error(zaken, zaaktype, expand):
    zaak = create_zaak(zaken, zaaktype.url)
    assert_invalid(zaken.get("/zaken", params={"expand": expand}), "expand", "expand-format-error")
    assert_invalid(zaken.get(zaak["url"], params={"expand": expand}), "expand", "expand-format-error")
    assert_invalid(zaken.post("/zaken/_zoek", json={"expand": expand}), "expand", "expand-format-error")


def test_an_unknown_name_beyond_level_three_is_also_refused(zaken, zaaktype):
    create_zaak(zaken, zaaktype.url)
    assert_invalid(zaken.get("/zaken", params={"expand": "hoofdzaak.status.statustype.onbekend"}), "expand", "invalid-expand-field")


# ---------------------------------------------------------------- endpoints


def test_zoek_with_expand_in_the_body(zaken, catalogi, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    other = create_zaak(zaken, zaaktype.url)
    response = zaken.post("/zaken/_zoek", json={"uuid__in": [zaak["uuid"]], "expand": "zaaktype,hoofdzaak"})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["url"] for r in results] == [zaak["url"]] != [other["url"]]
    assert results[0]["_expand"] == {"zaaktype": get(catalogi, zaaktype.url), "hoofdzaak": {}}


def test_detail_with_expand(zaken, catalogi, zaaktype):
    zaak = create_zaak(zaken, zaaktype.url)
    response = zaken.get(zaak["url"], params={"expand": "zaaktype"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert without_expand(body) == zaak
    assert body["_expand"] == {"zaaktype": get(catalogi, zaaktype.url)}


def test_every_result_of_a_list_gets_expand(zaken, zaaktype):
    hoofdzaak = create_zaak(zaken, zaaktype.url)
    deelzaak = create_zaak(zaken, zaaktype.url, hoofdzaak=hoofdzaak["url"])
    results = {r["url"]: r for r in zaken.get("/zaken", params={"expand": "hoofdzaak"}).json()["results"]}
    assert results[hoofdzaak["url"]]["_expand"] == {"hoofdzaak": {}}
    assert results[deelzaak["url"]]["_expand"]["hoofdzaak"]["url"] == hoofdzaak["url"]


# ---------------------------------------------------------------- visibility


def test_zrc006_expand_never_shows_a_zaak_the_client_may_not_see(zaken, zaken_app, catalogi, grant):
    """zrc-006 via expand: zaken of another zaaktype or above the client's maximum are left out
    (a single link gives {}), also their sub-resources."""
    mine = published_zaaktype(catalogi, identificatie="ZT-MIJN")
    other = published_zaaktype(catalogi, identificatie="ZT-ANDER")
    hidden_hoofdzaak = create_zaak(zaken, other.url)
    add_status(zaken_app, hidden_hoofdzaak["url"], other.statustypen[0])
    zaak = create_zaak(zaken, mine.url, hoofdzaak=hidden_hoofdzaak["url"])
    visible_hoofdzaak = create_zaak(zaken, mine.url)
    deel_visible = create_zaak(zaken, mine.url, hoofdzaak=visible_hoofdzaak["url"])
    create_zaak(zaken, mine.url, hoofdzaak=visible_hoofdzaak["url"], vertrouwelijkheidaanduiding="vertrouwelijk")
    create_zaak(zaken, other.url, hoofdzaak=visible_hoofdzaak["url"])
    secret = create_zaak(zaken, mine.url, vertrouwelijkheidaanduiding="geheim")
    related = create_zaak(
        zaken, mine.url,
        relevanteAndereZaken=[
            {"url": hidden_hoofdzaak["url"], "aardRelatie": "vervolg"},
            {"url": secret["url"], "aardRelatie": "bijdrage"},
            {"url": deel_visible["url"], "aardRelatie": "onderwerp"},
        ],
    )  # fmt: skip
    grant("beperkt", [{"scopes": ["zaken.lezen"], "zaaktype": mine.url, "maxVertrouwelijkheidaanduiding": "openbaar"}])
    limited = zaken.as_client("beperkt")

    assert expanded(limited, zaak["url"], "hoofdzaak.status") == {"hoofdzaak": {}}
    deelzaken = expanded(limited, visible_hoofdzaak["url"], "deelzaken")["deelzaken"]
    assert [d["url"] for d in deelzaken] == [deel_visible["url"]]
    relevant = expanded(limited, related["url"], "relevanteAndereZaken")["relevanteAndereZaken"]
    assert [r["url"] for r in relevant] == [deel_visible["url"]]
    # the list too: results only of visible zaken, with only visible embedded zaken
    results = limited.get("/zaken", params={"expand": "hoofdzaak,deelzaken"}).json()["results"]
    embedded_urls = {
        z["url"] for r in results for z in [r["_expand"]["hoofdzaak"], *r["_expand"]["deelzaken"]] if z
    }  # fmt: skip
    assert embedded_urls == {visible_hoofdzaak["url"], deel_visible["url"]}
    # the same client with all rights sees them all
    assert expanded(zaken, zaak["url"], "hoofdzaak")["hoofdzaak"]["url"] == hidden_hoofdzaak["url"]
    assert len(expanded(zaken, visible_hoofdzaak["url"], "deelzaken")["deelzaken"]) == 3


# ---------------------------------------------------------------- performance


def _expand_query_count(zaken, zaken_app, zaaktype, count: int) -> int:
    hoofdzaak = create_zaak(zaken, zaaktype.url)
    for _ in range(count - 1):
        zaak = create_zaak(zaken, zaaktype.url, hoofdzaak=hoofdzaak["url"])
        _, rol_id = add_rol(zaken_app, zaak["url"], zaaktype.roltypen["initiator"])
        add_rol(zaken_app, zaak["url"], zaaktype.roltypen["behandelaar"], "behandelaar")
        _, status_id = add_status(zaken_app, zaak["url"], zaaktype.statustypen[0], gezetdoor_id=rol_id)
        add_zio(zaken_app, zaak["url"], status_id=status_id)
        add_zaakobject(zaken_app, zaak["url"], zaaktype.zaakobjecttypen[0])
        add_eigenschap(zaken_app, zaak["url"], zaaktype.eigenschappen["kenteken"])
    expand = (
        "zaaktype,rollen.roltype,status.statustype,status.gezetdoor,hoofdzaak.status,deelzaken,"
        "eigenschappen.eigenschap,zaakobjecten,zaakinformatieobjecten.status,rollen.statussen"
    )
    params = {"zaaktype": zaaktype.url, "expand": expand}
    zaken.get("/zaken", params=params)  # warm up: Catalogi cache, authorisation
    with QueryCounter(zaken_app.state.db.engine) as counter:
        response = zaken.get("/zaken", params=params)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert len(results) == count
    assert sum(len(r["_expand"]["rollen"]) for r in results) == 2 * (count - 1)
    return counter.count


def test_the_number_of_queries_does_not_grow_with_the_page(zaken, zaken_app, catalogi):
    """No N+1: the same number of SQL statements for 2 and for 10 zaken."""
    small = _expand_query_count(zaken, zaken_app, published_zaaktype(catalogi, identificatie="ZT-KLEIN"), 2)
    large = _expand_query_count(zaken, zaken_app, published_zaaktype(catalogi, identificatie="ZT-GROOT"), 10)
    assert small == large
