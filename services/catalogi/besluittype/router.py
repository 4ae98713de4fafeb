from fastapi import APIRouter

from services.catalogi.access import COMPONENT, SCOPES_MAIN
from services.catalogi.besluittype.schemas import BesluitType, BesluitTypeCreate, BesluitTypeFilters, BesluitTypeUpdate
from services.catalogi.besluittype.service import BesluitTypeService
from services.catalogi.versioned import register_versioned_type
from shared.resources import ResourceSpec

router = APIRouter()
service = BesluitTypeService()
spec = ResourceSpec(
    name="besluittype",
    collection="besluittypen",
    tag="besluittypen",
    component=COMPONENT,
    service=service,
    read_model=BesluitType,
    create_model=BesluitTypeCreate,
    update_model=BesluitTypeUpdate,
    filter_model=BesluitTypeFilters,
    scopes=SCOPES_MAIN,
    descriptions={
        "list": "Alle BESLUITTYPEn opvragen.",
        "create": "Maak een BESLUITTYPE aan.",
        "retrieve": "Een specifieke BESLUITTYPE opvragen.",
        "update": "Werk een BESLUITTYPE in zijn geheel bij.",
        "partial_update": "Werk een BESLUITTYPE deels bij.",
        "destroy": "Verwijder een BESLUITTYPE.",
        "headers": "De headers voor een specifiek(e) BESLUITTYPE opvragen.",
    },
)
register_versioned_type(
    router,
    spec,
    publish_description=(
        "Publiceren van het besluittype zorgt ervoor dat dit in een Besluiten API kan gebruikt worden. Na het "
        "publiceren van een besluittype zijn geen inhoudelijke wijzigingen meer mogelijk. Indien er na het "
        "publiceren nog wat gewijzigd moet worden, dan moet je een nieuwe versie aanmaken."
    ),
)
