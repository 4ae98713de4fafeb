"""Enkelvoudiginformatieobjecten: every write a new version (1, 2, ...), the content in the store,
large content in bestandsdelen under the document's lock; the rules are in rules.py.

The object the resource operations pass around is a version (InformatieObjectVersie) with its
canonical row (`.informatieobject`: uuid, lock, the newest version's number) loaded along."""

import datetime as dt
import math
import secrets
import uuid as uuid_module
from typing import Any

from sqlalchemy import Select, String, and_, cast, delete, select
from sqlalchemy.orm import contains_eager

from services.documenten import content
from services.documenten.access import ALL_SCOPES, SCOPE_AANMAKEN, SCOPE_LEZEN, SCOPES
from services.documenten.common import CHANGES, document_weergave, ensure_allowed, informatieobject_url, visible
from services.documenten.enkelvoudiginformatieobject import rules
from services.documenten.enkelvoudiginformatieobject.models import (
    BestandsDeel,
    IdentificatieTeller,
    InformatieObject,
    InformatieObjectVersie,
)
from services.documenten.enkelvoudiginformatieobject.schemas import (
    EnkelvoudigInformatieObjectRequest,
    EnkelvoudigInformatieObjectWithLockRequest,
)
from shared import utc
from shared.auth import VERTROUWELIJKHEID_RANK
from shared.errors import ValidationProblem
from shared.identificatie import Numbering
from shared.resources import Context

# the largest `versie` the column (a 32-bit integer) holds
MAX_VERSIE = 2**31 - 1
NUMBERING = Numbering("DOCUMENT", IdentificatieTeller, InformatieObjectVersie.identificatie)

# the fields a version takes from the request as they are (field and column share the name)
PLAIN_FIELDS = (
    "identificatie", "bronorganisatie", "creatiedatum", "titel", "auteur", "status", "inhoud_is_vervallen", "formaat", "taal",
    "bestandsnaam", "link", "beschrijving", "ontvangstdatum", "verzenddatum", "indicatie_gebruiksrecht", "verschijningsvorm",
    "informatieobjecttype", "trefwoorden",
)  # fmt: skip
# the text fields a null clears to "" (their columns are not nullable)
TEXT_FIELDS = frozenset({"identificatie", "formaat", "bestandsnaam", "link", "beschrijving", "verschijningsvorm", "status"})
# what a new version copies of the one before it, before the request's fields apply
COPIED_COLUMNS = (
    *PLAIN_FIELDS, "vertrouwelijkheidaanduiding", "vertrouwelijkheid_rank", "ondertekening", "integriteit",
    "informatieobjecttype_catalogus", "inhoud", "bestandsomvang",
)  # fmt: skip


def day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def newest_versions() -> Select:
    """Each document as its newest version, with its canonical row."""
    return (
        select(InformatieObjectVersie)
        .join(
            InformatieObject,
            and_(
                InformatieObject.id == InformatieObjectVersie.informatieobject_id, InformatieObject.versie == InformatieObjectVersie.versie
            ),
        )
        .options(contains_eager(InformatieObjectVersie.informatieobject))
    )


