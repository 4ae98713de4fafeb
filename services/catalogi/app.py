"""The Catalogi API 1.3.1 application."""

import httpx
from fastapi import FastAPI

from services.catalogi import API_ROOT, API_VERSION
from services.catalogi import models as _models  # noqa: F401  (registers every table)
from services.catalogi.db import outbox
from services.catalogi.referentielijsten import Referentielijsten
from services.catalogi.resources import RESOURCES
from services.catalogi.settings import CatalogiSettings, catalogi_settings
from shared.app import ApiInfo, create_service_app, remote_options
from shared.settings import KernelSettings, kernel_settings

DESCRIPTION = (
    "Een API om een zaaktypecatalogus (ZTC) te benaderen: catalogussen, zaaktypen en alles wat "
    "daaraan hangt (statustypen, roltypen, resultaattypen, eigenschappen, zaakobjecttypen, "
    "informatieobjecttypen, besluittypen), met concepten, publiceren en versies naar geldigheid."
)
API = ApiInfo("Catalogi API", API_VERSION, API_ROOT, DESCRIPTION)


def create_app(
    settings: CatalogiSettings | None = None,
    kernel: KernelSettings | None = None,
    referentielijsten_transport: httpx.BaseTransport | None = None,
    **kwargs,
) -> FastAPI:
    settings = settings or catalogi_settings()
    kernel = kernel or kernel_settings()
    lijsten = Referentielijsten(
        settings, transport=referentielijsten_transport, **remote_options(kernel, settings.referentielijsten_api_url)
    )
    app = create_service_app(
        API,
        settings=settings,
        resources=RESOURCES,
        kernel=kernel,
        outbox=outbox,
        on_shutdown=[lijsten.resolver.close],
        **kwargs,
    )
    app.state.referentielijsten = lijsten
    return app
