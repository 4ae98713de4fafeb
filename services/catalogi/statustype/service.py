from sqlalchemy import Select, func, select

from services.catalogi.common import replace_links
from services.catalogi.eigenschap.models import Eigenschap
from services.catalogi.statustype.models import StatusType, StatusTypeEigenschap
from services.catalogi.statustype.schemas import StatusTypeFilters, StatusTypeRequest
from services.catalogi.subtype import SubTypeService, ensure_same_zaaktype, resolve_many
from services.catalogi.zaakobjecttype.models import ZaakObjectTypeStatusType
from services.catalogi.zaaktypeinformatieobjecttype.models import ZaakTypeInformatieObjectType
from shared.resources import Context


class StatusTypeService(SubTypeService):
    model = StatusType
    collection = "statustypen"
    plain_fields = (
        "omschrijving",
        "omschrijving_generiek",
        "statustekst",
        "volgnummer",
        "informeren",
        "doorlooptijd",
        "toelichting",
        "checklistitem_statustype",
    )
    unique_field = "volgnummer"

    # ------------------------------------------------------------ reads

    def list_query(self, ctx: Context, filters: StatusTypeFilters) -> Select:
        # clients read the statustypen of a zaaktype in volgnummer order
        return self.filtered(ctx, filters).order_by(StatusType.zaaktype_id, StatusType.volgnummer)

    def load_page(self, ctx: Context, objects: list[StatusType]) -> tuple[dict, dict]:
        ids = [s.id for s in objects]
        # isEindstatus: the highest volgnummer of the zaaktype, for the whole page in one query
        highest = dict(
            ctx.session.execute(
                select(StatusType.zaaktype_id, func.max(StatusType.volgnummer))
                .where(StatusType.zaaktype_id.in_({s.zaaktype_id for s in objects}))
                .group_by(StatusType.zaaktype_id)
            ).all()
        )
        eigenschappen: dict[int, list[str]] = {i: [] for i in ids}
        for statustype_id, eigenschap_uuid in ctx.session.execute(
            select(StatusTypeEigenschap.statustype_id, Eigenschap.uuid)
            .join(Eigenschap, Eigenschap.id == StatusTypeEigenschap.eigenschap_id)
            .where(StatusTypeEigenschap.statustype_id.in_(ids))
            .order_by(Eigenschap.id)
        ):
            eigenschappen[statustype_id].append(ctx.url("eigenschappen", eigenschap_uuid))
        return highest, eigenschappen

    def own_fields(self, ctx: Context, s: StatusType, page: tuple[dict, dict]) -> dict:
        highest, eigenschappen = page
        return {
            "omschrijving": s.omschrijving,
            "omschrijvingGeneriek": s.omschrijving_generiek,
            "statustekst": s.statustekst,
            "volgnummer": s.volgnummer,
            "isEindstatus": s.volgnummer == highest.get(s.zaaktype_id),
            "informeren": s.informeren,
            "doorlooptijd": s.doorlooptijd,
            "toelichting": s.toelichting,
            "checklistitemStatustype": [_checklist_item(item) for item in s.checklistitem_statustype or []],
            "eigenschappen": eigenschappen[s.id],
        }

    # ------------------------------------------------------------ rules

    def referenced_by(self, obj: StatusType):
        return [
            (select(Eigenschap.id).where(Eigenschap.statustype_id == obj.id), "eigenschappen"),
            (select(ZaakObjectTypeStatusType.zaakobjecttype_id).where(ZaakObjectTypeStatusType.statustype_id == obj.id), "zaakobjecttypen"),
            (
                select(ZaakTypeInformatieObjectType.id).where(ZaakTypeInformatieObjectType.statustype_id == obj.id),
                "zaaktype-informatieobjecttypen",
            ),
        ]

    def validate(
        self, ctx: Context, obj: StatusType, data: StatusTypeRequest, fields: set[str], *, creating: bool, moved: bool, partial: bool
    ):
        if "eigenschappen" in fields:
            eigenschappen = resolve_many(ctx, data.eigenschappen, Eigenschap, "eigenschappen", "eigenschappen")
            ensure_same_zaaktype(obj.zaaktype_id, [e.zaaktype_id for e in eigenschappen], "eigenschappen")
            return [e.id for e in eigenschappen]
        if moved:  # the stored eigenschappen must belong to the new zaaktype too
            stored = ctx.session.scalars(
                select(Eigenschap.zaaktype_id)
                .join(StatusTypeEigenschap, StatusTypeEigenschap.eigenschap_id == Eigenschap.id)
                .where(StatusTypeEigenschap.statustype_id == obj.id)
            ).all()
            ensure_same_zaaktype(obj.zaaktype_id, stored, "eigenschappen")
        return None

    def write_relations(self, ctx: Context, obj: StatusType, eigenschap_ids: list[int] | None) -> None:
        replace_links(ctx, StatusTypeEigenschap, "statustype_id", obj.id, eigenschap_ids, "eigenschap_id")


def _checklist_item(item: dict) -> dict:
    return {
        "itemnaam": item.get("itemnaam", ""),
        "toelichting": item.get("toelichting"),
        "vraagstelling": item.get("vraagstelling", ""),
        "verplicht": bool(item.get("verplicht", False)),
    }
