"""zrc-021d/e with the real Besluiten API: the Zaken API derives a closed zaak's brondatum from the
ingangsdatum / vervaldatum of the besluiten the Besluiten API mirrored as its zaakbesluiten."""

import pytest

from tests.besluiten.factories import create_besluit, published_besluittype
from tests.conftest import requires_shared
from tests.zaken.factories import create_status, create_zaak, published_zaaktype
from tests.zaken.status_helpers import close, resultaattype_with

pytestmark = requires_shared("referentielijsten")


@pytest.mark.parametrize(
    ("afleidingswijze", "archiefactiedatum"), [("ingangsdatum_besluit", "2036-06-01"), ("vervaldatum_besluit", "2039-12-31")]
)
def test_zrc_021_brondatum_from_the_besluiten_of_the_zaak(linked_besluiten, catalogi, zaken, afleidingswijze, archiefactiedatum):
    besluittype = published_besluittype(catalogi)
    zaaktype = published_zaaktype(
        catalogi,
        catalogus_url=besluittype["catalogus"],
        besluittypen=[besluittype["omschrijving"]],
        resultaattype=resultaattype_with(afleidingswijze),
    )
    zaak = create_zaak(zaken, zaaktype.url)
    create_status(zaken, zaak["url"], zaaktype.statustypen[0], "2026-01-06T10:00:00Z")
    assert zaken.post("/resultaten", json={"zaak": zaak["url"], "resultaattype": zaaktype.resultaattypen[0]}).status_code == 201
    create_besluit(linked_besluiten, besluittype["url"], zaak=zaak["url"], ingangsdatum="2026-05-01", vervaldatum=None)
    create_besluit(linked_besluiten, besluittype["url"], zaak=zaak["url"], ingangsdatum="2026-06-01", vervaldatum="2029-12-31")
    assert close(zaken, zaaktype, zaak).status_code == 201
    assert zaken.get(zaak["url"]).json()["archiefactiedatum"] == archiefactiedatum
