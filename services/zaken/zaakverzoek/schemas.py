from pydantic import Field

from services.zaken.schemas import Identified, ZaakFilter, ZaakInRequest, ZaakShown
from shared.api_model import ApiModel
from shared.fields import Uri


class ZaakVerzoekRequest(ApiModel):
    zaak: ZaakInRequest
    verzoek: Uri = Field(max_length=1000, description="URL-referentie naar het VERZOEK (in de Klantinteractie API)")


class ZaakVerzoek(Identified):
    zaak: ZaakShown
    verzoek: str = Field(
        max_length=1000, description="URL-referentie naar het VERZOEK (in de Klantinteractie API)", json_schema_extra={"format": "uri"}
    )


class ZaakVerzoekFilters(ApiModel):
    zaak: ZaakFilter = None
    verzoek: Uri | None = Field(None, description="URL-referentie naar het VERZOEK (in de Klantinteractie API)")
