"""1-D samples from a CSV or text file, turned into a target density (a Gaussian KDE tabulated on a grid)."""

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
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SampleFileError(f"{path.name}: not a text file (it is not UTF-8)") from None
    except OSError as exc:
        raise SampleFileError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    values: list[float] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.split("#", 1)[0].strip()
        if not stripped:
            continue
        first = stripped.replace(";", ",").replace("\t", ",").split(",")[0].strip()
        try:
            value = float(first)
        except ValueError:
            if not values and number == _first_content_line(text):
                continue  # a header such as "x" or "value"
            raise SampleFileError(f"{path.name}, line {number}: {first!r} is not a number") from None
        if not math.isfinite(value):
            raise SampleFileError(f"{path.name}, line {number}: {first!r} is not a finite number")
        values.append(value)
        if len(values) > MAX_SAMPLES:
            raise SampleFileError(f"{path.name}: more than {MAX_SAMPLES:,} samples; use a subset")
    if len(values) < MIN_SAMPLES:
        raise SampleFileError(f"{path.name}: {len(values)} numbers found; at least {MIN_SAMPLES} are needed")
    samples = np.asarray(values)
    if np.ptp(samples) == 0:
        raise SampleFileError(f"{path.name}: every sample is {samples[0]:g}; a density needs some spread")
    return samples


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
