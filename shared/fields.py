"""Field types of the standard that more than one service uses: URL references, ISO 8601
durations, the vertrouwelijkheidaanduiding, dates in query parameters."""

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from dateutil.relativedelta import relativedelta
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from shared.errors import ValidationProblem

_DURATION = re.compile(
    r"^P(?!$)(\d+(?:[.,]\d+)?Y)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?W)?(\d+(?:[.,]\d+)?D)?"
    r"(T(?=\d)(\d+(?:[.,]\d+)?H)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?S)?)?$"
)


def _duration(value: str) -> str:
    if len(value) > 50:
        raise PydanticCustomError("zgw:max_length", "Een duur is hoogstens 50 tekens lang.")
    if not _DURATION.match(value):
        raise PydanticCustomError("zgw:invalid", "Ongeldige ISO 8601-duur, bijvoorbeeld P30D of P1Y.")
    return value


Duration = Annotated[str, AfterValidator(_duration), Field(json_schema_extra={"format": "duration"})]


def _uri(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        raise PydanticCustomError("zgw:invalid", "Voer een geldige URL in.")
    return value


Uri = Annotated[str, AfterValidator(_uri), Field(json_schema_extra={"format": "uri"})]


def validate_rsin(value: str) -> str:
    """An RSIN: 9 digits passing the elfproef (vng-api-common `validate_rsin`)."""
    if not value.isdigit():
        raise PydanticCustomError("zgw:only-digits", "Voer een getal in.")
    if len(value) != 9:
        raise PydanticCustomError("zgw:invalid-length", "Waarde moet 9 tekens lang zijn.")
    total = sum(int(digit) * weight for digit, weight in zip(value[:8], range(9, 1, -1), strict=True))
    if (total - int(value[8])) % 11 != 0:
        raise PydanticCustomError("zgw:invalid", "Onjuist RSIN.")
    return value


# the RSIN of an organisation (bronorganisatie, verantwoordelijkeOrganisatie)
Rsin = Annotated[str, AfterValidator(validate_rsin), Field(max_length=9)]


Vertrouwelijkheidaanduiding = Literal[
    "openbaar", "beperkt_openbaar", "intern", "zaakvertrouwelijk", "vertrouwelijk", "confidentieel", "geheim", "zeer_geheim"
]


def parse_day(value: str | None, name: str) -> dt.date | None:
    """A date query parameter (YYYY-MM-DD); 400 `invalid` on `name` otherwise."""
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationProblem.field(name, "invalid", "Ongeldige datum, verwacht YYYY-MM-DD.") from None


def _number(part: str | None) -> Decimal:
    return Decimal(part[:-1].replace(",", ".")) if part else Decimal(0)


def add_duration(day: dt.date, duration: str) -> dt.date:
    """`day` plus an ISO 8601 duration with calendar semantics (P1M: the same day next month,
    P10Y: ten years on). Time parts count in whole days; fractions of years/months are dropped."""
    match = _DURATION.match(duration or "")
    if not match:
        raise ValueError(f"no ISO 8601 duration: {duration!r}")
    years, months, weeks, days, _, hours, minutes, seconds = match.groups()
    delta = relativedelta(years=int(_number(years)), months=int(_number(months)))
    total_days = _number(weeks) * 7 + _number(days) + (_number(hours) * 3600 + _number(minutes) * 60 + _number(seconds)) / 86400
    return day + delta + dt.timedelta(days=int(total_days))


def _blank_or_uri(value: str) -> str:
    return value if value == "" else _uri(value)


# A URL field that may be left blank (the reference implementations' `URLField(blank=True)`).
BlankOrUri = Annotated[str, AfterValidator(_blank_or_uri), Field(json_schema_extra={"format": "uri"})]
