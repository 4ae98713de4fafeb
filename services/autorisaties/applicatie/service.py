"""Applicaties: the rules of the Autorisaties API 1.0 (as the reference implementation,
vng-api-common `authorizations/serializers.py` + `validators.py`) and their queries.

Rules (each in one function):
- `ensure_client_ids_free`: a client_id belongs to one applicatie -> `clientIds` / `clientId-exists`.
- `ensure_component_fields`: per component the fields its main scopes need -> `autorisaties.<i>.<field>`
  / `required` (zrc: zaaktype + maxVertrouwelijkheidaanduiding, drc: informatieobjecttype +
  maxVertrouwelijkheidaanduiding, brc: besluittype); a `catalogus` (extension) replaces the type.
- `ensure_autorisaties_or_all`: heeftAlleAutorisaties xor autorisaties -> `nonFieldErrors` /
  `ambiguous-authorizations-specified` or `missing-authorizations`.
Writes notify on kanaal `autorisaties` (resource `applicatie`) through the outbox.
"""

import uuid as uuid_module
from dataclasses import dataclass

from sqlalchemy import Select, delete, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.autorisaties.applicatie.models import (
    Applicatie,
    ApplicatieClientId,
    Autorisatie,
)
from services.autorisaties.applicatie.schemas import (
    COMPONENT_WEERGAVE,
    ApplicatieFilters,
    ApplicatieRequest,
    AutorisatieRequest,
)
from services.autorisaties.db import outbox
from shared.api_model import split_commas
from shared.autorisaties import KANAAL
from shared.errors import InvalidParam, ValidationProblem
from shared.resources import Context

RESOURCE = "applicatie"
COLLECTION = "applicaties"

# The fields a component's autorisatie carries (others sent are dropped, as the RI's polymorphic
# serializer does); `catalogus` is our extension for the components with types.
COMPONENT_FIELDS: dict[str, tuple[str, ...]] = {
    "zrc": ("zaaktype", "max_vertrouwelijkheidaanduiding", "catalogus"),
    "drc": ("informatieobjecttype", "max_vertrouwelijkheidaanduiding", "catalogus"),
    "brc": ("besluittype", "catalogus"),
    "nrc": (),
    "ztc": (),
    "ac": (),
}
# (type field, other required fields, the scope prefix that makes them required)
REQUIRED_PER_COMPONENT: dict[str, tuple[str, tuple[str, ...], str]] = {
    "zrc": ("zaaktype", ("max_vertrouwelijkheidaanduiding",), "zaken."),
    "drc": ("informatieobjecttype", ("max_vertrouwelijkheidaanduiding",), "documenten."),
    "brc": ("besluittype", (), "besluiten."),
}
API_NAMES = {
    "zaaktype": "zaaktype",
    "informatieobjecttype": "informatieobjecttype",
    "besluittype": "besluittype",
    "max_vertrouwelijkheidaanduiding": "maxVertrouwelijkheidaanduiding",
    "catalogus": "catalogus",
}


@dataclass
class Wanted:
    """The state a write leads to: what is sent, or else what is stored."""

    client_ids: list[str]
    label: str
    heeft_alle_autorisaties: bool
    autorisaties: list[dict]


def autorisatie_values(data: AutorisatieRequest) -> dict:
    """The stored columns of a sent autorisatie: blank for what its component does not carry."""
    kept = COMPONENT_FIELDS[data.component]
    values: dict[str, object] = {"component": data.component, "scopes": list(data.scopes)}
    for name in API_NAMES:
        values[name] = (getattr(data, name) or "") if name in kept else ""
    return values


# ---------------------------------------------------------------- rules


def ensure_client_ids_free(session: Session, client_ids: list[str], own_id: int | None) -> list[InvalidParam]:
    """A client_id belongs to one applicatie (RI UniqueClientIDValidator): `clientIds` / `clientId-exists`."""
    if not client_ids:
        return []
    query = (
        select(ApplicatieClientId.client_id, Applicatie.uuid)
        .join(Applicatie, Applicatie.id == ApplicatieClientId.applicatie_id)
        .where(ApplicatieClientId.client_id.in_(client_ids))
    )
    if own_id is not None:
        query = query.where(ApplicatieClientId.applicatie_id != own_id)
    taken = session.execute(query).all()
    if not taken:
        return []
    ids = ", ".join(sorted({row[0] for row in taken}))
    owners = ", ".join(sorted({str(row[1]) for row in taken}))
    return [InvalidParam("clientIds", "clientId-exists", f"De clientID(s) {ids} worden al gebruikt in applicatie(s) {owners}.")]


