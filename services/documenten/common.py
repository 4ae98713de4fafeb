"""What every Documenten resource shares: the audit trail on the informatieobject and the
notifications on kanaal `documenten` (kenmerken bronorganisatie, informatieobjecttype,
vertrouwelijkheidaanduiding of the document), written in the write's own transaction."""

from typing import Any

from services.documenten.db import audittrail, outbox
from services.documenten.enkelvoudiginformatieobject.models import InformatieObjectVersie
from shared.changes import ChangeRecorder
from shared.resources import Context

KANAAL = "documenten"
COLLECTION = "enkelvoudiginformatieobjecten"


def informatieobject_url(ctx: Context, versie: InformatieObjectVersie) -> str:
    return ctx.url(COLLECTION, versie.informatieobject.uuid)


def kenmerken(versie: InformatieObjectVersie) -> dict[str, str]:
    return {
        "bronorganisatie": versie.bronorganisatie,
        "informatieobjecttype": versie.informatieobjecttype,
        "vertrouwelijkheidaanduiding": versie.vertrouwelijkheidaanduiding,
    }


# the hoofdobject of every record is the informatieobject, as its newest version shows it
CHANGES = ChangeRecorder(audittrail, outbox, "drc", KANAAL, informatieobject_url, kenmerken)


def weergave(versie: Any) -> str:
    return f"{versie.identificatie} - {versie.titel}"
