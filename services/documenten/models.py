"""Every Documenten table, for alembic and the app (importing them registers them)."""

from services.documenten.enkelvoudiginformatieobject.models import (
    BestandsDeel,
    IdentificatieTeller,
    InformatieObject,
    InformatieObjectVersie,
)
from services.documenten.gebruiksrechten.models import Gebruiksrechten
from services.documenten.objectinformatieobject.models import ObjectInformatieObject
from services.documenten.verzending.models import Verzending

MODELS: tuple[type, ...] = (
    IdentificatieTeller,
    InformatieObject,
    InformatieObjectVersie,
    BestandsDeel,
    Gebruiksrechten,
    ObjectInformatieObject,
    Verzending,
)
