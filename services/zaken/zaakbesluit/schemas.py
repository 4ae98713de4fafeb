import uuid as uuid_module

from pydantic import Field

from shared.api_model import ApiModel, read_only
from shared.fields import Uri

_BESLUIT = "URL-referentie naar het BESLUIT (in de Besluiten API), waar ook de relatieinformatie opgevraagd kan worden."


class ZaakBesluitRequest(ApiModel):
    besluit: Uri = Field(max_length=1000, description=_BESLUIT)


class ZaakBesluit(ApiModel):
    url: str = read_only(format="uri", title="url")
    uuid: uuid_module.UUID = read_only("Unieke resource identifier (UUID4)")
    besluit: str = Field(max_length=1000, description=_BESLUIT, json_schema_extra={"format": "uri"})
