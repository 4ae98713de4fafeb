"""Klantcontacten (deprecated in the standard, still served): a contact with the klant about a
zaak, created and read only."""

import datetime as dt
import secrets
import string

from sqlalchemy import select

from services.zaken.access import ensure_open_or_forced
from services.zaken.common import ZaakChildService, zaak_weergave
from services.zaken.klantcontact.models import KlantContact
from services.zaken.klantcontact.schemas import KlantContactRequest
from shared import utc
from shared.errors import ValidationProblem
from shared.resources import Context

_ALPHABET = string.ascii_letters + string.digits


class KlantContactService(ZaakChildService):
    model = KlantContact
    collection = "klantcontacten"
    resource = "klantcontact"
    notify_actions = frozenset({"create"})

    def to_json(self, ctx: Context, obj: KlantContact, page) -> dict:
        return {
            "zaak": ctx.url("zaken", obj.zaak.uuid),
            "identificatie": obj.identificatie,
            "datumtijd": utc.iso(obj.datumtijd),
            "kanaal": obj.kanaal,
            "onderwerp": obj.onderwerp,
            "toelichting": obj.toelichting,
        }

    def weergave(self, obj: KlantContact) -> str:
        return f"({zaak_weergave(obj.zaak)}) - {obj.identificatie}"

    def create(self, ctx: Context, data: KlantContactRequest) -> KlantContact:
        zaak = self.zaak_for_create(ctx, data.zaak)
        datumtijd = utc.aware(data.datumtijd)
        ensure_not_in_future(datumtijd)
        identificatie = data.identificatie or self.new_identificatie(ctx)
        if data.identificatie:
            self.ensure_unique(ctx, identificatie)
        ensure_open_or_forced(ctx.principal, zaak)
        obj = KlantContact(
            zaak_id=zaak.id,
            zaak=zaak,
            identificatie=identificatie,
            datumtijd=datumtijd,
            kanaal=data.kanaal,
            onderwerp=data.onderwerp,
            toelichting=data.toelichting,
        )
        return self.add(ctx, obj)

    def ensure_unique(self, ctx: Context, identificatie: str) -> None:
        """The identificatie of a klantcontact is unique (`identificatie` `unique`)."""
        if ctx.session.scalar(select(KlantContact.id).where(KlantContact.identificatie == identificatie)) is not None:
            raise ValidationProblem.field("identificatie", "unique", "Er bestaat al een klantcontact met deze identificatie.")

    def new_identificatie(self, ctx: Context) -> str:
        """Without an identificatie one is generated: 12 random letters and digits, unique (as
        the reference implementation)."""
        while True:
            candidate = "".join(secrets.choice(_ALPHABET) for _ in range(12))
            if ctx.session.scalar(select(KlantContact.id).where(KlantContact.identificatie == candidate)) is None:
                return candidate


def ensure_not_in_future(datumtijd: dt.datetime) -> None:
    """A klantcontact lies not in the future (`datumtijd` `date-in-future`)."""
    if datumtijd > utc.now():
        raise ValidationProblem.field("datumtijd", "date-in-future", "Deze datum mag niet in de toekomst zijn.")
