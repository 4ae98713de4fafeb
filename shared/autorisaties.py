"""What an applicatie may do, from an Autorisaties API (AC); its secret from the kernel's configuration.

Configuration (`KernelSettings`, README "Autorisaties"):

    ZGW_AUTORISATIES_FILE            clientIds + secret per applicatie (and the bootstrap applicaties)
    ZGW_AUTORISATIES_API_URL         e.g. http://127.0.0.1:8004/autorisaties/api/v1 (unset: the file alone)
    ZGW_AUTORISATIES_API_CLIENT_ID   this service's own credentials towards that API
    ZGW_AUTORISATIES_API_SECRET        (empty: the demo applicatie's)
    ZGW_AUTORISATIES_CACHE_SECONDS   5: how long a looked-up applicatie is used
    ZGW_AUTORISATIES_CALLBACK_TOKEN  what the notification callback requires (below)

With the API configured (`ApiAutorisaties`):

- A client_id in neither the file nor the demo: 401 `not_authenticated`, as always (without a
  secret no token can be verified; the API holds no secrets).
- A file entry that states rights (`heeftAlleAutorisaties: true`, or `autorisaties`) keeps them and
  the API is never asked about it: the bootstrap applicaties (the administrator that fills the
  Autorisaties API, the services' own clients, the demo).
- A file entry with only `clientIds` + `secret` gets its rights from
  `GET {api}/applicaties/consumer?clientId=...` (a JWT of this service's own credentials), asked
  only after the token's signature was verified. 404 (no applicatie): authenticated without
  rights, so 403 `permission_denied` on every operation.
- The API unreachable, too slow, or answering anything but 200/404 (a 401/403 means our own
  credentials are wrong): 503 `service_unavailable`. Fail closed: never open, never older than
  the cache.

Cache: per client_id for `ZGW_AUTORISATIES_CACHE_SECONDS`; an `autorisaties` notification empties
it. Every service built with `shared.app.create_service_app` has the callback for that:

    POST {api root}/callbacks/autorisaties      (not in the contract; 204 for any kanaal)

It accepts a Notificaties API message; `kanaal: autorisaties` empties the cache. Authorization:
exactly `ZGW_AUTORISATIES_CALLBACK_TOKEN` (or `Bearer <token>`) when that is set (the static `auth`
of an abonnement at a Notificaties API), else a valid ZGW JWT of a client in the file.
"""

import hmac
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import Response

from shared.auth import (
    Applicatie,
    AutorisatieSource,
    FileAutorisaties,
    make_token,
    parse_applicatie,
)
from shared.errors import NotAuthenticated, ServiceUnavailable, ValidationProblem
from shared.remote import api_reader
from shared.settings import KernelSettings

log = logging.getLogger("zgw.autorisaties")

KANAAL = "autorisaties"
CALLBACK_PATH = "/callbacks/autorisaties"

Lookup = Callable[[str], dict | None]


def unavailable(detail: str) -> ServiceUnavailable:
    return ServiceUnavailable(
        f"De autorisaties kunnen niet worden vastgesteld: {detail}",
        code="service_unavailable",
        title="De Autorisaties API is niet bereikbaar.",
    )


