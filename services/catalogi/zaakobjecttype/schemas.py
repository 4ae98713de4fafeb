import datetime as dt
from typing import Annotated

from pydantic import Field

from services.catalogi.common import BeginGeldigheid, DatumGeldigheidParam, Uri
from services.catalogi.subtype import GeldigheidRequest
from shared.api_model import ApiModel, read_only


class ZaakObjectTypeRequest(GeldigheidRequest):
    """A zaakobjecttype of a concept zaaktype. `catalogus` must be the zaaktype's. As in the
    reference implementation 1.3.1 (release note #2334), `statustypen` and `resultaattypen` (of
    the same zaaktype) may be given, although the published spec marks them read-only."""

    ander_objecttype: bool = Field(
        alias="anderObjecttype",
        description="Aanduiding waarmee wordt aangegeven of het ZAAKOBJECTTYPE een ander, niet in RSGB en RGBZ voorkomend, objecttype betreft.",
    )
    begin_geldigheid: BeginGeldigheid
    objecttype: Annotated[Uri, Field(max_length=200)] = Field(
        description="URL-referentie naar de OBJECTTYPE waartoe dit ZAAKOBJECTTYPE behoort."
    )
    relatie_omschrijving: str = Field(
        alias="relatieOmschrijving",
        max_length=80,
        min_length=1,
        description="Omschrijving van de betrekking van het Objecttype op zaken van het gerelateerde ZAAKTYPE.",
    )
    zaaktype: Uri = Field(description="URL-referentie naar de ZAAKTYPE waartoe dit ZAAKOBJECTTYPE behoort.")
    catalogus: Uri = Field(description="URL-referentie naar de CATALOGUS waartoe dit ZAAKOBJECTTYPE behoort (die van het ZAAKTYPE).")
    statustypen: list[Uri] = Field(
        [], json_schema_extra={"uniqueItems": True}, description="URL-referenties naar de STATUSTYPEN (van hetzelfde ZAAKTYPE)."
    )
    resultaattypen: list[Uri] = Field(
        [], json_schema_extra={"uniqueItems": True}, description="URL-referenties naar de RESULTAATTYPEN (van hetzelfde ZAAKTYPE)."
    )


class ZaakObjectType(ApiModel):
    url: str = read_only("URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.", format="uri")
    anderObjecttype: bool
    beginGeldigheid: dt.date
    eindeGeldigheid: dt.date | None
    beginObject: dt.date | None
    eindeObject: dt.date | None
    objecttype: str = Field(max_length=200, json_schema_extra={"format": "uri"})
    relatieOmschrijving: str = Field(max_length=80)
    zaaktype: str = Field(json_schema_extra={"format": "uri"})
    zaaktypeIdentificatie: str = read_only("Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS waarin het ZAAKTYPE voorkomt.")
    resultaattypen: list[str] = read_only("URL-referenties naar de RESULTAATTYPEN.")
    statustypen: list[str] = read_only("URL-referenties naar de STATUSTYPEN.")
    catalogus: str = Field(
        json_schema_extra={"format": "uri"}, description="URL-referentie naar de CATALOGUS waartoe dit ZAAKOBJECTTYPE behoort."
    )


class ZaakObjectTypeFilters(ApiModel):
    ander_objecttype: str | None = Field(None, alias="anderObjecttype", description="`true` of `false`.")
    catalogus: str | None = Field(None, description="URL-referentie naar de CATALOGUS.", json_schema_extra={"format": "uri"})
    datum_begin_geldigheid: str | None = Field(
        None, alias="datumBeginGeldigheid", description="De datum waarop het is ontstaan (YYYY-MM-DD)."
    )
    datum_einde_geldigheid: str | None = Field(
        None, alias="datumEindeGeldigheid", description="De datum waarop het is opgeheven (YYYY-MM-DD)."
    )
    datum_geldigheid: DatumGeldigheidParam = None
    objecttype: str | None = Field(None, description="URL-referentie naar de OBJECTTYPE.", json_schema_extra={"format": "uri"})
    relatie_omschrijving: str | None = Field(
        None,
        alias="relatieOmschrijving",
        description="Omschrijving van de betrekking van het Objecttype op zaken van het gerelateerde ZAAKTYPE.",
    )
    zaaktype: str | None = Field(None, description="URL-referentie naar het ZAAKTYPE.", json_schema_extra={"format": "uri"})
    zaaktype_identificatie: str | None = Field(
        None, alias="zaaktypeIdentificatie", description="Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS."
    )
