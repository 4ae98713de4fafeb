"""zrc-021: archiefactiedatum on closing, per brondatumArchiefprocedure.afleidingswijze
(services/zaken/status/archiving.py), and the date parsing it relies on."""

import datetime as dt

import pytest

from services.zaken.status.archiving import parse_date_value
from tests.conftest import assert_invalid, requires_shared
from tests.zaken.factories import create_status, create_zaak, published_zaaktype
from tests.zaken.status_helpers import (
    add_besluit,
    add_eigenschap,
    add_zaakobject,
    closable_zaak,
    close,
    resultaattype_with,
    serve_remote,
)

pytestmark = requires_shared("referentielijsten")

BESLUIT = "http://besluiten.test/api/v1/besluiten/"
OBJECT = "http://objecten.test/api/v2/objects/"


def archiefactiedatum(zaken, zaak) -> str | None:
    return zaken.get(zaak["url"]).json()["archiefactiedatum"]


def test_zrc_021_afgehandeld(zaken, catalogi):
    """zrc-021 afgehandeld: brondatum = einddatum."""
    zaaktype, zaak = closable_zaak(zaken, catalogi, resultaattype={"archiefactietermijn": "P5Y6M"})
    assert close(zaken, zaaktype, zaak, "2026-02-01T10:00:00Z").status_code == 201
    assert archiefactiedatum(zaken, zaak) == "2031-08-01"


def test_zrc_021_termijn(zaken, catalogi):
    """zrc-021 termijn: brondatum = einddatum + procestermijn."""
    zaaktype, zaak = closable_zaak(zaken, catalogi, resultaattype=resultaattype_with("termijn", procestermijn="P2Y"))
    assert close(zaken, zaaktype, zaak, "2026-02-01T10:00:00Z").status_code == 201
    closed = zaken.get(zaak["url"]).json()
    assert closed["archiefactiedatum"] == "2038-02-01"  # + P2Y + P10Y
    assert closed["startdatumBewaartermijn"] == "2028-02-01"


def test_zrc_021_eigenschap(zaken, catalogi, zaken_app):
    """zrc-021 eigenschap: brondatum = the date in the zaakeigenschap named datumkenmerk."""
    zaaktype, zaak = closable_zaak(zaken, catalogi, resultaattype=resultaattype_with("eigenschap", datumkenmerk="datum"))
    add_eigenschap(zaken_app, zaak["url"], zaaktype.eigenschappen["datum"], "datum", "2027-03-15")
    assert close(zaken, zaaktype, zaak).status_code == 201
    assert archiefactiedatum(zaken, zaak) == "2037-03-15"


def test_zrc_021_eigenschap_without_a_date_is_an_error(zaken, catalogi, zaken_app):
    zaaktype, zaak = closable_zaak(zaken, catalogi, resultaattype=resultaattype_with("eigenschap", datumkenmerk="datum"))
    # no such eigenschap
    assert_invalid(close(zaken, zaaktype, zaak), "nonFieldErrors", "archiefactiedatum-error")
    add_eigenschap(zaken_app, zaak["url"], zaaktype.eigenschappen["kenteken"], "kenteken", "AB-12-CD")
    assert_invalid(close(zaken, zaaktype, zaak), "nonFieldErrors", "archiefactiedatum-error")
    add_eigenschap(zaken_app, zaak["url"], zaaktype.eigenschappen["datum"], "datum", "geen datum")
    response = close(zaken, zaaktype, zaak)
    assert_invalid(response, "nonFieldErrors", "archiefactiedatum-error")
    # nothing was written
    assert zaken.get(zaak["url"]).json()["einddatum"] is None
    assert zaken.get("/statussen").json()["count"] == 1


