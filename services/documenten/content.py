"""The content of informatieobjecten in the store (services/documenten/storage.py): keys, base64
bodies decoded as they stream, removal after the commit that drops the rows, and the sweep.

A row never points at content that was not stored: the content is written first, then the row.
Content written by a transaction that rolls back is removed at the rollback; content whose rows a
transaction drops is removed when it commits. What a crash between a write and its commit leaves
(no row points at it) `sweep` removes once it is older than a grace period: `zgw sweep-content`,
run by the deployer's scheduler (README, "Documenten content")."""

import base64
import binascii
import datetime as dt
import logging
import re
import uuid
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from sqlalchemy import event, select
from sqlalchemy.orm import Session, SessionTransaction

from services.documenten.enkelvoudiginformatieobject.models import BestandsDeel, InformatieObjectVersie
from services.documenten.storage import CHUNK_SIZE, ContentStore
from shared import utc
from shared.errors import ValidationProblem
from shared.resources import Context

INHOUD = "inhoud/"
DELEN = "delen/"
# base64 text decoded at a time: a multiple of 4 characters (3 bytes each)
_BASE64_CHUNK = 4 * 256 * 1024
_WHITESPACE = re.compile(r"\s")
# keys the sweep looks up in one query (an IN list)
SWEEP_BATCH = 5000

log = logging.getLogger(__name__)


def store(ctx: Context) -> ContentStore:
    return ctx.request.app.state.store


def new_key(prefix: str = INHOUD) -> str:
    return f"{prefix}{uuid.uuid4().hex}"


def base64_chunks(text: str) -> Iterator[bytes]:
    """The bytes of a base64 body (`inhoud`), a chunk at a time; 400 `invalid` on `inhoud` when it
    is not base64. (Whitespace, as some clients wrap lines, is dropped first.)"""
    if _WHITESPACE.search(text):
        text = "".join(text.split())
    try:
        for start in range(0, len(text), _BASE64_CHUNK):
            yield base64.b64decode(text[start : start + _BASE64_CHUNK], validate=True)
    except (binascii.Error, ValueError):
        raise ValidationProblem.field("inhoud", "invalid", "De inhoud is geen geldige base64.") from None


def write(ctx: Context, chunks: Iterable[bytes], prefix: str = INHOUD) -> tuple[str, int]:
    """(key, size) of `chunks` stored under a new key; removed again if the transaction it was
    written in rolls back (its row is gone then)."""
    key = new_key(prefix)
    pending = _pending(ctx)
    size = pending.content.write(key, chunks)
    pending.wrote(ctx.session, key)
    return key, size