class AutorisatiesApiClient:
    """`client(client_id)`: the applicatie of that client as the Autorisaties API returns it, None
    when it has none (404); raises the 503 problem for every other outcome."""

    def __init__(
        self,
        base_url: str,
        *,
        client_id: str,
        secret: str,
        timeout: float = 5.0,
        transport: httpx.BaseTransport | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.client_id = client_id
        self.secret = secret
        self._client = api_reader(timeout, transport)

    def close(self) -> None:
        self._client.close()

    def __call__(self, client_id: str) -> dict | None:
        url = f"{self.base_url}/applicaties/consumer"
        headers = {"Authorization": f"Bearer {make_token(self.client_id, self.secret)}"}
        try:
            response = self._client.get(url, params={"clientId": client_id}, headers=headers)
        except httpx.HTTPError as exc:
            log.warning("Autorisaties API %s unreachable: %s", url, exc)
            raise unavailable(f"{url}: {type(exc).__name__}") from None
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            log.warning("Autorisaties API %s answered HTTP %s", url, response.status_code)
            raise unavailable(f"{url} antwoordde HTTP {response.status_code}.")
        try:
            data = response.json()
        except ValueError:
            raise unavailable(f"{url} antwoordde geen JSON.") from None
        if isinstance(data, list):
            # the published 1.0.0 spec documents a list; the reference implementation answers one object
            data = next((a for a in data if isinstance(a, dict) and client_id in (a.get("clientIds") or [])), None)
            if data is None:
                return None
        if not isinstance(data, dict) or client_id not in (data.get("clientIds") or []):
            raise unavailable(f"{url} antwoordde niet met de applicatie van deze client.")
        return data


@dataclass
class _Entry:
    applicatie: Applicatie
    fetched: float


class ApiAutorisaties:
    """An `AutorisatieSource`: secrets (and bootstrap rights) from `secrets`, the rights of every
    other client from `lookup` (an Autorisaties API), cached per client_id for `cache_seconds`."""

    def __init__(
        self,
        secrets: AutorisatieSource,
        lookup: Lookup,
        *,
        cache_seconds: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        on_close: Callable[[], None] | None = None,
    ):
        self.secrets = secrets
        self.lookup = lookup
        self.cache_seconds = cache_seconds
        self.clock = clock
        self._on_close = on_close
        self._lock = threading.Lock()
        self._cache: dict[str, _Entry] = {}
        self._generation = 0  # a lookup that started before an invalidation is not cached
        self._flights: dict[str, threading.Lock] = {}

    def by_client_id(self, client_id: str) -> Applicatie | None:
        return self.secrets.by_client_id(client_id)

    def rights(self, client_id: str, applicatie: Applicatie) -> Applicatie:
        """What the verified client may do: the file's rights when it states them, else the API's."""
        if applicatie.states_rights:
            return applicatie
        cached = self._cached(client_id, applicatie)
        if cached is not None:
            return cached
        with self._lock:
            flight = self._flights.setdefault(client_id, threading.Lock())
        # one lookup per client at a time: when the entry expires under load, the requests that
        # find it expired wait for one lookup instead of each sending their own (a burst of them
        # slowed the Autorisaties API past the timeout: 503s)
        with flight:
            cached = self._cached(client_id, applicatie)
            if cached is not None:
                return cached
            return self._look_up(client_id, applicatie)

    def known_rights(self, client_id: str, applicatie: Applicatie) -> Applicatie | None:
        """`rights` when they are at hand (the file's, or cached); None when they must be looked up."""
        return applicatie if applicatie.states_rights else self._cached(client_id, applicatie)

    def _cached(self, client_id: str, applicatie: Applicatie) -> Applicatie | None:
        with self._lock:
            entry = self._cache.get(client_id)
        if entry is not None and self.clock() - entry.fetched < self.cache_seconds and entry.applicatie.secret == applicatie.secret:
            return entry.applicatie
        return None

    def _look_up(self, client_id: str, applicatie: Applicatie) -> Applicatie:
        now = self.clock()
        with self._lock:
            generation = self._generation
        data = self.lookup(client_id)
        if data is None:
            found = Applicatie(label=applicatie.label, client_ids=applicatie.client_ids, secret=applicatie.secret)
        else:
            try:
                found = parse_applicatie(data, secret=applicatie.secret)
            except (KeyError, TypeError, AttributeError):
                raise unavailable("het antwoord is geen geldige applicatie.") from None
        with self._lock:
            if generation == self._generation:
                self._cache[client_id] = _Entry(found, now)
        return found

    def invalidate(self) -> None:
        """Forget every looked-up applicatie (an `autorisaties` notification arrived)."""
        with self._lock:
            self._cache.clear()
            self._generation += 1

    def close(self) -> None:
        if self._on_close:
            self._on_close()


def autorisaties_source(kernel: KernelSettings, *, transport: httpx.BaseTransport | None = None) -> AutorisatieSource:
    """The source the settings ask for: the file alone, or the file plus the Autorisaties API."""
    secrets = FileAutorisaties(kernel)
    if not kernel.autorisaties_api_url:
        return secrets
    client = AutorisatiesApiClient(
        kernel.autorisaties_api_url,
        client_id=kernel.autorisaties_api_client_id or kernel.demo_client_id,
        secret=kernel.autorisaties_api_secret or kernel.demo_client_secret,
        timeout=kernel.remote_timeout,
        transport=transport,
    )
    return ApiAutorisaties(secrets, client, cache_seconds=kernel.autorisaties_cache_seconds, on_close=client.close)


def _ensure_callback_authorized(request: Request, kernel: KernelSettings) -> None:
    header = request.headers.get("authorization") or ""
    token = kernel.autorisaties_callback_token
    if token:
        given = header.encode()
        if not (hmac.compare_digest(given, token.encode()) or hmac.compare_digest(given, f"Bearer {token}".encode())):
            raise NotAuthenticated("Ongeldige Authorization header voor deze callback.")
        return
    request.app.state.authenticator.authenticate(header or None, with_rights=False)


def mount_autorisaties_callback(app: FastAPI, api_root: str, kernel: KernelSettings) -> None:
    """`POST {api_root}/callbacks/autorisaties`: an `autorisaties` notification empties the cache of
    the app's source (when it has one); 204 for every message, so a Notificaties API may test it."""

    async def autorisaties_callback(request: Request) -> Response:
        _ensure_callback_authorized(request, kernel)
        try:
            message = json.loads(await request.body() or b"{}")
        except ValueError:
            raise ValidationProblem.field("nonFieldErrors", "parse_error", "De notificatie is geen JSON.") from None
        if isinstance(message, dict) and message.get("kanaal") == KANAAL:
            invalidate = getattr(request.app.state.authenticator.source, "invalidate", None)
            if invalidate is not None:
                invalidate()
        return Response(status_code=204)

    app.add_api_route(f"{api_root}{CALLBACK_PATH}", autorisaties_callback, methods=["POST"], include_in_schema=False)
