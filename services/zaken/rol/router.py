from services.zaken.access import SCOPES_ZAAK_PART
from services.zaken.expand import many, one
from services.zaken.resource import declare_zaak_child
from services.zaken.rol.schemas import Rol, RolFilters, RolRequest
from services.zaken.rol.service import RolService

service = RolService(SCOPES_ZAAK_PART)

RESOURCE = declare_zaak_child(
    "rol",
    "rollen",
    service,
    Rol,
    RolRequest,
    RolFilters,
    operations=("list", "create", "retrieve", "destroy", "headers"),
    audited=("create", "destroy"),
    descriptions={
        "list": "Alle ROLlen bij ZAAKen opvragen.",
        "create": "Maak een ROL aan bij een ZAAK.",
        "retrieve": "Een specifieke ROL bij een ZAAK opvragen.",
        "destroy": "Verwijder een ROL van een ZAAK.",
        "headers": "De headers voor een specifiek(e) ROL opvragen.",
    },
    expandable={"zaak": one("zaak"), "roltype": one("RolType"), "statussen": many("status")},
)