def file_chunks(file, size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """A (spooled temporary) file's bytes, a chunk at a time."""
    while chunk := file.read(size):
        yield chunk


def join(ctx: Context, keys: list[str]) -> tuple[str, int]:
    """(key, size) of the parts `keys` joined under a new key; removed again on a rollback, as
    `write`."""
    key = new_key()
    pending = _pending(ctx)
    size = pending.content.join(keys, key)
    pending.wrote(ctx.session, key)
    return key, size


def delete_after_commit(ctx: Context, keys: Iterable[str]) -> None:
    """Remove `keys` from the store once the outermost transaction that dropped their rows
    commits: never before (a rolled back delete keeps its content), never at a savepoint's release
    (the enclosing transaction may still roll back)."""
    pending = _pending(ctx)
    for key in keys:
        if key:
            pending.drop(ctx.session, key)


_PENDING = "documenten.content"


def _pending(ctx: Context) -> "_Pending":
    session = ctx.session
    pending = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = _Pending(store(ctx))
        event.listen(session, "after_commit", pending.committed)
        event.listen(session, "after_soft_rollback", pending.rolled_back)
        event.listen(session, "after_transaction_end", pending.ended)
    return pending


class _Pending:
    """What a session's transactions did to the store, each with the transaction (or savepoint)
    it happened in: keys written (they go when that transaction rolls back or the outermost one
    ends without a commit) and keys whose rows were dropped (they go when the outermost commits).
    A removal that fails is logged and left to the sweep: the request's outcome stands."""

    def __init__(self, content: ContentStore) -> None:
        self.content = content
        self.written: list[tuple[str, SessionTransaction]] = []
        self.dropped: list[tuple[str, SessionTransaction]] = []

    @staticmethod
    def _current(session: Session) -> SessionTransaction:
        # begun now if need be, so its end (commit, rollback or close) is an event
        return session.get_nested_transaction() or session.get_transaction() or session.begin()

    def wrote(self, session: Session, key: str) -> None:
        self.written.append((key, self._current(session)))

    def drop(self, session: Session, key: str) -> None:
        self.dropped.append((key, self._current(session)))

    def committed(self, session: Session) -> None:
        if session.in_nested_transaction():
            return  # a savepoint released: what it did is the enclosing transaction's now
        self._remove([key for key, _ in self.dropped])
        self.written.clear()
        self.dropped.clear()

    def rolled_back(self, _session: Session, transaction: SessionTransaction) -> None:
        # what happened inside the rolled back transaction (or savepoint) is undone: its writes go,
        # its dropped rows are back
        def inside(entry: tuple[str, SessionTransaction]) -> bool:
            current: SessionTransaction | None = entry[1]
            while current is not None and current is not transaction:
                current = current.parent
            return current is transaction

        self._remove([key for key, _ in filter(inside, self.written)])
        self.written = [entry for entry in self.written if not inside(entry)]
        self.dropped = [entry for entry in self.dropped if not inside(entry)]

    def ended(self, _session: Session, transaction: SessionTransaction) -> None:
        if transaction.parent is not None:
            return
        # the outermost transaction ended without a commit (a rollback, or a close): no row names
        # what it wrote (after a commit `committed` has emptied both lists)
        self._remove([key for key, _ in self.written])
        self.written.clear()
        self.dropped.clear()

    def _remove(self, keys: list[str]) -> None:
        for key in keys:
            try:
                self.content.delete(key)
            except Exception:
                log.warning("could not remove content %s; the sweep (zgw sweep-content) will", key, exc_info=True)


class Swept(NamedTuple):
    removed: int  # keys no row references
    unfinished: int  # writes a dead process left midway (temporary files, multipart uploads)


def sweep(session: Session, content: ContentStore, grace: dt.timedelta = dt.timedelta(hours=1), batch: int = SWEEP_BATCH) -> Swept:
    """Remove stored content that no row references and that is older than `grace` (a write still
    in progress has not committed its row yet), and what writes left unfinished before then: the
    content of a request whose process died between its write and its commit. The keys are
    listed before the rows are read, so a row committed meanwhile is seen; the rows are read a
    batch of keys at a time, so memory stays bounded by a batch, whatever the number of documents."""
    before = utc.now() - grace
    removed = 0
    candidates: list[str] = []
    for prefix in (INHOUD, DELEN):
        for key, modified in content.keys(prefix):
            if modified < before:
                candidates.append(key)
            if len(candidates) >= batch:
                removed += _remove_unreferenced(session, content, candidates)
                candidates = []
    removed += _remove_unreferenced(session, content, candidates)
    return Swept(removed, content.discard_unfinished(before))


def _remove_unreferenced(session: Session, content: ContentStore, keys: list[str]) -> int:
    if not keys:
        return 0
    referenced = {
        *session.scalars(select(InformatieObjectVersie.inhoud).where(InformatieObjectVersie.inhoud.in_(keys))),
        *session.scalars(select(BestandsDeel.inhoud).where(BestandsDeel.inhoud.in_(keys))),
    }
    orphans = [key for key in keys if key not in referenced]
    for key in orphans:
        content.delete(key)
    return len(orphans)
