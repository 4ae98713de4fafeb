"""Every Zaken model, imported in dependency order (for alembic and the app)."""

from services.zaken.klantcontact.models import KlantContact
from services.zaken.resultaat.models import Resultaat
from services.zaken.rol.models import Rol
from services.zaken.status.models import Status
from services.zaken.zaak.models import Zaak
from services.zaken.zaakbesluit.models import ZaakBesluit
from services.zaken.zaakcontactmoment.models import ZaakContactMoment
from services.zaken.zaakeigenschap.models import ZaakEigenschap
from services.zaken.zaakinformatieobject.models import ZaakInformatieObject
from services.zaken.zaakobject.models import ZaakObject
from services.zaken.zaakverzoek.models import ZaakVerzoek

__all__ = [
    "KlantContact",
    "Resultaat",
    "Rol",
    "Status",
    "Zaak",
    "ZaakBesluit",
    "ZaakContactMoment",
    "ZaakEigenschap",
    "ZaakInformatieObject",
    "ZaakObject",
    "ZaakVerzoek",
]
