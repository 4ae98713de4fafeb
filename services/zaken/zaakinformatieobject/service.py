"""Zaakinformatieobjecten: a zaak's relation to an informatieobject of a Documenten API
(zrc-003, -004, -005), mirrored there as an ObjectInformatieObject."""

from sqlalchemy import select

from services.zaken.access import ensure_open_or_forced
from services.zaken.catalogi import catalogi
from services.zaken.common import ZaakChildService, zaak_weergave
from services.zaken.relations import INFORMATIEOBJECT, delete_mirrored, store_mirrored
from services.zaken.status.models import Status
from services.zaken.zaak.models import Zaak
from services.zaken.zaakinformatieobject.models import ZaakInformatieObject
from services.zaken.zaakinformatieobject.schemas import ZaakInformatieObjectRequest
from shared import utc
from shared.errors import ValidationProblem
from shared.remote import same_url
from shared.resources import Context, local_uuid

# RGBZ aard relatie: a zaak's informatieobjecten always "hoort bij" (zrc-003)
AARD_RELATIE = "hoort_bij"
AARD_RELATIE_WEERGAVE = {"hoort_bij": "Hoort bij, omgekeerd: kent", "legt_vast": "Legt vast, omgekeerd: kan vastgelegd zijn als"}


def ensure_not_archived(zaak: Zaak) -> None:
    """The spec on zaakinformatieobject_create: `zaak.archiefstatus` is `nog_te_archiveren`
    (`nonFieldErrors` `zaak-archiefstatus-invalid`, as Open Zaak)."""
    if zaak.archiefstatus != "nog_te_archiveren":
        raise ValidationProblem.field(
            "nonFieldErrors",
            "zaak-archiefstatus-invalid",
            "De huidige zaak archiefstatus staat dit request niet toe. Archiefstatus moet gelijk zijn aan 'nog_te_archiveren'.",
        )


