"""Besluiten: identificatie generated when absent (brc-002), besluittype checked against the
Catalogi API (brc-001) and against the zaak's zaaktype (brc-007), the zaak relation mirrored in the
Zaken API (brc-006), a delete taking the besluitinformatieobjecten and their mirrors along (brc-009).
The rules are in rules.py; nothing here commits but the mirror writes (shared.mirror says why)."""

import datetime as dt
import logging
import uuid as uuid_module
from typing import Any

from sqlalchemy import Select, select

from services.besluiten.access import SCOPE_AANMAKEN, SCOPE_LEZEN, SCOPES
from services.besluiten.besluit import rules
from services.besluiten.besluit.models import Besluit
from services.besluiten.besluit.schemas import VERVALREDEN_WEERGAVE, BesluitFilters, BesluitRequest
from services.besluiten.besluitinformatieobject.models import BesluitInformatieObject
from services.besluiten.common import CHANGES, besluit_url, besluit_weergave, ensure_allowed, remote, visible
from shared import mirror, utc
from shared.mirror import INFORMATIEOBJECT, MirrorFailed
from shared.resources import OPERATION_OF_METHOD, Context, ensure_unchanged

log = logging.getLogger(__name__)

# the optional fields a besluit takes from the request as they are: field -> column ("" for a null text)
OPTIONAL_FIELDS = {
    "toelichting": "toelichting",
    "bestuursorgaan": "bestuursorgaan",
    "vervaldatum": "vervaldatum",
    "vervalreden": "vervalreden",
    "publicatiedatum": "publicatiedatum",
    "verzenddatum": "verzenddatum",
    "uiterlijkeReactiedatum": "uiterlijke_reactiedatum",
}
TEXT_COLUMNS = frozenset({"toelichting", "bestuursorgaan", "vervalreden"})


def day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


