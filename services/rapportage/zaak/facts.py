"""What a fetched resource tells the read models, extracted into plain values. Only these facts
are kept: no omschrijving or toelichting of a zaak (free text), no rol of a natuurlijk persoon,
no name of a medewerker."""

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from shared import utc


class _Keep:
    """The marker for "not fetched with this event: keep what the read model has"."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


def _date(value) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def parse_moment(value) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return utc.aware(moment)


def uuid_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class ZaakFacts:
    url: str
    uuid: str
    identificatie: str
    bronorganisatie: str
    zaaktype: str
    hoofdzaak: str | None
    registratiedatum: dt.date
    startdatum: dt.date
    einddatum: dt.date | None
    einddatum_gepland: dt.date | None
    uiterlijke_einddatum_afdoening: dt.date | None
    verlenging_duur: str | None
    opgeschort: bool
    status: str | None
    resultaat: str | None
    archiefstatus: str = "nog_te_archiveren"
    archiefnominatie: str | None = None

    @classmethod
    def from_json(cls, data: dict) -> "ZaakFacts":
        startdatum = _date(data.get("startdatum"))
        registratiedatum = _date(data.get("registratiedatum")) or startdatum
        if not data.get("url") or not data.get("zaaktype") or startdatum is None or registratiedatum is None:
            raise ValueError("geen ZAAK: url, zaaktype of startdatum ontbreekt")
        verlenging = data.get("verlenging") or {}
        opschorting = data.get("opschorting") or {}
        return cls(
            url=data["url"],
            uuid=str(data.get("uuid") or uuid_of(data["url"])).lower(),
            identificatie=str(data.get("identificatie") or "")[:40],
            bronorganisatie=str(data.get("bronorganisatie") or "")[:9],
            zaaktype=data["zaaktype"],
            hoofdzaak=data.get("hoofdzaak") or None,
            registratiedatum=registratiedatum,
            startdatum=startdatum,
            einddatum=_date(data.get("einddatum")),
            einddatum_gepland=_date(data.get("einddatumGepland")),
            uiterlijke_einddatum_afdoening=_date(data.get("uiterlijkeEinddatumAfdoening")),
            verlenging_duur=(verlenging.get("duur") or None) if isinstance(verlenging, dict) else None,
            opgeschort=bool(opschorting.get("indicatie")) if isinstance(opschorting, dict) else False,
            status=data.get("status") or None,
            resultaat=data.get("resultaat") or None,
            archiefstatus=str(data.get("archiefstatus") or "nog_te_archiveren")[:40],
            archiefnominatie=str(data.get("archiefnominatie") or "")[:20] or None,
        )


@dataclass(frozen=True)
class StatusFacts:
    url: str
    statustype: str
    datum_status_gezet: dt.datetime
    # when it was registered (a Status has no such field: its creation's notification or audit
    # trail entry tells); None: not known with this fetch, the read model keeps what it has
    geregistreerd: dt.datetime | None = None
    # who set it: the gebruikersId of its create in the audit trail (RAPPORTAGE_PER_MEDEWERKER);
    # None: not known with this fetch, the read model keeps what it has
    gezet_door: str | None = None

    @classmethod
    def from_json(cls, data: dict) -> "StatusFacts":
        moment = parse_moment(data.get("datumStatusGezet"))
        if not data.get("url") or not data.get("statustype") or moment is None:
            raise ValueError("geen STATUS: url, statustype of datumStatusGezet ontbreekt")
        return cls(url=data["url"], statustype=data["statustype"], datum_status_gezet=moment)


@dataclass(frozen=True)
class TeamFacts:
    betrokkene_type: str
    identificatie: str
    naam: str

    @property
    def sleutel(self) -> str:
        return f"{self.betrokkene_type}:{self.identificatie}"


def team_from_rollen(rollen: list[dict], rollen_voorkeur: tuple[str, ...], typen_voorkeur: tuple[str, ...]) -> TeamFacts | None:
    """The team of a zaak: of its rollen with an omschrijvingGeneriek in `rollen_voorkeur` and a
    betrokkeneType in `typen_voorkeur` (never natuurlijk_persoon), the most preferred (rol first,
    then type), then the earliest registered, then the lowest URL. An organisatorische eenheid is
    named by its naam; a medewerker only by its identificatie."""
    candidates = []
    for rol in rollen:
        generiek = rol.get("omschrijvingGeneriek") or ""
        soort = rol.get("betrokkeneType") or ""
        if generiek not in rollen_voorkeur or soort not in typen_voorkeur or soort == "natuurlijk_persoon":
            continue
        ident = rol.get("betrokkeneIdentificatie") or {}
        identificatie = str(ident.get("identificatie") or "").strip() or str(rol.get("betrokkene") or "").strip()
        if not identificatie:
            continue
        naam = str(ident.get("naam") or "").strip() if soort == "organisatorische_eenheid" else ""
        rank = (
            rollen_voorkeur.index(generiek),
            typen_voorkeur.index(soort),
            str(rol.get("registratiedatum") or ""),
            str(rol.get("url") or ""),
        )
        candidates.append((rank, TeamFacts(soort, identificatie[:1000], (naam or identificatie)[:200])))
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[0])[1]


@dataclass(frozen=True)
class Period:
    begin: dt.datetime
    eind: dt.datetime | None


def opschortingen_from_audittrail(entries: list[dict]) -> list[Period]:
    """The periods in which the zaak was opgeschort, from the changes of resource `zaak` in its
    audit trail (oldest first): a period begins where `opschorting.indicatie` turns true and ends
    where it turns false."""
    periods: list[Period] = []
    begin: dt.datetime | None = None
    zaak_entries = [e for e in entries if e.get("resource") == "zaak"]
    zaak_entries.sort(key=lambda e: parse_moment(e.get("aanmaakdatum")) or dt.datetime.min.replace(tzinfo=dt.UTC))
    for entry in zaak_entries:
        moment = parse_moment(entry.get("aanmaakdatum"))
        if moment is None:
            continue
        nieuw = ((entry.get("wijzigingen") or {}).get("nieuw")) or {}
        opschorting = nieuw.get("opschorting") if isinstance(nieuw, dict) else None
        if not isinstance(opschorting, dict):
            continue
        indicatie = bool(opschorting.get("indicatie"))
        if indicatie and begin is None:
            begin = moment
        elif not indicatie and begin is not None:
            periods.append(Period(begin, moment))
            begin = None
    if begin is not None:
        periods.append(Period(begin, None))
    return periods


def status_registraties(entries: list[dict]) -> dict[str, dt.datetime]:
    """When each status of the zaak was registered: the aanmaakdatum of its `create` in the
    audit trail."""
    out: dict[str, dt.datetime] = {}
    for entry in entries:
        moment = parse_moment(entry.get("aanmaakdatum"))
        nieuw = (entry.get("wijzigingen") or {}).get("nieuw")
        url = entry.get("resourceUrl") or (nieuw.get("url") if isinstance(nieuw, dict) else None)
        if entry.get("resource") == "status" and entry.get("actie") == "create" and moment is not None and url:
            out[url] = min(moment, out.get(url, moment))
    return out


def with_registraties(
    statussen: list[StatusFacts], registraties: dict[str, dt.datetime], gezet_door: dict[str, str] | None = None
) -> list[StatusFacts]:
    """The statussen with when they were registered and (`gezet_door`: status URL -> medewerker)
    by whom, where known."""
    gezet_door = gezet_door or {}
    return [
        replace(s, geregistreerd=registraties.get(s.url, s.geregistreerd), gezet_door=gezet_door.get(s.url, s.gezet_door))
        if s.url in registraties or s.url in gezet_door
        else s
        for s in statussen
    ]


@dataclass(frozen=True)
class MedewerkerFacts:
    """Evidence that a medewerker acts in the system: a medewerker rol (at its registratiedatum)
    or an audit trail entry (its gebruikersId, at its aanmaakdatum)."""

    identificatie: str
    moment: dt.datetime


def _gebruiker(entry: dict) -> str:
    return str(entry.get("gebruikersId") or "").strip()[:1000]


def medewerkers_from_rollen(rollen: list[dict], fallback: dt.datetime) -> list[MedewerkerFacts]:
    """The medewerkers among the rollen (any omschrijvingGeneriek): identificatie from
    betrokkeneIdentificatie, else the betrokkene URL; seen at the rol's registratiedatum
    (`fallback` where the Zaken API gives none)."""
    out = []
    for rol in rollen:
        identificatie = _medewerker_of(rol)
        if identificatie:
            out.append(MedewerkerFacts(identificatie, parse_moment(rol.get("registratiedatum")) or fallback))
    return out


def _medewerker_of(rol: dict) -> str:
    if rol.get("betrokkeneType") != "medewerker":
        return ""
    ident = rol.get("betrokkeneIdentificatie") or {}
    identificatie = str(ident.get("identificatie") or "").strip() if isinstance(ident, dict) else ""
    return (identificatie or str(rol.get("betrokkene") or "").strip())[:1000]


def behandelaars_from_rollen(rollen: list[dict], rollen_voorkeur: tuple[str, ...]) -> list[str]:
    """The medewerkers holding a rol that makes a team (RAPPORTAGE_TEAM_ROLLEN), sorted."""
    return sorted({m for rol in rollen if (rol.get("omschrijvingGeneriek") or "") in rollen_voorkeur and (m := _medewerker_of(rol))})


def gebruikers_from_audittrail(entries: list[dict]) -> list[MedewerkerFacts]:
    """Every gebruikersId in the audit trail, at the moment of its entry."""
    out = []
    for entry in entries:
        moment = parse_moment(entry.get("aanmaakdatum"))
        if moment is not None and (gebruiker := _gebruiker(entry)):
            out.append(MedewerkerFacts(gebruiker, moment))
    return out


def status_zetters(entries: list[dict]) -> dict[str, str]:
    """Who set each status: the gebruikersId of its `create` in the audit trail."""
    out: dict[str, str] = {}
    for entry in entries:
        nieuw = (entry.get("wijzigingen") or {}).get("nieuw")
        url = entry.get("resourceUrl") or (nieuw.get("url") if isinstance(nieuw, dict) else None)
        if entry.get("resource") == "status" and entry.get("actie") == "create" and url and (gebruiker := _gebruiker(entry)):
            out.setdefault(url, gebruiker)
    return out


@dataclass(frozen=True)
class ZaaktypeFacts:
    url: str
    opgehaald: bool
    catalogus: str = ""
    identificatie: str = ""
    omschrijving: str = ""
    doorlooptijd: str = ""
    servicenorm: str = ""
    begin_geldigheid: dt.date | None = None

    @property
    def groep(self) -> str:
        return f"{self.catalogus}#{self.identificatie}" if self.opgehaald and self.identificatie else self.url

    @classmethod
    def from_json(cls, url: str, data: dict | None) -> "ZaaktypeFacts":
        if not isinstance(data, dict):
            return cls(url=url, opgehaald=False)
        return cls(
            url=url,
            opgehaald=True,
            catalogus=str(data.get("catalogus") or ""),
            identificatie=str(data.get("identificatie") or "")[:100],
            omschrijving=str(data.get("omschrijving") or "")[:200],
            doorlooptijd=str(data.get("doorlooptijd") or "")[:50],
            servicenorm=str(data.get("servicenorm") or "")[:50],
            begin_geldigheid=_date(data.get("beginGeldigheid")),
        )


@dataclass(frozen=True)
class StatustypeFacts:
    url: str
    opgehaald: bool
    zaaktype: str = ""
    volgnummer: int = 0
    omschrijving: str = ""
    statustekst: str = ""
    informeren: bool = False
    doorlooptijd: str = ""

    @classmethod
    def from_json(cls, url: str, data: dict | None) -> "StatustypeFacts":
        if not isinstance(data, dict):
            return cls(url=url, opgehaald=False)
        try:
            volgnummer = int(data.get("volgnummer") or 0)
        except (TypeError, ValueError):
            volgnummer = 0
        return cls(
            url=url,
            opgehaald=True,
            zaaktype=str(data.get("zaaktype") or ""),
            volgnummer=volgnummer,
            omschrijving=str(data.get("omschrijving") or "")[:200],
            statustekst=str(data.get("statustekst") or "")[:1000],
            informeren=bool(data.get("informeren")),
            doorlooptijd=str(data.get("doorlooptijd") or "")[:50],
        )


@dataclass
class Change:
    """What one event (or one zaak of a backfill) learned about one zaak. Fields left KEEP were
    not fetched: the read model keeps what it has."""

    zaak_url: str
    gone: bool = False
    zaak: ZaakFacts | None = None
    # the complete list (a full refresh) or KEEP; `status_upserts`/`status_removed` for one event
    statussen: list[StatusFacts] | Any = KEEP
    status_upserts: list[StatusFacts] = field(default_factory=list)
    status_removed: list[str] = field(default_factory=list)
    team: TeamFacts | Any | None = KEEP
    # the complete opschorting periods (from the audit trail), or KEEP: then a change of
    # `zaak.opgeschort` opens or ends a period at `moment` (the event's aanmaakdatum)
    opschortingen: list[Period] | Any = KEEP
    resultaattype: str | Any | None = KEEP
    # how many zaakinformatieobjecten the zaak has, or KEEP; a change with only this (a message
    # about a zaakinformatieobject: the zaak itself was not fetched) has `zaak` None
    documenten: int | Any = KEEP
    moment: dt.datetime | None = None
    # medewerkers seen with this change (rollen, audit trail), and the medewerkers holding the
    # zaak's team rol (the complete list where the rollen were fetched with the report per
    # medewerker on, else KEEP)
    medewerkers: list[MedewerkerFacts] = field(default_factory=list)
    behandelaars: list[str] | Any = KEEP
    # Catalogi objects met on the way, to upsert into the dimensions
    zaaktypen: dict[str, ZaaktypeFacts] = field(default_factory=dict)
    statustypen: dict[str, StatustypeFacts] = field(default_factory=dict)
