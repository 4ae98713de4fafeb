"""The Catalogi API 1.3.1 application."""

import httpx
from fastapi import FastAPI

from services.catalogi import API_ROOT, API_VERSION
from services.catalogi import models as _models  # noqa: F401  (registers every table)
from services.catalogi.besluittype.router import router as besluittype_router
from services.catalogi.catalogus.router import router as catalogus_router
from services.catalogi.db import outbox
from services.catalogi.eigenschap.router import router as eigenschap_router
from services.catalogi.informatieobjecttype.router import router as informatieobjecttype_router
from services.catalogi.referentielijsten import Referentielijsten
from services.catalogi.resultaattype.router import router as resultaattype_router
from services.catalogi.roltype.router import router as roltype_router
from services.catalogi.settings import CatalogiSettings, catalogi_settings
from services.catalogi.statustype.router import router as statustype_router
from services.catalogi.zaakobjecttype.router import router as zaakobjecttype_router
from services.catalogi.zaaktype.router import router as zaaktype_router
from services.catalogi.zaaktypeinformatieobjecttype.router import router as ziot_router
from shared.app import create_service_app
from shared.db import Database
from shared.settings import KernelSettings, kernel_settings

DESCRIPTION = (
    "Een API om een zaaktypecatalogus (ZTC) te benaderen: catalogussen, zaaktypen en alles wat "
    "daaraan hangt (statustypen, roltypen, resultaattypen, eigenschappen, zaakobjecttypen, "
    "informatieobjecttypen, besluittypen), met concepten, publiceren en versies naar geldigheid."
)

TAGS = [
    {"name": name, "description": f"Operaties op {name}."}
    for name in (
        "besluittypen",
        "catalogussen",
        "eigenschappen",
        "informatieobjecttypen",
        "resultaattypen",
        "roltypen",
        "statustypen",
        "zaakobjecttypen",
        "zaaktype-informatieobjecttypen",
        "zaaktypen",
    )
]


def routers() -> list:
    # most requested first (create_service_app says why): the Zaken and Rapportage services read
    # zaaktypen, statustypen, roltypen and resultaattypen
    return [
        zaaktype_router,
        statustype_router,
        roltype_router,
        resultaattype_router,
        eigenschap_router,
        informatieobjecttype_router,
        besluittype_router,
        catalogus_router,
        zaakobjecttype_router,
        ziot_router,
    ]


def create_app(
    settings: CatalogiSettings | None = None,
    kernel: KernelSettings | None = None,
    referentielijsten_transport: httpx.BaseTransport | None = None,
    **kwargs,
) -> FastAPI:
    settings = settings or catalogi_settings()
    kernel = kernel or kernel_settings()
    lijsten = Referentielijsten(
        settings,
        timeout=kernel.remote_timeout,
        cache_seconds=kernel.remote_cache_seconds,
        transport=referentielijsten_transport,
        peers=[settings.referentielijsten_api_url, *kernel.peer_api_roots],
    )
    app = create_service_app(
        title="Catalogi API",
        api_version=API_VERSION,
        api_root=API_ROOT,
        description=DESCRIPTION,
        database=Database(settings.database_url),
        routers=routers(),
        tags=TAGS,
        kernel=kernel,
        outbox=outbox,
        on_shutdown=[lijsten.resolver.close],
        **kwargs,
    )
    app.state.settings = settings
    app.state.referentielijsten = lijsten
    return app