def ensure_component_fields(autorisaties: list[dict]) -> list[InvalidParam]:
    """Per component the fields its main scopes need (RI AutorisatieValidator): zrc zaaktype +
    maxVertrouwelijkheidaanduiding, drc informatieobjecttype + maxVertrouwelijkheidaanduiding, brc
    besluittype; only when a scope of the component's main resource is given (`zaken.`,
    `documenten.`, `besluiten.`). Extension: a `catalogus` stands in for the type, not with it."""
    problems: list[InvalidParam] = []
    for index, autorisatie in enumerate(autorisaties):
        rule = REQUIRED_PER_COMPONENT.get(autorisatie["component"])
        if rule is None:
            continue
        type_field, others, prefix = rule
        if autorisatie["catalogus"] and autorisatie[type_field]:
            problems.append(
                InvalidParam(
                    f"autorisaties.{index}.catalogus",
                    "ambiguous-type-specified",
                    f"Geef `{API_NAMES[type_field]}` of `catalogus`, niet beide.",
                )
            )
        if not any(scope.startswith(prefix) for scope in autorisatie["scopes"]):
            continue
        needed = others if autorisatie["catalogus"] else (type_field, *others)
        for name in needed:
            if not autorisatie[name]:
                problems.append(
                    InvalidParam(
                        f"autorisaties.{index}.{API_NAMES[name]}",
                        "required",
                        f"Dit veld is vereist als `component` {autorisatie['component']} is.",
                    )
                )
    return problems


def ensure_autorisaties_or_all(wanted: Wanted) -> None:
    """Either heeftAlleAutorisaties or autorisaties (RI ApplicatieSerializer.validate)."""
    if wanted.autorisaties and wanted.heeft_alle_autorisaties:
        raise ValidationProblem.field(
            "nonFieldErrors",
            "ambiguous-authorizations-specified",
            "Geef autorisaties of heeftAlleAutorisaties, niet beide.",
        )
    if not wanted.autorisaties and not wanted.heeft_alle_autorisaties:
        raise ValidationProblem.field("nonFieldErrors", "missing-authorizations", "Geef autorisaties of heeftAlleAutorisaties.")


def validate(session: Session, wanted: Wanted, own_id: int | None) -> None:
    """Field errors first, all of them at once; the object-level rule only when the fields are valid
    (as DRF does)."""
    problems = ensure_client_ids_free(session, wanted.client_ids, own_id) + ensure_component_fields(wanted.autorisaties)
    if problems:
        raise ValidationProblem(*problems)
    ensure_autorisaties_or_all(wanted)


# ---------------------------------------------------------------- queries


def details(session: Session, ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[Autorisatie]]]:
    """The client_ids and autorisaties of these applicaties: two queries for a whole page."""
    client_ids: dict[int, list[str]] = {i: [] for i in ids}
    autorisaties: dict[int, list[Autorisatie]] = {i: [] for i in ids}
    if ids:
        for applicatie_id, client_id in session.execute(
            select(ApplicatieClientId.applicatie_id, ApplicatieClientId.client_id)
            .where(ApplicatieClientId.applicatie_id.in_(ids))
            .order_by(ApplicatieClientId.position, ApplicatieClientId.id)
        ):
            client_ids[applicatie_id].append(client_id)
        for autorisatie in session.scalars(
            select(Autorisatie).where(Autorisatie.applicatie_id.in_(ids)).order_by(Autorisatie.position, Autorisatie.id)
        ):
            autorisaties[autorisatie.applicatie_id].append(autorisatie)
    return client_ids, autorisaties


def autorisatie_dict(autorisatie: Autorisatie) -> dict:
    """As the RI shows it: the fields of its component (blank as ''); `catalogus` only when set."""
    data: dict = {
        "component": autorisatie.component,
        "componentWeergave": COMPONENT_WEERGAVE.get(autorisatie.component, ""),
        "scopes": list(autorisatie.scopes or []),
    }
    for name in COMPONENT_FIELDS.get(autorisatie.component, ()):
        value = getattr(autorisatie, name) or ""
        if name == "catalogus" and not value:
            continue
        data[API_NAMES[name]] = value
    return data


def applicatie_dicts(session: Session, objects: list[Applicatie], url_of=None) -> list[dict]:
    client_ids, autorisaties = details(session, [a.id for a in objects])
    out = []
    for applicatie in objects:
        data = {"url": url_of(applicatie)} if url_of else {}
        data.update(
            {
                "clientIds": client_ids[applicatie.id],
                "label": applicatie.label,
                "heeftAlleAutorisaties": applicatie.heeft_alle_autorisaties,
                "autorisaties": [autorisatie_dict(a) for a in autorisaties[applicatie.id]],
            }
        )
        out.append(data)
    return out


def by_client_id(session: Session, client_id: str) -> Applicatie | None:
    return session.scalar(
        select(Applicatie)
        .join(ApplicatieClientId, ApplicatieClientId.applicatie_id == Applicatie.id)
        .where(ApplicatieClientId.client_id == client_id)
    )


# ---------------------------------------------------------------- the resource


