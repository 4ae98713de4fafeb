"""The services of the project: the one place a service is added.

A service is its package `services/<name>/` plus an entry here. By convention the package has
`app.py` with `create_app()` (the uvicorn factory), `db.py` with `outbox`, `settings.py` with
`<name>_settings()` whose `database_url` is the service's database, and its migrations in
`migrations/<name>/`. `zgw run`, `serve`, `migrate`, `dispatch`, `openapi`, the banner, the
wiring between the services (peers, the Autorisaties API, notification callbacks), `make
serve-postgres`, `make conformance`, docker-compose.yml (`zgw compose`) and the tests' fixtures
all read this registry.
"""

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class ServiceInfo:
    name: str
    port: int
    api_root: str
    # the component as the Autorisaties API names it (ztc, zrc, ac, ...); None: not a ZGW component
    component: str | None = None
    # the kanalen its notifications go out on
    kanalen: tuple[str, ...] = ()
    # `zgw run`: takes the rights of secret-only applicaties from the Autorisaties API it starts
    uses_autorisaties_api: bool = False
    # `zgw run`: the kanalen delivered to its `<api_root>/callbacks` (the Rapportage service)
    listens_to: tuple[str, ...] = ()
    # it calls the other APIs with a client of its own, `<NAME>_CLIENT_ID`/`<NAME>_SECRET` (its
    # settings' client_id and secret); docker-compose.yml takes them from the environment
    calls_peers: bool = False
    # the setting (less the prefix) naming a directory it keeps data in beside its database (a
    # document store); docker-compose.yml mounts a volume of its own there
    data_dir_setting: str = ""
    # the settings `zgw run` gives it unless they are set
    run_defaults: tuple[tuple[str, str], ...] = ()
    # the banner's example request: a path under api_root and the headers it needs
    example: str = ""
    example_headers: tuple[str, ...] = ()

    @property
    def app_factory(self) -> str:
        """ "module:function", for uvicorn --factory."""
        return f"services.{self.name}.app:create_app"

    @property
    def outbox(self) -> str:
        """ "module:attribute" of the service's Outbox."""
        return f"services.{self.name}.db:outbox"

    @property
    def settings_prefix(self) -> str:
        """The prefix of its environment variables (README "Configuration")."""
        return f"{self.name.upper()}_"

    def database_url(self) -> str:
        settings = getattr(import_module(f"services.{self.name}.settings"), f"{self.name}_settings")
        return settings().database_url

    def local_root(self, host: str = "127.0.0.1") -> str:
        """The API root as `zgw run` serves it on this machine."""
        return f"http://{host}:{self.port}{self.api_root}"


SERVICES: dict[str, ServiceInfo] = {
    info.name: info
    for info in (
        ServiceInfo(
            "catalogi",
            8001,
            "/catalogi/api/v1",
            component="ztc",
            kanalen=("zaaktypen", "besluittypen", "informatieobjecttypen"),
            uses_autorisaties_api=True,
            example="/zaaktypen",
        ),
        ServiceInfo(
            "zaken",
            8002,
            "/zaken/api/v1",
            component="zrc",
            kanalen=("zaken",),
            uses_autorisaties_api=True,
            calls_peers=True,
            example="/zaken",
            example_headers=("Accept-Crs: EPSG:4326",),
        ),
        ServiceInfo(
            "documenten",
            8005,
            "/documenten/api/v1",
            component="drc",
            kanalen=("documenten",),
            uses_autorisaties_api=True,
            calls_peers=True,
            data_dir_setting="STORAGE_PATH",
            example="/enkelvoudiginformatieobjecten",
        ),
        ServiceInfo(
            "besluiten",
            8006,
            "/besluiten/api/v1",
            component="brc",
            kanalen=("besluiten",),
            uses_autorisaties_api=True,
            calls_peers=True,
            example="/besluiten",
        ),
        ServiceInfo(
            "rapportage",
            8003,
            "/rapportage/api/v1",
            listens_to=("zaken",),
            calls_peers=True,
            run_defaults=(("RAPPORTAGE_DASHBOARD_OPEN", "true"),),
            example="/kerncijfers",
        ),
        ServiceInfo("autorisaties", 8004, "/autorisaties/api/v1", component="ac", kanalen=("autorisaties",), example="/applicaties"),
    )
}

# The prefixes of the environment variables that configure the services: the kernel's and each
# service's own.
SETTING_PREFIXES = ("ZGW_", "DEMO_", *(info.settings_prefix for info in SERVICES.values()))


def without_service_settings(environment) -> dict[str, str]:
    """`environment` less every variable that configures a service: what a run that configures
    the services itself (the tests, `make conformance`) starts from."""
    return {name: value for name, value in environment.items() if not name.startswith(SETTING_PREFIXES)}
