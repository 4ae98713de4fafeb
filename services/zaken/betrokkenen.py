"""The shapes of a betrokkene (Rol.betrokkeneIdentificatie by betrokkeneType), which ZaakObject
reuses as objectIdentificatie of objectType natuurlijk_persoon, medewerker, ... — and how a
polymorphic identificatie is validated against the shape its discriminator names.

Every class mirrors the schema of the same name in the Zaken API 1.5.1 (field names, maxLength,
enums, required). All fields of a betrokkene shape are optional; the stored (and returned)
identificatie is the validated shape with its defaults, as the reference implementation returns it.
"""

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, ValidationError
from pydantic_core import PydanticCustomError

from shared.api_model import ApiModel
from shared.errors import ValidationProblem, invalid_params_from_pydantic


def optional_pattern(regex: str, message: str = "De waarde heeft niet het juiste formaat.") -> Any:
    """A string that is blank or matches `regex` (searched, as Django's RegexValidator, which
    skips blank values)."""
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if value and not compiled.search(value):
            raise PydanticCustomError("zgw:invalid", message)
        return value

    return AfterValidator(check)


def _optional_uri(value: str) -> str:
    if value and not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        raise PydanticCustomError("zgw:invalid", "Voer een geldige URL in.")
    return value


# a URL reference that may be left blank
OptionalUri = Annotated[str, AfterValidator(_optional_uri), Field(json_schema_extra={"format": "uri"})]


class VerblijfsAdres(ApiModel):
    aoaIdentificatie: str = Field(max_length=100, description="De unieke identificatie van het OBJECT")
    wplWoonplaatsNaam: str = Field(max_length=80)
    gorOpenbareRuimteNaam: str = Field(
        max_length=80, description="Een door het bevoegde gemeentelijke orgaan aan een OPENBARE RUIMTE toegekende benaming"
    )
    aoaPostcode: str = Field("", max_length=7)
    aoaHuisnummer: int = Field(ge=0, le=99999)
    aoaHuisletter: str = Field("", max_length=1)
    aoaHuisnummertoevoeging: str = Field("", max_length=4)
    inpLocatiebeschrijving: str = Field("", max_length=1000)


class SubVerblijfBuitenland(ApiModel):
    lndLandcode: str = Field(
        max_length=4, description="De code, behorende bij de landnaam, zoals opgenomen in de Land/Gebied-tabel van de BRP."
    )
    lndLandnaam: str = Field(max_length=40, description="De naam van het land, zoals opgenomen in de Land/Gebied-tabel van de BRP.")
    subAdresBuitenland_1: str = Field("", max_length=35)
    subAdresBuitenland_2: str = Field("", max_length=35)
    subAdresBuitenland_3: str = Field("", max_length=35)


class RolNatuurlijkPersoon(ApiModel):
    inpBsn: str = Field(
        "", max_length=9, description="Het burgerservicenummer, bedoeld in artikel 1.1 van de Wet algemene bepalingen burgerservicenummer."
    )
    anpIdentificatie: str = Field(
        "", max_length=17, description="Het door de gemeente uitgegeven unieke nummer voor een ANDER NATUURLIJK PERSOON"
    )
    inpA_nummer: Annotated[str, optional_pattern(r"^[1-9][0-9]{9}$", "Een A-nummer bestaat uit 10 cijfers en begint niet met 0.")] = Field(
        "",
        max_length=10,
        description="Het administratienummer van de persoon, bedoeld in de Wet BRP",
        json_schema_extra={"pattern": "^[1-9][0-9]{9}$"},
    )
    geslachtsnaam: str = Field("", max_length=200, description="De stam van de geslachtsnaam.")
    voorvoegselGeslachtsnaam: str = Field("", max_length=80)
    voorletters: str = Field(
        "",
        max_length=20,
        description="De verzameling letters die gevormd wordt door de eerste letter van alle in volgorde voorkomende voornamen.",
    )
    voornamen: str = Field("", max_length=200, description="Voornamen bij de naam die de persoon wenst te voeren.")
    geslachtsaanduiding: Literal["m", "v", "o", ""] = Field(
        "",
        description="Een aanduiding die aangeeft of de persoon een man of een vrouw is, of dat het geslacht nog onbekend is.",
    )
    geboortedatum: str = Field("", max_length=18)
    verblijfsadres: VerblijfsAdres | None = None
    subVerblijfBuitenland: SubVerblijfBuitenland | None = None


