from functools import lru_cache
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.settings import VAR_DIR, sqlite_url


class DocumentenSettings(BaseSettings):
    """`DOCUMENTEN_*` environment variables."""

    model_config = SettingsConfigDict(env_prefix="DOCUMENTEN_", extra="ignore")

    database_url: str = sqlite_url("documenten")
    # The credentials this service signs its JWT with when it reads another ZGW API (the Catalogi
    # API's informatieobjecttypen, the Zaken API's zaken and zaakinformatieobjecten). Empty: the
    # demo applicatie's (DEMO_CLIENT_ID / DEMO_CLIENT_SECRET).
    client_id: str = ""
    secret: str = ""
    # The APIs this deployment runs beside it (peers: when one is down, a request that needs it is
    # a 503, shared.remote); informatieobjecttype and object URLs may point anywhere.
    catalogi_api_url: str = "http://127.0.0.1:8001/catalogi/api/v1"
    zaken_api_url: str = "http://127.0.0.1:8002/zaken/api/v1"
    # Where the content lives (services/documenten/storage.py): `disk`, a directory (the embedded
    # default), or `s3`, an S3-compatible object storage (production replicas share it).
    storage: Literal["disk", "s3"] = "disk"
    storage_path: str = str(VAR_DIR / "documenten")
    s3_bucket: str = ""
    s3_endpoint_url: str = ""
    s3_region: str = ""
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    s3_prefix: str = ""
    # The size of each bestandsdeel a large upload is split into (`bestandsomvang` without
    # `inhoud`); each part is streamed to a temporary file, then to the store.
    upload_chunk_size: int = 100 * 1024 * 1024
    # The largest JSON body, i.e. a document sent inline as base64 (~3/4 of this in bytes): a JSON
    # body is held in memory whole, so larger files go in bestandsdelen.
    max_body_bytes: int = 20 * 1024 * 1024


@lru_cache
def documenten_settings() -> DocumentenSettings:
    return DocumentenSettings()