class BesluitService:
    model = Besluit
    scopes = SCOPES

    # ------------------------------------------------------------ reads

    def list_query(self, ctx: Context, filters: BesluitFilters) -> Select:
        query = select(Besluit).where(visible(ctx.principal, (SCOPE_LEZEN,)))
        for value, column in (
            (filters.identificatie, Besluit.identificatie),
            (filters.verantwoordelijkeOrganisatie, Besluit.verantwoordelijke_organisatie),
            (filters.besluittype, Besluit.besluittype),
            (filters.zaak, Besluit.zaak),
        ):
            if value:
                query = query.where(column == value)
        return query.order_by(Besluit.id)

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params: Any = None) -> Besluit | None:
        besluit = ctx.session.scalars(select(Besluit).where(Besluit.uuid == object_uuid)).first()
        if besluit is not None:
            ensure_allowed(ctx, self.scopes[OPERATION_OF_METHOD.get(ctx.request.method, "retrieve")], besluit)
        return besluit

    def serialize(self, ctx: Context, besluiten: list[Besluit]) -> list[dict]:
        return [self.to_json(ctx, b) for b in besluiten]

    def to_json(self, ctx: Context, b: Besluit) -> dict:
        return {
            "url": besluit_url(ctx, b),
            "identificatie": b.identificatie,
            "verantwoordelijkeOrganisatie": b.verantwoordelijke_organisatie,
            "besluittype": b.besluittype,
            "zaak": b.zaak,
            "datum": day(b.datum),
            "toelichting": b.toelichting,
            "bestuursorgaan": b.bestuursorgaan,
            "ingangsdatum": day(b.ingangsdatum),
            "vervaldatum": day(b.vervaldatum),
            "vervalreden": b.vervalreden,
            "vervalredenWeergave": VERVALREDEN_WEERGAVE.get(b.vervalreden, ""),
            "publicatiedatum": day(b.publicatiedatum),
            "verzenddatum": day(b.verzenddatum),
            "uiterlijkeReactiedatum": day(b.uiterlijke_reactiedatum),
        }

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data: BesluitRequest) -> Besluit:
        besluittype = rules.besluittype(ctx, data.besluittype)
        besluit = Besluit(
            uuid=uuid_module.uuid4(),
            verantwoordelijke_organisatie=data.verantwoordelijkeOrganisatie,
            besluittype=data.besluittype,
            besluittype_catalogus=besluittype.get("catalogus"),
            zaak=data.zaak or "",
        )
        ensure_allowed(ctx, (SCOPE_AANMAKEN,), besluit)
        self.apply(besluit, data, data.model_fields_set | {"datum", "ingangsdatum", *OPTIONAL_FIELDS})
        rules.ensure_datum_not_in_future(besluit.datum)
        if besluit.zaak:
            rules.ensure_besluittype_of_zaak(ctx, besluit.zaak, besluit.besluittype)
        rules.ensure_identificatie_free(ctx, besluit.verantwoordelijke_organisatie, data.identificatie)
        rules.NUMBERING.add_numbered(ctx, besluit, data.identificatie, utc.today(), rules.identificatie_taken)
        if besluit.zaak:
            url = besluit_url(ctx, besluit)
            mirror.store_mirrored(
                ctx.session, besluit, lambda: rules.create_zaakbesluit(ctx, besluit.zaak, url), rules.zaak_mirror_failure, f"besluit {url}"
            )
        self.record(ctx, besluit, "create", None)
        return besluit

    def update(self, ctx: Context, besluit: Besluit, data: Any, partial: bool) -> Besluit:
        """identificatie, verantwoordelijkeOrganisatie and besluittype are fixed
        (`wijzigen-niet-toegelaten`); a new zaak moves the zaakbesluit (brc-006, brc-007)."""
        ensure_unchanged(
            data,
            {
                "identificatie": besluit.identificatie,
                "verantwoordelijkeOrganisatie": besluit.verantwoordelijke_organisatie,
                "besluittype": besluit.besluittype,
            },
        )
        oud = self.serialize(ctx, [besluit])[0]
        sent = data.model_fields_set if partial else set(type(data).model_fields)
        old_zaak = besluit.zaak
        if "zaak" in sent:
            besluit.zaak = data.zaak or ""
        self.apply(besluit, data, sent)
        rules.ensure_datum_not_in_future(besluit.datum)
        if besluit.zaak and besluit.zaak != old_zaak:
            rules.ensure_besluittype_of_zaak(ctx, besluit.zaak, besluit.besluittype)
        if besluit.zaak != old_zaak:
            self.move_zaakbesluit(ctx, besluit, old_zaak)
        self.record(ctx, besluit, "partial_update" if partial else "update", oud)
        return besluit

    def move_zaakbesluit(self, ctx: Context, besluit: Besluit, old_zaak: str) -> None:
        """brc-006: the besluit's new zaak relation committed and mirrored (on failure the old zaak
        is restored), then the old zaak's zaakbesluit removed."""
        url = besluit_url(ctx, besluit)
        ctx.session.flush()
        ctx.session.commit()
        if besluit.zaak:
            try:
                rules.create_zaakbesluit(ctx, besluit.zaak, url)
            except MirrorFailed as exc:
                besluit.zaak = old_zaak
                ctx.session.commit()
                raise rules.zaak_mirror_failure(exc) from None
        if old_zaak:
            rules.remove_zaakbesluit_quietly(ctx, old_zaak, url)

    def apply(self, besluit: Besluit, data: Any, sent: set[str]) -> None:
        for field in ("datum", "ingangsdatum"):
            if field in sent and getattr(data, field) is not None:
                setattr(besluit, field, getattr(data, field))
        for field, column in OPTIONAL_FIELDS.items():
            if field in sent:
                value = getattr(data, field)
                setattr(besluit, column, (value or "") if column in TEXT_COLUMNS else value)

    def delete(self, ctx: Context, besluit: Besluit) -> None:
        """brc-009: the besluit's besluitinformatieobjecten go with it (foreign key ON DELETE
        CASCADE), and so does its audit trail (the suite's brc-008b asks 404 for it); after the
        commit their objectinformatieobjecten in the Documenten API and its zaakbesluit in the
        Zaken API are removed (those APIs check the relation is gone here first)."""
        ensure_allowed(ctx, self.scopes["destroy"], besluit)
        url = besluit_url(ctx, besluit)
        documents = list(
            ctx.session.scalars(select(BesluitInformatieObject.informatieobject).where(BesluitInformatieObject.besluit_id == besluit.id))
        )
        zaak = besluit.zaak
        ctx.session.delete(besluit)
        ctx.session.flush()
        CHANGES.audittrail.delete_for(ctx.session, url)
        CHANGES.announce(ctx, besluit, resource="besluit", resource_url=url, actie="destroy")
        if not (documents or zaak):
            return
        ctx.session.commit()
        client = remote(ctx)
        for document in documents:
            try:
                INFORMATIEOBJECT.delete_mirrors(client, INFORMATIEOBJECT.mirror_urls(client, document, url))
            except MirrorFailed as exc:
                log.warning("removing the objectinformatieobject of %s of deleted besluit %s failed: %s", document, url, exc.detail)
        if zaak:
            rules.remove_zaakbesluit_quietly(ctx, zaak, url)

    def record(self, ctx: Context, besluit: Besluit, actie: str, oud: dict | None) -> None:
        ctx.session.flush()
        nieuw = self.serialize(ctx, [besluit])[0]
        ctx.remember_shown(besluit, nieuw)
        CHANGES.record(
            ctx,
            besluit,
            resource="besluit",
            resource_url=nieuw["url"],
            actie=actie,
            oud=oud,
            nieuw=nieuw,
            weergave=besluit_weergave(besluit),
        )
