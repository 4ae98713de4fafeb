"""What the three versioned types (zaaktype, informatieobjecttype, besluittype) share: lists show
published objects unless `status` says otherwise, and every write puts its Notificaties API message
in the outbox, in the same transaction; publishing notifies nothing (as the reference implementation)."""

import pytest

from tests.catalogi.factories import (
    besluittype_body,
    create_besluittype,
    create_informatieobjecttype,
    create_zaaktype,
    informatieobjecttype_body,
    publish,
    zaaktype_body,
)
from tests.conftest import assert_invalid

KINDS = {
    "zaaktypen": ("zaaktype", create_zaaktype, zaaktype_body, {"omschrijving": "Nieuw"}),
    "informatieobjecttypen": ("informatieobjecttype", create_informatieobjecttype, informatieobjecttype_body, {"omschrijving": "Nieuw"}),
    "besluittypen": ("besluittype", create_besluittype, besluittype_body, {"toelichting": "Nieuw"}),
}


@pytest.mark.parametrize("collection", list(KINDS))
def test_list_shows_published_by_default(catalogi, collection):
    concept = KINDS[collection][1](catalogi)
    count = lambda query="": catalogi.get(f"/{collection}{query}").json()["count"]  # noqa: E731
    assert (count(), count("?status=concept"), count("?status=alles")) == (0, 1, 1)
    publish(catalogi, concept["url"])
    assert (count(), count("?status=definitief"), count("?status=concept")) == (1, 1, 0)
    assert_invalid(catalogi.get(f"/{collection}?status=iets"), "status", "invalid_choice")


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
