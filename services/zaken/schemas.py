"""The schema fields the Zaken API's resources share: the identity every read shape starts with,
and the `zaak` an object hangs on. Declared once, so that every resource shows the same contract
for them."""

import uuid as uuid_module
from typing import Annotated

from pydantic import Field

from shared.api_model import ApiModel, read_only
from shared.fields import Uri

ZAAK_UITLEG = "URL-referentie naar de ZAAK."


class Identified(ApiModel):
    """The fields every read shape of a resource with a collection of its own starts with (zaak,
    status, rol, resultaat, ...): its URL and uuid, both read-only."""

    url: str = read_only(
        "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.",
        format="uri",
        min_length=1,
        max_length=1000,
    )
    uuid: uuid_module.UUID = read_only("Unieke resource identifier (UUID4)")


# `zaak` as most resources give it (status, klantcontact, zaakinformatieobject, zaakcontactmoment,
# zaakverzoek): in a request, in the read shape, and as a list filter (every resource's)
ZaakInRequest = Annotated[Uri, Field(min_length=1, max_length=1000, description=ZAAK_UITLEG)]
ZaakShown = Annotated[str, Field(min_length=1, max_length=1000, description=ZAAK_UITLEG, json_schema_extra={"format": "uri"})]
ZaakFilter = Annotated[Uri | None, Field(description=ZAAK_UITLEG)]
