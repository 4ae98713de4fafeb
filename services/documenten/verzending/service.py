"""Verzendingen: the sending or receipt of an informatieobject to or from a betrokkene, with the
one channel it went by (an address, fax, e-mail, MijnOverheid or telephone). Not audited (the
standard documents no audit trail for them); notified on kanaal `documenten`."""

from typing import Any

from sqlalchemy import Select

from services.documenten.child import DocumentChildService
from services.documenten.enkelvoudiginformatieobject.models import InformatieObject
from services.documenten.verzending.models import Verzending
from services.documenten.verzending.schemas import VerzendingFilters, VerzendingRequest
from shared.errors import ValidationProblem
from shared.resources import Context

# API field -> column, in the order the API shows them
FIELDS = {
    "betrokkene": "betrokkene",
    "aardRelatie": "aard_relatie",
    "toelichting": "toelichting",
    "ontvangstdatum": "ontvangstdatum",
    "verzenddatum": "verzenddatum",
    "contactPersoon": "contact_persoon",
    "contactpersoonnaam": "contactpersoonnaam",
    "binnenlandsCorrespondentieadres": "binnenlands_correspondentieadres",
    "buitenlandsCorrespondentieadres": "buitenlands_correspondentieadres",
    "correspondentiePostadres": "correspondentie_postadres",
    "faxnummer": "faxnummer",
    "emailadres": "emailadres",
    "mijnOverheid": "mijn_overheid",
    "telefoonnummer": "telefoonnummer",
}
ADDRESSES = (
    "binnenlands_correspondentieadres",
    "buitenlands_correspondentieadres",
    "correspondentie_postadres",
    "faxnummer",
    "emailadres",
    "mijn_overheid",
    "telefoonnummer",
)


class VerzendingService(DocumentChildService):
    model = Verzending
    collection = "verzendingen"
    resource = "verzending"
    audited = False

    def filter(self, ctx: Context, query: Select, filters: VerzendingFilters) -> Select:
        if filters.aardRelatie:
            query = query.where(Verzending.aard_relatie == filters.aardRelatie)
        if filters.betrokkene:
            query = query.where(Verzending.betrokkene == filters.betrokkene)
        return query

    def to_json(self, obj: Verzending) -> dict:
        shown = {name: getattr(obj, column) for name, column in FIELDS.items()}
        for name in ("ontvangstdatum", "verzenddatum"):
            shown[name] = shown[name].isoformat() if shown[name] else None
        return shown

    def weergave(self, obj: Verzending) -> str:
        return f"{obj.aard_relatie} {obj.betrokkene}"

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data: VerzendingRequest) -> Verzending:
        informatieobject, versie = self.document_for_write(ctx, data.informatieobject, "create")
        obj = Verzending(informatieobject_id=informatieobject.id, informatieobject=informatieobject)
        self.apply(obj, data, data.model_fields.keys())
        ensure_one_address(obj)
        ctx.session.add(obj)
        self.record(ctx, obj, "create", versie=versie)
        return obj

    def update(self, ctx: Context, obj: Verzending, data: Any, partial: bool) -> Verzending:
        """PUT replaces every field (an absent one is its default), PATCH the ones sent; the
        informatieobject may change to another the client may write on."""
        oud = self.serialize(ctx, [obj])[0]
        sent = data.model_fields_set if partial else data.model_fields.keys()
        versie = None
        if "informatieobject" in sent and data.informatieobject is not None:
            informatieobject: InformatieObject
            informatieobject, versie = self.document_for_write(ctx, data.informatieobject, "update")
            obj.informatieobject_id, obj.informatieobject = informatieobject.id, informatieobject
        self.apply(obj, data, sent)
        ensure_one_address(obj)
        self.record(ctx, obj, "partial_update" if partial else "update", oud, versie)
        return obj

    @staticmethod
    def apply(obj: Verzending, data: Any, sent: Any) -> None:
        for name, column in FIELDS.items():
            if name not in sent:
                continue
            value = getattr(data, name)
            if hasattr(value, "model_dump"):  # an address group: stored as the API shows it
                value = value.model_dump(by_alias=True)
            setattr(obj, column, value)

    def delete(self, ctx: Context, obj: Verzending) -> None:
        self.destroy(ctx, obj)


def ensure_one_address(obj: Verzending) -> None:
    """A verzending went by precisely one channel: one of the three address groups, faxnummer,
    emailadres, mijnOverheid (true) or telefoonnummer, as the object is after the write (a PATCH
    to another channel clears the old one with null). Else 400 `nonFieldErrors` `invalid-address`,
    as the reference implementation (OneAddressValidator)."""
    if sum(bool(getattr(obj, column)) for column in ADDRESSES) != 1:
        raise ValidationProblem.field("nonFieldErrors", "invalid-address", "Verzending must contain precisely one correspondentieadress")
