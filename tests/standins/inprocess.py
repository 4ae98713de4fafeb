"""An httpx transport that answers from an ASGI app in this process: the Zaken service reads the
Catalogi service of the same test without a network hop (the flow test uses real HTTP)."""

import httpx
from fastapi.testclient import TestClient


class AppTransport(httpx.BaseTransport):
    def __init__(self, app):
        self.client = TestClient(app)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.client.request(request.method, str(request.url), headers=dict(request.headers), content=request.read())
        return httpx.Response(response.status_code, headers=response.headers, content=response.content)
