"""The `expand` query parameter as every API that has it takes it: a comma-separated list of dot
paths (`zaaktype,status.statustype`). Which paths a resource may expand is the service's own
business (services/zaken/expand.py, services/documenten/expand.py)."""

import re
from typing import Any

from pydantic import Field

from shared.errors import ValidationProblem

# the description of the `expand` query parameter, as the standard gives it
EXPAND = (
    "Haal details van gelinkte resources direct op. Als je meerdere resources tegelijk wilt ophalen kun je deze scheiden "
    "met een komma. Voor het ophalen van resources die een laag dieper genest zijn wordt de punt-notatie gebruikt."
)

FORMAT = re.compile(r"^[\w']+(\.[\w']+)*$")


def ensure_format(expand: str) -> list[str]:
    """zrc-026: `expand` is a comma-separated list of dot paths (spaces around the commas are
    tolerated, as in the spec's own example); anything else is 400 `expand-format-error`."""
    items = [item.strip() for item in expand.split(",")]
    if not all(FORMAT.match(item) for item in items):
        raise ValidationProblem.field(
            "expand",
            "expand-format-error",
            "Het expand formaat is ongeldig: geef een komma-gescheiden lijst van (met punten geneste) attribuutnamen op.",
        )
    return items


def invalid_expand_field(name: str) -> ValidationProblem:
    """A name `expand` may not follow: 400 `expand` / `invalid-expand-field` (as the reference
    implementation; the standard's text mentions a 404)."""
    return ValidationProblem.field(
        "expand", "invalid-expand-field", f"The submitted field {name} did not match any fields in the expandable json."
    )


def expand_field() -> Any:
    """The `_expand` of a read shape: the linked resources `expand` asked for."""
    return Field(
        None,
        alias="_expand",
        json_schema_extra={"readOnly": True},
        description="Gerelateerde resources, alleen aanwezig wanneer ze met `expand` zijn opgevraagd.",
    )
