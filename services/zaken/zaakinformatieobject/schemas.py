import datetime as dt
from typing import Literal

from pydantic import Field

from services.zaken.schemas import Identified, ZaakFilter, ZaakInRequest, ZaakShown
from shared.api_model import ApiModel, read_only
from shared.fields import Uri

AardRelatieWeergave = Literal["Hoort bij, omgekeerd: kent", "Legt vast, omgekeerd: kan vastgelegd zijn als"]

_INFORMATIEOBJECT = "URL-referentie naar het INFORMATIEOBJECT (in de Documenten API), waar ook de relatieinformatie opgevraagd kan worden."
_STATUS = (
    "De bij de desbetreffende ZAAK behorende STATUS waarvoor het ZAAK-INFORMATIEOBJECT relevant is (geweest) met het oog op "
    "het bereiken van die STATUS en/of de communicatie daarover."
)
_REGISTRATIEDATUM = (
    "De datum waarop de behandelende organisatie het INFORMATIEOBJECT heeft geregistreerd bij het OBJECT. Geldige waardes "
    "zijn datumtijden gelegen op of voor de huidige datum en tijd."
)


class ZaakInformatieObjectRequest(ApiModel):
    informatieobject: Uri = Field(max_length=1000, description=_INFORMATIEOBJECT)
    zaak: ZaakInRequest
    titel: str = Field("", max_length=200, description="De naam waaronder het INFORMATIEOBJECT binnen het OBJECT bekend is.")
    beschrijving: str = Field("", description="Een op het object gerichte beschrijving van de inhoud vanhet INFORMATIEOBJECT.")
    vernietigingsdatum: dt.datetime | None = Field(
        None, description="De datum waarop het informatieobject uit het zaakdossier verwijderd moet worden."
    )
    status: Uri | None = Field(None, min_length=1, max_length=1000, description=_STATUS)


class ZaakInformatieObject(Identified):
    informatieobject: str = Field(max_length=1000, description=_INFORMATIEOBJECT, json_schema_extra={"format": "uri"})
    zaak: ZaakShown
    aardRelatieWeergave: AardRelatieWeergave = read_only()
    titel: str = Field(max_length=200, description="De naam waaronder het INFORMATIEOBJECT binnen het OBJECT bekend is.")
    beschrijving: str = Field(description="Een op het object gerichte beschrijving van de inhoud vanhet INFORMATIEOBJECT.")
    registratiedatum: dt.datetime = read_only(_REGISTRATIEDATUM)
    vernietigingsdatum: dt.datetime | None = Field(
        description="De datum waarop het informatieobject uit het zaakdossier verwijderd moet worden."
    )
    status: str | None = Field(min_length=1, max_length=1000, description=_STATUS, json_schema_extra={"format": "uri"})


class ZaakInformatieObjectFilters(ApiModel):
    zaak: ZaakFilter = None
    informatieobject: Uri | None = Field(None, description=_INFORMATIEOBJECT)
