"""Statussen: the history of a zaak. Setting a status applies the standard's rules on the zaak:
the statustype belongs to the zaaktype (zrc-016), the eindstatus closes the zaak (zrc-007) and
derives its archive data (zrc-021, `archiving.py`), a later non-eind status reopens it (zrc-008).

Order of checks, as the reference implementation: the client's create scopes for the zaak
(403), then validation (400: fields, then object rules, then closing), then the scope rules
of a second status and of a closed zaak (403), then the writes (status and zaak in one
transaction, with the status' audit record and notification).
"""

import datetime as dt
import functools
import uuid as uuid_module
from collections.abc import Callable

from sqlalchemy import Select, bindparam, exists, literal, select, union_all
from sqlalchemy.orm import aliased

from services.zaken.access import SCOPE_HEROPENEN, SCOPE_STATUSSEN_TOEVOEGEN, allows
from services.zaken.catalogi import catalogi
from services.zaken.common import ZaakChildService, zaak_weergave
from services.zaken.resultaat.models import Resultaat
from services.zaken.rol.models import Rol
from services.zaken.status import archiving
from services.zaken.status.models import Status
from services.zaken.status.schemas import StatusFilters, StatusRequestbody
from services.zaken.zaak.models import Zaak
from services.zaken.zaakinformatieobject.models import ZaakInformatieObject
from shared import utc
from shared.db import in_list, insert_new, is_postgresql, uuid_text
from shared.errors import InvalidParam, PermissionDenied, ValidationProblem
from shared.remote import same_url
from shared.resources import Context, local_uuid

_TRUE = {"true", "True", "1"}
_FALSE = {"false", "False", "0"}
# built once (every status write asks it): what the rules of a new status need of the zaak's
# history, in one statement: a status at the moment (unique), a later one (is the new one the
# latest), any status (the second-status scope rule), the resultaat's type (closing)
_HISTORY = select(
    exists().where(Status.zaak_id == bindparam("zaak_id"), Status.datum_status_gezet == bindparam("moment")).label("taken"),
    exists().where(Status.zaak_id == bindparam("zaak_id"), Status.datum_status_gezet > bindparam("moment")).label("later"),
    exists().where(Status.zaak_id == bindparam("zaak_id")).label("any"),
    select(Resultaat.resultaattype).where(Resultaat.zaak_id == bindparam("zaak_id")).limit(1).scalar_subquery().label("resultaattype"),
)


def is_latest_clause(status_model=Status):
    """indicatieLaatstGezetteStatus: no status of the same zaak was set later."""
    later = aliased(Status)
    return ~exists(
        select(later.id).where(later.zaak_id == status_model.zaak_id, later.datum_status_gezet > status_model.datum_status_gezet)
    )


