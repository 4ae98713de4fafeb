"""zrc-002: a zaak's generated identificatie, `ZAAK-<year>-<10 digits>`, numbered per year
(shared.identificatie)."""

import datetime as dt

from services.zaken.zaak.models import IdentificatieTeller, Zaak
from shared.identificatie import Numbering
from shared.resources import Context

NUMBERING = Numbering("ZAAK", IdentificatieTeller, Zaak.identificatie)


def format_identificatie(year: int, number: int) -> str:
    """zrc-002: `ZAAK-<year>-<10 digits>`, as the reference implementation."""
    return NUMBERING.format(year, number)


def generate_identificatie(ctx: Context, registratiedatum: dt.date) -> str:
    """zrc-002: `ZAAK-<year of registratiedatum>-<10 digits>` (Numbering.generate says how it
    stays unique under concurrent creates)."""
    return NUMBERING.generate(ctx, registratiedatum)