def parse_registratie_op(value: str) -> dt.datetime:
    try:
        return utc.aware(dt.datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        raise ValidationProblem.field("registratieOp", "invalid", "Ongeldige datumtijd, verwacht ISO 8601.") from None


def load_version(ctx: Context, object_uuid: uuid_module.UUID, params: Any = None) -> InformatieObjectVersie | None:
    """The document's version as `?versie=` or `?registratieOp=` asks (the newest by default)."""
    query = (
        select(InformatieObjectVersie)
        .join(InformatieObject, InformatieObject.id == InformatieObjectVersie.informatieobject_id)
        .options(contains_eager(InformatieObjectVersie.informatieobject))
        .where(InformatieObject.uuid == object_uuid)
    )
    versie = getattr(params, "versie", None)
    registratie_op = getattr(params, "registratie_op", None)
    if versie is not None:
        if not 1 <= versie <= MAX_VERSIE:
            return None  # no such version (and beyond the column's integer range a query would fail)
        query = query.where(InformatieObjectVersie.versie == versie)
    elif registratie_op:
        moment = parse_registratie_op(registratie_op)
        query = query.where(InformatieObjectVersie.begin_registratie <= moment).order_by(InformatieObjectVersie.versie.desc()).limit(1)
    else:
        query = query.where(InformatieObjectVersie.versie == InformatieObject.versie)
    return ctx.session.scalars(query).first()


class InformatieObjectService:
    model = InformatieObjectVersie
    scopes = SCOPES

    # ------------------------------------------------------------ reads

    def list_query(self, ctx: Context, filters: Any) -> Select:
        query = newest_versions().where(visible(ctx.principal, (SCOPE_LEZEN,))).order_by(InformatieObject.id)
        return self.filter(
            query, identificatie=filters.identificatie, bronorganisatie=filters.bronorganisatie, trefwoorden=filters.trefwoorden
        )

    @staticmethod
    def filter(query: Select, *, identificatie=None, bronorganisatie=None, trefwoorden=None, uuids=None) -> Select:
        if identificatie:
            query = query.where(InformatieObjectVersie.identificatie == identificatie)
        if bronorganisatie:
            query = query.where(InformatieObjectVersie.bronorganisatie == bronorganisatie)
        if uuids is not None:
            query = query.where(InformatieObject.uuid.in_(uuids))
        for trefwoord in [t.strip() for t in (trefwoorden or "").split(",") if t.strip()]:
            # a JSON list of strings: the quoted word is an element (the quotes are part of it)
            escaped = trefwoord.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('"', '\\"')
            query = query.where(cast(InformatieObjectVersie.trefwoorden, String).like(f'%"{escaped}"%', escape="\\"))
        return query

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params: Any = None) -> InformatieObjectVersie | None:
        versie = load_version(ctx, object_uuid, params)
        if versie is not None:
            # any of the API's scopes for this type reaches it; each write checks its own
            ensure_allowed(ctx, ALL_SCOPES, versie)
        return versie

    def serialize(self, ctx: Context, versions: list[InformatieObjectVersie]) -> list[dict]:
        # the parts of every document of the page being uploaded (locked), in one query
        locked = [v.informatieobject_id for v in versions if v.informatieobject.lock]
        parts: dict[int, list[BestandsDeel]] = {}
        if locked:
            for part in ctx.session.scalars(
                select(BestandsDeel).where(BestandsDeel.informatieobject_id.in_(locked)).order_by(BestandsDeel.volgnummer)
            ):
                parts.setdefault(part.informatieobject_id, []).append(part)
        return [self.to_json(ctx, v, parts.get(v.informatieobject_id, [])) for v in versions]

    def to_json(self, ctx: Context, v: InformatieObjectVersie, parts: list[BestandsDeel]) -> dict:
        url = informatieobject_url(ctx, v)
        canonical = v.informatieobject
        return {
            "url": url,
            "identificatie": v.identificatie,
            "bronorganisatie": v.bronorganisatie,
            "creatiedatum": day(v.creatiedatum),
            "titel": v.titel,
            "vertrouwelijkheidaanduiding": v.vertrouwelijkheidaanduiding,
            "auteur": v.auteur,
            "status": v.status,
            "inhoudIsVervallen": v.inhoud_is_vervallen,
            "formaat": v.formaat,
            "taal": v.taal,
            "versie": v.versie,
            "beginRegistratie": utc.iso(v.begin_registratie),
            "bestandsnaam": v.bestandsnaam,
            "inhoud": f"{url}/download?versie={v.versie}" if v.inhoud else None,
            "bestandsomvang": v.bestandsomvang,
            "link": v.link,
            "beschrijving": v.beschrijving,
            "ontvangstdatum": day(v.ontvangstdatum),
            "verzenddatum": day(v.verzenddatum),
            "indicatieGebruiksrecht": v.indicatie_gebruiksrecht,
            "verschijningsvorm": v.verschijningsvorm,
            "ondertekening": v.ondertekening,
            "integriteit": v.integriteit,
            "informatieobjecttype": v.informatieobjecttype,
            "locked": bool(canonical.lock),
            "bestandsdelen": [
                {
                    "url": ctx.url("bestandsdelen", part.uuid),
                    "volgnummer": part.volgnummer,
                    "omvang": part.omvang,
                    "voltooid": part.inhoud is not None,
                    "lock": canonical.lock,
                }
                for part in parts
            ],
            "trefwoorden": list(v.trefwoorden or []),
        }

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data: EnkelvoudigInformatieObjectRequest) -> InformatieObjectVersie:
        iotype = rules.informatieobjecttype(ctx, data.informatieobjecttype)
        rules.ensure_status_fits_ontvangstdatum(data.status, data.ontvangstdatum)
        rules.ensure_gebruiksrechten_for_indicatie(ctx, None, data.indicatie_gebruiksrecht)
        canonical = InformatieObject(uuid=uuid_module.uuid4(), versie=1, lock="")
        versie = InformatieObjectVersie(informatieobject=canonical, versie=1, begin_registratie=utc.now())
        self.apply(versie, data, data.model_fields_set | set(PLAIN_FIELDS), iotype)
        ensure_allowed(ctx, (SCOPE_AANMAKEN,), versie)
        if not versie.identificatie:
            versie.identificatie = NUMBERING.generate(ctx, data.creatiedatum)
        ctx.session.add(canonical)
        ctx.session.add(versie)
        self.store_content(ctx, canonical, versie, data, new=True)
        ctx.session.flush()
        self.record(ctx, versie, "create", None)
        return versie

    def update(
        self, ctx: Context, current: InformatieObjectVersie, data: EnkelvoudigInformatieObjectWithLockRequest, partial: bool
    ) -> InformatieObjectVersie:
        canonical = current.informatieobject
        ensure_allowed(ctx, self.scopes["update"], current)
        rules.ensure_lock(canonical, data.lock, partial=partial)
        sent = data.model_fields_set if partial else set(type(data).model_fields)
        oud = self.serialize(ctx, [current])[0]
        versie = InformatieObjectVersie(informatieobject=canonical, versie=canonical.versie + 1, begin_registratie=utc.now())
        for column in COPIED_COLUMNS:
            setattr(versie, column, getattr(current, column))
        iotype = rules.informatieobjecttype(ctx, data.informatieobjecttype) if "informatieobjecttype" in sent else None
        self.apply(versie, data, sent, iotype)
        rules.ensure_status_fits_ontvangstdatum(versie.status, versie.ontvangstdatum)
        if "indicatie_gebruiksrecht" in sent:
            rules.ensure_gebruiksrechten_for_indicatie(ctx, canonical, data.indicatie_gebruiksrecht)
        ensure_allowed(ctx, self.scopes["update"], versie)
        canonical.versie = versie.versie
        ctx.session.add(versie)
        self.store_content(ctx, canonical, versie, data, new=False)
        ctx.session.flush()
        self.record(ctx, versie, "partial_update" if partial else "update", oud)
        return versie

    def apply(self, versie: InformatieObjectVersie, data: Any, sent: set[str], iotype: dict | None) -> None:
        """The sent fields of `data` on `versie` (a new version, a copy of the current one)."""
        for field in PLAIN_FIELDS:
            if field in sent:
                value = getattr(data, field)
                if value is None and field in TEXT_FIELDS:
                    value = ""
                setattr(versie, field, list(value or []) if field == "trefwoorden" else value)
        for field in ("ondertekening", "integriteit"):
            if field in sent:
                value = getattr(data, field)
                setattr(versie, field, value.model_dump(mode="json", by_alias=True) if value is not None else None)
        if iotype is not None:
            versie.informatieobjecttype_catalogus = iotype.get("catalogus")
        if "vertrouwelijkheidaanduiding" in sent or iotype is not None:
            given = data.vertrouwelijkheidaanduiding if "vertrouwelijkheidaanduiding" in sent else versie.vertrouwelijkheidaanduiding
            versie.vertrouwelijkheidaanduiding = rules.vertrouwelijkheidaanduiding(given or "", iotype or {})
        versie.vertrouwelijkheid_rank = VERTROUWELIJKHEID_RANK.get(versie.vertrouwelijkheidaanduiding, 0)

    def store_content(
        self,
        ctx: Context,
        canonical: InformatieObject,
        versie: InformatieObjectVersie,
        data: Any,
        *,
        new: bool,
    ) -> None:
        """`inhoud` (base64) into the store; or, for `bestandsomvang` with `inhoud` null, the
        bestandsdelen of a chunked upload under a new lock (the response gives it); else the
        content stays: a PUT without `inhoud` keeps the document's content, as a PATCH does."""
        sent = data.model_fields_set
        if "inhoud" in sent and data.inhoud is not None:
            versie.inhoud, versie.bestandsomvang = content.write(ctx, content.base64_chunks(data.inhoud))
            return
        if "inhoud" in sent or new:
            versie.inhoud = None
        if "bestandsomvang" in sent and data.bestandsomvang and ("inhoud" in sent or new):
            self.plan_parts(ctx, canonical, data.bestandsomvang)
            versie.bestandsomvang = data.bestandsomvang
            if new:
                canonical.lock = secrets.token_hex(16)
        elif new:
            versie.bestandsomvang = data.bestandsomvang

    def plan_parts(self, ctx: Context, canonical: InformatieObject, size: int) -> None:
        """The bestandsdelen of an upload of `size` bytes (those of an earlier upload go)."""
        chunk = ctx.request.app.state.settings.upload_chunk_size
        if canonical.id is not None:
            old = list(ctx.session.scalars(select(BestandsDeel.inhoud).where(BestandsDeel.informatieobject_id == canonical.id)))
            ctx.session.execute(delete(BestandsDeel).where(BestandsDeel.informatieobject_id == canonical.id))
            content.delete_after_commit(ctx, [key for key in old if key])
        count = max(1, math.ceil(size / chunk))
        for number in range(1, count + 1):
            omvang = chunk if number < count else size - chunk * (count - 1)
            ctx.session.add(BestandsDeel(uuid=uuid_module.uuid4(), informatieobject=canonical, volgnummer=number, omvang=omvang))

    def delete(self, ctx: Context, versie: InformatieObjectVersie) -> None:
        canonical = versie.informatieobject
        ensure_allowed(ctx, self.scopes["destroy"], versie)
        rules.ensure_no_relations(ctx, canonical)
        keys = set(
            ctx.session.scalars(select(InformatieObjectVersie.inhoud).where(InformatieObjectVersie.informatieobject_id == canonical.id))
        )
        keys |= set(ctx.session.scalars(select(BestandsDeel.inhoud).where(BestandsDeel.informatieobject_id == canonical.id)))
        url = informatieobject_url(ctx, versie)
        # drc-008: versions, bestandsdelen, gebruiksrechten and verzendingen go along (foreign keys
        # ON DELETE CASCADE), and so does the audit trail (the suite's drc-008c asks 404 for it)
        ctx.session.execute(delete(InformatieObject).where(InformatieObject.id == canonical.id))
        ctx.session.expunge(versie)
        CHANGES.audittrail.delete_for(ctx.session, url)
        CHANGES.announce(ctx, versie, resource="enkelvoudiginformatieobject", resource_url=url, actie="destroy")
        content.delete_after_commit(ctx, [key for key in keys if key])

    def record(self, ctx: Context, versie: InformatieObjectVersie, actie: str, oud: dict | None) -> None:
        nieuw = self.serialize(ctx, [versie])[0]
        url = nieuw["url"]
        CHANGES.record(
            ctx,
            versie,
            resource="enkelvoudiginformatieobject",
            resource_url=url,
            actie=actie,
            oud=oud,
            nieuw=nieuw,
            weergave=document_weergave(versie),
        )
        # the response of a write shows the lock (EnkelvoudigInformatieObjectCreateLock / WithLock);
        # the audit trail never does
        ctx.remember_shown(versie, {**nieuw, "lock": versie.informatieobject.lock})
