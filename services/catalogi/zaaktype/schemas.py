import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from services.catalogi.common import DatumGeldigheidParam, Duration, StatusParam, Uri, Vertrouwelijkheidaanduiding
from shared.api_model import ApiModel, comma_separated, read_only

IndicatieInternOfExtern = Literal["intern", "extern"]
AardRelatie = Literal["vervolg", "bijdrage", "onderwerp"]


class ReferentieProces(ApiModel):
    naam: str = Field(max_length=80, description="De naam van het Referentieproces.")
    link: Annotated[Uri, Field(max_length=200)] | Literal[""] = Field(
        "", description="De URL naar de beschrijving van het Referentieproces"
    )


class BronCatalogus(ApiModel):
    url: Annotated[Uri, Field(max_length=200)] = Field(description="URL-referentie naar de CATALOGUS van het bronzaaktype.")
    domein: str = Field(max_length=5)
    rsin: str = Field(max_length=9)


class BronZaaktype(ApiModel):
    url: Annotated[Uri, Field(max_length=200)] = Field(description="URL-referentie naar het bronzaaktype.")
    identificatie: str = Field(max_length=50)
    omschrijving: str = Field(max_length=80)


class ZaakTypenRelatieCreate(ApiModel):
    zaaktype: str = Field(max_length=200, description="`zaaktype.identificatie` (of de URL) van het gerelateerde ZAAKTYPE.")
    aard_relatie: AardRelatie = Field(
        alias="aardRelatie",
        description="Omschrijving van de aard van de relatie van zaken van het ZAAKTYPE tot zaken van het andere ZAAKTYPE",
    )
    toelichting: str = Field("", max_length=255)


class ZaakTypenRelatie(ApiModel):
    zaaktype: str = Field(max_length=200, json_schema_extra={"format": "uri"}, description="URL-referentie naar het gerelateerde ZAAKTYPE.")
    aardRelatie: AardRelatie
    toelichting: str = Field(max_length=255)


class ZaakTypeCreate(ApiModel):
    """The writable fields of a zaaktype. Relations to besluittypen (by omschrijving), deelzaaktypen
    and gerelateerde zaaktypen (by identificatie) hold for every version of the related type; URLs of
    our own objects are accepted too."""

    identificatie: str = Field(
        max_length=50, min_length=1, description="Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS waarin het ZAAKTYPE voorkomt."
    )
    omschrijving: str = Field(max_length=80, min_length=1, description="Omschrijving van de aard van ZAAKen van het ZAAKTYPE.")
    omschrijving_generiek: str = Field("", alias="omschrijvingGeneriek", max_length=80)
    vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding
    doel: str = Field(min_length=1)
    aanleiding: str = Field(min_length=1)
    toelichting: str = ""
    indicatie_intern_of_extern: IndicatieInternOfExtern = Field(alias="indicatieInternOfExtern")
    handeling_initiator: str = Field(alias="handelingInitiator", max_length=20, min_length=1)
    onderwerp: str = Field(max_length=80, min_length=1)
    handeling_behandelaar: str = Field(alias="handelingBehandelaar", max_length=20, min_length=1)
    doorlooptijd: Duration
    servicenorm: Duration | None = None
    opschorting_en_aanhouding_mogelijk: bool = Field(alias="opschortingEnAanhoudingMogelijk")
    verlenging_mogelijk: bool = Field(alias="verlengingMogelijk")
    verlengingstermijn: Duration | None = None
    trefwoorden: list[Annotated[str, Field(max_length=30)]] = []
    publicatie_indicatie: bool = Field(alias="publicatieIndicatie")
    publicatietekst: str = ""
    verantwoordingsrelatie: list[Annotated[str, Field(max_length=40)]] = []
    producten_of_diensten: list[Annotated[Uri, Field(max_length=1000)]] = Field(alias="productenOfDiensten")
    selectielijst_procestype: Annotated[Uri, Field(max_length=200)] | Literal[""] = Field("", alias="selectielijstProcestype")
    referentieproces: ReferentieProces
    verantwoordelijke: str = Field(max_length=50, min_length=1)
    broncatalogus: BronCatalogus | None = None
    bronzaaktype: BronZaaktype | None = None
    catalogus: Uri
    besluittypen: list[str] = Field([], description="`Omschrijvingen` (of URL's) van BESLUITTYPEN die mogelijk zijn binnen dit ZAAKTYPE.")
    deelzaaktypen: list[str] = Field(
        [], description="De `zaaktype.identificaties` (of URL's) waaronder ZAAKen als deelzaak kunnen voorkomen."
    )
    gerelateerde_zaaktypen: list[ZaakTypenRelatieCreate] = Field([], alias="gerelateerdeZaaktypen")
    begin_geldigheid: dt.date = Field(alias="beginGeldigheid")
    einde_geldigheid: dt.date | None = Field(None, alias="eindeGeldigheid")
    begin_object: dt.date | None = Field(None, alias="beginObject")
    einde_object: dt.date | None = Field(None, alias="eindeObject")
    versiedatum: dt.date


