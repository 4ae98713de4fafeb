"""An httpx transport that answers from ASGI apps in this process: the Zaken service reads the
Catalogi service of the same test without a network hop (the flow test uses real HTTP).

With several apps a request goes to the one whose API root its path lies under (apps added later
with `add`, e.g. a Zaken app that reads a Documenten app that reads it back). Requests to the hosts
of the foreign-API stand-ins (`tests.standins.documenten.HOSTS`: Documenten, Besluiten,
Contactmomenten, Verzoeken) go to that in-memory stand-in instead."""

import httpx
from fastapi.testclient import TestClient

from tests.standins import documenten


class AppTransport(httpx.BaseTransport):
    def __init__(self, *apps):
        self.clients: list[tuple[str, TestClient]] = []
        for app in apps:
            self.add(app)

    def add(self, app) -> None:
        """Route the app's API root to it (once: an app added again keeps its place)."""
        if all(root != app.state.api_root for root, _ in self.clients):
            self.clients.append((app.state.api_root, TestClient(app)))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host in documenten.HOSTS:
            return documenten.STANDIN.handle(request)
        path = request.url.path
        # the app whose API root the path lies under; the first app answers any other path
        client = next((client for root, client in self.clients if path.startswith(root + "/") or path == root), self.clients[0][1])
        response = client.request(request.method, str(request.url), headers=dict(request.headers), content=request.read())
        return httpx.Response(response.status_code, headers=response.headers, content=response.content)
