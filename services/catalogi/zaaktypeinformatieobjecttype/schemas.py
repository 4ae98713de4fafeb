from typing import Literal

from pydantic import Field

from services.catalogi.common import StatusFilter, Uri
from shared.api_model import ApiModel, read_only

Richting = Literal["inkomend", "intern", "uitgaand"]


class ZaakTypeInformatieObjectTypeRequest(ApiModel):
    """zaaktype -> informatieobjecttype. The informatieobjecttype is given by its omschrijving (or
    the URL of one of its versions) and the relation holds for every version of it."""

    zaaktype: Uri = Field(description="URL-referentie naar het ZAAKTYPE.")
    informatieobjecttype: str = Field(
        max_length=100,
        min_length=1,
        description="`Omschrijving` (of URL) van het INFORMATIEOBJECTTYPE, in de catalogus van het zaaktype.",
    )
    volgnummer: int = Field(ge=1, le=999, description="Uniek volgnummer van het ZAAK-INFORMATIEOBJECTTYPE binnen het ZAAKTYPE.")
    richting: Richting = Field(
        description="Aanduiding van de richting van informatieobjecten van het gerelateerde INFORMATIEOBJECTTYPE bij zaken van het gerelateerde ZAAKTYPE."
    )
    statustype: Uri | None = Field(
        None,
        description="URL-referentie naar het STATUSTYPE (van hetzelfde zaaktype) waarbij deze INFORMATIEOBJECTTYPEn verplicht aanwezig moeten zijn.",
    )


class ZaakTypeInformatieObjectType(ApiModel):
    url: str = read_only("URL-referentie naar dit object.", format="uri")
    zaaktype: str = Field(json_schema_extra={"format": "uri"}, description="URL-referentie naar het ZAAKTYPE.")
    zaaktypeIdentificatie: str = read_only("Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS waarin het ZAAKTYPE voorkomt.")
    catalogus: str = read_only("URL-referentie naar de CATALOGUS van het zaaktype.", format="uri")
    informatieobjecttype: str = Field(description="URL-referentie naar de versie van het INFORMATIEOBJECTTYPE die vandaag geldig is.")
    volgnummer: int = Field(ge=1, le=999)
    richting: Richting
    statustype: str | None = Field(json_schema_extra={"format": "uri"})


class ZaakTypeInformatieObjectTypeFilters(ApiModel):
    zaaktype: str | None = Field(None, json_schema_extra={"format": "uri"}, description="URL-referentie naar het ZAAKTYPE.")
    informatieobjecttype: str | None = Field(None, description="URL-referentie naar (een versie van) het INFORMATIEOBJECTTYPE.")
    richting: Richting | None = None
    status: StatusFilter | None = Field(
        None,
        description="`alles`, `concept` (zaaktype of informatieobjecttype is een concept) of `definitief` (beide gepubliceerd; standaard).",
    )
