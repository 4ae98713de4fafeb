"""Where the Documenten API keeps the bytes of its documents: a directory on disk (the embedded
default) or an S3-compatible object storage (replicas share it). The database holds metadata and
a storage key; content of any size streams through in chunks, never whole in memory.

Keys are made by the service (`inhoud/<uuid>`, `delen/<uuid>`): `/`-separated segments of
letters, digits, `.`, `_` and `-`, none starting with a `.`, so a key never leaves the store's
root and never names one of the disk store's temporary files.

Every method is synchronous: the endpoints are sync `def`s in FastAPI's thread pool, and both
stores may be used from several threads at once.
"""

import abc
import datetime as dt
import logging
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from shared import utc

log = logging.getLogger(__name__)

MiB = 1024 * 1024
GiB = 1024 * MiB
# what read() yields at a time unless asked otherwise: a StreamingResponse sends each as it comes
CHUNK_SIZE = MiB
# the most os.copy_file_range is asked to copy in one call
COPY_RANGE = 64 * MiB
# S3's limits on a multipart upload: every part but the last at least 5 MiB, at most 5 GiB per
# part, at most 10,000 parts
S3_MIN_PART_SIZE = 5 * MiB
S3_MAX_PART_SIZE = 5 * GiB
S3_MAX_PARTS = 10_000
# boto3's own default part size; objects up to 10,000 x 8 MiB (78 GiB) fit
S3_PART_SIZE = 8 * MiB

_KEY = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*")
# the column that holds a key (enkelvoudiginformatieobject.inhoud) is a String(255)
_KEY_MAX_LENGTH = 255
# the disk store's temporary files: `.<name>.<random>.tmp`, never a key (a key's segments never
# start with a dot)
_TEMP_SUFFIX = ".tmp"


class ContentMissing(LookupError):
    """No content is stored under the key."""

    def __init__(self, key: str) -> None:
        super().__init__(f"no content stored under {key!r}")
        self.key = key


class InvalidKey(ValueError):
    """A key (or a prefix) outside the safe form; a bug in the caller, never user input."""


def is_key(key: str) -> bool:
    return len(key) <= _KEY_MAX_LENGTH and _KEY.fullmatch(key) is not None


def check_key(key: str) -> str:
    if not is_key(key):
        raise InvalidKey(f"not a storage key: {key!r}")
    return key


def check_prefix(prefix: str) -> str:
    # a prefix is fine when some key starts with it
    if prefix and _KEY.fullmatch(prefix + "x") is None:
        raise InvalidKey(f"not a storage key prefix: {prefix!r}")
    return prefix


