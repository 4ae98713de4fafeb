"""Every Besluiten table, for alembic and the app (importing them registers them)."""

from services.besluiten.besluit.models import Besluit, IdentificatieTeller
from services.besluiten.besluitinformatieobject.models import BesluitInformatieObject

MODELS: tuple[type, ...] = (IdentificatieTeller, Besluit, BesluitInformatieObject)
