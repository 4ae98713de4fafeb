"""Relations from a zaak to objects of other APIs: a ZaakInformatieObject to a Documenten API
informatieobject (zrc-005), a ZaakContactMoment to a contactmoment (zrc-024), a ZaakVerzoek to a
verzoek (zrc-025), a ZaakBesluit to a besluit (which the Besluiten API mirrors itself).

The remote object is validated as every URL reference is: `bad-url` when it does not answer 200
with JSON, `invalid-resource` when the JSON is not of the expected shape, 503 when the API is
unreachable.

The relation is mirrored in the other API (`objectinformatieobjecten`, `objectcontactmomenten`,
`objectverzoeken`, objectType `zaak`). That API checks the canonical relation here before it
accepts its mirror (Documenten API `inconsistent-relation`) and checks that it is gone before it
removes the mirror (`remote-relation-exists`), through a request of its own. So this is the one
place where a write of the Zaken API is committed inside a request: the relation is committed, the
mirror written, and on failure the relation is removed again (400 `pending-relations`), so that in
the end either both exist or neither. The audit trail record and notification are written after
the mirror succeeded, in the request's own transaction.
"""

import logging
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import Select, select
from sqlalchemy.orm import make_transient

from services.zaken.catalogi import catalogi
from services.zaken.common import ZaakChildService, zaak_url, zaak_weergave
from services.zaken.zaak.models import Zaak
from shared.auth import make_token
from shared.errors import ServiceUnavailable, ValidationProblem
from shared.resources import Context

log = logging.getLogger(__name__)


class MirrorFailed(Exception):
    def __init__(self, detail: str, *, unavailable: bool = False):
        super().__init__(detail)
        self.detail = detail
        self.unavailable = unavailable


@dataclass(frozen=True)
class RemoteObject:
    """An object type of another ZGW API that a zaak relates to."""

    field: str  # the request field holding its URL (also the key in the mirror body)
    resource: str  # the name in the other API's schema
    api: str
    collection: str  # the detail URLs are {api root}/{collection}/{uuid}
    shape: tuple[str, ...]  # required properties that make the JSON this resource
    mirror_collection: str | None = None  # where the other API keeps its mirror of the relation

    def fetch(self, ctx: Context, url: str) -> dict:
        """The object at `url`: `bad-url`, `invalid-resource` (on `field`) or 503."""
        data = catalogi(ctx).fetch_json(url, self.field, self.api)
        if not isinstance(data, dict) or any(key not in data for key in self.shape):
            raise ValidationProblem.field(self.field, "invalid-resource", f"De URL {url} verwijst niet naar een {self.resource}.")
        return data

    def api_root(self, url: str) -> str:
        """The root of the other API: everything before `/{collection}/` in the object URL."""
        marker = f"/{self.collection}/"
        if marker not in url:
            raise MirrorFailed(f"{url} is geen {self.resource}-URL van de {self.api}.")
        return url.split(marker, 1)[0]

    # ------------------------------------------------------------ the mirror

    def create_mirror(self, ctx: Context, remote_url: str, zaak: Zaak) -> None:
        body = {self.field: remote_url, "object": zaak_url(ctx, zaak), "objectType": "zaak"}
        with _RemoteWriter(ctx) as writer:
            response = writer.request("POST", f"{self.api_root(remote_url)}/{self.mirror_collection}", json=body)
            if response.status_code not in (200, 201):
                raise MirrorFailed(f"De {self.api} antwoordde HTTP {response.status_code}: {response.text[:300]}")

    def mirror_urls(self, ctx: Context, remote_url: str, zaak: Zaak) -> list[str]:
        """The other API's mirrors of this relation (normally one)."""
        params = {"object": zaak_url(ctx, zaak), self.field: remote_url}
        with _RemoteWriter(ctx) as writer:
            response = writer.request("GET", f"{self.api_root(remote_url)}/{self.mirror_collection}", params=params)
            if response.status_code != 200:
                raise MirrorFailed(f"De {self.api} antwoordde HTTP {response.status_code}: {response.text[:300]}")
            try:
                data = response.json()
            except ValueError:
                raise MirrorFailed(f"De {self.api} antwoordde geen JSON.") from None
        items = data.get("results", []) if isinstance(data, dict) else data
        return [item["url"] for item in items if isinstance(item, dict) and item.get("url")]

    def delete_mirrors(self, ctx: Context, urls: list[str]) -> None:
        with _RemoteWriter(ctx) as writer:
            for url in urls:
                response = writer.request("DELETE", url)
                if response.status_code not in (200, 204, 404):
                    raise MirrorFailed(f"De {self.api} antwoordde HTTP {response.status_code}: {response.text[:300]}")

    def failure(self, exc: MirrorFailed) -> Exception:
        if exc.unavailable:
            return ServiceUnavailable(f"De {self.api} is niet bereikbaar ({exc.detail}).")
        return ValidationProblem.field(
            self.field, "pending-relations", f"De gespiegelde relatie in de {self.api} kon niet worden bijgewerkt: {exc.detail}"
        )


