"""Relations kept in two APIs: the API that holds a relation (the Zaken API a zaakinformatieobject,
the Besluiten API a besluitinformatieobject or a besluit's zaak) mirrors it in the other (an
objectinformatieobject in the Documenten API, a zaakbesluit in the Zaken API).

The other API checks the relation here before it accepts its mirror (Documenten API
`inconsistent-relation`) and checks that it is gone before it removes the mirror
(`remote-relation-exists`), through a request of its own. So this is where a write is committed
inside a request: the relation is committed, the mirror written, and on failure the relation is
removed again (400 `pending-relations`, 503 when the other API does not answer), so that in the end
either both exist or neither (`store_mirrored`, `delete_mirrored`).

`ObjectMirror` is the shape the Documenten, Contactmomenten and Verzoeken APIs share for their
mirrors: `object<collection>` with the remote object's URL, `object` and `objectType`.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy.orm import Session, make_transient

from shared.auth import make_token
from shared.errors import ServiceUnavailable, ValidationProblem
from shared.remote import ZgwClient

log = logging.getLogger(__name__)


class MirrorFailed(Exception):
    def __init__(self, detail: str, *, unavailable: bool = False):
        super().__init__(detail)
        self.detail = detail
        self.unavailable = unavailable


def mirror_failure(exc: MirrorFailed, field: str, api: str) -> Exception:
    """What the client is told when a mirror could not be written: 503 for an API that does not
    answer, else 400 `pending-relations` on `field`."""
    if exc.unavailable:
        return ServiceUnavailable(f"De {api} is niet bereikbaar ({exc.detail}).")
    return ValidationProblem.field(
        field, "pending-relations", f"De gespiegelde relatie in de {api} kon niet worden bijgewerkt: {exc.detail}"
    )


class RemoteWriter:
    """Requests to another ZGW API with the service's own credentials (those of its ZgwClient),
    over the same transport as that client (in tests: the in-process apps and stand-ins)."""

    def __init__(self, client: ZgwClient, api: str):
        self.api = api
        resolver = client.resolver
        self._transport = resolver._transport
        self._client = httpx.Client(
            transport=self._transport,
            timeout=httpx.Timeout(resolver._timeout, connect=min(resolver._timeout, 3.0)),
            follow_redirects=False,
            headers={"Accept": "application/json", "Authorization": f"Bearer {make_token(client.client_id, client.secret)}"},
        )

    def request(self, method: str, url: str, *, ok: tuple[int, ...] = (200,), **kwargs) -> httpx.Response:
        """The answer to the request; MirrorFailed unless its status is one of `ok` (unavailable:
        no answer, a time-out or a 5xx)."""
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise MirrorFailed("time-out", unavailable=True) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
            raise MirrorFailed(str(exc) or type(exc).__name__) from None
        except httpx.HTTPError as exc:
            raise MirrorFailed(str(exc) or type(exc).__name__, unavailable=True) from None
        if response.status_code >= 500:
            raise MirrorFailed(f"HTTP {response.status_code}", unavailable=True)
        if response.status_code not in ok:
            raise MirrorFailed(f"De {self.api} antwoordde HTTP {response.status_code}: {response.text[:300]}")
        return response

    def list(self, url: str, params: dict[str, str]) -> list[dict]:
        """The objects of a list (a plain array, or a page's `results`)."""
        response = self.request("GET", url, params=params)
        try:
            data = response.json()
        except ValueError:
            raise MirrorFailed(f"De {self.api} antwoordde geen JSON.") from None
        items = data.get("results", []) if isinstance(data, dict) else data
        return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []

    def __enter__(self) -> "RemoteWriter":
        return self

    def __exit__(self, *exc) -> None:
        # a transport handed in is shared with the reading client: closing this client closes it
        if self._transport is None:
            self._client.close()


@dataclass(frozen=True)
class ObjectMirror:
    """An object type of another ZGW API that a local object relates to, and where that API
    mirrors the relation: `{api root}/{mirror_collection}` with `{field: url, object, objectType}`."""

    field: str  # the request field holding its URL (also the key in the mirror body)
    resource: str  # the name in the other API's schema
    api: str
    collection: str  # the detail URLs are {api root}/{collection}/{uuid}
    shape: tuple[str, ...]  # required properties that make the JSON this resource
    mirror_collection: str | None = None

    def fetch(self, client: ZgwClient, url: str) -> dict:
        """The object at `url`: `bad-url`, `invalid-resource` (on `field`) or 503."""
        data = client.fetch_json(url, self.field, self.api)
        if not isinstance(data, dict) or any(key not in data for key in self.shape):
            raise ValidationProblem.field(self.field, "invalid-resource", f"De URL {url} verwijst niet naar een {self.resource}.")
        return data

    def api_root(self, url: str) -> str:
        """The root of the other API: everything before `/{collection}/` in the object URL."""
        marker = f"/{self.collection}/"
        if marker not in url:
            raise MirrorFailed(f"{url} is geen {self.resource}-URL van de {self.api}.")
        return url.split(marker, 1)[0]

    def create_mirror(self, client: ZgwClient, remote_url: str, object_url: str, object_type: str) -> None:
        body = {self.field: remote_url, "object": object_url, "objectType": object_type}
        with RemoteWriter(client, self.api) as writer:
            writer.request("POST", f"{self.api_root(remote_url)}/{self.mirror_collection}", json=body, ok=(200, 201))

    def mirror_urls(self, client: ZgwClient, remote_url: str, object_url: str) -> list[str]:
        """The other API's mirrors of this relation (normally one)."""
        with RemoteWriter(client, self.api) as writer:
            items = writer.list(f"{self.api_root(remote_url)}/{self.mirror_collection}", {"object": object_url, self.field: remote_url})
        return [item["url"] for item in items if item.get("url")]

    def delete_mirrors(self, client: ZgwClient, urls: list[str]) -> None:
        with RemoteWriter(client, self.api) as writer:
            for url in urls:
                writer.request("DELETE", url, ok=(200, 204, 404))

    def failure(self, exc: MirrorFailed) -> Exception:
        return mirror_failure(exc, self.field, self.api)


INFORMATIEOBJECT = ObjectMirror(
    field="informatieobject",
    resource="EnkelvoudigInformatieObject",
    api="Documenten API",
    collection="enkelvoudiginformatieobjecten",
    shape=("url", "informatieobjecttype", "bronorganisatie", "titel"),
    mirror_collection="objectinformatieobjecten",
)


def store_mirrored(
    session: Session, obj: Any, write_mirror: Callable[[], None], failure: Callable[[MirrorFailed], Exception], what: str
) -> None:
    """Store the relation `obj` (committed, so the other API can see it) and `write_mirror()`; when
    that fails the relation is removed again and the client gets `failure(exc)`. `what`: the
    mirror, for the log."""
    session.add(obj)
    session.flush()
    session.commit()
    try:
        write_mirror()
    except MirrorFailed as exc:
        log.warning("mirror of %s failed: %s", what, exc.detail)
        session.delete(obj)
        session.commit()
        raise failure(exc) from None


def delete_mirrored(
    session: Session,
    obj: Any,
    find_mirrors: Callable[[], list[str]],
    delete_mirrors: Callable[[list[str]], None],
    failure: Callable[[MirrorFailed], Exception],
    what: str,
) -> None:
    """Delete the relation `obj` and its mirrors in the other API. The relation is gone
    (committed) before the mirrors are removed, as the other API checks; when removing them fails,
    the relation is restored and the client gets `failure(exc)`. `what`: the mirror, for the log."""
    try:
        mirrors = find_mirrors()
    except MirrorFailed as exc:
        raise failure(exc) from None
    session.delete(obj)
    session.flush()
    session.commit()
    try:
        delete_mirrors(mirrors)
    except MirrorFailed as exc:
        log.warning("removing the mirror of %s failed: %s", what, exc.detail)
        make_transient(obj)
        session.add(obj)
        session.commit()
        raise failure(exc) from None
