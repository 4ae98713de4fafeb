"""A list costs the same number of SQL statements whatever the number of objects on the page."""

import pytest

from services.catalogi.app import create_app
from services.catalogi.demo import seed_demo
from services.catalogi.settings import CatalogiSettings
from tests.conftest import QueryCounter

# (collection, a filter selecting fewer objects than the whole list, with every kind of relation
# the list shows, so both pages need the same lookups)
LISTS = [
    ("zaaktypen", lambda z: {"identificatie": "DEMO-PARKEREN"}),
    ("statustypen", lambda z: {"zaaktype": z}),
    ("roltypen", lambda z: {"zaaktype": z}),
    ("resultaattypen", lambda z: {"zaaktype": z}),
    ("eigenschappen", lambda z: {"zaaktype": z}),
    ("zaaktype-informatieobjecttypen", lambda z: {"zaaktype": z}),
    ("informatieobjecttypen", lambda z: {"omschrijving": "Besluit"}),
    ("besluittypen", lambda z: {"omschrijving": "Besluit parkeervergunning"}),
]


@pytest.fixture
def demo(catalogi_app, catalogi, kernel):
    offline = create_app(
        CatalogiSettings(database_url=catalogi_app.state.db.url, selectielijst_validation=False),
        kernel.model_copy(update={"demo_enabled": True}),
    )
    seed_demo(app=offline, base_url="http://testserver")
    offline.state.db.dispose()
    return catalogi.get("/zaaktypen?identificatie=DEMO-PARKEREN").json()["results"][0]["url"]


@pytest.mark.parametrize(("collection", "narrow"), [entry for entry in LISTS if entry[1]], ids=[c for c, n in LISTS if n])
def test_list_queries_do_not_grow_with_the_page(catalogi_app, catalogi, demo, collection, narrow):
    engine = catalogi_app.state.db.engine
    with QueryCounter(engine) as few:
        small = catalogi.get(f"/{collection}", params=narrow(demo)).json()
    with QueryCounter(engine) as many:
        large = catalogi.get(f"/{collection}").json()
    assert large["count"] > small["count"] >= 1
    assert many.count == few.count, f"{collection}: {few.count} statements for {small['count']}, {many.count} for {large['count']}"
