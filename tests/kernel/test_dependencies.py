"""Every dependency of every operation is async: FastAPI runs a plain `def` dependency in the thread
pool, a hop per request for what may do no I/O at all (the audit headers' declaration was one:
a tenth of a zaak create's time in FastAPI). Dependencies that do I/O go to the pool themselves."""

import inspect
from importlib import import_module

import pytest

from services.registry import SERVICES
from shared.openapi import api_routes


def is_async(call) -> bool:
    call = inspect.unwrap(call)
    if not (inspect.isfunction(call) or inspect.ismethod(call)):
        call = getattr(call, "__call__", call)  # noqa: B004  (a callable object: its __call__)
    return inspect.iscoroutinefunction(call) or inspect.isasyncgenfunction(call)


def sync_dependencies(dependant) -> set[str]:
    found = set()
    for sub in dependant.dependencies:
        if sub.call is not None and not is_async(sub.call):
            found.add(getattr(sub.call, "__qualname__", repr(sub.call)))
        found |= sync_dependencies(sub)
    return found


@pytest.mark.parametrize("service", list(SERVICES))
def test_no_operation_has_a_sync_dependency(service):
    module, func = SERVICES[service].app_factory.split(":")
    app = getattr(import_module(module), func)()
    routes = list(api_routes(app.routes))
    assert len(routes) > 10  # the walk reaches the included routers
    assert {(route.path, name) for route in routes for name in sync_dependencies(route.dependant)} == set()


@pytest.mark.parametrize("service", list(SERVICES))
def test_every_endpoint_with_a_transaction_commits_in_its_own_thread(service):
    """A request other than GET/HEAD has a session with a transaction: its endpoint commits it
    (`shared.db.commits`), so ending the session is no second hop to the thread pool."""
    from shared.db import get_session

    module, func = SERVICES[service].app_factory.split(":")
    app = getattr(import_module(module), func)()
    missing = {
        (route.path, method)
        for route in api_routes(app.routes)
        for method in route.methods - {"GET", "HEAD"}
        if any(sub.call is get_session for sub in route.dependant.dependencies) and not getattr(route.endpoint, "commits_itself", False)
    }
    assert missing == set()
