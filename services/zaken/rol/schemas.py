import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, SkipValidation
from pydantic_core import PydanticCustomError

from services.zaken.betrokkenen import BetrokkeneIdentificatie, OptionalUri
from services.zaken.embedded import RolEmbedded, expand_field
from services.zaken.schemas import Identified, ZaakFilter
from services.zaken.zaak.schemas import BetrokkeneType, OmschrijvingGeneriek
from shared.api_model import ApiModel, read_only
from shared.fields import Uri

IndicatieMachtiging = Literal["gemachtigde", "machtiginggever", ""]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def _email(value: str) -> str:
    if value and not _EMAIL.match(value):
        raise PydanticCustomError("zgw:invalid", "Voer een geldig e-mailadres in.")
    return value


BETROKKENE_TYPE_UITLEG = (
    "Type van de `betrokkene`.\n\nUitleg bij mogelijke waarden:\n\n* `natuurlijk_persoon` - Natuurlijk persoon\n"
    "* `niet_natuurlijk_persoon` - Niet-natuurlijk persoon\n* `vestiging` - Vestiging\n"
    "* `organisatorische_eenheid` - Organisatorische eenheid\n* `medewerker` - Medewerker"
)
IDENTIFICATIE_UITLEG = (
    "De identificatie van de betrokkene; de vorm hangt af van `betrokkeneType`: `natuurlijk_persoon` -> RolNatuurlijkPersoon, "
    "`niet_natuurlijk_persoon` -> RolNietNatuurlijkPersoon, `vestiging` -> RolVestiging, "
    "`organisatorische_eenheid` -> RolOrganisatorischeEenheid, `medewerker` -> RolMedewerker."
)


class ContactPersoonRol(ApiModel):
    """De gegevens van de persoon die anderen desgevraagd in contact brengt met medewerkers van de BETROKKENE, een NIET-NATUURLIJK PERSOON of VESTIGING zijnde, of met BETROKKENE zelf, een NATUURLIJK PERSOON zijnde , vanuit het belang van BETROKKENE in haar ROL bij een ZAAK."""

    emailadres: Annotated[str, AfterValidator(_email)] = Field(
        "",
        max_length=254,
        description="Elektronich postadres waaronder de contactpersoon in de regel bereikbaar is.",
        json_schema_extra={"format": "email"},
    )
    functie: str = Field(
        "",
        max_length=50,
        description="De aanduiding van de taken, rechten en plichten die de contactpersoon heeft binnen de organisatie van BETROKKENE. ",
    )
    telefoonnummer: str = Field("", max_length=20, description="Telefoonnummer waaronder de contactpersoon in de regel bereikbaar is.")
    naam: str = Field(max_length=40, description="De opgemaakte naam van de contactpersoon namens de BETROKKENE.")


# The shape is checked against betrokkeneType by the service (errors `betrokkeneIdentificatie.<field>`);
# the contract shows the alternatives.
BetrokkeneIdentificatieField = Annotated[BetrokkeneIdentificatie | None, SkipValidation]


class RolRequest(ApiModel):
    zaak: Uri = Field(max_length=1000, description="URL-referentie naar de ZAAK.")
    betrokkene: OptionalUri = Field("", max_length=1000, description="URL-referentie naar een betrokkene gerelateerd aan de ZAAK.")
    betrokkeneType: BetrokkeneType = Field(description=BETROKKENE_TYPE_UITLEG)
    afwijkendeNaamBetrokkene: str = Field(
        "", max_length=625, description="De naam van de betrokkene waaronder deze in relatie tot de zaak aangesproken wil worden."
    )
    roltype: Uri = Field(max_length=1000, description="URL-referentie naar een roltype binnen het ZAAKTYPE van de ZAAK.")
    roltoelichting: str = Field(max_length=1000)
    indicatieMachtiging: IndicatieMachtiging = Field("", description="Indicatie machtiging")
    contactpersoonRol: ContactPersoonRol | None = Field(None, description=ContactPersoonRol.__doc__)
    betrokkeneIdentificatie: BetrokkeneIdentificatieField = Field(None, description=IDENTIFICATIE_UITLEG)


