"""Objectinformatieobjecten: the Documenten API's mirror of a relation another API holds (a Zaken
API zaakinformatieobject, a Besluiten API besluitinformatieobject, a Verzoeken API
verzoekinformatieobject). That API writes it after its own relation (drc-002..004) and removes it
after removing its own; clients only read it."""

from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError

from services.documenten.child import DocumentChildService
from services.documenten.common import document_url
from services.documenten.enkelvoudiginformatieobject.models import InformatieObject
from services.documenten.objectinformatieobject.models import ObjectInformatieObject
from services.documenten.objectinformatieobject.schemas import ObjectInformatieObjectFilters, ObjectInformatieObjectRequest
from shared.errors import ValidationProblem
from shared.remote import RemoteError, ZgwClient, remote_problem
from shared.resources import Context


@dataclass(frozen=True)
class ObjectKind:
    """What an `objectType` names: a resource of another API, and the collection of that API holding
    its relations with informatieobjecten (`<objectType>informatieobjecten`, filtered on
    `<objectType>` and `informatieobject`)."""

    object_type: str
    resource: str  # the name in the other API's schema
    api: str
    collection: str  # the object URLs are {api root}/{collection}/{uuid}
    shape: tuple[str, ...]  # required properties that make the JSON this resource

    @property
    def relations(self) -> str:
        return f"{self.object_type}informatieobjecten"

    def api_root(self, url: str) -> str:
        return url.rsplit(f"/{self.collection}/", 1)[0]  # the last: `/zaken/api/v1/zaken/...`


# the shapes: required properties of Zaak (Zaken API 1.5.1), Besluit (Besluiten API 1.0.2) and
# Verzoek (Verzoeken API 1.0) that tell them from each other and from the other resources
OBJECT_KINDS = {
    kind.object_type: kind
    for kind in (
        ObjectKind("zaak", "Zaak", "Zaken API", "zaken", ("url", "zaaktype", "bronorganisatie", "startdatum")),
        ObjectKind("besluit", "Besluit", "Besluiten API", "besluiten", ("url", "besluittype", "verantwoordelijkeOrganisatie", "datum")),
        ObjectKind("verzoek", "Verzoek", "Verzoeken API", "verzoeken", ("url", "bronorganisatie")),
    )
}


def remote(ctx: Context) -> ZgwClient:
    """How this service reads the other ZGW APIs (services/documenten/app.py)."""
    return ctx.request.app.state.remote


def ensure_object_resolves(ctx: Context, data: ObjectInformatieObjectRequest) -> ObjectKind:
    """drc-002: `object` is a resource of its `objectType`: a URL that does not answer 200 is
    `bad-url`, one that answers with something else `invalid-resource` (on `object`); read fresh, as
    a zaak or besluit may have been deleted since."""
    kind = OBJECT_KINDS[data.objectType]
    remote(ctx).fetch_resource(data.object, "object", kind.api, kind.resource, kind.shape, kind.collection, cached=False)
    return kind


def ensure_unique(ctx: Context, informatieobject: InformatieObject, object_url: str) -> None:
    """drc-003: an object relates to an informatieobject once (`nonFieldErrors` `unique`)."""
    existing = select(ObjectInformatieObject.id).where(
        ObjectInformatieObject.informatieobject_id == informatieobject.id, ObjectInformatieObject.object == object_url
    )
    if ctx.session.scalar(existing) is not None:
        raise not_unique()


def not_unique() -> ValidationProblem:
    return ValidationProblem.field("nonFieldErrors", "unique", "De velden object, informatieobject moeten een unieke set zijn.")


def source_relations(ctx: Context, kind: ObjectKind, object_url: str, informatieobject_url: str) -> list:
    """The relations between the object and the informatieobject in the API that holds them, as
    they are now (never from a cache): `GET {root}/<objectType>informatieobjecten`. A failed lookup
    is a 503 when that API is down, else `nonFieldErrors` `relation-lookup-error`."""
    url = f"{kind.api_root(object_url)}/{kind.relations}"
    try:
        found = remote(ctx).resolver.get_json(url, {kind.object_type: object_url, "informatieobject": informatieobject_url}, cached=False)
    except RemoteError as exc:
        if exc.kind == "unavailable":
            raise remote_problem(exc, "nonFieldErrors", kind.api) from None
        raise ValidationProblem.field(
            "nonFieldErrors", "relation-lookup-error", f"De relaties in de {kind.api} konden niet worden opgevraagd ({exc.detail})."
        ) from None
    items = found.get("results") if isinstance(found, dict) else found
    return items if isinstance(items, list) else []


def ensure_source_relation(ctx: Context, kind: ObjectKind, object_url: str, informatieobject_url: str) -> None:
    """drc-004: the relation exists already in the API that holds it (the Zaken API's
    zaakinformatieobject, the Besluiten API's besluitinformatieobject): else `nonFieldErrors`
    `inconsistent-relation`."""
    if not source_relations(ctx, kind, object_url, informatieobject_url):
        raise ValidationProblem.field(
            "nonFieldErrors",
            "inconsistent-relation",
            f"Het informatieobject is in de {kind.api} nog niet gerelateerd aan het object.",
        )


def ensure_source_relation_gone(ctx: Context, kind: ObjectKind, object_url: str, informatieobject_url: str) -> None:
    """The mirror goes after the relation it mirrors (Open Zaak's RemoteRelationValidator): while the
    source API still holds it, `nonFieldErrors` `remote-relation-exists`."""
    if source_relations(ctx, kind, object_url, informatieobject_url):
        raise ValidationProblem.field(
            "nonFieldErrors",
            "remote-relation-exists",
            f"De relatie bestaat nog in de {kind.api}: deze relatie kan niet verwijderd worden.",
        )


class ObjectInformatieObjectService(DocumentChildService):
    model = ObjectInformatieObject
    collection = "objectinformatieobjecten"
    resource = "objectinformatieobject"
    # the standard documents no audit headers here; a relation's audit is the source API's
    audited = False
    notify_actions = frozenset({"create", "destroy"})

    def filter(self, ctx: Context, query: Select, filters: ObjectInformatieObjectFilters) -> Select:
        if filters.object:
            query = query.where(ObjectInformatieObject.object == filters.object)
        return query

    def to_json(self, obj: ObjectInformatieObject) -> dict:
        return {"object": obj.object, "objectType": obj.object_type}

    def create(self, ctx: Context, data: ObjectInformatieObjectRequest) -> ObjectInformatieObject:
        informatieobject, versie = self.document_for_write(ctx, data.informatieobject, "create")
        kind = ensure_object_resolves(ctx, data)
        ensure_unique(ctx, informatieobject, data.object)
        # the URL as the source API knows the document: the one it sent
        ensure_source_relation(ctx, kind, data.object, data.informatieobject)
        obj = ObjectInformatieObject(
            informatieobject_id=informatieobject.id, informatieobject=informatieobject, object=data.object, object_type=kind.object_type
        )
        try:
            with ctx.session.begin_nested():  # the unique constraint decides between concurrent creates
                ctx.session.add(obj)
        except IntegrityError:
            raise not_unique() from None
        self.record(ctx, obj, "create", versie=versie)
        return obj

    def delete(self, ctx: Context, obj: ObjectInformatieObject) -> None:
        ensure_source_relation_gone(ctx, OBJECT_KINDS[obj.object_type], obj.object, document_url(ctx, obj.informatieobject))
        self.destroy(ctx, obj)
