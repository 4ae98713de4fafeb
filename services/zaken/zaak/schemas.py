import datetime as dt
import re
import uuid as uuid_module
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, Field, create_model
from pydantic_core import PydanticCustomError

from services.zaken.embedded import ZaakEmbedded, expand_field
from services.zaken.schemas import Identified
from shared.api_model import ApiModel, comma_separated, read_only
from shared.expand import EXPAND
from shared.fields import Duration, Rsin, Uri, Vertrouwelijkheidaanduiding

Betalingsindicatie = Literal["", "nvt", "nog_niet", "gedeeltelijk", "geheel"]
Archiefnominatie = Literal["blijvend_bewaren", "vernietigen"]
Archiefstatus = Literal["nog_te_archiveren", "gearchiveerd", "gearchiveerd_procestermijn_onbekend", "overgedragen"]
AardRelatie = Literal["vervolg", "onderwerp", "bijdrage"]
BetrokkeneType = Literal["natuurlijk_persoon", "niet_natuurlijk_persoon", "vestiging", "organisatorische_eenheid", "medewerker"]
OmschrijvingGeneriek = Literal[
    "adviseur", "behandelaar", "belanghebbende", "beslisser", "initiator", "klantcontacter", "zaakcoordinator", "mede_initiator"
]
Ordering = Literal[
    "startdatum", "-startdatum", "einddatum", "-einddatum", "publicatiedatum", "-publicatiedatum",
    "archiefactiedatum", "-archiefactiedatum", "registratiedatum", "-registratiedatum", "identificatie", "-identificatie",
]  # fmt: skip

BETALINGSINDICATIE_WEERGAVE = {
    "": "",
    "nvt": "Er is geen sprake van te betalen, met de zaak gemoeide, kosten.",
    "nog_niet": "De met de zaak gemoeide kosten zijn (nog) niet betaald.",
    "gedeeltelijk": "De met de zaak gemoeide kosten zijn gedeeltelijk betaald.",
    "geheel": "De met de zaak gemoeide kosten zijn geheel betaald.",
}


def _identificatie(value: str) -> str:
    """zrc-002: letters, digits, `_` and `-`; empty (as omitted) means: generate one."""
    if value and not re.fullmatch(r"[\w\-]+", value, re.ASCII):
        raise PydanticCustomError("zgw:invalid", "Alleen letters, cijfers, '_' en '-' zijn toegestaan.")
    return value


Identificatie = Annotated[str, AfterValidator(_identificatie), Field(max_length=40)]


def _geometry(value: dict) -> dict:
    from shapely.geometry import shape

    try:
        geometry = shape(value)
    except Exception:  # shapely raises several kinds for malformed GeoJSON
        raise PydanticCustomError("zgw:invalid", "Ongeldige GeoJSON-geometrie.") from None
    if geometry.is_empty and value.get("type") != "GeometryCollection":
        raise PydanticCustomError("zgw:invalid", "Ongeldige GeoJSON-geometrie.")
    return value


GEOMETRY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection")


class GeoJSONGeometry(ApiModel):
    """A GeoJSON geometry (RFC 7946 §3.1) in EPSG:4326."""

    type: Literal["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"]
    coordinates: list[Any] | None = None
    geometries: list[dict[str, Any]] | None = None


def _as_geometry(value: GeoJSONGeometry | None) -> dict | None:
    if value is None:
        return None
    return _geometry(value.model_dump(exclude_none=True))


Geometry = Annotated[GeoJSONGeometry, AfterValidator(_as_geometry)]


class RelevanteZaak(ApiModel):
    url: Uri = Field(max_length=1000, description="URL-referentie naar de ZAAK.")
    aardRelatie: AardRelatie = Field(description="Benamingen van de aard van de relaties van andere zaken tot (onderhanden) zaken.")


class ZaakKenmerk(ApiModel):
    kenmerk: str = Field(max_length=40, description="Identificeert uniek de zaak in een andere administratie.")
    bron: str = Field(max_length=40, description="De aanduiding van de administratie waar het kenmerk op slaat.")


class Verlenging(ApiModel):
    """zrc-012: null, or both fields."""

    reden: str = Field(max_length=200, description="Omschrijving van de reden voor het verlengen van de behandeling van de zaak.")
    duur: Duration = Field(description="Het aantal werkbare dagen waarmee de doorlooptijd van de behandeling van de ZAAK is verlengd.")


class VerlengingGegevens(ApiModel):
    """zrc-012: the verlenging as returned: always the structure, `duur` null without a verlenging."""

    reden: str = Field(max_length=200, description="Omschrijving van de reden voor het verlengen van de behandeling van de zaak.")
    duur: str | None = Field(
        json_schema_extra={"format": "duration"},
        description="Het aantal werkbare dagen waarmee de doorlooptijd van de behandeling van de ZAAK is verlengd.",
    )


