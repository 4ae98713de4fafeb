"""Each report as CSV: one row per line of the report, `;`-separated as Dutch spreadsheets
expect, decimal points as in the JSON."""

import csv
import io


def _rows_kerncijfers(data: dict):
    yield ["kerncijfer", "waarde"]
    for key, value in data.items():
        if key != "periode":
            yield [key, value]


def _rows_instroom(data: dict):
    yield ["periode", "van", "tot", "instroom", "uitstroom", "saldo"]
    for p in data["reeks"]:
        yield [p["periode"], p["van"], p["tot"], p["instroom"], p["uitstroom"], p["saldo"]]


def _rows_werkvoorraad(data: dict):
    labels = [b["leeftijd"] for b in data["leeftijden"]]
    yield ["datum", "zaaktype", "omschrijving", "aantal", *labels]
    yield [data["datum"], "", "alle zaaktypen", data["aantal"], *[b["aantal"] for b in data["leeftijden"]]]
    for item in data["perZaaktype"]:
        yield [data["datum"], item["zaaktype"]["identificatie"], item["zaaktype"]["omschrijving"], item["aantal"], *item["leeftijden"]]


def _rows_trend(data: dict):
    yield ["periode", "datum", "aantal"]
    for p in data["reeks"]:
        yield [p["periode"], p["datum"], p["aantal"]]


def _rows_doorlooptijden(data: dict):
    yield [
        "zaaktype", "omschrijving", "aantalAfgesloten", "brutoMediaan", "brutoP90", "brutoGemiddelde", "nettoMediaan", "nettoP90",
        "nettoGemiddelde", "servicenorm", "doorlooptijd", "percentageBinnenServicenorm", "percentageOpTijd", "aantalOpen",
        "aantalTeLaat", "aantalBijnaTeLaat", "aantalTeLaatServicenorm", "aantalBijnaTeLaatServicenorm",
    ]  # fmt: skip
    for z in data["zaaktypen"]:
        yield [
            z["zaaktype"]["identificatie"], z["zaaktype"]["omschrijving"], z["aantalAfgesloten"], z["bruto"]["mediaan"], z["bruto"]["p90"],
            z["bruto"]["gemiddelde"], z["netto"]["mediaan"], z["netto"]["p90"], z["netto"]["gemiddelde"], z["servicenorm"], z["doorlooptijd"],
            z["percentageBinnenServicenorm"], z["percentageOpTijd"], z["aantalOpen"], z["aantalTeLaat"], z["aantalBijnaTeLaat"],
            z["aantalTeLaatServicenorm"], z["aantalBijnaTeLaatServicenorm"],
        ]  # fmt: skip


def _rows_doorlooptijd_trend(data: dict):
    yield ["periode", "aantalAfgesloten", "mediaanBruto", "mediaanNetto", "p90Bruto"]
    for p in data["reeks"]:
        yield [p["periode"], p["aantalAfgesloten"], p["mediaanBruto"], p["mediaanNetto"], p["p90Bruto"]]


def _rows_statusduur(data: dict):
    yield [
        "zaaktype",
        "omschrijving",
        "volgnummer",
        "status",
        "aantal",
        "mediaanUren",
        "p90Uren",
        "gemiddeldeUren",
        "norm",
        "aantalBovenNorm",
        "percentageBovenNorm",
        "aantalNuInStatus",
    ]
    for z in data["zaaktypen"]:
        for s in z["statustypen"]:
            yield [
                z["zaaktype"]["identificatie"], z["zaaktype"]["omschrijving"], s["volgnummer"], s["omschrijving"], s["aantal"], s["mediaanUren"],
                s["p90Uren"], s["gemiddeldeUren"], s["norm"], s["aantalBovenNorm"], s["percentageBovenNorm"], s["aantalNuInStatus"],
            ]  # fmt: skip


def _rows_gebruik(data: dict):
    yield ["team", "naam", "maand", "zakenGestart", "statussenGezet", "zakenAfgesloten"]
    for t in data["teams"]:
        for m in t["maanden"]:
            yield [t["team"]["sleutel"], t["team"]["naam"], m["maand"], m["zakenGestart"], m["statussenGezet"], m["zakenAfgesloten"]]


def _rows_kampioen(data: dict):
    yield ["maand", "team", "naam", "percentageOpTijd", "zakenAfgesloten", "statussenGezet", "aantalKandidaten", "afgerond"]
    for m in data["maanden"]:
        k = m["kampioen"] or {}
        team = k.get("team") or {}
        yield [
            m["maand"],
            team.get("sleutel", ""),
            team.get("naam", ""),
            k.get("percentageOpTijd"),
            k.get("zakenAfgesloten"),
            k.get("statussenGezet"),
            m["aantalKandidaten"],
            m["afgerond"],
        ]


def _rows_mijlpalen(data: dict):
    yield ["datum", "soort", "titel", "zaaktype", "waarde"]
    for m in data["mijlpalen"]:
        yield [m["datum"], m["soort"], m["titel"], (m["zaaktype"] or {}).get("identificatie", ""), m["waarde"]]


def _rows_signaleringen(data: dict):
    yield ["signalering", "zaaktype", "omschrijving", "team", "naam", "aantal", "totaal", "percentage", "drempelPercentage", "signaal"]
    for s in data["signaleringen"]:
        yield [
            s["code"],
            "",
            "alle zaaktypen",
            "",
            "alle teams",
            s["aantal"],
            s["totaal"],
            s["percentage"],
            s["drempelPercentage"],
            s["signaal"],
        ]
        for g in s["groepen"]:
            team = g["team"] or {"sleutel": "", "naam": "alle teams"}
            yield [s["code"], g["zaaktype"]["identificatie"], g["zaaktype"]["omschrijving"], team["sleutel"], team["naam"], g["aantal"],
                   g["totaal"], g["percentage"], s["drempelPercentage"], g["signaal"]]  # fmt: skip


def _rows_signalering_zaken(data: dict):
    yield ["zaak", "identificatie", "zaaktype", "team", "startdatum", "einddatum", "uiterlijkeEinddatum", "status", "statusSinds"]
    for z in data["results"]:
        yield [z["url"], z["identificatie"], z["zaaktype"]["identificatie"], z["team"]["sleutel"], z["startdatum"], z["einddatum"],
               z["uiterlijkeEinddatum"], z["status"], z["statusSinds"]]  # fmt: skip


def _rows_medewerkers(data: dict):
    yield ["team", "naam", "medewerker", "zakenInBehandeling", "statussenGezet", "naregistraties"]
    for t in data["teams"]:
        for m in t["medewerkers"]:
            yield [
                t["team"]["sleutel"],
                t["team"]["naam"],
                m["identificatie"],
                m["zakenInBehandeling"],
                m["statussenGezet"],
                m["naregistraties"],
            ]


ROWS = {
    "kerncijfers": _rows_kerncijfers,
    "instroom-uitstroom": _rows_instroom,
    "werkvoorraad": _rows_werkvoorraad,
    "werkvoorraad-trend": _rows_trend,
    "doorlooptijden": _rows_doorlooptijden,
    "doorlooptijd-trend": _rows_doorlooptijd_trend,
    "statusduur": _rows_statusduur,
    "gebruik": _rows_gebruik,
    "kampioen": _rows_kampioen,
    "mijlpalen": _rows_mijlpalen,
    "signaleringen": _rows_signaleringen,
    "signalering-zaken": _rows_signalering_zaken,
    "medewerkers": _rows_medewerkers,
}


def to_csv(report: str, data: dict) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in ROWS[report](data):
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue()
