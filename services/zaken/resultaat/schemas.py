from pydantic import Field

from services.zaken.schemas import Identified, ZaakFilter
from shared.api_model import ApiModel
from shared.fields import Uri


class ResultaatRequest(ApiModel):
    zaak: Uri = Field(max_length=1000, description="URL-referentie naar de ZAAK.")
    resultaattype: Uri = Field(max_length=1000, description="URL-referentie naar het RESULTAATTYPE (in de Catalogi API).")
    toelichting: str = Field("", max_length=1000, description="Een toelichting op wat het resultaat van de zaak inhoudt.")


class Resultaat(Identified):
    zaak: str = Field(max_length=1000, json_schema_extra={"format": "uri"})
    resultaattype: str = Field(max_length=1000, json_schema_extra={"format": "uri"})
    toelichting: str = Field(max_length=1000)


class ResultaatFilters(ApiModel):
    zaak: ZaakFilter = None
    resultaattype: Uri | None = Field(None, description="URL-referentie naar het RESULTAATTYPE (in de Catalogi API).")
