from sqlalchemy import Select

from services.catalogi.roltype.models import RolType
from services.catalogi.roltype.schemas import RolTypeFilters
from services.catalogi.subtype import SubTypeService
from shared.resources import Context


class RolTypeService(SubTypeService):
    model = RolType
    collection = "roltypen"
    plain_fields = ("omschrijving", "omschrijving_generiek")
    has_catalogus = True

    def list_query(self, ctx: Context, filters: RolTypeFilters) -> Select:
        query = self.filtered(ctx, filters)
        if filters.omschrijving_generiek:
            query = query.where(RolType.omschrijving_generiek == filters.omschrijving_generiek)
        return query.order_by(RolType.id.desc())

    def own_fields(self, ctx: Context, r: RolType, page) -> dict:
        return {"omschrijving": r.omschrijving, "omschrijvingGeneriek": r.omschrijving_generiek}
