"""The rows of each report's export, built once for CSV and .xlsx (xlsx_export.py): a report is
one table (ROWS: its header row, then a row per line of the report) or several (TABLES: named
tables, a sheet each in a workbook). As CSV: `;`-separated as Dutch spreadsheets expect, decimal
points as in the JSON; several tables one after the other, each under a line with its name and
after an empty line."""

import csv
import io
from collections.abc import Callable, Iterable


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


def _maand_parts(data: dict):
    """Per part of the monthly report: its team's sleutel and name (the title for all teams)."""
    for o in data["onderdelen"]:
        yield o, (o["team"] or {}).get("sleutel", ""), o["titel"]


def _rows_per_part(data: dict, key: str, header: list[str], values: Callable[[dict], list]):
    """A table of the monthly report with a row per item of each part's `key`."""
    yield ["maand", "team", "naam", *header]
    for o, sleutel, naam in _maand_parts(data):
        for item in o[key]:
            yield [data["maand"], sleutel, naam, *values(item)]


def _rows_maand_kerncijfers(data: dict):
    fields = ("titel", "waarde", "vorigeMaand", "verschil", "richting", "beoordeling")
    return _rows_per_part(data, "kerncijfers", ["kerncijfer", *fields], lambda k: [k["code"], *(k[f] for f in fields)])


def _rows_maand_doorlooptijden(data: dict):
    fields = (
        "aantalAfgesloten",
        "mediaanDagen",
        "doorlooptijdDagen",
        "servicenormDagen",
        "percentageOpTijd",
        "percentageBinnenServicenorm",
    )
    return _rows_per_part(
        data,
        "doorlooptijden",
        ["zaaktype", "omschrijving", *fields],
        lambda z: [z["zaaktype"]["identificatie"], z["zaaktype"]["omschrijving"], *(z[f] for f in fields)],
    )


def _rows_maand_signaleringen(data: dict):
    fields = ("titel", "aantal", "totaal", "percentage", "drempelPercentage", "signaal")
    return _rows_per_part(data, "signaleringen", ["signalering", *fields], lambda s: [s["code"], *(s[f] for f in fields)])


def _rows_maand_werkvoorraad(data: dict):
    parts = list(_maand_parts(data))
    labels = [b["leeftijd"] for b in parts[0][0]["werkvoorraad"]["leeftijden"]] if parts else []
    yield ["datum", "team", "naam", "aantal", *labels]
    for o, sleutel, naam in parts:
        w = o["werkvoorraad"]
        yield [w["datum"], sleutel, naam, w["aantal"], *[b["aantal"] for b in w["leeftijden"]]]


def _tables_maandrapport(data: dict) -> list[tuple[str, Iterable[list]]]:
    return [
        ("kerncijfers", _rows_maand_kerncijfers(data)),
        ("doorlooptijden", _rows_maand_doorlooptijden(data)),
        ("werkvoorraad", _rows_maand_werkvoorraad(data)),
        ("signaleringen", _rows_maand_signaleringen(data)),
        ("kampioen", _rows_kampioen({"maanden": [data["kampioen"]]})),
        ("mijlpalen", _rows_mijlpalen(data)),
    ]


# reports of more than one table: (name, rows) per table
TABLES: dict[str, Callable[[dict], list[tuple[str, Iterable[list]]]]] = {"maandrapport": _tables_maandrapport}


def tables(report: str, data: dict) -> list[tuple[str, Iterable[list]]]:
    if report in TABLES:
        return TABLES[report](data)
    return [(report, ROWS[report](data))]


def to_csv(report: str, data: dict) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    parts = tables(report, data)
    for index, (name, rows) in enumerate(parts):
        if len(parts) > 1:
            if index:
                writer.writerow([])
            writer.writerow([name])
        for row in rows:
            writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue()
