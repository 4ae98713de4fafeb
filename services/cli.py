"""`zgw`: the entry point for every operational task.

zgw migrate [SERVICE ...] [--create-databases]   alembic upgrade head (all services by default)
zgw seed-demo [--history [--history-zaken N]]   load the demo catalogus and a demo zaak with its
                                   document, and a year of demo history (idempotent)
zgw serve SERVICE [--port N] [--workers N]   serve one service with uvicorn
zgw run [--workers N] [--separate-dispatch] [--no-seed] [--no-history] [--postgres-databases URL_PREFIX]
                                   migrate, seed the demo (with its history) and serve every service
zgw token [--client-id ID --secret S]   print a ZGW JWT (the demo client by default)
zgw openapi [SERVICE ...]          write openapi/<service>.yaml
zgw compose                        write docker-compose.yml from services/registry.py
zgw makemigrations SERVICE -m MSG  autogenerate the next alembic revision
zgw dispatch [SERVICE ...]         deliver the outbox to the notification targets (until stopped)
zgw outbox status [--json]         per service and target: pending, failing, oldest pending age
zgw outbox list                    failing deliveries with their last error
zgw outbox retry [--target NAME]   make failing deliveries due now
zgw sweep-content [--grace-minutes N]   remove Documenten content no row points at (hourly, from a scheduler)
"""

import argparse
import asyncio
import base64
import contextvars
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from services.registry import SERVICES
from shared.settings import PROJECT_ROOT, kernel_settings


def create_postgres_database(database_url: str) -> bool:
    """CREATE DATABASE of a PostgreSQL URL when it is missing (through the server's `postgres`
    database); True when it was created. Other URLs: nothing (SQLite files and search_path
    schemas are made by the migration itself)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from shared.db import normalize_url

    if not database_url.startswith(("postgresql", "postgres")):
        return False
    url = make_url(normalize_url(database_url))
    if not url.database:
        return False  # the server's default database: nothing to create
    engine = create_engine(url.set(database="postgres", query={}), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}) is not None:
                return False
            quoted = connection.dialect.identifier_preparer.quote(url.database)
            connection.execute(text(f"CREATE DATABASE {quoted}"))
            return True
    finally:
        engine.dispose()


def cmd_migrate(args) -> int:
    from shared.migrate import upgrade

    for name in args.services or list(SERVICES):
        info = SERVICES[name]
        if getattr(args, "create_databases", False) and create_postgres_database(info.database_url()):
            print(f"{name}: database created")
        upgrade(name, info.database_url())
        print(f"{name}: database at head")
    return 0


def cmd_seed_demo(args, zaken_targets: str | None = None, backfill: bool = False) -> int:
    """The demo catalogus, zaak, document and besluit, and with `--history` a year of demo
    history (services/demo_history.py). `zaken_targets`: the notification targets the Zaken
    service will run with (`zgw run`), so the history's notifications are delivered once it
    serves. What was made is backfilled into the Rapportage database in-process with the history,
    or with `backfill` (`zgw run`, which migrated it)."""
    from services.catalogi.app import create_app as create_catalogi
    from services.catalogi.demo import seed_demo

    kernel = kernel_settings().model_copy(update={"demo_enabled": True})
    catalogi = create_catalogi(kernel=kernel)
    try:
        print(seed_demo(catalogi))
        lines = _seed_demo_zaak(catalogi, kernel)
        created = any(line.endswith("created") for line in lines)
        for line in [*lines, *_seed_demo_besluit(catalogi, kernel)]:
            print(line, flush=True)
        if getattr(args, "history", False):
            from services.demo_history import seed_history

            history_kernel = kernel.model_copy(update={"notification_targets": zaken_targets}) if zaken_targets else kernel
            made, lines = seed_history(catalogi, history_kernel, zaken=args.history_zaken, log=lambda line: print(line, flush=True))
            created = created or made > 0
            print("\n".join(lines), flush=True)
        if created and (backfill or getattr(args, "history", False)) and "rapportage" in SERVICES:
            from services.demo_history import backfill_rapportage

            print(backfill_rapportage(catalogi, kernel), flush=True)
    finally:
        catalogi.state.db.dispose()
    return 0


class InProcess(httpx.BaseTransport):
    """A sync httpx transport answering from ASGI apps in this process, each request from the app
    whose API root its path lies under (the Zaken app reads the Catalogi app and the Documenten
    app, which reads them back, while seeding): no server needs to run yet.

    Every request runs on one event loop in a thread of its own, so the apps' worker threads
    (where a request's sync endpoint runs, and from where it calls another app) are reused, not
    a new loop and thread pool per request: what makes the demo history's ~16,000 requests
    affordable. A request runs in the caller's context (`shared.utc.as_of` included)."""

    def __init__(self, *apps):
        self.apps = {app.state.api_root: app for app in apps}
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, name="in-process-apis", daemon=True).start()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        app = next(app for root, app in self.apps.items() if request.url.path.startswith(root + "/"))
        context = contextvars.copy_context()

        async def call() -> httpx.Response:
            for variable, value in context.items():  # this task's own context: the caller's values
                variable.set(value)
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as client:
                response = await client.request(request.method, str(request.url), headers=request.headers, content=request.read())
                return httpx.Response(response.status_code, headers=response.headers, content=await response.aread())

        return asyncio.run_coroutine_threadsafe(call(), self.loop).result()

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)


