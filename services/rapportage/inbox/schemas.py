import datetime as dt
from typing import Literal

from pydantic import Field

from shared.api_model import ApiModel
from shared.fields import Uri


class Notificatie(ApiModel):
    """The Notificaties API message (`Message` in notificaties-1.0.0), as an abonnement callback
    receives it."""

    kanaal: str = Field(
        min_length=1, max_length=50, description="De naam van het kanaal (`KANAAL.naam`) waar het bericht op moet worden gepubliceerd."
    )
    hoofdObject: Uri = Field(
        max_length=1000, description="URL-referentie naar het hoofd object van de publicerende API die betrekking heeft op de `resource`."
    )
    resource: str = Field(min_length=1, max_length=100, description="De resourcenaam waar de notificatie over gaat.")
    resourceUrl: Uri = Field(max_length=1000, description="URL-referentie naar de `resource` van de publicerende API.")
    actie: str = Field(min_length=1, max_length=100, description="De actie die door de publicerende API is gedaan.")
    aanmaakdatum: dt.datetime = Field(description="Datum en tijd waarop de actie heeft plaatsgevonden.")
    kenmerken: dict[str, str] = Field(default_factory=dict, description="Mapping van kenmerken (sleutel/waarde) van de notificatie.")


class InboxEventRead(ApiModel):
    id: int
    status: Literal["verwerkt", "wachtend"]
    kanaal: str
    hoofdObject: str
    resource: str
    resourceUrl: str
    actie: str
    aanmaakdatum: dt.datetime
    ontvangenOp: dt.datetime
    pogingen: int
    volgendePoging: dt.datetime | None = Field(description="Wanneer een wachtend event opnieuw wordt geprobeerd.")
    laatsteFout: str | None = Field(description="Waarom het event (nog) niet verwerkt kon worden.")
    verwerktOp: dt.datetime | None


class InboxFilters(ApiModel):
    status: Literal["verwerkt", "wachtend"] | None = Field(None, description="Alleen events met deze status.")
    hoofdObject: str | None = Field(None, description="Alleen events over deze zaak (URL).")
