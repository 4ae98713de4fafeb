"""Zaakeigenschappen (nested under their zaak): the value of an eigenschap of the zaak's zaaktype
(zrc-018); only `waarde` changes after creation."""

from services.zaken.access import ensure_open_or_forced
from services.zaken.catalogi import catalogi
from services.zaken.common import ZaakNestedService, zaak_weergave
from services.zaken.zaak.models import Zaak
from services.zaken.zaakeigenschap.models import ZaakEigenschap
from services.zaken.zaakeigenschap.schemas import ZaakEigenschapRequest
from shared.errors import ValidationProblem
from shared.resources import Context, local_uuid


class ZaakEigenschapService(ZaakNestedService):
    model = ZaakEigenschap
    collection = "zaakeigenschappen"
    resource = "zaakeigenschap"

    def to_json(self, ctx: Context, obj: ZaakEigenschap, page) -> dict:
        return {
            "zaak": ctx.url("zaken", obj.zaak.uuid),
            "eigenschap": obj.eigenschap,
            "naam": obj.naam,
            "waarde": obj.waarde,
        }

    def weergave(self, obj: ZaakEigenschap) -> str:
        return f"({zaak_weergave(obj.zaak)}) - {obj.naam}: {obj.waarde}"

    def create(self, ctx: Context, data: ZaakEigenschapRequest) -> ZaakEigenschap:
        zaak = ctx.parent
        ensure_path_zaak(ctx, zaak, data.zaak)
        eigenschap = self.validate(ctx, zaak, data.eigenschap)
        ensure_open_or_forced(ctx.principal, zaak)
        obj = ZaakEigenschap(
            zaak_id=zaak.id, zaak=zaak, eigenschap=data.eigenschap, naam=str(eigenschap.get("naam") or "")[:20], waarde=data.waarde
        )
        return self.add(ctx, obj)

    def update(self, ctx: Context, obj: ZaakEigenschap, data: ZaakEigenschapRequest, partial: bool) -> ZaakEigenschap:
        """Only `waarde` may change (spec: "Alleen de `waarde` mag gewijzigd worden")."""
        return self.update_one_field(ctx, obj, data, partial, fixed="eigenschap", changeable="waarde")

    def validate(self, ctx: Context, zaak: Zaak, eigenschap: str) -> dict:
        """zrc-018: the eigenschap belongs to the zaak's zaaktype."""
        return catalogi(ctx).type_of_zaaktype(eigenschap, "Eigenschap", "eigenschap", zaak.zaaktype)


def ensure_path_zaak(ctx: Context, zaak: Zaak, url: str) -> None:
    """The `zaak` of a nested zaakeigenschap is the zaak of the path (`zaak` `no_match` for a URL that
    is no zaak of this API, `zaak-mismatch` for another zaak)."""
    object_uuid = local_uuid(ctx, url, "zaken")
    if object_uuid is None:
        raise ValidationProblem.field("zaak", "no_match", "Ongeldige hyperlink - Geen URL match.")
    if object_uuid != zaak.uuid:
        raise ValidationProblem.field("zaak", "zaak-mismatch", "De zaak moet de zaak uit het pad zijn.")