INFORMATIEOBJECT = RemoteObject(
    field="informatieobject",
    resource="EnkelvoudigInformatieObject",
    api="Documenten API",
    collection="enkelvoudiginformatieobjecten",
    shape=("url", "informatieobjecttype", "bronorganisatie", "titel"),
    mirror_collection="objectinformatieobjecten",
)


def klantinteractie_object(field: str, resource: str, api: str, collection: str) -> RemoteObject:
    """An object of a Klantinteractie API (contactmoment, verzoek): both APIs know it by its url and
    bronorganisatie and keep their mirror of the relation in `object<collection>`."""
    return RemoteObject(field, resource, api, collection, shape=("url", "bronorganisatie"), mirror_collection=f"object{collection}")


CONTACTMOMENT = klantinteractie_object("contactmoment", "ContactMoment", "Contactmomenten API", "contactmomenten")
VERZOEK = klantinteractie_object("verzoek", "Verzoek", "Verzoeken API", "verzoeken")
BESLUIT = RemoteObject(
    field="besluit",
    resource="Besluit",
    api="Besluiten API",
    collection="besluiten",
    shape=("url", "besluittype", "datum", "ingangsdatum"),
)


class _RemoteWriter:
    """Requests to another ZGW API with this service's own credentials, over the same transport as
    the Catalogi client (in tests: the in-process stand-ins)."""

    def __init__(self, ctx: Context):
        remote = catalogi(ctx)
        self._transport = remote.resolver._transport
        self._client = httpx.Client(
            transport=self._transport,
            timeout=httpx.Timeout(remote.resolver._timeout, connect=min(remote.resolver._timeout, 3.0)),
            follow_redirects=False,
            headers={"Accept": "application/json", "Authorization": f"Bearer {make_token(remote.client_id, remote.secret)}"},
        )

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
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
        return response

    def __enter__(self) -> "_RemoteWriter":
        return self

    def __exit__(self, *exc) -> None:
        # a transport handed in is shared with the Catalogi client: closing the client closes it
        if self._transport is None:
            self._client.close()


def store_mirrored(ctx: Context, remote: RemoteObject, obj, remote_url: str, zaak: Zaak) -> None:
    """zrc-005/024/025: store the relation `obj` (committed, so the other API can see it) and
    create its mirror; when that fails the relation is removed again and the client gets 400
    `pending-relations` (503 when the other API is unreachable)."""
    ctx.session.add(obj)
    ctx.session.flush()
    ctx.session.commit()
    try:
        remote.create_mirror(ctx, remote_url, zaak)
    except MirrorFailed as exc:
        log.warning("mirror of %s %s failed: %s", remote.resource, remote_url, exc.detail)
        ctx.session.delete(obj)
        ctx.session.commit()
        raise remote.failure(exc) from None


