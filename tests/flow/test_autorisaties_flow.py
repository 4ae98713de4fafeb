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
import os
import time
from pathlib import Path

import pytest
import yaml

from tests.conftest import DB_BACKENDS, migrated_database
from tests.delivery.conftest import FAST, wait_until
from tests.flow.test_zaken_flow import CRS, Api, Service, catalogus, published_zaaktype, zaak_body

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


class Stack:
    def __init__(self, backend: str, tmp: Path, tmp_path_factory):
        self.started: list[Service] = []
        self.cleanups: list = []
        urls = {}
        for name in ("autorisaties", "catalogi", "zaken"):
            urls[name], cleanup = migrated_database(name, backend, tmp_path_factory)
            self.cleanups.append(cleanup)
        applicaties = tmp / "applicaties.yaml"
        applicaties.write_text(yaml.safe_dump(APPLICATIES))
        common = {
            **os.environ,
            **FAST,
            "PYTHONUNBUFFERED": "1",
            "ZGW_AUTORISATIES_FILE": str(applicaties),
            "ZGW_DEMO_ENABLED": "false",
        }
        self.ac = Service("autorisaties", tmp, {})
        uses_ac = {
            "ZGW_AUTORISATIES_API_URL": self.ac.root,
            "ZGW_AUTORISATIES_API_CLIENT_ID": "zgw-services",
            "ZGW_AUTORISATIES_API_SECRET": SERVICES_SECRET,
            "ZGW_AUTORISATIES_CACHE_SECONDS": str(CACHE_SECONDS),
            "ZGW_AUTORISATIES_CALLBACK_TOKEN": CALLBACK_TOKEN,
            "ZGW_REMOTE_TIMEOUT": "1.0",
        }
        self.catalogi = Service(
            "catalogi",
            tmp,
            {**common, **uses_ac, "CATALOGI_DATABASE_URL": urls["catalogi"], "CATALOGI_SELECTIELIJST_VALIDATION": "false"},
        )
        self.zaken = Service(
            "zaken",
            tmp,
            {
                **common,
                **uses_ac,
                "ZAKEN_DATABASE_URL": urls["zaken"],
                "ZAKEN_CLIENT_ID": "zaken-service",
                "ZAKEN_SECRET": ZAKEN_SERVICE_SECRET,
            },
        )
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
        self.ac.env = {
            **common,
            "AUTORISATIES_DATABASE_URL": urls["autorisaties"],
            "ZGW_NOTIFICATION_TARGETS": json.dumps({"targets": targets}),
        }

    def start(self) -> "Stack":
        for service in (self.ac, self.catalogi, self.zaken):
            self.started.append(service.launch())
        for service in self.started:
            service.wait_ready()
        self.admin_ac = Api(self.ac.root, self.ac.log)
        self.admin_ztc = Api(self.catalogi.root, self.catalogi.log)
        self.admin_zrc = Api(self.zaken.root, self.zaken.log, headers=CRS)
        self.ztc = Api(self.catalogi.root, self.catalogi.log, client_id="beperkt", secret=BEPERKT_SECRET)
        self.zrc = Api(self.zaken.root, self.zaken.log, client_id="beperkt", secret=BEPERKT_SECRET, headers=CRS)
        return self

    def stop(self) -> None:
        for name in ("admin_ac", "admin_ztc", "admin_zrc", "ztc", "zrc"):
            api = getattr(self, name, None)
            if api:
                api.close()
        for service in reversed(self.started):
            service.stop()
        for cleanup in self.cleanups:
            cleanup()


@pytest.fixture(params=DB_BACKENDS)
def stack(request, tmp_path, tmp_path_factory):
    stack = Stack(request.param, tmp_path, tmp_path_factory)
    try:
        yield stack.start()
    finally:
        stack.stop()


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
        callback = Api(service.root, service.log)
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
