import math

import numpy as np
import pytest
from scipy import integrate, stats

from ganlab.core import metrics


def _grid(low=-10.0, high=10.0, bins=4000):
    edges = metrics.grid_edges((low, high), bins)
    return 0.5 * (edges[1:] + edges[:-1]), edges, edges[1] - edges[0]


def test_jsd_is_zero_for_equal_and_log2_for_disjoint():
    x, _, dx = _grid()
    p = stats.norm.pdf(x, 0, 1)
    assert metrics.jsd(p, p, dx) == pytest.approx(0.0, abs=1e-12)
    q = stats.norm.pdf(x, 8.5, 0.2)
    a = stats.norm.pdf(x, -8.5, 0.2)
    assert metrics.jsd(a, q, dx) == pytest.approx(math.log(2), abs=1e-6)


def test_jsd_matches_quadrature():
    x, _, dx = _grid()
    p, q = stats.norm.pdf(x, 0, 1), stats.norm.pdf(x, 1, 1.5)

    def integrand(t):
        a, b = stats.norm.pdf(t, 0, 1), stats.norm.pdf(t, 1, 1.5)
        m = 0.5 * (a + b)
        return 0.5 * (a * math.log(a / m) + b * math.log(b / m))

    exact, _ = integrate.quad(integrand, -10, 10, limit=200)
    assert metrics.jsd(p, q, dx) == pytest.approx(exact, rel=1e-4)
    assert 0.05 < exact < 0.2  # a meaningful case, not a degenerate one


def test_mass_outside_the_grid_counts_exactly():
    x, _, dx = _grid(-5, 5)
    p = stats.norm.pdf(x, 0, 1)
    assert metrics.jsd(p, np.zeros_like(p), dx, q_outside=1.0) == pytest.approx(math.log(2), abs=1e-6)
    half = 0.5 * p
    # q = half of p inside + half its mass outside, where p = 0: JSD = 0.5 * [ ... ] closed form
    expected = 0.5 * (math.log(1 / 0.75)) + 0.5 * (0.5 * math.log(0.5 / 0.75) + 0.5 * math.log(2))
    assert metrics.jsd(p, half, dx, q_outside=0.5) == pytest.approx(expected, rel=1e-3)


def test_kl_of_two_gaussians():
    x, _, dx = _grid()
    p, q = stats.norm.pdf(x, 0, 1), stats.norm.pdf(x, 1, 1)
    assert metrics.kl(p, q, dx) == pytest.approx(0.5, rel=1e-4)
    assert metrics.kl(q, p, dx) == pytest.approx(0.5, rel=1e-4)
    assert metrics.kl(p, np.where(x > 0, q, 0.0), dx) == math.inf


def test_density_from_samples():
    _, edges, dx = _grid(-3, 3, 300)
    samples = np.concatenate([np.random.default_rng(0).normal(0, 0.5, 9000), np.full(1000, 50.0), [np.nan]])
    density, outside = metrics.density_from_samples(samples, edges, metrics.gaussian_kernel(2.0))
    assert outside == pytest.approx(1001 / 10001, abs=1e-12)  # the far samples and the NaN
    assert density.sum() * dx == pytest.approx(9000 / 10001, abs=1e-3)
    centres = 0.5 * (edges[1:] + edges[:-1])
    truth = stats.norm.pdf(centres, 0, 0.5) * 9000 / 10001
    assert np.abs(density - truth).max() < 0.08  # sampling noise at the peak (0.72) is ~0.04
    assert np.abs(density - truth).max() > 1e-3  # and it is an estimate, not the pdf itself


def test_silverman_bandwidth():
    samples = np.sort(np.random.default_rng(1).normal(0, 2.0, 5000))
    expected = 0.9 * min(samples.std(), stats.iqr(samples) / 1.34) * 5000 ** (-0.2)
    assert metrics.silverman_bandwidth(samples) == pytest.approx(expected, rel=1e-12)
    assert metrics.silverman_bandwidth(np.array([1.0])) == 0.0


def test_wasserstein1_of_a_shift_is_the_shift():
    x, _, dx = _grid(-10, 10, 4000)
    p = stats.norm.pdf(x, 0, 1)
    u = (np.arange(20000) + 0.5) / 20000
    shifted = stats.norm.ppf(u, 0.7, 1)  # stratified samples of N(0.7, 1)
    assert metrics.wasserstein1(p, x, dx, shifted) == pytest.approx(0.7, abs=2e-3)
    assert metrics.wasserstein1(p, x, dx, stats.norm.ppf(u, 0, 1)) == pytest.approx(0.0, abs=2e-3)


def test_wasserstein1_counts_samples_beyond_the_grid():
    x, _, dx = _grid(-5, 5, 2000)
    p = stats.norm.pdf(x, 0, 0.5)
    far = np.full(100, 25.0)  # every sample 25 away from the data's centre, 20 beyond the grid's edge
    assert metrics.wasserstein1(p, x, dx, far) == pytest.approx(25.0, abs=1e-2)


def test_optimal_discriminator():
    p = np.array([0.0, 1.0, 2.0, 0.0])
    q = np.array([0.0, 1.0, 0.0, 3.0])
    d_star = metrics.optimal_discriminator(p, q)
    assert np.isnan(d_star[0])
    np.testing.assert_array_equal(d_star[1:], [0.5, 1.0, 0.0])
