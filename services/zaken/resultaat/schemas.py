import uuid as uuid_module

from pydantic import Field

from shared.api_model import ApiModel, read_only
from shared.fields import Uri


class ResultaatRequest(ApiModel):
    zaak: Uri = Field(max_length=1000, description="URL-referentie naar de ZAAK.")
    resultaattype: Uri = Field(max_length=1000, description="URL-referentie naar het RESULTAATTYPE (in de Catalogi API).")
    toelichting: str = Field("", max_length=1000, description="Een toelichting op wat het resultaat van de zaak inhoudt.")


class Resultaat(ApiModel):
    url: str = read_only(
        "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.",
        format="uri",
        min_length=1,
        max_length=1000,
    )
    uuid: uuid_module.UUID = read_only("Unieke resource identifier (UUID4)")
    zaak: str = Field(max_length=1000, json_schema_extra={"format": "uri"})
    resultaattype: str = Field(max_length=1000, json_schema_extra={"format": "uri"})
    toelichting: str = Field(max_length=1000)


class ResultaatFilters(ApiModel):
    zaak: Uri | None = Field(None, description="URL-referentie naar de ZAAK.")
    resultaattype: Uri | None = Field(None, description="URL-referentie naar het RESULTAATTYPE (in de Catalogi API).")
