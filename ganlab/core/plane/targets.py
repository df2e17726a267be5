"""2-D data distributions p_data for the plane, each with an exact density and the exact mass of any grid cell.

Every target's density is held as a mixture of axis-aligned Gaussians, because that one form gives both the pdf at a
point and the probability of a grid cell (a product of two normal-CDF differences per component) without sampling:
- mixtures are their own components (GAN Lab's two Gaussians and three blobs, ring-8, grid-25, a user's points);
- a curve c(u), u ~ U(0, 1), blurred by isotropic noise N(0, s^2 I) (GAN Lab's line and ring, the swiss roll) has the
  density p(x) = integral of N(x; c(u), s^2 I) du, which no closed form gives for the ring and the roll. A quadrature
  in u turns it into a mixture: its nodes are the components. Periodic curves use the trapezoid rule (exponentially
  accurate), open ones Gauss-Legendre panels at most one s long; the tests hold the result to a closed form (line)
  and to a four times finer rule.
Samples always come from the generating process itself (u, then noise), never from the quadrature nodes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
from scipy.special import ndtr

from ganlab.core.i18n import N_

Bounds = tuple[tuple[float, float], tuple[float, float]]  # ((xmin, xmax), (ymin, ymax)): the part of the plane shown
Curve = Callable[[torch.Tensor], torch.Tensor]  # u in [0, 1], shape (n,) float64 -> points (n, 2)

CHUNK_ELEMENTS = 4_000_000  # points x components per step of pdf(): bounds its memory (~100 MB) for big mixtures
PERIODIC_NODES = 256  # GAN Lab's ring: node spacing 0.27 noise s, far finer than the trapezoid rule needs
PANEL_SIGMAS = 1.0  # open curves: Gauss-Legendre panels at most this many noise s long ...
PANEL_ORDER = 4  # ... with this many nodes each
ARC_TABLE = 20_001  # points of the table that finds where equal arc lengths fall in u
MAX_CUSTOM_POINTS = 20_000  # a user's points: the density costs (cells x points) once per run
CUSTOM_JITTER = 0.02  # GAN Lab's drawing jitter on its unit canvas, here 2% of the points' larger extent


@dataclass(frozen=True, eq=False)
class Mixture2D:
    """sum_k w_k N(mean_k, diag(std_k^2)) in the plane: the exact form of every target's density."""

    weights: np.ndarray  # (K,), summing to 1
    means: np.ndarray  # (K, 2)
    stds: np.ndarray  # (K, 2): each component's standard deviation along x and along y

    def pdf(self, points: np.ndarray) -> np.ndarray:
        """The density at each of (m, 2) points, (m,); 0 at non-finite points."""
        points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        out = np.zeros(len(points))
        finite = np.flatnonzero(np.isfinite(points).all(axis=1))
        # sum_a (x_a - mu_ka)^2 / s_ka^2 as one matrix product of [x_a^2, x_a, 1] with per-component coefficients:
        # BLAS instead of a (m, K, 2) temporary, 5x faster. Centred first, so no large |x| / s cancels badly.
        centre = self.means.mean(axis=0)
        means, inverse = self.means - centre, 1.0 / self.stds**2
        coefficients = np.concatenate(
            [inverse, -2.0 * means * inverse, np.sum(means**2 * inverse, axis=1, keepdims=True)], axis=1
        ).T  # (5, K)
        scale = self.weights / (2.0 * math.pi * self.stds[:, 0] * self.stds[:, 1])
        chunk = max(1, CHUNK_ELEMENTS // len(self.weights))
        for start in range(0, len(finite), chunk):
            rows = finite[start : start + chunk]
            x = points[rows] - centre
            features = np.concatenate([x**2, x, np.ones((len(x), 1))], axis=1)  # (chunk, 5)
            squared = np.maximum(features @ coefficients, 0.0)  # rounding can dip just below 0 at a component's mean
            out[rows] = np.exp(-0.5 * squared) @ scale
        return out

    def cell_mass(self, x_edges: np.ndarray, y_edges: np.ndarray) -> np.ndarray:
        """The exact probability of each cell [x_i, x_i+1] x [y_j, y_j+1], shape (nx, ny): indexed [ix, iy]."""
        px = _interval_mass(np.asarray(x_edges, dtype=np.float64), self.means[:, 0], self.stds[:, 0])  # (K, nx)
        py = _interval_mass(np.asarray(y_edges, dtype=np.float64), self.means[:, 1], self.stds[:, 1])  # (K, ny)
        return (px * self.weights[:, None]).T @ py


def _interval_mass(edges: np.ndarray, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    """P(edges[i] < N(mean_k, std_k^2) < edges[i+1]) per component k and interval i, accurate far in both tails."""
    z = (edges[None, :] - mean[:, None]) / std[:, None]
    low, high = z[:, :-1], z[:, 1:]
    # Right of the mean 1 - ndtr rounds to 0 beyond ~8 sigma; ndtr(-z) keeps the tail's tiny but real mass.
    return np.where(low > 0, ndtr(-low) - ndtr(-high), ndtr(high) - ndtr(low))


@dataclass(frozen=True, eq=False)
class PlaneTarget:
    """A named 2-D data distribution: how to sample it, its exact density, the view's bounds and, for mixtures of
    equal round Gaussians, the modes and their s (what the mode metrics count against)."""

    key: str
    label: str
    draw: Callable[[int, torch.Generator], torch.Tensor]  # the generating process: (n, generator) -> (n, 2) float64
    mixture: Mixture2D
    bounds: Bounds
    modes: np.ndarray | None = None  # (k, 2) mode centres
    sigma: float | None = None  # every mode's standard deviation (round Gaussians)
    mode_weights: np.ndarray | None = None  # (k,) the true probability of each mode

    def sample(self, n: int, generator: torch.Generator) -> torch.Tensor:
        """n samples as a (n, 2) float32 tensor on the CPU, drawn with the given torch generator."""
        return self.draw(n, generator).to(torch.float32)

    def density(self, points: np.ndarray) -> np.ndarray:
        """The exact pdf at (m, 2) points, shape (m,) (see the module docstring for the curves' quadrature)."""
        return self.mixture.pdf(points)

    def cell_mass(self, x_edges: np.ndarray, y_edges: np.ndarray) -> np.ndarray:
        """The exact probability of each grid cell, (nx, ny) indexed [ix, iy]."""
        return self.mixture.cell_mass(x_edges, y_edges)


# ---- the generating processes


def _mixture_sampler(weights: np.ndarray, means: np.ndarray, stds: np.ndarray) -> Callable:
    cumulative = torch.as_tensor(np.cumsum(weights) / np.sum(weights), dtype=torch.float64)
    means_t = torch.as_tensor(means, dtype=torch.float64)
    stds_t = torch.as_tensor(stds, dtype=torch.float64)

    def draw(n: int, generator: torch.Generator) -> torch.Tensor:
        u = torch.rand(n, generator=generator, dtype=torch.float64)
        component = torch.searchsorted(cumulative, u, right=True).clamp_(max=len(cumulative) - 1)
        noise = torch.randn(n, 2, generator=generator, dtype=torch.float64)
        return means_t[component] + stds_t[component] * noise

    return draw


def _curve_sampler(curve: Curve, sigma: float) -> Callable:
    def draw(n: int, generator: torch.Generator) -> torch.Tensor:
        u = torch.rand(n, generator=generator, dtype=torch.float64)
        return curve(u) + sigma * torch.randn(n, 2, generator=generator, dtype=torch.float64)

    return draw


def _curve_nodes(curve: Curve, sigma: float, periodic: bool, panel_sigmas: float, order: int) -> tuple:
    """Quadrature nodes u and weights (summing to 1) for integrating over u ~ U(0, 1) along the curve."""
    if periodic:
        return (np.arange(PERIODIC_NODES) + 0.5) / PERIODIC_NODES, np.full(PERIODIC_NODES, 1.0 / PERIODIC_NODES)
    table_u = np.linspace(0.0, 1.0, ARC_TABLE)
    table = curve(torch.as_tensor(table_u)).numpy()
    arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(table, axis=0), axis=1))])
    panels = max(1, math.ceil(arc[-1] / (panel_sigmas * sigma)))
    # Panels of equal arc length, so a fast stretch of the curve gets as many nodes per s as a slow one.
    breaks = np.interp(np.linspace(0.0, arc[-1], panels + 1), arc, table_u)
    x, w = np.polynomial.legendre.leggauss(order)
    low, width = breaks[:-1, None], np.diff(breaks)[:, None]
    return (low + width * (x + 1.0) / 2.0).ravel(), (width * w / 2.0).ravel()


