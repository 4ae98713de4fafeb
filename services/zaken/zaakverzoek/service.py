"""Zaakverzoeken: a zaak's relation to a verzoek, mirrored in the Verzoeken API as an
ObjectVerzoek (zrc-025)."""

from services.zaken.relations import VERZOEK, ZaakRelationService
from services.zaken.zaakverzoek.models import ZaakVerzoek


class ZaakVerzoekService(ZaakRelationService):
    model = ZaakVerzoek
    collection = "zaakverzoeken"
    resource = "zaakverzoek"
    remote = VERZOEK
