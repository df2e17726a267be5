"""Walking through G's latent space (the paper's Figure 3): paths between two z and random endpoints. No Qt here."""

from __future__ import annotations

import numpy as np

from ganlab.core.distributions import NOISE_PRIORS

PARALLEL_COS = 0.9995  # above this cosine two z are treated as parallel: slerp's formula divides by sin(angle)


def lerp(a: np.ndarray, b: np.ndarray, t: np.ndarray | float) -> np.ndarray:
    """Points on the straight line from a (t = 0) to b (t = 1); t may be a vector: one row per t."""
    t = np.asarray(t, dtype=np.float64)[..., None]
    return (1.0 - t) * np.asarray(a, dtype=np.float64) + t * np.asarray(b, dtype=np.float64)


def slerp(a: np.ndarray, b: np.ndarray, t: np.ndarray | float) -> np.ndarray:
    """Spherical interpolation: along the great circle from a to b, the norm varying linearly between theirs.

    Gaussian z concentrate near a sphere of radius sqrt(dim); the straight line between two of them passes closer
    to the origin, where G saw few training z (White 2016, "Sampling generative networks"). Parallel or zero
    vectors fall back to lerp.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    norm_a, norm_b = np.linalg.norm(a), np.linalg.norm(b)
    if norm_a == 0.0 or norm_b == 0.0:
        return lerp(a, b, t)
    unit_a, unit_b = a / norm_a, b / norm_b
    cos = float(np.clip(unit_a @ unit_b, -1.0, 1.0))
    if cos > PARALLEL_COS:
        return lerp(a, b, t)
    angle = np.arccos(cos)
    tt = t[..., None]
    direction = (np.sin((1.0 - tt) * angle) * unit_a + np.sin(tt * angle) * unit_b) / np.sin(angle)
    return direction * ((1.0 - tt) * norm_a + tt * norm_b)


INTERPOLATIONS = {"lerp": lerp, "slerp": slerp}


def latent_path(a: np.ndarray, b: np.ndarray, ts: np.ndarray, mode: str = "lerp") -> np.ndarray:
    """(len(ts), dim) points from a to b, by INTERPOLATIONS[mode]."""
    if mode not in INTERPOLATIONS:
        raise ValueError(f"mode must be one of {', '.join(INTERPOLATIONS)} (got {mode!r})")
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"endpoints must be two vectors of one length (got {a.shape} and {b.shape})")
    return INTERPOLATIONS[mode](a, b, np.asarray(ts, dtype=np.float64))


def random_z(noise: str, dim: int, rng: np.random.Generator) -> np.ndarray:
    """One z from the run's prior, by its quantile function (numpy: the GUI draws endpoints without the trainer)."""
    return NOISE_PRIORS[noise].quantile(rng.uniform(1e-6, 1.0 - 1e-6, dim)).astype(np.float64)
