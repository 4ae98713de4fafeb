"""The Rapportage application: the callback, the JSON reports under /rapportage/api/v1 and the
dashboard at /rapportage/."""

import datetime as dt
from collections.abc import Callable

import httpx
from fastapi import FastAPI

from services.rapportage import API_ROOT, API_VERSION
from services.rapportage import models as _models  # noqa: F401  (registers every table)
from services.rapportage.client import reader_for
from services.rapportage.dashboard.router import router as dashboard_router
from services.rapportage.inbox.router import router as inbox_router
from services.rapportage.inbox.service import Intake
from services.rapportage.inbox.worker import Worker
from services.rapportage.periods import zone
from services.rapportage.reports.router import router as reports_router
from services.rapportage.settings import RapportageSettings, rapportage_settings
from services.rapportage.zaak.fetch import Fetcher
from services.rapportage.zaak.projector import Projector
from shared import utc
from shared.app import ApiInfo, create_service_app
from shared.db import Database
from shared.settings import KernelSettings, kernel_settings

DESCRIPTION = (
    "Managementinformatie over zaakgericht werken. De rapportage is geabonneerd op het kanaal `zaken` "
    "(`POST /callbacks`, het callback-contract van de Notificaties API), haalt bij elke notificatie de zaak, "
    "status, resultaat of rol op waar die naar wijst, en houdt leesmodellen en tellers per event bij. De "
    "rapporten (filterbaar op periode, zaaktype en team; als JSON, met `formaat=csv` als CSV of met `formaat=xlsx` als Excel-werkmap) vragen een "
    "ZGW-JWT met scope `rapportage.lezen`. Geen rapport toont een BSN of een naam van een burger."
)

TAGS = [
    {"name": "notificaties", "description": "Het abonnement-callback en de inbox."},
    {"name": "rapporten", "description": "De rapporten."},
    {"name": "zaken", "description": "De statustijdlijn van een zaak, voor portalen."},
    {"name": "filters", "description": "De zaaktypen en teams waarop gefilterd kan worden."},
]
API = ApiInfo("Rapportage API", API_VERSION, API_ROOT, DESCRIPTION)


def create_app(
    settings: RapportageSettings | None = None,
    kernel: KernelSettings | None = None,
    transport: httpx.BaseTransport | None = None,
    today: Callable[[], dt.date] | None = None,
    **kwargs,
) -> FastAPI:
    """`transport`: how the read-only client reaches the Zaken and Catalogi APIs (tests pass an
    in-process one); `today`: the organisation's today (tests fix it)."""
    settings = settings or rapportage_settings()
    kernel = kernel or kernel_settings()
    database = Database(settings.database_url)
    reader = reader_for(settings, kernel, transport)
    intake = Intake(database, Fetcher(reader, settings), Projector(settings.tijdzone), settings)
    clock = today or (lambda: utc.now().astimezone(zone(settings.tijdzone)).date())
    worker = Worker(intake, clock, settings.worker_interval, threads=settings.worker_threads)

    def stop() -> None:
        worker.stop()
        intake.close()
        reader.close()

    app = create_service_app(
        API,
        settings=settings,
        database=database,
        routers=[inbox_router, reports_router],
        tags=TAGS,
        kernel=kernel,
        on_shutdown=[stop],
        **kwargs,
    )
    app.include_router(dashboard_router)
    app.state.reader = reader
    app.state.intake = intake
    app.state.worker = worker
    app.state.today = clock
    if settings.worker_enabled:
        app.router.on_startup.append(worker.start)
    return app
