"""ZaakObject and the shapes of its objectIdentificatie by objectType (the Object* schemas of the
Zaken API 1.5.1; natuurlijk_persoon, medewerker, ... reuse the Rol* shapes)."""

from typing import Annotated, Any, Literal

from pydantic import Field, SkipValidation

from services.zaken.betrokkenen import (
    OptionalUri,
    RolMedewerker,
    RolNatuurlijkPersoon,
    RolNietNatuurlijkPersoon,
    RolOrganisatorischeEenheid,
    RolVestiging,
    optional_pattern,
)
from services.zaken.embedded import ZaakObjectEmbedded, expand_field
from services.zaken.schemas import Identified, ZaakFilter
from shared.api_model import ApiModel
from shared.fields import Uri

ObjectType = Literal[
    "adres", "besluit", "buurt", "enkelvoudig_document", "gemeente", "gemeentelijke_openbare_ruimte", "huishouden",
    "inrichtingselement", "kadastrale_onroerende_zaak", "kunstwerkdeel", "maatschappelijke_activiteit", "medewerker",
    "natuurlijk_persoon", "niet_natuurlijk_persoon", "openbare_ruimte", "organisatorische_eenheid", "pand", "spoorbaandeel",
    "status", "terreindeel", "terrein_gebouwd_object", "vestiging", "waterdeel", "wegdeel", "wijk", "woonplaats",
    "woz_deelobject", "woz_object", "woz_waarde", "zakelijk_recht", "overige",
]  # fmt: skip

OBJECT_TYPE_UITLEG = (
    "Beschrijft het type OBJECT gerelateerd aan de ZAAK. Als er geen passend type is, dan moet het type worden opgegeven "
    "onder `objectTypeOverige`."
)


# ---------------------------------------------------------------- the Object* shapes


class ObjectAdres(ApiModel):
    identificatie: str = Field(max_length=100)
    wplWoonplaatsNaam: str = Field(max_length=80)
    gorOpenbareRuimteNaam: str = Field(max_length=80)
    huisnummer: int = Field(ge=0, le=99999)
    huisletter: str = Field("", max_length=1)
    huisnummertoevoeging: str = Field("", max_length=4)
    postcode: str = Field("", max_length=7)


class ObjectBuurt(ApiModel):
    buurtCode: str = Field(max_length=2)
    buurtNaam: str = Field(max_length=40)
    gemGemeenteCode: str = Field(max_length=4)
    wykWijkCode: str = Field(max_length=2)


class ObjectGemeente(ApiModel):
    gemeenteNaam: str = Field(max_length=80)
    gemeenteCode: str = Field(max_length=4)


class ObjectGemeentelijkeOpenbareRuimte(ApiModel):
    identificatie: str = Field(max_length=100)
    openbareRuimteNaam: str = Field(max_length=80)


class TerreinGebouwdObjectAdres(ApiModel):
    numIdentificatie: str = Field("", max_length=100)
    oaoIdentificatie: str = Field(max_length=100)
    wplWoonplaatsNaam: str = Field(max_length=80)
    gorOpenbareRuimteNaam: str = Field(max_length=80)
    aoaPostcode: str = Field("", max_length=7)
    aoaHuisnummer: int = Field(ge=0, le=99999)
    aoaHuisletter: str = Field("", max_length=1)
    aoaHuisnummertoevoeging: str = Field("", max_length=4)
    ogoLocatieAanduiding: str = Field("", max_length=100)


class ObjectTerreinGebouwdObject(ApiModel):
    identificatie: str = Field(max_length=100)
    adresAanduidingGrp: TerreinGebouwdObjectAdres | None = None


class ObjectHuishouden(ApiModel):
    nummer: str = Field(max_length=12)
    isGehuisvestIn: ObjectTerreinGebouwdObject | None = None