def curve_mixture(
    curve: Curve, sigma: float, periodic: bool, panel_sigmas: float = PANEL_SIGMAS, order: int = PANEL_ORDER
) -> Mixture2D:
    """The density of curve(U) + N(0, sigma^2 I) as a mixture over quadrature nodes (finer: smaller panel_sigmas)."""
    u, w = _curve_nodes(curve, sigma, periodic, panel_sigmas, order)
    means = curve(torch.as_tensor(u, dtype=torch.float64)).numpy()
    return Mixture2D(w / w.sum(), means, np.full_like(means, sigma))


def _mixture_target(key: str, label: str, weights, means, stds, bounds: Bounds, modes: bool = False) -> PlaneTarget:
    weights = np.asarray(weights, dtype=np.float64)
    weights = weights / weights.sum()
    means = np.asarray(means, dtype=np.float64).reshape(-1, 2)
    stds = np.broadcast_to(np.asarray(stds, dtype=np.float64), means.shape).copy()
    round_equal = modes and np.all(stds == stds[0, 0])
    return PlaneTarget(
        key,
        label,
        _mixture_sampler(weights, means, stds),
        Mixture2D(weights, means, stds),
        bounds,
        modes=means if round_equal else None,
        sigma=float(stds[0, 0]) if round_equal else None,
        mode_weights=weights if round_equal else None,
    )


