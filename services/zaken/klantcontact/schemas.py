import datetime as dt
import uuid as uuid_module

from pydantic import Field

from shared.api_model import ApiModel, read_only
from shared.fields import Uri


class KlantContactRequest(ApiModel):
    zaak: Uri = Field(min_length=1, max_length=1000, description="URL-referentie naar de ZAAK.")
    identificatie: str = Field("", max_length=14, description="De unieke aanduiding van een KLANTCONTACT")
    datumtijd: dt.datetime = Field(description="De datum en het tijdstip waarop het KLANTCONTACT begint")
    kanaal: str = Field("", max_length=20, description="Het communicatiekanaal waarlangs het KLANTCONTACT gevoerd wordt")
    onderwerp: str = Field("", max_length=200, description="Het onderwerp waarover contact is geweest met de klant.")
    toelichting: str = Field("", max_length=1000, description="Een toelichting die inhoudelijk het contact met de klant beschrijft.")


class KlantContact(ApiModel):
    url: str = read_only(
        "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.",
        format="uri",
        min_length=1,
        max_length=1000,
    )
    uuid: uuid_module.UUID = read_only("Unieke resource identifier (UUID4)")
    zaak: str = Field(min_length=1, max_length=1000, description="URL-referentie naar de ZAAK.", json_schema_extra={"format": "uri"})
    identificatie: str = Field(max_length=14, description="De unieke aanduiding van een KLANTCONTACT")
    datumtijd: dt.datetime = Field(description="De datum en het tijdstip waarop het KLANTCONTACT begint")
    kanaal: str = Field(max_length=20, description="Het communicatiekanaal waarlangs het KLANTCONTACT gevoerd wordt")
    onderwerp: str = Field(max_length=200, description="Het onderwerp waarover contact is geweest met de klant.")
    toelichting: str = Field(max_length=1000, description="Een toelichting die inhoudelijk het contact met de klant beschrijft.")


class KlantContactFilters(ApiModel):
    zaak: Uri | None = Field(None, description="URL-referentie naar de ZAAK.")
