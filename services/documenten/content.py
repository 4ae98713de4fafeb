"""The content of informatieobjecten in the store (services/documenten/storage.py): keys, base64
bodies decoded as they stream, removal after the commit that drops the rows, and the sweep.

A row never points at content that was not stored: the content is written first, then the row.
Content whose row never committed (a failed request, a crash) has no row pointing at it; `sweep`
removes such keys once they are older than a grace period (run it from a scheduler; the service
does not run it by itself yet)."""

import base64
import binascii
import datetime as dt
import re
import uuid
from collections.abc import Iterable, Iterator

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from services.documenten.enkelvoudiginformatieobject.models import BestandsDeel, InformatieObjectVersie
from services.documenten.storage import ContentStore
from shared import utc
from shared.errors import ValidationProblem
from shared.resources import Context

INHOUD = "inhoud/"
DELEN = "delen/"
# base64 text decoded at a time: a multiple of 4 characters (3 bytes each)
_BASE64_CHUNK = 4 * 256 * 1024
_WHITESPACE = re.compile(r"\s")


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
    """(key, size) of `chunks` stored under a new key."""
    key = new_key(prefix)
    return key, store(ctx).write(key, chunks)


def file_chunks(file, size: int = 1024 * 1024) -> Iterator[bytes]:
    """A (spooled temporary) file's bytes, a chunk at a time."""
    while chunk := file.read(size):
        yield chunk


def join(ctx: Context, keys: list[str]) -> tuple[str, int]:
    """(key, size) of the parts `keys` joined under a new key."""
    key = new_key()
    return key, store(ctx).join(keys, key)


def delete_after_commit(ctx: Context, keys: Iterable[str]) -> None:
    """Remove `keys` from the store once the transaction that dropped their rows commits (never
    before: a rolled back delete keeps its content)."""
    pending = [key for key in keys if key]
    if not pending:
        return
    content = store(ctx)

    def remove(_session: Session) -> None:
        for key in pending:
            content.delete(key)

    event.listen(ctx.session, "after_commit", remove, once=True)


def referenced_keys(session: Session) -> set[str]:
    versions = session.scalars(select(InformatieObjectVersie.inhoud).where(InformatieObjectVersie.inhoud.is_not(None)))
    parts = session.scalars(select(BestandsDeel.inhoud).where(BestandsDeel.inhoud.is_not(None)))
    return {*versions, *parts}


def sweep(session: Session, content: ContentStore, grace: dt.timedelta = dt.timedelta(hours=1)) -> int:
    """Remove stored content that no row references and that is older than `grace` (a write in
    progress has not committed its row yet). Returns how many keys were removed."""
    before = utc.now() - grace
    candidates = [key for prefix in (INHOUD, DELEN) for key, modified in content.keys(prefix) if modified < before]
    if not candidates:
        return 0
    kept = referenced_keys(session)
    removed = 0
    for key in candidates:
        if key not in kept:
            content.delete(key)
            removed += 1
    return removed