DEMO_ZAAK = {
    "identificatie": "DEMO-MOR-0001",
    "bronorganisatie": "002220647",
    "verantwoordelijkeOrganisatie": "002220647",
    "omschrijving": "Losliggende stoeptegel Dorpsstraat 1",
    "startdatum": "2024-06-03",
    "registratiedatum": "2024-06-03",
}

DEMO_DOCUMENT = {
    "bronorganisatie": "002220647",
    "creatiedatum": "2024-06-03",
    "titel": "Melding losliggende stoeptegel",
    "auteur": "Melder via het webformulier",
    "taal": "dut",
    "status": "definitief",
    "formaat": "text/plain",
    "bestandsnaam": "melding.txt",
    "ontvangstdatum": "2024-06-03",
    "beschrijving": "De melding zoals de burger hem indiende",
}
DEMO_DOCUMENT_TEXT = (
    "Melding openbare ruimte\n\nLocatie: Dorpsstraat 1\nOmschrijving: een stoeptegel ligt los en "
    "steekt 3 cm uit; er is al iemand over gestruikeld.\nIngediend: 3 juni 2024 08:47\n"
)


def _seed_demo_zaak(catalogi_app, kernel) -> list[str]:
    """A zaak of the demo zaaktype DEMO-MOR with its first status, and the melding as its document
    (a Documenten informatieobject related to it), through the Zaken and Documenten APIs
    themselves, in-process; the URLs are those `make run` serves (Catalogi at port 8001, ...).
    Each part is added when missing, so an older installation gets the document too."""
    from services.documenten.app import create_app as create_documenten
    from services.zaken.app import create_app as create_zaken
    from shared.auth import make_token

    root = {name: SERVICES[name].local_root() for name in ("catalogi", "zaken", "documenten")}
    token = make_token(kernel.demo_client_id, kernel.demo_client_secret, user_id="seed-demo", user_representation="Demo-lader")
    headers = {"Authorization": f"Bearer {token}", "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
    transport = InProcess(catalogi_app)
    zaken_app = create_zaken(kernel=kernel, remote_transport=transport)
    documenten_app = create_documenten(kernel=kernel, remote_transport=transport)
    transport.apps.update({app.state.api_root: app for app in (zaken_app, documenten_app)})

    def client(app) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), headers=headers)

    def created(response: httpx.Response, what: str) -> dict:
        if response.status_code != 201:
            raise RuntimeError(f"demo: creating the {what} failed: {response.status_code} {response.text}")
        return response.json()

    async def run() -> list[str]:
        async with client(zaken_app) as zaken, client(catalogi_app) as catalogi, client(documenten_app) as documenten:
            zaaktypen = (await catalogi.get(f"{root['catalogi']}/zaaktypen", params={"identificatie": "DEMO-MOR"})).json()["results"]
            if not zaaktypen:
                return ["demo zaak: skipped (no published zaaktype DEMO-MOR)"]
            zaaktype = zaaktypen[0]
            lines = []
            found = await zaken.get(f"{root['zaken']}/zaken", params={"identificatie": DEMO_ZAAK["identificatie"]})
            found.raise_for_status()
            if found.json()["count"]:
                zaak = found.json()["results"][0]
                lines.append("demo zaak: already present")
            else:
                zaak = created(await zaken.post(f"{root['zaken']}/zaken", json={**DEMO_ZAAK, "zaaktype": zaaktype["url"]}), "zaak")
                statustypen = (await catalogi.get(f"{root['catalogi']}/statustypen", params={"zaaktype": zaaktype["url"]})).json()
                status = {
                    "zaak": zaak["url"],
                    "statustype": min(statustypen["results"], key=lambda s: s["volgnummer"])["url"],
                    "datumStatusGezet": "2024-06-03T09:00:00Z",
                    "statustoelichting": "Melding ontvangen",
                }
                created(await zaken.post(f"{root['zaken']}/statussen", json=status), "status")
                lines.append(f"demo zaak: {zaak['identificatie']} created")
            related = await zaken.get(f"{root['zaken']}/zaakinformatieobjecten", params={"zaak": zaak["url"]})
            related.raise_for_status()
            if related.json():
                return [*lines, "demo document: already present"]
            document = {
                **DEMO_DOCUMENT,
                "informatieobjecttype": zaaktype["informatieobjecttypen"][0],
                "inhoud": base64.b64encode(DEMO_DOCUMENT_TEXT.encode()).decode(),
            }
            document = created(await documenten.post(f"{root['documenten']}/enkelvoudiginformatieobjecten", json=document), "document")
            relation = {"zaak": zaak["url"], "informatieobject": document["url"], "titel": document["titel"]}
            created(await zaken.post(f"{root['zaken']}/zaakinformatieobjecten", json=relation), "zaakinformatieobject")
            return [*lines, f"demo document: {document['identificatie']} created"]

    try:
        return asyncio.run(run())
    finally:
        transport.close()
        zaken_app.state.catalogi.close()
        documenten_app.state.remote.close()
        zaken_app.state.db.dispose()
        documenten_app.state.db.dispose()