class ApplicatieService:
    def list_query(self, ctx: Context, filters: ApplicatieFilters) -> Select:
        """`clientIds=a,b`: the applicaties holding all of these client_ids (RI: ArrayField contains)."""
        query = select(Applicatie)
        for client_id in split_commas(filters.client_ids):
            query = query.where(
                exists().where(ApplicatieClientId.applicatie_id == Applicatie.id, ApplicatieClientId.client_id == client_id)
            )
        return query.order_by(Applicatie.id.desc())

    def get(self, ctx: Context, object_uuid: uuid_module.UUID, params=None) -> Applicatie | None:
        return ctx.session.scalar(select(Applicatie).where(Applicatie.uuid == object_uuid))

    def serialize(self, ctx: Context, objects: list[Applicatie]) -> list[dict]:
        return applicatie_dicts(ctx.session, objects, lambda a: ctx.url(COLLECTION, a.uuid))

    def create(self, ctx: Context, data: ApplicatieRequest) -> Applicatie:
        wanted = Wanted(
            client_ids=_unique(data.client_ids),
            label=data.label,
            heeft_alle_autorisaties=data.heeft_alle_autorisaties,
            autorisaties=[autorisatie_values(a) for a in data.autorisaties],
        )
        validate(ctx.session, wanted, None)
        applicatie = Applicatie(uuid=uuid_module.uuid4(), label=wanted.label, heeft_alle_autorisaties=wanted.heeft_alle_autorisaties)
        ctx.session.add(applicatie)
        ctx.session.flush()
        self._store(ctx.session, applicatie, wanted, client_ids=True, autorisaties=True)
        self._notify(ctx, applicatie, "create")
        return applicatie

    def update(self, ctx: Context, obj: Applicatie, data: ApplicatieRequest, partial: bool) -> Applicatie:
        """PUT replaces everything (absent autorisaties: none); PATCH what was sent (autorisaties
        sent replace the stored ones)."""
        sent = data.model_fields_set if partial else {"client_ids", "label", "heeft_alle_autorisaties", "autorisaties"}
        stored_ids, stored_autorisaties = details(ctx.session, [obj.id])
        wanted = Wanted(
            client_ids=_unique(data.client_ids) if "client_ids" in sent else stored_ids[obj.id],
            label=data.label if "label" in sent else obj.label,
            heeft_alle_autorisaties=(data.heeft_alle_autorisaties if "heeft_alle_autorisaties" in sent else obj.heeft_alle_autorisaties),
            autorisaties=(
                [autorisatie_values(a) for a in data.autorisaties]
                if "autorisaties" in sent
                else [_stored_values(a) for a in stored_autorisaties[obj.id]]
            ),
        )
        validate(ctx.session, wanted, obj.id)
        obj.label = wanted.label
        obj.heeft_alle_autorisaties = wanted.heeft_alle_autorisaties
        self._store(ctx.session, obj, wanted, client_ids="client_ids" in sent, autorisaties="autorisaties" in sent)
        self._notify(ctx, obj, "partial_update" if partial else "update")
        return obj

    def delete(self, ctx: Context, obj: Applicatie) -> None:
        url = ctx.url(COLLECTION, obj.uuid)
        ctx.session.delete(obj)  # client_ids and autorisaties go with it (ON DELETE CASCADE)
        ctx.session.flush()
        outbox.enqueue(ctx.session, kanaal=KANAAL, hoofd_object=url, resource=RESOURCE, resource_url=url, actie="destroy", kenmerken={})

    def consumer(self, ctx: Context, client_id: str) -> Applicatie | None:
        return by_client_id(ctx.session, client_id)

    def _store(self, session: Session, applicatie: Applicatie, wanted: Wanted, *, client_ids: bool, autorisaties: bool) -> None:
        if client_ids:
            # delete first: a client_id kept by this applicatie is re-inserted, not duplicated
            session.execute(delete(ApplicatieClientId).where(ApplicatieClientId.applicatie_id == applicatie.id))
            session.add_all(
                ApplicatieClientId(applicatie_id=applicatie.id, client_id=client_id, position=position)
                for position, client_id in enumerate(wanted.client_ids)
            )
        if autorisaties:
            session.execute(delete(Autorisatie).where(Autorisatie.applicatie_id == applicatie.id))
            session.add_all(
                Autorisatie(applicatie_id=applicatie.id, position=position, **values) for position, values in enumerate(wanted.autorisaties)
            )
        try:
            session.flush()
        except IntegrityError:  # a concurrent write took one of these client_ids
            raise ValidationProblem.field("clientIds", "clientId-exists", "Een van deze clientID's wordt al gebruikt.") from None

    def _notify(self, ctx: Context, applicatie: Applicatie, actie: str) -> None:
        url = ctx.url(COLLECTION, applicatie.uuid)
        outbox.enqueue(ctx.session, kanaal=KANAAL, hoofd_object=url, resource=RESOURCE, resource_url=url, actie=actie, kenmerken={})


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _stored_values(autorisatie: Autorisatie) -> dict:
    values = {"component": autorisatie.component, "scopes": list(autorisatie.scopes or [])}
    for name in API_NAMES:
        values[name] = getattr(autorisatie, name) or ""
    return values
