"""The monthly report as a page (/rapportage/maand/JJJJ-MM): for the management meeting, on a
screen and printed on A4 (a page per team, no navigation, no table or chart split over two
pages). The numbers are those of `/maandrapport`; the style and charts are the dashboard's."""

import datetime as dt
from html import escape
from urllib.parse import urlencode

from services.rapportage.dashboard.charts import bar_chart
from services.rapportage.dashboard.page import CSS, TROPHY, _n, _signaleringen
from services.rapportage.mijlpalen.service import maand_naam
from services.rapportage.periods import add_months

MAAND_CSS = """
nav.scherm{display:flex;flex-wrap:wrap;gap:18px;align-items:center;padding:10px 32px;background:#dfe7f1;font-size:16px}
nav.scherm form{margin-left:auto}
main.maand{display:block;max-width:1180px;margin:0 auto}
section.onderdeel{margin:0 0 24px}
.blok{margin:0 0 18px}
h3{margin:10px 0 8px;font-size:20px;color:#154273}
.grafieken{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:16px}
td.trend{white-space:nowrap}td.beter{color:#2e7d32;font-weight:bold}td.slechter{color:#b3261e;font-weight:bold}
.kampioen-badge{color:#2e8b57;font-weight:bold}figure{margin:0}figcaption{font-weight:bold;font-size:16px;margin-bottom:4px}
@page{size:A4;margin:14mm 12mm 16mm}
@media print{
body{background:#fff;color:#000;font-size:10.5pt}
.scherm{display:none!important}
header{background:none;color:#000;padding:0 0 4mm;border-bottom:2px solid #154273}header h1{font-size:18pt}header p{font-size:10pt}
main.maand{padding:0;max-width:none}
section{box-shadow:none;border-radius:0;padding:0}
section.onderdeel+section.onderdeel{break-before:page;page-break-before:always}
.blok,table,tr,svg,.grafieken{break-inside:avoid;page-break-inside:avoid}
h2,h3{break-after:avoid;page-break-after:avoid}
h2{font-size:15pt}h3{font-size:12pt}table{font-size:9.5pt}th,td{padding:3px 5px}.regel{font-size:8.5pt}
.grafieken{grid-template-columns:1fr 1fr}.chart{max-height:70mm}
a{color:inherit;text-decoration:none}
}
"""

ARROWS = {"hoger": "▲", "lager": "▼", "gelijk": "="}


def _month(label: str) -> dt.date:
    return dt.date.fromisoformat(f"{label}-01")


def _verschil(value) -> str:
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + _n(value)


def _kerncijfers(onderdeel: dict, maand: str, vorige: str) -> str:
    rows = []
    for k in onderdeel["kerncijfers"]:
        mark = k["beoordeling"] if k["beoordeling"] in ("beter", "slechter") else ""
        arrow = ARROWS.get(k["richting"] or "", "")
        rows.append(
            f'<tr data-kerncijfer="{escape(k["code"])}" data-waarde="{"" if k["waarde"] is None else k["waarde"]}" '
            f'data-vorige="{"" if k["vorigeMaand"] is None else k["vorigeMaand"]}" data-verschil="{"" if k["verschil"] is None else k["verschil"]}" '
            f'data-beoordeling="{k["beoordeling"] or ""}"><td>{escape(k["titel"])}</td><td class="n">{_n(k["waarde"])}</td>'
            f'<td class="n">{_n(k["vorigeMaand"])}</td><td class="n trend {mark}">{arrow} {_verschil(k["verschil"])}</td></tr>'
        )
    return (
        f'<table class="kerncijfers"><tr><th>Kerncijfer</th><th class="n">{escape(maand_naam(_month(maand)))}</th>'
        f'<th class="n">{escape(maand_naam(_month(vorige)))}</th><th class="n">Verschil</th></tr>{"".join(rows)}</table>'
        '<p class="regel">▲ hoger, ▼ lager dan de vorige maand; groen een verbetering, rood een verslechtering.</p>'
    )