DEMO_BESLUIT = {
    "verantwoordelijkeOrganisatie": "002220647",
    "datum": "2024-06-05",
    "ingangsdatum": "2024-06-05",
    "bestuursorgaan": "College van B&W",
    "toelichting": "De stoeptegel wordt binnen een week hersteld.",
}


def _seed_demo_besluit(catalogi_app, kernel) -> list[str]:
    """The besluit on the demo zaak (of the demo zaaktype's besluittype), through the Besluiten API
    in-process, which mirrors it in the Zaken API as a zaakbesluit; added when missing."""
    from services.besluiten.app import create_app as create_besluiten
    from services.zaken.app import create_app as create_zaken
    from shared.auth import make_token

    root = {name: SERVICES[name].local_root() for name in ("catalogi", "zaken", "besluiten")}
    token = make_token(kernel.demo_client_id, kernel.demo_client_secret, user_id="seed-demo", user_representation="Demo-lader")
    headers = {"Authorization": f"Bearer {token}", "Accept-Crs": "EPSG:4326"}
    transport = InProcess(catalogi_app)
    apps = (create_zaken(kernel=kernel, remote_transport=transport), create_besluiten(kernel=kernel, remote_transport=transport))
    transport.apps.update({app.state.api_root: app for app in apps})
    client = httpx.Client(transport=transport, headers=headers)

    def get(path: str, **params) -> dict:
        response = client.get(path, params=params)
        response.raise_for_status()
        return response.json()

    try:
        zaken = get(f"{root['zaken']}/zaken", identificatie=DEMO_ZAAK["identificatie"])["results"]
        if not zaken:
            return ["demo besluit: skipped (no demo zaak)"]
        zaak = zaken[0]
        if get(f"{root['besluiten']}/besluiten", zaak=zaak["url"])["count"]:
            return ["demo besluit: already present"]
        besluittypen = get(zaak["zaaktype"])["besluittypen"]
        if not besluittypen:
            return ["demo besluit: skipped (the demo zaaktype has no besluittype)"]
        body = {**DEMO_BESLUIT, "besluittype": besluittypen[0], "zaak": zaak["url"]}
        response = client.post(f"{root['besluiten']}/besluiten", json=body)
        if response.status_code != 201:
            raise RuntimeError(f"demo: creating the besluit failed: {response.status_code} {response.text}")
        return [f"demo besluit: {response.json()['identificatie']} created"]
    finally:
        client.close()
        transport.close()
        for app in apps:
            app.state.db.dispose()
        apps[0].state.catalogi.close()
        apps[1].state.remote.close()


