import uuid as uuid_module

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError

from services.catalogi.besluittype.models import BesluitType
from services.catalogi.catalogus.models import Catalogus
from services.catalogi.catalogus.schemas import CatalogusFilters, CatalogusRequest
from services.catalogi.common import iso, non_field
from services.catalogi.informatieobjecttype.models import InformatieObjectType
from services.catalogi.zaaktype.models import ZaakType
from shared.api_model import split_commas
from shared.resources import Context


class CatalogusService:
    def list_query(self, ctx: Context, filters: CatalogusFilters) -> Select:
        query = select(Catalogus)
        if filters.domein:
            query = query.where(Catalogus.domein == filters.domein)
        if filters.domein__in:
            query = query.where(Catalogus.domein.in_(split_commas(filters.domein__in)))
        if filters.rsin:
            query = query.where(Catalogus.rsin == filters.rsin)
        if filters.rsin__in:
            query = query.where(Catalogus.rsin.in_(split_commas(filters.rsin__in)))
        return query.order_by(Catalogus.id.desc())

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params=None) -> Catalogus | None:
        return ctx.session.scalar(select(Catalogus).where(Catalogus.uuid == object_uuid))

    def serialize(self, ctx: Context, objects: list[Catalogus]) -> list[dict]:
        ids = [c.id for c in objects]
        children: dict[int, dict[str, list[str]]] = {i: {"zaaktypen": [], "besluittypen": [], "informatieobjecttypen": []} for i in ids}
        for model, collection in (
            (ZaakType, "zaaktypen"),
            (BesluitType, "besluittypen"),
            (InformatieObjectType, "informatieobjecttypen"),
        ):
            if not ids:
                break
            rows = ctx.session.execute(select(model.catalogus_id, model.uuid).where(model.catalogus_id.in_(ids)).order_by(model.id))
            for catalogus_id, child_uuid in rows:
                children[catalogus_id][collection].append(ctx.url(collection, child_uuid))
        return [
            {
                "url": ctx.url("catalogussen", c.uuid),
                "domein": c.domein,
                "rsin": c.rsin,
                "contactpersoonBeheerNaam": c.contactpersoon_beheer_naam,
                "contactpersoonBeheerTelefoonnummer": c.contactpersoon_beheer_telefoonnummer,
                "contactpersoonBeheerEmailadres": c.contactpersoon_beheer_emailadres or "",
                **children[c.id],
                "naam": c.naam,
                "versie": c.versie,
                "begindatumVersie": iso(c.begindatum_versie),
            }
            for c in objects
        ]

    def create(self, ctx: Context, data: CatalogusRequest) -> Catalogus:
        exists = ctx.session.scalar(select(Catalogus.id).where(Catalogus.domein == data.domein, Catalogus.rsin == data.rsin))
        if exists:
            raise non_field("unique", "De velden domein, rsin moeten een unieke set zijn.")
        catalogus = Catalogus(
            domein=data.domein,
            rsin=data.rsin,
            contactpersoon_beheer_naam=data.contactpersoon_beheer_naam,
            contactpersoon_beheer_telefoonnummer=data.contactpersoon_beheer_telefoonnummer,
            contactpersoon_beheer_emailadres=data.contactpersoon_beheer_emailadres or "",
            naam=data.naam,
            versie=data.versie,
            begindatum_versie=data.begindatum_versie,
        )
        ctx.session.add(catalogus)
        try:
            ctx.session.flush()
        except IntegrityError:  # a concurrent create of the same (domein, rsin)
            raise non_field("unique", "De velden domein, rsin moeten een unieke set zijn.") from None
        return catalogus

    def update(self, ctx, obj, data, partial):  # pragma: no cover - the standard has no update
        raise NotImplementedError

    def delete(self, ctx, obj):  # pragma: no cover - the standard has no delete
        raise NotImplementedError