class ContentStore(abc.ABC):
    """The bytes of the documents, by key. Writes are atomic: after an exception (also one from
    the chunks being written) no object exists under the key, and a reader sees either nothing or
    all of it. Memory stays bounded by a chunk (and on S3 a part), whatever the content's size."""

    @abc.abstractmethod
    def write(self, key: str, chunks: Iterable[bytes]) -> int:
        """Stores the chunks under `key` (replacing what was there) and returns the size."""

    @abc.abstractmethod
    def read(self, key: str, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
        """The content in chunks of at most `chunk_size` bytes. ContentMissing is raised by this
        call, before the first chunk, so a response can still become a 404. Iterate the result to
        its end or close it: it holds an open file or connection until then."""

    @abc.abstractmethod
    def size(self, key: str) -> int:
        """The size in bytes; ContentMissing when absent."""

    @abc.abstractmethod
    def exists(self, key: str) -> bool: ...

    @abc.abstractmethod
    def delete(self, key: str) -> None:
        """Removes the content; an absent key is fine."""

    def join(self, part_keys: Sequence[str], key: str) -> int:
        """The parts' concatenation stored under `key` (atomically, as `write`); returns its size.
        The parts stay until deleted. ContentMissing when a part is absent."""
        # each part opened only when the one before is done: one file or connection at a time
        return self.write(key, chain.from_iterable(self.read(part) for part in part_keys))

    @abc.abstractmethod
    def keys(self, prefix: str = "") -> Iterator[tuple[str, dt.datetime]]:
        """Every key that starts with `prefix`, with its last modification (UTC), in no particular
        order: for a sweep of the content no committed row points at. A key written after the
        listing started may be missing from it, so sweep only what is older than the sweep."""

    @abc.abstractmethod
    def discard_unfinished(self, before: dt.datetime) -> int:
        """Removes what writes started before `before` left behind when their process died
        midway (temporary files, multipart uploads) and returns how many; a sweep's other half.
        Pass a moment well before any write still running (e.g. an hour ago)."""


class DiskStore(ContentStore):
    """Content as files under `root` (a key's segments are directories), written to a temporary
    file in the same directory and renamed into place, so the rename is atomic."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def __repr__(self) -> str:
        return f"DiskStore({str(self.root)!r})"

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def write(self, key: str, chunks: Iterable[bytes]) -> int:
        size = 0
        with _replacing(self._path(key)) as out:
            for chunk in chunks:
                out.write(chunk)
                size += len(chunk)
        return size

    def join(self, part_keys: Sequence[str], key: str) -> int:
        # file to file in the kernel (os.copy_file_range): no bytes pass through this process, and
        # a filesystem with reflinks shares the blocks instead of copying them
        size = 0
        with _replacing(self._path(key)) as out:
            for part in part_keys:
                try:
                    source = self._path(part).open("rb")
                except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
                    raise ContentMissing(part) from None
                with source:
                    size += _copy_file(source, out)
        return size

    def read(self, key: str, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
        try:
            file = self._path(key).open("rb")
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            raise ContentMissing(key) from None
        return _file_chunks(file, chunk_size)

    def size(self, key: str) -> int:
        try:
            status = self._path(key).stat()
        except (FileNotFoundError, NotADirectoryError):
            raise ContentMissing(key) from None
        if not stat.S_ISREG(status.st_mode):
            raise ContentMissing(key)
        return status.st_size

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        # empty directories stay: removing one could race a write that just made it
        with suppress(FileNotFoundError, NotADirectoryError):
            self._path(key).unlink()

    def keys(self, prefix: str = "") -> Iterator[tuple[str, dt.datetime]]:
        # walk only the directory the prefix is in
        start = self.root / check_prefix(prefix).rpartition("/")[0]
        for directory, dirnames, filenames in os.walk(start):
            dirnames[:] = [name for name in dirnames if not name.startswith(".")]
            for name in filenames:
                path = Path(directory, name)
                key = path.relative_to(self.root).as_posix()
                if not key.startswith(prefix) or not is_key(key):
                    continue
                try:
                    modified = path.stat().st_mtime
                except FileNotFoundError:  # deleted since the walk listed it
                    continue
                yield key, dt.datetime.fromtimestamp(modified, dt.UTC)

    def discard_unfinished(self, before: dt.datetime) -> int:
        cutoff = utc.aware(before).timestamp()
        discarded = 0
        for directory, _, filenames in os.walk(self.root):
            for name in filenames:
                if not (name.startswith(".") and name.endswith(_TEMP_SUFFIX)):
                    continue
                path = Path(directory, name)
                with suppress(FileNotFoundError):
                    if path.stat().st_mtime < cutoff:
                        path.unlink()
                        discarded += 1
        return discarded


@contextmanager
def _replacing(path: Path) -> Iterator[BinaryIO]:
    """A file that becomes `path` when the block ends without an exception, and is removed when
    it raises. Synced before the rename: the database row that names the key is committed after
    this returns, and must not outlive the content in a crash."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_directory(path.parent)


def _copy_file(source: BinaryIO, out: BinaryIO) -> int:
    """All of `source` appended to `out`; returns the bytes copied. In the kernel where it can
    (Linux), else through a buffer."""
    out.flush()
    copied = 0
    try:
        while count := os.copy_file_range(source.fileno(), out.fileno(), COPY_RANGE):
            copied += count
    except (AttributeError, OSError):
        if copied:  # a failure midway: the offsets moved, so no fallback can continue
            raise
        shutil.copyfileobj(source, out, CHUNK_SIZE)
        return source.tell()  # opened at its start
    out.seek(0, os.SEEK_END)  # the buffered writer's position, after the kernel moved it
    return copied


def _fsync_directory(directory: Path) -> None:
    # the rename itself is durable only once the directory is synced (POSIX; Windows can't)
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _file_chunks(file: BinaryIO, chunk_size: int) -> Iterator[bytes]:
    with file:
        while chunk := file.read(chunk_size):
            yield chunk


class S3Store(ContentStore):
    """Content as objects in an S3 bucket (AWS or a compatible store: MinIO, Ceph, ...), under
    `prefix`. A write of less than `part_size` is one PUT; a longer one a multipart upload of
    parts of about `part_size`, aborted when anything fails, so only a completed upload makes an
    object. Memory per write: one part."""

    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        prefix: str = "",
        part_size: int = S3_PART_SIZE,
    ) -> None:
        if not bucket:
            raise ValueError("S3Store needs a bucket")
        if not S3_MIN_PART_SIZE <= part_size <= S3_MAX_PART_SIZE:
            raise ValueError(f"part_size must be between {S3_MIN_PART_SIZE} and {S3_MAX_PART_SIZE} bytes (S3's limits)")
        prefix = prefix.strip("/")
        self.bucket = bucket
        self.prefix = check_prefix(prefix + "/" if prefix else "")
        self.part_size = part_size
        config = Config(
            # an endpoint of its own (MinIO, Ceph, a test server) seldom resolves <bucket>.<host>
            s3={"addressing_style": "path"} if endpoint_url else {},
            retries={"mode": "standard"},
            # as many connections as FastAPI's thread pool has threads (anyio's default: 40)
            max_pool_connections=40,
            # botocore >= 1.36 adds CRC trailers to every upload by default, which several
            # S3-compatible stores refuse; only where S3 requires a checksum
            request_checksum_calculation="when_required",
        )
        # a client of its own session: boto3's default session is not thread-safe, a client is
        self._client: Any = boto3.session.Session().client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=region,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            config=config,
        )

    def __repr__(self) -> str:
        return f"S3Store({self.bucket!r}, prefix={self.prefix!r})"

    def create_bucket(self) -> bool:
        """Makes the bucket when it does not exist yet (a first start, a test server); True when
        made. Outside us-east-1 S3 wants the region named as the bucket's location."""
        try:
            self._client.head_bucket(Bucket=self.bucket)
            return False
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") not in ("404", "NoSuchBucket"):
                raise
        region = self._client.meta.region_name
        location = {"CreateBucketConfiguration": {"LocationConstraint": region}} if region and region != "us-east-1" else {}
        self._client.create_bucket(Bucket=self.bucket, **location)
        return True

    def _name(self, key: str) -> str:
        return self.prefix + check_key(key)

    def write(self, key: str, chunks: Iterable[bytes]) -> int:
        name = self._name(key)
        buffer = bytearray()
        size = 0
        upload: _MultipartUpload | None = None
        try:
            for chunk in chunks:
                buffer += chunk
                size += len(chunk)
                if len(buffer) >= self.part_size:
                    if upload is None:
                        upload = _MultipartUpload(self._client, self.bucket, name)
                    # handed over whole, not sliced: a part of part_size plus less than a
                    # chunk, without a copy
                    upload.part(buffer)
                    buffer = bytearray()
            if upload is None:
                self._client.put_object(Bucket=self.bucket, Key=name, Body=buffer)
                return size
            if buffer:
                upload.part(buffer)
            upload.complete()
        except BaseException:
            if upload is not None:
                upload.abort()
            raise
        return size

    def read(self, key: str, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
        try:
            response = self._client.get_object(Bucket=self.bucket, Key=self._name(key))
        except ClientError as error:
            raise _missing(error, key) from None
        return _body_chunks(response["Body"], chunk_size)

    def size(self, key: str) -> int:
        try:
            return int(self._client.head_object(Bucket=self.bucket, Key=self._name(key))["ContentLength"])
        except ClientError as error:
            raise _missing(error, key) from None

    def exists(self, key: str) -> bool:
        try:
            self.size(key)
        except ContentMissing:
            return False
        return True

    def delete(self, key: str) -> None:
        self._client.delete_object(Bucket=self.bucket, Key=self._name(key))

    def join(self, part_keys: Sequence[str], key: str) -> int:
        name = self._name(key)
        sizes = [self.size(part) for part in part_keys]
        # an empty part adds nothing, and a copy of nothing is not a part S3 takes
        parts = [(part, size) for part, size in zip(part_keys, sizes, strict=True) if size]
        total = sum(sizes)
        copyable = (
            0 < len(parts) <= S3_MAX_PARTS
            and all(size >= S3_MIN_PART_SIZE for _, size in parts[:-1])
            and all(size <= S3_MAX_PART_SIZE for _, size in parts)
        )
        if not copyable:
            # S3 can't concatenate these server-side: through this process, a chunk at a time
            return super().join([part for part, _ in parts], key)
        upload = _MultipartUpload(self._client, self.bucket, name)
        try:
            for part, _ in parts:
                upload.copy(self.bucket, self._name(part))
            upload.complete()
        except BaseException:
            upload.abort()
            raise
        return total

    def keys(self, prefix: str = "") -> Iterator[tuple[str, dt.datetime]]:
        paginator = self._client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix + check_prefix(prefix)):
            for entry in page.get("Contents", []):
                key = entry["Key"][len(self.prefix) :]
                # objects of others under the prefix are none of this store's
                if is_key(key):
                    yield key, utc.aware(entry["LastModified"])

    def discard_unfinished(self, before: dt.datetime) -> int:
        cutoff = utc.aware(before)
        discarded = 0
        paginator = self._client.get_paginator("list_multipart_uploads")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix):
            for upload in page.get("Uploads", []):
                if utc.aware(upload["Initiated"]) < cutoff:
                    with suppress(self._client.exceptions.NoSuchUpload):
                        self._client.abort_multipart_upload(Bucket=self.bucket, Key=upload["Key"], UploadId=upload["UploadId"])
                        discarded += 1
        return discarded