WORKER_HEALTHCHECK_SECONDS = 30


def cmd_serve(args) -> int:
    import uvicorn

    info = SERVICES[args.service]
    os.environ.setdefault("ZGW_GC_FREEZE", "true")  # read by each worker's app (shared.app.settle_heap)
    uvicorn.run(
        info.app_factory,
        factory=True,
        host=args.host,
        port=args.port or info.port,
        workers=args.workers,
        proxy_headers=True,
        log_level=args.log_level,
        access_log=not args.no_access_log,
        # with --workers, a worker that does not answer the supervisor's ping in time is killed and
        # replaced; the default 5 s is too short while several services start at once on few cores
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
    )
    return 0


def _banner() -> str:
    from shared.auth import make_token

    kernel = kernel_settings()
    token = make_token(kernel.demo_client_id, kernel.demo_client_secret, user_id="demo", user_representation="Demo gebruiker")
    width = max(len(name) for name in SERVICES) + 1
    lines = [
        "",
        "ZGW services are starting:",
        *[f"  {info.name:<{width}} {info.local_root()}" for info in SERVICES.values()],
        "",
        f"Demo client_id: {kernel.demo_client_id}",
        f"Demo secret:    {kernel.demo_client_secret}",
        "A token (valid for an hour; `zgw token` makes a new one):",
        *[
            " ".join(
                [
                    "  curl",
                    f"-H 'Authorization: Bearer {token}'",
                    *(f"-H '{h}'" for h in info.example_headers),
                    info.local_root() + info.example,
                ]
            )
            for info in SERVICES.values()
            if info.example
        ],
        "The dashboard: http://127.0.0.1:8003/rapportage/",
        "",
    ]
    return "\n".join(lines)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def uses_autorisaties_api() -> list[str]:
    """The services that take the rights of secret-only applicaties from the Autorisaties API."""
    return [name for name, info in SERVICES.items() if info.uses_autorisaties_api]


def _configured_targets(base: dict[str, str]) -> list[dict]:
    """The notification targets configured in `base` (inline or file), as inline JSON entries."""
    from shared.targets import load_targets

    targets_file = base.get("ZGW_NOTIFICATION_TARGETS_FILE")
    configured = load_targets(base.get("ZGW_NOTIFICATION_TARGETS"), Path(targets_file) if targets_file else None)
    return [
        {
            "name": t.name, "type": t.type, "url": t.url, "authorization": t.authorization,
            "clientId": t.client_id, "secret": t.secret, "kanalen": sorted(t.kanalen),
        }
        for t in configured
    ]  # fmt: skip


def _add_targets(environment: dict[str, str], base: dict[str, str], extra: list[dict]) -> None:
    """The configured targets plus `extra` (unless one of that name is configured), all inline."""
    targets = _configured_targets(base)
    names = {t["name"] for t in targets}
    targets.extend(t for t in extra if t["name"] not in names)
    environment.pop("ZGW_NOTIFICATION_TARGETS_FILE", None)  # its targets are all in here now
    environment["ZGW_NOTIFICATION_TARGETS"] = json.dumps({"targets": targets})


