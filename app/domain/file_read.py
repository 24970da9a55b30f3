"""Reading a data file's bytes safely: a regular file only, and no larger than the readers accept.

Kept apart from the YAML reader so that a start whose catalog comes from the cache does not import
PyYAML at all (``catalog_cache``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import DataFileError, Problem

MAX_BYTES = 2 * 1024 * 1024  # the shipped catalog is a few hundred KiB

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))  # fmt: skip


def read_file_bytes(
    path: str | Path, filename: str, error_type: type[DataFileError] = DataFileError
) -> bytes:
    """The file's bytes, refusing anything but a regular file (a FIFO would block forever) and
    oversized files before reading them."""
    path = Path(path)
    try:
        # Non-blocking: opening a FIFO for reading would otherwise wait for a writer, forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as stream:
            mode = os.fstat(stream.fileno()).st_mode
            if not stat.S_ISREG(mode):
                kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
                message = f"cannot read the file: it is {kind}, not a regular file"
                raise error_type([Problem(filename, 1, 1, "", message)])
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_BYTES:
                raise error_type([Problem(filename, 1, 1, "", too_big(size))])
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise error_type(
            [Problem(filename, 1, 1, "", f"cannot read the file: {exc.strerror or exc}")]
        ) from None
    if len(data) > MAX_BYTES:  # grew while we read it, or a special file
        raise error_type([Problem(filename, 1, 1, "", too_big(len(data)))])
    return data


def too_big(size: int) -> str:
    return f"file too large: {size} bytes (the limit is {MAX_BYTES} bytes)"
