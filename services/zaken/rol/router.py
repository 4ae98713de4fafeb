from services.zaken.access import SCOPE_LEZEN, WRITE
from services.zaken.expand import many, one
from services.zaken.resource import declare
from services.zaken.rol.schemas import Rol, RolFilters, RolRequest
from services.zaken.rol.service import RolService
from shared.auth import ZRC
from shared.resources import ResourceSpec

SCOPES = {
    "list": (SCOPE_LEZEN,),
    "retrieve": (SCOPE_LEZEN,),
    "create": WRITE,
    "destroy": WRITE,
}

service = RolService(SCOPES)

RESOURCE = declare(
    ResourceSpec(
        name="rol",
        audited=("create", "destroy"),
        collection="rollen",
        tag="rollen",
        component=ZRC,
        service=service,
        read_model=Rol,
        create_model=RolRequest,
        filter_model=RolFilters,
        operations=("list", "create", "retrieve", "destroy", "headers"),
        scopes=SCOPES,
        strict_query=True,
        descriptions={
            "list": "Alle ROLlen bij ZAAKen opvragen.",
            "create": "Maak een ROL aan bij een ZAAK.",
            "retrieve": "Een specifieke ROL bij een ZAAK opvragen.",
            "destroy": "Verwijder een ROL van een ZAAK.",
            "headers": "De headers voor een specifiek(e) ROL opvragen.",
        },
    ),
    expandable={"zaak": one("zaak"), "roltype": one("RolType"), "statussen": many("status")},
)
