"""A local stand-in for the Referentielijsten API (the foreign API ztc-001/ztc-002 check against),
serving the selectielijst fixtures in ../shared/referentielijsten through an httpx transport."""

import json
from functools import cache
from pathlib import Path

import httpx

SHARED = Path(__file__).resolve().parents[3] / "shared" / "referentielijsten"
BASE = "http://referentielijsten.test/api/v1"


def available() -> bool:
    return (SHARED / "selectielijst_2020_resultaten.json").exists()


def _data() -> dict[str, dict[str, dict]]:
    if not available():
        import pytest

        pytest.skip(f"{SHARED} is absent: the selectielijst data is needed for this test")
    return _load()


@cache
def _load() -> dict[str, dict[str, dict]]:
    procestypen = json.loads((SHARED / "selectielijst_2020_procestypen.json").read_text())
    resultaten = json.loads((SHARED / "selectielijst_2020_resultaten.json").read_text())
    omschrijvingen = json.loads((SHARED / "resultaattypeomschrijvingen.json").read_text())
    procestype_url = {p["pk"]: f"{BASE}/procestypen/{p['fields']['uuid']}" for p in procestypen}
    out: dict[str, dict[str, dict]] = {"procestypen": {}, "resultaten": {}, "resultaattypeomschrijvingen": {}}
    for p in procestypen:
        f = p["fields"]
        out["procestypen"][f["uuid"]] = {
            "url": procestype_url[p["pk"]],
            "nummer": f["nummer"],
            "jaar": f["jaar"],
            "naam": f["naam"],
            "omschrijving": f["omschrijving"],
            "toelichting": f["toelichting"],
            "procesobject": f["procesobject"],
        }
    for r in resultaten:
        f = r["fields"]
        out["resultaten"][f["uuid"]] = {
            "url": f"{BASE}/resultaten/{f['uuid']}",
            "procesType": procestype_url[f["proces_type"]],
            "nummer": f["nummer"],
            "volledigNummer": str(f["nummer"]),
            "naam": f["naam"],
            "omschrijving": f["omschrijving"],
            "herkomst": f["herkomst"],
            "waardering": f["waardering"],
            "procestermijn": f.get("procestermijn", ""),
            "bewaartermijn": f.get("bewaartermijn") or None,
            "toelichting": f.get("toelichting", ""),
        }
    for o in omschrijvingen:
        f = o["fields"]
        out["resultaattypeomschrijvingen"][f["uuid"]] = {
            "url": f"{BASE}/resultaattypeomschrijvingen/{f['uuid']}",
            "omschrijving": f["omschrijving"],
            "definitie": f["definitie"],
            "opmerking": f["opmerking"],
        }
    return out


def _handler(request: httpx.Request) -> httpx.Response:
    if not available():  # a test that needs the data is marked requires_shared("referentielijsten")
        return httpx.Response(503, json={"detail": "no selectielijst data in this test run"})
    path = request.url.path.removeprefix("/api/v1/").strip("/")
    if path == "200":  # as the behaviour suite's mock: it answers, but with no resource at all
        return httpx.Response(200, text="", headers={"Content-Type": "text/html"})
    parts = path.split("/")
    data = _load()
    if len(parts) == 1 and parts[0] in data:
        items = list(data[parts[0]].values())
        return httpx.Response(
            200, json=items if parts[0] != "resultaten" else {"count": len(items), "next": None, "previous": None, "results": items}
        )
    if len(parts) == 2 and parts[0] in data and parts[1] in data[parts[0]]:
        return httpx.Response(200, json=data[parts[0]][parts[1]])
    return httpx.Response(404, json={"detail": "Niet gevonden."})


def transport() -> httpx.MockTransport:
    return httpx.MockTransport(_handler)


def procestype_url(nummer: int = 1) -> str:
    for item in _data()["procestypen"].values():
        if item["nummer"] == nummer:
            return item["url"]
    raise LookupError(nummer)


def resultaat(procestype: str, **match) -> dict:
    """The first selectielijst resultaat of `procestype` matching `match` (e.g. procestermijn="nihil")."""
    for item in _data()["resultaten"].values():
        if item["procesType"] == procestype and all(item.get(k) == v for k, v in match.items()):
            return item
    raise LookupError((procestype, match))


def resultaattypeomschrijving_url(omschrijving: str = "Toegekend") -> str:
    for item in _data()["resultaattypeomschrijvingen"].values():
        if item["omschrijving"] == omschrijving:
            return item["url"]
    raise LookupError(omschrijving)
