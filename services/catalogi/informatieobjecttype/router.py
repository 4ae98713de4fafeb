from fastapi import APIRouter

from services.catalogi.access import COMPONENT, SCOPES_MAIN
from services.catalogi.informatieobjecttype.schemas import (
    InformatieObjectType,
    InformatieObjectTypeFilters,
    InformatieObjectTypeRequest,
)
from services.catalogi.informatieobjecttype.service import InformatieObjectTypeService
from services.catalogi.versioned import register_versioned_type
from shared.resources import ResourceSpec

router = APIRouter()
service = InformatieObjectTypeService()
spec = ResourceSpec(
    name="informatieobjecttype",
    collection="informatieobjecttypen",
    tag="informatieobjecttypen",
    component=COMPONENT,
    service=service,
    read_model=InformatieObjectType,
    create_model=InformatieObjectTypeRequest,
    filter_model=InformatieObjectTypeFilters,
    scopes=SCOPES_MAIN,
    descriptions={
        "list": "Alle INFORMATIEOBJECTTYPEn opvragen.",
        "create": "Maak een INFORMATIEOBJECTTYPE aan.",
        "retrieve": "Een specifieke INFORMATIEOBJECTTYPE opvragen.",
        "update": "Werk een INFORMATIEOBJECTTYPE in zijn geheel bij.",
        "partial_update": "Werk een INFORMATIEOBJECTTYPE deels bij.",
        "destroy": "Verwijder een INFORMATIEOBJECTTYPE.",
        "headers": "De headers voor een specifiek(e) INFORMATIEOBJECTTYPE opvragen.",
    },
)
register_versioned_type(
    router,
    spec,
    publish_description=(
        "Publiceren van het informatieobjecttype zorgt ervoor dat dit in een Documenten API kan gebruikt worden. "
        "Na het publiceren van een informatieobjecttype zijn geen inhoudelijke wijzigingen meer mogelijk. Indien er "
        "na het publiceren nog wat gewijzigd moet worden, dan moet je een nieuwe versie aanmaken."
    ),
)
