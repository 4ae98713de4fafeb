import datetime as dt
from typing import Annotated

from pydantic import Field

from services.catalogi.common import (
    CONCEPT_DESCRIPTION,
    BeginGeldigheid,
    BeginObject,
    DatumGeldigheidParam,
    EindeGeldigheid,
    EindeObject,
    StatusParam,
    Uri,
    Vertrouwelijkheidaanduiding,
)
from shared.api_model import ApiModel, read_only


class InformatieObjectTypeOmschrijvingGeneriek(ApiModel):
    """The generic kind of document (gegevensgroep); blank values are allowed, as in the standard."""

    informatieobjecttype_omschrijving_generiek: str = Field(
        alias="informatieobjecttypeOmschrijvingGeneriek",
        max_length=80,
        description="Algemeen gehanteerde omschrijving van het type informatieobject.",
    )
    definitie_informatieobjecttype_omschrijving_generiek: str = Field(
        alias="definitieInformatieobjecttypeOmschrijvingGeneriek",
        max_length=255,
        description="Nauwkeurige beschrijving van het generieke type informatieobject",
    )
    herkomst_informatieobjecttype_omschrijving_generiek: str = Field(
        alias="herkomstInformatieobjecttypeOmschrijvingGeneriek",
        max_length=12,
        description="De naam van de waardenverzameling, of van de beherende organisatie daarvan, waaruit de waarde is overgenomen.",
    )
    hierarchie_informatieobjecttype_omschrijving_generiek: str = Field(
        alias="hierarchieInformatieobjecttypeOmschrijvingGeneriek",
        max_length=80,
        description="De plaats in de rangorde van het informatieobjecttype.",
    )
    opmerking_informatieobjecttype_omschrijving_generiek: str | None = Field(
        None,
        alias="opmerkingInformatieobjecttypeOmschrijvingGeneriek",
        max_length=255,
        description="Zinvolle toelichting bij het informatieobjecttype",
    )


class InformatieObjectTypeRequest(ApiModel):
    """The writable fields of an informatieobjecttype version; its key within the catalogus is the omschrijving."""

    catalogus: Uri = Field(description="URL-referentie naar de CATALOGUS waartoe dit INFORMATIEOBJECTTYPE behoort.")
    omschrijving: str = Field(
        max_length=80, min_length=1, description="Omschrijving van de aard van informatieobjecten van dit INFORMATIEOBJECTTYPE."
    )
    vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding = Field(
        description="Aanduiding van de mate waarin informatieobjecten van dit INFORMATIEOBJECTTYPE voor de openbaarheid bestemd zijn."
    )
    begin_geldigheid: BeginGeldigheid
    einde_geldigheid: EindeGeldigheid = None
    begin_object: BeginObject = None
    einde_object: EindeObject = None
    informatieobjectcategorie: str = Field(
        max_length=80, min_length=1, description="Typering van de aard van informatieobjecten van dit INFORMATIEOBJECTTYPE."
    )
    trefwoord: list[Annotated[str, Field(max_length=30)]] = Field(
        [], description="Trefwoord(en) waarmee informatieobjecten van het INFORMATIEOBJECTTYPE kunnen worden gekarakteriseerd."
    )
    # optional but not nullable: the default None is not validated, a null sent is refused
    omschrijving_generiek: InformatieObjectTypeOmschrijvingGeneriek = Field(None, alias="omschrijvingGeneriek")  # type: ignore[assignment]  # see above


class InformatieObjectType(ApiModel):
    url: str = read_only("URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.", format="uri")
    catalogus: str = Field(
        json_schema_extra={"format": "uri"}, description="URL-referentie naar de CATALOGUS waartoe dit INFORMATIEOBJECTTYPE behoort."
    )
    omschrijving: str = Field(max_length=80)
    vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding
    beginGeldigheid: dt.date
    eindeGeldigheid: dt.date | None
    beginObject: dt.date | None
    eindeObject: dt.date | None
    concept: bool = read_only(CONCEPT_DESCRIPTION)
    zaaktypen: list[str] = read_only("URL-referenties naar de ZAAKTYPEN (van deze CATALOGUS) waarin dit INFORMATIEOBJECTTYPE mogelijk is.")
    besluittypen: list[str] = read_only(
        "URL-referenties naar de BESLUITTYPEN (van deze CATALOGUS) waarvan besluiten in informatieobjecten van dit INFORMATIEOBJECTTYPE worden vastgelegd."
    )
    informatieobjectcategorie: str = Field(max_length=80)
    trefwoord: list[Annotated[str, Field(max_length=30)]]
    omschrijvingGeneriek: InformatieObjectTypeOmschrijvingGeneriek


class InformatieObjectTypeFilters(ApiModel):
    catalogus: str | None = Field(
        None, description="URL-referentie naar de CATALOGUS waartoe dit INFORMATIEOBJECTTYPE behoort.", json_schema_extra={"format": "uri"}
    )
    status: StatusParam = None
    datum_geldigheid: DatumGeldigheidParam = None
    omschrijving: str | None = Field(None, description="Omschrijving van de aard van informatieobjecten van dit INFORMATIEOBJECTTYPE.")