class StatusService(ZaakChildService):
    model = Status
    collection = "statussen"
    resource = "status"
    notify_actions = frozenset({"create"})
    # newest first by datumStatusGezet (the zaak's history backwards), then newest created
    ordering = (Status.datum_status_gezet.desc(), Status.id.desc())
    equal_filters = {"statustype": Status.statustype}

    # ------------------------------------------------------------ reads

    def filter(self, ctx: Context, query: Select, filters: StatusFilters) -> Select:
        value = filters.indicatieLaatstGezetteStatus
        if value not in (None, ""):
            if value in _TRUE:
                query = query.where(is_latest_clause())
            elif value in _FALSE:
                query = query.where(~is_latest_clause())
            else:
                raise ValidationProblem.field("indicatieLaatstGezetteStatus", "invalid", "Kies `true` of `false`.")
        return query

    def load_page(self, ctx: Context, objects: list) -> dict:
        """For a page of statussen in one query: which is the latest of its zaak, the URL of the
        rol that set it, the zaakinformatieobjecten of the status."""
        ids = [s.id for s in objects]
        postgresql = is_postgresql(ctx.session)
        rows = ctx.session.connection().execute(_page_statement(postgresql), {"ids": ids})  # Core: no ORM result handling
        page: dict = {"latest": set(), "gezetdoor": {}, "zaakinformatieobjecten": {i: [] for i in ids}}
        base = ctx.api_root_url
        for kind, status_id, stored_uuid, _ in rows:
            # SQLite returns a UNION's uuid column as its stored text
            object_uuid = stored_uuid if postgresql else _uuid(stored_uuid)
            if kind == "latest":
                page["latest"].add(status_id)
            elif kind == "gezetdoor":
                page["gezetdoor"][status_id] = f"{base}/rollen/{object_uuid}"
            else:
                page["zaakinformatieobjecten"][status_id].append(f"{base}/zaakinformatieobjecten/{object_uuid}")
        return page

    def to_json(self, ctx: Context, obj: Status, page: dict) -> dict:
        return {
            "zaak": ctx.url("zaken", obj.zaak.uuid),
            "statustype": obj.statustype,
            "datumStatusGezet": utc.iso(obj.datum_status_gezet),
            "statustoelichting": obj.statustoelichting,
            "indicatieLaatstGezetteStatus": obj.id in page["latest"],
            "gezetdoor": page["gezetdoor"].get(obj.id),
            "zaakinformatieobjecten": page["zaakinformatieobjecten"][obj.id],
        }

    def weergave(self, obj: Status) -> str:
        return f"({zaak_weergave(obj.zaak)}) - {utc.iso(obj.datum_status_gezet)}"

    # ------------------------------------------------------------ writes

    def create(self, ctx: Context, data: StatusRequestbody) -> Status:
        # one status write at a time per zaak: the second-status, unique and closing rules read its history
        zaak = self.zaak_for_create(ctx, data.zaak, lock=True)
        moment = utc.aware(data.datumStatusGezet)

        # field rules
        problems: list[InvalidParam] = []
        statustype: dict | None = None
        if moment > utc.now():
            problems.append(date_in_future_problem())
        try:
            statustype = catalogi(ctx).fetch_type(data.statustype, "StatusType", "statustype", zaak.zaaktype)
        except ValidationProblem as exc:
            problems.extend(exc.invalid_params)
        gezetdoor: Rol | None = None
        try:
            gezetdoor = self.resolve_gezetdoor(ctx, data.gezetdoor)
        except ValidationProblem as exc:
            problems.extend(exc.invalid_params)
        if problems:
            raise ValidationProblem(*problems)

        assert statustype is not None  # fetched, or a problem above

        # object rules
        history = ctx.session.execute(_HISTORY, {"zaak_id": zaak.id, "moment": moment}).one()
        ensure_unique(history)
        ensure_statustype_of_zaaktype(statustype, zaak)
        ensure_gezetdoor_of_zaak(gezetdoor, zaak)
        eindstatus = is_eindstatus(ctx, statustype)
        closing = None
        if eindstatus:
            ensure_informatieobjecten_ready(ctx, zaak)
            closing = self.closing_changes(ctx, zaak, moment, history.resultaattype)

        # scope rules (after validation, as the reference implementation)
        self.ensure_may_add(ctx, zaak, history.any)

        status = Status(
            uuid=uuid_module.uuid4(),
            zaak_id=zaak.id,
            zaak=zaak,
            statustype=data.statustype,
            datum_status_gezet=moment,
            statustoelichting=data.statustoelichting or "",
            gezetdoor_id=gezetdoor.id if gezetdoor else None,
        )
        if not insert_new(ctx.session, status):  # the unique index, should a status come by another way than this lock
            raise unique_problem()  # the request's transaction is rolled back whole
        if closing is not None:
            for column, value in closing.items():
                setattr(zaak, column, value)
        else:
            reopen(zaak)
        # as the API shows it, without reading it back: the latest unless a later one exists, no
        # zaakinformatieobjecten yet
        page = {
            "latest": set() if history.later else {status.id},
            "gezetdoor": {status.id: f"{ctx.api_root_url}/rollen/{gezetdoor.uuid}"} if gezetdoor else {},
            "zaakinformatieobjecten": {status.id: []},
        }
        self.record(ctx, status, "create", nieuw=self.shown_as(ctx, status, page))
        return status

    # ------------------------------------------------------------ rules

    def resolve_gezetdoor(self, ctx: Context, url: str | None) -> Rol | None:
        """gezetdoor: a rol of this API (`no_match` for another URL, `does_not_exist` for an unknown rol)."""
        if not url:
            return None
        object_uuid = local_uuid(ctx, url, "rollen")
        if object_uuid is None:
            raise ValidationProblem.field("gezetdoor", "no_match", "Ongeldige hyperlink - Geen URL match.")
        rol = ctx.session.scalar(select(Rol).where(Rol.uuid == object_uuid))
        if rol is None:
            raise ValidationProblem.field("gezetdoor", "does_not_exist", "Ongeldige hyperlink - Object bestaat niet.")
        return rol

    def closing_changes(self, ctx: Context, zaak: Zaak, moment: dt.datetime, resultaattype_url: str | None) -> dict:
        """zrc-007 / zrc-021: closing needs a resultaat (`resultaattype_url`, its type); the zaak
        gets its einddatum (the date of the eindstatus) and, where still empty, archiefnominatie
        from the resultaattype, the derived archiefactiedatum and (for zaken to be destroyed,
        zrc-026) startdatumBewaartermijn."""
        if resultaattype_url is None:
            raise ValidationProblem.field(
                "nonFieldErrors", "resultaat-does-not-exist", "De zaak heeft geen resultaat; een zaak afsluiten vereist een resultaat."
            )
        resultaattype = catalogi(ctx).fetch(resultaattype_url, "ResultaatType", "nonFieldErrors")
        einddatum = moment.date()  # the UTC date of datumStatusGezet, as the reference implementation
        return closing_values(zaak, resultaattype, einddatum, lambda: archiving.archive_dates(ctx, zaak, resultaattype, einddatum))

    def ensure_may_add(self, ctx: Context, zaak: Zaak, has_status: bool) -> None:
        """zrc-008 and the status scopes: with only `zaken.aanmaken` a client sets the first status
        of a zaak (`has_status`: it has one), no second one; a status on a closed zaak (eind or
        not) needs `zaken.heropenen`."""
        principal = ctx.principal
        reach = (zaak.zaaktype, zaak.vertrouwelijkheidaanduiding, zaak.zaaktype_catalogus)
        may_reopen = allows(principal, (SCOPE_HEROPENEN,), *reach)
        may_add = may_reopen or allows(principal, (SCOPE_STATUSSEN_TOEVOEGEN,), *reach)
        if not may_add and has_status:
            raise PermissionDenied("Met de 'zaken.aanmaken' scope mag je slechts 1 status zetten.")
        if not may_reopen and zaak.einddatum is not None:
            raise PermissionDenied("Het heropenen van een afgesloten zaak vereist de scope zaken.heropenen.")


