"""Zaakcontactmomenten: a zaak's relation to a contactmoment, mirrored in the Contactmomenten API
as an ObjectContactMoment (zrc-024)."""

from services.zaken.relations import CONTACTMOMENT, ZaakRelationService
from services.zaken.zaakcontactmoment.models import ZaakContactMoment


class ZaakContactMomentService(ZaakRelationService):
    model = ZaakContactMoment
    collection = "zaakcontactmomenten"
    resource = "zaakcontactmoment"
    remote = CONTACTMOMENT
