"""The kernel taking autorisaties from an Autorisaties API (shared/autorisaties.py): a throwaway
service built with the kernel asks the Autorisaties service of this test session in-process.

Cache expiry (a fake clock), invalidation by the `autorisaties` notification on the callback,
failing closed (503) when the API is unusable, and who is asked what."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated

import httpx
import pytest
from fastapi import APIRouter, Depends
from fastapi.testclient import TestClient

from shared.app import ApiInfo, create_service_app
from shared.auth import (
    Autorisatie,
    FileAutorisaties,
    Principal,
    make_token,
    require_scopes,
)
from shared.autorisaties import (
    ApiAutorisaties,
    AutorisatiesApiClient,
    autorisaties_source,
)
from shared.db import Database
from shared.http import json_response
from tests.autorisaties.helpers import CATALOGUS, ZAAKTYPE, create_applicatie, zrc
from tests.conftest import SECRET, auth_header
from tests.standins.inprocess import AppTransport

API_ROOT = "/dingen/api/v1"
AC_URL = "http://testserver/autorisaties/api/v1"

router = APIRouter()


@router.get("/dingen", operation_id="ding_list")
def ding_list(principal: Annotated[Principal, Depends(require_scopes("zrc", "zaken.lezen"))]):
    return json_response(
        [
            {"zaaktype": a.zaaktype, "catalogus": a.catalogus, "max": a.max_vertrouwelijkheidaanduiding, "scopes": sorted(a.scopes)}
            for a in principal.applicatie.autorisaties
        ]
    )


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class CountingLookup:
    """The HTTP client to the Autorisaties API, counting what it is asked."""

    def __init__(self, client):
        self.client = client
        self.asked: list[str] = []

    def __call__(self, client_id: str):
        self.asked.append(client_id)
        return self.client(client_id)


class Failing(httpx.BaseTransport):
    def __init__(self, status: int | None = None):
        self.status = status

    def handle_request(self, request):
        if self.status is None:
            raise httpx.ConnectError("connection refused", request=request)
        return httpx.Response(self.status, json={"detail": "kapot"})


@pytest.fixture
def service(autorisaties, autorisaties_app, autorisaties_kernel, tmp_path):
    """(client of the throwaway service, its source, the lookup, the clock); the service signs its
    calls to the Autorisaties API as the bootstrap client `alles`."""
    clock = Clock()
    api = AutorisatiesApiClient(AC_URL, client_id="alles", secret=SECRET, transport=AppTransport(autorisaties_app))
    lookup = CountingLookup(api)
    kernel = autorisaties_kernel.model_copy(update={"autorisaties_callback_token": ""})
    source = ApiAutorisaties(FileAutorisaties(kernel), lookup, cache_seconds=5, clock=clock, on_close=api.close)
    database = Database(f"sqlite:///{tmp_path / 'dingen.db'}")
    app = create_service_app(
        ApiInfo("Dingen", "1.0.0", API_ROOT, "Dingen"),
        database=database,
        routers=[router],
        tags=[{"name": "dingen"}],
        kernel=kernel,
        autorisaties=source,
    )
    with TestClient(app) as client:
        yield client, source, lookup, clock
    database.dispose()


def get(client, client_id: str = "consument", **claims):
    return client.get(f"{API_ROOT}/dingen", headers=auth_header(client_id, **claims))


def notify(client, headers=None, kanaal="autorisaties"):
    message = {
        "kanaal": kanaal,
        "hoofdObject": f"{AC_URL}/applicaties/x",
        "resource": "applicatie",
        "resourceUrl": f"{AC_URL}/applicaties/x",
        "actie": "update",
        "aanmaakdatum": "2024-01-01T00:00:00Z",
        "kenmerken": {},
    }
    return client.post(f"{API_ROOT}/callbacks/autorisaties", json=message, headers=auth_header("alles") if headers is None else headers)


def test_rights_come_from_the_api(service, autorisaties):
    client, _, lookup, _ = service
    create_applicatie(autorisaties, client_ids=["consument"], autorisaties=[zrc(maximum="intern")])
    response = get(client)
    assert response.status_code == 200, response.text
    assert response.json() == [{"zaaktype": ZAAKTYPE, "catalogus": None, "max": "intern", "scopes": ["zaken.lezen"]}]
    assert lookup.asked == ["consument"]


def test_without_applicatie_no_rights(service):
    client, _, lookup, _ = service
    response = get(client, "zonder-applicatie")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert lookup.asked == ["zonder-applicatie"]


def test_scopes_of_another_component_give_nothing(service, autorisaties):
    client, _, _, _ = service
    create_applicatie(autorisaties, client_ids=["consument"], autorisaties=[{"component": "ztc", "scopes": ["zaken.lezen"]}])
    assert get(client).status_code == 403


def test_bootstrap_rights_of_the_file_never_ask_the_api(service):
    client, _, lookup, _ = service
    assert get(client, "alles").status_code == 200
    assert get(client, "lezer").status_code == 403  # the file's own (ztc) rights
    assert lookup.asked == []


def test_unknown_or_unsigned_clients_never_ask_the_api(service):
    client, _, lookup, _ = service
    unknown = get(client, "onbekend")
    assert unknown.status_code == 401 and unknown.json()["code"] == "not_authenticated"
    forged = client.get(f"{API_ROOT}/dingen", headers={"Authorization": f"Bearer {make_token('consument', 'fout')}"})
    assert forged.status_code == 401
    assert lookup.asked == []


def test_cache_holds_for_its_seconds_then_asks_again(service, autorisaties):
    client, _, lookup, clock = service
    assert get(client).status_code == 403  # no applicatie yet: remembered too
    create_applicatie(autorisaties, client_ids=["consument"], autorisaties=[zrc()])
    clock.now += 4.9
    assert get(client).status_code == 403
    assert lookup.asked == ["consument"]
    clock.now += 0.2
    assert get(client).status_code == 200
    assert lookup.asked == ["consument", "consument"]
    assert get(client).status_code == 200
    assert len(lookup.asked) == 2


def test_a_request_waits_in_a_thread_only_for_rights_to_look_up(service, autorisaties):
    """`authenticate(may_wait=False)` (a request on the event loop) uses the rights at hand and
    asks nothing: None where a lookup is needed, which the request then makes from a thread."""
    client, _, lookup, _ = service
    authenticator = client.app.state.authenticator
    create_applicatie(autorisaties, client_ids=["consument"], autorisaties=[zrc()])
    header = auth_header("consument")["Authorization"]
    assert authenticator.authenticate(header, may_wait=False) is None
    assert lookup.asked == []
    assert get(client).status_code == 200
    assert lookup.asked == ["consument"]
    assert authenticator.authenticate(header, may_wait=False).applicatie.autorisaties[0].zaaktype == ZAAKTYPE
    assert authenticator.authenticate(auth_header("alles")["Authorization"], may_wait=False).client_id == "alles"  # the file's rights
    assert lookup.asked == ["consument"]


def test_a_kept_token_past_its_age_is_a_401(service, monkeypatch):
    """The kept (verified) token is checked for its age at every request: 401 not_authenticated."""
    client, _, _, _ = service
    headers = auth_header("alles")
    assert client.get(f"{API_ROOT}/dingen", headers=headers).status_code == 200
    later = time.time() + 3600 + 6  # ZGW_JWT_MAX_AGE + ZGW_JWT_LEEWAY have passed
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get(f"{API_ROOT}/dingen", headers=headers)
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


def test_notification_empties_the_cache(service, autorisaties, autorisaties_outbox):
    client, _, lookup, _ = service
    created = create_applicatie(autorisaties, client_ids=["consument"], autorisaties=[zrc()])
    assert get(client).status_code == 200
    autorisaties.delete(created["url"])
    assert get(client).status_code == 200  # cached
    # the Autorisaties API's own message, as its dispatcher delivers it
    message = autorisaties_outbox()[-1]
    assert message["actie"] == "destroy"
    response = client.post(f"{API_ROOT}/callbacks/autorisaties", json=message, headers=auth_header("alles"))
    assert response.status_code == 204
    assert get(client).status_code == 403
    assert lookup.asked == ["consument", "consument"]


def test_other_kanalen_leave_the_cache(service, autorisaties):
    client, _, lookup, _ = service
    create_applicatie(autorisaties, client_ids=["consument"], autorisaties=[zrc()])
    get(client)
    assert notify(client, kanaal="zaken").status_code == 204
    get(client)
    assert lookup.asked == ["consument"]


def test_callback_needs_a_known_client(service):
    client, _, _, _ = service
    assert notify(client, headers={}).status_code == 401
    assert notify(client, headers=auth_header("onbekend")).status_code == 401
    # authentication only: a client without rights may deliver the notification
    assert notify(client, headers=auth_header("zonder-applicatie")).status_code == 204
    bad = client.post(
        f"{API_ROOT}/callbacks/autorisaties", content=b"{", headers={**auth_header("alles"), "Content-Type": "application/json"}
    )
    assert bad.status_code == 400


def test_callback_with_a_configured_token(autorisaties_kernel, tmp_path):
    kernel = autorisaties_kernel.model_copy(update={"autorisaties_callback_token": "geheim-token"})
    source = ApiAutorisaties(FileAutorisaties(kernel), lambda client_id: None)
    invalidated = []
    source.invalidate = lambda: invalidated.append(True)  # type: ignore[method-assign]
    database = Database(f"sqlite:///{tmp_path / 'token.db'}")
    app = create_service_app(
        ApiInfo("Dingen", "1.0.0", API_ROOT, "Dingen"), database=database,
        routers=[router], tags=[], kernel=kernel, autorisaties=source,
    )  # fmt: skip
    with TestClient(app) as client:
        assert notify(client, headers={"Authorization": "Bearer fout"}).status_code == 401
        assert notify(client, headers=auth_header("alles")).status_code == 401  # a JWT is not the token
        assert notify(client, headers={"Authorization": "Bearer geheim-token"}).status_code == 204
        assert notify(client, headers={"Authorization": "geheim-token"}).status_code == 204
    assert invalidated == [True, True]
    database.dispose()


@pytest.mark.parametrize("failure", [None, 500, 403, 400], ids=["unreachable", "500", "403-wrong-credentials", "400"])
def test_fail_closed_when_the_api_is_unusable(service, failure):
    client, source, _, _ = service
    source.lookup = AutorisatiesApiClient(AC_URL, client_id="alles", secret=SECRET, transport=Failing(failure))
    response = get(client)
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "service_unavailable" and body["title"] == "De Autorisaties API is niet bereikbaar."
    # bootstrap clients keep working
    assert get(client, "alles").status_code == 200


def test_no_stale_rights_after_expiry_when_the_api_is_down(service, autorisaties):
    client, source, _, clock = service
    create_applicatie(autorisaties, client_ids=["consument"], autorisaties=[zrc()])
    assert get(client).status_code == 200
    source.lookup = AutorisatiesApiClient(AC_URL, client_id="alles", secret=SECRET, transport=Failing())
    assert get(client).status_code == 200  # within the cache period
    clock.now += 6
    assert get(client).status_code == 503
    assert get(client).status_code == 503  # an error is not cached as "no rights"


def test_own_credentials_unknown_to_the_api_fail_closed(service, autorisaties):
    """The service signs as a client the Autorisaties API does not know: 401 there, 503 here."""
    client, source, _, _ = service
    create_applicatie(autorisaties, client_ids=["consument"], autorisaties=[zrc()])
    source.lookup = AutorisatiesApiClient(AC_URL, client_id="consument-2", secret="fout", transport=source.lookup.client._client._transport)
    assert get(client).status_code == 503


def test_catalogus_autorisatie_reaches_the_principal(service, autorisaties):
    client, _, _, _ = service
    create_applicatie(
        autorisaties,
        client_ids=["consument"],
        autorisaties=[{"component": "zrc", "scopes": ["zaken.lezen"], "catalogus": CATALOGUS, "maxVertrouwelijkheidaanduiding": "geheim"}],
    )
    assert get(client).json() == [{"zaaktype": None, "catalogus": CATALOGUS, "max": "geheim", "scopes": ["zaken.lezen"]}]


# ---------------------------------------------------------------- units


def test_settings_choose_the_source(autorisaties_kernel):
    assert isinstance(autorisaties_source(autorisaties_kernel), FileAutorisaties)
    kernel = autorisaties_kernel.model_copy(update={"autorisaties_api_url": AC_URL, "autorisaties_cache_seconds": 2.5})
    source = autorisaties_source(kernel)
    assert isinstance(source, ApiAutorisaties) and source.cache_seconds == 2.5
    # its own credentials default to the demo applicatie's
    assert (source.lookup.client_id, source.lookup.secret) == (kernel.demo_client_id, kernel.demo_client_secret)
    source.close()


def test_the_published_list_shape_is_understood():
    applicatie = {"clientIds": ["a"], "label": "A", "heeftAlleAutorisaties": False, "autorisaties": [zrc()]}

    def answer(request):
        assert request.url.params["clientId"] == "a"
        assert request.headers["Authorization"].startswith("Bearer ")
        return httpx.Response(200, json=[applicatie])

    client = AutorisatiesApiClient(AC_URL, client_id="x", secret="y", transport=httpx.MockTransport(answer))
    assert client("a") == applicatie
    client = AutorisatiesApiClient(AC_URL, client_id="x", secret="y", transport=httpx.MockTransport(lambda r: httpx.Response(200, json=[])))
    assert client("a") is None


def test_an_answer_for_another_client_is_refused():
    other = {"clientIds": ["b"], "label": "B", "heeftAlleAutorisaties": True, "autorisaties": []}
    client = AutorisatiesApiClient(
        AC_URL, client_id="x", secret="y", transport=httpx.MockTransport(lambda r: httpx.Response(200, json=other))
    )
    with pytest.raises(Exception) as raised:
        client("a")
    assert getattr(raised.value, "status", None) == 503


def test_a_lookup_overtaken_by_an_invalidation_is_not_cached(autorisaties_kernel):
    calls = []

    def lookup(client_id):
        calls.append(client_id)
        if len(calls) == 1:
            source.invalidate()  # the notification arrives while the first answer is on its way
        return {"clientIds": [client_id], "label": "c", "heeftAlleAutorisaties": True, "autorisaties": []}

    source = ApiAutorisaties(FileAutorisaties(autorisaties_kernel), lookup, cache_seconds=60)
    secret_only = source.by_client_id("consument")
    assert source.rights("consument", secret_only).heeft_alle_autorisaties
    source.rights("consument", secret_only)
    assert calls == ["consument", "consument"]
    source.rights("consument", secret_only)
    assert len(calls) == 2


def test_concurrent_requests_share_one_lookup(autorisaties_kernel):
    """When the entry expires under load, the requests that find it expired wait for one lookup
    instead of each sending their own."""
    calls, release = [], threading.Event()

    def lookup(client_id):
        calls.append(client_id)
        release.wait(5)
        return {"clientIds": [client_id], "label": "c", "heeftAlleAutorisaties": True, "autorisaties": []}

    source = ApiAutorisaties(FileAutorisaties(autorisaties_kernel), lookup, cache_seconds=60)
    secret_only = source.by_client_id("consument")
    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(source.rights, "consument", secret_only) for _ in range(8)]
        time.sleep(0.2)  # all eight are waiting: one in the lookup, seven for it
        release.set()
        assert all(f.result(timeout=5).heeft_alle_autorisaties for f in futures)
    assert calls == ["consument"]


def test_autorisatie_dataclass_has_catalogus():
    assert Autorisatie(component="zrc", scopes=frozenset(), catalogus=CATALOGUS).catalogus == CATALOGUS
