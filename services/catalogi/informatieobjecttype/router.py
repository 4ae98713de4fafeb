from services.catalogi.informatieobjecttype.schemas import (
    InformatieObjectType,
    InformatieObjectTypeFilters,
    InformatieObjectTypeRequest,
)
from services.catalogi.informatieobjecttype.service import InformatieObjectTypeService
from services.catalogi.resource import declare_versioned

router, spec = declare_versioned(
    "informatieobjecttype",
    "informatieobjecttypen",
    InformatieObjectTypeService(),
    InformatieObjectType,
    InformatieObjectTypeRequest,
    InformatieObjectTypeFilters,
    descriptions={"list": "Alle INFORMATIEOBJECTTYPEn opvragen."},  # the standard's summary (the others are the defaults)
    publish_description=(
        "Publiceren van het informatieobjecttype zorgt ervoor dat dit in een Documenten API kan gebruikt worden. "
        "Na het publiceren van een informatieobjecttype zijn geen inhoudelijke wijzigingen meer mogelijk. Indien er "
        "na het publiceren nog wat gewijzigd moet worden, dan moet je een nieuwe versie aanmaken."
    ),
)