class Opschorting(ApiModel):
    """zrc-012: null, or both fields."""

    indicatie: bool = Field(description="Aanduiding of de behandeling van de ZAAK tijdelijk is opgeschort.")
    reden: str = Field(max_length=200, description="Omschrijving van de reden voor het opschorten van de behandeling van de zaak.")


class Processobject(ApiModel):
    datumkenmerk: str = Field(
        max_length=250,
        description="De naam van de attribuutsoort van het procesobject dat bepalend is voor het einde van de procestermijn.",
    )
    identificatie: str = Field(max_length=250, description="De unieke aanduiding van het procesobject.")
    objecttype: str = Field(max_length=250, description="Het soort object dat het procesobject representeert.")
    registratie: str = Field(max_length=250, description="De naam van de registratie waarvan het procesobject deel uit maakt.")


class ZaakRequest(ApiModel):
    """The writable fields of a zaak (create and PUT)."""

    identificatie: Identificatie | None = Field(
        None,
        description="De unieke identificatie van de ZAAK binnen de organisatie die verantwoordelijk is voor de behandeling van de ZAAK.",
    )
    bronorganisatie: Rsin = Field(description="Het RSIN van de Niet-natuurlijk persoon zijnde de organisatie die de zaak heeft gecreeerd.")
    omschrijving: str = Field("", max_length=80, description="Een korte omschrijving van de zaak.")
    toelichting: str = Field("", max_length=1000, description="Een toelichting op de zaak.")
    zaaktype: Uri = Field(max_length=1000, description="URL-referentie naar het ZAAKTYPE (in de Catalogi API).")
    registratiedatum: dt.date | None = Field(
        None,
        description="De datum waarop de zaakbehandelende organisatie de ZAAK heeft geregistreerd. Indien deze niet opgegeven wordt, wordt de datum van vandaag gebruikt.",
    )
    verantwoordelijkeOrganisatie: Rsin = Field(
        description="Het RSIN van de Niet-natuurlijk persoon zijnde de organisatie die eindverantwoordelijk is voor de behandeling van de zaak."
    )
    startdatum: dt.date = Field(description="De datum waarop met de uitvoering van de zaak is gestart")
    einddatumGepland: dt.date | None = Field(
        None,
        description="De datum waarop volgens de planning verwacht wordt dat de zaak afgerond wordt (zonder opgave: startdatum plus de servicenorm, anders de doorlooptijd, van het zaaktype).",
    )
    uiterlijkeEinddatumAfdoening: dt.date | None = Field(
        None,
        description="De laatste datum waarop volgens wet- en regelgeving de zaak afgerond dient te zijn (zonder opgave: startdatum plus de doorlooptijd van het zaaktype).",
    )
    publicatiedatum: dt.date | None = Field(None, description="Datum waarop (het starten van) de zaak gepubliceerd is of wordt.")
    communicatiekanaal: Uri | Literal[""] = Field(
        "",
        max_length=1000,
        description="Het medium waarlangs de aanleiding om een zaak te starten is ontvangen. URL naar een communicatiekanaal in de VNG-Referentielijst van communicatiekanalen.",
    )
    productenOfDiensten: list[Annotated[Uri, Field(max_length=1000)]] = Field(
        [],
        description="De producten en/of diensten die door de zaak worden voortgebracht. Dit zijn URLs naar de resources zoals die door de producten- en dienstencatalogus-API wordt ontsloten. De producten/diensten moeten bij het zaaktype vermeld zijn.",
    )
    vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding | None = Field(
        None,
        description="Aanduiding van de mate waarin het zaakdossier van de ZAAK voor de openbaarheid bestemd is. Optioneel - indien geen waarde gekozen wordt, dan wordt de waarde van het ZAAKTYPE overgenomen.",
    )
    betalingsindicatie: Betalingsindicatie = Field(
        "", description="Indicatie of de, met behandeling van de zaak gemoeide, kosten betaald zijn door de desbetreffende betrokkene."
    )
    laatsteBetaaldatum: dt.datetime | None = Field(
        None, description="De datum waarop de meest recente betaling is verwerkt van kosten die gemoeid zijn met behandeling van de zaak."
    )
    zaakgeometrie: Geometry | None = Field(None, description="Punt, lijn of (multi-)vlak geometrie-informatie, in GeoJSON.")
    verlenging: Verlenging | None = Field(
        None, description="Gegevens omtrent het verlengen van de doorlooptijd van de behandeling van de ZAAK"
    )
    opschorting: Opschorting | None = Field(None, description="Gegevens omtrent het tijdelijk opschorten van de behandeling van de ZAAK")
    selectielijstklasse: Uri | Literal[""] = Field(
        "",
        max_length=1000,
        description="URL-referentie naar de categorie in de gehanteerde 'Selectielijst Archiefbescheiden' die, gezien het zaaktype en het resultaattype van de zaak, bepalend is voor het archiefregime van de zaak.",
    )
    hoofdzaak: Uri | None = Field(
        None,
        max_length=1000,
        description="URL-referentie naar de ZAAK, waarom verzocht is door de initiator daarvan, die behandeld wordt in twee of meer separate ZAAKen waarvan de onderhavige ZAAK er één is.",
    )
    relevanteAndereZaken: list[RelevanteZaak] = Field([], description="Een lijst van relevante andere zaken.")
    kenmerken: list[ZaakKenmerk] = Field(
        [], description="Lijst van kenmerken. Merk op dat refereren naar gerelateerde objecten beter kan via `ZaakObject`."
    )
    archiefnominatie: Archiefnominatie | Literal[""] | None = Field(
        None, description="Aanduiding of het zaakdossier blijvend bewaard of na een bepaalde termijn vernietigd moet worden."
    )
    archiefstatus: Archiefstatus = Field("nog_te_archiveren", description="Aanduiding van de archiefstatus van de zaak (zrc-022).")
    archiefactiedatum: dt.date | None = Field(
        None,
        description="De datum waarop het gearchiveerde zaakdossier vernietigd moet worden dan wel overgebracht moet worden naar een archiefbewaarplaats. Wordt automatisch berekend bij het aanmaken of wijzigen van een RESULTAAT aan deze ZAAK indien nog leeg.",
    )
    opdrachtgevendeOrganisatie: str = Field(
        "",
        max_length=9,
        description="De krachtens publiekrecht ingestelde rechtspersoon dan wel ander niet-natuurlijk persoon waarbinnen het (bestuurs)orgaan zetelt dat opdracht heeft gegeven om taken uit te voeren waaraan de zaak invulling geeft.",
    )
    processobjectaard: str | None = Field(
        None,
        max_length=200,
        description="Omschrijving van het object, subject of gebeurtenis waarop, vanuit archiveringsoptiek, de zaak betrekking heeft.",
    )
    startdatumBewaartermijn: dt.date | None = Field(
        None, description="De datum die de start markeert van de termijn waarop het zaakdossier vernietigd moet worden."
    )
    processobject: Processobject | None = Field(
        None,
        description="Specificatie van de attribuutsoort van het object, subject of gebeurtenis waarop, vanuit archiveringsoptiek, de zaak betrekking heeft en dat bepalend is voor de start van de archiefactietermijn.",
    )


