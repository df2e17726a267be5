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


def silverman_bandwidth(sorted_samples: np.ndarray) -> float:
    """Silverman's rule of thumb, 0.9 min(std, IQR / 1.34) n^(-1/5): the usual KDE bandwidth for a unimodal lump.

    Takes samples already sorted (the caller sorts once for this and for W1).
    """
    n = len(sorted_samples)
    if n < 2:
        return 0.0
    q25, q75 = np.interp([0.25 * (n - 1), 0.75 * (n - 1)], np.arange(n), sorted_samples)
    with np.errstate(all="ignore"):  # huge samples from a diverging G overflow: the caller checks isfinite
        spread = min(float(np.std(sorted_samples)), float(q75 - q25) / 1.34)
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


def optimal_discriminator(p_data: np.ndarray, p_g: np.ndarray, floor: float = 1e-12) -> np.ndarray:
    """D*(x) = p_data / (p_data + p_g) (Proposition 1); NaN where neither density has mass (D* is undefined)."""
    total = p_data + p_g
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > floor, p_data / total, np.nan)


def wasserstein1(p_data: np.ndarray, x: np.ndarray, dx: float, sorted_samples: np.ndarray) -> float:
    """W1 between p_data (a density on the uniform grid x) and the empirical distribution of finite, sorted samples.

    In 1-D, W1 = integral of |F_data - F_samples|. Inside the grid both CDFs are evaluated at the bin edges; samples
    beyond the grid (where p_data is taken to be zero) add their exact distance to the nearest edge.
    """
    samples = np.asarray(sorted_samples, dtype=np.float64)
    if len(samples) == 0:
        return math.inf
    edges = np.concatenate([[x[0] - dx / 2], x + dx / 2])
    cdf_data = np.concatenate([[0.0], np.cumsum(p_data) * dx])
    cdf_data /= max(cdf_data[-1], 1e-300)
    cdf_samples = np.searchsorted(samples, edges, side="right") / len(samples)
    gaps = np.abs(cdf_data - cdf_samples)
    inside = float(np.sum(0.5 * (gaps[1:] + gaps[:-1])) * dx)
    left, right = edges[0], edges[-1]
    beyond = float(np.sum(np.clip(left - samples, 0, None)) + np.sum(np.clip(samples - right, 0, None)))
    return inside + beyond / len(samples)
