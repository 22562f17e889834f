"""Cache files that survive concurrency and faults: atomic ``.npz`` writes and a per-file lock.

A cache file is written to a uniquely named temporary file beside it, flushed to disk
and moved into place with :func:`os.replace`, so a reader sees the old file or the
whole new one, never a half-written one. Builders hold :func:`cache_lock` (a
``filelock`` lock file next to the cache) while they check, build and write, so two
processes building the same cache at once build it once: the second waits, then
loads what the first wrote (:func:`load_or_build` does both steps for every cache). Damage (a truncated file, garbage) is caught by the
readers through the zip format's CRC-32 of every array and answered by a rebuild.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from planner import settings

T = TypeVar("T")


def atomic_savez(path: Path, **arrays: Any) -> None:
    """Write ``arrays`` to ``path`` as a compressed ``.npz``, atomically (temporary file, then replace)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            np.savez_compressed(stream, **arrays)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def cache_lock(path: Path, *, timeout_s: float | None = None) -> Iterator[None]:
    """Hold the lock of the cache file ``path`` (``path`` + ``.lock``) while the block runs.

    Parameters
    ----------
    path
        The cache file the lock protects.
    timeout_s
        Longest wait for another builder; ``None`` uses ``settings.CACHE_LOCK_TIMEOUT_S``.
    """
    from filelock import FileLock

    path.parent.mkdir(parents=True, exist_ok=True)
    wait_s = settings.CACHE_LOCK_TIMEOUT_S if timeout_s is None else timeout_s
    with FileLock(str(path) + ".lock", timeout=wait_s):
        yield


def load_or_build(path: Path, load: Callable[[], T | None], build: Callable[[], T], *, rebuild: bool = False) -> T:
    """Return the cache at ``path`` as ``load()`` reads it, else ``build()`` it under the file's lock.

    ``load`` returns ``None`` for a cache missing, stale or damaged. Under the lock it is
    asked again, so a process that waited for another builder loads what that one wrote.
    ``build`` computes the object and writes the cache (:func:`atomic_savez`).
    ``rebuild`` skips both loads.
    """
    if not rebuild and (found := load()) is not None:
        return found
    with cache_lock(path):
        if not rebuild and (found := load()) is not None:
            return found
        return build()
