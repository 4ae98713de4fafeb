"""Autorisaties, Catalogi and Zaken as three real processes (`zgw serve`), each with a database of
its own, over real HTTP: Catalogi and Zaken take the rights of a secret-only client from the
Autorisaties process (ZGW_AUTORISATIES_API_URL), and the Autorisaties process delivers its
`autorisaties` notifications to their callbacks (webhook targets, kanaal `autorisaties`), as
`zgw run` wires them.

The services cache a looked-up applicatie for 60 s here (ZGW_AUTORISATIES_CACHE_SECONDS), so a
change that shows within 2 s can only have come through the notification. An administrator from
the file (all rights, never looked up) gives a limited client one zaaktype up to `openbaar`, widens
and narrows that and deletes it; the limited client's list, detail, expand and `_zoek` follow at
once. With the Autorisaties API gone, the limited client's requests fail closed (503) as soon as
the cache is emptied, and the administrator carries on."""

import json
import time
from pathlib import Path

import pytest

from tests.delivery.conftest import wait_until
from tests.flow.test_zaken_flow import catalogus, published_zaaktype, zaak_body
from tests.processes import CRS, Api, Processes, stack_fixture

# real processes (`make test-fast` leaves them out)
pytestmark = pytest.mark.processes

SECRET = "flow-secret"
BEPERKT_SECRET = "beperkt-secret"
SERVICES_SECRET = "zgw-services-secret"
ZAKEN_SERVICE_SECRET = "zaken-service-secret"
CALLBACK_TOKEN = "flow-callback-token"
CACHE_SECONDS = 60
# far below the cache period, so only the notification explains it (~0.1 s on an idle machine;
# the margin is for a test run sharing the cores)
FOLLOW_WITHIN = CACHE_SECONDS / 10

APPLICATIES = {
    "applicaties": [
        # the administrator that fills the Autorisaties API: rights in the file, never looked up
        {"label": "Beheer", "clientIds": ["alles"], "secret": SECRET, "heeftAlleAutorisaties": True},
        # Catalogi and Zaken towards the Autorisaties API (ZGW_AUTORISATIES_API_CLIENT_ID)
        {
            "label": "ZGW services",
            "clientIds": ["zgw-services"],
            "secret": SERVICES_SECRET,
            "autorisaties": [{"component": "ac", "scopes": ["autorisaties.lezen"]}],
        },
        # the Zaken service reading the Catalogi API
        {
            "label": "Zaken API",
            "clientIds": ["zaken-service"],
            "secret": ZAKEN_SERVICE_SECRET,
            "autorisaties": [{"component": "ztc", "scopes": ["catalogi.lezen"]}],
        },
        # secret only: its rights come from the Autorisaties API
        {"label": "Taakapplicatie", "clientIds": ["beperkt"], "secret": BEPERKT_SECRET},
    ]
}


class Stack(Processes):
    def __init__(self, backend: str, tmp: Path, tmp_path_factory):
        super().__init__(backend, tmp, tmp_path_factory, APPLICATIES)
        uses_ac = {
            "ZGW_AUTORISATIES_API_CLIENT_ID": "zgw-services",
            "ZGW_AUTORISATIES_API_SECRET": SERVICES_SECRET,
            "ZGW_AUTORISATIES_CACHE_SECONDS": str(CACHE_SECONDS),
            "ZGW_AUTORISATIES_CALLBACK_TOKEN": CALLBACK_TOKEN,
            "ZGW_REMOTE_TIMEOUT": "1.0",
        }
        self.ac = self.service("autorisaties")
        uses_ac["ZGW_AUTORISATIES_API_URL"] = self.ac.root
        self.catalogi = self.service("catalogi", CATALOGI_SELECTIELIJST_VALIDATION="false", **uses_ac)
        self.zaken = self.service("zaken", ZAKEN_CLIENT_ID="zaken-service", ZAKEN_SECRET=ZAKEN_SERVICE_SECRET, **uses_ac)
        # what `zgw run` gives the Autorisaties service: its notifications to the callbacks
        targets = [
            {
                "name": f"{service.name}-autorisaties",
                "type": "webhook",
                "url": f"{service.root}/callbacks/autorisaties",
                "authorization": f"Bearer {CALLBACK_TOKEN}",
                "kanalen": ["autorisaties"],
            }
            for service in (self.catalogi, self.zaken)
        ]
        self.ac.env["ZGW_NOTIFICATION_TARGETS"] = json.dumps({"targets": targets})

    def connect(self) -> None:
        self.admin_ac = self.api(self.ac, "alles", SECRET)
        self.admin_ztc = self.api(self.catalogi, "alles", SECRET)
        self.admin_zrc = self.api(self.zaken, "alles", SECRET, headers=CRS)
        self.ztc = self.api(self.catalogi, "beperkt", BEPERKT_SECRET)
        self.zrc = self.api(self.zaken, "beperkt", BEPERKT_SECRET, headers=CRS)


