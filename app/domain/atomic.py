"""Atomic file writes, for every file Yaotong writes beside the user's own files (plans, PDFs).

Pure Python. :func:`write_atomically` writes the new bytes to a temporary file
in the same folder (flushed and fsynced), then moves it over the target with
``os.replace``: a crash at any moment leaves the old file or the new one, never
a mix. A running write holds a lock on its temporary file (POSIX; on Windows an
open file cannot be deleted), so :func:`remove_stale_temps` removes only what
a killed write left behind. Every error names the target, never the temporary
file, and leaves no temporary file behind. :func:`set_aside` moves a database
that cannot be used out of the way, with its journal files, keeping it for the
user instead of overwriting it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the SQLite module is loaded by the stores that use it, not by every write
    import sqlite3

try:  # POSIX: a write holds a lock on its temporary file, so another write knows it is not stale
    import fcntl
except ImportError:  # pragma: no cover - Windows: an open file cannot be deleted anyway
    fcntl = None  # type: ignore[assignment]


_write = os.write  # the one call that writes file contents (the fault-injection tests replace it)


def temp_names(name: str) -> re.Pattern[str]:
    """The temporary files written for target ``name`` (``.NAME.[bak.]XXXXXXXX.tmp``, as
    ``tempfile.mkstemp`` makes them: 8 random characters)."""
    return re.compile(rf"\.{re.escape(name)}\.(?:bak\.)?[a-z0-9_]{{8}}\.tmp")


def remove_stale_temps(folder: Path, name: str) -> None:
    """Remove the temporary files of target ``name`` that no running write holds."""
    pattern = temp_names(name)
    try:
        entries = [e for e in os.scandir(folder) if pattern.fullmatch(e.name)]
    except OSError:
        return
    for entry in entries:
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if fcntl is None:
                os.unlink(entry.path)  # fails while a running write has it open
                continue
            fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held by a running write: OSError
                os.unlink(entry.path)
            finally:
                os.close(fd)
        except OSError:
            continue


def _named(exc: OSError, target: Path) -> OSError:
    """The same error, naming the target instead of a temporary file."""
    number = exc.errno if exc.errno is not None else errno.EIO
    return type(exc)(number, exc.strerror or os.strerror(number), str(target))


def write_atomically(path: Path, data: bytes, before_replace: Callable[[Path], None] | None = None) -> None:
    """Write ``data`` to a locked temporary file beside ``path``, fsync it, then move it over
    ``path`` (``before_replace``: called with the temporary file just before, e.g. to check it or
    to keep a backup of the old file; what it raises stops the write).

    Raises ``OSError`` naming ``path``; the old file is then unchanged and no temporary file stays."""
    path = Path(path)
    if not path.name or path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "this is a folder, not a file", str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _named(exc, path) from None
    closed = False
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        view = memoryview(data)
        while view:
            written = _write(fd, view)
            view = view[written:]
        os.fsync(fd)
        if before_replace is not None:
            before_replace(Path(tmp))
        if fcntl is None:  # Windows cannot replace a file that is open
            os.close(fd)
            closed = True
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename in (tmp, None):
            raise _named(exc, path) from None
        raise
    finally:
        if not closed:
            os.close(fd)  # releases the lock, once the file has its final name


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the platform allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on every platform (Windows)
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def set_aside(path: Path, now: datetime, why: str = "corrupt") -> Path:
    """Rename a file that cannot be used (and its SQLite journal files) to ``NAME.WHY-STAMP``,
    never over an earlier one; returns the new name."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.{why}-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.{why}-{stamp}-{n}")
    os.replace(path, aside)
    for suffix in ("-journal", "-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            os.replace(sidecar, aside.with_name(aside.name + suffix))
    return aside


@contextlib.contextmanager
def immediate_transaction(
    conn: sqlite3.Connection, before_commit: str | None = None
) -> Iterator[sqlite3.Connection]:
    """One SQLite write transaction: all of it or nothing (``before_commit`` runs inside it, last).

    SQLite itself may already have rolled back (a full disk, an I/O error): the real error is
    raised, never "cannot rollback - no transaction is active".
    """
    import sqlite3

    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        if before_commit:
            conn.execute(before_commit)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