class ObjectInrichtingselement(ApiModel):
    type: Literal[
        "bak", "bord", "installatie", "kast", "mast", "paal", "sensor", "straatmeubilair", "waterinrichtingselement",
        "weginrichtingselement",
    ]  # fmt: skip
    identificatie: str = Field(max_length=100)
    naam: str = Field("", max_length=500)


class ObjectKadastraleOnroerendeZaak(ApiModel):
    kadastraleIdentificatie: str = Field(max_length=100)
    kadastraleAanduiding: str = Field(max_length=1000)


class ObjectKunstwerkdeel(ApiModel):
    type: Literal[
        "keermuur", "overkluizing", "duiker", "faunavoorziening", "vispassage", "bodemval", "coupure", "ponton", "voorde",
        "hoogspanningsmast", "gemaal", "perron", "sluis", "strekdam", "steiger", "stuw",
    ]  # fmt: skip
    identificatie: str = Field(max_length=100)
    naam: str = Field(max_length=80)


class ObjectMaatschappelijkeActiviteit(ApiModel):
    kvkNummer: str = Field(max_length=8)
    handelsnaam: str = Field(max_length=200)


class ObjectOpenbareRuimte(ApiModel):
    identificatie: str = Field(max_length=100)
    wplWoonplaatsNaam: str = Field(max_length=80)
    gorOpenbareRuimteNaam: str = Field(max_length=80)


class ObjectOverige(ApiModel):
    overigeData: dict[str, Any]


class ObjectPand(ApiModel):
    identificatie: str = Field(max_length=100)


class ObjectSpoorbaandeel(ApiModel):
    type: Literal["breedspoor", "normaalspoor", "smalspoor", "spoorbaan"]
    identificatie: str = Field(max_length=100)
    naam: str = Field("", max_length=500)


class ObjectTerreindeel(ApiModel):
    type: str = Field(max_length=40)
    identificatie: str = Field(max_length=100)
    naam: str = Field("", max_length=500)


class ObjectWaterdeel(ApiModel):
    typeWaterdeel: Literal["zee", "waterloop", "watervlakte", "greppel_droge_sloot"]
    identificatie: str = Field(max_length=100)
    naam: str = Field("", max_length=500)


class ObjectWegdeel(ApiModel):
    type: str = Field(max_length=100)
    identificatie: str = Field(max_length=100)
    naam: str = Field("", max_length=500)


class ObjectWijk(ApiModel):
    wijkCode: str = Field(max_length=2)
    wijkNaam: str = Field(max_length=40)
    gemGemeenteCode: str = Field(max_length=4)


class ObjectWoonplaats(ApiModel):
    identificatie: str = Field(max_length=100)
    woonplaatsNaam: str = Field(max_length=80)


class WozObjectAdres(ApiModel):
    aoaIdentificatie: str = Field(max_length=100)
    wplWoonplaatsNaam: str = Field(max_length=80)
    gorOpenbareRuimteNaam: str = Field(max_length=80)
    aoaPostcode: str = Field("", max_length=7)
    aoaHuisnummer: int = Field(ge=0, le=99999)
    aoaHuisletter: str = Field("", max_length=1)
    aoaHuisnummertoevoeging: str = Field("", max_length=4)
    locatieOmschrijving: str = Field("", max_length=1000)


class ObjectWozObject(ApiModel):
    wozObjectNummer: str = Field(max_length=100)
    aanduidingWozObject: WozObjectAdres | None = None


class ObjectWozDeelobject(ApiModel):
    nummerWozDeelObject: str = Field(max_length=6)
    isOnderdeelVan: ObjectWozObject | None = None


class ObjectWozWaarde(ApiModel):
    waardepeildatum: str = Field(max_length=9)
    isVoor: ObjectWozObject | None = None


class ZakelijkRechtHeeftAlsGerechtigde(ApiModel):
    natuurlijkPersoon: RolNatuurlijkPersoon | None = None
    nietNatuurlijkPersoon: RolNietNatuurlijkPersoon | None = None


