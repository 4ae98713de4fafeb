"""HTTP of `/enkelvoudiginformatieobjecten`: the standard operations, `_zoek`, lock and unlock,
the download, the bestandsdelen of a chunked upload and the document's audit trail."""

import uuid as uuid_module
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Body, Depends, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import StreamingResponse
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from services.documenten import content
from services.documenten.access import (
    COMPONENT,
    SCOPE_BIJWERKEN,
    SCOPE_GEFORCEERD_UNLOCK,
    SCOPE_LEZEN,
    SCOPE_LOCK,
    SCOPES,
)
from services.documenten.common import CHANGES, COLLECTION
from services.documenten.enkelvoudiginformatieobject import rules
from services.documenten.enkelvoudiginformatieobject.models import BestandsDeel, InformatieObject, InformatieObjectVersie
from services.documenten.enkelvoudiginformatieobject.schemas import (
    BestandsDeelResponse,
    EIOZoek,
    EnkelvoudigInformatieObject,
    EnkelvoudigInformatieObjectCreateLock,
    EnkelvoudigInformatieObjectExpanded,
    EnkelvoudigInformatieObjectFilters,
    EnkelvoudigInformatieObjectRequest,
    EnkelvoudigInformatieObjectWithLock,
    EnkelvoudigInformatieObjectWithLockRequest,
    LockResponse,
    RetrieveParams,
    UnlockRequest,
    VersionParams,
)
from services.documenten.enkelvoudiginformatieobject.service import (
    InformatieObjectService,
    ensure_allowed,
    load_version,
    newest_versions,
    visible,
)
from services.documenten.storage import ContentMissing
from shared.audittrail import SCOPE_AUDITTRAILS_LEZEN
from shared.auth import Principal, require_scopes
from shared.db import SessionDep, commits
from shared.errors import NotFound, ValidationProblem
from shared.http import json_response
from shared.pagination import envelope, fetch_page, page_from
from shared.query import query_model
from shared.resources import (
    Context,
    ExpandHook,
    ResourceSpec,
    UuidPath,
    load_or_404,
    paginated_model_of,
    register_audittrail,
    register_resource,
)

TAG = "enkelvoudiginformatieobjecten"
EXPANDABLE = ("informatieobjecttype",)

router = APIRouter()
service = InformatieObjectService()


def check_expand(value: str) -> list[str]:
    """`expand`: a comma-separated list of what the spec lets a document embed (its
    informatieobjecttype); anything else is 400 `expand` `invalid-expand-field`, as in the Zaken API."""
    names = [name.strip() for name in value.split(",") if name.strip()]
    for name in names:
        if name not in EXPANDABLE:
            raise ValidationProblem.field(
                "expand", "invalid-expand-field", f"The submitted field {name} did not match any fields in the expandable json."
            )
    return names


def apply_expand(ctx: Context, results: list[dict], value: str) -> None:
    remote = ctx.request.app.state.remote
    for result in results:
        result["_expand"] = {name: remote.try_fetch(result[name]) for name in check_expand(value) if result.get(name)}


spec = ResourceSpec(
    "enkelvoudiginformatieobject",
    COLLECTION,
    TAG,
    COMPONENT,
    service,
    EnkelvoudigInformatieObject,
    create_model=EnkelvoudigInformatieObjectRequest,
    update_model=EnkelvoudigInformatieObjectWithLockRequest,
    filter_model=EnkelvoudigInformatieObjectFilters,
    retrieve_params_model=RetrieveParams,
    write_models={
        "create": EnkelvoudigInformatieObjectCreateLock,
        "update": EnkelvoudigInformatieObjectWithLock,
        "partial_update": EnkelvoudigInformatieObjectWithLock,
    },
    scopes=SCOPES,
    audited=("create", "update", "partial_update", "destroy"),
    expand=ExpandHook(EnkelvoudigInformatieObjectExpanded, check_expand, apply_expand),
    descriptions={
        "list": "Alle (ENKELVOUDIG) INFORMATIEOBJECTen opvragen.",
        "retrieve": "Een specifiek (ENKELVOUDIG) INFORMATIEOBJECT opvragen.",
    },
    details={
        "create": "Maak een (ENKELVOUDIG) INFORMATIEOBJECT aan: de inhoud als base64 in `inhoud`, of, met alleen "
        "`bestandsomvang`, in bestandsdelen (de response geeft ze en het lock om ze mee te uploaden).",
        "update": "Alleen met het lock van het document; elke wijziging maakt een nieuwe versie.",
        "partial_update": "Alleen met het lock van het document; elke wijziging maakt een nieuwe versie.",
        "destroy": "Niet zolang het document aan een zaak of besluit gerelateerd is (drc-008); versies, "
        "gebruiksrechten, inhoud en audit trail gaan mee.",
    },
)