stack = stack_fixture(Stack)


def _follows(predicate, what: str, stack: Stack) -> None:
    """Waits until `predicate` holds; fails when that takes longer than FOLLOW_WITHIN."""
    assert wait_until(predicate, timeout=FOLLOW_WITHIN, interval=0.02), (
        f"{what}: not within {FOLLOW_WITHIN} s\n{stack.ac.output()[-3000:]}\n{stack.zaken.output()[-3000:]}"
    )


def test_the_next_request_follows_the_autorisaties_api(stack):
    ac, zrc, ztc = stack.admin_ac, stack.zrc, stack.ztc
    catalogus_url = catalogus(stack.admin_ztc)
    mine = published_zaaktype(stack.admin_ztc, catalogus_url, "FLOW-MIJN")["zaaktype"]
    other = published_zaaktype(stack.admin_ztc, catalogus_url, "FLOW-ANDER")["zaaktype"]
    zaken = {
        "mine_intern": stack.admin_zrc.created("/zaken", {**zaak_body(mine), "vertrouwelijkheidaanduiding": "intern"}),
        "other_openbaar": stack.admin_zrc.created("/zaken", {**zaak_body(other), "vertrouwelijkheidaanduiding": "openbaar"}),
    }
    related = [{"url": z["url"], "aardRelatie": "vervolg"} for z in zaken.values()]
    zaken["mine_openbaar"] = stack.admin_zrc.created(
        "/zaken", {**zaak_body(mine), "vertrouwelijkheidaanduiding": "openbaar", "relevanteAndereZaken": related}
    )
    url = {key: zaak["url"] for key, zaak in zaken.items()}

    def listed() -> set[str] | None:
        response = zrc.get("/zaken")
        return {z["url"] for z in response.json()["results"]} if response.status_code == 200 else None

    def searched() -> set[str]:
        response = zrc.post("/zaken/_zoek", json={})
        assert response.status_code == 200, response.text
        return {z["url"] for z in response.json()["results"]}

    def expanded() -> list[str]:
        response = zrc.get(url["mine_openbaar"], params={"expand": "relevanteAndereZaken"})
        assert response.status_code == 200, response.text
        return [z["url"] for z in response.json()["_expand"]["relevanteAndereZaken"]]

    def status(key: str) -> int:
        return zrc.get(url[key]).status_code

    # the callback is no way to make a service forget without the token
    for token in (None, "Bearer fout"):
        headers = {"Authorization": token} if token else {}
        refused = zrc.http.post(f"{stack.zaken.root}/callbacks/autorisaties", json={"kanaal": "autorisaties"}, headers=headers)
        assert refused.status_code == 401, refused.text

    # no applicatie in the Autorisaties API yet: authenticated, but no rights (and that is cached)
    forbidden = zrc.get("/zaken")
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "permission_denied", forbidden.text
    assert ztc.get("/zaaktypen").status_code == 403

    # a limited applicatie: one zaaktype, up to openbaar
    applicatie = ac.created(
        "/applicaties",
        {
            "clientIds": ["beperkt"],
            "label": "Taakapplicatie",
            "autorisaties": [
                {"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": mine, "maxVertrouwelijkheidaanduiding": "openbaar"},
                {"component": "ztc", "scopes": ["catalogi.lezen"]},
            ],
        },
    )
    _follows(lambda: listed() == {url["mine_openbaar"]}, "the create", stack)
    assert searched() == {url["mine_openbaar"]}
    assert status("mine_openbaar") == 200
    for hidden in ("mine_intern", "other_openbaar"):
        response = zrc.get(url[hidden])
        assert response.status_code == 403 and response.json()["code"] == "permission_denied", response.text
    assert expanded() == []
    listed_expanded = zrc.get("/zaken", params={"expand": "relevanteAndereZaken"}).json()["results"]
    assert [r["_expand"]["relevanteAndereZaken"] for r in listed_expanded] == [[]]
    _follows(lambda: ztc.get("/zaaktypen").status_code == 200, "the create in Catalogi", stack)  # its own notification

    # widen: up to intern
    widened = ac.request(
        "PATCH",
        applicatie["url"],
        json={"autorisaties": [
            {"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": mine, "maxVertrouwelijkheidaanduiding": "intern"},
            {"component": "ztc", "scopes": ["catalogi.lezen"]},
        ]},
    )  # fmt: skip
    assert widened.status_code == 200, widened.text
    _follows(lambda: listed() == {url["mine_openbaar"], url["mine_intern"]}, "the widening", stack)  # only the notification explains it
    assert searched() == {url["mine_openbaar"], url["mine_intern"]}
    assert status("mine_intern") == 200 and status("other_openbaar") == 403
    assert expanded() == [url["mine_intern"]]

    # narrow again: openbaar
    narrowed = ac.request(
        "PATCH",
        applicatie["url"],
        json={
            "autorisaties": [
                {"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": mine, "maxVertrouwelijkheidaanduiding": "openbaar"}
            ]
        },
    )
    assert narrowed.status_code == 200, narrowed.text
    _follows(lambda: status("mine_intern") == 403, "the narrowing", stack)
    assert listed() == {url["mine_openbaar"]}
    assert searched() == {url["mine_openbaar"]}
    assert expanded() == []
    _follows(lambda: ztc.get("/zaaktypen").status_code == 403, "the narrowing in Catalogi", stack)

    # delete: 403 everywhere
    deleted = ac.request("DELETE", applicatie["url"])
    assert deleted.status_code == 204, deleted.text
    _follows(lambda: status("mine_openbaar") == 403, "the delete", stack)
    response = zrc.get("/zaken")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert zrc.post("/zaken/_zoek", json={}).status_code == 403

    # the Autorisaties API gone: the cached answer holds at most the cache period (here: until the
    # notification callback empties it, as a Notificaties API would on any `autorisaties` message)
    stack.ac.stop()
    assert zrc.get("/zaken").status_code == 403  # cached: no applicatie
    for service in (stack.zaken, stack.catalogi):
        callback = Api(service.root, service.log, "alles", SECRET)
        emptied = callback.http.post(
            f"{service.root}/callbacks/autorisaties",
            json={"kanaal": "autorisaties", "hoofdObject": applicatie["url"], "resource": "applicatie",
                  "resourceUrl": applicatie["url"], "actie": "update", "aanmaakdatum": "2026-01-05T10:00:00Z", "kenmerken": {}},
            headers={"Authorization": f"Bearer {CALLBACK_TOKEN}"},
        )  # fmt: skip
        callback.close()
        assert emptied.status_code == 204, emptied.text
    started = time.monotonic()
    for response in (zrc.get("/zaken"), zrc.get(url["mine_openbaar"]), zrc.post("/zaken/_zoek", json={}), ztc.get("/zaaktypen")):
        assert response.status_code == 503, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["code"] == "service_unavailable"
    assert time.monotonic() - started < 4.0  # connection refused: no waiting for a timeout
    # rights from the file do not depend on the Autorisaties API
    assert stack.admin_zrc.get("/zaken").json()["count"] == 3
    assert stack.admin_ztc.get("/zaaktypen").status_code == 200
