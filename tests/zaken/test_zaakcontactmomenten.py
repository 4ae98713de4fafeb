"""Zaakcontactmomenten (zrc-024): a zaak's relation to a contactmoment, mirrored in the
Contactmomenten API as an ObjectContactMoment. The tests are those of every mirrored relation."""

from tests.zaken.relations_helpers import MirroredRelationTests, foreign_fixture  # noqa: F401  (the `foreign` fixture)


class TestZaakContactMomenten(MirroredRelationTests):
    collection = "zaakcontactmomenten"
    resource = "zaakcontactmoment"
    field = "contactmoment"
    mirror = "objectcontactmomenten"