class Rol(Identified):
    zaak: str = Field(max_length=1000, description="URL-referentie naar de ZAAK.", json_schema_extra={"format": "uri"})
    betrokkene: str = Field(
        max_length=1000, description="URL-referentie naar een betrokkene gerelateerd aan de ZAAK.", json_schema_extra={"format": "uri"}
    )
    betrokkeneType: BetrokkeneType = Field(description=BETROKKENE_TYPE_UITLEG)
    afwijkendeNaamBetrokkene: str = Field(max_length=625)
    roltype: str = Field(max_length=1000, json_schema_extra={"format": "uri"})
    omschrijving: str = read_only("Omschrijving van de aard van de ROL, afgeleid uit het ROLTYPE.")
    omschrijvingGeneriek: str = read_only("Algemeen gehanteerde benaming van de aard van de ROL, afgeleid uit het ROLTYPE.")
    roltoelichting: str = Field(max_length=1000)
    registratiedatum: str = read_only("De datum waarop dit object is geregistreerd.", format="date-time")
    indicatieMachtiging: IndicatieMachtiging
    contactpersoonRol: ContactPersoonRol | None = Field(description=ContactPersoonRol.__doc__)
    statussen: list[str] = read_only(
        "De BETROKKENE die in zijn/haar ROL in een ZAAK heeft geregistreerd dat STATUSsen in die ZAAK bereikt zijn.",
        json_schema_extra={"uniqueItems": True},
    )
    betrokkeneIdentificatie: BetrokkeneIdentificatieField = Field(None, description=IDENTIFICATIE_UITLEG)
    expand: RolEmbedded | None = expand_field()


class RolFilters(ApiModel):
    zaak: ZaakFilter = None
    betrokkene: Uri | None = Field(None, description="URL-referentie naar een betrokkene gerelateerd aan de ZAAK.")
    betrokkeneType: BetrokkeneType | None = Field(None, description="Type van de `betrokkene`.")
    betrokkeneIdentificatie__natuurlijkPersoon__inpBsn: str | None = Field(
        None, description="Het burgerservicenummer, bedoeld in artikel 1.1 van de Wet algemene bepalingen burgerservicenummer."
    )
    betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie: str | None = Field(
        None, description="Het door de gemeente uitgegeven unieke nummer voor een ANDER NATUURLIJK PERSOON"
    )
    betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer: str | None = Field(
        None, description="Het administratienummer van de persoon, bedoeld in de Wet BRP"
    )
    betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId: str | None = Field(
        None, description="Het door een kamer toegekend uniek nummer voor de INGESCHREVEN NIET-NATUURLIJK PERSOON"
    )
    betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie: str | None = Field(
        None, description="Het door de gemeente uitgegeven unieke nummer voor een ANDER NIET-NATUURLIJK PERSOON"
    )
    betrokkeneIdentificatie__vestiging__vestigingsNummer: str | None = Field(
        None, description="Een korte unieke aanduiding van de Vestiging."
    )
    betrokkeneIdentificatie__organisatorischeEenheid__identificatie: str | None = Field(
        None, description="Een korte identificatie van de organisatorische eenheid."
    )
    betrokkeneIdentificatie__medewerker__identificatie: str | None = Field(
        None, description="Een korte unieke aanduiding van de MEDEWERKER."
    )
    roltype: Uri | None = Field(None, description="URL-referentie naar een roltype binnen het ZAAKTYPE van de ZAAK.")
    omschrijving: str | None = Field(None, description="Omschrijving van de aard van de ROL, afgeleid uit het ROLTYPE.")
    omschrijvingGeneriek: OmschrijvingGeneriek | None = Field(
        None, description="Algemeen gehanteerde benaming van de aard van de ROL, afgeleid uit het ROLTYPE."
    )


__all__ = ["ContactPersoonRol", "Rol", "RolFilters", "RolRequest"]