def delete_mirrored(ctx: Context, remote: RemoteObject, obj, remote_url: str, zaak: Zaak) -> None:
    """zrc-005/024/025: delete the relation `obj` and its mirror in the other API. The relation
    is gone (committed) before the mirror is removed, as the other API checks; when removing the
    mirror fails, the relation is restored and the client gets the error."""
    try:
        mirrors = remote.mirror_urls(ctx, remote_url, zaak)
    except MirrorFailed as exc:
        raise remote.failure(exc) from None
    ctx.session.delete(obj)
    ctx.session.flush()
    ctx.session.commit()
    try:
        remote.delete_mirrors(ctx, mirrors)
    except MirrorFailed as exc:
        log.warning("removing the mirror of %s %s failed: %s", remote.resource, remote_url, exc.detail)
        make_transient(obj)
        ctx.session.add(obj)
        ctx.session.commit()
        raise remote.failure(exc) from None


class ZaakRelationService(ZaakChildService):
    """A zaak's relation to one remote object, mirrored in the other API (zaakcontactmoment,
    zaakverzoek): create, read, delete; `remote.field` is both the request field and the column."""

    remote: RemoteObject
    notify_actions = frozenset({"create"})

    def column(self):
        return getattr(self.model, self.remote.field)

    def filter(self, ctx: Context, query: Select, filters: Any) -> Select:
        value = getattr(filters, self.remote.field, None)
        if value:
            query = query.where(self.column() == value)
        return query

    def to_json(self, ctx: Context, obj, page) -> dict:
        return {"zaak": ctx.url("zaken", obj.zaak.uuid), self.remote.field: getattr(obj, self.remote.field)}

    def weergave(self, obj) -> str:
        return f"({zaak_weergave(obj.zaak)}) - {getattr(obj, self.remote.field)}"

    def create(self, ctx: Context, data: Any) -> Any:
        zaak = self.zaak_for_create(ctx, data.zaak)
        remote_url = getattr(data, self.remote.field)
        self.remote.fetch(ctx, remote_url)
        existing = select(self.model.id).where(self.model.zaak_id == zaak.id, self.column() == remote_url)
        if ctx.session.scalar(existing) is not None:
            raise ValidationProblem.field("nonFieldErrors", "unique", f"De velden zaak, {self.remote.field} moeten een unieke set zijn.")
        obj = self.model(zaak_id=zaak.id, zaak=zaak, **{self.remote.field: remote_url})
        store_mirrored(ctx, self.remote, obj, remote_url, zaak)
        self.record(ctx, obj, "create")
        return obj

    def delete(self, ctx: Context, obj) -> None:
        oud = self.serialize(ctx, [obj])[0]
        delete_mirrored(ctx, self.remote, obj, getattr(obj, self.remote.field), obj.zaak)
        self.record(ctx, obj, "destroy", oud)


def mirrored_relations(ctx: Context, zaak: Zaak) -> list[tuple[RemoteObject, str]]:
    """zrc-023: the remote objects whose mirror goes with the zaak (those of its resources with a
    `mirror`: zaakinformatieobjecten, zaakcontactmomenten, zaakverzoeken). Collect them before the zaak is deleted; after the
    deletion call `remove_mirrors`."""
    from services.zaken.resources import RESOURCES  # the list imports every router, some this module

    found: list[tuple[RemoteObject, str]] = []
    for resource in RESOURCES:
        if resource.mirror is not None:
            model = resource.service.model
            column = getattr(model, resource.mirror.field)
            found.extend((resource.mirror, url) for url in ctx.session.scalars(select(column).where(model.zaak_id == zaak.id)))
    return found


def remove_mirrors(ctx: Context, zaak: Zaak, relations: list[tuple[RemoteObject, str]]) -> None:
    """zrc-023: after a zaak (and its relations) is deleted, remove their mirrors in the other APIs.
    The deletion is committed first (the other API checks it is gone); a mirror that cannot be
    removed is logged, not an error: the zaak is gone either way."""
    if not relations:
        return
    ctx.session.commit()
    for remote, remote_url in relations:
        try:
            remote.delete_mirrors(ctx, remote.mirror_urls(ctx, remote_url, zaak))
        except MirrorFailed as exc:
            log.warning("removing the mirror of %s %s of a deleted zaak failed: %s", remote.resource, remote_url, exc.detail)
