"""The dashboard: one server-rendered page at /rapportage/ (charts as inline SVG, no script, no
CDN) and the monthly report at /rapportage/maand/JJJJ-MM, open where
RAPPORTAGE_DASHBOARD_OPEN=true, otherwise behind HTTP Basic."""

import datetime as dt
from html import escape

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.rapportage import DASHBOARD_ROOT
from services.rapportage.access import DashboardLogin, check_dashboard
from services.rapportage.dashboard.maand import render_maandrapport
from services.rapportage.dashboard.page import render_dashboard
from services.rapportage.reports.export import FILE_FORMATS, file_response
from services.rapportage.reports.maandrapport import parse_maand
from services.rapportage.reports.service import Filters, Reports
from shared.api_model import split_commas
from shared.errors import ValidationProblem
from shared.fields import parse_day

router = APIRouter(include_in_schema=False)


@router.get("/favicon.ico")
def favicon() -> Response:
    """No icon, said without an error: a browser asks for one with every page (a 404 is a
    console error in Chromium)."""
    return Response(status_code=204, headers={"Cache-Control": "max-age=86400"})


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
        return _bad_filter(exc)
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


@router.get(DASHBOARD_ROOT + "/export/{name}.{extension}")
async def export(request: Request, name: str, extension: str) -> Response:
    """A report as CSV or .xlsx, with the dashboard's access (so an open dashboard's links work)."""
    refusal = _refusal(request)
    if refusal is not None:
        return refusal
    if name not in EXPORTS or extension not in FILE_FORMATS or (name == "medewerkers" and not request.app.state.settings.per_medewerker):
        return _not_found("Onbekend rapport.")
    try:
        filters = _filters(request)
    except ValidationProblem as exc:
        return _bad_filter(exc)

    def build() -> Response:
        with request.app.state.db.session() as session:
            reports = Reports(session, request.app.state.settings, request.app.state.today())
            return file_response(name, EXPORTS[name](reports, filters), extension, request.app.state.settings.tijdzone)

    return await run_in_threadpool(build)


def _not_found(text: str) -> Response:
    return HTMLResponse(f"<!doctype html><title>Rapportage</title><p>{escape(text)}</p>", status_code=404)


def _bad_filter(exc: ValidationProblem) -> Response:
    return HTMLResponse(f"<!doctype html><title>Rapportage</title><p>Ongeldig filter: {escape(exc.detail)}</p>", status_code=400)


MAAND = f"{DASHBOARD_ROOT}/maand"


@router.get(MAAND)
async def maand_redirect(request: Request) -> Response:
    """The last completed month: what the monthly meeting discusses."""
    last = parse_maand(None, request.app.state.today())
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"{MAAND}/{last:%Y-%m}{query}", status_code=307)


def _maand(request: Request, maand: str) -> tuple[dt.date, Filters] | Response:
    """The month and the filters of a monthly report's request, or the answer to a bad one."""
    refusal = _refusal(request)
    if refusal is not None:
        return refusal
    try:
        return parse_maand(maand, request.app.state.today()), _filters(request)
    except ValidationProblem as exc:
        return _bad_filter(exc)


@router.get(MAAND + "/{maand}.{extension}")
async def maand_export(request: Request, maand: str, extension: str) -> Response:
    """The monthly report as .xlsx (a sheet per table) or CSV."""
    if extension not in FILE_FORMATS:
        return _not_found("Onbekend formaat.")
    asked = _maand(request, maand)
    if isinstance(asked, Response):
        return asked
    month, filters = asked

    def build() -> Response:
        with request.app.state.db.session() as session:
            reports = Reports(session, request.app.state.settings, request.app.state.today())
            data = reports.maandrapport(month, filters)
        return file_response("maandrapport", data, extension, request.app.state.settings.tijdzone, f"maandrapport-{month:%Y-%m}")

    return await run_in_threadpool(build)


@router.get(MAAND + "/{maand}")
async def maand_page(request: Request, maand: str) -> Response:
    asked = _maand(request, maand)
    if isinstance(asked, Response):
        return asked
    month, filters = asked

    def build() -> str:
        today = request.app.state.today()
        with request.app.state.db.session() as session:
            reports = Reports(session, request.app.state.settings, today)
            return render_maandrapport(reports.maandrapport(month, filters), reports.teams_lijst(), today)

    return HTMLResponse(await run_in_threadpool(build), headers={"Cache-Control": "no-store"})


def _render(request: Request, filters: Filters) -> str:
    database = request.app.state.db
    today: dt.date = request.app.state.today()
    with database.session() as session:
        reports = Reports(session, request.app.state.settings, today)
        return render_dashboard(reports, filters, today)
