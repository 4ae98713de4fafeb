"""Zaakverzoeken (zrc-025): a zaak's relation to a verzoek, mirrored in the Verzoeken API as an
ObjectVerzoek. The tests are those of every mirrored relation."""

from tests.zaken.relations_helpers import MirroredRelationTests, foreign_fixture  # noqa: F401  (the `foreign` fixture)


class TestZaakVerzoeken(MirroredRelationTests):
    collection = "zaakverzoeken"
    resource = "zaakverzoek"
    field = "verzoek"
    mirror = "objectverzoeken"