class ZaakTypeUpdate(ZaakTypeCreate):
    pass


class ZaakType(ApiModel):
    url: str = read_only("URL-referentie naar dit object.", format="uri")
    identificatie: str = Field(max_length=50)
    omschrijving: str = Field(max_length=80)
    omschrijvingGeneriek: str = Field(max_length=80)
    vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding
    doel: str
    aanleiding: str
    toelichting: str
    indicatieInternOfExtern: IndicatieInternOfExtern
    handelingInitiator: str = Field(max_length=20)
    onderwerp: str = Field(max_length=80)
    handelingBehandelaar: str = Field(max_length=20)
    doorlooptijd: str = Field(json_schema_extra={"format": "duration"})
    servicenorm: str | None = Field(json_schema_extra={"format": "duration"})
    opschortingEnAanhoudingMogelijk: bool
    verlengingMogelijk: bool
    verlengingstermijn: str | None = Field(json_schema_extra={"format": "duration"})
    trefwoorden: list[Annotated[str, Field(max_length=30)]]
    publicatieIndicatie: bool
    publicatietekst: str
    verantwoordingsrelatie: list[Annotated[str, Field(max_length=40)]]
    productenOfDiensten: list[Annotated[str, Field(max_length=1000, json_schema_extra={"format": "uri"})]]
    selectielijstProcestype: str = Field(max_length=200, json_schema_extra={"format": "uri"})
    referentieproces: ReferentieProces
    verantwoordelijke: str = Field(max_length=50)
    zaakobjecttypen: list[str] = read_only("URL-referenties naar de ZAAKOBJECTTYPEN van dit ZAAKTYPE.")
    broncatalogus: BronCatalogus | None
    bronzaaktype: BronZaaktype | None
    catalogus: str = Field(json_schema_extra={"format": "uri"})
    statustypen: list[str] = read_only("URL-referenties naar de STATUSTYPEN die mogelijk zijn binnen dit ZAAKTYPE.")
    resultaattypen: list[str] = read_only("URL-referenties naar de RESULTAATTYPEN die mogelijk zijn binnen dit ZAAKTYPE.")
    eigenschappen: list[str] = read_only("URL-referenties naar de EIGENSCHAPPEN die aanwezig moeten zijn in ZAKEN van dit ZAAKTYPE.")
    informatieobjecttypen: list[str] = read_only("URL-referenties naar de INFORMATIEOBJECTTYPEN die mogelijk zijn binnen dit ZAAKTYPE.")
    roltypen: list[str] = read_only("URL-referenties naar de ROLTYPEN die mogelijk zijn binnen dit ZAAKTYPE.")
    besluittypen: list[str] = Field(description="URL-referenties naar de BESLUITTYPEN die mogelijk zijn binnen dit ZAAKTYPE.")
    deelzaaktypen: list[str] = Field(
        description="De ZAAKTYPE(n) waaronder ZAAKen als deelzaak kunnen voorkomen bij ZAAKen van dit ZAAKTYPE."
    )
    gerelateerdeZaaktypen: list[ZaakTypenRelatie]
    beginGeldigheid: dt.date
    eindeGeldigheid: dt.date | None
    beginObject: dt.date | None
    eindeObject: dt.date | None
    versiedatum: dt.date
    concept: bool = read_only("Geeft aan of het object een concept betreft.")


class ZaakTypeFilters(ApiModel):
    catalogus: str | None = Field(None, description="URL-referentie naar de CATALOGUS waartoe dit ZAAKTYPE behoort.")
    identificatie: str | None = Field(None, description="Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS.")
    trefwoorden: str | None = comma_separated("Meerdere waarden kunnen met komma's gescheiden worden; een zaaktype heeft ze alle.")
    status: StatusParam = None
    datum_geldigheid: DatumGeldigheidParam = None


class ZaakTypeRetrieveParams(ApiModel):
    datum_geldigheid: str | None = Field(
        None, alias="datumGeldigheid", description="filter op datumGeldigheid voor het zelf en alle onderliggende objecten"
    )
