from sqlalchemy import Select, false, select

from services.catalogi.catalogus.models import Catalogus
from services.catalogi.common import geldig_op, parse_day, replace_links
from services.catalogi.resultaattype.models import ResultaatType
from services.catalogi.statustype.models import StatusType
from services.catalogi.subtype import (
    SubTypeService,
    base_query,
    ensure_same_zaaktype,
    filter_zaaktype,
    inherited_columns,
    resolve_many,
)
from services.catalogi.zaakobjecttype.models import ZaakObjectType, ZaakObjectTypeResultaatType, ZaakObjectTypeStatusType
from services.catalogi.zaakobjecttype.schemas import ZaakObjectTypeFilters, ZaakObjectTypeRequest
from shared.errors import ValidationProblem
from shared.resources import Context, local_uuid

# (request field, linked model, collection, link table, link column)
_LINKS = (
    ("statustypen", StatusType, "statustypen", ZaakObjectTypeStatusType, "statustype_id"),
    ("resultaattypen", ResultaatType, "resultaattypen", ZaakObjectTypeResultaatType, "resultaattype_id"),
)


class ZaakObjectTypeService(SubTypeService):
    model = ZaakObjectType
    collection = "zaakobjecttypen"
    plain_fields = ("ander_objecttype", "objecttype", "relatie_omschrijving")
    has_catalogus = True

    def list_query(self, ctx: Context, filters: ZaakObjectTypeFilters) -> Select:
        """The spec's filters; there is no `status` filter here, so concepts are listed too."""
        query = filter_zaaktype(ctx, base_query(ZaakObjectType), filters.zaaktype, filters.zaaktype_identificatie)
        if filters.ander_objecttype is not None:
            query = query.where(ZaakObjectType.ander_objecttype.is_(_parse_bool(filters.ander_objecttype, "anderObjecttype")))
        if filters.catalogus:
            catalogus_uuid = local_uuid(ctx, filters.catalogus, "catalogussen")
            query = query.where(false()) if catalogus_uuid is None else query.where(Catalogus.uuid == catalogus_uuid)
        geldigheid = inherited_columns(ZaakObjectType)
        begin = parse_day(filters.datum_begin_geldigheid, "datumBeginGeldigheid")
        if begin:
            query = query.where(geldigheid.begin_geldigheid == begin)
        einde = parse_day(filters.datum_einde_geldigheid, "datumEindeGeldigheid")
        if einde:
            query = query.where(geldigheid.einde_geldigheid == einde)
        day = parse_day(filters.datum_geldigheid, "datumGeldigheid")
        if day:
            query = query.where(geldig_op(geldigheid, day))
        if filters.objecttype:
            query = query.where(ZaakObjectType.objecttype == filters.objecttype)
        if filters.relatie_omschrijving:
            query = query.where(ZaakObjectType.relatie_omschrijving == filters.relatie_omschrijving)
        return query.order_by(ZaakObjectType.id.desc())

    def load_page(self, ctx: Context, objects: list[ZaakObjectType]) -> dict[str, dict[int, list[str]]]:
        ids = [z.id for z in objects]
        links: dict[str, dict[int, list[str]]] = {}
        for name, model, collection, table, column in _LINKS:
            links[name] = {i: [] for i in ids}
            for owner, linked_uuid in ctx.session.execute(
                select(table.zaakobjecttype_id, model.uuid)
                .join(model, model.id == getattr(table, column))
                .where(table.zaakobjecttype_id.in_(ids))
                .order_by(model.id)
            ):
                links[name][owner].append(ctx.url(collection, linked_uuid))
        return links

    def own_fields(self, ctx: Context, z: ZaakObjectType, links: dict[str, dict[int, list[str]]]) -> dict:
        return {
            "anderObjecttype": z.ander_objecttype,
            "objecttype": z.objecttype,
            "relatieOmschrijving": z.relatie_omschrijving,
            "resultaattypen": links["resultaattypen"][z.id],
            "statustypen": links["statustypen"][z.id],
        }

    def validate(
        self,
        ctx: Context,
        obj: ZaakObjectType,
        data: ZaakObjectTypeRequest,
        fields: set[str],
        *,
        creating: bool,
        moved: bool,
        partial: bool,
    ):
        """statustypen and resultaattypen belong to the same zaaktype (`zaaktype-mismatch`)."""
        new_links: dict[str, list[int]] = {}
        for name, model, collection, table, column in _LINKS:
            if name in fields:
                linked = resolve_many(ctx, getattr(data, name), model, collection, name)
                ensure_same_zaaktype(obj.zaaktype_id, [o.zaaktype_id for o in linked], name)
                new_links[name] = [o.id for o in linked]
            elif moved:
                stored = ctx.session.scalars(
                    select(model.zaaktype_id).join(table, getattr(table, column) == model.id).where(table.zaakobjecttype_id == obj.id)
                ).all()
                ensure_same_zaaktype(obj.zaaktype_id, stored, name)
        return new_links

    def write_relations(self, ctx: Context, obj: ZaakObjectType, new_links: dict[str, list[int]]) -> None:
        for name, _model, _collection, table, column in _LINKS:
            replace_links(ctx, table, "zaakobjecttype_id", obj.id, new_links.get(name), column)


def _parse_bool(value: str, name: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise ValidationProblem.field(name, "invalid", "Kies `true` of `false`.")
