"""The Autorisaties API 1.0.0 application."""

from fastapi import FastAPI

from services.autorisaties import API_ROOT, API_VERSION
from services.autorisaties import models as _models  # noqa: F401  (registers every table)
from services.autorisaties.applicatie.router import router as applicatie_router
from services.autorisaties.db import outbox
from services.autorisaties.rights import local_autorisaties
from services.autorisaties.settings import AutorisatiesSettings, autorisaties_settings
from shared.app import ApiInfo, create_service_app
from shared.auth import FileAutorisaties
from shared.db import Database
from shared.settings import KernelSettings, kernel_settings

DESCRIPTION = (
    "Een API om een autorisatiecomponent (AC) te benaderen.\n\n"
    "De `AUTORISATIE` is het kernobject in deze API. Autorisaties worden toegekend aan applicaties. Een "
    "applicatie is een representatie van een (web) app die communiceert met de API van (andere) componenten, "
    "zoals het ZRC, DRC, ZTC en BRC. Deze API laat toe om autorisaties van een (taak)applicatie te beheren en "
    "uit te lezen.\n\n"
    "**Notificaties**: deze API publiceert notificaties op het kanaal `autorisaties`; resource `applicatie`, "
    "acties create, update, partial_update en destroy.\n\n"
    "**Extensie**: een autorisatie voor zrc, drc of brc mag een `catalogus` (URL) hebben in plaats van een "
    "zaaktype, informatieobjecttype of besluittype; ze geldt dan voor alle typen van die catalogus."
)

TAGS = [{"name": "applicaties", "description": "Operaties op applicaties en hun autorisaties."}]
API = ApiInfo("Autorisaties API", API_VERSION, API_ROOT, DESCRIPTION)


def create_app(settings: AutorisatiesSettings | None = None, kernel: KernelSettings | None = None, **kwargs) -> FastAPI:
    settings = settings or autorisaties_settings()
    kernel = kernel or kernel_settings()
    database = Database(settings.database_url)
    kwargs.setdefault("autorisaties", local_autorisaties(FileAutorisaties(kernel), database))
    app = create_service_app(
        API,
        settings=settings,
        database=database,
        routers=[applicatie_router],
        tags=TAGS,
        kernel=kernel,
        outbox=outbox,
        **kwargs,
    )
    return app
