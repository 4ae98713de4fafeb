"""Stand-ins for the foreign APIs a zaak relates to: a Documenten API (enkelvoudiginformatieobjecten,
objectinformatieobjecten), a Besluiten API (besluiten), a Contactmomenten API (contactmomenten,
objectcontactmomenten) and a Verzoeken API (verzoeken, objectverzoeken), all in memory.

`tests.standins.inprocess.AppTransport` routes their hosts here. Like the real APIs, a mirror
(`object...` resource) is only accepted when the canonical relation already exists in the Zaken API
(`inconsistent-relation`) and only removed when it no longer does (`remote-relation-exists`);
they look that up through `zrc`, a function `(url, params) -> list` set by the test fixture.
Every request is recorded in `calls`; `fail` makes a method on a collection answer an error,
`down` makes every request fail to connect; `relations` are the besluitinformatieobjecten (...) a
Documenten API looks up.
"""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

DOCUMENTEN = "http://documenten.test/api/v1"
BESLUITEN = "http://besluiten.test/api/v1"
CONTACTMOMENTEN = "http://contactmomenten.test/api/v1"
VERZOEKEN = "http://verzoeken.test/api/v1"
ROOTS = (DOCUMENTEN, BESLUITEN, CONTACTMOMENTEN, VERZOEKEN)
HOSTS = {"documenten.test", "besluiten.test", "contactmomenten.test", "verzoeken.test"}

# mirror collection -> (the remote object's field, the Zaken API collection holding the canonical relation)
MIRRORS = {
    "objectinformatieobjecten": ("informatieobject", "zaakinformatieobjecten"),
    "objectcontactmomenten": ("contactmoment", "zaakcontactmomenten"),
    "objectverzoeken": ("verzoek", "zaakverzoeken"),
}


@dataclass
class Call:
    method: str
    url: str
    body: dict | None


