"""The dashboard page, for a projector in a monthly meeting: the headline numbers, the charts
(doorlooptijd trend, instroom/uitstroom, werkvoorraad, time in status), the champion with its
rule, the milestones, and the doorlooptijden per zaaktype. Plain HTML and inline SVG."""

import datetime as dt
from html import escape
from urllib.parse import urlencode

from services.rapportage.dashboard.charts import bar_chart, hbar_chart, line_chart
from services.rapportage.mijlpalen.service import maand_naam
from services.rapportage.reports.service import Filters, Reports

CSS = """
*{box-sizing:border-box}body{margin:0;font-family:"DejaVu Sans",Verdana,Arial,sans-serif;font-size:18px;color:#1b1b1b;background:#f4f6f8}
header{background:#154273;color:#fff;padding:18px 32px}header h1{margin:0;font-size:32px}header p{margin:6px 0 0;font-size:18px;opacity:.9}
main{padding:20px 32px;display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:20px}
section{background:#fff;border-radius:8px;padding:16px 20px;box-shadow:0 1px 3px rgba(0,0,0,.12)}section.wide{grid-column:1/-1}
h2{margin:0 0 12px;font-size:24px;color:#154273}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:14px}
.tile{background:#eef3f9;border-radius:8px;padding:14px;text-align:center}.tile .number{display:block;font-size:44px;font-weight:bold;color:#154273}
.tile .label{font-size:17px}
form{display:flex;flex-wrap:wrap;gap:12px;align-items:end;font-size:16px}form label{display:flex;flex-direction:column}
form input,form select,form button{font-size:16px;padding:4px 6px}
.chart{width:100%;height:auto}.chart .grid{stroke:#d9dde3;stroke-width:1}.chart .axis{font-size:13px;fill:#444}
.chart .label{font-size:14px;fill:#1b1b1b}.chart .value{font-size:13px;fill:#1b1b1b;font-weight:bold}.chart .legend{font-size:14px;fill:#1b1b1b}.chart .norm{stroke:#1b1b1b;stroke-width:3}
table{border-collapse:collapse;width:100%;font-size:17px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e6ea}td.n,th.n{text-align:right}
.kampioen{font-size:26px;font-weight:bold;color:#2e8b57}.regel{font-size:15px;color:#444}
ul.mijlpalen{list-style:none;padding:0;margin:0}ul.mijlpalen li{padding:8px 0;border-bottom:1px solid #e3e6ea}
ul.mijlpalen .datum{color:#555;font-size:15px;margin-right:10px}.leeg{color:#666;font-style:italic}
tr.signaal td:last-child{color:#b3261e;font-weight:bold}#signaleringen ul{margin:4px 0 0;font-size:15px}
.chart .axis.year{fill:#6b6b6b}
@page{size:A4;margin:14mm}
@media print{body{background:#fff;font-size:11pt}header{background:none;color:#000;padding:0 0 6px;border-bottom:2px solid #154273}
header h1{font-size:20pt}main{display:block;padding:0}section{box-shadow:none;border-radius:0;padding:6px 0;margin:0 0 10px;break-inside:avoid}
#filters,#exports{display:none}.chart{max-width:16cm}.tile .number{font-size:24pt}table{font-size:10pt}}
"""


TROPHY = (
    '<svg class="beker" viewBox="0 0 24 24" width="30" height="30" aria-hidden="true"><path fill="#d4a017" '
    'd="M6 2h12v3h3v3a5 5 0 0 1-5 5h-.3A6 6 0 0 1 13 15.9V19h4v3H7v-3h4v-3.1A6 6 0 0 1 8.3 13H8a5 5 0 0 1-5-5V5h3zm0 '
    '5H5v1a3 3 0 0 0 1.2 2.4A6 6 0 0 1 6 9zm12 0v2q0 .7-.2 1.4A3 3 0 0 0 19 8V7z"/></svg>'
)


