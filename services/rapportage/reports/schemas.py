"""The reports' response bodies (the contract in openapi/rapportage.yaml)."""

import datetime as dt
from typing import Literal

from pydantic import Field

from shared.api_model import ApiModel, comma_separated

ZAAKTYPE_FILTER = "Zaaktype: identificatie of URL (van een willekeurige versie); meerdere met komma's."
TEAM_FILTER = (
    "Team: `<betrokkeneType>:<identificatie>` (bijv. `organisatorische_eenheid:OE-BR`), de identificatie alleen, "
    "of `geen` voor zaken zonder team; meerdere met komma's."
)
Formaat = Literal["json", "csv", "xlsx"]
FORMAAT = "`csv` geeft het rapport als CSV (text/csv), `xlsx` als Excel-werkmap (een blad per tabel)."


class ReportFilters(ApiModel):
    """The query parameters every report takes."""

    van: dt.date | None = Field(None, description="Eerste dag van de periode (JJJJ-MM-DD), inclusief.")
    tot: dt.date | None = Field(None, description="Laatste dag van de periode (JJJJ-MM-DD), inclusief.")
    zaaktype: str | None = comma_separated(ZAAKTYPE_FILTER)
    team: str | None = comma_separated(TEAM_FILTER)
    formaat: Formaat = Field("json", description=FORMAAT)


class MaandrapportFilters(ApiModel):
    """The query parameters of the monthly report: a month instead of a period."""

    maand: str | None = Field(None, description="De maand (JJJJ-MM); standaard de laatste afgeronde maand.")
    zaaktype: str | None = comma_separated(ZAAKTYPE_FILTER)
    team: str | None = comma_separated(TEAM_FILTER)
    formaat: Formaat = Field("json", description=FORMAAT)


class Periode(ApiModel):
    van: dt.date | None = None
    tot: dt.date | None = None
    zaaktype: list[str] = []
    team: list[str] = []


class ZaaktypeRef(ApiModel):
    identificatie: str
    omschrijving: str
    url: str = Field(json_schema_extra={"format": "uri"})


class TeamRef(ApiModel):
    sleutel: str = Field(description="`<betrokkeneType>:<identificatie>`; leeg: zaken zonder team.")
    naam: str = Field(description="De naam van de organisatorische eenheid; bij een medewerker de identificatie.")
    betrokkeneType: str
    identificatie: str


class Kerncijfers(ApiModel):
    periode: Periode
    aantalZaken: int = Field(description="Zaken met een startdatum in de periode (zonder periode: alle zaken).")
    aantalOpen: int = Field(description="Open zaken aan het eind van de periode (of vandaag).")
    aantalAfgesloten: int = Field(description="Zaken met een einddatum in de periode.")
    aantalStatussen: int = Field(description="Statussen gezet in de periode.")
    aantalEvents: int = Field(description="Verwerkte notificaties met een aanmaakdatum in de periode (filter op team geldt hier niet).")
    aantalEventsWachtend: int = Field(description="Notificaties die wachten op een nieuwe poging (ongeacht filters).")
    mediaanDoorlooptijdDagen: float | None = Field(
        description="Mediaan van de bruto doorlooptijd (dagen) van de in de periode afgesloten zaken."
    )
    percentageOpTijd: float | None = Field(
        description="Percentage afgesloten zaken binnen de doorlooptijd (uiterlijke einddatum afdoening)."
    )
    percentageBinnenServicenorm: float | None = Field(description="Percentage afgesloten zaken binnen de servicenorm (einddatum gepland).")


class InstroomUitstroomPunt(ApiModel):
    periode: str = Field(description="`JJJJ-MM` of ISO-week `JJJJ-Www`.")
    van: dt.date
    tot: dt.date
    instroom: int
    uitstroom: int
    saldo: int


class InstroomUitstroom(ApiModel):
    periode: Periode
    interval: Literal["week", "month"]
    reeks: list[InstroomUitstroomPunt]


