"""Builds a service's FastAPI app with the kernel's conventions wired in once."""

import gc
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from sqlalchemy import event

from shared.auth import Authenticator, AutorisatieSource
from shared.autorisaties import autorisaties_source, mount_autorisaties_callback
from shared.db import Database
from shared.dispatcher import DeliveryStore, Dispatcher, prometheus_text
from shared.errors import install_error_handlers
from shared.http import StandardHeadersMiddleware
from shared.logging import configure_logging
from shared.observability import ObservabilityMiddleware, RequestMetrics, mount_health
from shared.openapi import build_openapi, to_yaml
from shared.outbox import Outbox
from shared.resources import ResourceSpec
from shared.settings import KernelSettings, kernel_settings
from shared.targets import load_targets


@dataclass(frozen=True)
class ApiInfo:
    """What a service's contract says of itself: its title, version, root and description."""

    title: str
    version: str
    root: str
    description: str


class DeclaredResource(Protocol):
    """A resource as a service's resource list holds it (services/*/resources.py): the router of
    its operations and the spec whose tag they have."""

    @property
    def router(self) -> APIRouter: ...
    @property
    def spec(self) -> ResourceSpec: ...


class ServiceSettings(Protocol):
    """What the kernel reads of a service's own settings: where its database is."""

    @property
    def database_url(self) -> str: ...


def resource_tags(resources: Sequence[DeclaredResource]) -> list[dict]:
    """The contract's tags of a service's resources: one a tag, alphabetically."""
    return [{"name": name, "description": f"Operaties op {name}."} for name in sorted({r.spec.tag for r in resources})]


def remote_options(kernel: KernelSettings, api_url: str) -> dict[str, Any]:
    """How a service reaches another API at `api_url` (the options of its RemoteResolver): with the
    kernel's time-out and cache, that API and the other roots of this deployment as its peers."""
    return {"timeout": kernel.remote_timeout, "cache_seconds": kernel.remote_cache_seconds, "peers": [api_url, *kernel.peer_api_roots]}


