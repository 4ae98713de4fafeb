"""The rules of the standard on the fields of a zaak (zrc-002, -010 .. -015, -022), each in one
function, and the planned dates it derives from its zaaktype."""

import datetime as dt
from typing import NoReturn

from sqlalchemy import (
    select,
)

from services.zaken.catalogi import catalogi
from services.zaken.common import (
    resolve_zaak,
)
from services.zaken.zaak.models import Zaak
from services.zaken.zaak.schemas import ZaakRequest
from services.zaken.zaakinformatieobject.models import ZaakInformatieObject
from shared import utc
from shared.errors import InvalidParam, ValidationProblem
from shared.fields import add_duration
from shared.resources import Context, local_uuid


def ensure_hoofdzaak(ctx: Context, zaak: Zaak | None, url: str) -> Zaak:
    """zrc-013: the hoofdzaak is a zaak of this API, not the zaak itself, and not a deelzaak."""
    hoofdzaak = resolve_zaak(ctx, url, "hoofdzaak", missing_code="does_not_exist")
    if zaak is not None and hoofdzaak.id == zaak.id:
        raise ValidationProblem.field("hoofdzaak", "self-forbidden", "De 'hoofdzaak' mag niet naar de zaak zelf verwijzen.")
    if hoofdzaak.hoofdzaak_id is not None:
        raise ValidationProblem.field("hoofdzaak", "deelzaak-als-hoofdzaak", "Deelzaken van deelzaken wordt niet ondersteund.")
    # the other way round: a zaak with deelzaken of its own does not become a deelzaak
    if (
        zaak is not None
        and zaak.hoofdzaak_id != hoofdzaak.id
        and ctx.session.scalar(select(Zaak.id).where(Zaak.hoofdzaak_id == zaak.id).limit(1)) is not None
    ):
        raise ValidationProblem.field("hoofdzaak", "deelzaak-als-hoofdzaak", "Deelzaken van deelzaken wordt niet ondersteund.")
    return hoofdzaak


def ensure_betaling(betalingsindicatie: str, laatste_betaaldatum: dt.datetime | None, given: bool) -> None:
    """zrc-014: with betalingsindicatie `nvt` there is no laatsteBetaaldatum (and switching to `nvt`
    clears it: see `apply`). A betaaldatum lies not in the future."""
    if laatste_betaaldatum is None or not given:
        return
    if betalingsindicatie == "nvt":
        raise ValidationProblem.field(
            "laatsteBetaaldatum", "betaling-nvt", 'Laatste betaaldatum kan niet gezet worden als de betalingsindicatie "nvt" is.'
        )
    if utc.aware(laatste_betaaldatum) > utc.now() + dt.timedelta(seconds=5):
        raise ValidationProblem.field("laatsteBetaaldatum", "future_not_allowed", "Deze datum mag niet in de toekomst liggen.")


def ensure_producten_of_diensten(producten: list[str], zaaktype: dict) -> None:
    """zrc-015: productenOfDiensten is a subset of those of the zaaktype."""
    allowed = set(zaaktype.get("productenOfDiensten") or [])
    if set(producten) - allowed:
        raise ValidationProblem.field(
            "productenOfDiensten",
            "invalid-products-services",
            "Niet alle producten/diensten komen voor in de producten/diensten op het zaaktype.",
        )


def ensure_relevante_andere_zaken(ctx: Context, relaties: list) -> None:
    """zrc-011: every relevanteAndereZaken[i].url resolves to a zaak (ours, or of another Zaken API)."""
    problems = []
    for index, relatie in enumerate(relaties):
        url = relatie.url
        object_uuid = local_uuid(ctx, url, "zaken")
        if object_uuid is not None and url.startswith(ctx.api_root_url):
            if ctx.session.scalar(select(Zaak.id).where(Zaak.uuid == object_uuid)) is None:
                problems.append(
                    InvalidParam(f"relevanteAndereZaken.{index}.url", "bad-url", f"De URL {url} verwijst niet naar een bestaande zaak.")
                )
            continue
        try:
            data = catalogi(ctx).fetch_json(url, f"relevanteAndereZaken.{index}.url", "Zaken API")
        except ValidationProblem as exc:
            problems.extend(exc.invalid_params)
            continue
        if not isinstance(data, dict) or not {"url", "zaaktype", "bronorganisatie"} <= set(data):
            problems.append(
                InvalidParam(f"relevanteAndereZaken.{index}.url", "invalid-resource", f"De URL {url} verwijst niet naar een zaak.")
            )
    if problems:
        raise ValidationProblem(*problems)


