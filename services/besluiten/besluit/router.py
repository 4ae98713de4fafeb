"""HTTP of `/besluiten`: the standard operations and the besluit's audit trail."""

import uuid as uuid_module

from fastapi import APIRouter

from services.besluiten.access import COMPONENT, SCOPE_LEZEN, SCOPES
from services.besluiten.besluit.schemas import Besluit, BesluitFilters, BesluitRequest
from services.besluiten.besluit.service import BesluitService
from services.besluiten.common import CHANGES, COLLECTION, ensure_allowed
from shared.audittrail import SCOPE_AUDITTRAILS_LEZEN
from shared.resources import Context, ResourceSpec, register_audittrail, register_resource

TAG = "besluiten"

router = APIRouter()
service = BesluitService()

spec = ResourceSpec(
    "besluit",
    COLLECTION,
    TAG,
    COMPONENT,
    service,
    Besluit,
    create_model=BesluitRequest,
    filter_model=BesluitFilters,
    scopes=SCOPES,
    audited=("create", "update", "partial_update", "destroy"),
    # the operationIds of the Besluiten API 1.0.2 contract
    operation_ids={"retrieve": "besluit_read", "destroy": "besluit_delete"},
    descriptions={
        "list": "Alle BESLUITen opvragen.",
        "create": "Maak een BESLUIT aan.",
        "retrieve": "Een specifiek BESLUIT opvragen.",
        "update": "Werk een BESLUIT in zijn geheel bij.",
        "partial_update": "Werk een BESLUIT deels bij.",
        "destroy": "Verwijder een BESLUIT.",
        "headers": "De headers voor een specifiek(e) BESLUIT opvragen ",
    },
    details={
        "list": "Deze lijst kan gefilterd wordt met query-string parameters.",
        "create": (
            "Indien geen identificatie gegeven is, dan wordt deze automatisch gegenereerd.\n\n**Er wordt gevalideerd op**\n"
            "- uniciteit van `verantwoordelijkeOrganisatie` + `identificatie`\n- geldigheid `verantwoordelijkeOrganisatie` RSIN\n"
            "- geldigheid `besluittype` URL - de resource moet opgevraagd kunnen worden uit de Catalogi API en de vorm van een "
            "BESLUITTYPE hebben.\n- geldigheid `zaak` URL - de resource moet opgevraagd kunnen worden uit de Zaken API en de vorm "
            "van een ZAAK hebben.\n- `datum` in het verleden of nu\n- publicatie `besluittype` - `concept` moet `false` zijn"
        ),
        "update": (
            "**Er wordt gevalideerd op**\n- `verantwoordelijkeOrganisatie`, `identificatie` en `besluittype` mogen niet "
            "gewijzigd worden\n- geldigheid `zaak` URL"
        ),
        "partial_update": (
            "**Er wordt gevalideerd op**\n- `verantwoordelijkeOrganisatie`, `identificatie` en `besluittype` mogen niet "
            "gewijzigd worden\n- geldigheid `zaak` URL"
        ),
        "destroy": (
            "Verwijder een BESLUIT samen met alle gerelateerde resources binnen deze API.\n\n**De gerelateerde resources zijn**\n"
            "- `BESLUITINFORMATIEOBJECT`\n- audit trail regels"
        ),
        "headers": "Vraag de headers op die je bij een GET request zou krijgen.",
    },
)

register_resource(router, spec)


# ---------------------------------------------------------------- audit trail


def _ensure_trail_visible(ctx: Context, besluit_uuid: uuid_module.UUID) -> None:
    """The trail of a besluit outside the client's autorisaties is a 403."""
    besluit = service.get(ctx, besluit_uuid)
    if besluit is not None:
        ensure_allowed(ctx, (SCOPE_AUDITTRAILS_LEZEN, SCOPE_LEZEN), besluit)


register_audittrail(
    router,
    trail=CHANGES.audittrail,
    component=COMPONENT,
    collection=COLLECTION,
    param="besluit_uuid",
    tag=TAG,
    hoofdobject="het BESLUIT",
    subject="dit besluit",
    ensure_visible=_ensure_trail_visible,
    retrieve_id="audittrail_read",
)
