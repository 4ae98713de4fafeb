from sqlalchemy import Select, select

from services.catalogi.common import geldigheid_dict, resolve_local
from services.catalogi.eigenschap.models import Eigenschap
from services.catalogi.eigenschap.schemas import EigenschapFilters, EigenschapRequest
from services.catalogi.statustype.models import StatusType, StatusTypeEigenschap
from services.catalogi.statustype.subtype import SubTypeService, base_query, ensure_same_zaaktype, filter_common
from shared.resources import Context


class EigenschapService(SubTypeService):
    model = Eigenschap
    collection = "eigenschappen"
    plain_fields = ("naam", "definitie", "specificatie", "toelichting")

    def list_query(self, ctx: Context, filters: EigenschapFilters) -> Select:
        query = filter_common(ctx, base_query(Eigenschap), Eigenschap, filters)
        return query.order_by(Eigenschap.id.desc())

    def serialize(self, ctx: Context, objects: list[Eigenschap]) -> list[dict]:
        statustype_ids = {e.statustype_id for e in objects if e.statustype_id is not None}
        statustype_uuids = (
            dict(ctx.session.execute(select(StatusType.id, StatusType.uuid).where(StatusType.id.in_(statustype_ids))).all())
            if statustype_ids
            else {}
        )
        out = []
        for e in objects:
            common = self.common(ctx, e)
            spec = e.specificatie or {}
            statustype_uuid = statustype_uuids.get(e.statustype_id)
            out.append(
                {
                    "url": common["url"],
                    "naam": e.naam,
                    "catalogus": common["catalogus"],
                    "definitie": e.definitie,
                    "specificatie": {
                        "groep": spec.get("groep", ""),
                        "formaat": spec.get("formaat"),
                        "lengte": spec.get("lengte"),
                        "kardinaliteit": spec.get("kardinaliteit"),
                        "waardenverzameling": list(spec.get("waardenverzameling") or []),
                    },
                    "toelichting": e.toelichting,
                    "zaaktype": common["zaaktype"],
                    "zaaktypeIdentificatie": common["zaaktypeIdentificatie"],
                    "statustype": ctx.url("statustypen", statustype_uuid) if statustype_uuid else None,
                    **geldigheid_dict(e),
                }
            )
        return out

    def referenced_by(self, obj: Eigenschap):
        return [(select(StatusTypeEigenschap.statustype_id).where(StatusTypeEigenschap.eigenschap_id == obj.id), "statustypen")]

    def validate(self, ctx: Context, obj: Eigenschap, data: EigenschapRequest, fields: set[str], *, creating: bool, moved: bool):
        if "statustype" in fields:
            statustype = None
            if data.statustype is not None:
                statustype = resolve_local(ctx, data.statustype, StatusType, "statustypen", "statustype")
            obj.statustype_id = statustype.id if statustype else None
            if statustype is not None:
                ensure_same_zaaktype(obj.zaaktype_id, [statustype.zaaktype_id], "statustype")
        elif moved and obj.statustype_id is not None:
            stored = ctx.session.scalar(select(StatusType.zaaktype_id).where(StatusType.id == obj.statustype_id))
            ensure_same_zaaktype(obj.zaaktype_id, [stored], "statustype")
        return None
