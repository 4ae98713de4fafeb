"""ZaakObjecten: an OBJECT (by URL and/or by objectIdentificatie, polymorphic on objectType) related
to a zaak, optionally of a zaakobjecttype of the zaak's zaaktype."""

from services.zaken.access import ensure_open_or_forced
from services.zaken.betrokkenen import validate_shape
from services.zaken.catalogi import catalogi
from services.zaken.common import ZaakChildService
from services.zaken.zaak.models import Zaak
from services.zaken.zaakobject.models import ZaakObject
from services.zaken.zaakobject.schemas import OBJECT_SHAPES, ZaakObjectRequest
from shared.errors import ValidationProblem
from shared.resources import Context


class ZaakObjectService(ZaakChildService):
    model = ZaakObject
    collection = "zaakobjecten"
    resource = "zaakobject"
    equal_filters = {"object": ZaakObject.object, "objectType": ZaakObject.object_type}

    # ------------------------------------------------------------ reads

    def to_json(self, ctx: Context, obj: ZaakObject, page) -> dict:
        body = {
            "zaak": ctx.url("zaken", obj.zaak.uuid),
            "object": obj.object,
            "zaakobjecttype": obj.zaakobjecttype,
            "objectType": obj.object_type,
            "objectTypeOverige": obj.object_type_overige,
            "objectTypeOverigeDefinitie": obj.object_type_overige_definitie,
            "relatieomschrijving": obj.relatieomschrijving,
        }
        if OBJECT_SHAPES.get(obj.object_type) is not None:  # besluit, enkelvoudig_document, status have none
            body["objectIdentificatie"] = obj.object_identificatie
        return body

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data: ZaakObjectRequest) -> ZaakObject:
        zaak = self.zaak_for_create(ctx, data.zaak)
        identificatie = self.validate_identificatie(data.objectType, data.objectIdentificatie)
        if data.objectTypeOverigeDefinitie is not None:
            self.ensure_definitie_with_object(data.object)
            identificatie = None  # the object URL is the object; its definitie says how to read it
        if data.zaakobjecttype:
            self.validate_zaakobjecttype(ctx, zaak, data.zaakobjecttype)
        self.ensure_object_given(data.object, identificatie)
        self.ensure_object_type_overige(data.objectType, data.objectTypeOverige, data.objectTypeOverigeDefinitie is not None)
        ensure_open_or_forced(ctx.principal, zaak)  # zrc-007, after validation (400 before 403)
        zaakobject = ZaakObject(
            zaak_id=zaak.id,
            zaak=zaak,
            object=data.object or "",
            zaakobjecttype=data.zaakobjecttype or "",
            object_type=data.objectType,
            object_type_overige=data.objectTypeOverige or "",
            object_type_overige_definitie=_definitie(data),
            relatieomschrijving=data.relatieomschrijving or "",
            object_identificatie=identificatie,
        )
        return self.add(ctx, zaakobject)

    def update(self, ctx: Context, zaakobject: ZaakObject, data, partial: bool) -> ZaakObject:
        """PUT and PATCH change what is sent; zaak, object and objectType stay as they are."""
        oud = self.serialize(ctx, [zaakobject])[0]
        fields = data.model_fields_set
        self.ensure_unchanged(ctx, zaakobject, data, object=zaakobject.object, objectType=zaakobject.object_type)
        identificatie = zaakobject.object_identificatie
        if "objectIdentificatie" in fields and data.objectIdentificatie is not None:
            identificatie = self.validate_identificatie(zaakobject.object_type, data.objectIdentificatie)
        definitie_given = "objectTypeOverigeDefinitie" in fields
        definitie = _definitie(data) if definitie_given else zaakobject.object_type_overige_definitie
        if definitie_given and definitie is not None:
            self.ensure_definitie_with_object(zaakobject.object)
            identificatie = None
        if "zaakobjecttype" in fields and data.zaakobjecttype:
            self.validate_zaakobjecttype(ctx, zaakobject.zaak, data.zaakobjecttype)
        overige = data.objectTypeOverige if "objectTypeOverige" in fields else zaakobject.object_type_overige
        if {"objectTypeOverige", "objectTypeOverigeDefinitie"} & fields:
            self.ensure_object_type_overige(zaakobject.object_type, overige or "", definitie is not None)
        ensure_open_or_forced(ctx.principal, zaakobject.zaak)  # zrc-007
        if "zaakobjecttype" in fields:
            zaakobject.zaakobjecttype = data.zaakobjecttype or ""
        if "objectTypeOverige" in fields:
            zaakobject.object_type_overige = data.objectTypeOverige or ""
        if "relatieomschrijving" in fields:
            zaakobject.relatieomschrijving = data.relatieomschrijving or ""
        zaakobject.object_type_overige_definitie = definitie
        zaakobject.object_identificatie = identificatie
        self.record(ctx, zaakobject, "partial_update" if partial else "update", oud)
        return zaakobject

    # ------------------------------------------------------------ rules

    @staticmethod
    def validate_identificatie(object_type: str, raw) -> dict | None:
        """objectIdentificatie has the shape of the objectType (ZaakObject discriminator); the types
        without a shape (besluit, enkelvoudig_document, status) take none."""
        shape = OBJECT_SHAPES[object_type]
        if shape is None or raw is None or raw == {}:
            return None
        return validate_shape(shape, raw, "objectIdentificatie")

    @staticmethod
    def ensure_object_given(object_url: str | None, identificatie: dict | None) -> None:
        """A zaakobject names its OBJECT: by URL or by objectIdentificatie (`invalid-zaakobject`)."""
        if not object_url and not identificatie:
            raise ValidationProblem.field("nonFieldErrors", "invalid-zaakobject", "object of objectIdentificatie moet opgegeven worden.")

    @staticmethod
    def ensure_object_type_overige(object_type: str, object_type_overige: str, has_definitie: bool) -> None:
        """objectType `overige` needs objectTypeOverige (or objectTypeOverigeDefinitie)
        (`missing-object-type-overige`); another objectType takes no objectTypeOverige
        (`invalid-object-type-overige-usage`)."""
        if object_type == "overige" and not (object_type_overige or has_definitie):
            raise ValidationProblem.field(
                "nonFieldErrors",
                "missing-object-type-overige",
                'Als `objectType` de waarde "overige" heeft, moet `objectTypeOverige` of `objectTypeOverigeDefinitie` '
                "van een waarde voorzien zijn.",
            )
        if object_type != "overige" and object_type_overige:
            raise ValidationProblem.field(
                "nonFieldErrors",
                "invalid-object-type-overige-usage",
                'Als `objectType` niet de waarde "overige" heeft, mag `objectTypeOverige` niet van een waarde voorzien zijn.',
            )

    @staticmethod
    def ensure_definitie_with_object(object_url: str | None) -> None:
        """objectTypeOverigeDefinitie describes the data at the object URL: no definitie without
        an object URL (`objectUrl` `required`, as Open Zaak)."""
        if not object_url:
            raise ValidationProblem.field(
                "objectUrl", "required", "Indien je `objectTypeOverigeDefinitie` gebruikt, dan moet je een OBJECT url opgeven."
            )

    @staticmethod
    def validate_zaakobjecttype(ctx: Context, zaak: Zaak, zaakobjecttype: str) -> dict:
        """The zaakobjecttype is a ZaakObjectType of the zaak's zaaktype (`zaaktype-mismatch`)."""
        return catalogi(ctx).type_of_zaaktype(zaakobjecttype, "ZaakObjectType", "zaakobjecttype", zaak.zaaktype)


def _definitie(data) -> dict | None:
    definitie = data.objectTypeOverigeDefinitie
    return definitie.model_dump(mode="json", by_alias=True) if definitie is not None else None