class Leeftijd(ApiModel):
    leeftijd: str
    vanDagen: int
    totDagen: int | None
    aantal: int


class WerkvoorraadZaaktype(ApiModel):
    zaaktype: ZaaktypeRef
    aantal: int
    leeftijden: list[int] = Field(description="Aantallen per leeftijdsklasse, in de volgorde van `leeftijden`.")


class Werkvoorraad(ApiModel):
    datum: dt.date
    filters: Periode
    aantal: int = Field(description="Open zaken aan het eind van `datum`.")
    leeftijden: list[Leeftijd]
    perZaaktype: list[WerkvoorraadZaaktype]


class TrendPunt(ApiModel):
    periode: str
    datum: dt.date
    aantal: int


class WerkvoorraadTrend(ApiModel):
    periode: Periode
    reeks: list[TrendPunt]


class Spreiding(ApiModel):
    mediaan: float | None
    p90: float | None
    gemiddelde: float | None


class DoorlooptijdZaaktype(ApiModel):
    zaaktype: ZaaktypeRef
    aantalAfgesloten: int
    bruto: Spreiding = Field(description="Dagen van startdatum tot einddatum.")
    netto: Spreiding = Field(description="Dagen van startdatum tot einddatum, min de dagen opgeschort.")
    servicenorm: str | None
    servicenormDagen: int | None
    doorlooptijd: str | None
    doorlooptijdDagen: int | None
    percentageBinnenServicenorm: float | None
    percentageOpTijd: float | None
    aantalOpen: int
    aantalTeLaat: int = Field(description="Open zaken nu voorbij hun uiterlijke einddatum (plus verlenging en opschorting).")
    aantalBijnaTeLaat: int = Field(description="Open zaken die binnen `bijnaTeLaatDagen` hun uiterlijke einddatum bereiken.")
    aantalTeLaatServicenorm: int
    aantalBijnaTeLaatServicenorm: int


class Doorlooptijden(ApiModel):
    periode: Periode
    bijnaTeLaatDagen: int
    peildatum: dt.date
    zaaktypen: list[DoorlooptijdZaaktype]


class DoorlooptijdTrendPunt(ApiModel):
    periode: str
    aantalAfgesloten: int
    mediaanBruto: float | None
    mediaanNetto: float | None
    p90Bruto: float | None


class DoorlooptijdTrend(ApiModel):
    periode: Periode
    reeks: list[DoorlooptijdTrendPunt]


class StatusduurStatustype(ApiModel):
    volgnummer: int
    omschrijving: str
    aantal: int = Field(description="Statussen die in de periode zijn verlaten.")
    mediaanUren: float | None
    p90Uren: float | None
    gemiddeldeUren: float | None
    mediaanDagen: float | None
    norm: str | None = Field(description="De doorlooptijd van het statustype.")
    normUren: float | None
    aantalBovenNorm: int
    percentageBovenNorm: float | None
    aantalNuInStatus: int = Field(description="Open zaken die nu deze status hebben.")


class StatusduurZaaktype(ApiModel):
    zaaktype: ZaaktypeRef
    statustypen: list[StatusduurStatustype]


class Statusduur(ApiModel):
    periode: Periode
    zaaktypen: list[StatusduurZaaktype]


class GebruikMaand(ApiModel):
    maand: str
    zakenGestart: int
    statussenGezet: int
    zakenAfgesloten: int


class GebruikTotaal(ApiModel):
    zakenGestart: int
    statussenGezet: int
    zakenAfgesloten: int


class GebruikTeam(ApiModel):
    team: TeamRef
    maanden: list[GebruikMaand]
    totaal: GebruikTotaal


class Gebruik(ApiModel):
    periode: Periode
    maanden: list[str]
    teams: list[GebruikTeam]


class KampioenTeam(ApiModel):
    team: TeamRef
    percentageOpTijd: float | None
    zakenAfgesloten: int
    statussenGezet: int


