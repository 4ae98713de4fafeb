"""Every resource of the Zaken API, most requested first (create_service_app says why): the one
list that routing, the tags, the tables, `expand` and the mirrors a deleted zaak takes along
(zrc-023) read. A new resource is a folder with its `router.RESOURCE` and a line here."""

from services.zaken.klantcontact.router import RESOURCE as klantcontact
from services.zaken.resource import ZakenResource
from services.zaken.resultaat.router import RESOURCE as resultaat
from services.zaken.rol.router import RESOURCE as rol
from services.zaken.status.router import RESOURCE as status
from services.zaken.zaak.router import RESOURCE as zaak
from services.zaken.zaakbesluit.router import RESOURCE as zaakbesluit
from services.zaken.zaakcontactmoment.router import RESOURCE as zaakcontactmoment
from services.zaken.zaakeigenschap.router import RESOURCE as zaakeigenschap
from services.zaken.zaakinformatieobject.router import RESOURCE as zaakinformatieobject
from services.zaken.zaakobject.router import RESOURCE as zaakobject
from services.zaken.zaakverzoek.router import RESOURCE as zaakverzoek

RESOURCES: tuple[ZakenResource, ...] = (
    zaak,
    status,
    rol,
    resultaat,
    zaakeigenschap,
    zaakobject,
    zaakinformatieobject,
    zaakbesluit,
    klantcontact,
    zaakcontactmoment,
    zaakverzoek,
)
