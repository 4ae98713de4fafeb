import datetime as dt
from typing import Literal

from pydantic import Field

from shared.api_model import ApiModel, read_only
from shared.fields import Rsin, Uri

_IDENTIFICATIE = (
    "Identificatie van het besluit binnen de organisatie die het besluit heeft vastgesteld. Indien deze niet opgegeven is, "
    "dan wordt die gegenereerd."
)
_ORGANISATIE = "Het RSIN van de niet-natuurlijk persoon zijnde de organisatie die het besluit heeft vastgesteld."
_BESLUITTYPE = "URL-referentie naar het BESLUITTYPE (in de Catalogi API)."
_ZAAK = "URL-referentie naar de ZAAK (in de Zaken API) waarvan dit besluit uitkomst is."
_DATUM = "De beslisdatum (AWB) van het besluit."
_TOELICHTING = "Toelichting bij het besluit."
_BESTUURSORGAAN = (
    "Een orgaan van een rechtspersoon krachtens publiekrecht ingesteld of een persoon of college, met enig openbaar gezag "
    "bekleed onder wiens verantwoordelijkheid het besluit vastgesteld is."
)
_INGANGSDATUM = "Ingangsdatum van de werkingsperiode van het besluit."
_VERVALDATUM = "Datum waarop de werkingsperiode van het besluit eindigt."
_VERVALREDEN = (
    "De omschrijving die aangeeft op grond waarvan het besluit is of komt te vervallen.\n\nUitleg bij mogelijke waarden:\n\n"
    "* `tijdelijk` - Besluit met tijdelijke werking\n* `ingetrokken_overheid` - Besluit ingetrokken door overheid\n"
    "* `ingetrokken_belanghebbende` - Besluit ingetrokken o.v.v. belanghebbende"
)
_PUBLICATIEDATUM = "Datum waarop het besluit gepubliceerd wordt."
_VERZENDDATUM = "Datum waarop het besluit verzonden is."
_REACTIEDATUM = "De datum tot wanneer verweer tegen het besluit mogelijk is."

Vervalreden = Literal["tijdelijk", "ingetrokken_overheid", "ingetrokken_belanghebbende"]
VERVALREDEN_WEERGAVE = {
    "": "",
    "tijdelijk": "Besluit met tijdelijke werking",
    "ingetrokken_overheid": "Besluit ingetrokken door overheid",
    "ingetrokken_belanghebbende": "Besluit ingetrokken o.v.v. belanghebbende",
}


class BesluitRequest(ApiModel):
    identificatie: str | None = Field(None, max_length=50, description=_IDENTIFICATIE)
    verantwoordelijkeOrganisatie: Rsin = Field(min_length=1, description=_ORGANISATIE)
    besluittype: Uri = Field(min_length=1, max_length=200, description=_BESLUITTYPE)
    zaak: Uri | Literal[""] | None = Field(None, max_length=200, description=_ZAAK)
    datum: dt.date = Field(description=_DATUM)
    toelichting: str | None = Field(None, description=_TOELICHTING)
    bestuursorgaan: str | None = Field(None, max_length=50, description=_BESTUURSORGAAN)
    ingangsdatum: dt.date = Field(description=_INGANGSDATUM)
    vervaldatum: dt.date | None = Field(None, description=_VERVALDATUM)
    vervalreden: Vervalreden | Literal[""] | None = Field(None, description=_VERVALREDEN)
    publicatiedatum: dt.date | None = Field(None, description=_PUBLICATIEDATUM)
    verzenddatum: dt.date | None = Field(None, description=_VERZENDDATUM)
    uiterlijkeReactiedatum: dt.date | None = Field(None, description=_REACTIEDATUM)


class Besluit(ApiModel):
    url: str = read_only(
        "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.",
        format="uri",
        min_length=1,
        max_length=1000,
    )
    identificatie: str = Field(max_length=50, description=_IDENTIFICATIE)
    verantwoordelijkeOrganisatie: str = Field(min_length=1, max_length=9, description=_ORGANISATIE)
    besluittype: str = Field(min_length=1, max_length=200, description=_BESLUITTYPE, json_schema_extra={"format": "uri"})
    zaak: str = Field(max_length=200, description=_ZAAK, json_schema_extra={"format": "uri"})
    datum: dt.date = Field(description=_DATUM)
    toelichting: str = Field(description=_TOELICHTING)
    bestuursorgaan: str = Field(max_length=50, description=_BESTUURSORGAAN)
    ingangsdatum: dt.date = Field(description=_INGANGSDATUM)
    vervaldatum: dt.date | None = Field(description=_VERVALDATUM)
    vervalreden: Vervalreden | Literal[""] = Field(description=_VERVALREDEN)
    vervalredenWeergave: str = read_only()
    publicatiedatum: dt.date | None = Field(description=_PUBLICATIEDATUM)
    verzenddatum: dt.date | None = Field(description=_VERZENDDATUM)
    uiterlijkeReactiedatum: dt.date | None = Field(description=_REACTIEDATUM)


class BesluitFilters(ApiModel):
    identificatie: str | None = Field(None, description=_IDENTIFICATIE)
    verantwoordelijkeOrganisatie: str | None = Field(None, description=_ORGANISATIE)
    besluittype: Uri | None = Field(None, description=_BESLUITTYPE)
    zaak: Uri | None = Field(None, description=_ZAAK)
