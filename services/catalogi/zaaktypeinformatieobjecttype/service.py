from sqlalchemy import Select, exists, false, not_, or_, select

from services.catalogi.access import forced_delete, forced_write
from services.catalogi.common import keys_from_input, non_field, versions_by_key
from services.catalogi.informatieobjecttype.models import InformatieObjectType
from services.catalogi.statustype.models import StatusType
from services.catalogi.subtype import SubTypeService, base_query, filter_zaaktype, statustype_to_check
from services.catalogi.zaaktype.models import ZaakType
from services.catalogi.zaaktypeinformatieobjecttype.models import ZaakTypeInformatieObjectType
from services.catalogi.zaaktypeinformatieobjecttype.schemas import (
    ZaakTypeInformatieObjectTypeFilters,
    ZaakTypeInformatieObjectTypeRequest,
)
from shared.errors import ValidationProblem
from shared.resources import Context, local_uuid

ZIOT = ZaakTypeInformatieObjectType


def _iotype_published():
    """SQL: the related informatieobjecttype (by omschrijving, in the zaaktype's catalogus) has a
    published version."""
    return exists(
        select(InformatieObjectType.id).where(
            InformatieObjectType.catalogus_id == ZaakType.catalogus_id,
            InformatieObjectType.omschrijving == ZIOT.informatieobjecttype_omschrijving,
            InformatieObjectType.concept.is_(False),
        )
    )


class ZaakTypeInformatieObjectTypeService(SubTypeService):
    """zaaktype -> informatieobjecttype, by the informatieobjecttype's omschrijving (so for every
    version of it). It has no geldigheid of its own, and ztc-010 concerns both ends."""

    model = ZIOT
    collection = "zaaktype-informatieobjecttypen"
    plain_fields = ("volgnummer", "richting")
    put_fields = ("informatieobjecttype", "statustype")
    geldigheid = ()
    unique_field = "volgnummer"

    # ------------------------------------------------------------ reads

    def list_query(self, ctx: Context, filters: ZaakTypeInformatieObjectTypeFilters) -> Select:
        query = filter_zaaktype(ctx, base_query(ZIOT), filters.zaaktype)
        if filters.informatieobjecttype:
            # any version's URL selects the relation, which holds for every version
            iot_uuid = local_uuid(ctx, filters.informatieobjecttype, "informatieobjecttypen")
            iotype = None
            if iot_uuid is not None:
                iotype = ctx.session.execute(
                    select(InformatieObjectType.catalogus_id, InformatieObjectType.omschrijving).where(
                        InformatieObjectType.uuid == iot_uuid
                    )
                ).first()
            if iotype is None:
                query = query.where(false())
            else:
                query = query.where(
                    ZaakType.catalogus_id == iotype.catalogus_id, ZIOT.informatieobjecttype_omschrijving == iotype.omschrijving
                )
        if filters.richting:
            query = query.where(ZIOT.richting == filters.richting)
        # status: of the relation, i.e. of both ends
        if filters.status in (None, "definitief"):
            query = query.where(ZaakType.concept.is_(False), _iotype_published())
        elif filters.status == "concept":
            query = query.where(or_(ZaakType.concept.is_(True), not_(_iotype_published())))
        return query.order_by(ZIOT.id.desc())

    def load_page(self, ctx: Context, objects: list[ZIOT]) -> tuple[dict, dict]:
        wanted = {(o.zaaktype.catalogus_id, o.informatieobjecttype_omschrijving) for o in objects}
        iotypes = versions_by_key(ctx, InformatieObjectType, "omschrijving", wanted)
        statustype_ids = {o.statustype_id for o in objects if o.statustype_id is not None}
        statustypen = (
            dict(ctx.session.execute(select(StatusType.id, StatusType.uuid).where(StatusType.id.in_(statustype_ids))).all())
            if statustype_ids
            else {}
        )
        return iotypes, statustypen

    def own_fields(self, ctx: Context, o: ZIOT, page: tuple[dict, dict]) -> dict:
        iotypes, statustypen = page
        iotype = iotypes.get((o.zaaktype.catalogus_id, o.informatieobjecttype_omschrijving))
        statustype_uuid = statustypen.get(o.statustype_id)
        return {
            # every version of it may have been deleted meanwhile
            "informatieobjecttype": ctx.url("informatieobjecttypen", iotype.uuid) if iotype is not None else "",
            "volgnummer": o.volgnummer,
            "richting": o.richting,
            "statustype": ctx.url("statustypen", statustype_uuid) if statustype_uuid is not None else None,
        }

    # ------------------------------------------------------------ rules

    def ensure_concept(self, ctx: Context, obj: ZIOT, *, deleting: bool = False) -> None:
        """ztc-010: the relation as it is may not be changed or deleted when both ends are published."""
        self._ensure_concept_relation(ctx, obj.zaaktype, obj.informatieobjecttype_omschrijving, deleting=deleting)

    def ensure_concept_target(
        self,
        ctx: Context,
        obj: ZIOT,
        data: ZaakTypeInformatieObjectTypeRequest,
        fields: set[str],
        zaaktype: ZaakType,
        *,
        creating: bool,
        moved: bool,
    ) -> None:
        """The informatieobjecttype (ztc-013: of the zaaktype's catalogus), then ztc-010: the new
        relation may not join a published zaaktype and a published informatieobjecttype."""
        if "informatieobjecttype" in fields:
            value = data.informatieobjecttype
        elif moved and obj.zaaktype.catalogus_id != zaaktype.catalogus_id:  # ztc-013 in the new catalogus
            value = obj.informatieobjecttype_omschrijving
        else:
            value = None
        if value is not None:
            obj.informatieobjecttype_omschrijving = keys_from_input(
                ctx, InformatieObjectType, "informatieobjecttypen", "omschrijving", zaaktype.catalogus_id, [value], "informatieobjecttype"
            )[0]
        self._ensure_concept_relation(ctx, zaaktype, obj.informatieobjecttype_omschrijving, deleting=False)

    def validate(
        self,
        ctx: Context,
        obj: ZIOT,
        data: ZaakTypeInformatieObjectTypeRequest,
        fields: set[str],
        *,
        creating: bool,
        moved: bool,
        partial: bool,
    ):
        statustype_zaaktype_id = statustype_to_check(ctx, obj, data, fields, moved=moved)
        if statustype_zaaktype_id is not None and statustype_zaaktype_id != obj.zaaktype_id:
            raise ValidationProblem.field("statustype", "invalid", "Het statustype hoort niet bij het zaaktype.")
        return None

    @staticmethod
    def _ensure_concept_relation(ctx: Context, zaaktype: ZaakType, key: str, *, deleting: bool) -> None:
        """ztc-010: a relation between a published zaaktype and a published informatieobjecttype
        (the version valid today) is not created, changed or deleted (`non-concept-relation`),
        except with `catalogi.geforceerd-schrijven` / `-verwijderen`."""
        if zaaktype.concept or (forced_delete(ctx) if deleting else forced_write(ctx)):
            return
        iotype = versions_by_key(ctx, InformatieObjectType, "omschrijving", {(zaaktype.catalogus_id, key)}).get(
            (zaaktype.catalogus_id, key)
        )
        if iotype is not None and not iotype.concept:
            raise non_field(
                "non-concept-relation",
                "Een relatie tussen een gepubliceerd zaaktype en een gepubliceerd informatieobjecttype kan niet worden aangemaakt, gewijzigd of verwijderd.",
            )
