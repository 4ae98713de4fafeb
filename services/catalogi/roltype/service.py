from sqlalchemy import Select

from services.catalogi.common import geldigheid_dict
from services.catalogi.roltype.models import RolType
from services.catalogi.roltype.schemas import RolTypeFilters
from services.catalogi.statustype.subtype import SubTypeService, base_query, filter_common
from shared.resources import Context


class RolTypeService(SubTypeService):
    model = RolType
    collection = "roltypen"
    plain_fields = ("omschrijving", "omschrijving_generiek")
    has_catalogus = True

    def list_query(self, ctx: Context, filters: RolTypeFilters) -> Select:
        query = filter_common(ctx, base_query(RolType), RolType, filters)
        if filters.omschrijving_generiek:
            query = query.where(RolType.omschrijving_generiek == filters.omschrijving_generiek)
        return query.order_by(RolType.id.desc())

    def serialize(self, ctx: Context, objects: list[RolType]) -> list[dict]:
        out = []
        for r in objects:
            common = self.common(ctx, r)
            out.append(
                {
                    "url": common["url"],
                    "zaaktype": common["zaaktype"],
                    "zaaktypeIdentificatie": common["zaaktypeIdentificatie"],
                    "omschrijving": r.omschrijving,
                    "omschrijvingGeneriek": r.omschrijving_generiek,
                    "catalogus": common["catalogus"],
                    **geldigheid_dict(r),
                }
            )
        return out
