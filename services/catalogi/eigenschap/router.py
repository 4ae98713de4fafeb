from services.catalogi.eigenschap.schemas import Eigenschap, EigenschapFilters, EigenschapRequest
from services.catalogi.eigenschap.service import EigenschapService
from services.catalogi.resource import declare

router, spec = declare("eigenschap", "eigenschappen", EigenschapService(), Eigenschap, EigenschapRequest, EigenschapFilters)
