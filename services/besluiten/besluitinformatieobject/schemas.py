from pydantic import Field

from shared.api_model import ApiModel, read_only
from shared.fields import Uri

_INFORMATIEOBJECT = "URL-referentie naar het INFORMATIEOBJECT (in de Documenten API) waarin (een deel van) het besluit beschreven is."
_BESLUIT = "URL-referentie naar het BESLUIT."


class BesluitInformatieObjectRequest(ApiModel):
    informatieobject: Uri = Field(min_length=1, max_length=1000, description=_INFORMATIEOBJECT)
    besluit: Uri = Field(description=_BESLUIT)


class BesluitInformatieObject(ApiModel):
    url: str = read_only(
        "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.",
        format="uri",
        min_length=1,
        max_length=1000,
    )
    informatieobject: str = Field(min_length=1, max_length=1000, description=_INFORMATIEOBJECT, json_schema_extra={"format": "uri"})
    besluit: str = Field(description=_BESLUIT, json_schema_extra={"format": "uri"})


class BesluitInformatieObjectFilters(ApiModel):
    besluit: Uri | None = Field(None, description=_BESLUIT)
    informatieobject: Uri | None = Field(None, description=_INFORMATIEOBJECT)
