"""The rules of the Besluiten API on a besluit (brc-001, -002, -006, -007, -009), each in one
function; the mirror of a besluit's zaak in the Zaken API (brc-006) is written here too."""

import datetime as dt
import logging
from typing import NoReturn

from sqlalchemy import select

from services.besluiten.besluit.models import Besluit, IdentificatieTeller
from services.besluiten.common import remote
from shared import utc
from shared.errors import ValidationProblem
from shared.identificatie import Numbering
from shared.mirror import MirrorFailed, RemoteWriter, mirror_failure
from shared.remote import same_url
from shared.resources import Context

log = logging.getLogger(__name__)

NUMBERING = Numbering("BESLUIT", IdentificatieTeller, Besluit.identificatie)

# the keys that make a response the resource we expect (Catalogi API 1.3, Zaken API 1.5 required)
BESLUITTYPE_SHAPE = ("url", "catalogus", "informatieobjecttypen", "zaaktypen")
ZAAKTYPE_SHAPE = ("url", "besluittypen")
ZAAK_SHAPE = ("url", "zaaktype", "bronorganisatie", "startdatum")


def besluittype(ctx: Context, url: str) -> dict:
    """brc-001: the besluittype resolves to a BesluitType of a Catalogi API (`bad-url`,
    `invalid-resource`) that is published (`not-published`)."""
    data = remote(ctx).fetch_resource(url, "besluittype", "Catalogi API", "BesluitType", BESLUITTYPE_SHAPE, "besluittypen")
    if data.get("concept"):
        raise ValidationProblem.field("besluittype", "not-published", f"Het besluittype {url} is nog niet gepubliceerd.")
    return data


def ensure_datum_not_in_future(datum: dt.date) -> None:
    """The beslisdatum lies in the past or is today (`future_not_allowed` on `datum`, as the
    reference implementation's UntilTodayValidator)."""
    if datum > utc.today():
        raise ValidationProblem.field("datum", "future_not_allowed", "Deze datum mag niet in de toekomst liggen.")


def identificatie_taken(identificatie: str) -> NoReturn:
    raise ValidationProblem.field(
        "identificatie",
        "identificatie-niet-uniek",
        f"Deze identificatie ({identificatie}) bestaat al voor deze verantwoordelijkeOrganisatie.",
    )


def ensure_identificatie_free(ctx: Context, verantwoordelijke_organisatie: str, identificatie: str | None) -> None:
    """brc-002: (verantwoordelijkeOrganisatie, identificatie) is unique (`identificatie-niet-uniek`);
    between concurrent creates the unique constraint decides (Numbering.add_numbered)."""
    if not identificatie:
        return
    taken = select(Besluit.id).where(
        Besluit.verantwoordelijke_organisatie == verantwoordelijke_organisatie, Besluit.identificatie == identificatie
    )
    if ctx.session.scalar(taken) is not None:
        identificatie_taken(identificatie)


def ensure_besluittype_of_zaak(ctx: Context, zaak_url: str, besluittype_url: str) -> None:
    """brc-007: the besluit's besluittype is one of its zaak's zaaktype.besluittypen
    (`nonFieldErrors` `zaaktype-mismatch`); the zaak must resolve (`bad-url`, `invalid-resource` on `zaak`)."""
    client = remote(ctx)
    zaak = client.fetch_resource(zaak_url, "zaak", "Zaken API", "Zaak", ZAAK_SHAPE, "zaken", cached=False)
    zaaktype = client.fetch_resource(str(zaak["zaaktype"]), "zaak", "Catalogi API", "ZaakType", ZAAKTYPE_SHAPE, "zaaktypen")
    if not any(same_url(url, besluittype_url) for url in zaaktype.get("besluittypen") or []):
        raise ValidationProblem.field(
            "nonFieldErrors", "zaaktype-mismatch", "De referentie hoort niet bij het zaaktype van de zaak (zaaktype.besluittypen)."
        )


# ---------------------------------------------------------------- brc-006: the zaakbesluit


def _zaakbesluiten(zaak_url: str) -> str:
    return f"{zaak_url.rstrip('/')}/besluiten"


def create_zaakbesluit(ctx: Context, zaak_url: str, besluit_url: str) -> None:
    """brc-006: the besluit's zaak relation mirrored in the Zaken API (`POST {zaak}/besluiten`),
    after the besluit is committed (the Zaken API reads it)."""
    with RemoteWriter(remote(ctx), "Zaken API") as writer:
        writer.request("POST", _zaakbesluiten(zaak_url), json={"besluit": besluit_url}, ok=(200, 201))


def delete_zaakbesluiten(ctx: Context, zaak_url: str, besluit_url: str) -> None:
    """brc-006: the zaakbesluiten of this besluit at its zaak removed from the Zaken API."""
    with RemoteWriter(remote(ctx), "Zaken API") as writer:
        for item in writer.list(_zaakbesluiten(zaak_url), {}):
            if same_url(item.get("besluit"), besluit_url) and item.get("url"):
                writer.request("DELETE", item["url"], ok=(200, 204, 404))


def zaak_mirror_failure(exc: MirrorFailed) -> Exception:
    return mirror_failure(exc, "zaak", "Zaken API")


def remove_zaakbesluit_quietly(ctx: Context, zaak_url: str, besluit_url: str) -> None:
    """brc-009: after a besluit is deleted (committed) its zaakbesluit goes; a failure is logged,
    not an error: the besluit is gone either way."""
    try:
        delete_zaakbesluiten(ctx, zaak_url, besluit_url)
    except MirrorFailed as exc:
        log.warning("removing the zaakbesluit of deleted besluit %s failed: %s", besluit_url, exc.detail)
