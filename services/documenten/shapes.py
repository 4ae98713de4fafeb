"""The fields the read and request shapes of the resources on one informatieobject share
(gebruiksrechten, objectinformatieobjecten, verzendingen): their URL, the informatieobject they
hang on, and the `_expand` of those that expand it."""

from typing import Any

from pydantic import BaseModel, Field, create_model

from services.documenten.enkelvoudiginformatieobject.schemas import EnkelvoudigInformatieObject
from shared.api_model import ApiModel, read_only
from shared.expand import EXPAND, expand_field
from shared.fields import Uri

INFORMATIEOBJECT_UITLEG = "URL-referentie naar het INFORMATIEOBJECT."


def url_field() -> Any:
    return read_only(
        "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.",
        format="uri",
        min_length=1,
        max_length=1000,
    )


def informatieobject_shown(description: str = INFORMATIEOBJECT_UITLEG) -> Any:
    return Field(description=description, json_schema_extra={"format": "uri"})


class DocumentChild(ApiModel):
    """The read shape's first fields: its URL and its informatieobject."""

    url: str = url_field()
    informatieobject: str = informatieobject_shown()


class DocumentChildRequest(ApiModel):
    informatieobject: Uri = Field(description=INFORMATIEOBJECT_UITLEG)


class InformatieObjectFilter(ApiModel):
    informatieobject: Uri | None = Field(None, description=INFORMATIEOBJECT_UITLEG)


class Embedded(ApiModel):
    """`_expand` of a resource on one informatieobject: that document in its own representation."""

    informatieobject: EnkelvoudigInformatieObject | None = Field(None, description="Het INFORMATIEOBJECT in zijn eigen representatie.")


def expand_parameter() -> Any:
    return Field(None, description=EXPAND, examples=["informatieobject"])


class ExpandParams(ApiModel):
    """The query of a retrieve that expands."""

    expand: str | None = expand_parameter()


def expanded_model(read_model: type[BaseModel]) -> type[BaseModel]:
    """`<read model>Expanded`: the read shape with `_expand` (`<read model>Embedded`), as the spec
    names them."""
    embedded = create_model(f"{read_model.__name__}Embedded", __base__=Embedded)
    return create_model(f"{read_model.__name__}Expanded", __base__=read_model, expand=(embedded | None, expand_field()))
