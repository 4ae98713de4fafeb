"""The rules of the Documenten API on an informatieobject (drc-001, -005, -006, -007, -009, -010),
each in one function."""

import datetime as dt
import secrets

from sqlalchemy import func, select

from services.documenten.access import DOCUMENTEN, SCOPE_GEFORCEERD_UNLOCK
from services.documenten.enkelvoudiginformatieobject.models import InformatieObject
from services.documenten.gebruiksrechten.models import Gebruiksrechten
from services.documenten.objectinformatieobject.models import ObjectInformatieObject
from shared.errors import InvalidParam, ValidationProblem
from shared.resources import Context

# the keys that make a Catalogi API response an InformatieObjectType (Catalogi 1.3 required)
INFORMATIEOBJECTTYPE_SHAPE = ("url", "catalogus", "omschrijving", "vertrouwelijkheidaanduiding")


def informatieobjecttype(ctx: Context, url: str) -> dict:
    """drc-001: the informatieobjecttype resolves to an InformatieObjectType of a Catalogi API
    (`bad-url`, `invalid-resource`) that is published (`not-published`)."""
    data = ctx.request.app.state.remote.fetch_resource(
        url, "informatieobjecttype", "Catalogi API", "InformatieObjectType", INFORMATIEOBJECTTYPE_SHAPE, "informatieobjecttypen"
    )
    if data.get("concept"):
        raise ValidationProblem.field("informatieobjecttype", "not-published", f"Het informatieobjecttype {url} is nog niet gepubliceerd.")
    return data


def ensure_status_fits_ontvangstdatum(status: str, ontvangstdatum: dt.date | None) -> None:
    """drc-005: a received document (ontvangstdatum set) is not `in_bewerking` or
    `ter_vaststelling` (`invalid_for_received` on `status`, as the suite and Open Zaak say)."""
    if ontvangstdatum is not None and status in ("in_bewerking", "ter_vaststelling"):
        raise ValidationProblem.field(
            "status",
            "invalid_for_received",
            "De statuswaarden `in_bewerking` en `ter_vaststelling` zijn niet van toepassing op ontvangen informatieobjecten.",
        )


def ensure_gebruiksrechten_for_indicatie(ctx: Context, canonical: InformatieObject | None, indicatie: bool | None) -> None:
    """drc-006: indicatieGebruiksrecht follows the gebruiksrechten; it cannot be set true by hand
    while the document has none (`missing-gebruiksrechten`). Creating gebruiksrechten sets it."""
    if indicatie is not True:
        return
    count = 0
    if canonical is not None and canonical.id is not None:
        count = (
            ctx.session.scalar(select(func.count()).select_from(Gebruiksrechten).where(Gebruiksrechten.informatieobject_id == canonical.id))
            or 0
        )
    if not count:
        raise ValidationProblem.field(
            "indicatieGebruiksrecht",
            "missing-gebruiksrechten",
            "De indicatie kan niet `true` zijn zonder dat er gebruiksrechten zijn vastgelegd; maak die eerst aan.",
        )


def vertrouwelijkheidaanduiding(given: str, iotype: dict) -> str:
    """drc-007: the document's vertrouwelijkheidaanduiding, that of its informatieobjecttype when
    none is given."""
    return given or iotype.get("vertrouwelijkheidaanduiding") or "openbaar"


def ensure_lock(canonical: InformatieObject, lock: str | None, *, partial: bool) -> None:
    """drc-010: an update or partial update needs the document's current lock: on an unlocked
    document `unlocked`; without a lock `lock` `required` (update) or `missing-lock-id` (partial
    update); with another one `incorrect-lock-id` (the codes of the suite and Open Zaak)."""
    if not canonical.lock:
        raise ValidationProblem.field("nonFieldErrors", "unlocked", "Het informatieobject is niet gelocked: lock het eerst.")
    if not lock:
        if partial:
            raise ValidationProblem.field(
                "nonFieldErrors", "missing-lock-id", "Het lock-id is vereist om een gelocked informatieobject te wijzigen."
            )
        raise ValidationProblem(InvalidParam("lock", "required", "Dit veld is vereist."))
    if lock != canonical.lock:
        raise ValidationProblem.field("nonFieldErrors", "incorrect-lock-id", "Het opgegeven lock-id is onjuist.")


def ensure_not_locked(canonical: InformatieObject) -> None:
    """drc-009: a locked document cannot be locked again (`existing-lock`)."""
    if canonical.lock:
        raise ValidationProblem.field("nonFieldErrors", "existing-lock", "Het informatieobject is al gelocked.")


def ensure_no_relations(ctx: Context, canonical: InformatieObject) -> None:
    """drc-008: a document related to a zaak or besluit (objectinformatieobjecten) cannot be
    deleted (`pending-relations`)."""
    related = ctx.session.scalar(
        select(ObjectInformatieObject.id).where(ObjectInformatieObject.informatieobject_id == canonical.id).limit(1)
    )
    if related is not None:
        raise ValidationProblem.field(
            "nonFieldErrors",
            "pending-relations",
            "Het informatieobject is nog gerelateerd aan een zaak of besluit en kan niet verwijderd worden.",
        )


def new_lock() -> str:
    """drc-009: an unguessable lock id."""
    return secrets.token_hex(16)


def may_force_unlock(ctx: Context, versie) -> bool:
    """drc-009: `documenten.geforceerd-unlock` for the document's type unlocks without the id."""
    return DOCUMENTEN.allows(
        ctx.principal,
        (SCOPE_GEFORCEERD_UNLOCK,),
        versie.informatieobjecttype,
        versie.vertrouwelijkheidaanduiding,
        versie.informatieobjecttype_catalogus,
    )


def ensure_unlock_allowed(canonical: InformatieObject, lock: str, *, forced: bool) -> None:
    """drc-009: unlocking takes the current lock id (`incorrect-lock-id`), unless forced."""
    if not forced and lock != canonical.lock:
        raise ValidationProblem.field("nonFieldErrors", "incorrect-lock-id", "Het opgegeven lock-id is onjuist.")


def ensure_part_lock(canonical: InformatieObject, lock: str) -> None:
    """A bestandsdeel is uploaded with the lock of its document (`incorrect-lock-id`)."""
    if not canonical.lock or lock != canonical.lock:
        raise ValidationProblem.field("nonFieldErrors", "incorrect-lock-id", "Het opgegeven lock-id is onjuist.")


def ensure_part_size(part, size: int | None) -> None:
    """A bestandsdeel is exactly its `omvang` bytes (`file-size` on `inhoud`). None: not known yet."""
    if size is not None and size != part.omvang:
        raise ValidationProblem.field("inhoud", "file-size", f"Het bestandsdeel is {size} bytes; verwacht: {part.omvang}.")


def upload_complete(parts, *, forced: bool) -> bool:
    """Unlocking ends a chunked upload: every part must be there (`incomplete-upload`). A forced
    unlock of an incomplete upload abandons it (False: the parts go, the content stays as it was)."""
    if all(part.inhoud for part in parts):
        return True
    if forced:
        return False
    raise ValidationProblem.field("nonFieldErrors", "incomplete-upload", "Niet alle bestandsdelen zijn geupload.")
