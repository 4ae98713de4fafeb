from pydantic import Field

from services.zaken.schemas import Identified, ZaakFilter, ZaakInRequest, ZaakShown
from shared.api_model import ApiModel
from shared.fields import Uri


class ZaakContactMomentRequest(ApiModel):
    zaak: ZaakInRequest
    contactmoment: Uri = Field(max_length=1000, description="URL-referentie naar het CONTACTMOMENT (in de Klantinteractie API)")


class ZaakContactMoment(Identified):
    zaak: ZaakShown
    contactmoment: str = Field(
        max_length=1000,
        description="URL-referentie naar het CONTACTMOMENT (in de Klantinteractie API)",
        json_schema_extra={"format": "uri"},
    )


class ZaakContactMomentFilters(ApiModel):
    zaak: ZaakFilter = None
    contactmoment: Uri | None = Field(None, description="URL-referentie naar het CONTACTMOMENT (in de Klantinteractie API)")
