"""The projector's batches: a constant number of queries whatever the number of zaken in them
(no query per zaak; writes go as executemany batches), with the right derived facts."""

import datetime as dt

from sqlalchemy import select

from services.rapportage.zaak.facts import Change, StatusFacts, StatustypeFacts, ZaakFacts, ZaaktypeFacts
from services.rapportage.zaak.models import Status, Zaak
from tests.conftest import QueryCounter

ZTC = "http://catalogi.test/catalogi/api/v1"
ZRC = "http://zaken.test/zaken/api/v1"
ZAAKTYPE = ZaaktypeFacts.from_json(
    f"{ZTC}/zaaktypen/1",
    {"url": f"{ZTC}/zaaktypen/1", "identificatie": "ZT-1", "omschrijving": "Vergunning", "doorlooptijd": "P28D", "servicenorm": "P14D"},
)
# statustype 1 has a norm of one day; statustype 2 none
STATUSTYPEN = {
    v: StatustypeFacts.from_json(
        f"{ZTC}/statustypen/{v}",
        {"zaaktype": ZAAKTYPE.url, "volgnummer": v, "omschrijving": f"S{v}", "doorlooptijd": "P1D" if v == 1 else None},
    )
    for v in (1, 2)
}
START = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)


def zaak_facts(prefix: str, i: int, status: int) -> ZaakFacts:
    url = f"{ZRC}/zaken/{prefix}-{i}"
    return ZaakFacts.from_json(
        {"url": url, "zaaktype": ZAAKTYPE.url, "startdatum": "2026-03-02", "identificatie": f"{prefix}-{i}", "status": f"{url}/s{status}"}
    )


def status_facts(zaak: ZaakFacts, volgnummer: int, hours: int) -> StatusFacts:
    return StatusFacts(
        url=f"{zaak.url}/s{volgnummer}", statustype=STATUSTYPEN[volgnummer].url, datum_status_gezet=START + dt.timedelta(hours=hours)
    )


def second_status_batch(app, prefix: str, n: int) -> int:
    """Project n zaken with their first status, then (the counted batch) a second status on each,
    its change naming only the second statustype: the first one's norm comes from the database.
    Returns the statements of the counted batch that were not executemany batches."""
    intake = app.state.intake
    first = [zaak_facts(prefix, i, 1) for i in range(n)]
    with intake.database.session() as session:
        changes = [
            Change(
                z.url,
                zaak=z,
                statussen=[status_facts(z, 1, 0)],
                zaaktypen={ZAAKTYPE.url: ZAAKTYPE},
                statustypen={STATUSTYPEN[1].url: STATUSTYPEN[1]},
            )
            for z in first
        ]
        intake.projector.apply(session, changes)
        session.commit()
    # the first status lasted 30 hours (over its norm of 24) on even zaken, 2 on odd ones
    second = [zaak_facts(prefix, i, 2) for i in range(n)]
    changes = [
        Change(
            z.url, zaak=z, status_upserts=[status_facts(z, 2, 30 if i % 2 == 0 else 2)], statustypen={STATUSTYPEN[2].url: STATUSTYPEN[2]}
        )
        for i, z in enumerate(second)
    ]
    with intake.database.session() as session, QueryCounter(intake.database.engine) as counter:
        intake.projector.apply(session, changes)
        session.commit()
    return counter.single


def test_a_batch_costs_the_same_queries_for_2_or_8_zaken(rapportage):
    second_status_batch(rapportage.app, "eerst", 1)  # the zaaktype and statustypen are known from here on
    assert second_status_batch(rapportage.app, "twee", 2) == second_status_batch(rapportage.app, "acht", 8)


def test_the_norm_of_a_status_outside_the_batch_is_applied(rapportage):
    second_status_batch(rapportage.app, "norm", 4)
    with rapportage.app.state.db.session() as session:
        rows = session.execute(
            select(Zaak.identificatie, Status.duur_seconden, Status.boven_norm)
            .join(Status, Status.zaak_id == Zaak.id)
            .where(Status.url.like("%/s1"))
            .order_by(Zaak.identificatie)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("norm-0", 30 * 3600, True),
        ("norm-1", 2 * 3600, False),
        ("norm-2", 30 * 3600, True),
        ("norm-3", 2 * 3600, False),
    ]


def test_the_milestones_of_a_batch_cost_the_same_queries_for_2_or_8_new_zaken(rapportage):
    from services.rapportage.mijlpalen.service import after_apply

    intake = rapportage.app.state.intake
    zaaktypen = [
        ZaaktypeFacts.from_json(
            f"{ZTC}/zaaktypen/{i}", {"url": f"{ZTC}/zaaktypen/{i}", "identificatie": f"ZT-{i}", "omschrijving": f"Zaaktype {i}"}
        )
        for i in (1, 2)
    ]

    def new_zaken(prefix: str, n: int) -> int:
        """n new zaken of the two zaaktypen in turn; the statements of their milestones."""
        changes = []
        for i in range(n):
            zaaktype = zaaktypen[i % 2]
            url = f"{ZRC}/zaken/{prefix}-{i}"
            zaak = ZaakFacts.from_json({"url": url, "zaaktype": zaaktype.url, "startdatum": "2026-03-02", "identificatie": f"{prefix}-{i}"})
            changes.append(Change(url, zaak=zaak, statussen=[], zaaktypen={zaaktype.url: zaaktype}))
        with intake.database.session() as session:
            applied = intake.projector.apply(session, changes)
            with QueryCounter(intake.database.engine) as counter:
                after_apply(session, applied, intake.settings)
            session.commit()
        return counter.single

    new_zaken("eerst", 3)  # the first zaak of each zaaktype, and the 3rd zaak (RAPPORTAGE_MIJLPALEN_AANTALLEN of the tests)
    assert new_zaken("twee", 2) == new_zaken("acht", 8)
