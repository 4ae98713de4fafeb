"""The demo catalogus loads through the API, is complete and published, and loads only once."""

from services.catalogi.app import create_app
from services.catalogi.demo import seed_demo
from services.catalogi.settings import CatalogiSettings


def test_demo_seed_is_complete_and_idempotent(catalogi_app, catalogi, kernel):
    # the demo refers to the public selectielijst, so it loads as `make run` does: offline
    offline = create_app(
        CatalogiSettings(database_url=catalogi_app.state.db.url, selectielijst_validation=False),
        kernel.model_copy(update={"demo_enabled": True}),
    )
    assert "created" in seed_demo(app=offline, base_url="http://testserver")
    assert seed_demo(app=offline, base_url="http://testserver") == "demo catalogus: already present"
    offline.state.db.dispose()

    zaaktypen = catalogi.get("/zaaktypen").json()["results"]
    assert {z["identificatie"] for z in zaaktypen} == {"DEMO-PARKEREN", "DEMO-MOR", "DEMO-KLACHT"}
    for zaaktype in zaaktypen:
        assert zaaktype["concept"] is False
        assert len(zaaktype["statustypen"]) == 3 and zaaktype["roltypen"] and zaaktype["resultaattypen"]
        assert zaaktype["informatieobjecttypen"]
    statustypen = catalogi.get("/statustypen", params={"zaaktype": zaaktypen[0]["url"]}).json()["results"]
    assert [s["isEindstatus"] for s in sorted(statustypen, key=lambda s: s["volgnummer"])] == [False, False, True]
    assert catalogi.get("/catalogussen?domein=DEMO").json()["count"] == 1
