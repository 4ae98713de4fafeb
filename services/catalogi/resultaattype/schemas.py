import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from services.catalogi.common import Duration, StatusFilter, Uri
from shared.api_model import ApiModel, read_only

# "" (DRF's BlankEnum) is a member of the enum itself, so a wrong value gives one `invalid_choice`.
# durations are stored in a column of 50 characters
Archiefnominatie = Literal["blijvend_bewaren", "vernietigen", ""]
Afleidingswijze = Literal[
    "afgehandeld",
    "ander_datumkenmerk",
    "eigenschap",
    "gerelateerde_zaak",
    "hoofdzaak",
    "ingangsdatum_besluit",
    "termijn",
    "vervaldatum_besluit",
    "zaakobject",
]
Objecttype = Literal[
    "adres",
    "besluit",
    "buurt",
    "enkelvoudig_document",
    "gemeente",
    "gemeentelijke_openbare_ruimte",
    "huishouden",
    "inrichtingselement",
    "kadastrale_onroerende_zaak",
    "kunstwerkdeel",
    "maatschappelijke_activiteit",
    "medewerker",
    "natuurlijk_persoon",
    "niet_natuurlijk_persoon",
    "openbare_ruimte",
    "organisatorische_eenheid",
    "pand",
    "spoorbaandeel",
    "status",
    "terreindeel",
    "terrein_gebouwd_object",
    "vestiging",
    "waterdeel",
    "wegdeel",
    "wijk",
    "woonplaats",
    "woz_deelobject",
    "woz_object",
    "woz_waarde",
    "zakelijk_recht",
    "overige",
    "",
]


class BrondatumArchiefprocedure(ApiModel):
    """Specificatie voor het bepalen van de brondatum voor de start van de Archiefactietermijn
    (=brondatum) van het zaakdossier."""

    afleidingswijze: Afleidingswijze = Field(description="Wijze van bepalen van de brondatum.")
    datumkenmerk: str = Field(
        "",
        max_length=80,
        description="Naam van de attribuutsoort van het procesobject dat bepalend is voor het einde van de procestermijn.",
    )
    einddatum_bekend: bool = Field(
        False,
        alias="einddatumBekend",
        description="Indicatie dat de einddatum van het procesobject gedurende de uitvoering van de zaak bekend moet worden.",
    )
    objecttype: Objecttype = Field("", description="Het soort object in de registratie dat het procesobject representeert.")
    registratie: str = Field("", max_length=80, description="De naam van de registratie waarvan het procesobject deel uit maakt.")
    procestermijn: Duration | None = Field(
        None,
        description="De periode dat het zaakdossier na afronding van de zaak actief gebruikt en/of geraadpleegd wordt. Enkel relevant indien de afleidingswijze 'termijn' is.",
    )


class ResultaatTypeCreate(ApiModel):
    """The writable fields of a resultaattype. `besluittypen` are by omschrijving (or URL) and hold
    for every version of the besluittype; `informatieobjecttypen` are URLs of our own objects."""

    zaaktype: Uri = Field(
        description="URL-referentie naar het ZAAKTYPE van ZAAKen waarin resultaten van dit RESULTAATTYPE bereikt kunnen worden."
    )
    omschrijving: str = Field(max_length=30, min_length=1, description="Omschrijving van de aard van resultaten van het RESULTAATTYPE.")
    resultaattypeomschrijving: Annotated[Uri, Field(max_length=1000)] = Field(
        description="URL-referentie naar de referentielijst van generieke resultaattypeomschrijvingen."
    )
    selectielijstklasse: Annotated[Uri, Field(max_length=1000)] = Field(
        description="URL-referentie naar de categorie in de Selectielijst Archiefbescheiden (RESULTAAT in de Selectielijst API)."
    )
    toelichting: str = ""
    archiefnominatie: Archiefnominatie = Field(
        "", description="Indien niet expliciet opgegeven wordt dit gevuld vanuit de selectielijst (`waardering`)."
    )
    archiefactietermijn: Duration | None = Field(
        None, description="Indien niet expliciet opgegeven wordt dit gevuld vanuit de selectielijst (`bewaartermijn`)."
    )
    brondatum_archiefprocedure: BrondatumArchiefprocedure | None = Field(None, alias="brondatumArchiefprocedure")
    procesobjectaard: str | None = Field(None, max_length=200)
    catalogus: Uri | None = Field(
        None, description="URL-referentie naar de CATALOGUS waartoe dit RESULTAATTYPE behoort (die van het zaaktype)."
    )
    begin_geldigheid: dt.date | None = Field(None, alias="beginGeldigheid", description="Standaard die van het zaaktype.")
    einde_geldigheid: dt.date | None = Field(None, alias="eindeGeldigheid", description="Standaard die van het zaaktype.")
    begin_object: dt.date | None = Field(None, alias="beginObject")
    einde_object: dt.date | None = Field(None, alias="eindeObject")
    indicatie_specifiek: bool | None = Field(None, alias="indicatieSpecifiek")
    procestermijn: Duration | None = None
    # Optional, as in Catalogi 1.3.3 and as clients (VNG's suite among them) send it: the 1.3.1
    # file's `required` list also names read-only fields (`url`, `besluittypeOmschrijving`), a
    # generator artifact, so its `besluittypen` there is not taken as a rule.
    besluittypen: list[str] = Field([], description="`Omschrijvingen` (of URL's) van BESLUITTYPEN.")
    informatieobjecttypen: list[Uri] = Field(
        [],
        description="De INFORMATIEOBJECTTYPEn die verplicht aanwezig moeten zijn in het zaakdossier voordat een resultaat van dit RESULTAATTYPE kan worden gezet.",
    )


