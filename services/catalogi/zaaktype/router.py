from services.catalogi.resource import declare_versioned
from services.catalogi.zaaktype.schemas import (
    ZaakType,
    ZaakTypeCreate,
    ZaakTypeFilters,
    ZaakTypeRetrieveParams,
    ZaakTypeUpdate,
)
from services.catalogi.zaaktype.service import ZaakTypeService

router, spec = declare_versioned(
    "zaaktype",
    "zaaktypen",
    ZaakTypeService(),
    ZaakType,
    ZaakTypeCreate,
    ZaakTypeFilters,
    update_model=ZaakTypeUpdate,
    retrieve_params_model=ZaakTypeRetrieveParams,
    publish_description=(
        "Publiceren van het zaaktype zorgt ervoor dat dit in een Zaken API kan gebruikt worden. Na het "
        "publiceren zijn geen inhoudelijke wijzigingen meer mogelijk; maak daarvoor een nieuwe versie."
    ),
)
