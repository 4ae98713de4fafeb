"""The dashboard: one server-rendered page at /rapportage/ (charts as inline SVG, no script, no
CDN), open where RAPPORTAGE_DASHBOARD_OPEN=true, otherwise behind HTTP Basic."""

import datetime as dt
from html import escape

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.rapportage import DASHBOARD_ROOT
from services.rapportage.access import DashboardLogin, check_dashboard
from services.rapportage.dashboard.page import render_dashboard
from services.rapportage.reports.csv_export import to_csv
from services.rapportage.reports.service import Filters, Reports
from shared.api_model import split_commas
from shared.errors import ValidationProblem
from shared.fields import parse_day

router = APIRouter(include_in_schema=False)


@router.get(DASHBOARD_ROOT)
def dashboard_redirect() -> Response:
    return RedirectResponse(f"{DASHBOARD_ROOT}/", status_code=307)


def _refusal(request: Request) -> Response | None:
    try:
        check_dashboard(request)
    except DashboardLogin as exc:
        if exc.status == 401:
            return HTMLResponse(
                "<!doctype html><title>Rapportage</title><p>Log in met de client_id en het secret van een applicatie met "
                "<code>rapportage.lezen</code>.</p>",
                status_code=401,
                headers={"WWW-Authenticate": 'Basic realm="Rapportage", charset="UTF-8"'},
            )
        return HTMLResponse(
            "<!doctype html><title>Rapportage</title><p>Geen toegang: de scope rapportage.lezen ontbreekt.</p>", status_code=403
        )
    return None


def _filters(request: Request) -> Filters:
    query = request.query_params
    return Filters(
        van=parse_day(query.get("van"), "van"),
        tot=parse_day(query.get("tot"), "tot"),
        zaaktype=split_commas(query.get("zaaktype")),
        team=split_commas(query.get("team")),
    ).check()


@router.get(f"{DASHBOARD_ROOT}/")
async def dashboard(request: Request) -> Response:
    refusal = _refusal(request)
    if refusal is not None:
        return refusal
    try:
        filters = _filters(request)
    except ValidationProblem as exc:
        return HTMLResponse(f"<!doctype html><title>Rapportage</title><p>Ongeldig filter: {escape(exc.detail)}</p>", status_code=400)
    html = await run_in_threadpool(_render, request, filters)
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


EXPORTS = {
    "kerncijfers": lambda r, f: r.kerncijfers(f),
    "instroom-uitstroom": lambda r, f: r.instroom_uitstroom(f, "month"),
    "werkvoorraad": lambda r, f: r.werkvoorraad(f, None),
    "werkvoorraad-trend": lambda r, f: r.werkvoorraad_trend(f),
    "doorlooptijden": lambda r, f: r.doorlooptijden(f),
    "doorlooptijd-trend": lambda r, f: r.doorlooptijd_trend(f),
    "statusduur": lambda r, f: r.statusduur(f),
    "gebruik": lambda r, f: r.gebruik(f),
    "kampioen": lambda r, f: r.kampioen(f),
    "mijlpalen": lambda r, f: r.mijlpalen(f),
    "signaleringen": lambda r, f: r.signaleringen(f),
    "medewerkers": lambda r, f: r.medewerkers(f),
}


@router.get(DASHBOARD_ROOT + "/export/{name}.csv")
async def export(request: Request, name: str) -> Response:
    """A report as CSV, with the dashboard's access (so an open dashboard's CSV links work)."""
    refusal = _refusal(request)
    if refusal is not None:
        return refusal
    if name not in EXPORTS or (name == "medewerkers" and not request.app.state.settings.per_medewerker):
        return HTMLResponse("<!doctype html><title>Rapportage</title><p>Onbekend rapport.</p>", status_code=404)
    try:
        filters = _filters(request)
    except ValidationProblem as exc:
        return HTMLResponse(f"<!doctype html><title>Rapportage</title><p>Ongeldig filter: {escape(exc.detail)}</p>", status_code=400)

    def build() -> str:
        with request.app.state.db.session() as session:
            reports = Reports(session, request.app.state.settings, request.app.state.today())
            return to_csv(name, EXPORTS[name](reports, filters))

    return Response(
        await run_in_threadpool(build),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def _render(request: Request, filters: Filters) -> str:
    database = request.app.state.db
    today: dt.date = request.app.state.today()
    with database.session() as session:
        reports = Reports(session, request.app.state.settings, today)
        return render_dashboard(reports, filters, today)
