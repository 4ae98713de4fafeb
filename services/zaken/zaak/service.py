"""Zaken, written: create, update and delete with the standard's rules on a zaak (zrc-001, -006,
-007, -009, -023); the reads are in queries.py, the field rules in rules.py, the numbering in
identificatie.py."""

import uuid as uuid_module
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Select, delete, select

from services.zaken.access import (
    SCOPE_AANMAKEN,
    SCOPE_VERWIJDEREN,
    SCOPES_ZAAK,
    WRITE,
    ZAKEN,
    allows,
    ensure_allowed,
    ensure_open_or_forced,
)
from services.zaken.catalogi import catalogi
from services.zaken.common import CHANGES, KANAAL, OPERATION_OF_METHOD, resolve_zaak, zaak_kenmerken, zaak_url, zaak_weergave
from services.zaken.db import audittrail, outbox
from services.zaken.zaak.identificatie import NUMBERING, format_identificatie  # noqa: F401  (bench/generate.py)
from services.zaken.zaak.models import Zaak
from services.zaken.zaak.queries import (
    apply_filters,
    count_unfiltered,
    get_zaak,
    order,
    page_of_rows,
    query_filters,
    serialize,
    visible_zaken,
)
from services.zaken.zaak.rules import (
    derive_planned_dates,
    ensure_archiefstatus,
    ensure_betaling,
    ensure_communicatiekanaal,
    ensure_hoofdzaak,
    ensure_producten_of_diensten,
    ensure_relevante_andere_zaken,
    ensure_selectielijstklasse,
    ensure_unique_identificatie,
    raise_identificatie_taken,
)
from services.zaken.zaak.schemas import ZaakRequest
from services.zaken.zaakbesluit.models import ZaakBesluit
from shared import utc
from shared.api_model import split_commas
from shared.auth import VERTROUWELIJKHEID_RANK
from shared.errors import PermissionDenied, ValidationProblem
from shared.pagination import Page
from shared.resources import Context, ensure_unchanged


