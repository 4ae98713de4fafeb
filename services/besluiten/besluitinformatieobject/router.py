"""HTTP of `/besluitinformatieobjecten`."""

from fastapi import APIRouter

from services.besluiten.access import COMPONENT, SCOPES
from services.besluiten.besluitinformatieobject.schemas import (
    BesluitInformatieObject,
    BesluitInformatieObjectFilters,
    BesluitInformatieObjectRequest,
)
from services.besluiten.besluitinformatieobject.service import BesluitInformatieObjectService
from shared.resources import ResourceSpec, register_resource

TAG = "besluitinformatieobjecten"

router = APIRouter()

spec = ResourceSpec(
    "besluitinformatieobject",
    "besluitinformatieobjecten",
    TAG,
    COMPONENT,
    BesluitInformatieObjectService(),
    BesluitInformatieObject,
    create_model=BesluitInformatieObjectRequest,
    filter_model=BesluitInformatieObjectFilters,
    scopes=SCOPES,
    paginated=False,
    audited=("create", "destroy"),
    # 1.0.2 has no PUT/PATCH here; they are served (changing nothing) because VNG's suite (brc-004)
    # asks a 400 `wijzigen-niet-toegelaten` for a new besluit or informatieobject, as Open Zaak gives
    operation_ids={"retrieve": "besluitinformatieobject_read", "destroy": "besluitinformatieobject_delete"},
    descriptions={
        "list": "Alle BESLUIT-INFORMATIEOBJECT relaties opvragen.",
        "create": "Maak een BESLUIT-INFORMATIEOBJECT relatie aan.",
        "retrieve": "Een specifieke BESLUIT-INFORMATIEOBJECT relatie opvragen.",
        "update": "Werk een BESLUIT-INFORMATIEOBJECT relatie in zijn geheel bij.",
        "partial_update": "Werk een BESLUIT-INFORMATIEOBJECT relatie deels bij.",
        "destroy": "Verwijder een BESLUIT-INFORMATIEOBJECT relatie.",
        "headers": "De headers voor een specifiek(e) BESLUIT-INFORMATIEOBJECT relatie opvragen ",
    },
    details={
        "list": "Deze lijst kan gefilterd wordt met query-string parameters.",
        "create": (
            "Registreer een INFORMATIEOBJECT bij een BESLUIT. Er worden twee types van relaties met andere objecten gerealiseerd:\n\n"
            "**Er wordt gevalideerd op**\n- geldigheid `besluit` URL\n- geldigheid `informatieobject` URL\n"
            "- de combinatie `informatieobject` en `besluit` moet uniek zijn\n\n**Opmerkingen**\n"
            "- De `registratiedatum` wordt door het systeem op 'NU' gezet. De `aardRelatie` wordt ook door het systeem gezet.\n"
            "- Bij het aanmaken wordt ook in de Documenten API de gespiegelde relatie aangemaakt, echter zonder de relatie-informatie."
        ),
        "update": "`besluit` en `informatieobject` mogen niet gewijzigd worden.",
        "partial_update": "`besluit` en `informatieobject` mogen niet gewijzigd worden.",
        "destroy": "Hiermee wordt ook de gespiegelde relatie in de Documenten API verwijderd.",
        "headers": "Vraag de headers op die je bij een GET request zou krijgen.",
    },
)

register_resource(router, spec)
