"""Resolving URL references to other APIs (Referentielijsten, Catalogi, ...) over HTTP.

Responses are cached per URL for a while and revalidated with `If-None-Match` afterwards, so a
published (immutable) object costs one request per cache period. Timeouts are always set: an
outage becomes a clear error, not a hang.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from shared.auth import make_token
from shared.errors import ServiceUnavailable, ValidationProblem


def same_url(a: str | None, b: str | None) -> bool:
    """Two resource URLs name the same resource (a trailing slash aside); an absent one never does."""
    if not a or not b:
        return False
    return a.rstrip("/") == b.rstrip("/")


class RemoteError(Exception):
    """`kind` is `bad-url` (the URL cannot be fetched: not http(s), a 4xx, and for a URL outside
    the peers also no answer, a time-out or a 5xx), `invalid-resource` (a 200 that is not JSON) or
    `unavailable` (a peer that does not answer, times out or answers 5xx). `status` is the HTTP
    status of the answer, None when none came: for a caller that tells a 404 from a 403."""

    def __init__(self, kind: str, url: str, detail: str, status: int | None = None):
        super().__init__(f"{url}: {detail}")
        self.kind = kind
        self.url = url
        self.detail = detail
        self.status = status


def remote_problem(exc: RemoteError, name: str, api: str) -> Exception:
    """What a client is told of a URL in field `name` that could not be read: 503 when the `api`
    is a peer that is down, else a 400 `bad-url` or `invalid-resource` on `name`."""
    if exc.kind == "unavailable":
        return ServiceUnavailable(f"De {api} is niet bereikbaar ({exc.detail}).")
    if exc.kind == "invalid-resource":
        return ValidationProblem.field(
            name, "invalid-resource", f"De URL {exc.url} verwijst niet naar een geldige resource ({exc.detail})."
        )
    return ValidationProblem.field(name, "bad-url", f"De URL {exc.url} gaf geen geldig antwoord ({exc.detail}). Geef een geldige URL op.")


def api_reader(timeout: float, transport: httpx.BaseTransport | None = None, headers: dict[str, str] | None = None) -> httpx.Client:
    """An httpx client that reads another API (GET): timeouts always set, no redirects followed,
    proxies from the environment as httpx takes them, a read whose kept-alive connection the server
    had just closed sent once more (`ApiReader`)."""
    return ApiReader(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 3.0)),
        transport=transport,
        follow_redirects=False,
        headers={"Accept": "application/json", **(headers or {})},
    )


class ApiReader(httpx.Client):
    """Sends a GET or HEAD (or a POST marked `read_only`, a `_zoek`) once more when the connection closed before any response came. A server
    closes an idle keep-alive connection after its own timeout (uvicorn: 5 s, as long as httpx keeps
    one for reuse), so a request can go out on a connection that is closing at that moment: under
    load that was a 503 for every few thousand requests that needed the Autorisaties API. (At the
    client, not as a wrapping transport: httpx drops the environment's proxies when handed one.)"""

    RETRYABLE = frozenset({"GET", "HEAD"})

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._kept_no_cookies = _NoCookies()

    @property
    def cookies(self) -> httpx.Cookies:
        """Always empty: the APIs read are stateless (a JWT per request), so a cookie one sets is
        not sent back; and httpx's cookie handling was a fifth of a fetch's interpreter time."""
        return self._kept_no_cookies

    @cookies.setter
    def cookies(self, cookies) -> None:
        pass

    def send(self, request: httpx.Request, **kwargs) -> httpx.Response:
        try:
            return super().send(request, **kwargs)
        except httpx.RemoteProtocolError:
            if request.method not in self.RETRYABLE and not request.extensions.get("read_only"):
                raise
            return super().send(request, **kwargs)


class _NoCookies(httpx.Cookies):
    def extract_cookies(self, response: httpx.Response) -> None:
        pass


@dataclass
class _Entry:
    data: object
    etag: str | None
    fetched: float


class RemoteResolver:
    def __init__(
        self,
        *,
        timeout: float = 5.0,
        cache_seconds: float = 300.0,
        max_entries: int = 10_000,
        headers_for: Callable[[str], dict[str, str]] | None = None,
        transport: httpx.BaseTransport | None = None,
        peers: Iterable[str] = (),
        all_peers: bool = False,
    ):
        """`peers`: the API roots this deployment runs (its configured Catalogi API, the other
        services `zgw run` starts): their outage is ours, a 503. A URL elsewhere that a client gave
        and that cannot be fetched is the client's error, a 400 `bad-url`. `all_peers`: every URL
        is a peer's (a reader of the APIs it is configured for or notified by, no client's URLs),
        so no answer is always `unavailable`. `requests` counts the requests sent."""
        self.peers = tuple(dict.fromkeys(root.rstrip("/") + "/" for root in peers if root))
        self.all_peers = all_peers
        self.cache_seconds = cache_seconds
        self.max_entries = max_entries
        self.headers_for = headers_for or (lambda url: {})
        self._timeout = timeout
        self._transport = transport
        self._client = self._new_client()
        self._cache: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self.requests = 0

    def _new_client(self) -> httpx.Client:
        return api_reader(self._timeout, self._transport)

    def close(self) -> None:
        """Close the connection pool; a later request opens a new one."""
        self._client.close()

    def is_peer(self, url: str) -> bool:
        return self.all_peers or url.startswith(self.peers)

    def invalidate(self, url: str | None = None) -> None:
        with self._lock:
            if url is None:
                self._cache.clear()
            else:
                self._cache.pop(url, None)

    def get_json(self, url: str, params: Mapping[str, str] | None = None, *, cached: bool = True) -> Any:
        """The JSON at `url` (with the query `params`), from the cache while it is fresh, then
        revalidated with its ETag. `cached=False`: as it is now, neither taken from the cache nor
        kept in it (a resource that changes, such as a zaak)."""
        if not url.startswith(("http://", "https://")):
            raise RemoteError("bad-url", url, "geen http(s)-URL")
        key = str(httpx.URL(url).copy_merge_params(params)) if params else url
        now = time.monotonic()
        with self._lock:
            entry = self._cache.get(key) if cached else None
            if entry and now - entry.fetched < self.cache_seconds:
                self._cache.move_to_end(key)
                return entry.data
            self.requests += 1
        headers = dict(self.headers_for(url))
        if entry and entry.etag:
            headers["If-None-Match"] = entry.etag
        response = self._send("GET", url, params, headers)
        if response.status_code == 304 and entry:
            data = entry.data
        else:
            data = self._json(url, response)
        if not cached:
            return data
        with self._lock:
            self._cache[key] = _Entry(data, response.headers.get("etag"), now)
            self._cache.move_to_end(key)
            while len(self._cache) > self.max_entries:
                self._cache.popitem(last=False)
        return data

    def is_fresh(self, url: str) -> bool:
        """Whether the JSON at `url` is in the cache and fresh (a `get_json` sends nothing)."""
        with self._lock:
            entry = self._cache.get(url)
            return entry is not None and time.monotonic() - entry.fetched < self.cache_seconds

    def cache_with_siblings(self, url: str, params: Mapping[str, str]) -> None:
        """`url` not cached: cache each object of its collection's list with the query `params`
        (one page) as the JSON at its own `url`, as fetched now. The four statustypen of a
        zaaktype (`params` {"zaaktype": ...}) cost its API one request, where their details cost
        four (each worker of each service fetched every type after a start). Only from a peer (an
        API of this deployment, whose list shows its objects as their details do); an answer that
        is not such a list caches nothing: the detail is fetched by itself then, which tells what
        is wrong."""
        if self.is_fresh(url) or not self.is_peer(url):
            return
        try:
            page = self.get_json(url.rstrip("/").rsplit("/", 1)[0], params, cached=False)
        except RemoteError:
            return
        results = page.get("results") if isinstance(page, dict) else page
        if not isinstance(results, list):
            return
        now = time.monotonic()
        with self._lock:
            for item in results:
                key = item.get("url") if isinstance(item, dict) else None
                if isinstance(key, str) and key not in self._cache:
                    self._cache[key] = _Entry(item, None, now)
            while len(self._cache) > self.max_entries:
                self._cache.popitem(last=False)

    def post_json(self, url: str, body: Any, headers: Mapping[str, str] | None = None) -> Any:
        """The JSON answer to a POST of `body` that only reads (a `_zoek`; `headers` besides
        `headers_for`'s), as it is now: never cached, sent once more like a GET when the
        connection closed before any answer came."""
        if not url.startswith(("http://", "https://")):
            raise RemoteError("bad-url", url, "geen http(s)-URL")
        with self._lock:
            self.requests += 1
        return self._json(url, self._send("POST", url, None, {**self.headers_for(url), **(headers or {})}, body))

    def _send(self, method: str, url: str, params: Mapping[str, str] | None, headers: dict[str, str], body: Any = None) -> httpx.Response:
        """The response to one request; a peer that cannot be reached is `unavailable`, another URL `bad-url`."""
        if self._client.is_closed:
            self._client = self._new_client()
        unreachable = "unavailable" if self.is_peer(url) else "bad-url"
        try:
            if method == "POST":
                return self._client.post(url, params=params, headers=headers, json=body, extensions={"read_only": True})
            return self._client.get(url, params=params, headers=headers)
        except httpx.TimeoutException:
            raise RemoteError(unreachable, url, "time-out") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
            raise RemoteError("bad-url", url, str(exc) or type(exc).__name__) from None
        except httpx.HTTPError as exc:  # refused, a host that does not resolve, a dropped connection
            raise RemoteError(unreachable, url, str(exc) or type(exc).__name__) from None

    def _json(self, url: str, response: httpx.Response) -> Any:
        """A 200's JSON; a 5xx of a peer is `unavailable`, any other answer `bad-url`."""
        status = response.status_code
        if status == 200:
            try:
                return response.json()
            except ValueError:
                raise RemoteError("invalid-resource", url, "antwoord is geen JSON", status) from None
        if status >= 500:
            raise RemoteError("unavailable" if self.is_peer(url) else "bad-url", url, f"HTTP {status}", status)
        raise RemoteError("bad-url", url, f"HTTP {status}", status)


class ZgwClient:
    """Another ZGW API as a service reads it (the Zaken API its Catalogi API, the Documenten API its
    Catalogi and Zaken APIs): under a JWT of the service's own credentials, through a
    RemoteResolver (cached, revalidated with ETag), with the standard's errors: `bad-url` for a URL
    that cannot be fetched, `invalid-resource` for one that answers but not with the resource, a
    503 for a peer that is down."""

    def __init__(
        self,
        *,
        client_id: str,
        secret: str,
        timeout: float,
        cache_seconds: float,
        transport: httpx.BaseTransport | None = None,
        peers: Iterable[str] = (),
    ):
        self.client_id = client_id
        self.secret = secret
        self.resolver = RemoteResolver(
            timeout=timeout, cache_seconds=cache_seconds, headers_for=self._headers, transport=transport, peers=peers
        )

    def _headers(self, url: str) -> dict[str, str]:
        # the token of this second (make_token): never older than the other API's JWT age limit;
        # Accept-Crs because the Zaken API answers a zaak without it with a 412 (others ignore it)
        return {"Authorization": f"Bearer {make_token(self.client_id, self.secret)}", "Accept-Crs": "EPSG:4326"}

    def close(self) -> None:
        self.resolver.close()

    def fetch_json(self, url: str, name: str, api: str, params: Mapping[str, str] | None = None, *, cached: bool = True) -> Any:
        """The JSON at `url`: a 400 on `name` (`bad-url`, `invalid-resource`) when it cannot be
        fetched or is not JSON, a 503 when the `api` is a peer that is down."""
        try:
            return self.resolver.get_json(url, params, cached=cached)
        except RemoteError as exc:
            raise remote_problem(exc, name, api) from None

    def fetch_resource(
        self, url: str, name: str, api: str, resource: str, shape: Iterable[str], collection: str, *, cached: bool = True
    ) -> dict:
        """The object at `url`, a `resource` of the `api`: JSON with the keys of `shape` whose own
        `url` lies in `collection` (the standard fixes every API's paths, and several resources
        share keys), else `invalid-resource` on `name`."""
        data = self.fetch_json(url, name, api, cached=cached)
        if not isinstance(data, dict) or any(key not in data for key in shape) or f"/{collection}/" not in urlsplit(str(data["url"])).path:
            raise ValidationProblem.field(name, "invalid-resource", f"De URL {url} verwijst niet naar een {resource}.")
        return data

    def try_fetch(self, url: str) -> dict | None:
        """An object for display (`expand`): None when it cannot be fetched, never an error."""
        try:
            data = self.resolver.get_json(url)
        except RemoteError:
            return None
        return data if isinstance(data, dict) else None
