"""The bodies of `/enkelvoudiginformatieobjecten` as the Documenten API 1.5.0 declares them."""

import datetime as dt
from typing import Literal

from pydantic import Field

from shared.api_model import ApiModel, read_only
from shared.fields import BlankOrUri, Rsin, Uri, Vertrouwelijkheidaanduiding

Status = Literal["", "in_bewerking", "ter_vaststelling", "definitief", "gearchiveerd"]
Soort = Literal["analoog", "digitaal", "pki"]
Algoritme = Literal[
    "crc_16", "crc_32", "crc_64", "fletcher_4", "fletcher_8", "fletcher_16", "fletcher_32", "hmac", "md5", "sha_1", "sha_256", "sha_512", "sha_3"
]  # fmt: skip


class Ondertekening(ApiModel):
    """Aanduiding van de rechtskracht van een informatieobject."""

    soort: Soort | Literal[""] = Field(description="Aanduiding van de wijze van ondertekening van het INFORMATIEOBJECT")
    datum: dt.date | None = Field(description="De datum waarop de ondertekening van het INFORMATIEOBJECT heeft plaatsgevonden.")


class Integriteit(ApiModel):
    """Uitdrukking van mate van volledigheid en onbeschadigd zijn van digitaal bestand."""

    algoritme: Algoritme | Literal[""] = Field(description="Aanduiding van algoritme, gebruikt om de checksum te maken.")
    waarde: str = Field(max_length=128, description="De waarde van de checksum.")
    datum: dt.date | None = Field(description="Datum waarop de checksum is gemaakt.")


class EnkelvoudigInformatieObjectRequest(ApiModel):
    """What a client writes (create; update and partial update add `lock`)."""

    identificatie: str = Field(
        "", max_length=40, description="Een binnen een gegeven context ondubbelzinnige referentie naar het INFORMATIEOBJECT."
    )
    bronorganisatie: Rsin = Field(description="Het RSIN van de organisatie die het informatieobject heeft gecreëerd of heeft ontvangen.")
    creatiedatum: dt.date = Field(description="Een datum of een gebeurtenis in de levenscyclus van het INFORMATIEOBJECT.")
    titel: str = Field(max_length=200, description="De naam waaronder het INFORMATIEOBJECT formeel bekend is.")
    vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding | Literal[""] = Field(
        "", description="Aanduiding van de mate waarin het INFORMATIEOBJECT voor de openbaarheid bestemd is."
    )
    auteur: str = Field(
        max_length=200, description="De persoon of organisatie die in de eerste plaats verantwoordelijk is voor het creëren van de inhoud."
    )
    status: Status = Field("", description="Aanduiding van de stand van zaken van een INFORMATIEOBJECT.")
    inhoud_is_vervallen: bool | None = Field(
        None, alias="inhoudIsVervallen", description="Geeft aan of de inhoud van het INFORMATIEOBJECT is vervallen."
    )
    formaat: str = Field("", max_length=255, description='Het "Media Type" van de inhoud, bijvoorbeeld `application/pdf`.')
    taal: str = Field(
        min_length=3, max_length=3, description="Een ISO 639-2/B taalcode waarin de inhoud is vastgelegd, bijvoorbeeld `dut`."
    )
    bestandsnaam: str = Field(
        "", max_length=255, description="De naam van het fysieke bestand waarin de inhoud van het informatieobject is vastgelegd."
    )
    inhoud: str | None = Field(None, description="Binaire inhoud, in base64 geëncodeerd.", json_schema_extra={"format": "byte"})
    bestandsomvang: int | None = Field(
        None, ge=0, le=2**63 - 1, description="Aantal bytes dat de inhoud van INFORMATIEOBJECT in beslag neemt."
    )
    link: BlankOrUri = Field("", max_length=200, description="De URL waarmee de inhoud van het INFORMATIEOBJECT op te vragen is.")
    beschrijving: str = Field("", max_length=1000, description="Een generieke beschrijving van de inhoud van het INFORMATIEOBJECT.")
    ontvangstdatum: dt.date | None = Field(None, description="De datum waarop het INFORMATIEOBJECT ontvangen is.")
    verzenddatum: dt.date | None = Field(None, description="De datum waarop het INFORMATIEOBJECT verzonden is.")
    indicatie_gebruiksrecht: bool | None = Field(
        None, alias="indicatieGebruiksrecht", description="Indicatie of er beperkingen gelden aangaande het gebruik."
    )
    verschijningsvorm: str = Field("", description="De essentiële opmaakaspecten van een INFORMATIEOBJECT.")
    ondertekening: Ondertekening | None = Field(None, description="Aanduiding van de rechtskracht van een informatieobject.")
    integriteit: Integriteit | None = Field(
        None, description="Uitdrukking van mate van volledigheid en onbeschadigd zijn van digitaal bestand."
    )
    informatieobjecttype: Uri = Field(max_length=200, description="URL-referentie naar het INFORMATIEOBJECTTYPE (in de Catalogi API).")
    trefwoorden: list[str] = Field(default_factory=list, description="Een lijst van één of meer trefwoorden.")


class EnkelvoudigInformatieObjectWithLockRequest(EnkelvoudigInformatieObjectRequest):
    # drc-010: optional here so that its absence is the suite's `lock` `required` (a 400 of ours)
    lock: str | None = Field(None, max_length=100, description="Hash string, wordt gebruikt als ID voor de lock.")


