"""The Besluiten API 1.0.2 application."""

import httpx
from fastapi import FastAPI

from services.besluiten import API_ROOT, API_VERSION
from services.besluiten import models as _models  # noqa: F401  (registers every table)
from services.besluiten.db import outbox
from services.besluiten.resources import RESOURCES
from services.besluiten.settings import BesluitenSettings, besluiten_settings
from shared.app import ApiInfo, create_service_app, remote_options
from shared.remote import ZgwClient
from shared.settings import KernelSettings, kernel_settings

DESCRIPTION = (
    "Een API om een besluitregistratiecomponent (BRC) te benaderen: besluiten en de informatieobjecten waarin zij "
    "vastgelegd zijn, met een audit trail per besluit en notificaties op kanaal `besluiten`. Een besluit bij een zaak "
    "wordt in de Zaken API gespiegeld (zaakbesluit), een besluitinformatieobject in de Documenten API "
    "(objectinformatieobject)."
)
API = ApiInfo("Besluiten API", API_VERSION, API_ROOT, DESCRIPTION)


def create_app(
    settings: BesluitenSettings | None = None,
    kernel: KernelSettings | None = None,
    remote_transport: httpx.BaseTransport | None = None,
    **kwargs,
) -> FastAPI:
    """`remote_transport`: how this service reaches the Catalogi, Zaken and Documenten APIs; tests
    pass an in-process transport, production uses the network."""
    settings = settings or besluiten_settings()
    kernel = kernel or kernel_settings()
    # one client for every API it reads and writes (besluittypen, zaken, informatieobjecten): one pool, one cache
    remote = ZgwClient(**settings.credentials(kernel), transport=remote_transport, **remote_options(kernel, settings.catalogi_api_url))
    app = create_service_app(
        API,
        settings=settings,
        resources=RESOURCES,
        kernel=kernel,
        outbox=outbox,
        on_shutdown=[remote.close],
        **kwargs,
    )
    app.state.remote = remote
    return app
