"""Request metrics (Prometheus text, no client library) and the request id/log line, measured in
one pure-ASGI middleware around every service."""

import logging
import re
import threading
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.logging import request_id_var

# the Prometheus client's default buckets (seconds)
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0)
_SANE_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")

request_logger = logging.getLogger("zgw.request")


def _status_class(status: int) -> str:
    return f"{status // 100}xx"


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


class RequestMetrics:
    """`zgw_http_request_duration_seconds` (histogram) and `zgw_http_requests_total` (counter) by
    method, route template and status class; this process's figures."""

    def __init__(self, buckets: tuple[float, ...] = BUCKETS):
        self.buckets = buckets
        self._lock = threading.Lock()
        # (method, route, status class) -> [bucket counts..., count, sum]
        self._series: dict[tuple[str, str, str], list[float]] = {}

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        key = (method, route, _status_class(status))
        with self._lock:
            series = self._series.get(key)
            if series is None:
                series = self._series[key] = [0] * (len(self.buckets) + 2)
            for i, bound in enumerate(self.buckets):
                if seconds <= bound:
                    series[i] += 1
            series[-2] += 1
            series[-1] += seconds

    def prometheus_text(self) -> str:
        with self._lock:
            snapshot = {key: list(values) for key, values in sorted(self._series.items())}
        name = "zgw_http_request_duration_seconds"
        lines = [
            f"# HELP {name} Time to serve an HTTP request.",
            f"# TYPE {name} histogram",
        ]
        counts = []
        for (method, route, status), values in snapshot.items():
            labels = f'method="{_label(method)}",route="{_label(route)}",status="{status}"'
            for bound, count in zip(self.buckets, values[:-2], strict=True):  # then the count and the sum
                lines.append(f'{name}_bucket{{{labels},le="{bound}"}} {count}')
            lines.append(f'{name}_bucket{{{labels},le="+Inf"}} {values[-2]}')
            lines.append(f"{name}_count{{{labels}}} {values[-2]}")
            lines.append(f"{name}_sum{{{labels}}} {values[-1]}")
            counts.append(f"zgw_http_requests_total{{{labels}}} {values[-2]}")
        lines += ["# HELP zgw_http_requests_total HTTP requests served.", "# TYPE zgw_http_requests_total counter", *counts]
        return "\n".join(lines) + "\n"


def route_template(scope: Scope) -> str:
    """The matched route's path with the prefix it was included under (`/zaken/api/v1/zaken/{uuid}`);
    `unmatched` when no route matched. Newer FastAPI puts the route as declared, without the
    `include_router` prefix, in the scope: the prefix is then the part of the path before it."""
    route = scope.get("route")
    template = getattr(route, "path", None)
    if not template:
        return "unmatched"
    regex = getattr(route, "path_regex", None)
    path = scope.get("path", "")
    if regex is None or regex.match(path):
        return template
    start = path.find("/", 1)
    while start != -1:
        if regex.match(path[start:]):
            return path[:start] + template
        start = path.find("/", start + 1)
    return template


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            if _SANE_ID.fullmatch(candidate):
                return candidate
            break
    return uuid.uuid4().hex


class ObservabilityMiddleware:
    """Pure ASGI, outermost: an `X-Request-ID` on every response, the request in the metrics, and
    (with `log_requests`) a `zgw.request` log line with method, path, status, duration, client."""

    def __init__(self, app: ASGIApp, *, metrics: RequestMetrics, log_requests: bool):
        self.app = app
        self.metrics = metrics
        self.log_requests = log_requests

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        token = request_id_var.set(request_id)
        start = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            duration = time.perf_counter() - start
            route = route_template(scope)
            self.metrics.observe(scope["method"], route, status, duration)
            if self.log_requests:
                principal = scope.get("state", {}).get("principal")
                request_logger.info(
                    "%s %s %s",
                    scope["method"],
                    scope["path"],
                    status,
                    extra={
                        "method": scope["method"],
                        "path": scope["path"],
                        "route": route,
                        "status": status,
                        "duration_ms": round(duration * 1000, 2),
                        "request_id": request_id,
                        "client_id": getattr(principal, "client_id", None),
                    },
                )
            request_id_var.reset(token)


def mount_health(app, database, timeout: float) -> None:
    """`GET /healthz`: the process answers (no database). `GET /readyz`: `SELECT 1` on the
    service's database within `timeout` seconds, else 503. Unauthenticated, not in the contract."""
    import anyio
    from fastapi import Request
    from sqlalchemy import text

    from shared.errors import ServiceUnavailable
    from shared.http import json_response

    def healthz():
        return json_response({"status": "ok"})

    def select_one() -> None:
        with database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    async def readyz(request: Request):
        try:
            with anyio.fail_after(timeout):
                # abandon_on_cancel: a hanging connect is left to finish on its own thread
                await anyio.to_thread.run_sync(select_one, abandon_on_cancel=True)
        except TimeoutError:
            raise ServiceUnavailable(f"De database antwoordt niet binnen {timeout:g} s.", title="Niet gereed.") from None
        except Exception as exc:
            logging.getLogger("zgw.health").warning("readiness check failed: %s", exc.__class__.__name__)
            raise ServiceUnavailable("De database is niet bereikbaar.", title="Niet gereed.") from None
        return json_response({"status": "ok"})

    app.add_api_route("/healthz", healthz, methods=["GET"], include_in_schema=False)
    app.add_api_route("/readyz", readyz, methods=["GET"], include_in_schema=False)