def run_environments(base: dict[str, str]) -> dict[str, dict[str, str]]:
    """The environment of each process `zgw run` starts: `base` (the caller's), plus
    - for every service, the others as peers (`_wire_peers`);
    - for the services that use it (`uses_autorisaties_api`), the local Autorisaties API (ZGW_AUTORISATIES_API_URL, unless set: an
      empty value keeps the file alone) and the callback token; for the Autorisaties service,
      webhook targets that bring its `autorisaties` notifications to their callbacks. The token is
      ZGW_AUTORISATIES_CALLBACK_TOKEN, or a random one for this run;
    - for every service whose kanalen another listens to (`listens_to`: the Rapportage service), a
      webhook target that brings those notifications to its callback, whose Authorization value is
      <LISTENER>_CALLBACK_AUTHORIZATION or a random one for this run;
    - each service's `run_defaults` (e.g. RAPPORTAGE_DASHBOARD_OPEN=true, as the demo wants), unless set.
    Configured targets are kept next to these."""
    environments = {name: {**dict(info.run_defaults), **base} for name, info in SERVICES.items()}
    _wire_peers(base, environments)
    _wire_listeners(base, environments)
    _wire_autorisaties(base, environments)
    return environments


def _wire_peers(base: dict[str, str], environments: dict[str, dict[str, str]]) -> None:
    """The services `zgw run` starts are each other's peers (ZGW_PEER_API_URLS, unless set): a URL
    of one that does not answer is an outage (503), not the client's `bad-url`."""
    if "ZGW_PEER_API_URLS" in base:
        return
    for environment in environments.values():
        environment["ZGW_PEER_API_URLS"] = peer_api_urls()


def peer_api_urls() -> str:
    """ZGW_PEER_API_URLS of a deployment of every service on one machine (or one network
    namespace, as in docker-compose.yml): their roots at 127.0.0.1 and at localhost."""
    return ",".join(info.local_root(host) for info in SERVICES.values() for host in ("127.0.0.1", "localhost"))


def _wire_listeners(base: dict[str, str], environments: dict[str, dict[str, str]]) -> None:
    for listener in SERVICES.values():
        if not listener.listens_to:
            continue
        setting = f"{listener.settings_prefix}CALLBACK_AUTHORIZATION"
        authorization = base.get(setting) or f"Bearer {secrets.token_urlsafe(32)}"
        environments[listener.name][setting] = authorization
        for publisher in SERVICES.values():
            kanalen = sorted(set(publisher.kanalen) & set(listener.listens_to))
            if kanalen:
                callback = {
                    "name": listener.name,
                    "type": "webhook",
                    "url": listener.local_root() + "/callbacks",
                    "authorization": authorization,
                    "kanalen": kanalen,
                }
                _add_targets(environments[publisher.name], base, [callback])


def _wire_autorisaties(base: dict[str, str], environments: dict[str, dict[str, str]]) -> None:
    api_url = base.get("ZGW_AUTORISATIES_API_URL")
    if api_url is None and "autorisaties" in SERVICES:
        api_url = SERVICES["autorisaties"].local_root()
    if not api_url:
        return
    token = base.get("ZGW_AUTORISATIES_CALLBACK_TOKEN") or secrets.token_urlsafe(32)
    for name in uses_autorisaties_api():
        if name in environments:
            environments[name]["ZGW_AUTORISATIES_API_URL"] = api_url
            environments[name]["ZGW_AUTORISATIES_CALLBACK_TOKEN"] = token
    if "autorisaties" in environments:
        _add_targets(environments["autorisaties"], base, autorisaties_callbacks(token))