class ZaakInformatieObjectService(ZaakChildService):
    model = ZaakInformatieObject
    collection = "zaakinformatieobjecten"
    resource = "zaakinformatieobject"
    # zrc: a notification on create only (the standard lists no other actie); every write is audited
    notify_actions = frozenset({"create"})
    ordering = (ZaakInformatieObject.id,)
    equal_filters = {"informatieobject": ZaakInformatieObject.informatieobject}

    def load_page(self, ctx: Context, objects: list) -> dict[int, str]:
        """status id -> Status URL, for the whole page in one query."""
        ids = {obj.status_id for obj in objects if obj.status_id}
        if not ids:
            return {}
        return {i: ctx.url("statussen", u) for i, u in ctx.session.execute(select(Status.id, Status.uuid).where(Status.id.in_(ids)))}

    def to_json(self, ctx: Context, obj: ZaakInformatieObject, page: dict[int, str]) -> dict:
        return {
            "informatieobject": obj.informatieobject,
            "zaak": ctx.url("zaken", obj.zaak.uuid),
            "aardRelatieWeergave": AARD_RELATIE_WEERGAVE.get(obj.aard_relatie, AARD_RELATIE_WEERGAVE[AARD_RELATIE]),
            "titel": obj.titel,
            "beschrijving": obj.beschrijving,
            "registratiedatum": utc.iso(obj.registratiedatum),
            "vernietigingsdatum": utc.iso(obj.vernietigingsdatum),
            "status": page.get(obj.status_id) if obj.status_id else None,
        }

    def weergave(self, obj: ZaakInformatieObject) -> str:
        return f"({zaak_weergave(obj.zaak)}) - {obj.informatieobject}"

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data: ZaakInformatieObjectRequest) -> ZaakInformatieObject:
        zaak = self.zaak_for_create(ctx, data.zaak)
        informatieobject = INFORMATIEOBJECT.fetch(catalogi(ctx), data.informatieobject)
        status_id = self.status_of_zaak(ctx, zaak, data.status)
        self.ensure_unique(ctx, zaak, data.informatieobject)
        ensure_not_archived(zaak)
        self.ensure_informatieobjecttype(ctx, zaak, informatieobject)
        ensure_open_or_forced(ctx.principal, zaak)
        obj = ZaakInformatieObject(
            zaak_id=zaak.id,
            zaak=zaak,
            informatieobject=data.informatieobject,
            aard_relatie=AARD_RELATIE,
            titel=data.titel,
            beschrijving=data.beschrijving,
            registratiedatum=utc.now(),
            vernietigingsdatum=utc.aware(data.vernietigingsdatum),
            status_id=status_id,
        )
        store_mirrored(ctx, INFORMATIEOBJECT, obj, data.informatieobject, zaak)
        self.record(ctx, obj, "create")
        return obj

    def update(self, ctx: Context, obj: ZaakInformatieObject, data: ZaakInformatieObjectRequest, partial: bool) -> ZaakInformatieObject:
        """zrc-004: only the relation's own data changes; `zaak` and `informatieobject` are fixed."""
        oud = self.serialize(ctx, [obj])[0]
        self.ensure_unchanged(ctx, obj, data, informatieobject=obj.informatieobject)
        fields = data.model_fields_set
        status_id = self.status_of_zaak(ctx, obj.zaak, data.status) if "status" in fields or not partial else obj.status_id
        ensure_open_or_forced(ctx.principal, obj.zaak)
        if "titel" in fields or not partial:
            obj.titel = data.titel or ""
        if "beschrijving" in fields or not partial:
            obj.beschrijving = data.beschrijving or ""
        if "vernietigingsdatum" in fields or not partial:
            obj.vernietigingsdatum = utc.aware(data.vernietigingsdatum)
        obj.status_id = status_id
        self.record(ctx, obj, "partial_update" if partial else "update", oud)
        return obj

    def delete(self, ctx: Context, obj: ZaakInformatieObject) -> None:
        """zrc-005: the mirror in the Documenten API goes with the relation."""
        ensure_open_or_forced(ctx.principal, obj.zaak)
        oud = self.serialize(ctx, [obj])[0]
        delete_mirrored(ctx, INFORMATIEOBJECT, obj, obj.informatieobject, obj.zaak)
        self.record(ctx, obj, "destroy", oud)

    # ------------------------------------------------------------ rules

    def ensure_unique(self, ctx: Context, zaak: Zaak, informatieobject: str) -> None:
        """zrc-003: an informatieobject is related to a zaak once (`nonFieldErrors` `unique`)."""
        existing = select(ZaakInformatieObject.id).where(
            ZaakInformatieObject.zaak_id == zaak.id, ZaakInformatieObject.informatieobject == informatieobject
        )
        if ctx.session.scalar(existing) is not None:
            raise ValidationProblem.field("nonFieldErrors", "unique", "De velden zaak, informatieobject moeten een unieke set zijn.")

    def ensure_informatieobjecttype(self, ctx: Context, zaak: Zaak, informatieobject: dict) -> None:
        """zrc-003: the informatieobject's informatieobjecttype is one of the zaaktype's
        informatieobjecttypen (`nonFieldErrors` `missing-zaaktype-informatieobjecttype-relation`)."""
        zaaktype = catalogi(ctx).fetch(zaak.zaaktype, "ZaakType", "zaak")
        if not any(same_url(informatieobject.get("informatieobjecttype"), url) for url in zaaktype.get("informatieobjecttypen") or []):
            raise ValidationProblem.field(
                "nonFieldErrors",
                "missing-zaaktype-informatieobjecttype-relation",
                "Het informatieobjecttype hoort niet bij het zaaktype van de zaak.",
            )

    def status_of_zaak(self, ctx: Context, zaak: Zaak, url: str | None) -> int | None:
        """`status` is a Status of the same zaak (`status` `no_match`/`does_not_exist`,
        `nonFieldErrors` `zaak-mismatch` for a status of another zaak)."""
        if not url:
            return None
        status_uuid = local_uuid(ctx, url, "statussen")
        if status_uuid is None:
            raise ValidationProblem.field("status", "no_match", "Ongeldige hyperlink - Geen URL match.")
        row = ctx.session.execute(select(Status.id, Status.zaak_id).where(Status.uuid == status_uuid)).first()
        if row is None:
            raise ValidationProblem.field("status", "does_not_exist", "Ongeldige hyperlink - Object bestaat niet.")
        if row.zaak_id != zaak.id:
            raise ValidationProblem.field(
                "nonFieldErrors", "zaak-mismatch", "De status hoort niet bij de zaak van dit zaakinformatieobject."
            )
        return row.id