class BestandsDeel(ApiModel):
    url: str = read_only(format="uri", max_length=1000)
    volgnummer: int = read_only()
    omvang: int = read_only()
    voltooid: bool = read_only("Indicatie of het bestandsdeel al een inhoud heeft.")
    lock: str = Field(description="Hash string, wordt gebruikt als ID voor de lock.")


class EnkelvoudigInformatieObject(ApiModel):
    url: str = read_only("URL-referentie naar dit object.", format="uri", max_length=1000)
    identificatie: str = Field(max_length=40)
    bronorganisatie: str = Field(max_length=9)
    creatiedatum: dt.date
    titel: str = Field(max_length=200)
    vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding | Literal[""]
    auteur: str = Field(max_length=200)
    status: Status
    inhoud_is_vervallen: bool | None = Field(alias="inhoudIsVervallen")
    formaat: str = Field(max_length=255)
    taal: str = Field(max_length=3)
    versie: int = read_only("Het (automatische) versienummer van het INFORMATIEOBJECT.")
    begin_registratie: dt.datetime = read_only(
        "Een datumtijd waarop deze versie van het INFORMATIEOBJECT is aangemaakt.", alias="beginRegistratie"
    )
    bestandsnaam: str = Field(max_length=255)
    inhoud: str | None = Field(description="Download URL van de binaire inhoud.", json_schema_extra={"format": "uri"})
    bestandsomvang: int | None
    link: str = Field(max_length=200, json_schema_extra={"format": "uri"})
    beschrijving: str = Field(max_length=1000)
    ontvangstdatum: dt.date | None
    verzenddatum: dt.date | None
    indicatie_gebruiksrecht: bool | None = Field(alias="indicatieGebruiksrecht")
    verschijningsvorm: str
    ondertekening: Ondertekening | None
    integriteit: Integriteit | None
    informatieobjecttype: str = Field(max_length=200, json_schema_extra={"format": "uri"})
    locked: bool = read_only("Geeft aan of het document gelocked is.")
    bestandsdelen: list[BestandsDeel] = read_only()
    trefwoorden: list[str]


class EnkelvoudigInformatieObjectCreateLock(EnkelvoudigInformatieObject):
    lock: str = Field(description="Lock id voor het uploaden van de bestandsdelen (leeg zonder bestandsdelen).")


class EnkelvoudigInformatieObjectWithLock(EnkelvoudigInformatieObject):
    lock: str = Field("", description="Hash string, wordt gebruikt als ID voor de lock.")


class EnkelvoudigInformatieObjectFilters(ApiModel):
    identificatie: str | None = Field(
        None, description="Een binnen een gegeven context ondubbelzinnige referentie naar het INFORMATIEOBJECT."
    )
    bronorganisatie: str | None = Field(
        None, description="Het RSIN van de organisatie die het informatieobject heeft gecreëerd of ontvangen."
    )
    trefwoorden: str | None = Field(
        None, description="Een lijst van trefwoorden gescheiden door comma's.", json_schema_extra={"x-comma-separated": True}
    )
    expand: str | None = Field(None, description="Haal details van gelinkte resources direct op.", examples=["informatieobjecttype"])


class VersionParams(ApiModel):
    """`?versie=` and `?registratieOp=` on retrieve and download."""

    versie: int | None = Field(None, description="Het (automatische) versienummer van het INFORMATIEOBJECT.")
    registratie_op: str | None = Field(
        None,
        alias="registratieOp",
        description="Een datumtijd in ISO8601 formaat. De versie van het INFORMATIEOBJECT die qua `begin_registratie` het kortst hiervoor zit wordt opgehaald.",
    )


class RetrieveParams(VersionParams):
    expand: str | None = Field(None, description="Haal details van gelinkte resources direct op.", examples=["informatieobjecttype"])


class EIOZoek(ApiModel):
    uuid__in: list[str] = Field(description="Array of unieke resource identifiers (UUID4)")
    identificatie: str | None = None
    bronorganisatie: str | None = None
    expand: str | None = None


class LockResponse(ApiModel):
    lock: str = read_only("Hash string, wordt gebruikt als ID voor de lock.")


class UnlockRequest(ApiModel):
    lock: str = Field("", description="Hash string, wordt gebruikt als ID voor de lock.")


class EnkelvoudigInformatieObjectEmbedded(ApiModel):
    informatieobjecttype: dict | None = Field(None, description="Het INFORMATIEOBJECTTYPE, als de Catalogi API het geeft.")


class EnkelvoudigInformatieObjectExpanded(EnkelvoudigInformatieObject):
    expand: EnkelvoudigInformatieObjectEmbedded | None = Field(None, alias="_expand")


class BestandsDeelResponse(ApiModel):
    url: str = read_only(format="uri", max_length=1000)
    lock: str = Field(description="Hash string, which represents id of the lock of related informatieobject")
    omvang: int = Field(description="De grootte van dit specifieke bestandsdeel.")
    inhoud: str | None = Field(
        None, description="De URL naar de bestandsinhoud van dit specifieke bestandsdeel.", json_schema_extra={"format": "uri"}
    )
    voltooid: bool = Field(description="Indicatie of dit bestandsdeel volledig is geupload.")
    volgnummer: int = Field(description="Een volgnummer dat de volgorde van de bestandsdelen aangeeft.")
