"""1-D target densities with an exact pdf, and noise priors p_z."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

_SQRT_2PI = math.sqrt(2.0 * math.pi)


def _normal_pdf(x: np.ndarray, mean: float, std: float) -> np.ndarray:
    return np.exp(-0.5 * ((x - mean) / std) ** 2) / (std * _SQRT_2PI)


@dataclass(frozen=True)
class GaussianMixture:
    """A weighted sum of normal densities (a single Gaussian is a one-component mixture)."""

    weights: tuple[float, ...]
    means: tuple[float, ...]
    stds: tuple[float, ...]

    def __post_init__(self) -> None:
        if not (len(self.weights) == len(self.means) == len(self.stds)) or not self.weights:
            raise ValueError("a mixture needs the same positive number of weights, means and stds")
        if min(self.stds) <= 0 or min(self.weights) < 0 or not math.isclose(sum(self.weights), 1.0):
            raise ValueError("mixture stds must be > 0 and weights non-negative, summing to 1")

    def pdf(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        return sum(w * _normal_pdf(x, m, s) for w, m, s in zip(self.weights, self.means, self.stds, strict=True))

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        component = rng.choice(len(self.weights), size=n, p=np.asarray(self.weights))
        means = np.asarray(self.means)[component]
        stds = np.asarray(self.stds)[component]
        return rng.standard_normal(n) * stds + means


@dataclass(frozen=True)
class Uniform:
    low: float
    high: float

    def pdf(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        inside = (x >= self.low) & (x <= self.high)
        return np.where(inside, 1.0 / (self.high - self.low), 0.0)

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        return rng.uniform(self.low, self.high, size=n)


@dataclass(frozen=True)
class LogNormal:
    """exp(N(mu, sigma^2)): a skewed density with a long right tail."""

    mu: float
    sigma: float

    def pdf(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        positive = np.where(x > 0, x, 1.0)
        density = np.exp(-0.5 * ((np.log(positive) - self.mu) / self.sigma) ** 2) / (positive * self.sigma * _SQRT_2PI)
        return np.where(x > 0, density, 0.0)

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        return np.exp(rng.standard_normal(n) * self.sigma + self.mu)


@dataclass(frozen=True)
class Tabulated:
    """A density given by its values on an even grid over [low, high] (drawn by hand, or a KDE of loaded samples).

    Linear between the points and normalised to integrate to 1; sampling inverts its exact piecewise-quadratic CDF.
    """

    low: float
    high: float
    values: tuple[float, ...]

    def __post_init__(self) -> None:
        values = np.asarray(self.values, dtype=np.float64)
        if len(values) < 3 or not self.high > self.low:
            raise ValueError("a tabulated density needs at least 3 values over a non-empty range")
        if not np.all(np.isfinite(values)) or values.min() < 0 or values.max() <= 0:
            raise ValueError("a tabulated density needs finite, non-negative values, not all zero")
        grid = np.linspace(self.low, self.high, len(values))
        mass = np.trapezoid(values, grid)
        object.__setattr__(self, "_grid", grid)
        object.__setattr__(self, "_density", values / mass)
        pieces = 0.5 * (self._density[1:] + self._density[:-1]) * np.diff(grid)
        object.__setattr__(self, "_cdf", np.concatenate([[0.0], np.cumsum(pieces)]))

    def pdf(self, x: np.ndarray) -> np.ndarray:
        return np.interp(np.asarray(x, dtype=np.float64), self._grid, self._density, left=0.0, right=0.0)

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        u = rng.uniform(0.0, self._cdf[-1], size=n)
        i = np.clip(np.searchsorted(self._cdf, u, side="right") - 1, 0, len(self._grid) - 2)
        x0, width = self._grid[i], self._grid[i + 1] - self._grid[i]
        a, b = self._density[i], self._density[i + 1]
        slope = (b - a) / width
        rest = u - self._cdf[i]
        # Solve a*t + slope*t^2/2 = rest for t in [0, width] (the CDF is quadratic inside each piece).
        with np.errstate(divide="ignore", invalid="ignore"):
            quadratic = (-a + np.sqrt(np.maximum(a * a + 2.0 * slope * rest, 0.0))) / slope
            linear = rest / a
        t = np.where(np.abs(slope) > 1e-12, quadratic, linear)
        return x0 + np.clip(np.nan_to_num(t), 0.0, width)


@dataclass(frozen=True)
class Target:
    """A named 1-D data distribution p_data with the x-range the views draw it on."""

    key: str
    label: str
    density: GaussianMixture | Uniform | LogNormal | Tabulated
    x_range: tuple[float, float]

    def pdf(self, x: np.ndarray) -> np.ndarray:
        return self.density.pdf(x)

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        return self.density.sample(n, rng)


TARGETS: dict[str, Target] = {
    t.key: t
    for t in (
        Target("gaussian", "Gaussian", GaussianMixture((1.0,), (2.0,), (0.6,)), (-3.0, 5.0)),
        # Far from where an untrained G puts its mass (near 0): D can reject G's samples with certainty.
        Target("far_gaussian", "Gaussian, far away", GaussianMixture((1.0,), (4.0,), (0.5,)), (-2.0, 6.0)),
        Target(
            "two_modes",
            "Two modes",
            GaussianMixture((0.5, 0.5), (-2.0, 2.0), (0.5, 0.5)),
            (-4.5, 4.5),
        ),
        Target(
            "three_modes",
            "Three modes",
            GaussianMixture((1 / 3, 1 / 3, 1 / 3), (-3.0, 0.0, 3.0), (0.4, 0.4, 0.4)),
            (-5.0, 5.0),
        ),
        Target("uniform", "Uniform", Uniform(-1.0, 3.0), (-3.0, 5.0)),
        Target("lognormal", "Log-normal (skewed)", LogNormal(0.0, 0.5), (-1.0, 5.0)),
    )
}


def _uniform_noise(n: int, dim: int, generator: torch.Generator) -> torch.Tensor:
    return torch.rand(n, dim, generator=generator).mul_(2.0).sub_(1.0)


def _gaussian_noise(n: int, dim: int, generator: torch.Generator) -> torch.Tensor:
    return torch.randn(n, dim, generator=generator)


def _uniform_quantile(u: np.ndarray) -> np.ndarray:
    return 2.0 * u - 1.0


def _gaussian_quantile(u: np.ndarray) -> np.ndarray:
    from scipy.special import ndtri

    return ndtri(u)


@dataclass(frozen=True)
class NoisePrior:
    """p_z: where the generator's input z is drawn from (Figure 1 uses a uniform z)."""

    key: str
    label: str
    draw: Callable[[int, int, torch.Generator], torch.Tensor]
    quantile: Callable[[np.ndarray], np.ndarray]
    display_range: tuple[float, float]  # the part of the z line drawn under the x line

    def sample(self, n: int, dim: int, generator: torch.Generator, device: torch.device) -> torch.Tensor:
        return self.draw(n, dim, generator).to(device)

    def quantiles(self, n: int) -> np.ndarray:
        """n evenly spaced quantiles of one z coordinate: a deterministic, stratified sample."""
        return self.quantile((np.arange(n) + 0.5) / n)


NOISE_PRIORS: dict[str, NoisePrior] = {
    p.key: p
    for p in (
        NoisePrior("uniform", "Uniform(-1, 1)", _uniform_noise, _uniform_quantile, (-1.0, 1.0)),
        NoisePrior("gaussian", "Normal(0, 1)", _gaussian_noise, _gaussian_quantile, (-2.5, 2.5)),
    )
}


CUSTOM = "custom"  # the target key of a drawn or loaded density; its table travels in RunConfig.custom_density


def custom_target(low: float, high: float, values: tuple[float, ...]) -> Target:
    """A user's density, viewed over its own range with a margin of a tenth on each side."""
    margin = 0.1 * (high - low)
    return Target(CUSTOM, "Custom", Tabulated(low, high, tuple(values)), (low - margin, high + margin))
