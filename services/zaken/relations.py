"""Relations from a zaak to objects of other APIs: a ZaakInformatieObject to a Documenten API
informatieobject (zrc-005), a ZaakContactMoment to a contactmoment (zrc-024), a ZaakVerzoek to a
verzoek (zrc-025), a ZaakBesluit to a besluit (which the Besluiten API mirrors itself).

The remote object is validated as every URL reference is: `bad-url` when it does not answer 200
with JSON, `invalid-resource` when the JSON is not of the expected shape, 503 when the API is
unreachable.

The relation is mirrored in the other API (`objectinformatieobjecten`, `objectcontactmomenten`,
`objectverzoeken`, objectType `zaak`) as shared.mirror does it: the relation is committed, the
mirror written, and on failure the relation is removed again (400 `pending-relations`), so that in
the end either both exist or neither. The audit trail record and notification are written after
the mirror succeeded, in the request's own transaction.
"""

import logging
from typing import Any

from sqlalchemy import Select, select

from services.zaken.catalogi import catalogi
from services.zaken.common import ZaakChildService, zaak_url, zaak_weergave
from services.zaken.zaak.models import Zaak
from shared import mirror
from shared.errors import ValidationProblem
from shared.mirror import INFORMATIEOBJECT, MirrorFailed, ObjectMirror
from shared.resources import Context

log = logging.getLogger(__name__)

# the remote objects a zaak relates to (shared.mirror.ObjectMirror)
RemoteObject = ObjectMirror
__all__ = ["BESLUIT", "CONTACTMOMENT", "INFORMATIEOBJECT", "VERZOEK", "RemoteObject"]


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

OBJECT_TYPE = "zaak"  # the objectType of the mirrors of a zaak's relations


def store_mirrored(ctx: Context, remote: RemoteObject, obj, remote_url: str, zaak: Zaak) -> None:
    """zrc-005/024/025: store the relation `obj` (committed, so the other API can see it) and
    create its mirror; when that fails the relation is removed again and the client gets 400
    `pending-relations` (503 when the other API is unreachable)."""
    client = catalogi(ctx)
    mirror.store_mirrored(
        ctx.session,
        obj,
        lambda: remote.create_mirror(client, remote_url, zaak_url(ctx, zaak), OBJECT_TYPE),
        remote.failure,
        f"{remote.resource} {remote_url}",
    )


def delete_mirrored(ctx: Context, remote: RemoteObject, obj, remote_url: str, zaak: Zaak) -> None:
    """zrc-005/024/025: delete the relation `obj` and its mirror in the other API. The relation
    is gone (committed) before the mirror is removed, as the other API checks; when removing the
    mirror fails, the relation is restored and the client gets the error."""
    client = catalogi(ctx)
    mirror.delete_mirrored(
        ctx.session,
        obj,
        lambda: remote.mirror_urls(client, remote_url, zaak_url(ctx, zaak)),
        lambda urls: remote.delete_mirrors(client, urls),
        remote.failure,
        f"{remote.resource} {remote_url}",
    )


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
        self.remote.fetch(catalogi(ctx), remote_url)
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
            client = catalogi(ctx)
            remote.delete_mirrors(client, remote.mirror_urls(client, remote_url, zaak_url(ctx, zaak)))
        except MirrorFailed as exc:
            log.warning("removing the mirror of %s %s of a deleted zaak failed: %s", remote.resource, remote_url, exc.detail)
