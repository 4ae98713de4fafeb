"""Every write on a zaaktype, informatieobjecttype or besluittype puts its Notificaties API message
in the outbox, in the same transaction; publishing notifies nothing (as the reference implementation)."""

import pytest

from tests.catalogi.factories import (
    besluittype_body,
    create_besluittype,
    create_informatieobjecttype,
    create_zaaktype,
    informatieobjecttype_body,
    zaaktype_body,
)

KINDS = {
    "zaaktypen": ("zaaktype", create_zaaktype, zaaktype_body, {"omschrijving": "Nieuw"}),
    "informatieobjecttypen": ("informatieobjecttype", create_informatieobjecttype, informatieobjecttype_body, {"omschrijving": "Nieuw"}),
    "besluittypen": ("besluittype", create_besluittype, besluittype_body, {"toelichting": "Nieuw"}),
}


@pytest.mark.parametrize("kanaal", list(KINDS))
def test_each_write_has_its_message(catalogi, outbox_rows, kanaal):
    resource, create, body, change = KINDS[kanaal]
    created = create(catalogi)
    catalogi.patch(created["url"], json=change)
    catalogi.put(created["url"], json=body(created["catalogus"]))
    catalogi.post(f"{created['url']}/publish")
    catalogi.delete(created["url"])
    messages = outbox_rows()
    assert [m["actie"] for m in messages] == ["create", "partial_update", "update", "destroy"]
    for message in messages:
        assert set(message) == {"kanaal", "hoofdObject", "resource", "resourceUrl", "actie", "aanmaakdatum", "kenmerken"}
        assert message["kanaal"] == kanaal
        assert message["resource"] == resource
        assert message["hoofdObject"] == message["resourceUrl"] == created["url"]
        assert message["kenmerken"] == {"catalogus": created["catalogus"]}
        assert message["aanmaakdatum"].endswith("Z")
