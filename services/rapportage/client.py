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

from collections.abc import Iterator
from typing import Any

import httpx

from shared.auth import make_token
from shared.remote import RemoteError, RemoteResolver


class FetchError(Exception):
    def __init__(self, kind: str, url: str, detail: str):
        super().__init__(f"{kind}: {url}: {detail}")
        self.kind = kind
        self.url = url
        self.detail = detail


def _fetch_error(exc: RemoteError) -> FetchError:
    """The kind of a read that failed, as the intake handles it (the module's table)."""
    if exc.status in (404, 410):
        return FetchError("gone", exc.url, exc.detail)
    if exc.status in (401, 403):
        return FetchError("refused", exc.url, f"{exc.detail}: geen toegang met RAPPORTAGE_CLIENT_ID")
    if exc.kind == "unavailable" or exc.status == 429:
        return FetchError("unavailable", exc.url, exc.detail)
    return FetchError("invalid", exc.url, exc.detail)


class ZgwReader:
    """Reads through the kernel's `RemoteResolver`; every URL is a peer's (they come from the
    configuration and from notifications), so no answer is `unavailable`, never a client's error."""

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
        self.resolver = RemoteResolver(
            timeout=timeout,
            cache_seconds=cache_seconds,
            max_entries=max_cached,
            headers_for=self._headers,
            transport=transport,
            all_peers=True,
        )

    @property
    def requests(self) -> int:
        """The requests sent (for the benchmark and tests)."""
        return self.resolver.requests

    def close(self) -> None:
        """Close the connection pool; a later request opens a new one."""
        self.resolver.close()

    def _headers(self, url: str) -> dict[str, str]:
        token = make_token(self.client_id, self.secret, user_id="rapportage", user_representation="Rapportage")
        return {"Authorization": f"Bearer {token}", "Accept-Crs": "EPSG:4326"}

    def get(self, url: str, params: dict[str, str] | None = None) -> Any:
        """A Zaken resource as it is now (never cached)."""
        try:
            return self.resolver.get_json(url, params, cached=False)
        except RemoteError as exc:
            raise _fetch_error(exc) from None

    def get_object(self, url: str, params: dict[str, str] | None = None) -> dict:
        data = self.get(url, params)
        if not isinstance(data, dict):
            raise FetchError("invalid", url, "geen object")
        return data

    def pages(self, url: str, params: dict[str, str] | None = None) -> Iterator[tuple[int | None, list[dict]]]:
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

    def search(self, url: str, body: dict) -> list[dict]:
        """Every result of a `_zoek` (a POST that reads), following `next` with the same body;
        `Content-Crs` because the Zaken API wants it on a body that may hold a geometry."""
        results: list[dict] = []
        next_url: str | None = url
        while next_url:
            try:
                data = self.resolver.post_json(next_url, body, {"Content-Crs": "EPSG:4326"})
            except RemoteError as exc:
                raise _fetch_error(exc) from None
            if not isinstance(data, dict) or not isinstance(data.get("results"), list):
                raise FetchError("invalid", next_url, "geen lijst")
            results.extend(data["results"])
            next_url = data.get("next") or None
        return results

    def list_all(self, url: str, params: dict[str, str] | None = None) -> list[dict]:
        return [item for _, page in self.pages(url, params) for item in page]

    def catalogus_object(self, url: str) -> dict | None:
        """A Catalogi object (cached, revalidated with its ETag); None when it does not exist, or
        when its answer is not an object (a URL that cannot be requested at all is an error)."""
        try:
            data = self.resolver.get_json(url)
        except RemoteError as exc:
            error = _fetch_error(exc)
            if exc.status is not None and error.kind in ("gone", "invalid"):
                return None
            raise error from None
        return data if isinstance(data, dict) else None

    def invalidate(self) -> None:
        self.resolver.invalidate()


def reader_for(settings, kernel, transport: httpx.BaseTransport | None = None) -> ZgwReader:
    """The reader of the service and of its commands: RAPPORTAGE_CLIENT_ID/SECRET, else the demo's."""
    return ZgwReader(
        **settings.credentials(kernel),
        timeout=settings.fetch_timeout,
        cache_seconds=kernel.remote_cache_seconds,
        transport=transport,
    )
