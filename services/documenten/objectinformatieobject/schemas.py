from typing import Literal

from pydantic import Field

from services.documenten.shapes import DocumentChild, DocumentChildRequest, InformatieObjectFilter
from shared.fields import Uri

_OBJECT = "URL-referentie naar het gerelateerde OBJECT (in deze of een andere API)."
_OBJECT_TYPE = "Het type van het gerelateerde OBJECT.\n\nUitleg bij mogelijke waarden:\n\n* `besluit` - Besluit\n* `zaak` - Zaak\n* `verzoek` - Verzoek"

ObjectType = Literal["besluit", "zaak", "verzoek"]


class ObjectInformatieObjectRequest(DocumentChildRequest):
    object: Uri = Field(min_length=1, max_length=1000, description=_OBJECT)
    objectType: ObjectType = Field(description=_OBJECT_TYPE)


class ObjectInformatieObject(DocumentChild):
    object: str = Field(max_length=1000, description=_OBJECT, json_schema_extra={"format": "uri"})
    objectType: ObjectType = Field(description=_OBJECT_TYPE)


class ObjectInformatieObjectFilters(InformatieObjectFilter):
    object: Uri | None = Field(None, description=_OBJECT)