def _grafieken(onderdeel: dict, index: int, maand: str, vorige: str) -> str:
    k = {c["code"]: c for c in onderdeel["kerncijfers"]}
    codes = (("aantalZaken", "gestart"), ("aantalAfgesloten", "afgesloten"), ("aantalOpen", "open"))
    vergelijking = bar_chart(
        f"grafiek-vergelijking-{index}",
        "Zaken: de vorige maand en deze maand",
        [label for _, label in codes],
        [
            (maand_naam(_month(vorige)), [k[code]["vorigeMaand"] or 0 for code, _ in codes]),
            (maand_naam(_month(maand)), [k[code]["waarde"] or 0 for code, _ in codes]),
        ],
    )
    werkvoorraad = onderdeel["werkvoorraad"]
    leeftijd_titel = f"Werkvoorraad op {werkvoorraad['datum']} naar leeftijd"
    leeftijd = bar_chart(
        f"grafiek-leeftijd-{index}",
        leeftijd_titel,
        [b["leeftijd"] for b in werkvoorraad["leeftijden"]],
        [("open zaken", [b["aantal"] for b in werkvoorraad["leeftijden"]])],
    )
    return (
        '<div class="grafieken blok">'
        f"<figure><figcaption>Zaken: {escape(maand_naam(_month(vorige)))} en {escape(maand_naam(_month(maand)))}</figcaption>{vergelijking}</figure>"
        f"<figure><figcaption>{escape(leeftijd_titel)}</figcaption>{leeftijd}</figure></div>"
    )


def _doorlooptijden(onderdeel: dict) -> str:
    rows = "".join(
        f'<tr data-zaaktype="{escape(z["zaaktype"]["identificatie"])}"><td>{escape(z["zaaktype"]["omschrijving"])}</td>'
        f'<td class="n">{_n(z["aantalAfgesloten"])}</td><td class="n">{_n(z["mediaanDagen"])}</td><td class="n">{_n(z["doorlooptijdDagen"])}</td>'
        f'<td class="n">{_n(z["percentageOpTijd"])}</td><td class="n">{_n(z["servicenormDagen"])}</td>'
        f'<td class="n">{_n(z["percentageBinnenServicenorm"])}</td></tr>'
        for z in onderdeel["doorlooptijden"]
    )
    if not rows:
        return '<p class="leeg">Geen zaken afgesloten in deze maand.</p>'
    return (
        '<table><tr><th>Zaaktype</th><th class="n">Afgesloten</th><th class="n">Mediaan (dagen)</th><th class="n">Norm (dagen)</th>'
        f'<th class="n">% binnen norm</th><th class="n">Servicenorm (dagen)</th><th class="n">% binnen servicenorm</th></tr>{rows}</table>'
    )


def _kampioen(kampioen: dict) -> str:
    k = kampioen["kampioen"]
    if k is None:
        html = '<p class="leeg">Geen kampioen: geen team sloot genoeg zaken af.</p>'
    else:
        html = (
            f'<p class="kampioen" data-kampioen="{escape(k["team"]["sleutel"])}">{TROPHY} {escape(k["team"]["naam"])}'
            f"{'' if kampioen['afgerond'] else ' (tussenstand)'}</p>"
            f"<p>{_n(k['percentageOpTijd'])}% op tijd, {_n(k['zakenAfgesloten'])} zaken afgesloten, {_n(k['statussenGezet'])} statussen gezet; "
            f"{_n(kampioen['aantalKandidaten'])} teams deden mee.</p>"
        )
    return html + f'<p class="regel"><strong>De regel:</strong> {escape(kampioen["regel"])}</p>'


def _mijlpalen(mijlpalen: list[dict]) -> str:
    if not mijlpalen:
        return '<p class="leeg">Geen mijlpalen in deze maand.</p>'
    items = "".join(
        f'<li data-mijlpaal="{escape(m["soort"])}"><span class="datum">{escape(m["datum"])}</span>{escape(m["titel"])}</li>'
        for m in mijlpalen
    )
    return f'<ul class="mijlpalen">{items}</ul>'


