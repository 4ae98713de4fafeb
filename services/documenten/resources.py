"""Every resource of the Documenten API, most requested first (create_service_app says why): the
one list that routing and the tags read. A new resource is a folder with its `router.RESOURCE`
and a line here (its tables also go in models.py, for alembic)."""

from services.documenten.enkelvoudiginformatieobject import router as enkelvoudiginformatieobject
from services.documenten.gebruiksrechten.router import RESOURCE as gebruiksrechten
from services.documenten.objectinformatieobject.router import RESOURCE as objectinformatieobject
from services.documenten.verzending.router import RESOURCE as verzending
from shared.app import DeclaredResource

RESOURCES: tuple[DeclaredResource, ...] = (enkelvoudiginformatieobject, objectinformatieobject, gebruiksrechten, verzending)
