"""zrc-021: the archive dates of a zaak that is closed (its eindstatus is set).

`archiefactiedatum = brondatum + resultaattype.archiefactietermijn`, where the brondatum (the
start of the archiving period) follows `resultaattype.brondatumArchiefprocedure.afleidingswijze`:

- `afgehandeld`: the einddatum of the zaak (the date of the eindstatus).
- `termijn`: the einddatum plus `brondatumArchiefprocedure.procestermijn` (missing or unreadable
  procestermijn: error).
- `hoofdzaak`: the einddatum of the hoofdzaak. No hoofdzaak, or a hoofdzaak that is still open:
  no brondatum, archiefactiedatum stays empty.
- `eigenschap`: the waarde of the zaak's ZaakEigenschap whose naam is `datumkenmerk`, read as an
  ISO 8601 date or date-time (also the compact `jjjjmmdd` / `jjjjmmdduummss` of the Catalogi
  formaat `datum` / `datum_tijd`). No datumkenmerk, no such eigenschap or a waarde that is no
  date: error; an empty waarde: archiefactiedatum stays empty.
- `zaakobject`: the latest value of attribute `datumkenmerk` (dotted for nested attributes) of
  the objects (their `objectIdentificatie`, else the `object` URL fetched) of the zaak's zaakobjecten of objectType
  `brondatumArchiefprocedure.objecttype`. No objecttype/datumkenmerk, an object that cannot be
  fetched or no date found: error.
- `gerelateerde_zaak`: the latest einddatum of the zaken in relevanteAndereZaken (zaken of this
  API are read locally, others fetched). No related zaak with an einddatum: error.
- `ingangsdatum_besluit` / `vervaldatum_besluit`: the latest ingangsdatum / vervaldatum of the
  besluiten of the zaak (the Besluit URLs of its ZaakBesluiten, fetched from the Besluiten API).
  No besluiten, or none with that date: error. A besluit that cannot be fetched (Besluiten API
  unreachable, URL not answering): no brondatum, archiefactiedatum stays empty (the archivist
  sets it, as with `ander_datumkenmerk`).
- `ander_datumkenmerk`: the date lives in another registration: archiefactiedatum stays empty
  (to be set by hand).
- no (or an unknown) afleidingswijze, or a resultaattype without archiefactietermijn:
  archiefactiedatum stays empty.

Every error is a 400 `nonFieldErrors` `archiefactiedatum-error` on the status that closes the
zaak (as the reference implementations' DetermineProcessEndDateException).
"""

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select

from services.zaken.catalogi import catalogi
from services.zaken.zaak.models import Zaak
from services.zaken.zaakbesluit.models import ZaakBesluit
from services.zaken.zaakeigenschap.models import ZaakEigenschap
from services.zaken.zaakobject.models import ZaakObject
from shared.errors import ProblemError, ValidationProblem
from shared.fields import add_duration
from shared.resources import Context, local_uuid

ERROR_CODE = "archiefactiedatum-error"


class BrondatumError(Exception):
    """The brondatum cannot be determined from the data of the zaak (400 `archiefactiedatum-error`)."""


@dataclass
class ArchiveDates:
    brondatum: dt.date | None
    archiefactiedatum: dt.date | None


