"""Besluitinformatieobjecten: the documents a besluit is laid down in. The informatieobject must
resolve in a Documenten API (brc-003) and be of one of the besluittype's informatieobjecttypen
(brc-008); this API sets aardRelatie and registratiedatum (brc-004); the relation is mirrored as an
objectinformatieobject (objectType `besluit`) in the Documenten API (brc-005), which checks it here
before it accepts or removes its mirror. Visible when the besluit is (autorisaties per besluittype)."""

import uuid as uuid_module
from typing import Any

from sqlalchemy import Select, false, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from services.besluiten.access import SCOPES
from services.besluiten.besluit import rules as besluit_rules
from services.besluiten.besluit.models import Besluit
from services.besluiten.besluitinformatieobject.models import BesluitInformatieObject
from services.besluiten.besluitinformatieobject.schemas import BesluitInformatieObjectFilters, BesluitInformatieObjectRequest
from services.besluiten.common import CHANGES, COLLECTION, besluit_url, besluit_weergave, ensure_allowed, remote, visible
from shared import mirror, utc
from shared.errors import ValidationProblem
from shared.mirror import INFORMATIEOBJECT
from shared.remote import same_url
from shared.resources import OPERATION_OF_METHOD, Context, ensure_unchanged, local_uuid

RESOURCE = "besluitinformatieobject"
OBJECT_TYPE = "besluit"  # the objectType of the mirror in the Documenten API
AARD_RELATIE = "legt_vast"


def besluit_by_url(ctx: Context, url: str) -> Besluit:
    """The local besluit a URL points at: 400 `no_match` on `besluit` for a URL that is no besluit
    of this API, `does_not_exist` for an unknown one."""
    besluit_uuid = local_uuid(ctx, url, COLLECTION)
    if besluit_uuid is None:
        raise ValidationProblem.field("besluit", "no_match", "Ongeldige hyperlink - Geen URL match.")
    besluit = ctx.session.scalars(select(Besluit).where(Besluit.uuid == besluit_uuid)).first()
    if besluit is None:
        raise ValidationProblem.field("besluit", "does_not_exist", "Ongeldige hyperlink - Object bestaat niet.")
    return besluit


def informatieobject(ctx: Context, url: str) -> dict:
    """brc-003: the informatieobject resolves to an EnkelvoudigInformatieObject of a Documenten
    API (`bad-url`, `invalid-resource` on `informatieobject`); read fresh, it may be new."""
    return INFORMATIEOBJECT.fetch(remote(ctx), url)


def ensure_informatieobjecttype_of_besluittype(ctx: Context, besluit: Besluit, document: dict) -> None:
    """brc-008: the document's informatieobjecttype is one of the besluit's
    besluittype.informatieobjecttypen (`nonFieldErrors`
    `missing-besluittype-informatieobjecttype-relation`)."""
    besluittype = besluit_rules.besluittype(ctx, besluit.besluittype)
    if not any(same_url(url, document.get("informatieobjecttype")) for url in besluittype.get("informatieobjecttypen") or []):
        raise ValidationProblem.field(
            "nonFieldErrors",
            "missing-besluittype-informatieobjecttype-relation",
            "Het informatieobjecttype van het informatieobject hoort niet bij het besluittype van het besluit.",
        )


def not_unique() -> ValidationProblem:
    return ValidationProblem.field("nonFieldErrors", "unique", "De velden besluit, informatieobject moeten een unieke set zijn.")


def ensure_unique(ctx: Context, besluit: Besluit, informatieobject_url: str) -> None:
    """A document is related to a besluit once (`nonFieldErrors` `unique`)."""
    existing = select(BesluitInformatieObject.id).where(
        BesluitInformatieObject.besluit_id == besluit.id, BesluitInformatieObject.informatieobject == informatieobject_url
    )
    if ctx.session.scalar(existing) is not None:
        raise not_unique()