def _onderdeel(data: dict, onderdeel: dict, index: int) -> str:
    maand, vorige = data["maand"], data["vorigeMaand"]
    team = onderdeel["team"]
    kampioen = data["kampioen"]["kampioen"]
    extra = ""
    if index == 0:
        extra = (
            f'<div class="blok" id="kampioen"><h3>Zaakgericht Werken Kampioen</h3>{_kampioen(data["kampioen"])}</div>'
            f'<div class="blok" id="mijlpalen"><h3>Mijlpalen bereikt in {escape(maand_naam(_month(maand)))}</h3>{_mijlpalen(data["mijlpalen"])}</div>'
        )
    elif team and kampioen and kampioen["team"]["sleutel"] == team["sleutel"]:
        extra = f'<p class="kampioen-badge">{TROPHY} Zaakgericht Werken Kampioen van {escape(maand_naam(_month(maand)))}</p>'
    signalen = {"signaleringen": onderdeel["signaleringen"], "weggelaten": [], "peildatum": data["peildatum"]}
    elders = "" if index == 0 else '<p class="regel">De regels van de signaleringen staan bij het eerste onderdeel.</p>'
    return (
        f'<section class="onderdeel" data-team="{escape((team or {}).get("sleutel", ""))}">'
        f"<h2>{escape(onderdeel['titel'])} · {escape(maand_naam(_month(maand)))}</h2>"
        f'<div class="blok"><h3>Kerncijfers</h3>{_kerncijfers(onderdeel, maand, vorige)}</div>'
        f"{_grafieken(onderdeel, index, maand, vorige)}"
        f'<div class="blok"><h3>Doorlooptijd tegen de norm</h3>{_doorlooptijden(onderdeel)}</div>'
        f"{extra}"
        f'<div class="blok"><h3>Signaleringen</h3>{_signaleringen(signalen, regels=index == 0)}{elders}</div>'
        "</section>"
    )


def _navigation(data: dict, teams: list[dict], today: dt.date) -> str:
    """Screen only: the months before and after, the dashboard, a team, the downloads."""
    filters = data["filters"]
    query = {k: ",".join(v) for k, v in (("zaaktype", filters["zaaktype"]), ("team", filters["team"])) if v}
    suffix = f"?{urlencode(query)}" if query else ""
    month = _month(data["maand"])
    links = [
        '<a href="../">← dashboard</a>',
        f'<a href="{data["vorigeMaand"]}{escape(suffix)}">‹ {escape(maand_naam(add_months(month, -1)))}</a>',
    ]
    following = add_months(month, 1)
    if following <= today:
        links.append(f'<a href="{following:%Y-%m}{escape(suffix)}">{escape(maand_naam(following))} ›</a>')
    links.append(
        f'Download: <a href="{data["maand"]}.xlsx{escape(suffix)}">Excel</a>, <a href="{data["maand"]}.csv{escape(suffix)}">CSV</a>'
    )
    chosen = filters["team"]
    options = ['<option value="">alle teams</option>'] + [
        f'<option value="{escape(t["sleutel"])}"{" selected" if t["sleutel"] in chosen else ""}>{escape(t["naam"])}</option>'
        for t in teams
        if t["sleutel"]
    ]
    zaaktype = "".join(f'<input type="hidden" name="zaaktype" value="{escape(z)}">' for z in filters["zaaktype"])
    form = f'<form method="get" action=""><label>Team <select name="team">{"".join(options)}</select></label>{zaaktype}<button type="submit">Toon</button></form>'
    return f'<nav class="scherm">{" · ".join(links)}{form}</nav>'


def render_maandrapport(data: dict, teams: list[dict], today: dt.date) -> str:
    """`data`: the `/maandrapport` of the month; `teams`: those to choose from."""
    naam = maand_naam(_month(data["maand"]))
    stand = "" if data["afgerond"] else " (lopende maand: tussenstand)"
    onderdelen = "".join(_onderdeel(data, o, i) for i, o in enumerate(data["onderdelen"]))
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Maandrapport {escape(naam)}: zaakgericht werken</title><style>{CSS}{MAAND_CSS}</style></head>
<body><header><h1>Maandrapport zaakgericht werken: {escape(naam)}</h1>
<p>{escape(data["van"])} t/m {escape(data["tot"])}{stand} · vergeleken met {escape(maand_naam(_month(data["vorigeMaand"])))} · peildatum {escape(data["peildatum"])}</p></header>
{_navigation(data, teams, today)}
<main class="maand">{onderdelen}</main></body></html>"""
