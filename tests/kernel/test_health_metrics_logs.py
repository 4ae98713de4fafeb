"""/healthz, /readyz, the request metrics on /metrics, X-Request-ID and the JSON request log line."""

import gc
import json
import logging
from typing import Annotated

import pytest
from fastapi import APIRouter, Depends
from fastapi.testclient import TestClient

from shared.app import SERVING_GC_THRESHOLDS
from shared.auth import Principal, require_scopes
from shared.db import Database
from shared.http import json_response
from shared.logging import JsonFormatter
from tests.conftest import auth_header, kernel_test_app

API_ROOT = "/obs/api/v1"
router = APIRouter()
Reader = Annotated[Principal, Depends(require_scopes("zrc", "zaken.lezen"))]


@router.get("/dingen/{uuid}", operation_id="ding_read")
def ding_read(uuid: str, principal: Reader):
    return json_response({"uuid": uuid})


@router.get("/open", operation_id="open_read")
def open_read():
    return json_response({})


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    saved = (list(root.handlers), root.level, logging.getLogger("uvicorn.access").disabled)
    yield
    root.handlers, root.level = saved[0], saved[1]
    logging.getLogger("uvicorn.access").disabled = saved[2]


def make_client(tmp_path, kernel, url=None, **settings):
    database = Database(url or f"sqlite:///{tmp_path / 'obs.db'}")
    app = kernel_test_app(database, router, kernel.model_copy(update=settings), "Obs", API_ROOT)
    return TestClient(app)


def test_healthz_without_database(tmp_path, kernel):
    client = make_client(tmp_path, kernel, url=f"sqlite:///{tmp_path / 'absent' / 'x.db'}")
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readyz_ok(tmp_path, kernel):
    response = make_client(tmp_path, kernel).get("/readyz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.parametrize("url", ["sqlite:///{tmp}/absent/x.db", "postgresql://nobody@127.0.0.1:1/x"])
def test_readyz_unavailable(tmp_path, kernel, url):
    client = make_client(tmp_path, kernel, url=url.format(tmp=tmp_path))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "service_unavailable"


def test_health_not_in_contract(tmp_path, kernel):
    paths = make_client(tmp_path, kernel).get(f"{API_ROOT}/openapi.json").json()["paths"]
    assert not any(p.endswith(("healthz", "readyz", "metrics")) for p in paths)


def test_request_metrics(tmp_path, kernel):
    client = make_client(tmp_path, kernel)
    for _ in range(2):
        assert client.get(f"{API_ROOT}/dingen/abc", headers=auth_header()).status_code == 200
    assert client.get(f"{API_ROOT}/dingen/abc").status_code in (401, 403)  # no token
    assert client.get("/bestaat-niet").status_code == 404
    text = client.get("/metrics").text
    labels = f'method="GET",route="{API_ROOT}/dingen/{{uuid}}",status="2xx"'
    assert "# TYPE zgw_http_request_duration_seconds histogram" in text
    assert f"zgw_http_request_duration_seconds_count{{{labels}}} 2" in text
    assert f'zgw_http_request_duration_seconds_bucket{{{labels},le="+Inf"}} 2' in text
    assert f'zgw_http_request_duration_seconds_bucket{{{labels},le="0.005"}}' in text
    assert f"zgw_http_requests_total{{{labels}}} 2" in text
    assert f'zgw_http_requests_total{{method="GET",route="{API_ROOT}/dingen/{{uuid}}",status="4xx"}} 1' in text
    assert 'zgw_http_requests_total{method="GET",route="unmatched",status="4xx"} 1' in text
    # the bucket counts never decrease
    buckets = [
        int(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(f"zgw_http_request_duration_seconds_bucket{{{labels}")
    ]
    assert buckets == sorted(buckets) and len(buckets) == 15


def test_request_id_echoed_or_generated(tmp_path, kernel):
    client = make_client(tmp_path, kernel)
    assert client.get(f"{API_ROOT}/open", headers={"X-Request-ID": "abc-123.4"}).headers["X-Request-ID"] == "abc-123.4"
    generated = client.get(f"{API_ROOT}/open", headers={"X-Request-ID": "no spaces <script>"}).headers["X-Request-ID"]
    assert generated != "no spaces <script>" and len(generated) == 32
    other = client.get("/bestaat-niet").headers["X-Request-ID"]
    assert len(other) == 32 and other != generated
    # also on the guards' own answers
    response = client.post(f"{API_ROOT}/open", content=b"x", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415 and response.headers["X-Request-ID"]


def test_text_format_logs_no_request_line(tmp_path, kernel, caplog):
    caplog.set_level(logging.INFO, logger="zgw.request")
    make_client(tmp_path, kernel).get(f"{API_ROOT}/open")
    assert not [r for r in caplog.records if r.name == "zgw.request"]


def test_json_request_log_line(tmp_path, kernel, caplog, restore_logging):
    client = make_client(tmp_path, kernel, log_format="json")
    caplog.set_level(logging.INFO, logger="zgw.request")
    response = client.get(f"{API_ROOT}/dingen/abc", headers={**auth_header(), "X-Request-ID": "req-1"})
    assert response.status_code == 200
    (record,) = [r for r in caplog.records if r.name == "zgw.request"]
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "INFO" and line["time"] and line["msg"] == f"GET {API_ROOT}/dingen/abc 200"
    assert line["method"] == "GET" and line["path"] == f"{API_ROOT}/dingen/abc" and line["status"] == 200
    assert line["request_id"] == "req-1" and line["client_id"] == "alles"
    assert isinstance(line["duration_ms"], float)
    # the root logger now writes JSON
    assert any(isinstance(h.formatter, JsonFormatter) for h in logging.getLogger().handlers)

    caplog.clear()
    client.get(f"{API_ROOT}/open")
    (record,) = [r for r in caplog.records if r.name == "zgw.request"]
    assert record.client_id is None and len(record.request_id) == 32


@pytest.fixture
def restore_gc():
    saved = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*saved)


@pytest.mark.parametrize("gc_freeze", [True, False])
def test_a_served_process_freezes_its_start_up_heap(tmp_path, kernel, restore_gc, gc_freeze):
    gc.unfreeze()
    with make_client(tmp_path, kernel, gc_freeze=gc_freeze):  # start-up runs
        assert (gc.get_freeze_count() > 0) is gc_freeze
        assert (gc.get_threshold() == SERVING_GC_THRESHOLDS) is gc_freeze
