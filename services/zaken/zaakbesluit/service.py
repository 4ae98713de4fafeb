"""Zaakbesluiten (nested under their zaak): the Besluiten API keeps its relation from besluit to
zaak in sync through these endpoints; consumers do not call them themselves."""

from sqlalchemy import select

from services.zaken.access import ensure_open_or_forced
from services.zaken.catalogi import catalogi
from services.zaken.common import ZaakNestedService, zaak_weergave
from services.zaken.relations import BESLUIT
from services.zaken.zaak.models import Zaak
from services.zaken.zaakbesluit.models import ZaakBesluit
from services.zaken.zaakbesluit.schemas import ZaakBesluitRequest
from shared.errors import ValidationProblem
from shared.resources import Context


class ZaakBesluitService(ZaakNestedService):
    model = ZaakBesluit
    collection = "besluiten"
    resource = "zaakbesluit"
    # zrc: a notification on create only; create and destroy are audited
    notify_actions = frozenset({"create"})

    def to_json(self, ctx: Context, obj: ZaakBesluit, page) -> dict:
        return {"besluit": obj.besluit}

    def weergave(self, obj: ZaakBesluit) -> str:
        return f"({zaak_weergave(obj.zaak)}) - {obj.besluit}"

    def create(self, ctx: Context, data: ZaakBesluitRequest) -> ZaakBesluit:
        zaak = ctx.parent
        BESLUIT.fetch(catalogi(ctx), data.besluit)
        self.ensure_unique(ctx, zaak, data.besluit)
        ensure_open_or_forced(ctx.principal, zaak)
        obj = ZaakBesluit(zaak_id=zaak.id, zaak=zaak, besluit=data.besluit)
        return self.add(ctx, obj)

    def delete(self, ctx: Context, obj: ZaakBesluit) -> None:
        ensure_open_or_forced(ctx.principal, obj.zaak)
        self.destroy(ctx, obj)

    def ensure_unique(self, ctx: Context, zaak: Zaak, besluit: str) -> None:
        """A besluit is related to a zaak once (`nonFieldErrors` `unique`)."""
        existing = select(ZaakBesluit.id).where(ZaakBesluit.zaak_id == zaak.id, ZaakBesluit.besluit == besluit)
        if ctx.session.scalar(existing) is not None:
            raise ValidationProblem.field("nonFieldErrors", "unique", "De velden zaak, besluit moeten een unieke set zijn.")
