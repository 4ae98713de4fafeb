"""The Documenten API 1.5.0 application."""

import httpx
from fastapi import FastAPI

from services.documenten import API_ROOT, API_VERSION
from services.documenten import models as _models  # noqa: F401  (registers every table)
from services.documenten.db import outbox
from services.documenten.resources import RESOURCES
from services.documenten.settings import DocumentenSettings, documenten_settings
from services.documenten.storage import content_store
from shared.app import ApiInfo, create_service_app, remote_options
from shared.remote import ZgwClient
from shared.settings import KernelSettings, kernel_settings

DESCRIPTION = (
    "Een API om een documentregistratiecomponent (DRC) te benaderen: informatieobjecten met hun "
    "inhoud (klein als base64, groot in bestandsdelen), versies, locks, gebruiksrechten, "
    "verzendingen en hun relaties met zaken en besluiten, met een audit trail per informatieobject "
    "en notificaties op kanaal `documenten`."
)
API = ApiInfo("Documenten API", API_VERSION, API_ROOT, DESCRIPTION)


def create_app(
    settings: DocumentenSettings | None = None,
    kernel: KernelSettings | None = None,
    remote_transport: httpx.BaseTransport | None = None,
    **kwargs,
) -> FastAPI:
    """`remote_transport`: how this service reaches the Catalogi, Zaken and Besluiten APIs; tests
    pass an in-process transport, production uses the network."""
    settings = settings or documenten_settings()
    kernel = kernel or kernel_settings()
    options = remote_options(kernel, settings.catalogi_api_url)
    options["peers"].append(settings.zaken_api_url)
    # one reader for every API it reads (informatieobjecttypen, zaken, besluiten): one pool, one cache
    remote = ZgwClient(
        client_id=settings.client_id or kernel.demo_client_id,
        secret=settings.secret or kernel.demo_client_secret,
        transport=remote_transport,
        **options,
    )
    app = create_service_app(
        API,
        settings=settings,
        resources=RESOURCES,
        kernel=kernel,
        outbox=outbox,
        on_shutdown=[remote.close],
        # a JSON body (base64 inhoud) is held whole; a bestandsdeel streams to a temporary file
        max_body_bytes=settings.max_body_bytes,
        upload_paths=("/bestandsdelen/",),
        max_upload_bytes=settings.upload_chunk_size + 1024 * 1024,
        **kwargs,
    )
    app.state.remote = remote
    app.state.store = content_store(settings)
    return app
