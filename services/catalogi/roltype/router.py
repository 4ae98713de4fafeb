from services.catalogi.resource import declare
from services.catalogi.roltype.schemas import RolType, RolTypeFilters, RolTypeRequest
from services.catalogi.roltype.service import RolTypeService

router, spec = declare("roltype", "roltypen", RolTypeService(), RolType, RolTypeRequest, RolTypeFilters)