class KampioenMaand(ApiModel):
    maand: str
    kampioen: KampioenTeam | None
    aantalKandidaten: int
    afgerond: bool = Field(description="De maand is voorbij (de stand is definitief).")


class Kampioen(ApiModel):
    periode: Periode
    regel: str = Field(description="De regel die de kampioen kiest.")
    maanden: list[KampioenMaand]


class MaandKampioen(KampioenMaand):
    regel: str = Field(description="De regel die de kampioen kiest.")


class MijlpaalItem(ApiModel):
    soort: Literal["aantal", "eerste-zaak", "halvering", "gearchiveerd", "gebruikers"]
    titel: str
    datum: dt.date
    zaaktype: ZaaktypeRef | None
    waarde: int | None


class Mijlpalen(ApiModel):
    periode: Periode
    mijlpalen: list[MijlpaalItem]


class MedewerkerCijfers(ApiModel):
    zakenInBehandeling: int = Field(description="Open zaken (nu) waarop de medewerker een rol heeft uit RAPPORTAGE_TEAM_ROLLEN.")
    statussenGezet: int = Field(description="Statussen met een datumStatusGezet in de periode die de medewerker zette (audittrail).")
    naregistraties: int = Field(description="Daarvan meer dan `naregistratieUren` na de datumStatusGezet geregistreerd.")


class MedewerkerRegel(MedewerkerCijfers):
    identificatie: str = Field(description="De identificatie van de medewerker (of de gebruikersId van de audittrail); nooit een naam.")


class MedewerkersTeam(ApiModel):
    team: TeamRef
    medewerkers: list[MedewerkerRegel]
    totaal: MedewerkerCijfers


class Medewerkers(ApiModel):
    """Per team (het team van de zaak), per medewerker. Alleen met RAPPORTAGE_PER_MEDEWERKER=true."""

    periode: Periode
    peildatum: dt.date
    naregistratieUren: float
    teams: list[MedewerkersTeam]


class TijdlijnStatus(ApiModel):
    datumStatusGezet: dt.datetime
    statustype: str = Field(json_schema_extra={"format": "uri"})
    volgnummer: int
    omschrijving: str
    statustekst: str
    huidig: bool


class TijdlijnZaaktype(ApiModel):
    omschrijving: str
    url: str


class Tijdlijn(ApiModel):
    """The statussen of one zaak whose statustype has `informeren`, with its statustekst: what a
    portal shows the initiator. Nothing about persons."""

    zaak: str = Field(json_schema_extra={"format": "uri"})
    identificatie: str
    zaaktype: TijdlijnZaaktype
    startdatum: dt.date
    einddatumGepland: dt.date | None
    uiterlijkeEinddatumAfdoening: dt.date | None
    einddatum: dt.date | None
    opgeschort: bool
    statussen: list[TijdlijnStatus]


SignaleringCode = Literal[
    "zonder-tussenstatus",
    "zonder-behandelaar",
    "naregistratie",
    "zonder-resultaat",
    "zonder-document",
    "stilstand",
    "termijn-bijna",
    "termijn-verstreken",
]


class SignaleringMeting(ApiModel):
    aantal: int = Field(description="Wat signaleert: zaken (bij `naregistratie` statussen).")
    totaal: int = Field(description="Waarover het aandeel gaat (de populatie van de regel).")
    percentage: float | None = Field(description="`aantal` als percentage van `totaal`.")
    signaal: bool = Field(description="Boven de drempel (zonder drempel: minstens één).")


class SignaleringGroep(SignaleringMeting):
    zaaktype: ZaaktypeRef
    team: TeamRef | None = Field(description="Leeg bij een signaal dat alleen per zaaktype telt.")