def test_zrc_021_eigenschap_with_an_empty_waarde_leaves_the_date_empty(zaken, catalogi, zaken_app):
    zaaktype, zaak = closable_zaak(zaken, catalogi, resultaattype=resultaattype_with("eigenschap", datumkenmerk="datum"))
    add_eigenschap(zaken_app, zaak["url"], zaaktype.eigenschappen["datum"], "datum", "")
    assert close(zaken, zaaktype, zaak).status_code == 201
    closed = zaken.get(zaak["url"]).json()
    assert closed["einddatum"] == "2026-02-01"
    assert closed["archiefactiedatum"] is None
    assert closed["archiefnominatie"] == "vernietigen"


def test_zrc_021_hoofdzaak(zaken, catalogi):
    """zrc-021 hoofdzaak: brondatum = einddatum of the hoofdzaak; open hoofdzaak: empty."""
    zaaktype, hoofdzaak = closable_zaak(zaken, catalogi, identificatie="ZT-HOOFD")
    deelzaaktype = published_zaaktype(catalogi, identificatie="ZT-DEEL", resultaattype=resultaattype_with("hoofdzaak"))
    deelzaak = create_zaak(zaken, deelzaaktype.url, hoofdzaak=hoofdzaak["url"])
    assert zaken.post("/resultaten", json={"zaak": deelzaak["url"], "resultaattype": deelzaaktype.resultaattypen[0]}).status_code == 201
    open_deelzaak = create_zaak(zaken, deelzaaktype.url, hoofdzaak=hoofdzaak["url"])
    assert (
        zaken.post("/resultaten", json={"zaak": open_deelzaak["url"], "resultaattype": deelzaaktype.resultaattypen[0]}).status_code == 201
    )
    assert close(zaken, deelzaaktype, open_deelzaak, "2026-01-20T10:00:00Z").status_code == 201
    assert archiefactiedatum(zaken, open_deelzaak) is None
    assert close(zaken, zaaktype, hoofdzaak, "2026-03-03T10:00:00Z").status_code == 201
    assert close(zaken, deelzaaktype, deelzaak, "2026-01-20T10:00:00Z").status_code == 201
    assert archiefactiedatum(zaken, deelzaak) == "2036-03-03"


def test_zrc_021_zaakobject(zaken, catalogi, zaken_app, monkeypatch):
    """zrc-021 zaakobject: brondatum = the latest datumkenmerk of the objects of that objecttype."""
    zaaktype, zaak = closable_zaak(
        zaken, catalogi, resultaattype=resultaattype_with("zaakobject", objecttype="pand", datumkenmerk="sloop.datum")
    )
    serve_remote(
        monkeypatch,
        zaken_app,
        {
            f"{OBJECT}1": {"sloop": {"datum": "2027-05-01"}},
            f"{OBJECT}2": {"sloop": {"datum": "2028-06-02T10:00:00Z"}},
            f"{OBJECT}3": {"sloop": {"datum": "2030-01-01"}},
        },
    )
    add_zaakobject(zaken_app, zaak["url"], f"{OBJECT}1", "pand")
    add_zaakobject(zaken_app, zaak["url"], f"{OBJECT}2", "pand")
    add_zaakobject(zaken_app, zaak["url"], f"{OBJECT}3", "adres")  # another objecttype
    assert close(zaken, zaaktype, zaak).status_code == 201
    assert archiefactiedatum(zaken, zaak) == "2038-06-02"


def test_zrc_021_zaakobject_described_in_its_objectidentificatie(zaken, catalogi):
    """zrc-021h (local): a zaakobject without an object URL describes its object itself; the date
    is read from its objectIdentificatie, also written without leading zeros ("2013-1-1")."""
    zaaktype, zaak = closable_zaak(
        zaken, catalogi, resultaattype=resultaattype_with("zaakobject", objecttype="woz_waarde", datumkenmerk="waardepeildatum")
    )
    for peildatum in ("2008-1-1", "2013-1-1"):
        body = {
            "zaak": zaak["url"],
            "objectType": "woz_waarde",
            "objectIdentificatie": {"waardepeildatum": peildatum, "isVoor": {"wozObjectNummer": "testobject"}},
        }
        response = zaken.post("/zaakobjecten", json=body)
        assert response.status_code == 201, response.text
    assert close(zaken, zaaktype, zaak).status_code == 201
    assert archiefactiedatum(zaken, zaak) == "2023-01-01"