class ResultaatTypeUpdate(ResultaatTypeCreate):
    pass


class ResultaatType(ApiModel):
    url: str = read_only("URL-referentie naar dit object.", format="uri")
    zaaktype: str = Field(json_schema_extra={"format": "uri"})
    zaaktypeIdentificatie: str = read_only("Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS waarin het ZAAKTYPE voorkomt.")
    omschrijving: str = Field(max_length=30)
    resultaattypeomschrijving: str = Field(max_length=1000, json_schema_extra={"format": "uri"})
    omschrijvingGeneriek: str = read_only("Waarde van de omschrijving-generiek referentie (attribuut `omschrijving`)")
    selectielijstklasse: str = Field(max_length=1000, json_schema_extra={"format": "uri"})
    toelichting: str
    archiefnominatie: Archiefnominatie
    archiefactietermijn: str | None = Field(json_schema_extra={"format": "duration"})
    brondatumArchiefprocedure: BrondatumArchiefprocedure | None
    procesobjectaard: str | None = Field(max_length=200)
    catalogus: str | None = Field(
        json_schema_extra={"format": "uri"}, description="URL-referentie naar de CATALOGUS (die van het zaaktype)."
    )
    beginGeldigheid: dt.date | None = Field(description="Die van het zaaktype, tenzij expliciet opgegeven.")
    eindeGeldigheid: dt.date | None = Field(description="Die van het zaaktype, tenzij expliciet opgegeven.")
    beginObject: dt.date | None
    eindeObject: dt.date | None
    indicatieSpecifiek: bool | None
    procestermijn: str | None = Field(json_schema_extra={"format": "duration"})
    besluittypen: list[str] = Field(
        description="URL-referenties naar de BESLUITTYPEN (de versie die geldig is op de gevraagde datum, standaard vandaag)."
    )
    besluittypeOmschrijving: list[str] = read_only("Omschrijving van de aard van BESLUITen van het BESLUITTYPE.")
    informatieobjecttypen: list[str] = Field(
        description="URL-referenties naar de INFORMATIEOBJECTTYPEN die verplicht aanwezig moeten zijn in het zaakdossier."
    )
    informatieobjecttypeOmschrijving: list[str] = read_only("Omschrijving van de aard van informatieobjecten van dit INFORMATIEOBJECTTYPE.")


class ResultaatTypeFilters(ApiModel):
    # The spec names these two parameters in snake_case (unlike the other Catalogi lists).
    zaaktype: str | None = Field(None, description="URL-referentie naar het ZAAKTYPE.")
    zaaktype_identificatie: str | None = Field(None, description="Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS.")
    status: StatusFilter | None = Field(None, description="`alles`, `concept` of `definitief` (standaard), naar het zaaktype.")
    datum_geldigheid: str | None = Field(None, description="filter objecten op hun geldigheids datum.")