class Signalering(SignaleringMeting):
    code: SignaleringCode
    titel: str
    regel: str = Field(description="De regel, met de drempels van de instellingen.")
    drempelPercentage: float | None = Field(description="Het aandeel waarboven een groep signaleert; leeg: elke zaak signaleert.")
    groepen: list[SignaleringGroep] = Field(description="Per zaaktype en team.")


class WeggelatenSignalering(ApiModel):
    code: str
    titel: str
    reden: str


class Signaleringen(ApiModel):
    periode: Periode
    peildatum: dt.date
    signaleringen: list[Signalering]
    weggelaten: list[WeggelatenSignalering] = Field(description="Signalen die de rapportage (nog) niet kan berekenen, en waarom.")


class SignaleringZaak(ApiModel):
    url: str = Field(json_schema_extra={"format": "uri"})
    identificatie: str
    zaaktype: ZaaktypeRef
    team: TeamRef
    startdatum: dt.date
    einddatum: dt.date | None
    uiterlijkeEinddatum: dt.date | None = Field(description="Uiterlijke einddatum afdoening met verlenging en opschorting.")
    status: str | None = Field(description="De omschrijving van het huidige statustype.")
    statusSinds: dt.datetime | None


class MaandKerncijfer(ApiModel):
    code: str = Field(description="Het veld van `/kerncijfers` (bijv. `aantalAfgesloten`).")
    titel: str
    waarde: float | None
    vorigeMaand: float | None
    verschil: float | None = Field(description="`waarde` min `vorigeMaand`.")
    richting: Literal["hoger", "lager", "gelijk"] | None
    beoordeling: Literal["beter", "slechter", "gelijk"] | None = Field(
        description="Of het verschil een verbetering is (minder open zaken, kortere doorlooptijd, meer op tijd); leeg als hoger noch lager beter is."
    )


class MaandDoorlooptijd(ApiModel):
    zaaktype: ZaaktypeRef
    aantalAfgesloten: int
    mediaanDagen: float | None = Field(description="De mediane bruto doorlooptijd van de in de maand afgesloten zaken.")
    doorlooptijdDagen: int | None = Field(description="De norm: de doorlooptijd van het zaaktype.")
    servicenormDagen: int | None
    percentageOpTijd: float | None
    percentageBinnenServicenorm: float | None


class MaandWerkvoorraad(ApiModel):
    datum: dt.date = Field(description="Het eind van de maand (of vandaag, in de lopende maand).")
    aantal: int
    leeftijden: list[Leeftijd]


class MaandOnderdeel(ApiModel):
    titel: str = Field(description="`Alle teams`, de naam van het team, of `Geselecteerde teams`.")
    team: TeamRef | None = Field(description="Leeg: alle teams (of de teams van het filter).")
    kerncijfers: list[MaandKerncijfer]
    doorlooptijden: list[MaandDoorlooptijd] = Field(description="Per zaaktype met in de maand afgesloten zaken, tegen de norm.")
    werkvoorraad: MaandWerkvoorraad
    signaleringen: list[Signalering] = Field(description="De signaleringen over de maand (de termijnsignalen: op de peildatum).")


class MaandFilters(ApiModel):
    zaaktype: list[str] = []
    team: list[str] = []


class Maandrapport(ApiModel):
    """The monthly report for the management meeting: the month against the one before, for all
    teams (or the teams of the filter) and per team."""

    maand: str = Field(description="`JJJJ-MM`.")
    van: dt.date
    tot: dt.date
    vorigeMaand: str
    afgerond: bool = Field(description="De maand is voorbij (de cijfers zijn definitief).")
    peildatum: dt.date
    filters: MaandFilters
    kampioen: MaandKampioen = Field(description="De kampioen van de maand (over alle teams).")
    mijlpalen: list[MijlpaalItem] = Field(description="De mijlpalen bereikt in de maand.")
    onderdelen: list[MaandOnderdeel] = Field(
        description="Eerst alle teams (of de selectie), dan elk team met zaken in de maand of de maand ervoor."
    )
