"""What every Documenten resource shares: a document as its newest version, who may reach it
(autorisaties per informatieobjecttype, shared.access), and the audit trail on the informatieobject
and the notifications on kanaal `documenten` (kenmerken bronorganisatie, informatieobjecttype,
vertrouwelijkheidaanduiding of the document), written in the write's own transaction."""

from sqlalchemy import ColumnElement, and_

from services.documenten.access import DOCUMENTEN
from services.documenten.db import audittrail, outbox
from services.documenten.enkelvoudiginformatieobject.models import InformatieObject, InformatieObjectVersie
from shared.auth import Principal
from shared.changes import ChangeRecorder
from shared.errors import PermissionDenied
from shared.resources import Context

KANAAL = "documenten"
BRON = "drc"
COLLECTION = "enkelvoudiginformatieobjecten"

# the join of a document with its newest version (`InformatieObject.versie` names it)
NEWEST = and_(InformatieObjectVersie.informatieobject_id == InformatieObject.id, InformatieObjectVersie.versie == InformatieObject.versie)


def document_url(ctx: Context, informatieobject: InformatieObject) -> str:
    return ctx.url(COLLECTION, informatieobject.uuid)


def informatieobject_url(ctx: Context, versie: InformatieObjectVersie) -> str:
    return document_url(ctx, versie.informatieobject)


def document_weergave(versie: InformatieObjectVersie) -> str:
    return f"{versie.bronorganisatie} - {versie.identificatie}"


def kenmerken(versie: InformatieObjectVersie) -> dict[str, str]:
    return {
        "bronorganisatie": versie.bronorganisatie,
        "informatieobjecttype": versie.informatieobjecttype,
        "vertrouwelijkheidaanduiding": versie.vertrouwelijkheidaanduiding,
    }


def visible(principal: Principal, scopes: tuple[str, ...]) -> ColumnElement:
    """The SQL condition on a document's (newest) version for the documents this client may reach
    with one of `scopes`."""
    v = InformatieObjectVersie
    return DOCUMENTEN.visible_clause(principal, scopes, v.informatieobjecttype, v.informatieobjecttype_catalogus, v.vertrouwelijkheid_rank)


def ensure_allowed(ctx: Context, scopes: tuple[str, ...], versie: InformatieObjectVersie) -> None:
    """403 unless an autorisatie for the document's informatieobjecttype (or its catalogus), at or
    above its vertrouwelijkheid, holds one of `scopes`."""
    if not DOCUMENTEN.allows(
        ctx.principal, scopes, versie.informatieobjecttype, versie.vertrouwelijkheidaanduiding, versie.informatieobjecttype_catalogus
    ):
        raise PermissionDenied()


# the hoofdobject of every record is the informatieobject, as its newest version shows it
CHANGES = ChangeRecorder(audittrail, outbox, BRON, KANAAL, informatieobject_url, kenmerken)
