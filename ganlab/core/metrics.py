"""Densities and divergences on a fixed 1-D grid, exact up to the grid's resolution."""

from __future__ import annotations

import math

import numpy as np


def grid_edges(x_range: tuple[float, float], bins: int) -> np.ndarray:
    return np.linspace(x_range[0], x_range[1], bins + 1)


def gaussian_kernel(sigma_bins: float) -> np.ndarray:
    half = max(1, int(math.ceil(4 * sigma_bins)))
    offsets = np.arange(-half, half + 1, dtype=np.float64)
    kernel = np.exp(-0.5 * (offsets / sigma_bins) ** 2)
    return kernel / kernel.sum()


def silverman_bandwidth(samples: np.ndarray) -> float:
    """Silverman's rule of thumb, 0.9 min(std, IQR / 1.34) n^(-1/5): the usual KDE bandwidth for a unimodal lump."""
    n = len(samples)
    if n < 2:
        return 0.0
    q75, q25 = np.percentile(samples, [75, 25])
    with np.errstate(all="ignore"):  # huge samples from a diverging G overflow: the caller checks isfinite
        spread = min(float(np.std(samples)), float(q75 - q25) / 1.34)
    return 0.9 * spread * n ** (-0.2)


def density_from_samples(samples: np.ndarray, edges: np.ndarray, kernel: np.ndarray) -> tuple[np.ndarray, float]:
    """A smoothed histogram of samples as a density on the bin centres, and the fraction of samples outside the grid.

    The density is normalised by *all* samples, so mass that fell outside the grid is missing from it (as it should be
    for a divergence computed on the grid). A histogram plus one convolution costs ~0.1 ms for 4k samples, where a
    scipy KDE costs ~30 ms.
    """
    samples = np.asarray(samples, dtype=np.float64)
    finite = samples[np.isfinite(samples)]
    counts, _ = np.histogram(finite, bins=edges)
    n = max(len(samples), 1)
    width = edges[1] - edges[0]
    if len(kernel) > len(counts):
        raise ValueError(f"smoothing kernel ({len(kernel)} bins) is wider than the grid ({len(counts)} bins)")
    density = np.convolve(counts / (n * width), kernel, mode="same")
    outside = 1.0 - counts.sum() / n
    return density, float(outside)


def _plogp_over(p: np.ndarray, m: np.ndarray) -> np.ndarray:
    """p * log(p / m) with 0 log 0 = 0."""
    safe = p > 0
    out = np.zeros_like(p)
    out[safe] = p[safe] * np.log(p[safe] / m[safe])
    return out


def jsd(p: np.ndarray, q: np.ndarray, dx: float, q_outside: float = 0.0) -> float:
    """Jensen-Shannon divergence in nats between densities p and q sampled on a uniform grid of spacing dx.

    q_outside is q's probability mass beyond the grid, where p is taken to be zero: that mass adds
    0.5 * q_outside * log 2 exactly. Bounded by log 2 (disjoint supports).
    """
    p = np.asarray(p, dtype=np.float64)
    q = np.asarray(q, dtype=np.float64)
    m = 0.5 * (p + q)
    inside = 0.5 * (_plogp_over(p, m).sum() + _plogp_over(q, m).sum()) * dx
    return float(min(max(inside + 0.5 * q_outside * math.log(2.0), 0.0), math.log(2.0)))


def kl(p: np.ndarray, q: np.ndarray, dx: float) -> float:
    """KL(p || q) in nats on a uniform grid; infinite where p has mass and q has none."""
    p = np.asarray(p, dtype=np.float64)
    q = np.asarray(q, dtype=np.float64)
    if np.any((p > 0) & (q <= 0)):
        return math.inf
    return float(_plogp_over(p, q).sum() * dx)
