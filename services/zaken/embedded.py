"""The `_expand` objects of the contract (`ZaakEmbedded`, `RolEmbedded`, `ZaakObjectEmbedded`):
each property holds the expanded resource in its own representation (or `{}` for an empty link),
lists an array of them. services/zaken/expand.py fills them; here they are only described."""

from typing import Any

from pydantic import Field

from shared.api_model import ApiModel
from shared.expand import expand_field

__all__ = ["RolEmbedded", "ZaakEmbedded", "ZaakObjectEmbedded", "expand_field"]

Resource = dict[str, Any]
_ONE = "De gerelateerde resource in zijn eigen representatie (een leeg object als de link leeg is)."
_MANY = "De gerelateerde resources, elk in hun eigen representatie."


class ZaakEmbedded(ApiModel):
    zaaktype: Resource | None = Field(None, description=_ONE)
    hoofdzaak: Resource | None = Field(None, description=_ONE)
    deelzaken: list[Resource] | None = Field(None, description=_MANY)
    relevanteAndereZaken: list[Resource] | None = Field(None, description=_MANY)
    eigenschappen: list[Resource] | None = Field(None, description=_MANY)
    rollen: list[Resource] | None = Field(None, description=_MANY)
    status: Resource | None = Field(None, description=_ONE)
    zaakobjecten: list[Resource] | None = Field(None, description=_MANY)
    zaakinformatieobjecten: list[Resource] | None = Field(None, description=_MANY)
    resultaat: Resource | None = Field(None, description=_ONE)


class RolEmbedded(ApiModel):
    zaak: Resource | None = Field(None, description=_ONE)
    roltype: Resource | None = Field(None, description=_ONE)
    statussen: list[Resource] | None = Field(None, description=_MANY)


class ZaakObjectEmbedded(ApiModel):
    zaakobjecttype: Resource | None = Field(None, description=_ONE)
