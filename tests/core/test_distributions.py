import math

import numpy as np
import pytest
import torch
from scipy import integrate, stats

from ganlab.core.distributions import NOISE_PRIORS, TARGETS, GaussianMixture, LogNormal, Uniform


@pytest.mark.parametrize("key", list(TARGETS))
def test_every_target_pdf_integrates_to_one_inside_its_view(key):
    target = TARGETS[key]
    low, high = target.x_range
    # Uniform's kinks need the breakpoints; quad handles the smooth ones directly.
    mass, _ = integrate.quad(target.pdf, low, high, points=[-1.0, 3.0], limit=200)
    assert mass == pytest.approx(1.0, abs=2e-3)


def test_pdf_exact_values():
    assert GaussianMixture((1.0,), (2.0,), (0.6,)).pdf(np.array([2.0]))[0] == pytest.approx(
        1 / (0.6 * math.sqrt(2 * math.pi)), rel=1e-12
    )
    two = GaussianMixture((0.25, 0.75), (-1.0, 1.0), (1.0, 0.5))
    x = np.array([-1.0, 0.3, 2.0])
    expected = 0.25 * stats.norm.pdf(x, -1, 1) + 0.75 * stats.norm.pdf(x, 1, 0.5)
    np.testing.assert_allclose(two.pdf(x), expected, rtol=1e-12)
    np.testing.assert_allclose(Uniform(-1.0, 3.0).pdf(np.array([-1.5, 0.0, 2.9, 3.5])), [0, 0.25, 0.25, 0])
    lognormal = LogNormal(0.0, 0.5)
    np.testing.assert_allclose(
        lognormal.pdf(np.array([-1.0, 0.0, 1.0, 2.5])), [0, 0, *stats.lognorm.pdf([1.0, 2.5], s=0.5)], rtol=1e-12
    )


@pytest.mark.parametrize("key", list(TARGETS))
def test_samples_follow_the_pdf(key):
    target = TARGETS[key]
    samples = target.sample(20000, np.random.default_rng(0))
    grid = np.linspace(*target.x_range, 4001)
    pdf = target.pdf(grid)
    mean = np.trapezoid(grid * pdf, grid)
    std = math.sqrt(np.trapezoid((grid - mean) ** 2 * pdf, grid))
    assert samples.mean() == pytest.approx(mean, abs=4 * std / math.sqrt(20000))
    assert samples.std() == pytest.approx(std, rel=0.03)


def test_sampling_is_seeded():
    target = TARGETS["two_modes"]
    a = target.sample(100, np.random.default_rng(7))
    b = target.sample(100, np.random.default_rng(7))
    c = target.sample(100, np.random.default_rng(8))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_noise_priors():
    uniform, gaussian = NOISE_PRIORS["uniform"], NOISE_PRIORS["gaussian"]
    z = uniform.sample(10000, 3, torch.Generator().manual_seed(0), torch.device("cpu"))
    assert z.shape == (10000, 3)
    assert float(z.min()) >= -1.0 and float(z.max()) <= 1.0
    assert float(z.mean()) == pytest.approx(0.0, abs=0.03)
    g = gaussian.sample(10000, 1, torch.Generator().manual_seed(0), torch.device("cpu"))
    assert float(g.std()) == pytest.approx(1.0, abs=0.03)
    np.testing.assert_allclose(uniform.quantiles(4), [-0.75, -0.25, 0.25, 0.75])
    np.testing.assert_allclose(gaussian.quantiles(3), stats.norm.ppf([1 / 6, 0.5, 5 / 6]), rtol=1e-12)