def ensure_unique(history) -> None:
    """A zaak has one status per datumStatusGezet (`nonFieldErrors` `unique`; `history.taken`: one
    is at the new status' moment)."""
    if history.taken:
        raise unique_problem()


def unique_problem() -> ValidationProblem:
    return ValidationProblem.field("nonFieldErrors", "unique", "De velden zaak en datumStatusGezet moeten een unieke set zijn.")


def date_in_future_problem() -> InvalidParam:
    """datumStatusGezet lies not in the future (`date-in-future`)."""
    return InvalidParam("datumStatusGezet", "date-in-future", "Deze datum mag niet in de toekomst zijn.")


def ensure_statustype_of_zaaktype(statustype: dict, zaak: Zaak) -> None:
    """zrc-016: the statustype belongs to the zaaktype of the zaak (`nonFieldErrors` `zaaktype-mismatch`)."""
    if not same_url(statustype.get("zaaktype"), zaak.zaaktype):
        raise ValidationProblem.field("nonFieldErrors", "zaaktype-mismatch", "De referentie hoort niet bij het zaaktype van de zaak.")


def ensure_gezetdoor_of_zaak(rol: Rol | None, zaak: Zaak) -> None:
    """gezetdoor is a rol of this zaak (`nonFieldErrors` `zaak-mismatch`)."""
    if rol is not None and rol.zaak_id != zaak.id:
        raise ValidationProblem.field("nonFieldErrors", "zaak-mismatch", "De rol hoort niet bij de zaak van de status.")


def is_eindstatus(ctx: Context, statustype: dict) -> bool:
    """zrc-007: the eindstatus is the statustype with the highest volgnummer of its zaaktype, as
    the Catalogi API says in `isEindstatus` (computed here when a Catalogi API leaves it out)."""
    if isinstance(statustype.get("isEindstatus"), bool):
        return statustype["isEindstatus"]
    zaaktype = catalogi(ctx).fetch(statustype["zaaktype"], "ZaakType", "statustype")
    volgnummers = []
    for url in zaaktype.get("statustypen") or []:
        other = url if isinstance(url, dict) else catalogi(ctx).fetch(url, "StatusType", "statustype")
        volgnummers.append(other.get("volgnummer") or 0)
    return (statustype.get("volgnummer") or 0) >= max(volgnummers, default=0)


