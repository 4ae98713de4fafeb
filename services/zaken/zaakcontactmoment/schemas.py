import uuid as uuid_module

from pydantic import Field

from shared.api_model import ApiModel, read_only
from shared.fields import Uri


class ZaakContactMomentRequest(ApiModel):
    zaak: Uri = Field(min_length=1, max_length=1000, description="URL-referentie naar de ZAAK.")
    contactmoment: Uri = Field(max_length=1000, description="URL-referentie naar het CONTACTMOMENT (in de Klantinteractie API)")


class ZaakContactMoment(ApiModel):
    url: str = read_only(
        "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.",
        format="uri",
        min_length=1,
        max_length=1000,
    )
    uuid: uuid_module.UUID = read_only("Unieke resource identifier (UUID4)")
    zaak: str = Field(min_length=1, max_length=1000, description="URL-referentie naar de ZAAK.", json_schema_extra={"format": "uri"})
    contactmoment: str = Field(
        max_length=1000,
        description="URL-referentie naar het CONTACTMOMENT (in de Klantinteractie API)",
        json_schema_extra={"format": "uri"},
    )


class ZaakContactMomentFilters(ApiModel):
    zaak: Uri | None = Field(None, description="URL-referentie naar de ZAAK.")
    contactmoment: Uri | None = Field(None, description="URL-referentie naar het CONTACTMOMENT (in de Klantinteractie API)")
