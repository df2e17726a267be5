"""Samples from a CSV or text file: numbers for a 1-D target (turned into a density: a Gaussian KDE tabulated on a
grid), or (x, y) points for the plane."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from ganlab.core import metrics

MIN_SAMPLES = 10
MAX_SAMPLES = 1_000_000
TABLE_POINTS = 200


class SampleFileError(ValueError):
    """The file cannot be used; the message names the file, the line and the problem."""


def load_samples(path: str | Path) -> np.ndarray:
    """Numbers from the first column of a CSV / text file: one per line, an optional header line, # comments."""
    samples = _read_columns(Path(path), 1)[:, 0]
    if np.ptp(samples) == 0:
        raise SampleFileError(f"{Path(path).name}: every sample is {samples[0]:g}; a density needs some spread")
    return samples


def load_points(path: str | Path) -> np.ndarray:
    """(x, y) points, float64 (n, 2), from the first two columns of a CSV / text file (header and # comments as
    load_samples)."""
    points = _read_columns(Path(path), 2)
    if np.ptp(points[:, 0]) == 0 and np.ptp(points[:, 1]) == 0:
        raise SampleFileError(f"{Path(path).name}: every point is the same; a density needs some spread")
    return points


def _read_columns(path: Path, columns: int) -> np.ndarray:
    """The first `columns` numbers of each line, as float64 (n, columns)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SampleFileError(f"{path.name}: not a text file (it is not UTF-8)") from None
    except OSError as exc:
        raise SampleFileError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    rows: list[list[float]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.split("#", 1)[0].strip()
        if not stripped:
            continue
        fields = [field.strip() for field in stripped.replace(";", ",").replace("\t", ",").split(",")]
        if len(fields) < columns:
            raise SampleFileError(
                f"{path.name}, line {number}: {len(fields)} column(s); {columns} are needed (x and y, comma-separated)"
            )
        try:
            row = [float(field) for field in fields[:columns]]
        except ValueError:
            if not rows and number == _first_content_line(text):
                continue  # a header such as "x" or "value"
            shown = next(f for f in fields[:columns] if not _is_number(f))
            raise SampleFileError(f"{path.name}, line {number}: {shown!r} is not a number") from None
        bad = next((field for field, value in zip(fields, row, strict=False) if not math.isfinite(value)), None)
        if bad is not None:
            raise SampleFileError(f"{path.name}, line {number}: {bad!r} is not a finite number")
        rows.append(row)
        if len(rows) > MAX_SAMPLES:
            raise SampleFileError(f"{path.name}: more than {MAX_SAMPLES:,} samples; use a subset")
    if len(rows) < MIN_SAMPLES:
        found = "numbers" if columns == 1 else "points"
        raise SampleFileError(f"{path.name}: {len(rows)} {found} found; at least {MIN_SAMPLES} are needed")
    return np.asarray(rows, dtype=np.float64)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _first_content_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.split("#", 1)[0].strip():
            return number
    return 0


def density_table(samples: np.ndarray, points: int = TABLE_POINTS) -> tuple[float, float, tuple[float, ...]]:
    """A Gaussian KDE of the samples (Silverman's bandwidth) on an even grid reaching 3 bandwidths past them."""
    ordered = np.sort(np.asarray(samples, dtype=np.float64))
    bandwidth = max(metrics.silverman_bandwidth(ordered), 1e-3 * float(np.ptp(ordered)))
    low, high = float(ordered[0] - 3 * bandwidth), float(ordered[-1] + 3 * bandwidth)
    grid = np.linspace(low, high, points)
    # Bin the samples finely, then smooth: exact enough and O(points^2) at worst, whatever the sample count.
    fine_edges = np.linspace(low, high, 8 * points + 1)
    counts, _ = np.histogram(ordered, bins=fine_edges)
    centres = 0.5 * (fine_edges[1:] + fine_edges[:-1])
    weights = np.exp(-0.5 * ((grid[:, None] - centres[None, :]) / bandwidth) ** 2) @ counts
    density = weights / (len(ordered) * bandwidth * math.sqrt(2 * math.pi))
    return low, high, tuple(float(v) for v in density)
