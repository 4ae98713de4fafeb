"""The stores of the Documenten content: a directory, and an S3 bucket on moto's S3 server,
started by the tests on a free port (a local S3-compatible server, as CI has no AWS)."""

import uuid

import pytest

from services.documenten.storage import S3_MIN_PART_SIZE, DiskStore, S3Store
from tests.delivery.conftest import free_port

CREDENTIALS = {"access_key": "test", "secret_key": "test", "region": "us-east-1"}


@pytest.fixture(scope="session")
def s3_server():
    """The endpoint URL of moto's S3 server, for this test session."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def s3_store(endpoint: str, **kwargs) -> S3Store:
    """An S3Store on a bucket of its own (made here), with the smallest part size S3 takes."""
    bucket = f"documenten-{uuid.uuid4().hex[:12]}"
    store = S3Store(bucket, endpoint_url=endpoint, part_size=S3_MIN_PART_SIZE, **CREDENTIALS, **kwargs)
    assert store.create_bucket()
    return store


@pytest.fixture(params=["disk", "s3"])
def store(request, tmp_path):
    """Each test of a store runs against both."""
    if request.param == "disk":
        return DiskStore(tmp_path / "inhoud")
    return s3_store(request.getfixturevalue("s3_server"), prefix="documenten")
