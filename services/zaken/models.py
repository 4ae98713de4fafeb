"""Every Zaken table, for alembic and the app: those of the resources of services/zaken/resources.py
(importing them registers them; zaak/models.py also holds the counters the zaak's table needs)."""

from services.zaken.resources import RESOURCES

MODELS: tuple[type, ...] = tuple(resource.service.model for resource in RESOURCES)


def __getattr__(name: str) -> type:
    """`from services.zaken.models import Rol`: a model by its name."""
    for model in MODELS:
        if model.__name__ == name:
            return model
    raise AttributeError(name)
