"""Every resource of the Besluiten API, most requested first (create_service_app says why): the
one list that routing and the tags read (each a router module with its `router` and `spec`)."""

from services.besluiten.besluit import router as besluit
from services.besluiten.besluitinformatieobject import router as besluitinformatieobject
from shared.app import DeclaredResource

RESOURCES: tuple[DeclaredResource, ...] = (besluit, besluitinformatieobject)
