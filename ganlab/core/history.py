"""Every published snapshot of a run, kept in a bounded amount of memory, for scrubbing back through training.

Storage, per kept snapshot: its scalars as one tuple, and its arrays as float32 copies (half of float64). Arrays
that do not change within a run (the x grid, p_data, the arrow z, the histogram centres) are stored once, in
float64 and exactly, and shared by every snapshot of the run: an incoming array equal to the last stored one of
its field reuses it, so a reset that rebuilds equal arrays shares them too, and a new target stores new ones.

Retrieval builds a new Snapshot. Its arrays are float64 again (Snapshot.__post_init__ converts every array to a
read-only float64 copy, so a Snapshot cannot hold float32 arrays): the per-step arrays carry float32 precision
(about 7 significant digits; values beyond float32's range, such as a diverging G at 1e39, become inf).

No Qt here: the core must run without a display.
"""

from __future__ import annotations

import bisect
import sys
from dataclasses import fields

import numpy as np

from ganlab.core.snapshot import ARRAY_FIELDS, FrozenArrays, Scalar, Snapshot

# Arrays that stay the same for a whole run: stored once, exactly, and shared.
RUN_FIELDS = ("x", "p_data", "z", "hist_x")
SCALAR_FIELDS = tuple(f.name for f in fields(Snapshot) if f.name not in ARRAY_FIELDS)
_SHARED = tuple(name in RUN_FIELDS for name in ARRAY_FIELDS)
DEFAULT_MEMORY_CAP_BYTES = 64 * 2**20
_LIST_SLOT_BYTES = 2 * 8  # one pointer in each of the two lists (iterations, entries)
_Entry = tuple[tuple[Scalar, ...], tuple[np.ndarray, ...], int]  # a kept snapshot: scalars, arrays, its bytes