def autorisaties_callbacks(token: str) -> list[dict]:
    """The Autorisaties service's webhook targets: its `autorisaties` notifications to the callback
    of every service that uses it, with `Bearer <token>` (their ZGW_AUTORISATIES_CALLBACK_TOKEN)."""
    from shared.autorisaties import CALLBACK_PATH, KANAAL

    return [
        {
            "name": f"{name}-autorisaties",
            "type": "webhook",
            "url": SERVICES[name].local_root() + CALLBACK_PATH,
            "authorization": f"Bearer {token}",
            "kanalen": [KANAAL],
        }
        for name in uses_autorisaties_api()
    ]


def _wait_ready(names, timeout: float = 30.0) -> None:
    """Until every named service is ready (`GET /readyz`: it answers and reaches its database), or
    the time is up. (Its OpenAPI document, asked for before, is built on first request: a second
    of a worker's time, asked again after every 1 s time-out while the workers were busy.)"""
    deadline = time.monotonic() + timeout
    for name in names:
        wait_until_ok(f"http://127.0.0.1:{SERVICES[name].port}/readyz", deadline)


def wait_until_ok(url: str, deadline: float, attempt_timeout: float = 1.0) -> bool:
    """Ask `GET url` until it answers 200 (True) or `time.monotonic()` passes `deadline` (False)."""
    import httpx

    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=attempt_timeout).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False


def separate_dispatch(environments: dict[str, dict[str, str]]) -> list[str]:
    """`zgw run --separate-dispatch`: the services' processes run no dispatcher
    (ZGW_DISPATCH_IN_PROCESS=false); the names of the services that have notification targets,
    each of which gets a `zgw dispatch <name>` process with the same environment (the targets
    differ per service, so one dispatcher process per service)."""
    names = []
    for name, environment in environments.items():
        environment["ZGW_DISPATCH_IN_PROCESS"] = "false"
        if _configured_targets(environment):
            names.append(name)
    return names


def cmd_run(args) -> int:
    """Migrate, seed and serve every service, each in its own process, until interrupted (Ctrl-C,
    or SIGTERM as from `docker stop` or systemd: the services are stopped with it)."""
    if args.postgres_databases:
        for info in SERVICES.values():  # a database per service; what is configured stays
            os.environ.setdefault(f"{info.settings_prefix}DATABASE_URL", f"{args.postgres_databases}{info.name}")
    cmd_migrate(argparse.Namespace(services=None, create_databases=args.create_databases))
    environments = run_environments(dict(os.environ))
    if args.seed:
        cmd_seed_demo(args, zaken_targets=environments.get("zaken", {}).get("ZGW_NOTIFICATION_TARGETS"), backfill=True)
    signal.signal(signal.SIGTERM, _interrupt)
    dispatched = separate_dispatch(environments) if args.separate_dispatch else []
    serve_options = ["--host", args.host, "--log-level", args.log_level]
    if args.workers:
        serve_options += ["--workers", str(args.workers)]
    if args.no_access_log:
        serve_options.append("--no-access-log")
    processes: list[subprocess.Popen] = []
    try:
        for name in SERVICES:
            processes.append(
                subprocess.Popen([sys.executable, "-m", "services.cli", "serve", name, *serve_options], env=environments[name])
            )
        for name in dispatched:
            processes.append(subprocess.Popen([sys.executable, "-m", "services.cli", "dispatch", name], env=environments[name]))
        _wait_ready(SERVICES)
        print(_banner(), flush=True)
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for p in processes:
            if p.poll() is None:
                p.terminate()
        for p in processes:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
    return 0


def cmd_rapportage(args) -> int:
    from services.rapportage.cli import main as rapportage_main

    return rapportage_main(args.rest)


def cmd_token(args) -> int:
    from shared.auth import make_token

    kernel = kernel_settings()
    print(
        make_token(
            args.client_id or kernel.demo_client_id,
            args.secret or kernel.demo_client_secret,
            user_id=args.user_id,
            user_representation=args.user_representation,
        )
    )
    return 0


def cmd_openapi(args) -> int:
    from importlib import import_module

    from shared.openapi import to_yaml

    for name in args.services or list(SERVICES):
        module, func = SERVICES[name].app_factory.split(":")
        app = getattr(import_module(module), func)()
        target = PROJECT_ROOT / "openapi" / f"{name}.yaml"
        target.write_text(to_yaml(app.openapi()))
        print(f"wrote {target.relative_to(PROJECT_ROOT)}")
    return 0


