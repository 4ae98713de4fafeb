"""How the request and response models of every API are declared: `ApiModel` and its field helpers.

A module of its own, below `shared.resources` and `shared.audittrail`, so that both can use it
without importing each other.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError


def _contains_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_contains_nul(v) for v in value)
    return False


class ApiModel(BaseModel):
    """Request/response models: camelCase aliases as in the standard; unknown fields ignored."""

    # A number where the standard has a string is taken as its text, as the reference
    # implementation's serializers take it (VNG's suite sends `"identificatie": 20` for a zaaktype).
    model_config = ConfigDict(populate_by_name=True, extra="ignore", coerce_numbers_to_str=True)

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_nul(cls, value: Any) -> Any:
        # no database stores a NUL character in text (PostgreSQL refuses it)
        if _contains_nul(value):
            raise PydanticCustomError("zgw:invalid", "Het teken NUL (\\x00) is niet toegestaan.")
        return value


def comma_separated(description: str = "Meerdere waarden kunnen met komma's gescheiden worden.", enum: tuple[str, ...] = ()) -> Any:
    """A query parameter holding a comma-separated list (OpenAPI: array, style form, explode false),
    optionally of the values in `enum`."""
    extra: dict[str, Any] = {"x-comma-separated": True}
    if enum:
        extra["x-items-enum"] = list(enum)
    return Field(None, description=description, json_schema_extra=extra)


def split_commas(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def read_only(description: str = "", *, format: str | None = None, **kwargs: Any) -> Any:
    """A response-only field, marked `readOnly` in the contract."""
    extra: dict[str, Any] = {"readOnly": True, **kwargs.pop("json_schema_extra", {})}
    if format:
        extra["format"] = format
    return Field(json_schema_extra=extra, description=description or None, **kwargs)