def _curve_target(key: str, label: str, curve: Curve, sigma: float, periodic: bool, bounds: Bounds) -> PlaneTarget:
    return PlaneTarget(key, label, _curve_sampler(curve, sigma), curve_mixture(curve, sigma, periodic), bounds)


# ---- the curves. GAN Lab's are as poloclub/ganlab's demo/ganlab_input_providers.ts draws them on its unit canvas.


def gan_lab_line(u: torch.Tensor) -> torch.Tensor:
    return torch.stack([0.8 - 0.75 * u, 0.6 + 0.3 * u], dim=1)


def gan_lab_ring(u: torch.Tensor) -> torch.Tensor:
    angle = 2.0 * math.pi * u  # an ellipse: radii 0.3 and 0.25 around (0.5, 0.45)
    return torch.stack([0.5 + 0.3 * torch.cos(angle), 0.45 + 0.25 * torch.sin(angle)], dim=1)


SWISS_SCALE = 0.2  # scikit-learn's roll spans about [-9.5, 14.2]; a fifth of it fits a view like ring-8's
SWISS_NOISE = 0.25  # make_swiss_roll(noise=0.25): added to every coordinate before our scaling


def swiss_roll(u: torch.Tensor) -> torch.Tensor:
    """scikit-learn's make_swiss_roll without its noise: t = 1.5 pi (1 + 2u), coordinates 0 and 2, scaled."""
    t = 1.5 * math.pi * (1.0 + 2.0 * u)
    return SWISS_SCALE * torch.stack([t * torch.cos(t), t * torch.sin(t)], dim=1)


UNIT: Bounds = ((0.0, 1.0), (0.0, 1.0))  # GAN Lab's canvas


def _ring8() -> PlaneTarget:
    angles = 2.0 * np.pi * np.arange(8) / 8
    means = 2.0 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    return _mixture_target(
        "ring8", N_("Ring of 8 Gaussians"), np.ones(8), means, 0.02, ((-2.5, 2.5), (-2.5, 2.5)), True
    )


