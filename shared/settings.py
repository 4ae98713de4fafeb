"""Settings shared by every service (environment variables, documented in the README)."""

from functools import lru_cache
from pathlib import Path
from typing import Literal, TypedDict

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"

DEFAULT_DEMO_CLIENT_ID = "demo"
DEFAULT_DEMO_CLIENT_SECRET = "demo-secret"


class KernelSettings(BaseSettings):
    """`ZGW_*` variables plus the demo credentials, read once per process."""

    model_config = SettingsConfigDict(env_prefix="ZGW_", extra="ignore")

    environment: str = "development"
    # Applicaties (client_ids, secret, autorisaties); see README "Autorisaties".
    autorisaties_file: Path | None = None
    # An Autorisaties API (shared.autorisaties): when set, what an applicatie may do comes from
    # `GET {url}/applicaties/consumer?clientId=`; secrets stay in the file. Unset: the file alone.
    autorisaties_api_url: str | None = None
    # The credentials this service signs its JWT with towards that API (empty: the demo's).
    autorisaties_api_client_id: str = ""
    autorisaties_api_secret: str = ""
    # How long a looked-up applicatie is used before it is asked again (the `autorisaties`
    # notification empties the cache earlier).
    autorisaties_cache_seconds: float = 5.0
    # The Authorization header value `POST {api root}/callbacks/autorisaties` requires, e.g. the
    # `auth` of the abonnement at the Notificaties API; empty: a ZGW JWT of a known client.
    autorisaties_callback_token: str = ""
    jwt_max_age: int = 3600
    jwt_leeway: int = 5
    max_body_bytes: int = 2 * 1024 * 1024
    # `text`: logging as uvicorn does it; `json`: one JSON object per line, a request line each
    # (shared.logging, shared.observability)
    log_format: Literal["text", "json"] = "text"
    # Freeze the startup heap out of the cyclic garbage collector (shared.app.settle_heap); `zgw
    # serve` turns it on.
    gc_freeze: bool = False
    # seconds `GET /readyz` waits for `SELECT 1` on the service's database
    readiness_timeout: float = 2.0
    remote_timeout: float = 5.0
    # The API roots (comma-separated) this deployment runs beside the service, e.g. those `zgw run`
    # starts: a URL under one that does not answer is our outage (503); any other URL a client
    # gives that cannot be fetched is a 400 `bad-url`. A service adds the APIs it is configured
    # with itself (Zaken its Catalogi API, Catalogi its Referentielijsten API).
    peer_api_urls: str = ""
    remote_cache_seconds: int = 300

    # Notification delivery (shared.dispatcher); targets in shared.targets.
    notification_targets: str | None = None
    notification_targets_file: Path | None = None
    dispatch_in_process: bool = True
    dispatch_batch_size: int = 200
    dispatch_concurrency: int = 32
    dispatch_poll_seconds: float = 0.25
    dispatch_timeout: float = 10.0
    # POST with the dispatcher's lean HTTP/1.1 client (off: httpx for everything; a configured
    # HTTP(S)_PROXY selects httpx anyway)
    dispatch_fast_http: bool = True
    dispatch_lease_seconds: float = 60.0
    dispatch_backoff_base: float = 1.0
    dispatch_backoff_cap: float = 600.0
    dispatch_retention_days: float = 7.0

    demo_client_id: str = Field(DEFAULT_DEMO_CLIENT_ID, validation_alias="DEMO_CLIENT_ID")
    demo_client_secret: str = Field(DEFAULT_DEMO_CLIENT_SECRET, validation_alias="DEMO_CLIENT_SECRET")
    # The demo applicatie (all rights) exists only where this is on; `make run` switches it on.
    demo_enabled: bool = False

    @property
    def peer_api_roots(self) -> list[str]:
        return [root.strip() for root in self.peer_api_urls.split(",") if root.strip()]

    @model_validator(mode="after")
    def _no_default_secret_in_production(self) -> "KernelSettings":
        if self.environment == "production" and self.demo_enabled and self.demo_client_secret == DEFAULT_DEMO_CLIENT_SECRET:
            raise ValueError("refusing the default DEMO_CLIENT_SECRET in production")
        return self


class Credentials(TypedDict):
    client_id: str
    secret: str


class PeerClientSettings(BaseSettings):
    """The client a service calls the other ZGW APIs as (the registry's `calls_peers`):
    `<PREFIX>CLIENT_ID` and `<PREFIX>SECRET` of the service's own settings. Empty: the demo
    applicatie's (DEMO_CLIENT_ID / DEMO_CLIENT_SECRET)."""

    client_id: str = ""
    secret: str = ""

    def credentials(self, kernel: KernelSettings) -> Credentials:
        """`client_id` and `secret` to sign its JWT with."""
        return {"client_id": self.client_id or kernel.demo_client_id, "secret": self.secret or kernel.demo_client_secret}


@lru_cache
def kernel_settings() -> KernelSettings:
    return KernelSettings()


def sqlite_url(name: str) -> str:
    return f"sqlite:///{VAR_DIR / (name + '.db')}"
