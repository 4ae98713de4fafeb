"""Resultaten: one per zaak (zrc-007), of a resultaattype of the zaak's zaaktype (zrc-020)."""

from sqlalchemy import select

from services.zaken.access import ensure_open_or_forced
from services.zaken.catalogi import catalogi
from services.zaken.common import ZaakChildService
from services.zaken.resultaat.models import Resultaat
from services.zaken.resultaat.schemas import ResultaatRequest
from services.zaken.zaak.models import Zaak
from shared.errors import ValidationProblem
from shared.resources import Context


class ResultaatService(ZaakChildService):
    model = Resultaat
    collection = "resultaten"
    resource = "resultaat"
    equal_filters = {"resultaattype": Resultaat.resultaattype}

    def to_json(self, ctx: Context, obj: Resultaat, page) -> dict:
        return {
            "zaak": ctx.url("zaken", obj.zaak.uuid),
            "resultaattype": obj.resultaattype,
            "toelichting": obj.toelichting,
        }

    def create(self, ctx: Context, data: ResultaatRequest) -> Resultaat:
        zaak = self.zaak_for_create(ctx, data.zaak)
        self.validate(ctx, zaak, data.resultaattype)
        # one resultaat per zaak (also before the closed-zaak check, as the reference implementation)
        if ctx.session.scalar(select(Resultaat.id).where(Resultaat.zaak_id == zaak.id)) is not None:
            raise ValidationProblem.field("zaak", "unique", "Deze zaak heeft al een resultaat.")
        ensure_open_or_forced(ctx.principal, zaak)
        resultaat = Resultaat(zaak_id=zaak.id, zaak=zaak, resultaattype=data.resultaattype, toelichting=data.toelichting)
        return self.add(ctx, resultaat)

    def update(self, ctx: Context, resultaat: Resultaat, data: ResultaatRequest, partial: bool) -> Resultaat:
        return self.update_one_field(ctx, resultaat, data, partial, fixed="resultaattype", changeable="toelichting")

    def validate(self, ctx: Context, zaak: Zaak, resultaattype: str) -> dict:
        """zrc-020: the resultaattype belongs to the zaak's zaaktype."""
        data = catalogi(ctx).fetch(resultaattype, "ResultaatType", "resultaattype")
        # url/zaaktype/omschrijving (catalogi.SHAPES) fit a statustype too: require what only a resultaattype has
        if any(key not in data for key in ("resultaattypeomschrijving", "selectielijstklasse")):
            raise ValidationProblem.field(
                "resultaattype", "invalid-resource", f"De URL {resultaattype} verwijst niet naar een ResultaatType."
            )
        return catalogi(ctx).type_of_zaaktype(resultaattype, "ResultaatType", "resultaattype", zaak.zaaktype)