class ZaakService:
    """The operations on /zaken (a kernel `ResourceService`)."""

    model = Zaak
    resource = "zaak"
    scopes = SCOPES_ZAAK

    # ------------------------------------------------------------ reads

    def base_query(self, ctx: Context) -> Select:
        return select(Zaak)

    def list_query(self, ctx: Context, filters: BaseModel) -> Select:
        ordering = split_commas(getattr(filters, "ordering", None))
        return order(apply_filters(visible_zaken(ctx), query_filters(filters)), ordering)

    def list_page(self, ctx: Context, filters: BaseModel, query: Select, page: Page) -> tuple[int, list]:
        """A page of zaken as rows, counted from `zaak_telling` when nothing narrows the list."""
        return page_of_rows(ctx, query, page, count_unfiltered(ctx, query_filters(filters)))

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params: Any = None) -> Any:
        """zrc-006: a detail's zaak, 403 without the operation's scopes for it; to read, its row
        only (no ORM loading), to write or delete the Zaak."""
        operation = OPERATION_OF_METHOD.get(ctx.request.method, "retrieve")
        return get_zaak(ctx, object_uuid, self.scopes[operation], read_only=operation == "retrieve")

    def serialize(self, ctx: Context, objects: list) -> list[dict]:
        return serialize(ctx, objects)

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data: ZaakRequest) -> Zaak:
        """A new zaak, shown as its audit record holds it."""
        fields = data.model_fields_set
        # zrc-006: the client may create zaken of this zaaktype (and vertrouwelijkheid, when given);
        # with a catalogus autorisatie only the zaaktype tells its catalogus, so that is read first
        if not (
            allows(ctx.principal, (SCOPE_AANMAKEN,), data.zaaktype, data.vertrouwelijkheidaanduiding)
            or ZAKEN.may_reach_by_catalogus(ctx.principal, (SCOPE_AANMAKEN,))
        ):
            raise PermissionDenied()
        zaaktype = catalogi(ctx).zaaktype(data.zaaktype)  # zrc-001
        # the catalogus autorisaties extension: the zaak keeps its zaaktype's catalogus
        zaaktype_catalogus = zaaktype.get("catalogus") or None
        if not isinstance(zaaktype_catalogus, str):
            zaaktype_catalogus = None
        # zrc-009: vertrouwelijkheidaanduiding from the zaaktype when omitted
        vertrouwelijkheid = data.vertrouwelijkheidaanduiding or zaaktype["vertrouwelijkheidaanduiding"]
        if not allows(ctx.principal, (SCOPE_AANMAKEN,), data.zaaktype, vertrouwelijkheid, zaaktype_catalogus):
            raise PermissionDenied()
        self.validate(ctx, None, data, fields, zaaktype)
        zaak = Zaak(
            uuid=uuid_module.uuid4(),
            zaaktype=data.zaaktype,
            zaaktype_catalogus=zaaktype_catalogus,
            bronorganisatie=data.bronorganisatie,
        )
        self.apply(ctx, zaak, data, fields, vertrouwelijkheid)
        for column, value in derive_planned_dates(data, zaaktype, fields).items():
            setattr(zaak, column, value)
        zaak.registratiedatum = data.registratiedatum or utc.today()
        self.insert(ctx, zaak, data.identificatie)
        nieuw = serialize(ctx, [zaak], new=True)[0]
        CHANGES.record(
            ctx,
            zaak,
            resource=self.resource,
            resource_url=nieuw["url"],
            actie="create",
            oud=None,
            nieuw=nieuw,
            weergave=zaak_weergave(zaak),
        )
        ctx.remember_shown(zaak, nieuw)
        return zaak

    def insert(self, ctx: Context, zaak: Zaak, identificatie: str | None) -> None:
        """zrc-002: a given identificatie must be free, a generated one always is: the database's
        unique constraint decides, in the INSERT itself (Numbering.add_numbered)."""
        NUMBERING.add_numbered(ctx, zaak, identificatie, zaak.registratiedatum, raise_identificatie_taken)

    def update(self, ctx: Context, zaak: Zaak, data: Any, partial: bool) -> Zaak:
        """Changes the zaak, shown as its audit record holds it."""
        fields = data.model_fields_set
        oud = serialize(ctx, [zaak])[0]
        # zrc-001 / zrc-002: zaaktype and identificatie do not change
        ensure_unchanged(data, {"zaaktype": zaak.zaaktype, "identificatie": zaak.identificatie})
        zaaktype = (
            catalogi(ctx).fetch(zaak.zaaktype, "ZaakType", "zaaktype")
            if "productenOfDiensten" in fields and data.productenOfDiensten
            else None
        )
        self.validate(ctx, zaak, data, fields, zaaktype)
        # zrc-007: a closed zaak changes only with zaken.geforceerd-bijwerken (after validation, as the RI)
        ensure_open_or_forced(ctx.principal, zaak)
        vertrouwelijkheid = (
            data.vertrouwelijkheidaanduiding
            if "vertrouwelijkheidaanduiding" in fields and data.vertrouwelijkheidaanduiding
            else zaak.vertrouwelijkheidaanduiding
        )
        if not allows(ctx.principal, WRITE, zaak.zaaktype, vertrouwelijkheid, zaak.zaaktype_catalogus):
            raise PermissionDenied()  # a client cannot raise a zaak above its own reach
        self.apply(ctx, zaak, data, fields, vertrouwelijkheid)
        ctx.session.flush()
        nieuw = serialize(ctx, [zaak])[0]
        CHANGES.record(
            ctx, zaak, resource=self.resource, resource_url=nieuw["url"], actie="partial_update" if partial else "update",
            oud=oud, nieuw=nieuw, weergave=zaak_weergave(zaak),
        )  # fmt: skip
        ctx.remember_shown(zaak, nieuw)
        return zaak

    def validate(self, ctx: Context, zaak: Zaak | None, data: Any, fields: set[str], zaaktype: dict | None) -> None:
        def current(field: str, column: str):
            if field in fields:
                return getattr(data, field)
            return getattr(zaak, column) if zaak is not None else None

        if "hoofdzaak" in fields and data.hoofdzaak:
            ensure_hoofdzaak(ctx, zaak, data.hoofdzaak)
        ensure_betaling(
            current("betalingsindicatie", "betalingsindicatie") or "",
            data.laatsteBetaaldatum if "laatsteBetaaldatum" in fields else None,
            "laatsteBetaaldatum" in fields,
        )
        if zaaktype is not None and "productenOfDiensten" in fields and data.productenOfDiensten:
            ensure_producten_of_diensten(data.productenOfDiensten, zaaktype)
        if "relevanteAndereZaken" in fields and data.relevanteAndereZaken:
            ensure_relevante_andere_zaken(ctx, data.relevanteAndereZaken)
        if "communicatiekanaal" in fields and data.communicatiekanaal:
            ensure_communicatiekanaal(ctx, data.communicatiekanaal)
        if (
            "selectielijstklasse" in fields
            and data.selectielijstklasse
            and (zaak is None or data.selectielijstklasse != zaak.selectielijstklasse)
        ):
            ensure_selectielijstklasse(ctx, data.selectielijstklasse)
        if zaak is not None and "bronorganisatie" in fields and data.bronorganisatie and data.bronorganisatie != zaak.bronorganisatie:
            ensure_unique_identificatie(ctx, data.bronorganisatie, zaak.identificatie, zaak)
        if {"archiefstatus", "archiefnominatie", "archiefactiedatum"} & fields:
            ensure_archiefstatus(
                ctx,
                zaak,
                current("archiefstatus", "archiefstatus") or "nog_te_archiveren",
                current("archiefnominatie", "archiefnominatie"),
                current("archiefactiedatum", "archiefactiedatum"),
            )

    def apply(self, ctx: Context, zaak: Zaak, data: Any, fields: set[str], vertrouwelijkheid: str) -> None:
        simple = {
            "bronorganisatie": "bronorganisatie",
            "omschrijving": "omschrijving",
            "toelichting": "toelichting",
            "verantwoordelijkeOrganisatie": "verantwoordelijke_organisatie",
            "startdatum": "startdatum",
            "einddatumGepland": "einddatum_gepland",
            "uiterlijkeEinddatumAfdoening": "uiterlijke_einddatum_afdoening",
            "publicatiedatum": "publicatiedatum",
            "communicatiekanaal": "communicatiekanaal",
            "selectielijstklasse": "selectielijstklasse",
            "archiefactiedatum": "archiefactiedatum",
            "archiefstatus": "archiefstatus",
            "opdrachtgevendeOrganisatie": "opdrachtgevende_organisatie",
            "processobjectaard": "processobjectaard",
            "startdatumBewaartermijn": "startdatum_bewaartermijn",
        }
        creating = zaak.id is None
        for field, column in simple.items():
            if field in fields or creating:
                value = getattr(data, field)
                if value is None and field in ("bronorganisatie", "verantwoordelijkeOrganisatie", "startdatum"):
                    continue  # PATCH with null on a required field: pydantic refused it already
                setattr(zaak, column, value if value is not None or _nullable(column) else "")
        if "registratiedatum" in fields and data.registratiedatum is not None:
            zaak.registratiedatum = data.registratiedatum
        if "productenOfDiensten" in fields or creating:
            zaak.producten_of_diensten = list(data.productenOfDiensten or [])
        zaak.vertrouwelijkheidaanduiding = vertrouwelijkheid
        zaak.vertrouwelijkheid_rank = VERTROUWELIJKHEID_RANK[vertrouwelijkheid]
        if "betalingsindicatie" in fields or creating:
            zaak.betalingsindicatie = data.betalingsindicatie or ""
        if "laatsteBetaaldatum" in fields or creating:
            zaak.laatste_betaaldatum = utc.aware(data.laatsteBetaaldatum) if data.laatsteBetaaldatum else None
        if zaak.betalingsindicatie == "nvt":
            zaak.laatste_betaaldatum = None  # zrc-014
        if "zaakgeometrie" in fields or creating:
            set_geometry(zaak, data.zaakgeometrie)
        if "verlenging" in fields or creating:
            zaak.verlenging_reden = data.verlenging.reden if data.verlenging else ""
            zaak.verlenging_duur = data.verlenging.duur if data.verlenging else None
        if "opschorting" in fields or creating:
            zaak.opschorting_indicatie = data.opschorting.indicatie if data.opschorting else False
            zaak.opschorting_reden = data.opschorting.reden if data.opschorting else ""
        if "hoofdzaak" in fields or creating:
            zaak.hoofdzaak_id = resolve_zaak(ctx, data.hoofdzaak, "hoofdzaak", missing_code="does_not_exist").id if data.hoofdzaak else None
        if "relevanteAndereZaken" in fields or creating:
            zaak.relevante_andere_zaken = [r.model_dump() for r in data.relevanteAndereZaken or []]
        if "kenmerken" in fields or creating:
            zaak.kenmerken = [k.model_dump() for k in data.kenmerken or []]
        if "archiefnominatie" in fields or creating:
            zaak.archiefnominatie = data.archiefnominatie or None
        if "processobject" in fields or creating:
            zaak.processobject = data.processobject.model_dump() if data.processobject else None

    def delete(self, ctx: Context, zaak: Zaak) -> None:
        """zrc-023: a zaak goes with everything on it (its deelzaken too) and its audit trail; a
        zaak that besluiten point at stays until those relations are gone."""
        ensure_allowed(ctx.principal, (SCOPE_VERWIJDEREN,), zaak)
        if ctx.session.scalar(select(ZaakBesluit.id).where(ZaakBesluit.zaak_id == zaak.id).limit(1)) is not None:
            raise ValidationProblem.field(
                "nonFieldErrors", "related-besluiten", "Deze zaak heeft gerelateerde besluiten; verwijder die relaties eerst."
            )
        from services.zaken.relations import mirrored_relations, remove_mirrors

        url = zaak_url(ctx, zaak)
        deelzaken = list(ctx.session.scalars(select(Zaak).where(Zaak.hoofdzaak_id == zaak.id)))
        # the mirrors of its relations in other APIs (zrc-005/024/025) go too, after the commit
        mirrors = [(z, mirrored_relations(ctx, z)) for z in (zaak, *deelzaken)]
        for deelzaak in deelzaken:
            audittrail.delete_for(ctx.session, zaak_url(ctx, deelzaak))
        audittrail.delete_for(ctx.session, url)
        outbox.enqueue(
            ctx.session,
            kanaal=KANAAL,
            hoofd_object=url,
            resource=self.resource,
            resource_url=url,
            actie="destroy",
            kenmerken=zaak_kenmerken(zaak),
        )
        ctx.session.execute(delete(Zaak).where(Zaak.hoofdzaak_id == zaak.id))
        ctx.session.execute(delete(Zaak).where(Zaak.id == zaak.id))
        for owner, relations in mirrors:
            remove_mirrors(ctx, owner, relations)


def _nullable(column: str) -> bool:
    return bool(Zaak.__table__.c[column].nullable)


def set_geometry(zaak: Zaak, geometry: dict | None) -> None:
    """Stores zaakgeometrie with its bounding box (for `zaakgeometrie.within` in `_zoek`)."""
    zaak.zaakgeometrie = geometry
    if geometry is None:
        zaak.geometrie_min_x = zaak.geometrie_min_y = zaak.geometrie_max_x = zaak.geometrie_max_y = None
        return
    from shapely.geometry import shape

    zaak.geometrie_min_x, zaak.geometrie_min_y, zaak.geometrie_max_x, zaak.geometrie_max_y = shape(geometry).bounds