class Zaak(Identified):
    identificatie: str = Field(max_length=40)
    bronorganisatie: str = Field(max_length=9)
    omschrijving: str = Field(max_length=80)
    toelichting: str = Field(max_length=1000)
    zaaktype: str = Field(max_length=1000, json_schema_extra={"format": "uri"})
    registratiedatum: dt.date
    verantwoordelijkeOrganisatie: str = Field(max_length=9)
    startdatum: dt.date
    einddatum: dt.date | None = read_only("De datum waarop de uitvoering van de zaak afgerond is.")
    einddatumGepland: dt.date | None
    uiterlijkeEinddatumAfdoening: dt.date | None
    publicatiedatum: dt.date | None
    communicatiekanaal: str = Field(max_length=1000, json_schema_extra={"format": "uri"})
    productenOfDiensten: list[str]
    vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding
    betalingsindicatie: Betalingsindicatie
    betalingsindicatieWeergave: str = read_only("Uitleg bij `betalingsindicatie`.")
    laatsteBetaaldatum: dt.datetime | None
    zaakgeometrie: GeoJSONGeometry | None
    verlenging: VerlengingGegevens | None
    opschorting: Opschorting | None
    selectielijstklasse: str = Field(max_length=1000, json_schema_extra={"format": "uri"})
    hoofdzaak: str | None = Field(max_length=1000, json_schema_extra={"format": "uri"})
    deelzaken: list[str] = read_only("URL-referenties naar deel ZAAKen.", json_schema_extra={"uniqueItems": True})
    relevanteAndereZaken: list[RelevanteZaak]
    eigenschappen: list[str] = read_only(json_schema_extra={"uniqueItems": True})
    rollen: list[str] = read_only(json_schema_extra={"uniqueItems": True})
    status: str | None = read_only("Indien geen status bekend is, dan is de waarde 'null'", format="uri")
    zaakinformatieobjecten: list[str] = read_only(json_schema_extra={"uniqueItems": True})
    zaakobjecten: list[str] = read_only(json_schema_extra={"uniqueItems": True})
    kenmerken: list[ZaakKenmerk]
    archiefnominatie: Archiefnominatie | None
    archiefstatus: Archiefstatus
    archiefactiedatum: dt.date | None
    resultaat: str | None = read_only(
        "URL-referentie naar het RESULTAAT. Indien geen resultaat bekend is, dan is de waarde 'null'", format="uri"
    )
    opdrachtgevendeOrganisatie: str = Field(max_length=9)
    processobjectaard: str | None = Field(max_length=200)
    startdatumBewaartermijn: dt.date | None
    processobject: Processobject | None


