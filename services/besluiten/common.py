"""What every Besluiten resource shares: the besluit as hoofdobject of the audit trail and of the
notifications on kanaal `besluiten` (kenmerken verantwoordelijke_organisatie and besluittype, as
the 1.0.2 contract names them), written in the write's own transaction; who may reach a besluit
(autorisaties per besluittype or its catalogus, shared.access); how the other APIs are read."""

from sqlalchemy import ColumnElement

from services.besluiten.access import BESLUITEN
from services.besluiten.besluit.models import Besluit
from services.besluiten.db import audittrail, outbox
from shared.auth import Principal
from shared.changes import ChangeRecorder
from shared.errors import PermissionDenied
from shared.remote import ZgwClient
from shared.resources import Context

KANAAL = "besluiten"
BRON = "brc"
COLLECTION = "besluiten"


def besluit_url(ctx: Context, besluit: Besluit) -> str:
    return ctx.url(COLLECTION, besluit.uuid)


def besluit_weergave(besluit: Besluit) -> str:
    return f"{besluit.verantwoordelijke_organisatie} - {besluit.identificatie}"


def kenmerken(besluit: Besluit) -> dict[str, str]:
    return {"verantwoordelijke_organisatie": besluit.verantwoordelijke_organisatie, "besluittype": besluit.besluittype}


def visible(principal: Principal, scopes: tuple[str, ...]) -> ColumnElement:
    """The SQL condition on a besluit for the besluiten this client may reach with one of `scopes`."""
    return BESLUITEN.visible_clause(principal, scopes, Besluit.besluittype, Besluit.besluittype_catalogus)


def ensure_allowed(ctx: Context, scopes: tuple[str, ...], besluit: Besluit) -> None:
    """403 unless an autorisatie for the besluit's besluittype (or its catalogus) holds one of `scopes`."""
    if not BESLUITEN.allows(ctx.principal, scopes, besluit.besluittype, catalogus=besluit.besluittype_catalogus):
        raise PermissionDenied()


def remote(ctx: Context) -> ZgwClient:
    """How this service reads and writes the other ZGW APIs (services/besluiten/app.py)."""
    return ctx.request.app.state.remote


CHANGES = ChangeRecorder(audittrail, outbox, BRON, KANAAL, besluit_url, kenmerken)