class _MultipartUpload:
    """One multipart upload: parts sent or copied in order, then completed or aborted."""

    def __init__(self, client: Any, bucket: str, name: str) -> None:
        self.client = client
        self.bucket = bucket
        self.name = name
        self.upload_id: str = client.create_multipart_upload(Bucket=bucket, Key=name)["UploadId"]
        self.parts: list[dict[str, Any]] = []

    def _where(self) -> dict[str, Any]:
        return {"Bucket": self.bucket, "Key": self.name, "UploadId": self.upload_id, "PartNumber": len(self.parts) + 1}

    def part(self, body: bytes | bytearray) -> None:
        etag = self.client.upload_part(Body=body, **self._where())["ETag"]
        self.parts.append({"ETag": etag, "PartNumber": len(self.parts) + 1})

    def copy(self, bucket: str, name: str) -> None:
        etag = self.client.upload_part_copy(CopySource={"Bucket": bucket, "Key": name}, **self._where())["CopyPartResult"]["ETag"]
        self.parts.append({"ETag": etag, "PartNumber": len(self.parts) + 1})

    def complete(self) -> None:
        self.client.complete_multipart_upload(
            Bucket=self.bucket, Key=self.name, UploadId=self.upload_id, MultipartUpload={"Parts": self.parts}
        )

    def abort(self) -> None:
        # the exception that brought us here is the one to raise; a failed abort leaves an upload
        # that discard_unfinished (or a bucket lifecycle rule) removes later
        try:
            self.client.abort_multipart_upload(Bucket=self.bucket, Key=self.name, UploadId=self.upload_id)
        except Exception:
            log.warning("could not abort multipart upload %s of %s", self.upload_id, self.name, exc_info=True)


