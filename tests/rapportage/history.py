"""The hand-built event history of the exact-number tests (see test_history.py for the numbers).

    ZT-A  doorlooptijd P10D, servicenorm P5D; Ontvangen (P1D, informeren), In behandeling (P3D),
          Afgehandeld (informeren)
    Z1    start 03-02, team OE-1 (and a medewerker behandelaar and a burger as initiator);
          Ontvangen 03-02 09:00, In behandeling 03-03 09:00, opgeschort 03-04 .. 03-06,
          resultaat, Afgehandeld 03-09 09:00: bruto 7, netto 5 days, on time
    Z2    start 03-05, team OE-2; Ontvangen 03-05, Afgehandeld 03-10, reopened In behandeling
          03-12, Afgehandeld 03-20: bruto 15, late
    Z3    start 03-10, team medewerker M-7; Ontvangen 03-10; open, past its deadline 03-20
    Z4    start 03-11, Ontvangen 03-11, deleted 03-12
All times UTC (09:00Z is 10:00 in Amsterdam), year 2026."""

from dataclasses import dataclass, field

from tests.rapportage.fake_zgw import FakeZgw
from tests.rapportage.helpers import stepper


@dataclass
class History:
    fake: FakeZgw
    zaken: dict = field(default_factory=dict)
    statussen: dict = field(default_factory=dict)
    zaaktype: object = None


def build(fake: FakeZgw, deliver=None) -> History:
    """Make the history in the fake; `deliver(messages)` is called after each step with the
    messages that step produced (live intake), or never (delivery later)."""
    h = History(fake)
    step = stepper(fake, deliver)

    zt = fake.zaaktype()
    h.zaaktype = zt
    ontvangen, behandeling, afgehandeld = zt.statustypen

    z1 = fake.create_zaak(zt, "2026-03-02", "2026-03-02T08:00:00Z", "Z1")
    step()
    fake.add_rol(z1, "natuurlijk_persoon", "initiator", "999993653", "Jansen", at="2026-03-02T08:01:00Z")
    fake.add_rol(z1, "medewerker", "behandelaar", "M-1", "Pietersen", at="2026-03-02T08:02:00Z")
    fake.add_rol(z1, "organisatorische_eenheid", "behandelaar", "OE-1", "Team Vergunningen", at="2026-03-02T08:03:00Z")
    step()
    h.statussen["z1-ontvangen"] = fake.set_status(z1, ontvangen, "2026-03-02T09:00:00Z", zt)
    step()
    fake.set_status(z1, behandeling, "2026-03-03T09:00:00Z", zt)
    step()
    fake.opschorten(z1, "2026-03-04T10:00:00Z", True)
    step()
    fake.opschorten(z1, "2026-03-06T10:00:00Z", False)
    step()

    z2 = fake.create_zaak(zt, "2026-03-05", "2026-03-05T08:00:00Z", "Z2")
    fake.add_rol(z2, "organisatorische_eenheid", "behandelaar", "OE-2", "Team Handhaving", at="2026-03-05T08:01:00Z")
    step()
    fake.set_status(z2, ontvangen, "2026-03-05T09:00:00Z", zt)
    step()

    fake.set_resultaat(z1, zt, "2026-03-09T08:00:00Z")
    fake.set_status(z1, afgehandeld, "2026-03-09T09:00:00Z", zt)
    step()

    fake.set_resultaat(z2, zt, "2026-03-10T08:00:00Z")
    fake.set_status(z2, afgehandeld, "2026-03-10T09:00:00Z", zt)
    step()

    z3 = fake.create_zaak(zt, "2026-03-10", "2026-03-10T08:00:00Z", "Z3")
    fake.add_rol(z3, "medewerker", "behandelaar", "M-7", "Pietersen", at="2026-03-10T08:01:00Z")
    fake.add_rol(z3, "natuurlijk_persoon", "initiator", "999993653", "Jansen", at="2026-03-10T08:02:00Z")
    fake.set_status(z3, ontvangen, "2026-03-10T09:00:00Z", zt)
    step()

    z4 = fake.create_zaak(zt, "2026-03-11", "2026-03-11T08:00:00Z", "Z4")
    fake.add_rol(z4, "organisatorische_eenheid", "behandelaar", "OE-1", "Team Vergunningen", at="2026-03-11T08:01:00Z")
    fake.set_status(z4, ontvangen, "2026-03-11T09:00:00Z", zt)
    step()

    fake.set_status(z2, behandeling, "2026-03-12T09:00:00Z", zt)  # reopens Z2
    step()
    fake.delete_zaak(z4, "2026-03-12T10:00:00Z")
    step()
    fake.set_status(z2, afgehandeld, "2026-03-20T09:00:00Z", zt)
    step()
    h.zaken = {"Z1": z1, "Z2": z2, "Z3": z3, "Z4": z4}
    return h