InnRechtsvorm = Literal[
    "besloten_vennootschap", "cooperatie_europees_economische_samenwerking", "europese_cooperatieve_venootschap",
    "europese_naamloze_vennootschap", "kerkelijke_organisatie", "naamloze_vennootschap", "onderlinge_waarborg_maatschappij",
    "overig_privaatrechtelijke_rechtspersoon", "stichting", "vereniging", "vereniging_van_eigenaars",
    "publiekrechtelijke_rechtspersoon", "vennootschap_onder_firma", "maatschap", "rederij", "commanditaire_vennootschap",
    "kapitaalvennootschap_binnen_eer", "overige_buitenlandse_rechtspersoon_vennootschap", "kapitaalvennootschap_buiten_eer",
    "",
]  # fmt: skip


class RolNietNatuurlijkPersoon(ApiModel):
    innNnpId: str = Field(
        "", max_length=9, description="Het door een kamer toegekend uniek nummer voor de INGESCHREVEN NIET-NATUURLIJK PERSOON"
    )
    annIdentificatie: str = Field(
        "", max_length=17, description="Het door de gemeente uitgegeven unieke nummer voor een ANDER NIET-NATUURLIJK PERSOON"
    )
    statutaireNaam: str = Field(
        "",
        max_length=500,
        description="Naam van de niet-natuurlijke persoon zoals deze is vastgelegd in de statuten (rechtspersoon) of in de "
        "vennootschapsovereenkomst is overeengekomen (Vennootschap onder firma of Commanditaire vennootschap).",
    )
    innRechtsvorm: InnRechtsvorm = Field("", description="De juridische vorm van de NIET-NATUURLIJK PERSOON.")
    bezoekadres: str = Field("", max_length=1000, description="De gegevens over het adres van de NIET-NATUURLIJK PERSOON")
    subVerblijfBuitenland: SubVerblijfBuitenland | None = None


class RolVestiging(ApiModel):
    vestigingsNummer: str = Field("", max_length=24, description="Een korte unieke aanduiding van de Vestiging.")
    handelsnaam: list[Annotated[str, Field(max_length=625)]] = Field(
        default_factory=list, description="De naam van de vestiging waaronder gehandeld wordt."
    )
    verblijfsadres: VerblijfsAdres | None = None
    subVerblijfBuitenland: SubVerblijfBuitenland | None = None
    kvkNummer: str = Field("", max_length=8, description="Een uniek nummer gekoppeld aan de onderneming.")


class RolOrganisatorischeEenheid(ApiModel):
    identificatie: str = Field("", max_length=24, description="Een korte identificatie van de organisatorische eenheid.")
    naam: str = Field("", max_length=50, description="De feitelijke naam van de organisatorische eenheid.")
    isGehuisvestIn: str = Field("", max_length=24)


class RolMedewerker(ApiModel):
    identificatie: str = Field("", max_length=24, description="Een korte unieke aanduiding van de MEDEWERKER.")
    achternaam: str = Field("", max_length=200, description="De achternaam zoals de MEDEWERKER die in het dagelijkse verkeer gebruikt.")
    voorletters: str = Field(
        "",
        max_length=20,
        description="De verzameling letters die gevormd wordt door de eerste letter van alle in volgorde voorkomende voornamen.",
    )
    voorvoegselAchternaam: str = Field(
        "",
        max_length=10,
        description="Dat deel van de geslachtsnaam dat voorkomt in Tabel 36 (GBA), voorvoegseltabel, en door een spatie van de geslachtsnaam is",
    )


# betrokkeneType -> the shape of betrokkeneIdentificatie (Rol discriminator mapping)
BETROKKENE_SHAPES: dict[str, type[ApiModel]] = {
    "natuurlijk_persoon": RolNatuurlijkPersoon,
    "niet_natuurlijk_persoon": RolNietNatuurlijkPersoon,
    "vestiging": RolVestiging,
    "organisatorische_eenheid": RolOrganisatorischeEenheid,
    "medewerker": RolMedewerker,
}

BetrokkeneIdentificatie = RolNatuurlijkPersoon | RolNietNatuurlijkPersoon | RolVestiging | RolOrganisatorischeEenheid | RolMedewerker


def validate_shape(shape: type[BaseModel], raw: Any, name: str) -> dict:
    """The identificatie `raw` validated as `shape` and dumped with its defaults; a 400 naming
    `<name>.<field>` for what does not fit."""
    try:
        value = shape.model_validate(raw)
    except ValidationError as exc:
        errors = [{**error, "loc": (name, *error.get("loc", ()))} for error in exc.errors()]
        raise ValidationProblem(*invalid_params_from_pydantic(errors)) from None
    return value.model_dump(mode="json", by_alias=True)