def _missing(error: ClientError, key: str) -> Exception:
    """ContentMissing for S3's not-found answers (a HEAD has no body, hence the bare 404), the
    error itself for any other."""
    if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
        return ContentMissing(key)
    return error


def _body_chunks(body: Any, chunk_size: int) -> Iterator[bytes]:
    # closed also when the consumer stops early: the connection goes back to (or out of) the pool
    try:
        yield from body.iter_chunks(chunk_size)
    finally:
        body.close()


def content_store(settings: Any) -> ContentStore:
    """The store the settings (DocumentenSettings, `DOCUMENTEN_*`) choose:

    - `storage`: `disk` (the embedded default) or `s3`.
    - `storage_path`: the directory of the `disk` store (default `var/documenten/`); made if absent.
    - `s3_bucket`: the bucket of the `s3` store (required with `s3`; it must exist).
    - `s3_endpoint_url`: an S3-compatible store's URL (MinIO, Ceph, ...); empty: AWS S3 itself.
    - `s3_region`: the bucket's region; empty: boto3's own (AWS_REGION, ~/.aws/config).
    - `s3_access_key_id`, `s3_secret_access_key`: the credentials; empty: boto3's own chain
      (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws/credentials, an instance or pod role).
    - `s3_prefix`: a folder in the bucket for this service's objects (e.g. `documenten`); empty:
      the bucket's root.
    """
    if settings.storage == "disk":
        return DiskStore(Path(settings.storage_path))
    if settings.storage == "s3":
        if not settings.s3_bucket:
            raise ValueError("DOCUMENTEN_STORAGE=s3 needs DOCUMENTEN_S3_BUCKET")
        return S3Store(
            settings.s3_bucket,
            endpoint_url=settings.s3_endpoint_url or None,
            region=settings.s3_region or None,
            access_key=settings.s3_access_key_id or None,
            secret_key=settings.s3_secret_access_key or None,
            prefix=settings.s3_prefix,
        )
    raise ValueError(f"DOCUMENTEN_STORAGE must be `disk` or `s3`, not {settings.storage!r}")
