"""An httpx transport that answers from an ASGI app in this process: the Zaken service reads the
Catalogi service of the same test without a network hop (the flow test uses real HTTP).

Requests to the hosts of the foreign-API stand-ins (`tests.standins.documenten.HOSTS`: Documenten,
Besluiten, Contactmomenten, Verzoeken) go to that in-memory stand-in instead."""

import httpx
from fastapi.testclient import TestClient

from tests.standins import documenten


class AppTransport(httpx.BaseTransport):
    def __init__(self, app):
        self.client = TestClient(app)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host in documenten.HOSTS:
            return documenten.STANDIN.handle(request)
        response = self.client.request(request.method, str(request.url), headers=dict(request.headers), content=request.read())
        return httpx.Response(response.status_code, headers=response.headers, content=response.content)
