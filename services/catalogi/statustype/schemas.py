import datetime as dt

from pydantic import Field

from services.catalogi.common import Duration, Uri
from services.catalogi.subtype import GeldigheidRequest, SubTypeFilters
from shared.api_model import ApiModel, read_only


class CheckListItem(ApiModel):
    itemnaam: str = Field(max_length=30, min_length=1, description="De betekenisvolle benaming van het checklistitem")
    toelichting: str | None = Field(
        None, max_length=1000, description="Beschrijving van de overwegingen bij het controleren van het aandachtspunt"
    )
    vraagstelling: str = Field(
        max_length=255,
        min_length=1,
        description="Een betekenisvolle vraag waaruit blijkt waarop het aandachtspunt gecontroleerd moet worden.",
    )
    verplicht: bool = Field(
        False,
        description="Het al dan niet verplicht zijn van controle van het aandachtspunt voorafgaand aan het bereiken van de status van het gerelateerde STATUSTYPE.",
    )


class StatusTypeRequest(GeldigheidRequest):
    """A statustype of a concept zaaktype; `volgnummer` is unique within the zaaktype."""

    omschrijving: str = Field(
        max_length=80,
        min_length=1,
        description="Een korte, voor de initiator van de zaak relevante, omschrijving van de aard van de STATUS van zaken van een ZAAKTYPE.",
    )
    omschrijving_generiek: str = Field(
        "",
        alias="omschrijvingGeneriek",
        max_length=80,
        description="Algemeen gehanteerde omschrijving van de aard van STATUSsen van het STATUSTYPE",
    )
    statustekst: str = Field(
        "",
        max_length=1000,
        description="De tekst die wordt gebruikt om de Initiator te informeren over het bereiken van een STATUS van dit STATUSTYPE bij het desbetreffende ZAAKTYPE.",
    )
    zaaktype: Uri = Field(
        description="URL-referentie naar het ZAAKTYPE van ZAAKen waarin STATUSsen van dit STATUSTYPE bereikt kunnen worden."
    )
    volgnummer: int = Field(ge=1, le=9999, description="Een volgnummer voor statussen van het STATUSTYPE binnen een zaak.")
    informeren: bool = Field(
        False,
        description="Aanduiding die aangeeft of na het zetten van een STATUS van dit STATUSTYPE de Initiator moet worden geïnformeerd over de statusovergang.",
    )
    doorlooptijd: Duration | None = Field(
        None,
        description="De door de zaakbehandelende organisatie(s) gestelde norm voor de doorlooptijd voor het bereiken van STATUSsen van dit STATUSTYPE bij het desbetreffende ZAAKTYPE.",
    )
    toelichting: str | None = Field(None, max_length=1000, description="Een eventuele toelichting op dit STATUSTYPE.")
    checklistitem_statustype: list[CheckListItem] = Field([], alias="checklistitemStatustype")
    eigenschappen: list[Uri] = Field(
        [],
        json_schema_extra={"uniqueItems": True},
        description="de EIGENSCHAPpen (van hetzelfde ZAAKTYPE) die verplicht een waarde moeten hebben gekregen, voordat een STATUS van dit STATUSTYPE kan worden gezet.",
    )


class StatusType(ApiModel):
    url: str = read_only("URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.", format="uri")
    omschrijving: str = Field(max_length=80)
    omschrijvingGeneriek: str = Field(max_length=80)
    statustekst: str = Field(max_length=1000)
    zaaktype: str = Field(json_schema_extra={"format": "uri"})
    catalogus: str = read_only("URL-referentie naar de CATALOGUS van het ZAAKTYPE.", format="uri")
    zaaktypeIdentificatie: str = read_only("Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS waarin het ZAAKTYPE voorkomt.")
    volgnummer: int = Field(ge=1, le=9999)
    isEindstatus: bool = read_only(
        "Geeft aan dat dit STATUSTYPE een eindstatus betreft. Dit gegeven is afgeleid uit alle STATUSTYPEn van dit ZAAKTYPE met het hoogste volgnummer."
    )
    informeren: bool
    doorlooptijd: str | None = Field(json_schema_extra={"format": "duration"})
    toelichting: str | None = Field(max_length=1000)
    checklistitemStatustype: list[CheckListItem]
    eigenschappen: list[str] = Field(json_schema_extra={"uniqueItems": True})
    beginGeldigheid: dt.date | None
    eindeGeldigheid: dt.date | None
    beginObject: dt.date | None
    eindeObject: dt.date | None


class StatusTypeFilters(SubTypeFilters):
    pass
