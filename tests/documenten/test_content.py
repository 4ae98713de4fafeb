"""The content store (a directory and S3, the same tests for both) and the content's lifecycle:
what a rolled back transaction wrote is removed, what a committed one dropped is removed, a
savepoint's release decides nothing; the sweep removes what no row names."""

import datetime as dt
import errno
import hashlib
import os
from types import SimpleNamespace

import pytest
from sqlalchemy import event, update

from services.cli import main as zgw
from services.documenten import content
from services.documenten.enkelvoudiginformatieobject.models import InformatieObjectVersie
from services.documenten.storage import S3_MIN_PART_SIZE, ContentMissing, DiskStore, MiB, S3Store
from tests.documenten.factories import create_document, published_iotype


def generated(size: int, chunk: int = MiB):
    """`size` bytes of a repeatable pattern, a chunk at a time (never held whole)."""
    block = hashlib.sha256(str(size).encode()).digest() * (chunk // 32)
    sent = 0
    while sent < size:
        piece = block[: min(chunk, size - sent)]
        sent += len(piece)
        yield piece


def digest(chunks) -> tuple[str, int]:
    hashed, size = hashlib.sha256(), 0
    for chunk in chunks:
        hashed.update(chunk)
        size += len(chunk)
    return hashed.hexdigest(), size


# ------------------------------------------------------------------ the stores


def test_write_read_size_delete(store):
    assert store.write("inhoud/a", [b"hallo ", b"wereld"]) == 12
    assert b"".join(store.read("inhoud/a")) == b"hallo wereld"
    assert list(store.read("inhoud/a", chunk_size=5)) == [b"hallo", b" were", b"ld"]
    assert store.size("inhoud/a") == 12 and store.exists("inhoud/a")
    store.delete("inhoud/a")
    store.delete("inhoud/a")  # absent is fine
    assert not store.exists("inhoud/a")
    with pytest.raises(ContentMissing):
        store.read("inhoud/a")
    with pytest.raises(ContentMissing):
        store.size("inhoud/a")


def test_a_failing_write_leaves_nothing(store):
    def failing():
        yield b"x" * (S3_MIN_PART_SIZE + 1)  # past one part: on S3 a multipart upload is under way
        raise OSError("the client went away")

    with pytest.raises(OSError):
        store.write("inhoud/b", failing())
    assert not store.exists("inhoud/b")
    assert list(store.keys("inhoud/")) == []
    if isinstance(store, S3Store):  # the multipart upload was aborted
        assert store._client.list_multipart_uploads(Bucket=store.bucket).get("Uploads", []) == []


def test_multipart_write_and_streamed_read(store):
    size = 2 * S3_MIN_PART_SIZE + 12345  # three parts on S3
    expected = digest(generated(size))
    assert store.write("inhoud/groot", generated(size)) == size
    chunks = store.read("inhoud/groot", chunk_size=MiB)
    first = next(chunks)
    assert len(first) <= MiB  # streamed: a chunk at a time
    assert digest([first, *chunks]) == expected


def test_join_of_bestandsdelen(store):
    # parts of S3's smallest part size are copied server-side; a small one goes through the process
    sizes = [S3_MIN_PART_SIZE, S3_MIN_PART_SIZE, 1000]
    parts = []
    for number, size in enumerate(sizes):
        store.write(f"delen/{number}", generated(size))
        parts.append(f"delen/{number}")
    whole = b"".join(b"".join(generated(size)) for size in sizes)
    assert store.join(parts, "inhoud/samen") == sum(sizes)
    assert digest(store.read("inhoud/samen")) == digest([whole])
    assert all(store.exists(part) for part in parts)  # the parts stay until deleted

    store.write("delen/klein-1", [b"ab"])
    store.write("delen/klein-2", [b""])
    store.write("delen/klein-3", [b"cd"])
    assert store.join(["delen/klein-1", "delen/klein-2", "delen/klein-3"], "inhoud/klein") == 4
    assert b"".join(store.read("inhoud/klein")) == b"abcd"
    with pytest.raises(ContentMissing):
        store.join(["delen/klein-1", "delen/weg"], "inhoud/niet")
    assert not store.exists("inhoud/niet")


def test_keys_by_prefix(store):
    store.write("inhoud/a", [b"1"])
    store.write("delen/b", [b"2"])
    keys = dict(store.keys("inhoud/"))
    assert list(keys) == ["inhoud/a"]
    assert abs(keys["inhoud/a"] - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


# ------------------------------------------------------------------ the lifecycle


@pytest.fixture
def lifecycle(documenten, documenten_app, store, catalogi):
    """A session of the Documenten database, as a request has it, on `store`; and a document
    whose version names content in that store."""
    document = create_document(documenten, published_iotype(catalogi)["url"])
    db = documenten_app.state.db
    key = content.new_key()
    store.write(key, [b"oud"])
    with db.session() as session:
        session.execute(update(InformatieObjectVersie).values(inhoud=key))
        session.commit()
    session = db.session()
    ctx = SimpleNamespace(session=session, request=SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(store=store))))
    yield SimpleNamespace(ctx=ctx, session=session, store=store, key=key, document=document, db=db)
    session.close()


def test_written_content_goes_when_the_transaction_rolls_back(lifecycle):
    ctx, store = lifecycle.ctx, lifecycle.store
    key, _ = content.write(ctx, [b"nieuw"])
    joined, _ = content.join(ctx, [lifecycle.key, key])
    assert store.exists(key) and store.exists(joined)
    lifecycle.session.rollback()
    assert not store.exists(key) and not store.exists(joined)