def cmd_compose(args) -> int:
    from services.compose import write

    target = write()
    print(f"wrote {target.relative_to(PROJECT_ROOT)}")
    return 0


def cmd_makemigrations(args) -> int:
    from alembic import command

    from shared.migrate import alembic_config, upgrade

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'autogen.db'}"
        upgrade(args.service, url)
        versions = PROJECT_ROOT / "migrations" / args.service / "versions"
        number = len(list(versions.glob("*.py"))) + 1
        command.revision(alembic_config(args.service, url), message=args.message, autogenerate=True, rev_id=f"{number:04d}")
    return 0


def _outbox_parts(name: str):
    """(Database, Outbox) of a service, without building its app."""
    from importlib import import_module

    from shared.db import Database

    module, attribute = SERVICES[name].outbox.split(":")
    return Database(SERVICES[name].database_url()), getattr(import_module(module), attribute)


def cmd_dispatch(args) -> int:
    """Run the dispatcher(s) in the foreground: the production way (one or more replicas)."""
    from shared.dispatcher import Dispatcher
    from shared.targets import load_targets

    kernel = kernel_settings()
    targets = load_targets(kernel.notification_targets, kernel.notification_targets_file)
    if not targets:
        print("no notification targets configured (ZGW_NOTIFICATION_TARGETS or ZGW_NOTIFICATION_TARGETS_FILE)", file=sys.stderr)
        return 2
    dispatchers = []
    for name in args.services or list(SERVICES):
        database, outbox = _outbox_parts(name)
        dispatchers.append(Dispatcher(database, outbox, targets, kernel, name=name))

    async def run() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, _stop_all, dispatchers)
        print(f"dispatching {', '.join(d.name for d in dispatchers)} to {', '.join(t.name for t in targets)}", flush=True)
        await asyncio.gather(*(d.run() for d in dispatchers))

    asyncio.run(run())
    return 0


def _stop_all(dispatchers) -> None:
    for dispatcher in dispatchers:
        dispatcher.stop()


def cmd_outbox(args) -> int:
    from shared.dispatcher import DeliveryStore

    kernel = kernel_settings()
    report: dict[str, Any] = {}
    for name in args.services or list(SERVICES):
        database, outbox = _outbox_parts(name)
        store = DeliveryStore(database, outbox, kernel)
        if args.action == "status":
            report[name] = store.status()
        elif args.action == "list":
            report[name] = store.failing(limit=args.limit)
        else:
            report[name] = {"madeDue": store.retry_now(args.target)}
        database.dispose()
    if args.json or args.action != "status":
        print(json.dumps(report, indent=2))
        return 0
    print(f"{'service':<12}{'target':<20}{'pending':>9}{'failing':>9}{'delivered':>11}{'oldest pending':>16}")
    for service, rows in report.items():
        for row in rows or [{"target": "-", "pending": 0, "failing": 0, "delivered": 0, "oldestPendingSeconds": 0}]:
            print(
                f"{service:<12}{row['target']:<20}{row['pending']:>9}{row['failing']:>9}{row['delivered']:>11}"
                f"{row['oldestPendingSeconds']:>15.1f}s"
            )
    return 0


def cmd_sweep_content(args) -> int:
    """The Documenten content no row points at (a process died between a write and its commit),
    older than the grace period, removed from the store the service is configured with."""
    import datetime as dt

    from services.documenten.content import sweep
    from services.documenten.settings import documenten_settings
    from services.documenten.storage import content_store
    from shared.db import Database

    settings = documenten_settings()
    database = Database(settings.database_url)
    try:
        with database.session() as session:
            swept = sweep(session, content_store(settings), dt.timedelta(minutes=args.grace_minutes))
    finally:
        database.dispose()
    print(f"removed {swept.removed} unreferenced, {swept.unfinished} unfinished", flush=True)
    return 0


