"""How a Zaken resource is declared: its operations (the kernel's `ResourceSpec`), what `expand`
may follow from it (zrc-025) and the relation it mirrors in another API (zrc-005/024/025).
services/zaken/resources.py lists every one; routing, tags, tables, expand and the mirrors a
deleted zaak takes along (zrc-023) all read that list."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from fastapi import APIRouter
from sqlalchemy import Select

from services.zaken.expand import Relation
from services.zaken.relations import RemoteObject
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