def create_service_app(
    api: ApiInfo,
    *,
    settings: ServiceSettings | None = None,
    database: Database | None = None,
    routers: Sequence[APIRouter] = (),
    resources: Sequence[DeclaredResource] = (),
    tags: list[dict] | None = None,
    kernel: KernelSettings | None = None,
    autorisaties: AutorisatieSource | None = None,
    outbox: Outbox | None = None,
    on_shutdown: list[Callable[[], None]] | None = None,
    max_body_bytes: int | None = None,
    upload_paths: tuple[str, ...] = (),
    max_upload_bytes: int = 0,
) -> FastAPI:
    """`api`: the contract's title, version, root and description. `settings`: the service's own, served as `app.state.settings`; its `database_url` is the
    database unless `database` is given. The operations are those of `routers`, then those of
    `resources` (each with its router), in that order; `tags` default to the resources' tags.
    `max_body_bytes`: the service's own limit on a JSON body (else ZGW_MAX_BODY_BYTES);
    `upload_paths`/`max_upload_bytes`: where multipart bodies are taken (shared.http)."""
    title, api_version, api_root, description = api.title, api.version, api.root, api.description
    if database is None:
        assert settings is not None, "a service app needs its database, or the settings that name it"
        database = Database(settings.database_url)
    routers = [*routers, *(resource.router for resource in resources)]
    tags = resource_tags(resources) if tags is None else tags
    kernel = kernel or kernel_settings()
    configure_logging(kernel.log_format)
    targets = load_targets(kernel.notification_targets, kernel.notification_targets_file)
    # the outbox writes a delivery row per target in the write's own transaction
    database.sessionmaker.configure(info={"outbox_targets": targets})
    app = FastAPI(
        title=title,
        version=api_version,
        description=description,
        docs_url=f"{api_root}/schema/docs",
        redoc_url=None,
        openapi_url=None,
    )
    app.state.db = database
    if settings is not None:
        app.state.settings = settings
    app.state.api_root = api_root
    app.state.api_root_url = lambda request: str(request.base_url).rstrip("/") + api_root
    # the file, or the file plus an Autorisaties API (ZGW_AUTORISATIES_API_URL); shared.autorisaties
    source = autorisaties or autorisaties_source(kernel)
    app.state.authenticator = Authenticator(source, kernel)
    install_error_handlers(app)
    # FastAPI matches a request against the routes one by one (~2 µs each), in this order: a
    # service lists its most requested routers first. No two operations match the same request
    # (tests/kernel/test_routes.py), so the order changes the cost only; the contract lists the
    # paths alphabetically whatever it is (shared.openapi.build_openapi).
    for router in routers:
        app.include_router(router, prefix=api_root)
    # POST {api_root}/callbacks/autorisaties: an `autorisaties` notification empties the cache
    mount_autorisaties_callback(app, api_root, kernel)

    cache: dict[str, object] = {}
    # one build per process however many ask at once: the document takes ~1 s of interpreter time
    # (more on a busy worker), and a client that gives up and asks again must not start another
    building = threading.RLock()

    def openapi() -> dict:
        if "spec" not in cache:
            with building:
                if "spec" not in cache:
                    cache["spec"] = build_openapi(
                        app, title=title, version=api_version, description=description, api_root=api_root, tags=tags
                    )
        return cache["spec"]  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]

    def serve_yaml(request: Request) -> Response:
        if "yaml" not in cache:
            with building:
                if "yaml" not in cache:
                    cache["yaml"] = to_yaml(openapi())
        return Response(cache["yaml"], media_type="application/vnd.oai.openapi")

    app.add_api_route(f"{api_root}/openapi.yaml", serve_yaml, methods=["GET"], include_in_schema=False)
    app.add_api_route(f"{api_root}/schema/openapi.yaml", serve_yaml, methods=["GET"], include_in_schema=False)
    app.add_api_route(
        f"{api_root}/openapi.json",
        lambda: openapi(),  # noqa: PLW0108  (no return annotation: FastAPI adds no response model)
        methods=["GET"],
        include_in_schema=False,
    )

    # GET /healthz, GET /readyz (SELECT 1 within kernel.readiness_timeout)
    mount_health(app, database, kernel.readiness_timeout)

    app.state.dispatcher = None
    request_metrics = app.state.request_metrics = RequestMetrics()
    store = DeliveryStore(database, outbox, kernel) if outbox is not None else None

    def metrics() -> Response:
        text = request_metrics.prometheus_text()
        if store is not None:
            text += prometheus_text(store.status(), app.state.dispatcher)
        return Response(text, media_type="text/plain; version=0.0.4")

    app.add_api_route("/metrics", metrics, methods=["GET"], include_in_schema=False)

    if outbox is not None and targets and kernel.dispatch_in_process:
        dispatcher = Dispatcher(database, outbox, targets, kernel, name=title)
        app.state.dispatcher = dispatcher

        @event.listens_for(database.sessionmaker, "after_commit")
        def _wake_dispatcher(session) -> None:
            if session.info.pop("outbox_written", False):
                dispatcher.wake()

        @app.on_event("startup")
        def _start_dispatcher() -> None:
            dispatcher.start_in_thread()

        @app.on_event("shutdown")
        def _stop_dispatcher() -> None:
            dispatcher.stop()
            dispatcher.join(timeout=10)

    app.add_middleware(
        StandardHeadersMiddleware,
        api_version=api_version,
        api_root=api_root,
        max_body_bytes=max_body_bytes or kernel.max_body_bytes,
        upload_paths=upload_paths,
        max_upload_bytes=max_upload_bytes,
    )
    # outermost: also the guards' 413/415 get a request id and are measured
    app.add_middleware(ObservabilityMiddleware, metrics=request_metrics, log_requests=kernel.log_format == "json")

    if kernel.gc_freeze:
        app.router.on_startup.append(settle_heap)

    @app.on_event("shutdown")
    def _shutdown() -> None:  # pragma: no cover - process teardown
        for callback in on_shutdown or []:
            callback()
        close = getattr(source, "close", None)
        if close is not None:
            close()
        database.dispose()

    return app


# young collections less often: a list page makes thousands of short-lived containers
SERVING_GC_THRESHOLDS = (50_000, 50, 100)


def settle_heap() -> None:
    """Once a served process has started, its long-lived objects (modules, SQLAlchemy metadata,
    routes, caches) leave the cyclic collector's reach (`gc.freeze`): otherwise every full
    collection walked them all, stalling a request for up to ~80 ms (the p99 of a zaken list at
    one connection: 82 -> 19 ms). Only in `zgw serve` (ZGW_GC_FREEZE): a test process builds many
    apps, whose frozen cycles would never be freed."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*SERVING_GC_THRESHOLDS)
