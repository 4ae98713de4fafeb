"""The Documenten API 1.5.0 application."""

from fastapi import FastAPI

from services.documenten import API_ROOT, API_VERSION
from services.documenten import models as _models  # noqa: F401  (registers every table)
from services.documenten.db import outbox
from services.documenten.resources import RESOURCES
from services.documenten.settings import DocumentenSettings, documenten_settings
from shared.app import create_service_app
from shared.settings import KernelSettings, kernel_settings

DESCRIPTION = (
    "Een API om een documentregistratiecomponent (DRC) te benaderen: informatieobjecten met hun "
    "inhoud (klein als base64, groot in bestandsdelen), versies, locks, gebruiksrechten, "
    "verzendingen en hun relaties met zaken en besluiten, met een audit trail per informatieobject "
    "en notificaties op kanaal `documenten`."
)


def create_app(settings: DocumentenSettings | None = None, kernel: KernelSettings | None = None, **kwargs) -> FastAPI:
    settings = settings or documenten_settings()
    kernel = kernel or kernel_settings()
    return create_service_app(
        title="Documenten API",
        api_version=API_VERSION,
        api_root=API_ROOT,
        description=DESCRIPTION,
        settings=settings,
        resources=RESOURCES,
        kernel=kernel,
        outbox=outbox,
        **kwargs,
    )
