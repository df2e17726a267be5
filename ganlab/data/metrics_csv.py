"""The run's metrics as a CSV file: one row per kept point, iteration first, floats at full (repr) precision.

No Qt here: the CLI and the tests write these files without a display. Written through ganlab.data.atomic: a file
appears at its path complete, or not at all.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Mapping, Sequence
from numbers import Integral, Real

from ganlab.core.snapshot import Snapshot
from ganlab.data.atomic import atomic_write

METRIC_FIELDS = (
    "d_loss",
    "g_loss",
    "g_grad_norm",
    "jsd",
    "kl",
    "kl_reverse",
    "w1",
    "value",
    "c_of_g",
    "d_acc_real",
    "d_acc_fake",
)
ITERATION = "iteration"


def _format(value: object, integral: bool) -> str:
    if isinstance(value, bool):
        raise TypeError(f"a metric must be a number, got the bool {value!r}")
    if isinstance(value, Integral):
        return str(int(value))
    if not isinstance(value, Real):
        raise TypeError(f"a metric must be a number, got {type(value).__name__} {value!r}")
    number = float(value)
    if integral and number.is_integer():
        return str(int(number))
    return repr(number)  # shortest round-tripping text; 'nan', 'inf', '-inf' for the non-finite


def write_metrics_csv(columns: Mapping[str, Sequence[float]], path: str | os.PathLike[str]) -> None:
    """One header row of the column names ('iteration' first when present), then one row per point.

    Floats are written with repr (they read back bit-exact), NaN and infinities as nan / inf / -inf, whole
    iterations as integers. ValueError when the columns differ in length; OSError (naming the path) when the file
    cannot be written, in which case nothing is left at `path`.
    """
    names = list(columns)
    if ITERATION in names:
        names.remove(ITERATION)
        names.insert(0, ITERATION)
    lengths = {name: len(columns[name]) for name in names}
    if len(set(lengths.values())) > 1:
        raise ValueError(f"the metric columns differ in length: {lengths}")
    rows = zip(*(columns[name] for name in names), strict=True) if names else iter(())
    with atomic_write(path) as temporary:
        with open(temporary, "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(names)
            for row in rows:
                writer.writerow([_format(v, name == ITERATION) for name, v in zip(names, row, strict=True)])


def snapshots_to_columns(snapshots: Iterable[Snapshot]) -> dict[str, list[float]]:
    """Columns for write_metrics_csv: the iteration (int) and each scalar metric (float) of every snapshot.

    Accepts a list of snapshots or a SnapshotHistory (anything iterable); iterations are taken as they come.
    """
    columns: dict[str, list[float]] = {name: [] for name in (ITERATION, *METRIC_FIELDS)}
    for snapshot in snapshots:
        columns[ITERATION].append(int(snapshot.iteration))
        for name in METRIC_FIELDS:
            columns[name].append(float(getattr(snapshot, name)))
    return columns


def read_metrics_csv(path: str | os.PathLike[str]) -> dict[str, list[float]]:
    """The columns of a file written by write_metrics_csv, as floats (float() reads nan / inf back)."""
    with open(path, newline="", encoding="utf-8") as file:
        reader = csv.reader(file)
        names = next(reader, [])
        columns: dict[str, list[float]] = {name: [] for name in names}
        for line, row in enumerate(reader, start=2):
            if len(row) != len(names):
                raise ValueError(f"{os.fspath(path)!r} line {line}: {len(row)} values for {len(names)} columns")
            for name, text in zip(names, row, strict=True):
                columns[name].append(float(text))
    return columns


__all__ = [
    "METRIC_FIELDS",
    "read_metrics_csv",
    "snapshots_to_columns",
    "write_metrics_csv",
]
