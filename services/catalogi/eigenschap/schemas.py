import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from services.catalogi.common import Uri
from services.catalogi.subtype import GeldigheidRequest, SubTypeFilters
from shared.api_model import ApiModel, read_only

Formaat = Literal["tekst", "getal", "datum", "datum_tijd"]

_POSITIVE = re.compile(r"^[1-9][0-9]*$")
_GETAL_LENGTE = re.compile(r"^([1-9][0-9]*)(?:,([0-9]+))?$")


class EigenschapSpecificatie(ApiModel):
    """How values of an eigenschap look.

    `lengte` by `formaat`: `tekst`, `datum`, `datum_tijd`: a positive whole number (characters);
    `getal`: `n` or `n,m` (n digits, of which m decimals, m <= n). `kardinaliteit`: a positive
    whole number or `N` (unlimited). For `getal`, every value of `waardenverzameling` is a number.
    """

    groep: str = Field(
        "",
        max_length=32,
        description="Benaming van het object of groepattribuut waarvan de EIGENSCHAP een inhoudelijk gegeven specificeert.",
    )
    formaat: Formaat = Field(description="Het soort tekens waarmee waarden van de EIGENSCHAP kunnen worden vastgelegd.")
    lengte: str = Field(
        max_length=14, min_length=1, description="Het aantal karakters (lengte) waarmee waarden van de EIGENSCHAP worden vastgelegd."
    )
    kardinaliteit: str = Field(
        max_length=3,
        min_length=1,
        description="Het aantal mogelijke voorkomens van waarden van deze EIGENSCHAP bij een zaak van het ZAAKTYPE.",
    )
    waardenverzameling: list[Annotated[str, Field(max_length=100)]] = Field([], description="Waarden die deze EIGENSCHAP kan hebben.")

    @field_validator("lengte")
    @classmethod
    def _lengte(cls, value: str, info: ValidationInfo) -> str:
        formaat = info.data.get("formaat")
        if formaat == "getal":
            match = _GETAL_LENGTE.match(value)
            if not match or (match.group(2) is not None and int(match.group(2)) > int(match.group(1))):
                raise PydanticCustomError("zgw:invalid", "Gebruik voor formaat getal 'n' of 'n,m' (n cijfers waarvan m decimalen).")
        elif formaat is not None and not _POSITIVE.match(value):
            raise PydanticCustomError("zgw:invalid", "Gebruik een geheel getal groter dan 0.")
        return value

    @field_validator("kardinaliteit")
    @classmethod
    def _kardinaliteit(cls, value: str) -> str:
        if value != "N" and not _POSITIVE.match(value):
            raise PydanticCustomError("zgw:invalid", "Gebruik gehele getallen groter dan 0 of 'N' voor ongelimiteerd.")
        return value

    @field_validator("waardenverzameling")
    @classmethod
    def _waarden(cls, values: list[str], info: ValidationInfo) -> list[str]:
        if info.data.get("formaat") == "getal":
            for value in values:
                try:
                    Decimal(value.replace(",", "."))
                except InvalidOperation:
                    raise PydanticCustomError("zgw:invalid", f"'{value}' is geen getal.") from None
        return values


class EigenschapRequest(GeldigheidRequest):
    """An eigenschap of a concept zaaktype; `statustype` is one of the same zaaktype."""

    naam: str = Field(max_length=20, min_length=1, description="De naam van de EIGENSCHAP")
    definitie: str = Field(max_length=255, min_length=1, description="De beschrijving van de betekenis van deze EIGENSCHAP")
    specificatie: EigenschapSpecificatie
    toelichting: str = Field(
        "", max_length=1000, description="Een toelichting op deze EIGENSCHAP en het belang hiervan voor zaken van dit ZAAKTYPE."
    )
    zaaktype: Uri = Field(description="URL-referentie naar het ZAAKTYPE van de ZAAKen waarvoor deze EIGENSCHAP van belang is.")
    statustype: Uri | None = Field(
        None,
        description="Status type moet (onder andere) deze EIGENSCHAP hebben, voordat een STATUS van het STATUSTYPE kan worden gezet.",
    )


class Eigenschap(ApiModel):
    url: str = read_only("URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.", format="uri")
    naam: str = Field(max_length=20)
    catalogus: str = read_only("URL-referentie naar de CATALOGUS van het ZAAKTYPE.", format="uri")
    definitie: str = Field(max_length=255)
    specificatie: EigenschapSpecificatie
    toelichting: str = Field(max_length=1000)
    zaaktype: str = Field(json_schema_extra={"format": "uri"})
    zaaktypeIdentificatie: str = read_only("Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS waarin het ZAAKTYPE voorkomt.")
    statustype: str | None = Field(json_schema_extra={"format": "uri"})
    beginGeldigheid: dt.date | None
    eindeGeldigheid: dt.date | None
    beginObject: dt.date | None
    eindeObject: dt.date | None


class EigenschapFilters(SubTypeFilters):
    pass
