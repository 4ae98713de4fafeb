from services.catalogi.access import SCOPES_MAIN
from services.catalogi.catalogus.schemas import Catalogus, CatalogusFilters, CatalogusRequest
from services.catalogi.catalogus.service import CatalogusService
from services.catalogi.resource import declare

router, spec = declare(
    "catalogus",
    "catalogussen",
    CatalogusService(),
    Catalogus,
    CatalogusRequest,
    CatalogusFilters,
    operations=("list", "create", "retrieve", "headers"),
    scopes=SCOPES_MAIN,
)
