"""The Zaken API 1.5.1 application."""

import httpx
from fastapi import FastAPI

from services.zaken import API_ROOT, API_VERSION
from services.zaken import models as _models  # noqa: F401  (registers every table)
from services.zaken.catalogi import CatalogiClient
from services.zaken.db import outbox
from services.zaken.klantcontact.router import router as klantcontact_router
from services.zaken.resultaat.router import router as resultaat_router
from services.zaken.rol.router import router as rol_router
from services.zaken.settings import ZakenSettings, zaken_settings
from services.zaken.status.router import router as status_router
from services.zaken.zaak.router import router as zaak_router
from services.zaken.zaakbesluit.router import router as zaakbesluit_router
from services.zaken.zaakcontactmoment.router import router as zaakcontactmoment_router
from services.zaken.zaakeigenschap.router import router as zaakeigenschap_router
from services.zaken.zaakinformatieobject.router import router as zaakinformatieobject_router
from services.zaken.zaakobject.router import router as zaakobject_router
from services.zaken.zaakverzoek.router import router as zaakverzoek_router
from shared.app import create_service_app
from shared.db import Database
from shared.settings import KernelSettings, kernel_settings

DESCRIPTION = (
    "Een API om een zaakregistratiecomponent (ZRC) te benaderen: zaken met hun statussen, "
    "resultaat, rollen, eigenschappen, objecten, informatieobjecten, klantcontacten en besluiten, "
    "met een audit trail per zaak en notificaties op kanaal `zaken`."
)

TAGS = [{"name": name, "description": f"Operaties op {name}."} for name in (
    "klantcontacten",
    "resultaten",
    "rollen",
    "statussen",
    "zaakcontactmomenten",
    "zaakinformatieobjecten",
    "zaakobjecten",
    "zaakverzoeken",
    "zaken",
)]  # fmt: skip


def routers() -> list:
    # most requested first (create_service_app says why)
    return [
        zaak_router,
        status_router,
        rol_router,
        resultaat_router,
        zaakeigenschap_router,
        zaakobject_router,
        zaakinformatieobject_router,
        zaakbesluit_router,
        klantcontact_router,
        zaakcontactmoment_router,
        zaakverzoek_router,
    ]


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
    client = CatalogiClient(
        client_id=settings.client_id or kernel.demo_client_id,
        secret=settings.secret or kernel.demo_client_secret,
        timeout=kernel.remote_timeout,
        cache_seconds=kernel.remote_cache_seconds,
        transport=remote_transport,
        peers=[settings.catalogi_api_url, *kernel.peer_api_roots],
    )
    app = create_service_app(
        title="Zaken API",
        api_version=API_VERSION,
        api_root=API_ROOT,
        description=DESCRIPTION,
        database=Database(settings.database_url),
        routers=routers(),
        tags=TAGS,
        kernel=kernel,
        outbox=outbox,
        on_shutdown=[client.close],
        **kwargs,
    )
    app.state.settings = settings
    app.state.catalogi = client
    return app
