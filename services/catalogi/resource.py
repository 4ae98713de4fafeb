"""How a Catalogi resource is declared: tagged by its collection, of component ztc, on a router of
its own (what services/catalogi/resources.py lists)."""

from typing import Any

from fastapi import APIRouter

from services.catalogi.access import COMPONENT, SCOPES_SUB
from shared.resources import ResourceSpec, register_resource


def declare(
    name: str, collection: str, service: Any, read_model: Any, create_model: Any, filter_model: Any, **options: Any
) -> tuple[APIRouter, ResourceSpec]:
    """(router, spec) of a resource with the standard's operations; `options` are ResourceSpec's
    own (scopes default to those of the zaaktype's parts, SCOPES_SUB)."""
    spec = ResourceSpec(
        name=name,
        collection=collection,
        tag=collection,
        component=COMPONENT,
        service=service,
        read_model=read_model,
        create_model=create_model,
        filter_model=filter_model,
        **{"scopes": SCOPES_SUB, **options},
    )
    router = APIRouter()
    register_resource(router, spec)
    return router, spec
