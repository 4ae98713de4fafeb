import uuid as uuid_module

from sqlalchemy import Select, exists, false, not_, or_, select
from sqlalchemy.orm import joinedload

from services.catalogi.catalogus.models import Catalogus
from services.catalogi.common import (
    forced_delete,
    forced_write,
    keys_from_input,
    local_uuid,
    non_field,
    resolve_local,
    versions_by_key,
)
from services.catalogi.informatieobjecttype.models import InformatieObjectType
from services.catalogi.statustype.models import StatusType
from services.catalogi.zaaktype.models import ZaakType
from services.catalogi.zaaktypeinformatieobjecttype.models import ZaakTypeInformatieObjectType
from services.catalogi.zaaktypeinformatieobjecttype.schemas import (
    ZaakTypeInformatieObjectTypeFilters,
    ZaakTypeInformatieObjectTypeRequest,
)
from shared.errors import ValidationProblem
from shared.resources import Context

ZIOT = ZaakTypeInformatieObjectType
_ALL_FIELDS = frozenset(ZaakTypeInformatieObjectTypeRequest.model_fields)


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


class ZaakTypeInformatieObjectTypeService:
    # ------------------------------------------------------------ reads

    def list_query(self, ctx: Context, filters: ZaakTypeInformatieObjectTypeFilters) -> Select:
        query = select(ZIOT).join(ZIOT.zaaktype)
        if filters.zaaktype:
            zaaktype_uuid = local_uuid(ctx, filters.zaaktype, "zaaktypen")
            query = query.where(false()) if zaaktype_uuid is None else query.where(ZaakType.uuid == zaaktype_uuid)
        if filters.informatieobjecttype:
            # any version's URL selects the relation, which holds for every version
            iot_uuid = local_uuid(ctx, filters.informatieobjecttype, "informatieobjecttypen")
            iotype = None
            if iot_uuid is not None:
                iotype = ctx.session.execute(
                    select(InformatieObjectType.catalogus_id, InformatieObjectType.omschrijving).where(InformatieObjectType.uuid == iot_uuid)
                ).first()
            if iotype is None:
                query = query.where(false())
            else:
                query = query.where(
                    ZaakType.catalogus_id == iotype.catalogus_id, ZIOT.informatieobjecttype_omschrijving == iotype.omschrijving
                )
        if filters.richting:
            query = query.where(ZIOT.richting == filters.richting)
        if filters.status in (None, "definitief"):
            query = query.where(ZaakType.concept.is_(False), _iotype_published())
        elif filters.status == "concept":
            query = query.where(or_(ZaakType.concept.is_(True), not_(_iotype_published())))
        return query.order_by(ZIOT.id.desc())

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params=None) -> ZaakTypeInformatieObjectType | None:
        return ctx.session.scalar(select(ZIOT).options(joinedload(ZIOT.zaaktype)).where(ZIOT.uuid == object_uuid))

    def serialize(self, ctx: Context, objects: list[ZaakTypeInformatieObjectType]) -> list[dict]:
        if not objects:
            return []
        zaaktypen = {
            row.id: row
            for row in ctx.session.execute(
                select(ZaakType.id, ZaakType.uuid, ZaakType.identificatie, ZaakType.catalogus_id, Catalogus.uuid.label("catalogus_uuid"))
                .join(Catalogus, Catalogus.id == ZaakType.catalogus_id)
                .where(ZaakType.id.in_({o.zaaktype_id for o in objects}))
            )
        }
        wanted = {(zaaktypen[o.zaaktype_id].catalogus_id, o.informatieobjecttype_omschrijving) for o in objects}
        iotypes = versions_by_key(ctx, InformatieObjectType, "omschrijving", wanted)
        statustype_ids = {o.statustype_id for o in objects if o.statustype_id is not None}
        statustypen = dict(ctx.session.execute(select(StatusType.id, StatusType.uuid).where(StatusType.id.in_(statustype_ids))).all()) if statustype_ids else {}
        out = []
        for o in objects:
            zt = zaaktypen[o.zaaktype_id]
            iotype = iotypes.get((zt.catalogus_id, o.informatieobjecttype_omschrijving))
            statustype_uuid = statustypen.get(o.statustype_id)
            out.append(
                {
                    "url": ctx.url("zaaktype-informatieobjecttypen", o.uuid),
                    "zaaktype": ctx.url("zaaktypen", zt.uuid),
                    "zaaktypeIdentificatie": zt.identificatie,
                    "catalogus": ctx.url("catalogussen", zt.catalogus_uuid),
                    # every version of it may have been deleted meanwhile
                    "informatieobjecttype": ctx.url("informatieobjecttypen", iotype.uuid) if iotype is not None else "",
                    "volgnummer": o.volgnummer,
                    "richting": o.richting,
                    "statustype": ctx.url("statustypen", statustype_uuid) if statustype_uuid is not None else None,
                }
            )
        return out

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data: ZaakTypeInformatieObjectTypeRequest) -> ZaakTypeInformatieObjectType:
        ziot = ZIOT()
        self._write(ctx, ziot, data, set(_ALL_FIELDS), creating=True)
        return ziot

    def update(self, ctx: Context, obj: ZaakTypeInformatieObjectType, data: ZaakTypeInformatieObjectTypeRequest, partial: bool) -> ZaakTypeInformatieObjectType:
        # ztc-010: the relation as it is may not be changed when both ends are published
        self._ensure_concept_relation(ctx, obj.zaaktype, obj.informatieobjecttype_omschrijving, deleting=False)
        fields = set(data.model_fields_set) if partial else set(_ALL_FIELDS)
        self._write(ctx, obj, data, fields, creating=False)
        return obj

    def delete(self, ctx: Context, obj: ZaakTypeInformatieObjectType) -> None:
        self._ensure_concept_relation(ctx, obj.zaaktype, obj.informatieobjecttype_omschrijving, deleting=True)
        ctx.session.delete(obj)
        ctx.session.flush()

    def _write(self, ctx: Context, obj: ZaakTypeInformatieObjectType, data: ZaakTypeInformatieObjectTypeRequest, fields: set[str], *, creating: bool) -> None:
        previous_zaaktype = None if creating else obj.zaaktype
        zaaktype: ZaakType = resolve_local(ctx, data.zaaktype, ZaakType, "zaaktypen", "zaaktype") if "zaaktype" in fields else obj.zaaktype
        zaaktype_changed = previous_zaaktype is None or previous_zaaktype.id != zaaktype.id

        if "informatieobjecttype" in fields:
            # ztc-013: an informatieobjecttype of the zaaktype's catalogus (`relations-incorrect-catalogus`)
            key = keys_from_input(
                ctx, InformatieObjectType, "informatieobjecttypen", "omschrijving", zaaktype.catalogus_id, [data.informatieobjecttype], "informatieobjecttype"
            )[0]
        else:
            key = obj.informatieobjecttype_omschrijving
            if previous_zaaktype is not None and previous_zaaktype.catalogus_id != zaaktype.catalogus_id:
                keys_from_input(ctx, InformatieObjectType, "informatieobjecttypen", "omschrijving", zaaktype.catalogus_id, [key], "informatieobjecttype")
        self._ensure_concept_relation(ctx, zaaktype, key, deleting=False)

        volgnummer = data.volgnummer if "volgnummer" in fields else obj.volgnummer
        if "volgnummer" in fields or zaaktype_changed:
            clash = select(ZIOT.id).where(ZIOT.zaaktype_id == zaaktype.id, ZIOT.volgnummer == volgnummer)
            if obj.id is not None:
                clash = clash.where(ZIOT.id != obj.id)
            if ctx.session.scalar(clash.limit(1)) is not None:
                raise non_field("unique", "De velden zaaktype, volgnummer moeten een unieke set zijn.")

        if "statustype" in fields:
            statustype_id = None
            if data.statustype is not None:
                statustype = resolve_local(ctx, data.statustype, StatusType, "statustypen", "statustype")
                statustype_id = statustype.id
                self._ensure_statustype_of(statustype.zaaktype_id, zaaktype)
            obj.statustype_id = statustype_id
        elif zaaktype_changed and obj.statustype_id is not None:
            self._ensure_statustype_of(ctx.session.scalar(select(StatusType.zaaktype_id).where(StatusType.id == obj.statustype_id)), zaaktype)

        obj.zaaktype = zaaktype
        obj.zaaktype_id = zaaktype.id
        obj.informatieobjecttype_omschrijving = key
        obj.volgnummer = volgnummer
        if "richting" in fields:
            obj.richting = data.richting
        if creating:
            ctx.session.add(obj)
        ctx.session.flush()

    @staticmethod
    def _ensure_statustype_of(statustype_zaaktype_id: int | None, zaaktype: ZaakType) -> None:
        if statustype_zaaktype_id != zaaktype.id:
            raise ValidationProblem.field("statustype", "invalid", "Het statustype hoort niet bij het zaaktype.")

    @staticmethod
    def _ensure_concept_relation(ctx: Context, zaaktype: ZaakType, key: str, *, deleting: bool) -> None:
        """ztc-010: a relation between a published zaaktype and a published informatieobjecttype
        (the version valid today) is not created, changed or deleted (`non-concept-relation`),
        except with `catalogi.geforceerd-schrijven` / `-verwijderen`."""
        if zaaktype.concept or (forced_delete(ctx) if deleting else forced_write(ctx)):
            return
        iotype = versions_by_key(ctx, InformatieObjectType, "omschrijving", {(zaaktype.catalogus_id, key)}).get((zaaktype.catalogus_id, key))
        if iotype is not None and not iotype.concept:
            raise non_field(
                "non-concept-relation",
                "Een relatie tussen een gepubliceerd zaaktype en een gepubliceerd informatieobjecttype kan niet worden aangemaakt, gewijzigd of verwijderd.",
            )