def ensure_communicatiekanaal(ctx: Context, url: str) -> None:
    """zrc-010: communicatiekanaal is a communicatiekanaal of the Referentielijsten API."""
    data = catalogi(ctx).fetch_json(url, "communicatiekanaal", "Referentielijsten API")
    if not isinstance(data, dict) or not {"url", "naam", "omschrijving"} <= set(data):
        raise ValidationProblem.field("communicatiekanaal", "invalid-resource", f"De URL {url} verwijst niet naar een communicatiekanaal.")


SELECTIELIJST_RESULTAAT = ("url", "procesType", "nummer", "naam", "waardering")


def ensure_selectielijstklasse(ctx: Context, url: str) -> None:
    """selectielijstklasse is a resultaat of the Selectielijst (Referentielijsten API): `bad-url`
    when it does not answer, `invalid-resource` when it is something else (vng-api-common
    ResourceValidator('Resultaat'))."""
    data = catalogi(ctx).fetch_json(url, "selectielijstklasse", "Referentielijsten API")
    if not isinstance(data, dict) or any(key not in data for key in SELECTIELIJST_RESULTAAT):
        raise ValidationProblem.field(
            "selectielijstklasse", "invalid-resource", f"De URL {url} verwijst niet naar een selectielijst-resultaat."
        )


def ensure_archiefstatus(
    ctx: Context, zaak: Zaak | None, archiefstatus: str, archiefnominatie: str | None, archiefactiedatum: dt.date | None
) -> None:
    """zrc-022: a zaak leaves `nog_te_archiveren` only with archiefnominatie and archiefactiedatum
    set and (for an existing zaak) every informatieobject `gearchiveerd`, each read as it is now
    (not from the cache: the client archives the documents right before)."""
    if archiefstatus == "nog_te_archiveren":
        return
    if zaak is not None:
        urls = ctx.session.scalars(select(ZaakInformatieObject.informatieobject).where(ZaakInformatieObject.zaak_id == zaak.id)).all()
        for url in urls:
            document = catalogi(ctx).fetch_json(url, "archiefstatus", "Documenten API", cached=False)
            if not isinstance(document, dict) or document.get("status") != "gearchiveerd":
                raise ValidationProblem.field(
                    "archiefstatus",
                    "documents-not-archived",
                    "Er zijn gerelateerde informatieobjecten waarvan de `status` nog niet gelijk is aan `gearchiveerd`.",
                )
    if not archiefnominatie:
        raise ValidationProblem.field(
            "archiefnominatie",
            "archiefnominatie-not-set",
            "Moet van een waarde voorzien zijn als de 'Archiefstatus' een waarde heeft anders dan 'nog_te_archiveren'.",
        )
    if archiefactiedatum is None:
        raise ValidationProblem.field(
            "archiefactiedatum",
            "archiefactiedatum-not-set",
            "Moet van een waarde voorzien zijn als de 'Archiefstatus' een waarde heeft anders dan 'nog_te_archiveren'.",
        )


def ensure_unique_identificatie(ctx: Context, bronorganisatie: str, identificatie: str, zaak: Zaak | None) -> None:
    """zrc-002: identificatie is unique per bronorganisatie."""
    query = select(Zaak.id).where(Zaak.bronorganisatie == bronorganisatie, Zaak.identificatie == identificatie)
    if zaak is not None:
        query = query.where(Zaak.id != zaak.id)
    if ctx.session.scalar(query) is not None:
        raise_identificatie_taken(identificatie)


def raise_identificatie_taken(identificatie: str) -> NoReturn:
    raise ValidationProblem.field(
        "identificatie", "identificatie-niet-uniek", f"Deze identificatie ({identificatie}) bestaat al voor deze bronorganisatie."
    )


def derive_planned_dates(data: ZaakRequest, zaaktype: dict, fields: set[str]) -> dict[str, dt.date | None]:
    """When omitted: uiterlijkeEinddatumAfdoening = startdatum + the zaaktype's doorlooptijd (the
    legal term), einddatumGepland = startdatum + its servicenorm (the organisation's own, shorter
    norm), or the doorlooptijd where it has none."""
    derived = {}
    doorlooptijd, servicenorm = zaaktype.get("doorlooptijd"), zaaktype.get("servicenorm")
    if "uiterlijkeEinddatumAfdoening" not in fields and doorlooptijd:
        derived["uiterlijke_einddatum_afdoening"] = _plus(data.startdatum, doorlooptijd)
    norm = servicenorm or doorlooptijd
    if "einddatumGepland" not in fields and norm:
        derived["einddatum_gepland"] = _plus(data.startdatum, norm)
    return {k: v for k, v in derived.items() if v is not None}


def _plus(day: dt.date, duration: str) -> dt.date | None:
    try:
        return add_duration(day, duration)
    except (ValueError, OverflowError):
        return None  # a Catalogi API with a duration we cannot read: leave the date to the client
