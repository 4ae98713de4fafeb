"""Page-number pagination: `{count, next, previous, results}` with absolute URLs."""

import functools
from collections import namedtuple
from dataclasses import dataclass

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


def page_from(value: int | None) -> Page:
    if value is None:
        return Page(1)
    if value < 1:
        raise NotFound("Ongeldige pagina.")
    return Page(value)


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


def fetch_page(session: Session, query: Select, page: Page, count: int | None = None, *, rows: bool = False) -> tuple[int, list]:
    """The exact count and one page: two queries, whatever the page size (`count`: the caller
    knows it another way, e.g. from a maintained count). The page holds the query's first entity,
    or with `rows` its rows as plain named tuples (executed as Core, no ORM loading; for pages only
    read: 100 zaken load in half the time of ORM objects, and a named tuple's field is read ~10x
    faster than a SQLAlchemy Row's attribute)."""
    if count is None:
        count = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    if count <= page.offset:
        return count, []
    paged = query.limit(page.size).offset(page.offset)
    if not rows:
        return count, list(session.scalars(paged))
    return count, fetch_records(session, paged)


def fetch_records(session: Session, query: Select) -> list:
    """The query's rows as plain named tuples, executed as Core (for what is only read)."""
    result = session.connection().execute(query)
    make = _record_type(tuple(result.keys()))._make
    return [make(row) for row in result]


@functools.lru_cache(maxsize=64)
def _record_type(fields: tuple[str, ...]) -> type:
    return namedtuple("Record", fields)
