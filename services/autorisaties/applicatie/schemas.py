from typing import Annotated, Any, Literal

from pydantic import Field

from shared.api_model import ApiModel, read_only
from shared.fields import BlankOrUri, Vertrouwelijkheidaanduiding

Component = Literal["ac", "nrc", "zrc", "ztc", "drc", "brc"]

COMPONENT_WEERGAVE = {
    "ac": "Autorisatiecomponent",
    "nrc": "Notificatierouteringcomponent",
    "zrc": "Zaakregistratiecomponent",
    "ztc": "Zaaktypecatalogus",
    "drc": "Documentregistratiecomponent",
    "brc": "Besluitregistratiecomponent",
}

# Blank ('') is allowed as in the reference implementation, and means: not given.
MaxVertrouwelijkheidaanduiding = Literal[Vertrouwelijkheidaanduiding, ""]

COMPONENT_DESCRIPTION = "Component waarop autorisatie van toepassing is.\n\n" + "\n".join(
    f"* `{key}` - {value}" for key, value in COMPONENT_WEERGAVE.items()
)
CATALOGUS_DESCRIPTION = (
    "Extensie (als de CatalogusAutorisatie van Open Zaak): URL naar een catalogus. De autorisatie geldt "
    "dan voor alle zaaktypen (zrc), informatieobjecttypen (drc) of besluittypen (brc) van die catalogus, "
    "ook toekomstige; `zaaktype`/`informatieobjecttype`/`besluittype` blijft dan leeg."
)

Scope = Annotated[str, Field(min_length=1, max_length=100)]
ClientId = Annotated[str, Field(min_length=1, max_length=50)]


class AutorisatieRequest(ApiModel):
    component: Component = Field(description=COMPONENT_DESCRIPTION)
    scopes: list[Scope] = Field(
        description="Lijst van scope labels. Elke scope geeft toegang tot een set van acties/operaties, zoals "
        "gedocumenteerd bij de betreffende component."
    )
    zaaktype: BlankOrUri | None = Field(
        None, max_length=1000, description="URL naar het zaaktype waarop de autorisatie van toepassing is (zrc)."
    )
    informatieobjecttype: BlankOrUri | None = Field(
        None, max_length=1000, description="URL naar het informatieobjecttype waarop de autorisatie van toepassing is (drc)."
    )
    besluittype: BlankOrUri | None = Field(
        None, max_length=1000, description="URL naar het besluittype waarop de autorisatie van toepassing is (brc)."
    )
    max_vertrouwelijkheidaanduiding: MaxVertrouwelijkheidaanduiding | None = Field(
        None,
        alias="maxVertrouwelijkheidaanduiding",
        description="Maximaal toegelaten vertrouwelijkheidaanduiding (inclusief); zrc en drc.",
    )
    catalogus: BlankOrUri | None = Field(None, max_length=1000, description=CATALOGUS_DESCRIPTION)


class ApplicatieRequest(ApiModel):
    client_ids: list[ClientId] = Field(
        alias="clientIds",
        description="Lijst van consumer identifiers (hun 'client_id'). Een `client_id` mag slechts bij één applicatie-object voorkomen.",
    )
    label: str = Field(min_length=1, max_length=100, description="Een leesbare representatie van de applicatie, voor eindgebruikers.")
    heeft_alle_autorisaties: bool = Field(
        False,
        alias="heeftAlleAutorisaties",
        description="Indien alle autorisaties gegeven zijn, dan hoeven deze niet individueel opgegeven te worden. "
        "Gebruik dit alleen als je de consumer helemaal vertrouwt.",
    )
    autorisaties: list[AutorisatieRequest] = Field(
        default_factory=list,
        description="Indien `heeftAlleAutorisaties` gezet is, laat dit leeg; anders minstens één autorisatie.",
    )


def _shown_if_set(description: str, *, format: str | None = None) -> Any:
    """A response field that is left out rather than null: not required, and not nullable in the
    contract, as its default None is not validated (Any: the annotation says what is shown)."""
    return Field(None, json_schema_extra={"format": format} if format else None, description=description)


class Autorisatie(ApiModel):
    """As shown: the fields of its component ('' when blank); `catalogus` only when set."""

    component: Component = Field(description=COMPONENT_DESCRIPTION)
    componentWeergave: str = read_only("Omschrijving van `component`.")
    scopes: list[str]
    zaaktype: str = _shown_if_set("zrc: URL naar het zaaktype.", format="uri")
    informatieobjecttype: str = _shown_if_set("drc: URL naar het informatieobjecttype.", format="uri")
    besluittype: str = _shown_if_set("brc: URL naar het besluittype.", format="uri")
    maxVertrouwelijkheidaanduiding: MaxVertrouwelijkheidaanduiding = _shown_if_set(
        "zrc en drc: maximaal toegelaten vertrouwelijkheidaanduiding (inclusief)."
    )
    catalogus: str = _shown_if_set(CATALOGUS_DESCRIPTION, format="uri")


class Applicatie(ApiModel):
    url: str = read_only("URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.", format="uri")
    clientIds: list[str]
    label: str
    heeftAlleAutorisaties: bool
    autorisaties: list[Autorisatie]


class ApplicatieFilters(ApiModel):
    client_ids: str | None = Field(
        None,
        alias="clientIds",
        description="Multiple values may be separated by commas: applicaties met al deze client_ids.",
    )
