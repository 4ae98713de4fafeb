import datetime as dt
from typing import Literal

from pydantic import Field

from services.catalogi.common import Uri
from services.catalogi.subtype import GeldigheidRequest, SubTypeFilters
from shared.api_model import ApiModel, read_only

OmschrijvingGeneriek = Literal[
    "adviseur", "behandelaar", "belanghebbende", "beslisser", "initiator", "klantcontacter", "zaakcoordinator", "mede_initiator"
]


class RolTypeRequest(GeldigheidRequest):
    """A roltype of a concept zaaktype. `catalogus` may be given; it must be the zaaktype's."""

    zaaktype: Uri = Field(description="URL-referentie naar het ZAAKTYPE waar deze ROLTYPEn betrokken kunnen zijn.")
    omschrijving: str = Field(max_length=100, min_length=1, description="Omschrijving van de aard van de ROL.")
    omschrijving_generiek: OmschrijvingGeneriek = Field(
        alias="omschrijvingGeneriek", description="Algemeen gehanteerde omschrijving van de aard van de ROL."
    )
    catalogus: Uri | None = Field(None, description="URL-referentie naar de CATALOGUS waartoe dit ROLTYPE behoort (die van het ZAAKTYPE).")


class RolType(ApiModel):
    url: str = read_only("URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.", format="uri")
    zaaktype: str = Field(json_schema_extra={"format": "uri"})
    zaaktypeIdentificatie: str = read_only("Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS waarin het ZAAKTYPE voorkomt.")
    omschrijving: str = Field(max_length=100)
    omschrijvingGeneriek: OmschrijvingGeneriek
    catalogus: str | None = Field(
        json_schema_extra={"format": "uri"}, description="URL-referentie naar de CATALOGUS waartoe dit ROLTYPE behoort."
    )
    beginGeldigheid: dt.date | None
    eindeGeldigheid: dt.date | None
    beginObject: dt.date | None
    eindeObject: dt.date | None


class RolTypeFilters(SubTypeFilters):
    omschrijving_generiek: OmschrijvingGeneriek | None = Field(
        None, alias="omschrijvingGeneriek", description="Algemeen gehanteerde omschrijving van de aard van de ROL."
    )