def _grid25() -> PlaneTarget:
    means = [(x, y) for x in (-4.0, -2.0, 0.0, 2.0, 4.0) for y in (-4.0, -2.0, 0.0, 2.0, 4.0)]
    return _mixture_target(
        "grid25", N_("Grid of 25 Gaussians"), np.ones(25), means, 0.05, ((-5.0, 5.0), (-5.0, 5.0)), True
    )


PLANE_TARGETS: dict[str, PlaneTarget] = {
    t.key: t
    for t in (
        _curve_target("line", N_("Line (GAN Lab)"), gan_lab_line, 0.01, False, UNIT),
        # GAN Lab's "gaussians": two elongated blobs; about 1.2% of the mass falls outside its unit canvas.
        _mixture_target(
            "gaussians",
            N_("Two Gaussians (GAN Lab)"),
            (0.5, 0.5),
            ((0.3, 0.7), (0.7, 0.4)),
            ((0.1, 0.1), (0.05, 0.2)),
            UNIT,
        ),
        _curve_target("ring", N_("Ring (GAN Lab)"), gan_lab_ring, 0.025, True, UNIT),
        # GAN Lab's "disjoint": three small round blobs, chosen with probabilities 0.333, 0.333, 0.334.
        _mixture_target(
            "disjoint",
            N_("Three disjoint blobs (GAN Lab)"),
            (0.333, 0.333, 0.334),
            ((0.35, 0.75), (0.75, 0.6), (0.45, 0.35)),
            0.025,
            UNIT,
            True,
        ),
        _ring8(),
        _grid25(),
        _curve_target(
            "swiss_roll", N_("Swiss roll"), swiss_roll, SWISS_NOISE * SWISS_SCALE, False, ((-2.7, 3.3), (-2.7, 3.3))
        ),
    )
}

CUSTOM = "custom"  # the target key of a user's points (a drawing or a two-column file)


def custom_points(points: np.ndarray, jitter: float | None = None) -> PlaneTarget:
    """A user's points as a distribution: a point chosen uniformly, plus N(0, jitter^2 I) (as GAN Lab's drawing does).

    Its density is exactly the Gaussian KDE of the points with bandwidth jitter. jitter defaults to 2% of the points'
    larger extent (GAN Lab: 0.02 on its unit canvas); 0.02 for a single point. The view spans the points with a tenth
    of their extent and three jitters to spare on each side, as a square. ValueError for anything unusable.
    """
    try:
        array = np.asarray(points, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("points must be pairs (x, y) of numbers") from None
    if array.size == 0:
        raise ValueError("there are no points: draw on the plane, or load a file with two columns of numbers")
    if array.ndim != 2 or array.shape[1] != 2:
        raise ValueError(f"points must be pairs (x, y): got an array of shape {array.shape}")
    if len(array) > MAX_CUSTOM_POINTS:
        raise ValueError(f"{len(array)} points are more than the {MAX_CUSTOM_POINTS} a density is built from")
    if not np.all(np.isfinite(array)):
        raise ValueError("every point needs two finite numbers")
    extent = float(np.max(array.max(axis=0) - array.min(axis=0)))
    if jitter is None:
        jitter = CUSTOM_JITTER * extent if extent > 0 else CUSTOM_JITTER
    if not jitter > 0 or not math.isfinite(jitter):
        raise ValueError(f"the jitter must be a positive number (got {jitter!r})")
    centre = 0.5 * (array.max(axis=0) + array.min(axis=0))
    half = 0.5 * extent * 1.2 + 3.0 * jitter
    bounds = tuple((float(c - half), float(c + half)) for c in centre)
    weights = np.full(len(array), 1.0 / len(array))
    stds = np.full_like(array, jitter)
    return PlaneTarget(
        CUSTOM, N_("Your points"), _mixture_sampler(weights, array, stds), Mixture2D(weights, array, stds), bounds
    )