def _n(value) -> str:
    """A number the Dutch way: 1.234 and 12,5."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{int(value):,}".replace(",", ".")


def _tile(key: str, value, label: str, suffix: str = "") -> str:
    raw = "" if value is None else str(value)
    return (
        f'<div class="tile"><span class="number" data-kerncijfer="{key}" data-waarde="{escape(raw)}">{_n(value)}{suffix}</span>'
        f'<span class="label">{escape(label)}</span></div>'
    )


def _filter_form(reports: Reports, filters: Filters) -> str:
    zaaktypen = reports.zaaktypen_lijst()
    teams = reports.teams_lijst()

    def options(items, selected, value_key, label_key):
        rows = ['<option value="">alle</option>']
        for item in items:
            value = item[value_key] or ""
            if not value:
                continue
            mark = " selected" if value in selected else ""
            rows.append(f'<option value="{escape(value)}"{mark}>{escape(item[label_key] or value)}</option>')
        return "".join(rows)

    return (
        '<form method="get" action="">'
        f'<label>Van<input type="date" name="van" value="{filters.van.isoformat() if filters.van else ""}"></label>'
        f'<label>Tot en met<input type="date" name="tot" value="{filters.tot.isoformat() if filters.tot else ""}"></label>'
        f'<label>Zaaktype<select name="zaaktype">{options(zaaktypen, filters.zaaktype, "identificatie", "omschrijving")}</select></label>'
        f'<label>Team<select name="team">{options(teams, filters.team, "sleutel", "naam")}</select></label>'
        '<button type="submit">Toon</button></form>'
    )


def _signaleringen(data: dict, regels: bool = True) -> str:
    """Per signal its numbers and rule (unless `regels` is false: where the page states them
    once already), and the zaaktypen and teams that signal (the zaken behind each:
    `/signaleringen/{code}` of the API)."""
    rows = []
    for s in data["signaleringen"]:
        mark = "signaal" if s["signaal"] else ""
        share = s["drempelPercentage"] is not None

        def item(g: dict, share: bool = share) -> str:
            team = g["team"] or {}
            naam = escape(g["zaaktype"]["omschrijving"]) + (f" · {escape(team['naam'])}" if team else "")
            aandeel = f" ({_n(g['percentage'])}%)" if share else ""
            key = f"{g['zaaktype']['identificatie']}|{team.get('sleutel', '')}"
            return f'<li data-groep="{escape(key)}">{naam}: {_n(g["aantal"])} van {_n(g["totaal"])}{aandeel}</li>'

        detail = "".join(item(g) for g in s["groepen"] if g["signaal"])
        percentage = f"{_n(s['percentage'])}%" if share and s["percentage"] is not None else ""
        rule = f'<p class="regel">{escape(s["regel"])}</p>' if regels else ""
        rows.append(
            f'<tr class="{mark}" data-signaal="{escape(s["code"])}" data-aantal="{s["aantal"]}" data-totaal="{s["totaal"]}">'
            f"<td><strong>{escape(s['titel'])}</strong>{rule}"
            f"{f'<ul>{detail}</ul>' if detail else ''}</td>"
            f'<td class="n">{_n(s["aantal"])}</td><td class="n">{_n(s["totaal"])}</td><td class="n">{percentage}</td>'
            f"<td>{'⚑ signaal' if s['signaal'] else 'in orde'}</td></tr>"
        )
    left_out = "".join(f"<li>{escape(w['titel'])}: {escape(w['reden'])}</li>" for w in data["weggelaten"])
    return (
        '<table><tr><th>Signaal en regel</th><th class="n">Aantal</th><th class="n">Van</th><th class="n">Aandeel</th><th></th></tr>'
        f"{''.join(rows)}</table>"
        f'<p class="regel">Peildatum {escape(data["peildatum"])}. De zaken achter een signaal: <code>/signaleringen/&lt;code&gt;</code> van de API.</p>'
        + (f'<ul class="regel">{left_out}</ul>' if left_out else "")
    )


def _medewerkers(data: dict) -> str:
    """Per team its medewerkers (identificatie only), with the team's total."""
    if not data["teams"]:
        return '<p class="leeg">Nog geen medewerkers met zaken of statussen in deze periode.</p>'
    head = (
        '<tr><th>Team</th><th>Medewerker</th><th class="n">Zaken in behandeling</th><th class="n">Statussen gezet</th>'
        f'<th class="n">Naregistraties (&gt; {_n(data["naregistratieUren"])} uur)</th></tr>'
    )
    rows = []
    for t in data["teams"]:
        for m in t["medewerkers"]:
            rows.append(
                f'<tr data-medewerker="{escape(t["team"]["sleutel"])}|{escape(m["identificatie"])}"><td>{escape(t["team"]["naam"])}</td>'
                f'<td>{escape(m["identificatie"])}</td><td class="n">{_n(m["zakenInBehandeling"])}</td>'
                f'<td class="n">{_n(m["statussenGezet"])}</td><td class="n">{_n(m["naregistraties"])}</td></tr>'
            )
        total = t["totaal"]
        rows.append(
            f"<tr><td><strong>{escape(t['team']['naam'])}</strong></td><td><strong>totaal</strong></td>"
            f'<td class="n">{_n(total["zakenInBehandeling"])}</td><td class="n">{_n(total["statussenGezet"])}</td>'
            f'<td class="n">{_n(total["naregistraties"])}</td></tr>'
        )
    return (
        f"<table>{head}{''.join(rows)}</table>"
        '<p class="regel">Alleen de identificatie, geen namen. Aangezet door de gemeente (RAPPORTAGE_PER_MEDEWERKER): '
        "het toont het werk van individuele medewerkers.</p>"
    )


