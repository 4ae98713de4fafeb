"""The Zaken API 1.5.1 application."""

import httpx
from fastapi import FastAPI

from services.zaken import API_ROOT, API_VERSION
from services.zaken.catalogi import CatalogiClient
from services.zaken.db import outbox
from services.zaken.resources import RESOURCES
from services.zaken.settings import ZakenSettings, zaken_settings
from shared.app import ApiInfo, create_service_app, remote_options
from shared.settings import KernelSettings, kernel_settings

DESCRIPTION = (
    "Een API om een zaakregistratiecomponent (ZRC) te benaderen: zaken met hun statussen, "
    "resultaat, rollen, eigenschappen, objecten, informatieobjecten, klantcontacten en besluiten, "
    "met een audit trail per zaak en notificaties op kanaal `zaken`."
)
API = ApiInfo("Zaken API", API_VERSION, API_ROOT, DESCRIPTION)


def create_app(
    settings: ZakenSettings | None = None,
    kernel: KernelSettings | None = None,
    remote_transport: httpx.BaseTransport | None = None,
    **kwargs,
) -> FastAPI:
    """`remote_transport`: how this service reaches the Catalogi (and other) APIs; tests pass an
    in-process transport, production uses the network."""
    settings = settings or zaken_settings()
    kernel = kernel or kernel_settings()
    client = CatalogiClient(**settings.credentials(kernel), transport=remote_transport, **remote_options(kernel, settings.catalogi_api_url))
    app = create_service_app(
        API,
        settings=settings,
        resources=RESOURCES,
        kernel=kernel,
        outbox=outbox,
        on_shutdown=[client.close],
        **kwargs,
    )
    app.state.catalogi = client
    return app
