"""Documents for the tests of the resources on an informatieobject: inserted as rows until the
Documenten API creates them (then through `POST /enkelvoudiginformatieobjecten`)."""

import datetime as dt
import uuid as uuid_module

from sqlalchemy.orm import Session

from services.documenten.enkelvoudiginformatieobject.models import InformatieObject, InformatieObjectVersie
from shared.auth import VERTROUWELIJKHEID_RANK

DOCUMENTEN_ROOT = "http://testserver/documenten/api/v1"
TYPE = "http://testserver/catalogi/api/v1/informatieobjecttypen/00000000-0000-0000-0000-000000000001"


def create_document(documenten_app, informatieobjecttype: str = TYPE, *, vertrouwelijkheidaanduiding: str = "openbaar", **fields) -> str:
    """A document with one version; its URL."""
    with Session(documenten_app.state.db.engine) as session:
        document = InformatieObject(uuid=uuid_module.uuid4(), versie=1, lock="")
        session.add(document)
        session.flush()
        session.add(
            InformatieObjectVersie(
                informatieobject_id=document.id,
                versie=1,
                begin_registratie=dt.datetime.now(dt.UTC),
                identificatie=fields.pop("identificatie", f"DOC-{document.id}"),
                bronorganisatie=fields.pop("bronorganisatie", "517439943"),
                creatiedatum=dt.date(2026, 1, 5),
                titel="Aanvraag",
                vertrouwelijkheidaanduiding=vertrouwelijkheidaanduiding,
                vertrouwelijkheid_rank=VERTROUWELIJKHEID_RANK[vertrouwelijkheidaanduiding],
                auteur="Burger",
                taal="nld",
                informatieobjecttype=informatieobjecttype,
                informatieobjecttype_catalogus=None,
                trefwoorden=[],
                **fields,
            )
        )
        session.commit()
        return f"{DOCUMENTEN_ROOT}/enkelvoudiginformatieobjecten/{document.uuid}"


def indicatie_gebruiksrecht(documenten_app, url: str) -> bool | None:
    """The newest version's `indicatieGebruiksrecht` as stored."""
    from sqlalchemy import select

    from services.documenten.common import NEWEST

    document_uuid = uuid_module.UUID(url.rsplit("/", 1)[1])
    with Session(documenten_app.state.db.engine) as session:
        query = (
            select(InformatieObjectVersie.indicatie_gebruiksrecht)
            .join(InformatieObject, NEWEST)
            .where(InformatieObject.uuid == document_uuid)
        )
        return session.scalar(query)