class BesluitInformatieObjectService:
    model = BesluitInformatieObject
    scopes = SCOPES

    # ------------------------------------------------------------ reads

    def base_query(self) -> Select:
        return (
            select(BesluitInformatieObject).join(BesluitInformatieObject.besluit).options(contains_eager(BesluitInformatieObject.besluit))
        )

    def list_query(self, ctx: Context, filters: BesluitInformatieObjectFilters) -> Select:
        query = self.base_query().where(visible(ctx.principal, self.scopes["list"]))
        if filters.besluit:
            besluit_uuid = local_uuid(ctx, filters.besluit, COLLECTION)
            query = query.where(Besluit.uuid == besluit_uuid if besluit_uuid else false())
        if filters.informatieobject:
            query = query.where(BesluitInformatieObject.informatieobject == filters.informatieobject)
        return query.order_by(BesluitInformatieObject.id)

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params: Any = None) -> BesluitInformatieObject | None:
        obj = ctx.session.scalars(self.base_query().where(BesluitInformatieObject.uuid == object_uuid)).first()
        if obj is not None:
            ensure_allowed(ctx, self.scopes[OPERATION_OF_METHOD.get(ctx.request.method, "retrieve")], obj.besluit)
        return obj

    def url(self, ctx: Context, obj: BesluitInformatieObject) -> str:
        return ctx.url("besluitinformatieobjecten", obj.uuid)

    def serialize(self, ctx: Context, objects: list[BesluitInformatieObject]) -> list[dict]:
        return [
            {"url": self.url(ctx, obj), "informatieobject": obj.informatieobject, "besluit": besluit_url(ctx, obj.besluit)}
            for obj in objects
        ]

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data: BesluitInformatieObjectRequest) -> BesluitInformatieObject:
        besluit = besluit_by_url(ctx, data.besluit)
        ensure_allowed(ctx, self.scopes["create"], besluit)
        document = informatieobject(ctx, data.informatieobject)
        ensure_informatieobjecttype_of_besluittype(ctx, besluit, document)
        ensure_unique(ctx, besluit, data.informatieobject)
        obj = BesluitInformatieObject(
            besluit_id=besluit.id,
            besluit=besluit,
            informatieobject=data.informatieobject,
            aard_relatie=AARD_RELATIE,
            registratiedatum=utc.today(),
        )
        try:
            with ctx.session.begin_nested():  # the unique constraint decides between concurrent creates
                ctx.session.add(obj)
        except IntegrityError:
            raise not_unique() from None
        client = remote(ctx)
        url = besluit_url(ctx, besluit)
        mirror.store_mirrored(
            ctx.session,
            obj,
            lambda: INFORMATIEOBJECT.create_mirror(client, data.informatieobject, url, OBJECT_TYPE),
            INFORMATIEOBJECT.failure,
            f"besluitinformatieobject {data.informatieobject}",
        )
        self.record(ctx, obj, "create")
        return obj

    def update(self, ctx: Context, obj: BesluitInformatieObject, data: Any, partial: bool) -> BesluitInformatieObject:
        """brc-004 (the suite's): besluit and informatieobject never change (`wijzigen-niet-toegelaten`);
        the relation has nothing else a client sets, so an update changes nothing."""
        ensure_allowed(ctx, self.scopes["partial_update" if partial else "update"], obj.besluit)
        ensure_unchanged(
            data,
            {"besluit": obj.besluit.uuid, "informatieobject": obj.informatieobject},
            as_stored={"besluit": lambda url: local_uuid(ctx, url, COLLECTION)},
        )
        return obj

    def delete(self, ctx: Context, obj: BesluitInformatieObject) -> None:
        """brc-005: the relation goes (committed) before its objectinformatieobject in the
        Documenten API, which checks that it is gone here."""
        besluit = obj.besluit
        oud = self.serialize(ctx, [obj])[0]
        client = remote(ctx)
        url = besluit_url(ctx, besluit)
        mirror.delete_mirrored(
            ctx.session,
            obj,
            lambda: INFORMATIEOBJECT.mirror_urls(client, obj.informatieobject, url),
            lambda urls: INFORMATIEOBJECT.delete_mirrors(client, urls),
            INFORMATIEOBJECT.failure,
            f"besluitinformatieobject {obj.informatieobject}",
        )
        self.record(ctx, obj, "destroy", oud)

    def record(self, ctx: Context, obj: BesluitInformatieObject, actie: str, oud: dict | None = None) -> None:
        """The audit trail record on the besluit and the notification, in the write's own transaction."""
        ctx.session.flush()
        nieuw = None if actie == "destroy" else self.serialize(ctx, [obj])[0]
        if nieuw is not None:
            ctx.remember_shown(obj, nieuw)
        besluit = obj.besluit
        CHANGES.record(
            ctx,
            besluit,
            resource=RESOURCE,
            resource_url=self.url(ctx, obj),
            actie=actie,
            oud=oud,
            nieuw=nieuw,
            weergave=f"({besluit_weergave(besluit)}) - {obj.informatieobject}"[:200],
        )
