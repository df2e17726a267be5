"""Writing a file atomically: it appears at its path complete, or the old file stays as it was. No Qt here.

Every writer of the app goes through atomic_write: session files, the metrics CSV, the sample-grid PNG, and the Qt
exports (PNG, SVG, GIF).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[str]:
    """Yield the path of a new, empty temporary file beside `path` for the caller to write.

    On a clean exit the temporary file is flushed to disk (fsync) and renamed over `path` (os.replace, atomic on one
    file system). On any failure, the caller's or ours, the temporary file is removed and `path` is left untouched.
    Our own failures (the folder cannot be written, the disk is full, the rename is refused) raise OSError with
    `path` as its filename. The temporary file gets the process's umask like any new file (mkstemp's would be 0600).
    """
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        with open(temporary, "xb"):
            pass
    except OSError as error:
        raise _naming(error, target) from error
    try:
        yield os.fspath(temporary)
        try:
            _fsync(temporary, os.O_RDWR)
            os.replace(temporary, target)
        except OSError as error:
            raise _naming(error, target) from error
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError, AttributeError):  # make the rename itself durable (POSIX only)
        _fsync(target.parent, os.O_RDONLY)


def _fsync(path: Path, mode: int) -> None:
    descriptor = os.open(path, mode | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _naming(error: OSError, target: Path) -> OSError:
    """The same error (its errno picks the subclass: PermissionError, ...) with `target` as its filename."""
    return OSError(error.errno, error.strerror or str(error), os.fspath(target))