class SnapshotHistory:
    """Snapshots in iteration order. A rewind (reset, undo) truncates; past the memory cap the old half thins out.

    Iterations are strictly increasing: a snapshot whose iteration is <= the last kept one's first drops every
    kept snapshot with iteration >= its own (so a lone D step, which keeps the iteration, replaces the last one).
    When the estimate `nbytes` exceeds `memory_cap_bytes`, every other snapshot of the oldest half is dropped
    (keeping the first), repeatedly, until it fits: recent history stays dense, old history gets sparse, and
    the first and the newest snapshots are always kept.
    """

    def __init__(self, memory_cap_bytes: int = DEFAULT_MEMORY_CAP_BYTES) -> None:
        if memory_cap_bytes <= 0:
            raise ValueError(f"memory_cap_bytes must be positive, got {memory_cap_bytes}")
        self.memory_cap_bytes = int(memory_cap_bytes)
        self.clear()

    def clear(self) -> None:
        self._iterations: list[int] = []
        self._entries: list[_Entry] = []  # (scalars, arrays, entry bytes)
        self._refs: dict[int, list[np.ndarray | int]] = {}  # id(shared run array) -> [array, entries holding it]
        self._last_run_arrays: dict[str, np.ndarray] = {}  # field -> the last stored shared array
        self._array_bytes = 0
        self._entry_bytes = 0

    # ---- adding
    def add(self, snapshot: Snapshot) -> None:
        iteration = int(snapshot.iteration)
        if self._iterations and iteration <= self._iterations[-1]:
            self._truncate(bisect.bisect_left(self._iterations, iteration))
        arrays = tuple(self._store(name, getattr(snapshot, name)) for name in ARRAY_FIELDS)
        for array, shared in zip(arrays, _SHARED, strict=True):
            if shared:
                self._acquire(array)
        scalars = tuple(
            sys.intern(v) if isinstance(v, str) else v for v in (getattr(snapshot, n) for n in SCALAR_FIELDS)
        )
        entry_bytes = (
            sys.getsizeof(scalars)
            + sum(sys.getsizeof(v) for v in scalars if isinstance(v, float))
            + sys.getsizeof(arrays)
            + sum(sys.getsizeof(a) for a, shared in zip(arrays, _SHARED, strict=True) if not shared)  # data + header
            + _LIST_SLOT_BYTES
            + sys.getsizeof(iteration)
        )
        self._iterations.append(iteration)
        self._entries.append((scalars, arrays, entry_bytes))
        self._entry_bytes += entry_bytes
        while self.nbytes > self.memory_cap_bytes and self._thin():
            pass

    def _store(self, name: str, array: np.ndarray) -> np.ndarray:
        if name in RUN_FIELDS:
            last = self._last_run_arrays.get(name)
            if last is not None and np.array_equal(last, array, equal_nan=True):
                return last
            stored = np.array(array, dtype=np.float64)
            self._last_run_arrays[name] = stored
        else:
            with np.errstate(over="ignore"):
                stored = np.asarray(array).astype(np.float32)
        stored.flags.writeable = False
        return stored

    def _acquire(self, array: np.ndarray) -> None:
        ref = self._refs.get(id(array))
        if ref is None:
            self._refs[id(array)] = [array, 1]
            self._array_bytes += sys.getsizeof(array)
        else:
            ref[1] += 1

    def _release(self, array: np.ndarray) -> None:
        ref = self._refs[id(array)]
        ref[1] -= 1
        if ref[1] == 0:
            del self._refs[id(array)]
            self._array_bytes -= sys.getsizeof(array)

    def _drop_entries(self, dropped: list[_Entry]) -> None:
        for _, arrays, entry_bytes in dropped:
            for array, shared in zip(arrays, _SHARED, strict=True):
                if shared:
                    self._release(array)
            self._entry_bytes -= entry_bytes

    def _truncate(self, keep: int) -> None:
        self._drop_entries(self._entries[keep:])
        del self._entries[keep:]
        del self._iterations[keep:]

    def _thin(self) -> bool:
        """Drop every other snapshot of the oldest half (keeping the first); False when nothing can go."""
        count = len(self._entries)
        half = (count + 1) // 2 if count > 2 else 0  # never the newest: with 3, the middle one goes
        if half < 2:
            return False
        self._drop_entries(self._entries[1:half:2])
        self._entries[:half] = self._entries[0:half:2]
        self._iterations[:half] = self._iterations[0:half:2]
        return True

    # ---- reading
    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, index: int) -> Snapshot:
        """A new Snapshot (float64 arrays, read-only) rebuilt from the stored one; negative indices count back."""
        scalars, arrays, _ = self._entries[index]
        return Snapshot(
            **dict(zip(SCALAR_FIELDS, scalars, strict=True)), **dict(zip(ARRAY_FIELDS, arrays, strict=True))
        )

    def iterations(self) -> np.ndarray:
        return np.asarray(self._iterations, dtype=np.int64)

    def iteration_at(self, index: int) -> int:
        """The iteration of history[index], without rebuilding the snapshot."""
        return self._iterations[index]

    def index_of_iteration(self, iteration: int) -> int:
        """The index of the kept snapshot nearest to `iteration` (the earlier one on a tie)."""
        if not self._iterations:
            raise IndexError("the history is empty")
        right = bisect.bisect_left(self._iterations, iteration)
        if right == 0:
            return 0
        if right == len(self._iterations):
            return right - 1
        left = right - 1
        return left if iteration - self._iterations[left] <= self._iterations[right] - iteration else right

    @property
    def nbytes(self) -> int:
        """Estimated bytes held: each stored array (data and header; a shared run array once), plus the scalars."""
        return self._array_bytes + self._entry_bytes


MAX_POINTS = 4000  # beyond this every other point of a series is dropped, so drawing stays cheap on long runs


class History:
    """Columns of iteration and the named snapshot scalars (the charts' series, the metrics CSV); a rewind (reset,
    divergence undo) truncates it."""

    def __init__(self, max_points: int = MAX_POINTS, series: tuple[str, ...] = ()) -> None:
        self.max_points = max_points
        self.columns: dict[str, list[float]] = {name: [] for name in ("iteration", *series)}

    def add(self, snapshot: FrozenArrays) -> None:  # any kind's snapshot: its iteration and series by name
        iterations = self.columns["iteration"]
        if iterations and snapshot.iteration <= iterations[-1]:
            keep = int(np.searchsorted(iterations, snapshot.iteration, side="left"))
            for column in self.columns.values():
                del column[keep:]
        for name in self.columns:
            self.columns[name].append(float(getattr(snapshot, name)))
        if len(iterations) > self.max_points:
            for name, column in self.columns.items():
                self.columns[name] = column[::2]

    def clear(self) -> None:
        for column in self.columns.values():
            column.clear()

    def array(self, name: str) -> np.ndarray:
        return np.asarray(self.columns[name], dtype=np.float64)

    def __len__(self) -> int:
        return len(self.columns["iteration"])
