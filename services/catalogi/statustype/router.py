from services.catalogi.resource import declare
from services.catalogi.statustype.schemas import StatusType, StatusTypeFilters, StatusTypeRequest
from services.catalogi.statustype.service import StatusTypeService

router, spec = declare("statustype", "statustypen", StatusTypeService(), StatusType, StatusTypeRequest, StatusTypeFilters)