def test_zrc_021_zaakobject_without_objects_is_an_error(zaken, catalogi):
    zaaktype, zaak = closable_zaak(
        zaken, catalogi, resultaattype=resultaattype_with("zaakobject", objecttype="pand", datumkenmerk="sloopdatum")
    )
    assert_invalid(close(zaken, zaaktype, zaak), "nonFieldErrors", "archiefactiedatum-error")


def test_zrc_021_gerelateerde_zaak(zaken, catalogi):
    """zrc-021 gerelateerde_zaak: brondatum = the latest einddatum of the relevanteAndereZaken."""
    zaaktype, eerder = closable_zaak(zaken, catalogi, identificatie="ZT-EERDER")
    assert close(zaken, zaaktype, eerder, "2026-04-04T10:00:00Z").status_code == 201
    open_zaak = create_zaak(zaken, zaaktype.url)
    vervolgtype = published_zaaktype(catalogi, identificatie="ZT-VERVOLG", resultaattype=resultaattype_with("gerelateerde_zaak"))
    zaak = create_zaak(
        zaken,
        vervolgtype.url,
        relevanteAndereZaken=[{"url": eerder["url"], "aardRelatie": "vervolg"}, {"url": open_zaak["url"], "aardRelatie": "bijdrage"}],
    )
    assert zaken.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": vervolgtype.resultaattypen[0]}).status_code == 201
    assert close(zaken, vervolgtype, zaak).status_code == 201
    assert archiefactiedatum(zaken, zaak) == "2036-04-04"
    lonely = create_zaak(zaken, vervolgtype.url)
    assert zaken.post("/resultaten", json={"zaak": lonely["url"], "resultaattype": vervolgtype.resultaattypen[0]}).status_code == 201
    assert_invalid(close(zaken, vervolgtype, lonely), "nonFieldErrors", "archiefactiedatum-error")


def test_zrc_021_ingangsdatum_besluit(zaken, catalogi, zaken_app, monkeypatch):
    """zrc-021 ingangsdatum_besluit: brondatum = the latest ingangsdatum of the zaak's besluiten."""
    zaaktype, zaak = closable_zaak(zaken, catalogi, resultaattype=resultaattype_with("ingangsdatum_besluit"))
    assert_invalid(close(zaken, zaaktype, zaak), "nonFieldErrors", "archiefactiedatum-error")  # no besluiten
    serve_remote(
        monkeypatch,
        zaken_app,
        {
            f"{BESLUIT}1": {"ingangsdatum": "2026-05-01", "vervaldatum": None},
            f"{BESLUIT}2": {"ingangsdatum": "2026-06-01", "vervaldatum": None},
        },
    )
    add_besluit(zaken_app, zaak["url"], f"{BESLUIT}1")
    add_besluit(zaken_app, zaak["url"], f"{BESLUIT}2")
    assert close(zaken, zaaktype, zaak).status_code == 201
    assert archiefactiedatum(zaken, zaak) == "2036-06-01"


def test_zrc_021_vervaldatum_besluit(zaken, catalogi, zaken_app, monkeypatch):
    """zrc-021 vervaldatum_besluit: no besluit with a vervaldatum is an error; a Besluiten API that
    cannot answer leaves the date empty."""
    zaaktype, zaak = closable_zaak(zaken, catalogi, resultaattype=resultaattype_with("vervaldatum_besluit"))
    besluiten = {f"{BESLUIT}1": {"ingangsdatum": "2026-05-01", "vervaldatum": None}}
    serve_remote(monkeypatch, zaken_app, besluiten)
    add_besluit(zaken_app, zaak["url"], f"{BESLUIT}1")
    assert_invalid(close(zaken, zaaktype, zaak), "nonFieldErrors", "archiefactiedatum-error")
    besluiten[f"{BESLUIT}1"] = None  # the Besluiten API does not answer with the besluit
    assert close(zaken, zaaktype, zaak).status_code == 201
    closed = zaken.get(zaak["url"]).json()
    assert closed["einddatum"] == "2026-02-01" and closed["archiefactiedatum"] is None


