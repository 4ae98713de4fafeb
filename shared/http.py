"""HTTP conventions of the standard: API-version header, ETag/If-None-Match, request guards."""

import hashlib

import orjson
from fastapi import Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.errors import PayloadTooLarge, ProblemError, UnsupportedMediaType


def json_dumps(data) -> bytes:
    """Compact UTF-8 JSON; what JSON has no type for (a Decimal, say) as its str. (orjson writes
    dates, moments and UUIDs itself, in ISO 8601.)"""
    return orjson.dumps(data, default=str)


def _etag_of(body: bytes) -> str:
    return '"' + hashlib.md5(body, usedforsecurity=False).hexdigest() + '"'


def _etag_matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    candidates = {c.strip().removeprefix("W/") for c in if_none_match.split(",")}
    return etag in candidates


def detail_response(request: Request, data: dict, *, status_code: int = 200, headers: dict | None = None) -> Response:
    """A detail body with its ETag; `If-None-Match` with the current ETag gives 304, HEAD no body."""
    body = json_dumps(data)  # once: the ETag is of these bytes
    etag = _etag_of(body)
    all_headers = {"ETag": etag, **(headers or {})}
    if request.method in ("GET", "HEAD") and _etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=all_headers)
    if request.method == "HEAD":
        all_headers["Content-Length"] = str(len(body))
        return Response(status_code=status_code, headers=all_headers, media_type="application/json")
    return Response(body, status_code=status_code, headers=all_headers, media_type="application/json")


def json_response(data, *, status_code: int = 200, headers: dict | None = None) -> Response:
    return Response(json_dumps(data), status_code=status_code, headers=headers, media_type="application/json")


# scope key of the headers a dependency asked for (see add_response_header)
_EXTRA_HEADERS = "zgw.response_headers"


def add_response_header(request: Request, name: str, value: str) -> None:
    """Have StandardHeadersMiddleware put `name: value` on this request's response, whatever the
    endpoint returns and also on an error raised after this call (e.g. `Content-Crs`, shared/crs.py)."""
    request.scope.setdefault(_EXTRA_HEADERS, {})[name.lower()] = value


class StandardHeadersMiddleware:
    """Pure ASGI: `API-version` (and headers from `add_response_header`) on every response;
    JSON-only bodies of bounded size on writes."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        api_version: str,
        api_root: str,
        max_body_bytes: int,
        upload_paths: tuple[str, ...] = (),
        max_upload_bytes: int = 0,
    ):
        """`upload_paths`: path prefixes under `api_root` whose writes are multipart or form
        bodies (the Documenten API's bestandsdelen), of at most `max_upload_bytes` each; the
        endpoint streams them to disk, unlike a JSON body."""
        self.app = app
        self.api_version = api_version.encode()
        self.api_root = api_root
        self.max_body_bytes = max_body_bytes
        self.upload_paths = tuple(api_root + path for path in upload_paths)
        self.max_upload_bytes = max_upload_bytes

    def _is_upload(self, scope: Scope) -> bool:
        return bool(self.upload_paths) and scope["path"].startswith(self.upload_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"api-version", self.api_version))
                for name, value in scope.get(_EXTRA_HEADERS, {}).items():
                    headers.append((name.encode("latin-1"), value.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        problem = self._guard(scope)
        if problem is not None:
            await self._send_problem(scope, send_with_version, problem)
            return

        limit = self.max_upload_bytes if self._is_upload(scope) else self.max_body_bytes
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge()
            return message

        try:
            await self.app(scope, limited_receive, send_with_version)
        except _BodyTooLarge:
            await self._send_problem(scope, send_with_version, PayloadTooLarge())

    def _guard(self, scope: Scope) -> ProblemError | None:
        if scope["method"] not in ("POST", "PUT", "PATCH"):
            return None
        if not scope["path"].startswith(self.api_root):
            return None
        headers = dict(scope.get("headers", []))
        upload = self._is_upload(scope)
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > (self.max_upload_bytes if upload else self.max_body_bytes):
            return PayloadTooLarge()
        content_type = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        if upload and content_type in (b"multipart/form-data", b"application/x-www-form-urlencoded"):
            return None
        if content_type and content_type != b"application/json" and not content_type.endswith(b"+json"):
            return UnsupportedMediaType(f"Mediatype '{content_type.decode(errors='replace')}' wordt niet ondersteund.")
        return None

    async def _send_problem(self, scope: Scope, send: Send, problem: ProblemError) -> None:
        from starlette.requests import Request as StarletteRequest

        from shared.errors import PROBLEM_JSON

        body = json_dumps(problem.body(StarletteRequest(scope)))
        await send(
            {
                "type": "http.response.start",
                "status": problem.status,
                "headers": [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _BodyTooLarge(Exception):
    pass
