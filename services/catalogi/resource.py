"""How a Catalogi resource is declared: tagged by its collection, of component ztc, on a router of
its own (what services/catalogi/resources.py lists)."""

from typing import Any

from fastapi import APIRouter

from services.catalogi.access import COMPONENT, SCOPES_MAIN, SCOPES_SUB
from services.catalogi.versioned import register_versioned_type
from shared.resources import ResourceSpec, register_resource


def _spec(name: str, collection: str, service: Any, read_model: Any, create_model: Any, filter_model: Any, **options: Any) -> ResourceSpec:
    return ResourceSpec(
        name=name,
        collection=collection,
        tag=collection,
        component=COMPONENT,
        service=service,
        read_model=read_model,
        create_model=create_model,
        filter_model=filter_model,
        **options,
    )


def declare(
    name: str, collection: str, service: Any, read_model: Any, create_model: Any, filter_model: Any, **options: Any
) -> tuple[APIRouter, ResourceSpec]:
    """(router, spec) of a resource with the standard's operations; `options` are ResourceSpec's
    own (scopes default to those of the zaaktype's parts, SCOPES_SUB)."""
    spec = _spec(name, collection, service, read_model, create_model, filter_model, **{"scopes": SCOPES_SUB, **options})
    router = APIRouter()
    register_resource(router, spec)
    return router, spec


def declare_versioned(
    name: str,
    collection: str,
    service: Any,
    read_model: Any,
    create_model: Any,
    filter_model: Any,
    *,
    publish_description: str,
    **options: Any,
) -> tuple[APIRouter, ResourceSpec]:
    """(router, spec) of a versioned type (zaaktype, informatieobjecttype, besluittype): the
    standard's operations and `<name>_publish`, with the scopes of a main type (SCOPES_MAIN)."""
    spec = _spec(name, collection, service, read_model, create_model, filter_model, scopes=SCOPES_MAIN, **options)
    router = APIRouter()
    register_versioned_type(router, spec, publish_description=publish_description)
    return router, spec
