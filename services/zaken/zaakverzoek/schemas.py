import uuid as uuid_module

from pydantic import Field

from shared.api_model import ApiModel, read_only
from shared.fields import Uri


class ZaakVerzoekRequest(ApiModel):
    zaak: Uri = Field(min_length=1, max_length=1000, description="URL-referentie naar de ZAAK.")
    verzoek: Uri = Field(max_length=1000, description="URL-referentie naar het VERZOEK (in de Klantinteractie API)")


class ZaakVerzoek(ApiModel):
    url: str = read_only(
        "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.",
        format="uri",
        min_length=1,
        max_length=1000,
    )
    uuid: uuid_module.UUID = read_only("Unieke resource identifier (UUID4)")
    zaak: str = Field(min_length=1, max_length=1000, description="URL-referentie naar de ZAAK.", json_schema_extra={"format": "uri"})
    verzoek: str = Field(
        max_length=1000, description="URL-referentie naar het VERZOEK (in de Klantinteractie API)", json_schema_extra={"format": "uri"}
    )


class ZaakVerzoekFilters(ApiModel):
    zaak: Uri | None = Field(None, description="URL-referentie naar de ZAAK.")
    verzoek: Uri | None = Field(None, description="URL-referentie naar het VERZOEK (in de Klantinteractie API)")
