import datetime as dt

from pydantic import Field

from services.catalogi.common import (
    CONCEPT_DESCRIPTION,
    BeginGeldigheid,
    BeginObject,
    DatumGeldigheidParam,
    Duration,
    EindeGeldigheid,
    EindeObject,
    StatusParam,
    Uri,
)
from shared.api_model import ApiModel, read_only


class BesluitTypeCreate(ApiModel):
    """The writable fields of a besluittype version; its key within the catalogus is the omschrijving.
    `informatieobjecttypen` are related by omschrijving, so for every version of them."""

    catalogus: Uri = Field(description="URL-referentie naar de CATALOGUS waartoe dit BESLUITTYPE behoort.")
    omschrijving: str = Field("", max_length=80, description="Omschrijving van de aard van BESLUITen van het BESLUITTYPE.")
    omschrijving_generiek: str = Field(
        "",
        alias="omschrijvingGeneriek",
        max_length=80,
        description="Algemeen gehanteerde omschrijving van de aard van BESLUITen van het BESLUITTYPE",
    )
    besluitcategorie: str = Field("", max_length=40, description="Typering van de aard van BESLUITen van het BESLUITTYPE.")
    reactietermijn: Duration | None = Field(
        None,
        description="Een tijdsduur in ISO 8601 formaat, gerekend vanaf de verzend- of publicatiedatum, waarbinnen verweer tegen een besluit van het besluittype mogelijk is.",
    )
    publicatie_indicatie: bool = Field(
        alias="publicatieIndicatie", description="Aanduiding of BESLUITen van dit BESLUITTYPE gepubliceerd moeten worden."
    )
    publicatietekst: str = Field("", description="De generieke tekst van de publicatie van BESLUITen van dit BESLUITTYPE")
    publicatietermijn: Duration | None = Field(
        None,
        description="Een tijdsduur in ISO 8601 formaat, gerekend vanaf de verzend- of publicatiedatum, dat BESLUITen van dit BESLUITTYPE gepubliceerd moeten blijven.",
    )
    toelichting: str = Field("", description="Een eventuele toelichting op dit BESLUITTYPE.")
    informatieobjecttypen: list[str] = Field(
        description="`Omschrijvingen` (of URL's) van het INFORMATIEOBJECTTYPE van informatieobjecten waarin besluiten van dit BESLUITTYPE worden vastgelegd."
    )
    begin_geldigheid: BeginGeldigheid
    einde_geldigheid: EindeGeldigheid = None
    begin_object: BeginObject = None
    einde_object: EindeObject = None


class BesluitTypeUpdate(BesluitTypeCreate):
    pass


class BesluitType(ApiModel):
    url: str = read_only("URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.", format="uri")
    catalogus: str = Field(
        json_schema_extra={"format": "uri"}, description="URL-referentie naar de CATALOGUS waartoe dit BESLUITTYPE behoort."
    )
    zaaktypen: list[str] = read_only("ZAAKTYPE met ZAAKen die relevant kunnen zijn voor dit BESLUITTYPE")
    omschrijving: str = Field(max_length=80)
    omschrijvingGeneriek: str = Field(max_length=80)
    besluitcategorie: str = Field(max_length=40)
    reactietermijn: str | None = Field(json_schema_extra={"format": "duration"})
    publicatieIndicatie: bool
    publicatietekst: str
    publicatietermijn: str | None = Field(json_schema_extra={"format": "duration"})
    toelichting: str
    informatieobjecttypen: list[str] = Field(
        description="URL-referenties naar het INFORMATIEOBJECTTYPE van informatieobjecten waarin besluiten van dit BESLUITTYPE worden vastgelegd."
    )
    beginGeldigheid: dt.date
    eindeGeldigheid: dt.date | None
    beginObject: dt.date | None
    eindeObject: dt.date | None
    concept: bool = read_only(CONCEPT_DESCRIPTION)
    resultaattypen: list[str] = read_only("Het BESLUITTYPE van besluiten die gepaard gaan met resultaten van het RESULTAATTYPE.")
    resultaattypenOmschrijving: list[str] = read_only("Omschrijving van de aard van resultaten van het RESULTAATTYPE.")
    vastgelegdIn: list[str] = read_only("Omschrijving van de aard van informatieobjecten van dit INFORMATIEOBJECTTYPE.")


class BesluitTypeFilters(ApiModel):
    catalogus: str | None = Field(
        None, description="URL-referentie naar de CATALOGUS waartoe dit BESLUITTYPE behoort.", json_schema_extra={"format": "uri"}
    )
    zaaktypen: str | None = Field(None, description="ZAAKTYPE met ZAAKen die relevant kunnen zijn voor dit BESLUITTYPE")
    informatieobjecttypen: str | None = Field(
        None, description="Het INFORMATIEOBJECTTYPE van informatieobjecten waarin besluiten van dit BESLUITTYPE worden vastgelegd."
    )
    status: StatusParam = None
    omschrijving: str | None = Field(None, description="Omschrijving van de aard van BESLUITen van het BESLUITTYPE.")
    datum_geldigheid: DatumGeldigheidParam = None