def render_dashboard(reports: Reports, filters: Filters, today: dt.date) -> str:
    kern = reports.kerncijfers(filters)
    trend = reports.doorlooptijd_trend(filters)
    stroom = reports.instroom_uitstroom(filters, "month")
    voorraad_trend = reports.werkvoorraad_trend(filters)
    voorraad = reports.werkvoorraad(filters, min(filters.tot or today, today))
    duur = reports.statusduur(filters)
    kampioen = reports.kampioen(filters)
    mijlpalen = reports.mijlpalen(Filters(zaaktype=filters.zaaktype))
    doorloop = reports.doorlooptijden(filters)
    signalen = reports.signaleringen(filters)
    per_medewerker = reports.settings.per_medewerker
    medewerkers_html = (
        f'<section class="wide" id="medewerkers"><h2>Per medewerker</h2>{_medewerkers(reports.medewerkers(filters))}</section>\n'
        if per_medewerker
        else ""
    )

    periode = "alle zaken" if not (filters.van or filters.tot) else f"{filters.van or 'begin'} t/m {filters.tot or today}"
    tiles = "".join(
        [
            _tile("aantalZaken", kern["aantalZaken"], "zaken"),
            _tile("aantalOpen", kern["aantalOpen"], "open (werkvoorraad)"),
            _tile("aantalAfgesloten", kern["aantalAfgesloten"], "afgesloten"),
            _tile("aantalStatussen", kern["aantalStatussen"], "statussen gezet"),
            _tile("mediaanDoorlooptijdDagen", kern["mediaanDoorlooptijdDagen"], "dagen mediane doorlooptijd"),
            _tile("percentageOpTijd", kern["percentageOpTijd"], "op tijd afgehandeld", "%" if kern["percentageOpTijd"] is not None else ""),
            _tile("aantalEvents", kern["aantalEvents"], "notificaties verwerkt"),
        ]
    )
    months = [p["periode"] for p in trend["reeks"]]
    doorloop_svg = line_chart(
        "grafiek-doorlooptijd",
        "Mediane doorlooptijd per maand (dagen)",
        months,
        [
            ("bruto", [p["mediaanBruto"] for p in trend["reeks"]]),
            ("netto (zonder opschorting)", [p["mediaanNetto"] for p in trend["reeks"]]),
        ],
    )
    stroom_svg = bar_chart(
        "grafiek-instroom-uitstroom",
        "Instroom en uitstroom per maand",
        [p["periode"] for p in stroom["reeks"]],
        [("instroom", [p["instroom"] for p in stroom["reeks"]]), ("uitstroom", [p["uitstroom"] for p in stroom["reeks"]])],
    )
    voorraad_svg = line_chart(
        "grafiek-werkvoorraad",
        "Werkvoorraad aan het eind van de maand",
        [p["periode"] for p in voorraad_trend["reeks"]],
        [("open zaken", [p["aantal"] for p in voorraad_trend["reeks"]])],
    )
    leeftijd_svg = bar_chart(
        "grafiek-leeftijd",
        "Werkvoorraad naar leeftijd",
        [b["leeftijd"] for b in voorraad["leeftijden"]],
        [("open zaken", [b["aantal"] for b in voorraad["leeftijden"]])],
    )
    items = []
    for z in duur["zaaktypen"]:
        for s in z["statustypen"]:
            if s["aantal"]:
                norm = s["normUren"] / 24 if s["normUren"] else None
                items.append((f"{z['zaaktype']['omschrijving']} · {s['omschrijving']}", s["mediaanDagen"], norm))
    status_svg = (
        hbar_chart("grafiek-statusduur", "Mediane tijd in status (dagen); streep: norm van het statustype", items[:14], "d")
        if items
        else '<p class="leeg">Nog geen afgeronde statussen in deze periode.</p>'
    )

    finished = [m for m in kampioen["maanden"] if m["kampioen"]]
    current = finished[-1] if finished else None
    if current:
        k = current["kampioen"]
        kampioen_html = (
            f'<p class="kampioen" data-kampioen="{escape(k["team"]["sleutel"])}">{TROPHY} {escape(k["team"]["naam"])}</p>'
            f"<p>{escape(maand_naam(dt.date.fromisoformat(current['maand'] + '-01')))}{'' if current['afgerond'] else ' (tussenstand)'}: "
            f"{_n(k['percentageOpTijd'])}% op tijd, {_n(k['zakenAfgesloten'])} zaken afgesloten, {_n(k['statussenGezet'])} statussen gezet.</p>"
        )
        earlier = "".join(
            f'<tr><td>{escape(m["maand"])}</td><td>{escape(m["kampioen"]["team"]["naam"])}</td><td class="n">{_n(m["kampioen"]["percentageOpTijd"])}%</td></tr>'
            for m in reversed(finished[:-1][-5:])
        )
        if earlier:
            kampioen_html += f'<table><tr><th>Maand</th><th>Kampioen</th><th class="n">Op tijd</th></tr>{earlier}</table>'
    else:
        kampioen_html = '<p class="leeg">Nog geen kampioen: geen team sloot genoeg zaken af.</p>'
    kampioen_html += f'<p class="regel"><strong>De regel:</strong> {escape(kampioen["regel"])}</p>'

    mijlpalen_html = (
        '<ul class="mijlpalen">'
        + "".join(
            f'<li data-mijlpaal="{escape(m["soort"])}"><span class="datum">{escape(m["datum"])}</span>{escape(m["titel"])}</li>'
            for m in mijlpalen["mijlpalen"][:12]
        )
        + "</ul>"
        if mijlpalen["mijlpalen"]
        else '<p class="leeg">Nog geen mijlpalen.</p>'
    )
    rows = "".join(
        f'<tr data-zaaktype="{escape(z["zaaktype"]["identificatie"])}"><td>{escape(z["zaaktype"]["omschrijving"])}</td>'
        f'<td class="n">{_n(z["aantalAfgesloten"])}</td><td class="n">{_n(z["bruto"]["mediaan"])}</td><td class="n">{_n(z["netto"]["mediaan"])}</td>'
        f'<td class="n">{_n(z["bruto"]["p90"])}</td><td class="n">{_n(z["doorlooptijdDagen"])}</td><td class="n">{_n(z["percentageOpTijd"])}</td>'
        f'<td class="n">{_n(z["aantalOpen"])}</td><td class="n">{_n(z["aantalTeLaat"])}</td><td class="n">{_n(z["aantalBijnaTeLaat"])}</td></tr>'
        for z in doorloop["zaaktypen"]
    )
    tabel = (
        '<table><tr><th>Zaaktype</th><th class="n">Afgesloten</th><th class="n">Mediaan bruto</th><th class="n">Mediaan netto</th>'
        '<th class="n">p90 bruto</th><th class="n">Norm (dagen)</th><th class="n">% op tijd</th><th class="n">Open</th>'
        f'<th class="n">Te laat</th><th class="n">Bijna te laat ({doorloop["bijnaTeLaatDagen"]} d)</th></tr>{rows}</table>'
        if rows
        else '<p class="leeg">Nog geen zaken.</p>'
    )
    signalen_html = _signaleringen(signalen)
    csv_query = urlencode(
        {
            k: v
            for k, v in {
                "van": filters.van,
                "tot": filters.tot,
                "zaaktype": ",".join(filters.zaaktype),
                "team": ",".join(filters.team),
            }.items()
            if v
        }
    )
    suffix = f"?{csv_query}" if csv_query else ""
    # the monthly reports of the months shown, newest first, for the same zaaktypen and teams
    maand_query = urlencode({k: ",".join(v) for k, v in (("zaaktype", filters.zaaktype), ("team", filters.team)) if v})
    maand_suffix = escape(f"?{maand_query}" if maand_query else "")
    maand_links = " · ".join(
        f'<a href="maand/{m["maand"]}{maand_suffix}" data-maand="{m["maand"]}">{escape(maand_naam(dt.date.fromisoformat(m["maand"] + "-01")))}</a>'
        for m in reversed(kampioen["maanden"])
    )
    csv_links = " · ".join(
        f'{label} (<a href="export/{name}.csv{escape(suffix)}">CSV</a>, <a href="export/{name}.xlsx{escape(suffix)}">Excel</a>)'
        for name, label in (("doorlooptijden", "doorlooptijden"), ("statusduur", "tijd in status"), ("instroom-uitstroom", "instroom/uitstroom"),
                            ("werkvoorraad", "werkvoorraad"), ("gebruik", "gebruik per team"), ("kampioen", "kampioenen"), ("mijlpalen", "mijlpalen"),
                            ("signaleringen", "signaleringen"), *((("medewerkers", "per medewerker"),) if per_medewerker else ()))
    )  # fmt: skip
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapportage zaakgericht werken</title><style>{CSS}</style></head>
<body><header><h1>Zaakgericht werken: rapportage</h1><p>Periode: {escape(periode)} · peildatum {today.isoformat()}</p></header>
<main>
<section class="wide" id="filters"><h2>Filters</h2>{_filter_form(reports, filters)}</section>
<section class="wide" id="kerncijfers"><h2>Kerncijfers</h2><div class="tiles">{tiles}</div></section>
<section id="doorlooptijd"><h2>Doorlooptijd</h2>{doorloop_svg}</section>
<section id="instroom-uitstroom"><h2>Instroom en uitstroom</h2>{stroom_svg}</section>
<section id="werkvoorraad"><h2>Werkvoorraad: {_n(voorraad["aantal"])} open zaken</h2>{voorraad_svg}{leeftijd_svg}</section>
<section id="statusduur"><h2>Tijd in status (knelpunten)</h2>{status_svg}</section>
<section id="kampioen"><h2>Zaakgericht Werken Kampioen</h2>{kampioen_html}</section>
<section id="mijlpalen"><h2>Mijlpalen</h2>{mijlpalen_html}</section>
<section class="wide" id="maandrapporten"><h2>Maandrapport voor het overleg (afdrukbaar, per team)</h2><p>{maand_links}</p></section>
<section class="wide" id="signaleringen"><h2>Signaleringen: waar zaakgericht werken niet (goed) wordt toegepast</h2>{signalen_html}</section>
{medewerkers_html}<section class="wide" id="doorlooptijden"><h2>Doorlooptijd per zaaktype</h2>{tabel}<p id="exports">Downloads: {csv_links}</p></section>
</main></body></html>"""
