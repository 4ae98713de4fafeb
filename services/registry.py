"""The services of the project: where each lives, its port and its database setting."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceInfo:
    name: str
    port: int
    api_root: str
    app_factory: str  # "module:function", for uvicorn --factory
    database_url: Callable[[], str]
    outbox: str  # "module:attribute" of the service's Outbox

    def local_root(self, host: str = "127.0.0.1") -> str:
        """The API root as `zgw run` serves it on this machine."""
        return f"http://{host}:{self.port}{self.api_root}"


def _catalogi_db() -> str:
    from services.catalogi.settings import catalogi_settings

    return catalogi_settings().database_url


def _zaken_db() -> str:
    from services.zaken.settings import zaken_settings

    return zaken_settings().database_url


def _rapportage_db() -> str:
    from services.rapportage.settings import rapportage_settings

    return rapportage_settings().database_url


def _autorisaties_db() -> str:
    from services.autorisaties.settings import autorisaties_settings

    return autorisaties_settings().database_url


SERVICES: dict[str, ServiceInfo] = {
    "catalogi": ServiceInfo(
        "catalogi", 8001, "/catalogi/api/v1", "services.catalogi.app:create_app", _catalogi_db, "services.catalogi.db:outbox"
    ),
    "zaken": ServiceInfo("zaken", 8002, "/zaken/api/v1", "services.zaken.app:create_app", _zaken_db, "services.zaken.db:outbox"),
    "rapportage": ServiceInfo(
        "rapportage", 8003, "/rapportage/api/v1", "services.rapportage.app:create_app", _rapportage_db, "services.rapportage.db:outbox"
    ),
    "autorisaties": ServiceInfo(
        "autorisaties",
        8004,
        "/autorisaties/api/v1",
        "services.autorisaties.app:create_app",
        _autorisaties_db,
        "services.autorisaties.db:outbox",
    ),
}