def test_written_content_goes_when_the_session_closes_without_a_commit(lifecycle):
    # a request that raised: get_session closes its session, no commit
    key, _ = content.write(lifecycle.ctx, [b"nieuw"])
    lifecycle.session.close()
    assert not lifecycle.store.exists(key)


def test_written_content_goes_when_the_commit_fails(lifecycle):
    key, _ = content.write(lifecycle.ctx, [b"nieuw"])

    def refuse(_session):
        raise ConnectionError("the database went away")

    event.listen(lifecycle.session, "before_commit", refuse)
    with pytest.raises(ConnectionError):
        lifecycle.session.commit()
    lifecycle.session.close()
    assert not lifecycle.store.exists(key)


def test_written_content_stays_after_a_commit(lifecycle):
    key, _ = content.write(lifecycle.ctx, [b"nieuw"])
    lifecycle.session.commit()
    lifecycle.session.close()
    assert b"".join(lifecycle.store.read(key)) == b"nieuw"


def test_dropped_content_goes_only_at_the_outer_commit(lifecycle):
    session, store = lifecycle.session, lifecycle.store
    content.delete_after_commit(lifecycle.ctx, [lifecycle.key])
    with session.begin_nested():  # a savepoint released (a generated identificatie, ...)
        pass
    assert store.exists(lifecycle.key)
    session.commit()
    assert not store.exists(lifecycle.key)


def test_dropped_content_stays_when_the_transaction_rolls_back(lifecycle):
    content.delete_after_commit(lifecycle.ctx, [lifecycle.key])
    lifecycle.session.rollback()
    lifecycle.session.commit()  # a later transaction of the same session decides nothing
    assert lifecycle.store.exists(lifecycle.key)


def test_a_savepoint_rolled_back_undoes_only_its_own(lifecycle):
    session, store, ctx = lifecycle.session, lifecycle.store, lifecycle.ctx
    kept, _ = content.write(ctx, [b"buiten"])
    savepoint = session.begin_nested()
    inside, _ = content.write(ctx, [b"binnen"])
    content.delete_after_commit(ctx, [lifecycle.key])
    savepoint.rollback()
    assert not store.exists(inside) and store.exists(kept)
    session.commit()
    assert store.exists(kept) and store.exists(lifecycle.key)  # the drop was rolled back


def test_a_savepoint_released_hands_its_writes_to_the_outer_transaction(lifecycle):
    session, store = lifecycle.session, lifecycle.store
    with session.begin_nested():
        key, _ = content.write(lifecycle.ctx, [b"binnen"])
    session.rollback()
    assert not store.exists(key)


# ------------------------------------------------------------------ the sweep


def test_sweep_removes_only_old_unreferenced_content(lifecycle):
    store = lifecycle.store
    store.write("inhoud/wees", [b"geen rij"])
    store.write("delen/wees", [b"geen rij"])
    with lifecycle.db.session() as session:
        # a grace period of an hour: all of it is new
        assert content.sweep(session, store) == (0, 0)
        # a grace period that has passed for everything stored; batches of one key, to page
        swept = content.sweep(session, store, grace=dt.timedelta(seconds=-60), batch=1)
    assert swept.removed == 2
    assert not store.exists("inhoud/wees") and not store.exists("delen/wees")
    assert store.exists(lifecycle.key)  # a version names it


def test_sweep_content_command(lifecycle, documenten_app, monkeypatch, capsys):
    from services.documenten import settings as documenten_settings

    settings = documenten_app.state.settings
    monkeypatch.setattr(documenten_settings, "documenten_settings", lambda: settings)
    monkeypatch.setattr("services.documenten.storage.content_store", lambda _settings: lifecycle.store)
    lifecycle.store.write("inhoud/wees", [b"geen rij"])
    assert zgw(["sweep-content", "--grace-minutes", "-1"]) == 0
    assert "removed 1 unreferenced" in capsys.readouterr().out
    assert not lifecycle.store.exists("inhoud/wees") and lifecycle.store.exists(lifecycle.key)


def test_disk_sweep_discards_unfinished_writes(tmp_path):
    from services.documenten.storage import DiskStore

    disk = DiskStore(tmp_path)
    (tmp_path / "inhoud").mkdir()
    temp = tmp_path / "inhoud" / ".abc.x1.tmp"
    temp.write_bytes(b"half")
    assert disk.discard_unfinished(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)) == 1
    assert not temp.exists()


def test_disk_join_without_copy_file_range(tmp_path, monkeypatch):
    """Where the kernel can't copy file to file (another OS, a filesystem pair it refuses), the
    join copies through a buffer, with the same result."""

    def refused(*args):
        raise OSError(errno.EXDEV, "cross-device")

    monkeypatch.setattr(os, "copy_file_range", refused)
    store = DiskStore(tmp_path)
    store.write("delen/1", [b"ab" * 1000])
    store.write("delen/2", [b"cd"])
    assert store.join(["delen/1", "delen/2"], "inhoud/samen") == 2002
    assert b"".join(store.read("inhoud/samen")) == b"ab" * 1000 + b"cd"


def test_s3_bucket_made_once(s3_server):
    """create_bucket makes a missing bucket and leaves an existing one, with what it holds."""
    from tests.documenten.conftest import CREDENTIALS

    store = S3Store("documenten-eenmalig", endpoint_url=s3_server, **CREDENTIALS)
    assert store.create_bucket()
    store.write("inhoud/blijft", [b"er"])
    assert not store.create_bucket()
    assert b"".join(store.read("inhoud/blijft")) == b"er"