def _history_options(parser: argparse.ArgumentParser, default: bool) -> None:
    from services.demo_history import ZAKEN

    parser.add_argument(
        "--history", action=argparse.BooleanOptionalAction, default=default,
        help=f"a year of demo history, ~{ZAKEN} zaken through the APIs (idempotent); --no-history: an empty start",
    )  # fmt: skip
    parser.add_argument("--history-zaken", type=int, default=ZAKEN, metavar="N", help=f"zaken in the demo history (default {ZAKEN})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="zgw", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("migrate", help="bring the databases to the newest schema")
    p.add_argument("services", nargs="*")
    p.add_argument("--create-databases", action="store_true", help="CREATE DATABASE a missing PostgreSQL database first")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("seed-demo", help="load the demo catalogus and a demo zaak with its document (idempotent)")
    _history_options(p, default=False)
    p.set_defaults(func=cmd_seed_demo)

    p = sub.add_parser("serve", help="serve one service")
    p.add_argument("service", choices=list(SERVICES))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=None)
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--log-level", default="info")
    p.add_argument("--no-access-log", action="store_true", help="no uvicorn access line per request")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("run", help="migrate, seed the demo and serve every service")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--workers", type=int, default=None, help="uvicorn worker processes per service")
    p.add_argument(
        "--separate-dispatch", action="store_true", help="a `zgw dispatch` process per service with targets, none in the API processes"
    )
    p.add_argument("--no-seed", dest="seed", action="store_false", help="no demo catalogus and zaak (and no rapportage backfill of them)")
    p.add_argument("--create-databases", action="store_true", help="CREATE DATABASE missing PostgreSQL databases first")
    p.add_argument(
        "--postgres-databases",
        metavar="URL_PREFIX",
        help="each service's database is URL_PREFIX<service> (e.g. postgresql://host:5432/bench_), unless <SERVICE>_DATABASE_URL is set",
    )
    p.add_argument("--log-level", default="info")
    p.add_argument("--no-access-log", action="store_true", help="no uvicorn access line per request")
    _history_options(p, default=True)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("token", help="print a ZGW JWT")
    p.add_argument("--client-id")
    p.add_argument("--secret")
    p.add_argument("--user-id", default="demo")
    p.add_argument("--user-representation", default="Demo gebruiker")
    p.set_defaults(func=cmd_token)

    p = sub.add_parser("openapi", help="write openapi/<service>.yaml")
    p.add_argument("services", nargs="*")
    p.set_defaults(func=cmd_openapi)

    p = sub.add_parser("compose", help="write docker-compose.yml from services/registry.py")
    p.set_defaults(func=cmd_compose)

    p = sub.add_parser("makemigrations", help="autogenerate the next alembic revision")
    p.add_argument("service", choices=list(SERVICES))
    p.add_argument("-m", "--message", required=True)
    p.set_defaults(func=cmd_makemigrations)

    p = sub.add_parser("dispatch", help="deliver the outbox to the notification targets")
    p.add_argument("services", nargs="*")
    p.set_defaults(func=cmd_dispatch)

    p = sub.add_parser(
        "rapportage", help="the Rapportage service's maintenance: backfill, rebuild, inbox, check, mijlpalen", add_help=False
    )
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_rapportage)

    p = sub.add_parser("outbox", help="the state of notification delivery")
    p.add_argument("action", choices=["status", "list", "retry"])
    p.add_argument("services", nargs="*")
    p.add_argument("--json", action="store_true", help="machine-readable status")
    p.add_argument("--target", help="retry: only this target")
    p.add_argument("--limit", type=int, default=100, help="list: at most this many")
    p.set_defaults(func=cmd_outbox)

    p = sub.add_parser("sweep-content", help="remove Documenten content no row points at (run it hourly from a scheduler)")
    p.add_argument(
        "--grace-minutes", type=float, default=60, help="only content older than this (a write still running has no row yet); default 60"
    )
    p.set_defaults(func=cmd_sweep_content)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