@dataclass
class ForeignApis:
    objects: dict[str, dict] = field(default_factory=dict)  # url -> JSON
    mirrors: dict[str, dict] = field(default_factory=dict)  # url -> JSON of an object... relation
    calls: list[Call] = field(default_factory=list)
    fail: dict[tuple[str, str], int] = field(default_factory=dict)  # (method, collection) -> status
    down: bool = False
    zrc: Callable[[str, dict], list] | None = None
    # collection -> the relations a Besluiten or Verzoeken API holds (`besluitinformatieobjecten`),
    # which a Documenten API looks up before it mirrors one (drc-004)
    relations: dict[str, list[dict]] = field(default_factory=dict)

    def reset(self, zrc: Callable[[str, dict], list] | None = None) -> None:
        self.objects.clear()
        self.mirrors.clear()
        self.calls.clear()
        self.fail.clear()
        self.relations.clear()
        self.down = False
        self.zrc = zrc

    # ------------------------------------------------------------ objects

    def _add(self, root: str, collection: str, data: dict) -> dict:
        url = f"{root}/{collection}/{uuid.uuid4()}"
        self.objects[url] = {"url": url, **data}
        return self.objects[url]

    def informatieobject(self, informatieobjecttype: str, **fields) -> dict:
        return self._add(
            DOCUMENTEN,
            "enkelvoudiginformatieobjecten",
            {
                "identificatie": "DOC-1",
                "bronorganisatie": "517439943",
                "creatiedatum": "2026-01-05",
                "titel": "Aanvraag",
                "vertrouwelijkheidaanduiding": "openbaar",
                "auteur": "Burger",
                "status": "definitief",
                "taal": "nld",
                "informatieobjecttype": informatieobjecttype,
                "locked": False,
                **fields,
            },
        )

    def besluit(self, **fields) -> dict:
        return self._add(
            BESLUITEN,
            "besluiten",
            {
                "verantwoordelijkeOrganisatie": "517439943",
                "besluittype": "http://testserver/catalogi/api/v1/besluittypen/00000000-0000-0000-0000-000000000000",
                "datum": "2026-01-10",
                "ingangsdatum": "2026-01-11",
                **fields,
            },
        )

    def contactmoment(self, **fields) -> dict:
        return self._add(CONTACTMOMENTEN, "contactmomenten", {"bronorganisatie": "517439943", "kanaal": "telefoon", **fields})

    def verzoek(self, **fields) -> dict:
        return self._add(VERZOEKEN, "verzoeken", {"bronorganisatie": "517439943", "status": "ontvangen", **fields})

    def mirrors_of(self, collection: str) -> list[dict]:
        return [m for url, m in self.mirrors.items() if f"/{collection}/" in url]

    def writes(self) -> list[tuple[str, str]]:
        """(method, collection) of every write, in order."""
        return [(c.method, _collection(c.url)) for c in self.calls if c.method in ("POST", "PUT", "PATCH", "DELETE")]

    # ------------------------------------------------------------ HTTP

    def handle(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("stand-in is down", request=request)
        content = request.read()
        body = json.loads(content) if content else None
        url = str(request.url.copy_with(query=None))
        self.calls.append(Call(request.method, str(request.url), body))
        collection = _collection(url)
        if (request.method, collection) in self.fail:
            status = self.fail[(request.method, collection)]
            return httpx.Response(status, json={"detail": "stand-in failure"})
        if collection in MIRRORS:
            return self._mirror(request, url, collection, body)
        if request.method == "GET" and collection in self.relations and url.rstrip("/").endswith(f"/{collection}"):
            params = dict(request.url.params)
            return httpx.Response(200, json=[r for r in self.relations[collection] if all(r.get(k) == v for k, v in params.items())])
        if request.method == "GET" and url in self.objects:
            return httpx.Response(200, json=self.objects[url])
        return httpx.Response(404, json={"detail": "Niet gevonden."})

    def _mirror(self, request: httpx.Request, url: str, collection: str, body: dict | None) -> httpx.Response:
        field_name, zrc_collection = MIRRORS[collection]
        is_list = url.rstrip("/").endswith(f"/{collection}")
        if request.method == "GET" and is_list:
            params = dict(request.url.params)
            items = [
                m
                for m in self.mirrors_of(collection)
                if all(m.get(key) == value for key, value in params.items() if key in ("object", field_name))
            ]
            return httpx.Response(200, json=items)
        if request.method == "POST" and is_list:
            body = body or {}
            missing = [key for key in (field_name, "object", "objectType") if not body.get(key)]
            if missing:
                return _invalid(missing[0], "required")
            if body[field_name] not in self.objects:
                return _invalid(field_name, "does_not_exist")
            if self._canonical(body, field_name, zrc_collection) == []:
                return _invalid("nonFieldErrors", "inconsistent-relation")
            mirror_url = f"{url.rstrip('/')}/{uuid.uuid4()}"
            self.mirrors[mirror_url] = {"url": mirror_url, **body}
            return httpx.Response(201, json=self.mirrors[mirror_url])
        if mirror := self.mirrors.get(url):
            if request.method == "GET":
                return httpx.Response(200, json=mirror)
            if request.method == "DELETE":
                if self._canonical(mirror, field_name, zrc_collection):
                    return _invalid("nonFieldErrors", "remote-relation-exists")
                del self.mirrors[url]
                return httpx.Response(204)
        return httpx.Response(404, json={"detail": "Niet gevonden."})

    def _canonical(self, relation: dict, field_name: str, zrc_collection: str) -> list | None:
        """The relations in the Zaken API matching this mirror (None: not looked up)."""
        if self.zrc is None or relation.get("objectType") != "zaak":
            return None
        zaak = relation["object"]
        root = zaak.rsplit("/zaken/", 1)[0]
        return self.zrc(f"{root}/{zrc_collection}", {"zaak": zaak, field_name: relation[field_name]})


def _collection(url: str) -> str:
    path = httpx.URL(url).path.removeprefix("/api/v1/").strip("/")
    return path.split("/")[0]


def _invalid(name: str, code: str) -> httpx.Response:
    return httpx.Response(
        400,
        json={"code": "invalid", "title": "Invalid input.", "status": 400, "invalidParams": [{"name": name, "code": code, "reason": code}]},
    )


STANDIN = ForeignApis()


def transport() -> httpx.MockTransport:
    return httpx.MockTransport(STANDIN.handle)