@router.post(
    f"/{COLLECTION}/_zoek",
    operation_id="enkelvoudiginformatieobject__zoek",
    summary="Voer een zoekopdracht uit op (ENKELVOUDIG) INFORMATIEOBJECTen.",
    tags=[TAG],
    status_code=200,
    response_model=paginated_model_of(EnkelvoudigInformatieObjectExpanded, "PaginatedEnkelvoudigInformatieObjectList"),
)
@commits
def zoek(
    request: Request,
    session: Session,
    principal: Annotated[Principal, Depends(require_scopes(COMPONENT, SCOPE_LEZEN))],
    data: Annotated[EIOZoek, Body()],
    page: Annotated[int | None, Query(description="Een pagina binnen de gepagineerde set resultaten.")] = None,
) -> Response:
    ctx = Context(request, principal, session)
    if data.expand:
        check_expand(data.expand)
    uuids = []
    for index, value in enumerate(data.uuid__in):
        try:
            uuids.append(uuid_module.UUID(value))
        except ValueError:
            raise ValidationProblem.field(f"uuid__in.{index}", "invalid", f"{value!r} is geen geldige UUID.") from None
    query = newest_versions().where(visible(principal, (SCOPE_LEZEN,))).order_by(InformatieObject.id)
    query = service.filter(query, identificatie=data.identificatie, bronorganisatie=data.bronorganisatie, uuids=uuids)
    number = page_from(page)
    count, versions = fetch_page(session, query, number)
    results = service.serialize(ctx, versions)
    if data.expand:
        apply_expand(ctx, results, data.expand)
    return json_response(envelope(request, count=count, page=number, results=results))


register_resource(router, spec)


def detail(ctx: Context, object_uuid: uuid_module.UUID) -> InformatieObjectVersie:
    return load_or_404(ctx, spec, object_uuid)


@router.post(
    f"/{COLLECTION}/{{uuid}}/lock",
    operation_id="enkelvoudiginformatieobject_lock",
    summary="Vergrendel een (ENKELVOUDIG) INFORMATIEOBJECT.",
    description="Voor een wijziging is het lock nodig; het lock-id in de response is dat lock (drc-009).",
    tags=[TAG],
    response_model=LockResponse,
)
@commits
def lock(
    request: Request, session: Session, principal: Annotated[Principal, Depends(require_scopes(COMPONENT, SCOPE_LOCK))], uuid: UuidPath
) -> Response:
    ctx = Context(request, principal, session)
    versie = detail(ctx, uuid)
    ensure_allowed(ctx, (SCOPE_LOCK,), versie)
    canonical = versie.informatieobject
    rules.ensure_not_locked(canonical)
    canonical.lock = rules.new_lock()
    return json_response({"lock": canonical.lock})


@router.post(
    f"/{COLLECTION}/{{uuid}}/unlock",
    operation_id="enkelvoudiginformatieobject_unlock",
    summary="Ontgrendel een (ENKELVOUDIG) INFORMATIEOBJECT.",
    description="Met het lock-id van de lock; met de scope `documenten.geforceerd-unlock` ook zonder. "
    "Een upload in bestandsdelen wordt hier afgerond: alle delen moeten er zijn.",
    tags=[TAG],
    status_code=204,
    response_model=None,
    responses={204: {"description": "No content"}},
)
@commits
def unlock(
    request: Request,
    session: Session,
    principal: Annotated[Principal, Depends(require_scopes(COMPONENT, SCOPE_LOCK, SCOPE_GEFORCEERD_UNLOCK))],
    uuid: UuidPath,
    data: Annotated[UnlockRequest | None, Body()] = None,
) -> Response:
    ctx = Context(request, principal, session)
    versie = detail(ctx, uuid)
    ensure_allowed(ctx, (SCOPE_LOCK, SCOPE_GEFORCEERD_UNLOCK), versie)
    canonical = versie.informatieobject
    given = data.lock if data else ""
    # forced: without the right lock id, by a client with documenten.geforceerd-unlock
    forced = given != canonical.lock and rules.may_force_unlock(ctx, versie)
    rules.ensure_unlock_allowed(canonical, given, forced=forced)
    parts = list(
        session.scalars(select(BestandsDeel).where(BestandsDeel.informatieobject_id == canonical.id).order_by(BestandsDeel.volgnummer))
    )
    if parts:
        complete = rules.upload_complete(parts, forced=forced)
        if complete:
            oud = service.serialize(ctx, [versie])[0]
            versie.inhoud, versie.bestandsomvang = content.join(ctx, [part.inhoud for part in parts if part.inhoud])
            canonical.lock = ""
            session.flush()
            service.record(ctx, versie, "partial_update", oud)
        session.execute(delete(BestandsDeel).where(BestandsDeel.informatieobject_id == canonical.id))
        content.delete_after_commit(ctx, [part.inhoud for part in parts if part.inhoud])
    canonical.lock = ""
    return Response(status_code=204)