class ObjectZakelijkRecht(ApiModel):
    identificatie: str = Field(max_length=100)
    avgAard: str = Field(max_length=1000)
    heeftBetrekkingOp: ObjectKadastraleOnroerendeZaak | None = None
    heeftAlsGerechtigde: ZakelijkRechtHeeftAlsGerechtigde | None = None


# objectType -> the shape of objectIdentificatie (None: the type has no objectIdentificatie)
OBJECT_SHAPES: dict[str, type[ApiModel] | None] = {
    "adres": ObjectAdres,
    "besluit": None,
    "buurt": ObjectBuurt,
    "enkelvoudig_document": None,
    "gemeente": ObjectGemeente,
    "gemeentelijke_openbare_ruimte": ObjectGemeentelijkeOpenbareRuimte,
    "huishouden": ObjectHuishouden,
    "inrichtingselement": ObjectInrichtingselement,
    "kadastrale_onroerende_zaak": ObjectKadastraleOnroerendeZaak,
    "kunstwerkdeel": ObjectKunstwerkdeel,
    "maatschappelijke_activiteit": ObjectMaatschappelijkeActiviteit,
    "medewerker": RolMedewerker,
    "natuurlijk_persoon": RolNatuurlijkPersoon,
    "niet_natuurlijk_persoon": RolNietNatuurlijkPersoon,
    "openbare_ruimte": ObjectOpenbareRuimte,
    "organisatorische_eenheid": RolOrganisatorischeEenheid,
    "pand": ObjectPand,
    "spoorbaandeel": ObjectSpoorbaandeel,
    "status": None,
    "terreindeel": ObjectTerreindeel,
    "terrein_gebouwd_object": ObjectTerreinGebouwdObject,
    "vestiging": RolVestiging,
    "waterdeel": ObjectWaterdeel,
    "wegdeel": ObjectWegdeel,
    "wijk": ObjectWijk,
    "woonplaats": ObjectWoonplaats,
    "woz_deelobject": ObjectWozDeelobject,
    "woz_object": ObjectWozObject,
    "woz_waarde": ObjectWozWaarde,
    "zakelijk_recht": ObjectZakelijkRecht,
    "overige": ObjectOverige,
}

ObjectIdentificatie = (
    ObjectAdres | ObjectBuurt | ObjectGemeente | ObjectGemeentelijkeOpenbareRuimte | ObjectHuishouden | ObjectInrichtingselement
    | ObjectKadastraleOnroerendeZaak | ObjectKunstwerkdeel | ObjectMaatschappelijkeActiviteit | RolMedewerker
    | RolNatuurlijkPersoon | RolNietNatuurlijkPersoon | ObjectOpenbareRuimte | RolOrganisatorischeEenheid | ObjectPand
    | ObjectSpoorbaandeel | ObjectTerreindeel | ObjectTerreinGebouwdObject | RolVestiging | ObjectWaterdeel | ObjectWegdeel
    | ObjectWijk | ObjectWoonplaats | ObjectWozDeelobject | ObjectWozObject | ObjectWozWaarde | ObjectZakelijkRecht | ObjectOverige
)  # fmt: skip

IDENTIFICATIE_UITLEG = (
    "De identificatie van het OBJECT; de vorm hangt af van `objectType` (bijvoorbeeld `adres` -> ObjectAdres, `pand` -> "
    "ObjectPand, `natuurlijk_persoon` -> RolNatuurlijkPersoon, `overige` -> ObjectOverige). De typen `besluit`, "
    "`enkelvoudig_document` en `status` hebben geen objectIdentificatie."
)
# checked against objectType by the service (errors `objectIdentificatie.<field>`); the contract shows the alternatives
ObjectIdentificatieField = Annotated[ObjectIdentificatie | None, SkipValidation]


