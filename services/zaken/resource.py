"""How a Zaken resource is declared: its operations (the kernel's `ResourceSpec`), what `expand`
may follow from it (zrc-025) and the relation it mirrors in another API (zrc-005/024/025).
services/zaken/resources.py lists every one; routing, tags, tables, expand and the mirrors a
deleted zaak takes along (zrc-023) all read that list."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from fastapi import APIRouter
from sqlalchemy import Select

from services.zaken.access import Scopes
from services.zaken.common import ZaakChildService, ZaakNestedService
from services.zaken.expand import Relation
from services.zaken.relations import RemoteObject, ZaakRelationService
from shared.auth import ZRC
from shared.resources import Context, ResourceService, ResourceSpec, register_resource


class ZakenService(ResourceService, Protocol):
    """What expand asks of a Zaken resource's service besides the standard operations."""

    model: Any  # its table

    def base_query(self, ctx: Context) -> Select: ...


@dataclass(frozen=True, eq=False)  # one object per resource: compared and hashed as itself
class ZakenResource:
    spec: ResourceSpec
    router: APIRouter
    # attribute -> the resource its URL(s) point at, for `expand`
    expandable: Mapping[str, Relation] = field(default_factory=dict)
    # the relation this resource holds is mirrored in that API (and goes with its zaak)
    mirror: RemoteObject | None = None

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def service(self) -> ZakenService:
        return cast(ZakenService, self.spec.service)


def declare(
    spec: ResourceSpec,
    *,
    expandable: Mapping[str, Relation] | None = None,
    mirror: RemoteObject | None = None,
    router: APIRouter | None = None,
) -> ZakenResource:
    """The resource with the standard operations of `spec` on its router (`router`: one that has
    operations of its own already, e.g. `/zaken/_zoek`)."""
    router = router or APIRouter()
    register_resource(router, spec)
    return ZakenResource(spec, router, expandable or {}, mirror)


def declare_collection(
    name: str,
    collection: str,
    service: ResourceService,
    read_model: Any,
    create_model: Any,
    filter_model: Any,
    *,
    scopes: Scopes,
    expandable: Mapping[str, Relation] | None = None,
    mirror: RemoteObject | None = None,
    router: APIRouter | None = None,
    **options: Any,
) -> ZakenResource:
    """A collection of its own (`/zaken`, `/statussen`, `/rollen`, ...), as the standard declares
    each: tagged by its collection, its list refusing unknown query parameters. `options` are
    ResourceSpec's own: what differs per resource."""
    # ResourceSpec's leading fields, in its order: name, collection, tag, component, service, read_model, create_model
    spec = ResourceSpec(
        name,
        collection,
        collection,
        ZRC,
        service,
        read_model,
        create_model,
        filter_model=filter_model,
        scopes=scopes,
        strict_query=True,
        **options,
    )
    return declare(spec, expandable=expandable, mirror=mirror, router=router)


def declare_zaak_child(
    name: str, collection: str, service: ZaakChildService, read_model: Any, create_model: Any, filter_model: Any, **options: Any
) -> ZakenResource:
    """A collection whose objects each hang on a zaak (status, rol, resultaat, ...), with the
    scopes its service was given (so the two cannot differ)."""
    return declare_collection(name, collection, service, read_model, create_model, filter_model, scopes=service.scopes, **options)


def declare_zaak_nested(
    name: str,
    collection: str,
    service: ZaakNestedService,
    read_model: Any,
    create_model: Any,
    *,
    expandable: Mapping[str, Relation] | None = None,
    **options: Any,
) -> ZakenResource:
    """A collection under one zaak, `/zaken/{zaak_uuid}/<collection>` (zaakeigenschappen,
    besluiten), as the standard declares both: tagged `zaken`, listed as a plain array without
    filters, with the scopes its service was given. `options` are ResourceSpec's own."""
    # ResourceSpec's leading fields, in its order (as in declare_collection)
    spec = ResourceSpec(
        name,
        collection,
        "zaken",
        ZRC,
        service,
        read_model,
        create_model,
        scopes=service.scopes,
        parent=service.parent_path(),
        paginated=False,
        **options,
    )
    return declare(spec, expandable=expandable)


def declare_zaak_relation(
    name: str,
    collection: str,
    service: ZaakRelationService,
    read_model: Any,
    create_model: Any,
    filter_model: Any,
    descriptions: dict[str, str],
) -> ZakenResource:
    """A zaak's relation to an object of another API that mirrors it (zaakcontactmoment,
    zaakverzoek: zrc-024/025), as the standard declares both: created, read and deleted only, the
    writes audited, listed as a plain array, without ETag; the mirror goes with its zaak."""
    return declare_zaak_child(
        name,
        collection,
        service,
        read_model,
        create_model,
        filter_model,
        mirror=service.remote,
        operations=("list", "create", "retrieve", "destroy"),
        audited=("create", "destroy"),
        etag=False,
        paginated=False,
        descriptions=descriptions,
    )
