"""Every dependency of every operation is async: FastAPI runs a plain `def` dependency in the thread
pool, a hop per request for what may do no I/O at all (the audit headers' declaration was one:
a tenth of a zaak create's time in FastAPI). Dependencies that do I/O go to the pool themselves."""

import ast
import inspect
from importlib import import_module
from pathlib import Path

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
    """A request other than GET/HEAD has a session with a transaction: its endpoint is given it
    and commits it itself (`shared.db.commits`), never by `SessionDep`, whose end would be a
    second hop to the thread pool."""
    from shared.db import get_session

    module, func = SERVICES[service].app_factory.split(":")
    app = getattr(import_module(module), func)()
    missing = {
        (route.path, method)
        for route in api_routes(app.routes)
        for method in route.methods - {"GET", "HEAD"}
        if any(sub.call is get_session for sub in route.dependant.dependencies)
    }
    assert missing == set()


# ---------------------------------------------------------------- architecture

SERVICES_DIR = Path(__file__).resolve().parents[2] / "services"
_IMPORTERS = {"import_module", "__import__"}


def _dynamic_imports(path: Path) -> list[str]:
    """The module names (as source) that `path` imports by a call: importlib.import_module, __import__."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call) and node.args:
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in _IMPORTERS:
                found.append(ast.unparse(node.args[0]))
    return found


def test_no_service_finds_its_routers_by_importing_names():
    """Routers are imported where a service lists its resources, never found by a module name
    built at run time (a resource missing from the list would fail silently)."""
    offenders = {
        str(path.relative_to(SERVICES_DIR)): names
        for path in SERVICES_DIR.rglob("*.py")
        if (names := [name for name in _dynamic_imports(path) if "router" in name.lower()])
    }
    assert offenders == {}
    zaken = [path for path in (SERVICES_DIR / "zaken").rglob("*.py") if "importlib" in path.read_text()]
    assert zaken == []


def assert_served_from(app, resources) -> None:
    """The app serves the operations of every resource's router, and one tag a resource tag."""
    served = {route.endpoint for route in api_routes(app.routes)}
    assert {route.endpoint for resource in resources for route in resource.router.routes} <= served
    assert {tag["name"] for tag in app.openapi()["tags"]} == {resource.spec.tag for resource in resources}


def test_the_zaken_resource_list_is_the_one_source():
    """Every resource package of services/zaken is in services/zaken/resources.py, and routing,
    tags, tables, expand and the mirrored relations all come from that list."""
    from services.zaken import app as zaken_app
    from services.zaken import expand, models
    from services.zaken.resources import RESOURCES

    packages = {path.parent.name for path in (SERVICES_DIR / "zaken").glob("*/__init__.py")}
    assert {resource.name for resource in RESOURCES} == packages
    for name in packages:
        assert import_module(f"services.zaken.{name}.router").RESOURCE in RESOURCES, name
    assert_served_from(zaken_app.create_app(), RESOURCES)
    assert set(models.MODELS) == {resource.service.model for resource in RESOURCES}
    assert set(expand.local_resources().values()) == set(RESOURCES)
    mirrored = {resource.mirror.mirror_collection for resource in RESOURCES if resource.mirror is not None}
    assert mirrored == {"objectinformatieobjecten", "objectcontactmomenten", "objectverzoeken"}


def test_the_catalogi_resource_list_is_the_one_source():
    """Every resource package of services/catalogi is in services/catalogi/resources.py, and
    routing and tags come from that list."""
    from services.catalogi import app as catalogi_app
    from services.catalogi.resources import RESOURCES

    packages = {path.parent.name for path in (SERVICES_DIR / "catalogi").glob("*/router.py")}
    assert {resource.__name__.split(".")[-2] for resource in RESOURCES} == packages
    assert_served_from(catalogi_app.create_app(), RESOURCES)
