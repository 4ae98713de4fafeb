from sqlalchemy import select

from services.catalogi.eigenschap.models import Eigenschap
from services.catalogi.eigenschap.schemas import EigenschapRequest
from services.catalogi.statustype.models import StatusType, StatusTypeEigenschap
from services.catalogi.subtype import SubTypeService, ensure_same_zaaktype, statustype_to_check
from shared.resources import Context


class EigenschapService(SubTypeService):
    model = Eigenschap
    collection = "eigenschappen"
    plain_fields = ("naam", "definitie", "specificatie", "toelichting")

    def load_page(self, ctx: Context, objects: list[Eigenschap]) -> dict:
        statustype_ids = {e.statustype_id for e in objects if e.statustype_id is not None}
        if not statustype_ids:
            return {}
        return dict(ctx.session.execute(select(StatusType.id, StatusType.uuid).where(StatusType.id.in_(statustype_ids))).all())

    def own_fields(self, ctx: Context, e: Eigenschap, statustype_uuids: dict) -> dict:
        spec = e.specificatie or {}
        statustype_uuid = statustype_uuids.get(e.statustype_id)
        return {
            "naam": e.naam,
            "definitie": e.definitie,
            "specificatie": {
                "groep": spec.get("groep", ""),
                "formaat": spec.get("formaat"),
                "lengte": spec.get("lengte"),
                "kardinaliteit": spec.get("kardinaliteit"),
                "waardenverzameling": list(spec.get("waardenverzameling") or []),
            },
            "toelichting": e.toelichting,
            "statustype": ctx.url("statustypen", statustype_uuid) if statustype_uuid else None,
        }

    def referenced_by(self, obj: Eigenschap):
        return [(select(StatusTypeEigenschap.statustype_id).where(StatusTypeEigenschap.eigenschap_id == obj.id), "statustypen")]

    def validate(
        self, ctx: Context, obj: Eigenschap, data: EigenschapRequest, fields: set[str], *, creating: bool, moved: bool, partial: bool
    ):
        statustype_zaaktype_id = statustype_to_check(ctx, obj, data, fields, moved=moved)
        if statustype_zaaktype_id is not None:
            ensure_same_zaaktype(obj.zaaktype_id, [statustype_zaaktype_id], "statustype")
        return None
