"""Every Rapportage model (for alembic and the app)."""

from services.rapportage.inbox.models import InboxEvent
from services.rapportage.medewerkers.models import Behandelaar, Medewerker
from services.rapportage.mijlpalen.models import Mijlpaal
from services.rapportage.tellers.models import Stand, Teller, Verdeling
from services.rapportage.zaak.models import Opschorting, Status, Statustype, Team, Zaak, Zaaktype

__all__ = [
    "Behandelaar",
    "InboxEvent",
    "Medewerker",
    "Mijlpaal",
    "Opschorting",
    "Stand",
    "Status",
    "Statustype",
    "Team",
    "Teller",
    "Verdeling",
    "Zaak",
    "Zaaktype",
]
