"""An in-memory Zaken API + Catalogi API + Documenten API (GET only, and the zaken's `_zoek`) with the notifications a
Zaken API would send: the tests set every date (datumStatusGezet, audit trail moments) and every
outage themselves."""

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import httpx

ZRC = "http://zaken.fake/zaken/api/v1"
ZTC = "http://catalogi.fake/catalogi/api/v1"
DRC = "http://documenten.fake/documenten/api/v1"
BSN = "999993653"
BURGER = "Jansen"


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass
class Zaaktype:
    url: str
    statustypen: list[str]
    resultaattype: str


@dataclass
class FakeZgw(httpx.BaseTransport):
    page_size: int = 2
    objects: dict = field(default_factory=dict)  # url -> JSON (zaken, statussen, rollen, resultaten, catalogi)
    audit: dict = field(default_factory=dict)  # zaak url -> audit trail entries
    messages: list = field(default_factory=list)
    down: set = field(default_factory=set)  # URL prefixes that answer 503
    forbidden: set = field(default_factory=set)  # URL prefixes that answer 403
    requests: int = 0
    requested: list = field(default_factory=list)  # the URLs asked for, in order
    # a zaak's `expand=status`: "status" embeds it (Zaken API 1.5), "ignore" answers without it,
    # "refuse" is a 400 (APIs before 1.5 that check their query parameters)
    expand: str = "status"
    # `POST /zaken/_zoek` by `uuid__in`: "uuid__in" answers those zaken, "ignore" every zaak (an
    # API that does not know the filter), "refuse" is a 404 (an API without the search)
    search: str = "uuid__in"
    # a zaak shows its `zaakinformatieobjecten` (Zaken API 1.5); False: as an API before 1.5
    toont_documenten: bool = True
    # the user of the writes that follow (the audit trail's gebruikersId: the JWT's user_id)
    gebruiker: str = ""

    # ------------------------------------------------------------ Catalogi

    def zaaktype(
        self,
        identificatie: str = "ZT-A",
        omschrijving: str = "Aanvraag vergunning",
        doorlooptijd: str = "P10D",
        servicenorm: str | None = "P5D",
        statustypen: tuple = (
            ("Ontvangen", True, "Wij hebben uw aanvraag ontvangen.", "P1D"),
            ("In behandeling", False, "", "P3D"),
            ("Afgehandeld", True, "Uw aanvraag is afgehandeld.", None),
        ),
        begin: str = "2024-01-01",
    ) -> Zaaktype:
        url = f"{ZTC}/zaaktypen/{uuid.uuid4()}"
        st_urls = []
        for number, (naam, informeren, tekst, duur) in enumerate(statustypen, start=1):
            st_url = f"{ZTC}/statustypen/{uuid.uuid4()}"
            self.objects[st_url] = {
                "url": st_url, "zaaktype": url, "volgnummer": number, "omschrijving": naam, "omschrijvingGeneriek": naam,
                "statustekst": tekst, "informeren": informeren, "doorlooptijd": duur,
            }  # fmt: skip
            st_urls.append(st_url)
        rt_url = f"{ZTC}/resultaattypen/{uuid.uuid4()}"
        self.objects[rt_url] = {"url": rt_url, "zaaktype": url, "omschrijving": "Verleend"}
        self.objects[url] = {
            "url": url, "catalogus": f"{ZTC}/catalogussen/1", "identificatie": identificatie, "omschrijving": omschrijving,
            "doorlooptijd": doorlooptijd, "servicenorm": servicenorm, "statustypen": st_urls, "beginGeldigheid": begin,
            "vertrouwelijkheidaanduiding": "openbaar", "concept": False,
        }  # fmt: skip
        return Zaaktype(url, st_urls, rt_url)

    # ------------------------------------------------------------ Zaken: writes, each with its notification

    def _notify(self, zaak_url: str, resource: str, resource_url: str, actie: str, at: dt.datetime) -> dict:
        zaak = self.objects.get(zaak_url) or {}
        message = {
            "kanaal": "zaken", "hoofdObject": zaak_url, "resource": resource, "resourceUrl": resource_url, "actie": actie,
            "aanmaakdatum": iso(at),
            "kenmerken": {"bronorganisatie": "517439943", "zaaktype": zaak.get("zaaktype", ""), "vertrouwelijkheidaanduiding": "openbaar"},
        }  # fmt: skip
        self.messages.append(message)
        return message

    def _audit(self, zaak_url: str, resource: str, actie: str, at: dt.datetime, nieuw: dict | None) -> None:
        self.audit.setdefault(zaak_url, []).append(
            {"uuid": str(uuid.uuid4()), "bron": "zrc", "resource": resource, "actie": actie, "aanmaakdatum": iso(at), "hoofdObject": zaak_url,
             "gebruikersId": self.gebruiker, "wijzigingen": {"oud": None, "nieuw": json.loads(json.dumps(nieuw)) if nieuw else None}}
        )  # fmt: skip

    def create_zaak(self, zaaktype: Zaaktype, startdatum: str, at: str, identificatie: str, **fields) -> str:
        url = f"{ZRC}/zaken/{uuid.uuid4()}"
        start = dt.date.fromisoformat(startdatum)
        zt = self.objects[zaaktype.url]
        from shared.fields import add_duration

        zaak = {
            "url": url, "uuid": url.rsplit("/", 1)[1], "identificatie": identificatie, "bronorganisatie": "517439943",
            "omschrijving": f"Aanvraag van {BURGER}", "toelichting": f"BSN {BSN}", "zaaktype": zaaktype.url,
            "registratiedatum": startdatum, "startdatum": startdatum, "einddatum": None,
            "einddatumGepland": add_duration(start, zt["servicenorm"]).isoformat() if zt["servicenorm"] else None,
            "uiterlijkeEinddatumAfdoening": add_duration(start, zt["doorlooptijd"]).isoformat(),
            "verlenging": None, "opschorting": {"indicatie": False, "reden": ""}, "hoofdzaak": None,
            "status": None, "resultaat": None, "rollen": [], "zaakinformatieobjecten": [],
            "archiefnominatie": None, "archiefstatus": "nog_te_archiveren", "archiefactiedatum": None,
        }  # fmt: skip
        zaak.update(fields)
        self.objects[url] = zaak
        self._audit(url, "zaak", "create", moment(at), zaak)
        self._notify(url, "zaak", url, "create", moment(at))
        return url

    def update_zaak(self, zaak_url: str, at: str, **fields) -> dict:
        zaak = self.objects[zaak_url]
        zaak.update(fields)
        self._audit(zaak_url, "zaak", "partial_update", moment(at), zaak)
        return self._notify(zaak_url, "zaak", zaak_url, "partial_update", moment(at))

    def opschorten(self, zaak_url: str, at: str, indicatie: bool) -> dict:
        return self.update_zaak(zaak_url, at, opschorting={"indicatie": indicatie, "reden": "wacht op aanvulling" if indicatie else ""})

    def set_status(self, zaak_url: str, statustype: str, at: str, zaaktype: Zaaktype, registered: str | None = None) -> str:
        """A status with datumStatusGezet `at`, registered (created: audit trail and notification)
        at `registered` (default: `at`)."""
        url = f"{ZRC}/statussen/{uuid.uuid4()}"
        self.objects[url] = {"url": url, "uuid": url.rsplit("/", 1)[1], "zaak": zaak_url, "statustype": statustype, "datumStatusGezet": at,
                             "statustoelichting": f"Gebeld met {BURGER}"}  # fmt: skip
        zaak = self.objects[zaak_url]
        zaak["status"] = url
        if statustype == zaaktype.statustypen[-1]:
            zaak["einddatum"] = moment(at).date().isoformat()
        else:
            zaak["einddatum"] = None  # a reopen
        self._audit(zaak_url, "status", "create", moment(registered or at), self.objects[url])
        self._notify(zaak_url, "status", url, "create", moment(registered or at))
        return url

    def add_rol(
        self, zaak_url: str, betrokkene_type: str, generiek: str, identificatie: str, naam: str = "", at: str = "2026-03-01T08:00:00Z"
    ) -> str:
        url = f"{ZRC}/rollen/{uuid.uuid4()}"
        if betrokkene_type == "natuurlijk_persoon":
            ident = {"inpBsn": identificatie, "geslachtsnaam": naam, "voornamen": "Jan"}
        elif betrokkene_type == "medewerker":
            ident = {"identificatie": identificatie, "achternaam": naam, "voorletters": "P."}
        else:
            ident = {"identificatie": identificatie, "naam": naam, "isGehuisvestIn": ""}
        rol = {"url": url, "zaak": zaak_url, "betrokkene": "", "betrokkeneType": betrokkene_type, "omschrijvingGeneriek": generiek,
               "roltype": f"{ZTC}/roltypen/x", "roltoelichting": "", "registratiedatum": at, "betrokkeneIdentificatie": ident}  # fmt: skip
        return self._relate(zaak_url, "rol", "rollen", rol, at)

    def delete_rol(self, rol_url: str, at: str) -> dict:
        return self._unrelate(rol_url, "rol", "rollen", at)

    def _relate(self, zaak_url: str, resource: str, listed_as: str, body: dict, at: str) -> str:
        """A resource under the zaak, which lists it in `listed_as`: audited and notified."""
        self.objects[body["url"]] = body
        self.objects[zaak_url][listed_as].append(body["url"])
        self._audit(zaak_url, resource, "create", moment(at), body)
        self._notify(zaak_url, resource, body["url"], "create", moment(at))
        return body["url"]

    def _unrelate(self, url: str, resource: str, listed_as: str, at: str) -> dict:
        child = self.objects.pop(url)
        self.objects[child["zaak"]][listed_as].remove(url)
        return self._notify(child["zaak"], resource, url, "destroy", moment(at))

    def set_resultaat(self, zaak_url: str, zaaktype: Zaaktype, at: str) -> str:
        url = f"{ZRC}/resultaten/{uuid.uuid4()}"
        self.objects[url] = {"url": url, "zaak": zaak_url, "resultaattype": zaaktype.resultaattype, "toelichting": ""}
        self.objects[zaak_url]["resultaat"] = url
        self._notify(zaak_url, "resultaat", url, "create", moment(at))
        return url

    # ------------------------------------------------------------ documents

    def informatieobject(self, status: str = "definitief") -> str:
        """An enkelvoudiginformatieobject of the Documenten API (its changes send no message on
        kanaal `zaken`)."""
        url = f"{DRC}/enkelvoudiginformatieobjecten/{uuid.uuid4()}"
        self.objects[url] = {"url": url, "identificatie": "DOC", "titel": f"Brief aan {BURGER}", "status": status}
        return url

    def add_document(self, zaak_url: str, informatieobject: str, at: str) -> str:
        url = f"{ZRC}/zaakinformatieobjecten/{uuid.uuid4()}"
        zio = {"url": url, "uuid": url.rsplit("/", 1)[1], "zaak": zaak_url, "informatieobject": informatieobject, "titel": "",
               "beschrijving": "", "registratiedatum": at}  # fmt: skip
        return self._relate(zaak_url, "zaakinformatieobject", "zaakinformatieobjecten", zio, at)

    def delete_document(self, zio_url: str, at: str) -> dict:
        return self._unrelate(zio_url, "zaakinformatieobject", "zaakinformatieobjecten", at)

    def archiveer(self, zaak_url: str, at: str, documenten: bool = True) -> dict:
        """The zaak `gearchiveerd` (`documenten`: its informatieobjecten first, as zrc-022 asks)."""
        if documenten:
            for zio_url in self.objects[zaak_url]["zaakinformatieobjecten"]:
                self.objects[self.objects[zio_url]["informatieobject"]]["status"] = "gearchiveerd"
        return self.update_zaak(
            zaak_url, at, archiefnominatie="blijvend_bewaren", archiefstatus="gearchiveerd", archiefactiedatum="2046-01-01"
        )

    def delete_zaak(self, zaak_url: str, at: str) -> dict:
        message = self._notify(zaak_url, "zaak", zaak_url, "destroy", moment(at))
        for url, obj in list(self.objects.items()):
            if isinstance(obj, dict) and obj.get("zaak") == zaak_url:
                del self.objects[url]
        del self.objects[zaak_url]
        self.audit.pop(zaak_url, None)
        return message

    # ------------------------------------------------------------ HTTP

    def _page(self, request: httpx.Request, items: list[dict]) -> httpx.Response:
        query = parse_qs(request.url.query.decode())
        page = int(query.get("page", ["1"])[0])
        chunk = items[(page - 1) * self.page_size : page * self.page_size]
        base = str(request.url.copy_remove_param("page"))
        last = max(1, -(-len(items) // self.page_size))
        body = {
            "count": len(items),
            "next": str(httpx.URL(base).copy_set_param("page", page + 1)) if page < last else None,
            "previous": None,
            "results": chunk,
        }
        return httpx.Response(200, json=body)

    def _shown(self, zaak: dict) -> dict:
        return zaak if self.toont_documenten else {k: v for k, v in zaak.items() if k != "zaakinformatieobjecten"}

    def _expanded(self, zaak: dict, expand: str | None) -> dict | None:
        """A zaak with `expand` as `self.expand` answers it; None: refused."""
        if not expand:
            return zaak
        if self.expand == "refuse":
            return None
        if self.expand == "status" and "status" in expand.split(","):
            return {**zaak, "_expand": {"status": self.objects[zaak["status"]]} if zaak.get("status") else {}}
        return zaak

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        url = str(request.url)
        self.requested.append(url)
        if any(url.startswith(prefix) for prefix in self.down):
            return httpx.Response(503, json={"detail": "down"})
        if any(url.startswith(prefix) for prefix in self.forbidden):
            return httpx.Response(403, json={"detail": "forbidden"})
        if not request.headers.get("authorization", "").startswith("Bearer "):
            return httpx.Response(401, json={"detail": "no token"})
        parts = urlsplit(url)
        bare = f"{parts.scheme}://{parts.netloc}{parts.path}"
        query = parse_qs(parts.query)
        if bare.endswith("/audittrail"):
            zaak_url = bare[: -len("/audittrail")]
            if zaak_url not in self.objects:
                return httpx.Response(404, json={"detail": "not found"})
            return httpx.Response(200, json=self.audit.get(zaak_url, []))
        for collection in ("statussen", "rollen", "resultaten"):
            if bare == f"{ZRC}/{collection}":
                zaak = query.get("zaak", [None])[0]
                items = [
                    o
                    for u, o in sorted(self.objects.items())
                    if u.startswith(f"{ZRC}/{collection}/") and (zaak is None or o.get("zaak") == zaak)
                ]
                return self._page(request, items)
        if bare == f"{ZRC}/zaakinformatieobjecten":  # not paginated, as the standard
            zaak = query.get("zaak", [None])[0]
            items = [o for u, o in sorted(self.objects.items()) if u.startswith(f"{bare}/") and zaak in (None, o["zaak"])]
            return httpx.Response(200, json=items)
        if bare == f"{ZRC}/zaken":
            zaaktype = query.get("zaaktype", [None])[0]
            items = [
                self._shown(o)
                for u, o in sorted(self.objects.items())
                if u.startswith(f"{ZRC}/zaken/") and (zaaktype is None or o["zaaktype"] == zaaktype)
            ]
            return self._page(request, items)
        if request.method == "POST" and bare == f"{ZRC}/zaken/_zoek":
            if self.search == "refuse":
                return httpx.Response(404, json={"detail": "not found"})
            search = json.loads(request.content)
            wanted = None if self.search == "ignore" else {u.lower() for u in search.get("uuid__in") or []}
            items = []
            for u, o in sorted(self.objects.items()):
                if u.startswith(f"{ZRC}/zaken/") and (wanted is None or u.rsplit("/", 1)[-1] in wanted):
                    zaak = self._expanded(self._shown(o), search.get("expand"))
                    if zaak is None:
                        return httpx.Response(400, json={"invalidParams": [{"name": "expand", "code": "unknown-parameters"}]})
                    items.append(zaak)
            return self._page(request, items)
        if bare in self.objects:
            body = self._shown(self.objects[bare]) if bare.startswith(f"{ZRC}/zaken/") else self.objects[bare]
            if "expand" in query and bare.startswith(f"{ZRC}/zaken/"):
                body = self._expanded(body, query["expand"][0])
                if body is None:
                    return httpx.Response(400, json={"invalidParams": [{"name": "expand", "code": "unknown-parameters"}]})
            return httpx.Response(200, json=body, headers={"ETag": f'"{hash(json.dumps(self.objects[bare], sort_keys=True))}"'})
        return httpx.Response(404, json={"detail": "not found"})
