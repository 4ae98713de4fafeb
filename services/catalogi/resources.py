"""Every resource of the Catalogi API, most requested first (create_service_app says why: the
Zaken and Rapportage services read zaaktypen, statustypen, roltypen and resultaattypen): the one
list that routing and the tags read. A new resource is a folder whose `router` module holds its
`router` and `spec`, and a line here (its tables also go in models.py, for alembic)."""

from services.catalogi.besluittype import router as besluittype
from services.catalogi.catalogus import router as catalogus
from services.catalogi.eigenschap import router as eigenschap
from services.catalogi.informatieobjecttype import router as informatieobjecttype
from services.catalogi.resultaattype import router as resultaattype
from services.catalogi.roltype import router as roltype
from services.catalogi.statustype import router as statustype
from services.catalogi.zaakobjecttype import router as zaakobjecttype
from services.catalogi.zaaktype import router as zaaktype
from services.catalogi.zaaktypeinformatieobjecttype import router as zaaktypeinformatieobjecttype

RESOURCES = (
    zaaktype,
    statustype,
    roltype,
    resultaattype,
    eigenschap,
    informatieobjecttype,
    besluittype,
    catalogus,
    zaakobjecttype,
    zaaktypeinformatieobjecttype,
)