def test_zrc_021_vervaldatum_besluit_derived(zaken, catalogi, zaken_app, monkeypatch):
    zaaktype, zaak = closable_zaak(zaken, catalogi, resultaattype=resultaattype_with("vervaldatum_besluit"))
    serve_remote(monkeypatch, zaken_app, {f"{BESLUIT}1": {"ingangsdatum": "2026-05-01", "vervaldatum": "2029-12-31"}})
    add_besluit(zaken_app, zaak["url"], f"{BESLUIT}1")
    assert close(zaken, zaaktype, zaak).status_code == 201
    assert archiefactiedatum(zaken, zaak) == "2039-12-31"


def test_zrc_021_ander_datumkenmerk_leaves_the_date_empty(zaken, catalogi):
    """zrc-021 ander_datumkenmerk: the date lives elsewhere; archiefactiedatum is set by hand."""
    zaaktype, zaak = closable_zaak(
        zaken,
        catalogi,
        resultaattype=resultaattype_with("ander_datumkenmerk", datumkenmerk="vervaldatum", objecttype="pand", registratie="BAG"),
    )
    assert close(zaken, zaaktype, zaak).status_code == 201
    closed = zaken.get(zaak["url"]).json()
    assert closed["archiefactiedatum"] is None and closed["startdatumBewaartermijn"] is None
    assert closed["archiefnominatie"] == "vernietigen"


def test_zrc_021_a_set_archiefactiedatum_is_kept(zaken, catalogi):
    """A zaak with an archiefactiedatum keeps it and derives nothing (no derivation errors either)."""
    zaaktype, zaak = closable_zaak(
        zaken, catalogi, resultaattype=resultaattype_with("eigenschap", datumkenmerk="datum"), archiefactiedatum="2050-01-01"
    )
    assert close(zaken, zaaktype, zaak).status_code == 201
    assert archiefactiedatum(zaken, zaak) == "2050-01-01"


def test_zrc_021_reopen_and_close_again_derives_again(zaken, catalogi):
    zaaktype, zaak = closable_zaak(zaken, catalogi, resultaattype=resultaattype_with("termijn", procestermijn="P1M"))
    assert close(zaken, zaaktype, zaak, "2026-01-31T10:00:00Z").status_code == 201
    assert archiefactiedatum(zaken, zaak) == "2036-02-28"  # 2026-01-31 + P1M = 2026-02-28 (calendar months), + P10Y
    create_status(zaken, zaak["url"], zaaktype.statustypen[1], "2026-03-01T10:00:00Z")
    assert archiefactiedatum(zaken, zaak) is None
    assert close(zaken, zaaktype, zaak, "2026-04-01T10:00:00Z").status_code == 201
    assert archiefactiedatum(zaken, zaak) == "2036-05-01"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-15", dt.date(2026, 3, 15)),
        ("20260315", dt.date(2026, 3, 15)),
        ("2026-3-5", dt.date(2026, 3, 5)),
        ("20260315101500", dt.date(2026, 3, 15)),
        ("2026-03-15T10:15:00Z", dt.date(2026, 3, 15)),
        ("2026-03-15T10:15:00+01:00", dt.date(2026, 3, 15)),
    ],
)
def test_dates_in_waarden(value, expected):
    assert parse_date_value(value) == expected


@pytest.mark.parametrize("value", ["", "geen datum", "2026-13-01", "15-03-2026", None, 20260315])
def test_no_dates_in_waarden(value):
    with pytest.raises(ValueError):
        parse_date_value(value)
