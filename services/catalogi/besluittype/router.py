from services.catalogi.besluittype.schemas import BesluitType, BesluitTypeCreate, BesluitTypeFilters, BesluitTypeUpdate
from services.catalogi.besluittype.service import BesluitTypeService
from services.catalogi.resource import declare_versioned

router, spec = declare_versioned(
    "besluittype",
    "besluittypen",
    BesluitTypeService(),
    BesluitType,
    BesluitTypeCreate,
    BesluitTypeFilters,
    update_model=BesluitTypeUpdate,
    descriptions={"list": "Alle BESLUITTYPEn opvragen."},  # the standard's summary (the others are the defaults)
    publish_description=(
        "Publiceren van het besluittype zorgt ervoor dat dit in een Besluiten API kan gebruikt worden. Na het "
        "publiceren van een besluittype zijn geen inhoudelijke wijzigingen meer mogelijk. Indien er na het "
        "publiceren nog wat gewijzigd moet worden, dan moet je een nieuwe versie aanmaken."
    ),
)
