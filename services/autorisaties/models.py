"""Every Autorisaties model (for alembic and the app)."""

from services.autorisaties.applicatie.models import (
    Applicatie,
    ApplicatieClientId,
    Autorisatie,
)

__all__ = ["Applicatie", "ApplicatieClientId", "Autorisatie"]
