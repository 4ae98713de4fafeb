"""Gebruiksrechten: the conditions of use of an informatieobject beyond consultation. drc-006: the
document's `indicatieGebruiksrecht` follows them."""

from typing import Any

from sqlalchemy import Select, exists, select

from services.documenten.child import DocumentChildService, newest_version, parse_moment
from services.documenten.enkelvoudiginformatieobject.models import InformatieObject, InformatieObjectVersie
from services.documenten.gebruiksrechten.models import Gebruiksrechten
from services.documenten.gebruiksrechten.schemas import PERIODE_FILTERS, GebruiksrechtenFilters, GebruiksrechtenRequest
from shared import utc
from shared.resources import Context, ensure_unchanged, local_uuid

_COMPARE = {"lt": "__lt__", "lte": "__le__", "gt": "__gt__", "gte": "__ge__"}


class GebruiksrechtenService(DocumentChildService):
    model = Gebruiksrechten
    collection = "gebruiksrechten"
    resource = "gebruiksrechten"

    def filter(self, ctx: Context, query: Select, filters: GebruiksrechtenFilters) -> Select:
        for name, (field, comparison) in PERIODE_FILTERS.items():
            moment = parse_moment(getattr(filters, name), name)
            if moment is not None:
                query = query.where(getattr(getattr(Gebruiksrechten, field), _COMPARE[comparison])(moment))
        return query

    def to_json(self, obj: Gebruiksrechten) -> dict:
        return {
            "startdatum": utc.iso(obj.startdatum),
            "einddatum": utc.iso(obj.einddatum),
            "omschrijvingVoorwaarden": obj.omschrijving_voorwaarden,
        }

    def weergave(self, obj: Gebruiksrechten) -> str:
        return obj.omschrijving_voorwaarden[:50]

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data: GebruiksrechtenRequest) -> Gebruiksrechten:
        # locked: concurrent writes of its gebruiksrechten take turns on the indication (drc-006)
        informatieobject, versie = self.document_for_write(ctx, data.informatieobject, "create", lock=True)
        obj = Gebruiksrechten(
            informatieobject_id=informatieobject.id,
            informatieobject=informatieobject,
            startdatum=utc.aware(data.startdatum),
            einddatum=utc.aware(data.einddatum),
            omschrijving_voorwaarden=data.omschrijvingVoorwaarden,
        )
        ctx.session.add(obj)
        follow_gebruiksrechten(ctx, informatieobject, versie)
        self.record(ctx, obj, "create", versie=versie)
        return obj

    def update(self, ctx: Context, obj: Gebruiksrechten, data: Any, partial: bool) -> Gebruiksrechten:
        """Only the conditions change: the informatieobject is fixed (`wijzigen-niet-toegelaten`)."""
        oud = self.serialize(ctx, [obj])[0]
        ensure_unchanged(
            data,
            {"informatieobject": obj.informatieobject.uuid},
            as_stored={"informatieobject": lambda url: local_uuid(ctx, url, "enkelvoudiginformatieobjecten")},
        )
        sent = data.model_fields_set
        if "startdatum" in sent and data.startdatum is not None:
            obj.startdatum = utc.aware(data.startdatum)
        if "einddatum" in sent or not partial:
            obj.einddatum = utc.aware(data.einddatum)
        if "omschrijvingVoorwaarden" in sent and data.omschrijvingVoorwaarden is not None:
            obj.omschrijving_voorwaarden = data.omschrijvingVoorwaarden
        self.record(ctx, obj, "partial_update" if partial else "update", oud)
        return obj

    def delete(self, ctx: Context, obj: Gebruiksrechten) -> None:
        informatieobject = obj.informatieobject
        versie = newest_version(ctx, informatieobject, lock=True)  # as on create (drc-006)
        self.destroy(ctx, obj, versie)
        follow_gebruiksrechten(ctx, informatieobject, versie)


def follow_gebruiksrechten(ctx: Context, informatieobject: InformatieObject, versie: InformatieObjectVersie | None = None) -> None:
    """drc-006: the newest version's `indicatieGebruiksrecht` is true while the document has
    gebruiksrechten and null once the last is gone, set in the write's own transaction (the
    document's row locked by the caller, so concurrent writes see each other's)."""
    ctx.session.flush()
    versie = versie or newest_version(ctx, informatieobject)
    has_any = ctx.session.scalar(select(exists().where(Gebruiksrechten.informatieobject_id == informatieobject.id)))
    versie.indicatie_gebruiksrecht = True if has_any else None