class ZaakExpanded(Zaak):
    expand: ZaakEmbedded | None = expand_field()


class ZaakRetrieveParams(ApiModel):
    """The query parameters of `zaak_retrieve`."""

    expand: str | None = Field(None, description=EXPAND)


class ZaakFilters(ApiModel):
    """The query parameters of `zaak_list` (and, as body fields, of `_zoek`)."""

    identificatie: str | None = None
    bronorganisatie: str | None = None
    bronorganisatie__in: str | None = comma_separated()
    zaaktype: str | None = None
    archiefnominatie: Archiefnominatie | None = None
    archiefnominatie__in: str | None = comma_separated()
    archiefactiedatum: str | None = None
    archiefactiedatum__isnull: bool | None = None
    archiefactiedatum__lt: str | None = None
    archiefactiedatum__gt: str | None = None
    archiefstatus: Archiefstatus | None = None
    archiefstatus__in: str | None = comma_separated()
    startdatum: str | None = None
    startdatum__gt: str | None = None
    startdatum__gte: str | None = None
    startdatum__lt: str | None = None
    startdatum__lte: str | None = None
    registratiedatum: str | None = None
    registratiedatum__gt: str | None = None
    registratiedatum__lt: str | None = None
    einddatum: str | None = None
    einddatum__isnull: bool | None = None
    einddatum__gt: str | None = None
    einddatum__lt: str | None = None
    einddatumGepland: str | None = None
    einddatumGepland__gt: str | None = None
    einddatumGepland__lt: str | None = None
    uiterlijkeEinddatumAfdoening: str | None = None
    uiterlijkeEinddatumAfdoening__gt: str | None = None
    uiterlijkeEinddatumAfdoening__lt: str | None = None
    rol__betrokkeneType: BetrokkeneType | None = None
    rol__betrokkene: str | None = None
    rol__omschrijvingGeneriek: OmschrijvingGeneriek | None = None
    maximaleVertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding | None = None
    rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn: str | None = None
    rol__betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie: str | None = None
    rol__betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer: str | None = None
    rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId: str | None = None
    rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie: str | None = None
    rol__betrokkeneIdentificatie__vestiging__vestigingsNummer: str | None = None
    rol__betrokkeneIdentificatie__medewerker__identificatie: str | None = None
    rol__betrokkeneIdentificatie__organisatorischeEenheid__identificatie: str | None = None
    expand: str | None = Field(None, description=EXPAND)
    ordering: str | None = comma_separated(
        "Het veld waarop de resultaten geordend worden. Het minnetje betekent omgekeerde volgorde.", enum=get_args(Ordering)
    )


class GeoWithin(ApiModel):
    within: Geometry | None = None


# the most values of one `__in` list of `_zoek` (the database's bound parameters are limited)
MAX_IN_VALUES = 10_000


def _zoek_fields() -> dict:
    """The list's filters as body fields: `__in` lists as JSON arrays, one `ordering` value."""
    fields: dict = {
        "zaakgeometrie": (GeoWithin | None, None),
        "uuid__in": (list[uuid_module.UUID] | None, None),
        "zaaktype__in": (list[str] | None, Field(None, max_length=MAX_IN_VALUES)),
    }
    for name, info in ZaakFilters.model_fields.items():
        if name.endswith("__in"):
            fields[name] = (list[str] | None, Field(None, max_length=MAX_IN_VALUES, description=info.description))
        elif name == "ordering":
            fields[name] = (Ordering | None, Field(None, description=info.description))
        else:
            fields[name] = (info.annotation, Field(None, description=info.description))
    return fields


# The body of `POST /zaken/_zoek`: every list filter plus `uuid__in`, `zaaktype__in` and
# `zaakgeometrie.within`.
ZaakZoek = create_model("ZaakZoek", __base__=ApiModel, **_zoek_fields())