def parse_date_value(value) -> dt.date:
    """A date in a waarde or attribute: ISO 8601 date or date-time, or compact jjjjmmdd[uummss]."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError(value)
    text = value.strip()
    if re.fullmatch(r"\d{14}", text):
        return dt.datetime.strptime(text, "%Y%m%d%H%M%S").date()
    if re.fullmatch(r"\d{8}|\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    if unpadded := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):  # "2013-1-1", as clients send it
        return dt.date(*(int(part) for part in unpadded.groups()))
    return dt.datetime.fromisoformat(text).date()


def _latest(dates: list[dt.date], none_found: str) -> dt.date:
    """The brondatum from several sources: the latest; `none_found`, the error without any."""
    if not dates:
        raise BrondatumError(none_found)
    return max(dates)


def _date_in(value, invalid: str) -> dt.date | None:
    """`value` (a waarde or attribute) as a date, None when it is empty; `invalid`: the error when
    it is no date."""
    if value in (None, ""):
        return None
    try:
        return parse_date_value(value)
    except ValueError:
        raise BrondatumError(invalid) from None


def _plus(day: dt.date, duration: str | None, what: str) -> dt.date:
    try:
        return add_duration(day, duration or "")
    except (ValueError, OverflowError):
        raise BrondatumError(f"{what} {duration!r} is geen geldige ISO 8601-duur.") from None


def _fetch(ctx: Context, url: str, api: str) -> dict:
    data = catalogi(ctx).fetch_json(url, "nonFieldErrors", api)
    if not isinstance(data, dict):
        raise BrondatumError(f"{url} geeft geen object.")
    return data


def _attribute(data: dict, path: str):
    value = data
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def brondatum(ctx: Context, zaak: Zaak, resultaattype: dict, einddatum: dt.date) -> dt.date | None:
    """zrc-021: the brondatum of the archiving period by brondatumArchiefprocedure.afleidingswijze
    (see the module docstring); None where the standard leaves the date to be set by hand."""
    procedure = resultaattype.get("brondatumArchiefprocedure") or {}
    afleidingswijze = procedure.get("afleidingswijze") or ""
    datumkenmerk = procedure.get("datumkenmerk") or ""
    objecttype = procedure.get("objecttype") or ""

    if afleidingswijze == "afgehandeld":
        return einddatum
    if afleidingswijze == "termijn":
        if not procedure.get("procestermijn"):
            raise BrondatumError("Geen procestermijn in brondatumArchiefprocedure bij afleidingswijze termijn.")
        return _plus(einddatum, procedure["procestermijn"], "Procestermijn")
    if afleidingswijze == "hoofdzaak":
        if zaak.hoofdzaak_id is None:
            return None
        return ctx.session.scalar(select(Zaak.einddatum).where(Zaak.id == zaak.hoofdzaak_id))
    if afleidingswijze == "eigenschap":
        return _from_eigenschap(ctx, zaak, datumkenmerk)
    if afleidingswijze == "zaakobject":
        return _from_zaakobjecten(ctx, zaak, objecttype, datumkenmerk)
    if afleidingswijze == "gerelateerde_zaak":
        return _from_gerelateerde_zaken(ctx, zaak)
    if afleidingswijze in ("ingangsdatum_besluit", "vervaldatum_besluit"):
        return _from_besluiten(ctx, zaak, afleidingswijze.removesuffix("_besluit"))
    # ander_datumkenmerk, or nothing to derive from
    return None


def _from_eigenschap(ctx: Context, zaak: Zaak, datumkenmerk: str) -> dt.date | None:
    if not datumkenmerk:
        raise BrondatumError("Geen datumkenmerk in brondatumArchiefprocedure bij afleidingswijze eigenschap.")
    waarden = list(
        ctx.session.scalars(
            select(ZaakEigenschap.waarde)
            .where(ZaakEigenschap.zaak_id == zaak.id, ZaakEigenschap.naam == datumkenmerk)
            .order_by(ZaakEigenschap.id)
        )
    )
    if not waarden:
        raise BrondatumError(f"De zaak heeft geen eigenschap '{datumkenmerk}'.")
    waarde = waarden[-1]
    return _date_in(waarde, f"Geen geldige datumwaarde in eigenschap '{datumkenmerk}': {waarde!r}.")


def _from_zaakobjecten(ctx: Context, zaak: Zaak, objecttype: str, datumkenmerk: str) -> dt.date:
    if not objecttype or not datumkenmerk:
        raise BrondatumError("Objecttype en datumkenmerk zijn nodig bij afleidingswijze zaakobject.")
    found = ctx.session.execute(
        select(ZaakObject.object, ZaakObject.object_identificatie)
        .where(ZaakObject.zaak_id == zaak.id, ZaakObject.object_type == objecttype)
        .order_by(ZaakObject.id)
    )
    dates = []
    for url, identificatie in found:
        # an object described in the zaakobject itself (objectIdentificatie) is read there; one
        # that is only referenced (object) is fetched
        if isinstance(identificatie, dict) and identificatie:
            data, source = identificatie, "objectIdentificatie"
        elif url:
            try:
                data, source = _fetch(ctx, url, "API van het zaakobject"), url
            except ProblemError as exc:
                raise BrondatumError(f"Het zaakobject {url} kon niet opgehaald worden: {exc.detail}") from None
        else:
            continue
        value = _attribute(data, datumkenmerk)
        day = _date_in(value, f"Geen geldige datumwaarde in '{datumkenmerk}' van {source}: {value!r}.")
        if day is not None:
            dates.append(day)
    return _latest(dates, f"Geen datum '{datumkenmerk}' gevonden in de zaakobjecten van objecttype '{objecttype}'.")


def _from_gerelateerde_zaken(ctx: Context, zaak: Zaak) -> dt.date:
    dates = []
    for relatie in zaak.relevante_andere_zaken or []:
        url = relatie.get("url") if isinstance(relatie, dict) else None
        if not url:
            continue
        object_uuid = local_uuid(ctx, url, "zaken")
        if object_uuid is not None:
            einddatum = ctx.session.scalar(select(Zaak.einddatum).where(Zaak.uuid == object_uuid))
        else:
            try:
                value = _fetch(ctx, url, "Zaken API").get("einddatum")
                einddatum = parse_date_value(value) if value else None
            except (ProblemError, ValueError):
                raise BrondatumError(f"De gerelateerde zaak {url} kon niet gelezen worden.") from None
        if einddatum is not None:
            dates.append(einddatum)
    return _latest(dates, "Geen gerelateerde zaak met een einddatum.")


def _from_besluiten(ctx: Context, zaak: Zaak, attribute: str) -> dt.date | None:
    urls = list(ctx.session.scalars(select(ZaakBesluit.besluit).where(ZaakBesluit.zaak_id == zaak.id).order_by(ZaakBesluit.id)))
    if not urls:
        raise BrondatumError("De zaak heeft geen besluiten.")
    dates = []
    for url in urls:
        try:
            data = _fetch(ctx, url, "Besluiten API")
        except ProblemError:
            return None  # the Besluiten API cannot tell: the archivist sets the date
        value = data.get(attribute)
        day = _date_in(value, f"Geen geldige {attribute} in besluit {url}: {value!r}.")
        if day is not None:
            dates.append(day)
    return _latest(dates, f"Geen besluit van de zaak heeft een {attribute}.")


def archive_dates(ctx: Context, zaak: Zaak, resultaattype: dict, einddatum: dt.date) -> ArchiveDates:
    """zrc-021: brondatum and archiefactiedatum (brondatum + archiefactietermijn) of a zaak closed
    on `einddatum`; a resultaattype without archiefactietermijn derives nothing. Errors are a 400
    `nonFieldErrors` `archiefactiedatum-error`."""
    termijn = resultaattype.get("archiefactietermijn")
    if not termijn:
        return ArchiveDates(None, None)
    try:
        start = brondatum(ctx, zaak, resultaattype, einddatum)
        actiedatum = _plus(start, termijn, "Archiefactietermijn") if start is not None else None
    except BrondatumError as exc:
        raise ValidationProblem.field("nonFieldErrors", ERROR_CODE, str(exc)) from None
    return ArchiveDates(start, actiedatum)
