import datetime as dt

from pydantic import Field

from services.documenten.shapes import DocumentChild, DocumentChildRequest, InformatieObjectFilter, expand_parameter

_STARTDATUM = (
    "Begindatum van de periode waarin de gebruiksrechtvoorwaarden van toepassing zijn. Doorgaans is de datum van creatie "
    "van het informatieobject de startdatum."
)
_EINDDATUM = "Einddatum van de periode waarin de gebruiksrechtvoorwaarden van toepassing zijn."
_VOORWAARDEN = "Omschrijving van de van toepassing zijnde voorwaarden aan het gebruik anders dan raadpleging"


class GebruiksrechtenRequest(DocumentChildRequest):
    startdatum: dt.datetime = Field(description=_STARTDATUM)
    einddatum: dt.datetime | None = Field(None, description=_EINDDATUM)
    omschrijvingVoorwaarden: str = Field(min_length=1, description=_VOORWAARDEN)


class Gebruiksrechten(DocumentChild):
    startdatum: dt.datetime = Field(description=_STARTDATUM)
    einddatum: dt.datetime | None = Field(description=_EINDDATUM)
    omschrijvingVoorwaarden: str = Field(description=_VOORWAARDEN)


# the moments' comparisons of the list: parameter -> (field, comparison)
PERIODE_FILTERS = {f"{field}__{op}": (field, op) for field in ("startdatum", "einddatum") for op in ("lt", "lte", "gt", "gte")}


class GebruiksrechtenFilters(InformatieObjectFilter):
    startdatum__lt: str | None = Field(None, description=_STARTDATUM)
    startdatum__lte: str | None = Field(None, description=_STARTDATUM)
    startdatum__gt: str | None = Field(None, description=_STARTDATUM)
    startdatum__gte: str | None = Field(None, description=_STARTDATUM)
    einddatum__lt: str | None = Field(None, description=_EINDDATUM)
    einddatum__lte: str | None = Field(None, description=_EINDDATUM)
    einddatum__gt: str | None = Field(None, description=_EINDDATUM)
    einddatum__gte: str | None = Field(None, description=_EINDDATUM)
    expand: str | None = expand_parameter()
