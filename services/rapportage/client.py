"""The read-only client of the Zaken and Catalogi APIs (ours, Open Zaak, any ZGW 1.x).

Every request carries a fresh ZGW JWT of the rapportage's own credentials
(`RAPPORTAGE_CLIENT_ID`/`RAPPORTAGE_SECRET`, the demo applicatie's by default) and
`Accept-Crs: EPSG:4326` (the Zaken API wants it on /zaken). Zaken resources are always fetched
fresh; Catalogi objects (zaaktype, statustype) are cached for `ZGW_REMOTE_CACHE_SECONDS` and then
revalidated with their ETag. Outcomes are sorted into `FetchError.kind`:

    gone         404/410: the resource no longer exists
    refused      401/403: our credentials lack a right (fix the configuration; retried)
    unavailable  a time-out, no connection, 429 or 5xx (retried)
    invalid      any other answer, or not the JSON we expect
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Iterator

import httpx

from shared.auth import make_token
from shared.remote import api_reader


class FetchError(Exception):
    def __init__(self, kind: str, url: str, detail: str):
        super().__init__(f"{kind}: {url}: {detail}")
        self.kind = kind
        self.url = url
        self.detail = detail


class ZgwReader:
    def __init__(
        self,
        *,
        client_id: str,
        secret: str,
        timeout: float = 10.0,
        cache_seconds: float = 300.0,
        transport: httpx.BaseTransport | None = None,
        max_cached: int = 10_000,
    ):
        self.client_id = client_id
        self.secret = secret
        self.cache_seconds = cache_seconds
        self.max_cached = max_cached
        self._timeout = timeout
        self._transport = transport
        self._http = self._new_client()
        self._cache: OrderedDict[str, tuple[object, str | None, float]] = OrderedDict()
        self._lock = threading.Lock()
        self.requests = 0  # for the benchmark and tests

    def _new_client(self) -> httpx.Client:
        return api_reader(self._timeout, self._transport, headers={"Accept-Crs": "EPSG:4326"})

    def close(self) -> None:
        """Close the connection pool; a later request opens a new one."""
        self._http.close()

    def _headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {make_token(self.client_id, self.secret, user_id='rapportage', user_representation='Rapportage')}"
        }

    def _request(self, url: str, params: dict | None = None, headers: dict | None = None) -> httpx.Response:
        if not url.startswith(("http://", "https://")):
            raise FetchError("invalid", url, "geen http(s)-URL")
        self.requests += 1
        if self._http.is_closed:
            self._http = self._new_client()
        try:
            return self._http.get(url, params=params, headers={**self._headers(), **(headers or {})})
        except httpx.TimeoutException:
            raise FetchError("unavailable", url, "time-out") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError("invalid", url, str(exc)) from None
        except httpx.HTTPError as exc:
            raise FetchError("unavailable", url, str(exc) or type(exc).__name__) from None

    @staticmethod
    def _check(url: str, response: httpx.Response):
        status = response.status_code
        if status in (404, 410):
            raise FetchError("gone", url, f"HTTP {status}")
        if status in (401, 403):
            raise FetchError("refused", url, f"HTTP {status}: geen toegang met RAPPORTAGE_CLIENT_ID")
        if status == 429 or status >= 500:
            raise FetchError("unavailable", url, f"HTTP {status}")
        if status != 200:
            raise FetchError("invalid", url, f"HTTP {status}")
        try:
            return response.json()
        except ValueError:
            raise FetchError("invalid", url, "antwoord is geen JSON") from None

    def get(self, url: str, params: dict | None = None):
        """A Zaken resource as it is now (never cached)."""
        return self._check(url, self._request(url, params))

    def get_object(self, url: str, params: dict | None = None) -> dict:
        data = self.get(url, params)
        if not isinstance(data, dict):
            raise FetchError("invalid", url, "geen object")
        return data

    def pages(self, url: str, params: dict | None = None) -> Iterator[tuple[int | None, list[dict]]]:
        """(count, results) per page of a ZGW list, following `next`; a plain JSON array is one page."""
        next_url: str | None = url
        next_params = params
        while next_url:
            data = self.get(next_url, next_params)
            next_params = None  # `next` carries the query
            if isinstance(data, list):
                yield len(data), data
                return
            if not isinstance(data, dict) or not isinstance(data.get("results"), list):
                raise FetchError("invalid", next_url, "geen lijst")
            yield data.get("count"), data["results"]
            next_url = data.get("next") or None

    def list_all(self, url: str, params: dict | None = None) -> list[dict]:
        return [item for _, page in self.pages(url, params) for item in page]

    def catalogus_object(self, url: str) -> dict | None:
        """A Catalogi object (cached, revalidated with its ETag); None when it does not exist."""
        now = time.monotonic()
        with self._lock:
            entry = self._cache.get(url)
            if entry and now - entry[2] < self.cache_seconds:
                self._cache.move_to_end(url)
                return entry[0]  # type: ignore[return-value]
        headers = {"If-None-Match": entry[1]} if entry and entry[1] else None
        response = self._request(url, headers=headers)
        if response.status_code == 304 and entry:
            data = entry[0]
        else:
            try:
                data = self._check(url, response)
            except FetchError as exc:
                if exc.kind in ("gone", "invalid"):
                    return None
                raise
            if not isinstance(data, dict):
                return None
        with self._lock:
            self._cache[url] = (data, response.headers.get("etag"), now)
            self._cache.move_to_end(url)
            while len(self._cache) > self.max_cached:
                self._cache.popitem(last=False)
        return data  # type: ignore[return-value]

    def invalidate(self) -> None:
        with self._lock:
            self._cache.clear()


def reader_for(settings, kernel, transport: httpx.BaseTransport | None = None) -> ZgwReader:
    """The reader of the service and of its commands: RAPPORTAGE_CLIENT_ID/SECRET, else the demo's."""
    return ZgwReader(
        client_id=settings.client_id or kernel.demo_client_id,
        secret=settings.secret or kernel.demo_client_secret,
        timeout=settings.fetch_timeout,
        cache_seconds=kernel.remote_cache_seconds,
        transport=transport,
    )
