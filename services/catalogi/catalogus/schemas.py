import datetime as dt
from typing import Annotated

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from shared.api_model import ApiModel, read_only


def validate_rsin(value: str) -> str:
    """RSIN: nine digits passing the elfproef."""
    if len(value) != 9 or not value.isdigit():
        raise PydanticCustomError("zgw:invalid", "Een RSIN bestaat uit 9 cijfers.")
    total = sum(int(d) * w for d, w in zip(value[:8], range(9, 1, -1), strict=True)) - int(value[8])
    if total % 11 != 0:
        raise PydanticCustomError("zgw:invalid", "Onjuist RSIN: de elfproef klopt niet.")
    return value


def email_or_blank(value: str) -> str:
    if value == "":
        return value
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise PydanticCustomError("zgw:invalid", "Voer een geldig e-mailadres in.") from None
    return value


Rsin = Annotated[str, Field(max_length=9), AfterValidator(validate_rsin)]


class CatalogusRequest(ApiModel):
    domein: str = Field(
        max_length=5,
        min_length=1,
        description="Een afkorting waarmee wordt aangegeven voor welk domein in een CATALOGUS ZAAKTYPEn zijn uitgewerkt.",
    )
    rsin: Rsin = Field(description="Het RSIN van de INGESCHREVEN NIET NATUURLIJK PERSOON die beheerder is van de CATALOGUS.")
    contactpersoon_beheer_naam: str = Field(alias="contactpersoonBeheerNaam", max_length=40, min_length=1)
    contactpersoon_beheer_telefoonnummer: str = Field("", alias="contactpersoonBeheerTelefoonnummer", max_length=20)
    contactpersoon_beheer_emailadres: Annotated[str, AfterValidator(email_or_blank)] = Field(
        "", alias="contactpersoonBeheerEmailadres", max_length=254, json_schema_extra={"format": "email"}
    )
    naam: str | None = Field(None, max_length=200)
    versie: str | None = Field(None, max_length=20)
    begindatum_versie: dt.date | None = Field(None, alias="begindatumVersie")


class Catalogus(ApiModel):
    url: str = read_only("URL-referentie naar dit object.", format="uri")
    domein: str = Field(max_length=5)
    rsin: str = Field(max_length=9)
    contactpersoonBeheerNaam: str = Field(max_length=40)
    contactpersoonBeheerTelefoonnummer: str = Field(max_length=20)
    contactpersoonBeheerEmailadres: str = Field(max_length=254, json_schema_extra={"format": "email"})
    zaaktypen: list[str] = read_only("URL-referenties naar ZAAKTYPEn in deze CATALOGUS.")
    besluittypen: list[str] = read_only("URL-referenties naar BESLUITTYPEn in deze CATALOGUS.")
    informatieobjecttypen: list[str] = read_only("URL-referenties naar INFORMATIEOBJECTTYPEn in deze CATALOGUS.")
    naam: str | None = Field(max_length=200)
    versie: str | None = Field(max_length=20)
    begindatumVersie: dt.date | None


class CatalogusFilters(ApiModel):
    domein: str | None = None
    domein__in: str | None = Field(None, description="Meerdere waarden kunnen met komma's gescheiden worden.")
    rsin: str | None = None
    rsin__in: str | None = Field(None, description="Meerdere waarden kunnen met komma's gescheiden worden.")