def ensure_informatieobjecten_ready(ctx: Context, zaak: Zaak) -> None:
    """zrc-007: a zaak closes only when none of its informatieobjecten is locked
    (`informatieobject-locked`) and all have an indicatieGebruiksrecht
    (`indicatiegebruiksrecht-unset`), both `nonFieldErrors`; read from the Documenten API as they
    are now (not from the cache: gebruiksrechten and unlocks change them right before closing)."""
    urls = list(
        ctx.session.scalars(
            select(ZaakInformatieObject.informatieobject).where(ZaakInformatieObject.zaak_id == zaak.id).order_by(ZaakInformatieObject.id)
        )
    )
    fetched = [catalogi(ctx).fetch_json(url, "nonFieldErrors", "Documenten API", cached=False) for url in dict.fromkeys(urls)]
    documenten = [d if isinstance(d, dict) else {} for d in fetched]
    if any(d.get("locked") for d in documenten):
        raise ValidationProblem.field(
            "nonFieldErrors", "informatieobject-locked", "Er zijn gerelateerde informatieobjecten die nog gelocked zijn."
        )
    if any(d.get("indicatieGebruiksrecht") is None for d in documenten):
        raise ValidationProblem.field(
            "nonFieldErrors",
            "indicatiegebruiksrecht-unset",
            "Er zijn gerelateerde informatieobjecten waarvoor `indicatieGebruiksrecht` nog niet specifiek gezet is. "
            "Je moet deze zetten voor je de zaak kan afsluiten.",
        )


def reopen(zaak: Zaak) -> None:
    """zrc-008: a non-eind status leaves the zaak open; on a closed zaak it clears einddatum,
    archiefnominatie and archiefactiedatum."""
    if zaak.einddatum is not None:
        zaak.archiefnominatie = None
        zaak.archiefactiedatum = None
    zaak.einddatum = None


def _uuid(value) -> uuid_module.UUID:
    return value if isinstance(value, uuid_module.UUID) else uuid_module.UUID(str(value))


@functools.cache
def _page_statement(postgresql: bool):
    """`load_page`'s query for a page of statussen (`ids`), built once per dialect (building it,
    with the aliased status of `is_latest_clause`, cost more than running it)."""

    def of_page(column):
        return in_list(column, postgresql, name="ids")

    def as_text(column):
        return uuid_text(column, postgresql)

    parts = [
        select(literal("latest").label("kind"), Status.id.label("status_id"), as_text(Status.uuid).label("uuid"), Status.id.label("row_id"))
        .where(of_page(Status.id), is_latest_clause()),
        select(literal("gezetdoor"), Status.id, as_text(Rol.uuid), Rol.id)
        .join(Rol, Rol.id == Status.gezetdoor_id)
        .where(of_page(Status.id)),
        select(literal("zaakinformatieobjecten"), ZaakInformatieObject.status_id, as_text(ZaakInformatieObject.uuid), ZaakInformatieObject.id)
        .where(of_page(ZaakInformatieObject.status_id)),
    ]  # fmt: skip
    return union_all(*parts).order_by("kind", "row_id")


__all__ = ["StatusService"]


def closing_values(zaak, resultaattype: dict, einddatum: dt.date, archive_dates: Callable[[], archiving.ArchiveDates]) -> dict:
    """zrc-021: what closing sets on the zaak (an object with its archiefnominatie,
    archiefactiedatum and startdatum_bewaartermijn): the einddatum and, where still empty,
    archiefnominatie from the resultaattype, the derived archiefactiedatum (`archive_dates` is
    asked only then) and, for zaken to be destroyed (zrc-026), startdatumBewaartermijn."""
    changes: dict = {"einddatum": einddatum}
    archiefnominatie = zaak.archiefnominatie or resultaattype.get("archiefnominatie") or None
    changes["archiefnominatie"] = archiefnominatie
    if zaak.archiefactiedatum is None:
        dates = archive_dates()
        changes["archiefactiedatum"] = dates.archiefactiedatum
        if zaak.startdatum_bewaartermijn is None and archiefnominatie == "vernietigen" and dates.brondatum is not None:
            changes["startdatum_bewaartermijn"] = dates.brondatum
    return changes