VersionQuery: Any = query_model(VersionParams)


@router.get(
    f"/{COLLECTION}/{{uuid}}/download",
    operation_id="enkelvoudiginformatieobject_download",
    summary="Download de binaire data van het (ENKELVOUDIG) INFORMATIEOBJECT.",
    tags=[TAG],
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "De binaire inhoud",
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
def download(
    request: Request,
    session: SessionDep,
    principal: Annotated[Principal, Depends(require_scopes(COMPONENT, SCOPE_LEZEN))],
    uuid: UuidPath,
    params: VersionQuery,
) -> Response:
    ctx = Context(request, principal, session)
    versie = load_version(ctx, uuid, params)
    if versie is None:
        raise NotFound("Geen informatieobject (of versie) gevonden met deze uuid.")
    ensure_allowed(ctx, (SCOPE_LEZEN,), versie)
    if not versie.inhoud:
        raise NotFound("Dit informatieobject heeft (nog) geen inhoud.")
    store = content.store(ctx)
    try:
        # the stored size is the version's bestandsomvang (every write sets both): no round trip
        # to the store for it, which on S3 would be a request per download
        size = versie.bestandsomvang if versie.bestandsomvang is not None else store.size(versie.inhoud)
        chunks = store.read(versie.inhoud)  # raises before the first chunk when absent
    except ContentMissing:
        raise NotFound("De inhoud van dit informatieobject is niet gevonden.") from None
    filename = versie.bestandsnaam or versie.identificatie
    headers = {"Content-Length": str(size), "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"}
    # the contract's one media type; `formaat` tells the client what the bytes are
    return StreamingResponse(chunks, media_type="application/octet-stream", headers=headers)


@router.put(
    "/bestandsdelen/{uuid}",
    operation_id="bestandsdeel_update",
    summary="Upload een bestandsdeel.",
    description="Eén deel van de inhoud van een informatieobject dat in bestandsdelen wordt geupload, met het lock van het informatieobject.",
    tags=["bestandsdelen"],
    response_model=BestandsDeelResponse,
)
@commits
def bestandsdeel_update(
    request: Request,
    session: Session,
    principal: Annotated[Principal, Depends(require_scopes(COMPONENT, SCOPE_BIJWERKEN))],
    uuid: UuidPath,
    lock: Annotated[str, Form(description="Hash string, which represents id of the lock of related informatieobject")],
    inhoud: Annotated[UploadFile, File(description="De (binaire) bestandsinhoud van dit specifieke bestandsdeel.")],
) -> Response:
    ctx = Context(request, principal, session)
    part = session.scalars(select(BestandsDeel).where(BestandsDeel.uuid == uuid)).first()
    if part is None:
        raise NotFound("Geen bestandsdeel gevonden met deze uuid.")
    document_uuid = session.scalar(select(InformatieObject.uuid).where(InformatieObject.id == part.informatieobject_id))
    versie = load_version(ctx, document_uuid) if document_uuid else None
    assert versie is not None  # the part's document (a part goes with its document)
    ensure_allowed(ctx, (SCOPE_BIJWERKEN,), versie)
    rules.ensure_part_lock(versie.informatieobject, lock)
    # the parser knows the size: a part of the wrong size is refused before it is stored
    rules.ensure_part_size(part, inhoud.size)
    key, size = content.write(ctx, content.file_chunks(inhoud.file), content.DELEN)
    rules.ensure_part_size(part, size)  # a rollback removes what was written
    content.delete_after_commit(ctx, [part.inhoud] if part.inhoud else [])
    part.inhoud = key
    body = {
        "url": ctx.url("bestandsdelen", part.uuid),
        "lock": versie.informatieobject.lock,
        "omvang": part.omvang,
        "inhoud": None,
        "voltooid": True,
        "volgnummer": part.volgnummer,
    }
    return json_response(body)


# ---------------------------------------------------------------- audit trail


def _ensure_trail_visible(ctx: Context, object_uuid: uuid_module.UUID) -> None:
    """The trail of a document outside the client's autorisaties is a 403."""
    versie = load_version(ctx, object_uuid)
    if versie is not None:
        ensure_allowed(ctx, (SCOPE_AUDITTRAILS_LEZEN, SCOPE_LEZEN), versie)


register_audittrail(
    router,
    trail=CHANGES.audittrail,
    component=COMPONENT,
    collection=COLLECTION,
    param="enkelvoudiginformatieobject_uuid",
    tag=TAG,
    hoofdobject="het INFORMATIEOBJECT",
    subject="dit informatieobject",
    ensure_visible=_ensure_trail_visible,
)
