"""Query-parameter models (a list's filters, a detail's parameters), read by the kernel.

FastAPI reads a model of query parameters (`Annotated[Model, Query()]`) field by field on every
request, asking each field's annotation anew what kind of value it takes: ~10 µs a field, ~470 µs
for the 44 filters of `zaak_list`, where validating the query string as one dict takes ~5 µs. An
operation declares `filters: query_model(Model)` instead: a dependency that validates the query
string with the model in one call, with the same errors (`loc` `("query", <name>)`, so the same
`ValidatieFout`). The contract documents the model's parameters as FastAPI documents
`Annotated[Model, Query()]` (`query_parameters`), first among the operation's query parameters
(`shared.openapi.build_openapi`).
"""

import functools
import inspect
import json
import types
import typing
from typing import Annotated, Any, get_args, get_origin

from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError

_SEQUENCES = (list, set, frozenset, tuple)


def _takes_many(annotation) -> bool:
    """Whether a field takes a repeated parameter (`?x=1&x=2`) as its list, as FastAPI reads it."""
    if get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_takes_many(arg) for arg in get_args(annotation))
    return annotation in _SEQUENCES or get_origin(annotation) in _SEQUENCES


class QueryReader:
    """The dependency behind `query_model`: the query string, validated by `model` in one call."""

    def __init__(self, model: type[BaseModel]):
        self.model = model
        self.repeated = frozenset(info.alias or name for name, info in model.model_fields.items() if _takes_many(info.annotation))

    # async: FastAPI runs a plain `def` dependency in the thread pool (tests/kernel/test_dependencies.py)
    async def __call__(self, request: Request) -> BaseModel:
        query = request.query_params
        values: dict[str, Any] = dict(query)  # a parameter given twice: its last value, as FastAPI reads one
        for name in self.repeated.intersection(values):
            values[name] = query.getlist(name)
        try:
            return self.model.model_validate(values)
        except ValidationError as exc:
            raise RequestValidationError([{**error, "loc": ("query", *error["loc"])} for error in exc.errors(include_url=False)]) from None


@functools.cache
def query_model(model: type[BaseModel]) -> Any:
    """The annotation of an operation's parameter that takes `model` from the query string."""
    return Annotated[model, Depends(QueryReader(model))]


def query_models(dependant) -> list[type[BaseModel]]:
    """The query models an operation's dependencies read (a FastAPI `Dependant`), in order."""
    found = []
    for sub in dependant.dependencies:
        if isinstance(sub.call, QueryReader):
            found.append(sub.call.model)
        found.extend(query_models(sub))
    return found


@functools.cache
def query_parameters(model: type[BaseModel]) -> list[dict]:
    """The OpenAPI parameters of `model` as FastAPI documents `Annotated[model, Query()]`: asked of
    FastAPI itself, for an operation that has nothing else."""

    async def operation(): ...

    operation.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("params", inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[model, Query()])]
    )
    spec = get_openapi(title=model.__name__, version="", routes=[APIRoute("/", operation, methods=["GET"])])
    parameters = spec["paths"]["/"]["get"].get("parameters", [])
    if "$ref" in json.dumps(parameters):
        # the operation's own document would name the schema; this one does not hold it
        raise TypeError(f"{model.__name__}: a query parameter's schema must be inline, not a $ref")
    return parameters
