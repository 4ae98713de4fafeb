import datetime as dt

from pydantic import Field

from services.zaken.schemas import Identified, ZaakFilter, ZaakInRequest, ZaakShown
from shared.api_model import ApiModel, read_only
from shared.fields import Uri


class StatusRequestbody(ApiModel):
    """POST /statussen (the spec's `StatusRequestbody`: `Status` without zaakinformatieobjecten)."""

    zaak: ZaakInRequest
    statustype: Uri = Field(max_length=1000, description="URL-referentie naar het STATUSTYPE (in de Catalogi API).")
    datumStatusGezet: dt.datetime = Field(description="De datum waarop de ZAAK de status heeft verkregen.")
    statustoelichting: str = Field(
        "",
        max_length=1000,
        description="Een, voor de initiator van de zaak relevante, toelichting op de status van een zaak.",
    )
    gezetdoor: Uri | None = Field(
        None,
        max_length=200,
        title="Gezet door",
        description="De BETROKKENE die in zijn/haar ROL in een ZAAK heeft geregistreerd dat STATUSsen in die ZAAK bereikt zijn.",
    )


class Status(Identified):
    zaak: ZaakShown
    statustype: str = Field(
        max_length=1000, description="URL-referentie naar het STATUSTYPE (in de Catalogi API).", json_schema_extra={"format": "uri"}
    )
    datumStatusGezet: dt.datetime = Field(description="De datum waarop de ZAAK de status heeft verkregen.")
    statustoelichting: str = Field(
        "", max_length=1000, description="Een, voor de initiator van de zaak relevante, toelichting op de status van een zaak."
    )
    indicatieLaatstGezetteStatus: bool = read_only(
        "Het gegeven is afleidbaar uit de historie van de attribuutsoort Datum status gezet van van alle statussen bij de "
        "desbetreffende zaak."
    )
    gezetdoor: str | None = Field(
        None,
        max_length=200,
        title="Gezet door",
        description="De BETROKKENE die in zijn/haar ROL in een ZAAK heeft geregistreerd dat STATUSsen in die ZAAK bereikt zijn.",
        json_schema_extra={"format": "uri"},
    )
    zaakinformatieobjecten: list[str] = read_only(
        "URL-referenties naar de ZAAKINFORMATIEOBJECTen die bij deze status horen.", json_schema_extra={"uniqueItems": True}
    )


class StatusFilters(ApiModel):
    zaak: ZaakFilter = None
    statustype: Uri | None = Field(None, description="URL-referentie naar het STATUSTYPE (in de Catalogi API).")
    indicatieLaatstGezetteStatus: str | None = Field(
        None,
        description="Het gegeven is afleidbaar uit de historie van de attribuutsoort Datum status gezet van van alle statussen "
        "bij de desbetreffende zaak.",
    )
