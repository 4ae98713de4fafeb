import datetime as dt

from pydantic import Field

from services.zaken.schemas import Identified, ZaakFilter, ZaakInRequest, ZaakShown
from shared.api_model import ApiModel


class KlantContactRequest(ApiModel):
    zaak: ZaakInRequest
    identificatie: str = Field("", max_length=14, description="De unieke aanduiding van een KLANTCONTACT")
    datumtijd: dt.datetime = Field(description="De datum en het tijdstip waarop het KLANTCONTACT begint")
    kanaal: str = Field("", max_length=20, description="Het communicatiekanaal waarlangs het KLANTCONTACT gevoerd wordt")
    onderwerp: str = Field("", max_length=200, description="Het onderwerp waarover contact is geweest met de klant.")
    toelichting: str = Field("", max_length=1000, description="Een toelichting die inhoudelijk het contact met de klant beschrijft.")


class KlantContact(Identified):
    zaak: ZaakShown
    identificatie: str = Field(max_length=14, description="De unieke aanduiding van een KLANTCONTACT")
    datumtijd: dt.datetime = Field(description="De datum en het tijdstip waarop het KLANTCONTACT begint")
    kanaal: str = Field(max_length=20, description="Het communicatiekanaal waarlangs het KLANTCONTACT gevoerd wordt")
    onderwerp: str = Field(max_length=200, description="Het onderwerp waarover contact is geweest met de klant.")
    toelichting: str = Field(max_length=1000, description="Een toelichting die inhoudelijk het contact met de klant beschrijft.")


class KlantContactFilters(ApiModel):
    zaak: ZaakFilter = None
