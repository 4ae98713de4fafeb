from sqlalchemy import select

from services.catalogi.access import forced_delete
from services.catalogi.besluittype.models import BesluitType, BesluitTypeInformatieObjectType
from services.catalogi.common import geldigheid_dict, non_field
from services.catalogi.informatieobjecttype.models import InformatieObjectType
from services.catalogi.informatieobjecttype.schemas import InformatieObjectTypeRequest
from services.catalogi.versioned import VersionedTypeService, related_by_key
from services.catalogi.zaaktype.models import ZaakType
from services.catalogi.zaaktypeinformatieobjecttype.models import ZaakTypeInformatieObjectType
from shared.resources import Context

_PLAIN_FIELDS = (
    "omschrijving",
    "vertrouwelijkheidaanduiding",
    "informatieobjectcategorie",
    "trefwoord",
    "begin_geldigheid",
    "einde_geldigheid",
    "begin_object",
    "einde_object",
)

# What an omschrijvingGeneriek reads as when none was given (the gegevensgroep's empty form).
_EMPTY_GENERIEK = {
    "informatieobjecttypeOmschrijvingGeneriek": "",
    "definitieInformatieobjecttypeOmschrijvingGeneriek": "",
    "herkomstInformatieobjecttypeOmschrijvingGeneriek": "",
    "hierarchieInformatieobjecttypeOmschrijvingGeneriek": "",
    "opmerkingInformatieobjecttypeOmschrijvingGeneriek": None,
}


class InformatieObjectTypeService(VersionedTypeService[InformatieObjectTypeRequest]):
    model = InformatieObjectType
    collection = "informatieobjecttypen"
    resource = "informatieobjecttype"
    key_attr = "omschrijving"
    plain_fields = _PLAIN_FIELDS
    extra_fields = ("omschrijving_generiek",)

    def serialize(self, ctx: Context, objects: list[InformatieObjectType]) -> list[dict]:
        zaaktypen = related_by_key(
            ctx,
            objects,
            "omschrijving",
            ZaakType,
            ZaakTypeInformatieObjectType,
            "zaaktype_id",
            "informatieobjecttype_omschrijving",
            "zaaktypen",
        )
        besluittypen = related_by_key(
            ctx, objects, "omschrijving", BesluitType, BesluitTypeInformatieObjectType, "besluittype_id", "omschrijving", "besluittypen"
        )
        return [
            {
                "url": ctx.url(self.collection, o.uuid),
                "catalogus": ctx.url("catalogussen", o.catalogus.uuid),
                "omschrijving": o.omschrijving,
                "vertrouwelijkheidaanduiding": o.vertrouwelijkheidaanduiding,
                **geldigheid_dict(o),
                "concept": o.concept,
                "zaaktypen": zaaktypen[o.id],
                "besluittypen": besluittypen[o.id],
                "informatieobjectcategorie": o.informatieobjectcategorie,
                "trefwoord": list(o.trefwoord or []),
                "omschrijvingGeneriek": {**_EMPTY_GENERIEK, **(o.omschrijving_generiek or {})},
            }
            for o in objects
        ]

    def write(self, ctx: Context, obj: InformatieObjectType, data: InformatieObjectTypeRequest, fields: set[str], *, creating: bool):
        self.apply_fields(ctx, obj, data, fields)
        if "omschrijving_generiek" in fields:
            generiek = data.omschrijving_generiek
            obj.omschrijving_generiek = generiek.model_dump(by_alias=True) if generiek is not None else None
        return None

    def ensure_deletable(self, ctx: Context, obj: InformatieObjectType) -> None:
        """RI M2MConceptDestroyMixin (concept_related_fields besluittypen, zaaktypen): a type that
        published besluittypen or zaaktypen refer to is not deleted (`non-concept-relation`), unless
        `catalogi.geforceerd-verwijderen`."""
        if forced_delete(ctx):
            return
        checks = (
            (
                "besluittypen",
                BesluitType,
                BesluitTypeInformatieObjectType,
                BesluitTypeInformatieObjectType.besluittype_id,
                BesluitTypeInformatieObjectType.omschrijving,
            ),
            (
                "zaaktypen",
                ZaakType,
                ZaakTypeInformatieObjectType,
                ZaakTypeInformatieObjectType.zaaktype_id,
                ZaakTypeInformatieObjectType.informatieobjecttype_omschrijving,
            ),
        )
        for label, owner, link, owner_id, key_column in checks:
            published = ctx.session.scalar(
                select(owner.id)
                .join(link, owner_id == owner.id)
                .where(owner.catalogus_id == obj.catalogus_id, key_column == obj.omschrijving, owner.concept.is_(False))
                .limit(1)
            )
            if published is not None:
                raise non_field(
                    "non-concept-relation",
                    f"Een informatieobjecttype waarnaar gepubliceerde {label} verwijzen kan niet worden verwijderd.",
                )
