"""What the tests of the resources on an informatieobject share: the audit trail of a document as
stored, and a client limited to one informatieobjecttype."""

from sqlalchemy.orm import Session

from services.documenten.db import audittrail
from tests.documenten.rows import TYPE

OTHER_TYPE = TYPE[:-1] + "2"
ALL_SCOPES = ["documenten.lezen", "documenten.aanmaken", "documenten.bijwerken", "documenten.verwijderen"]


def trail(documenten_app, document_url: str) -> list[dict]:
    with Session(documenten_app.state.db.engine) as session:
        return audittrail.list_for(session, document_url)


def limited(documenten, documenten_grant, *, scopes=ALL_SCOPES, informatieobjecttype: str = TYPE, maximum: str = "geheim"):
    """A client holding `scopes` for documents of one informatieobjecttype up to `maximum`."""
    documenten_grant(
        "beperkt",
        [{"scopes": scopes, "informatieobjecttype": informatieobjecttype, "maxVertrouwelijkheidaanduiding": maximum}],
    )
    return documenten.as_client("beperkt")


def created(documenten, collection: str, body: dict) -> dict:
    """POST `body` to `collection`: a 201 whose Location is the new object's URL in `collection`."""
    response = documenten.post(f"/{collection}", json=body)
    assert response.status_code == 201, response.text
    shown = response.json()
    assert response.headers["Location"] == shown["url"]
    assert shown["url"].startswith(f"http://testserver/documenten/api/v1/{collection}/")
    return shown
