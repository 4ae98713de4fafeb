"""A query-parameter model read by the kernel (`shared.query.query_model`) answers and is documented
exactly as FastAPI's own `Annotated[Model, Query()]`: the same values, the same 400s, the same
parameters in the contract."""

import datetime as dt
from typing import Annotated, Literal

import pytest
from fastapi import FastAPI, Query
from fastapi.testclient import TestClient
from pydantic import Field

from shared.api_model import ApiModel
from shared.errors import install_error_handlers
from shared.openapi import build_openapi
from shared.query import query_model


class Filters(ApiModel):
    naam: str | None = None
    actief: bool | None = None
    aantal: int | None = Field(None, ge=1, description="Ten minste 1.")
    soort: Literal["a", "b"] | None = None
    datum_gt: dt.date | None = Field(None, alias="datum__gt")
    labels: list[str] = []


def both_ways() -> FastAPI:
    """The same operations twice: /api/fastapi/... reads the model as FastAPI does, /api/kernel/... as
    the kernel does."""
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/api/fastapi/{uuid}", operation_id="fastapi_detail")
    def fastapi_detail(uuid: str, filters: Annotated[Filters, Query()], page: int | None = None):
        return {"filters": filters.model_dump(mode="json", by_alias=True), "page": page}

    @app.get("/api/kernel/{uuid}", operation_id="kernel_detail")
    def kernel_detail(uuid: str, filters: query_model(Filters), page: int | None = None):
        return {"filters": filters.model_dump(mode="json", by_alias=True), "page": page}

    @app.get("/api/fastapi", operation_id="fastapi_list")
    def fastapi_list(filters: Annotated[Filters, Query()]):
        return filters.model_dump(mode="json", by_alias=True)

    @app.get("/api/kernel", operation_id="kernel_list")
    def kernel_list(filters: query_model(Filters)):
        return filters.model_dump(mode="json", by_alias=True)

    return app


QUERIES = [
    "",
    "naam=x",
    "naam=x&naam=y",
    "naam=",
    "actief=true&aantal=3&soort=b&datum__gt=2026-12-01",
    "labels=a&labels=b",
    "labels=a",
    "onbekend=1",
    "actief=nee",
    "aantal=0",
    "aantal=abc&soort=c",
    "datum__gt=2026-13-01",
    "naam=%00",
    "page=2&naam=x",
]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("path", ["/api/{way}/1", "/api/{way}"])
def test_the_kernel_reads_a_query_model_as_fastapi_does(query, path):
    client = TestClient(both_ways())
    fastapi = client.get(f"{path.format(way='fastapi')}?{query}")
    kernel = client.get(f"{path.format(way='kernel')}?{query}")
    assert (kernel.status_code, kernel.headers["content-type"]) == (fastapi.status_code, fastapi.headers["content-type"])
    expected, body = fastapi.json(), kernel.json()
    if fastapi.status_code == 400:
        assert body["invalidParams"] and body["invalidParams"] == expected["invalidParams"]
    else:
        assert fastapi.status_code == 200
        assert body == expected


def test_the_contract_documents_a_query_model_as_fastapi_does():
    spec = build_openapi(both_ways(), title="t", version="1", description="", api_root="/api", tags=[])
    for fastapi, kernel in (("/fastapi/{uuid}", "/kernel/{uuid}"), ("/fastapi", "/kernel")):
        documented, read = spec["paths"][fastapi]["get"], spec["paths"][kernel]["get"]
        assert list(read) == list(documented)  # the same keys in the same order
        assert read["parameters"] == documented["parameters"]
    names = [p["name"] for p in spec["paths"]["/kernel/{uuid}"]["get"]["parameters"]]
    assert names == ["uuid", "naam", "actief", "aantal", "soort", "datum__gt", "labels", "page"]


def test_the_models_errors_come_before_the_operations_other_parameters():
    """The one difference: the model is read as a dependency, before the operation's own parameters
    (`page`), so a request wrong in both hears of the model's fields first (FastAPI: of both)."""
    client = TestClient(both_ways())
    fastapi = client.get("/api/fastapi/1?page=x&aantal=0").json()["invalidParams"]
    kernel = client.get("/api/kernel/1?page=x&aantal=0").json()["invalidParams"]
    assert [p["name"] for p in fastapi] == ["aantal", "page"]
    assert kernel == fastapi[:1]
    assert client.get("/api/kernel/1?page=x").json()["invalidParams"] == [p for p in fastapi if p["name"] == "page"]
