"""Page-number pagination: `{count, next, previous, results}` with absolute URLs."""

import functools
import weakref
from collections import namedtuple
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from shared.errors import NotFound

PAGE_SIZE = 100


@dataclass
class Page:
    number: int
    size: int = PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


# A page whose offset no database integer holds (a signed 64-bit OFFSET) cannot exist: it is past
# the last page, whatever the count, and is refused before a query overflows (a 500 before).
MAX_OFFSET = 2**63 - 1


def page_from(value: int | None, size: int = PAGE_SIZE) -> Page:
    if value is None:
        return Page(1, size)
    if value < 1 or (value - 1) * size > MAX_OFFSET - size:
        raise NotFound("Ongeldige pagina.")
    return Page(value, size)


def _page_url(request: Request, number: int) -> str:
    return str(request.url.include_query_params(page=number))


def envelope(request: Request, *, count: int, page: Page, results: list) -> dict:
    last = max(1, -(-count // page.size))
    if page.number > last:
        raise NotFound("Ongeldige pagina.")
    previous = None
    if page.number > 1:
        previous = str(request.url.remove_query_params("page")) if page.number == 2 else _page_url(request, page.number - 1)
    return {
        "count": count,
        "next": _page_url(request, page.number + 1) if page.number < last else None,
        "previous": previous,
        "results": results,
    }


def fetch_page(session: Session, query: Select, page: Page, counting: Select | None = None, *, rows: bool = False) -> tuple[int, list]:
    """The exact count and one page, in one query whatever the page size (`counting`: a statement
    that counts the query's rows more cheaply, e.g. from a maintained count). The page holds the
    query's first entity, or with `rows` its rows as plain named tuples (executed as Core, no ORM
    loading; for pages only read: 100 zaken load in half the time of ORM objects, and a named
    tuple's field is read ~10x faster than a SQLAlchemy Row's attribute)."""
    shape, values = values_of(query)
    counted, counting = derived(shape, ("page", page.size, page.offset, counting), lambda q: _counted_page(q, page, counting))
    parameters = values or None
    if rows:
        result = session.connection().execute(counted, parameters)
        make = _record_maker(tuple(result.keys())[:-1])
        found = result.all()
        page_rows = [make(row[:-1]) for row in found]
    else:
        found = session.execute(counted, parameters).all()
        page_rows = [row[0] for row in found]
    if found:
        return found[0][-1], page_rows
    # no row: an empty list (page 1) or a page past the last, whose count tells how far it is
    return (0 if page.offset == 0 else session.scalar(counting, parameters) or 0), []


def _counted_page(query: Select, page: Page, counting: Select | None) -> tuple[Select, Select]:
    """The page of `query` with its count as the last column, and the count's statement."""
    paged = query.limit(page.size).offset(page.offset)
    counting = _count_of(query) if counting is None else counting
    # the count as the page's last column: an uncorrelated subquery, evaluated once by the
    # database, so the page and its count are one round trip (each statement costs ~1 ms of this
    # process's time in SQLAlchemy and psycopg, more than the database's work on a filtered list)
    return paged.add_columns(counting.scalar_subquery().label("count_of_all")), counting


# statement -> {key: what was built from it}; an entry lives as long as its statement
_DERIVED: "weakref.WeakKeyDictionary[Any, dict]" = weakref.WeakKeyDictionary()
_DERIVED_PER_STATEMENT = 64


def derived(statement: Any, key: Hashable, build: Callable[[Any], Any]) -> Any:
    """`build(statement)`, once per statement object and `key` (a statement is immutable). A
    statement built once (a list's for a shape of the request) then yields the same derived
    statements every request: no building, and SQLAlchemy's cache key is memoized on the object
    (building and keying a page statement of the zaken cost ~0.4 ms of every list request). A
    statement built per request takes its derived ones along when it goes. `key` must hold every
    input of `build` but the statement; at most `_DERIVED_PER_STATEMENT` keys per statement (a
    long-lived statement asked for many pages forgets the older ones)."""
    built = _DERIVED.get(statement)
    if built is None:
        built = _DERIVED[statement] = {}
    return kept(built, key, _DERIVED_PER_STATEMENT, lambda: build(statement))


# a request's statement -> (the statement kept for its shape, the request's values of its parameters)
_BOUND: "weakref.WeakKeyDictionary[Any, tuple[Any, dict]]" = weakref.WeakKeyDictionary()


def with_values(shape: Any, values: dict) -> Any:
    """`shape`, a statement kept for a shape of the request whose values are parameters without a
    value (`bindparam(name, required=True)`), for one request's `values`: a copy of its own that
    `values_of` gives back, so `derived` and `fetch_page` use the kept statements and execute
    them with these values. A statement made from the copy (`.where(...)`) is not bound: run
    without its values, it fails (a required parameter), it never runs with another request's."""
    if not values:
        return shape
    statement = shape.execution_options()  # a new object, the same statement
    _BOUND[statement] = (shape, values)
    return statement


def values_of(statement: Any) -> tuple[Any, dict]:
    """(the kept statement, the values of its parameters) of `with_values`' statement; any other
    statement is its own shape, without values."""
    return _BOUND.get(statement) or (statement, {})


def derived_with_values(statement: Any, key: Hashable, build: Callable[[Any], Any]) -> Any:
    """`derived` of the statement's shape, with the statement's values (`with_values`)."""
    shape, values = values_of(statement)
    return with_values(derived(shape, key, build), values)


def kept(cache: dict, key: Hashable, limit: int, make: Callable[[], Any]) -> Any:
    """`cache[key]`, made by `make()` when missing; a cache of `limit` entries starts afresh (for
    keys a client chooses, or too many to keep)."""
    found = cache.get(key)
    if found is None:
        if len(cache) >= limit:
            cache.clear()
        found = cache[key] = make()
    return found


def _count_of(query: Select) -> Select:
    return select(func.count()).select_from(query.order_by(None).subquery())


def fetch_records(session: Session, query: Select, parameters: dict | None = None) -> list:
    """The query's rows as plain named tuples, executed as Core (for what is only read)."""
    result = session.connection().execute(query, parameters)
    make = _record_maker(tuple(result.keys()))
    return [make(row) for row in result]


@functools.lru_cache(maxsize=64)
def _record_maker(fields: tuple[str, ...]) -> Callable[[Iterable[Any]], tuple]:
    """Makes a named tuple of `fields` from a row."""
    record: Any = namedtuple("Record", fields)  # type: ignore[misc]  # its fields are known at run time only
    return record._make