class ObjectTypeOverigeDefinitie(ApiModel):
    url: Uri = Field(
        max_length=1000,
        description="URL-referentie naar de objecttype resource in een API. Deze resource moet de "
        "[JSON-schema](https://json-schema.org/)-definitie van het objecttype bevatten.",
    )
    schema_: str = Field(
        alias="schema",
        max_length=100,
        description="Een geldige [jq](http://stedolan.github.io/jq/) expressie. Dit wordt gecombineerd met de resource uit "
        "het `url`-attribuut om het schema van het objecttype uit te lezen. Bijvoorbeeld: `.jsonSchema`.",
    )
    objectData: str = Field(
        max_length=100,
        description="Een geldige [jq](http://stedolan.github.io/jq/) expressie. Dit wordt gecombineerd met de JSON data uit "
        "de OBJECT url om de objectgegevens uit te lezen en de vorm van de gegevens tegen het schema te valideren. "
        "Bijvoorbeeld: `.record.data`.",
    )


OVERIGE_DEFINITIE_UITLEG = (
    'Verwijzing naar het schema van het type OBJECT als `objectType` de waarde "overige" heeft. Indien je hier gebruik van '
    "maakt, dan moet je een OBJECT url opgeven en is het gebruik van objectIdentificatie niet mogelijk."
)
ObjectTypeOverige = Annotated[str, optional_pattern(r"[a-z\_]+", "Alleen kleine letters en '_' zijn toegestaan.")]


class ZaakObjectRequest(ApiModel):
    zaak: Uri = Field(max_length=1000, description="URL-referentie naar de ZAAK.")
    object: OptionalUri = Field("", max_length=1000, description="URL-referentie naar de resource die het OBJECT beschrijft.")
    zaakobjecttype: OptionalUri = Field("", max_length=1000, description="URL-referentie naar het ZAAKOBJECTTYPE (in de Catalogi API).")
    objectType: ObjectType = Field(description=OBJECT_TYPE_UITLEG)
    objectTypeOverige: ObjectTypeOverige = Field(
        "",
        max_length=100,
        description='Beschrijft het type OBJECT als `objectType` de waarde "overige" heeft.',
        json_schema_extra={"pattern": r"[a-z\_]+"},
    )
    objectTypeOverigeDefinitie: ObjectTypeOverigeDefinitie | None = Field(None, description=OVERIGE_DEFINITIE_UITLEG)
    relatieomschrijving: str = Field("", max_length=80, description="Omschrijving van de betrekking tussen de ZAAK en het OBJECT.")
    objectIdentificatie: ObjectIdentificatieField = Field(None, description=IDENTIFICATIE_UITLEG)


class ZaakObject(Identified):
    zaak: str = Field(max_length=1000, description="URL-referentie naar de ZAAK.", json_schema_extra={"format": "uri"})
    object: str = Field(
        max_length=1000, description="URL-referentie naar de resource die het OBJECT beschrijft.", json_schema_extra={"format": "uri"}
    )
    zaakobjecttype: str = Field(
        max_length=1000, description="URL-referentie naar het ZAAKOBJECTTYPE (in de Catalogi API).", json_schema_extra={"format": "uri"}
    )
    objectType: ObjectType = Field(description=OBJECT_TYPE_UITLEG)
    objectTypeOverige: str = Field(max_length=100)
    objectTypeOverigeDefinitie: ObjectTypeOverigeDefinitie | None = Field(description=OVERIGE_DEFINITIE_UITLEG)
    relatieomschrijving: str = Field(max_length=80)
    objectIdentificatie: ObjectIdentificatieField = Field(None, description=IDENTIFICATIE_UITLEG)
    expand: ZaakObjectEmbedded | None = expand_field()


class ZaakObjectFilters(ApiModel):
    zaak: ZaakFilter = None
    object: Uri | None = Field(None, description="URL-referentie naar de resource die het OBJECT beschrijft.")
    objectType: ObjectType | None = Field(None, description=OBJECT_TYPE_UITLEG)
