"""The plane's data distributions: exact densities that integrate to 1, samples where the density is, GAN Lab's and
the papers' definitions, a user's points."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from scipy.special import ndtr

from ganlab.core.distributions import NOISE_PRIORS
from ganlab.core.plane.targets import (
    CUSTOM,
    PLANE_TARGETS,
    curve_mixture,
    custom_points,
    gan_lab_ring,
    swiss_roll,
)


def mesh(bounds, step: float) -> tuple[np.ndarray, float]:
    (x0, x1), (y0, y1) = bounds
    xs = np.arange(x0 + step / 2, x1, step)
    ys = np.arange(y0 + step / 2, y1, step)
    grid = np.stack(np.meshgrid(xs, ys, indexing="ij"), axis=-1).reshape(-1, 2)
    return grid, step * step


@pytest.mark.parametrize("key", list(PLANE_TARGETS))
def test_each_density_integrates_to_one(key):
    target = PLANE_TARGETS[key]
    stds = target.mixture.stds
    margin = 6.0 * stds.max()  # GAN Lab's two Gaussians reach beyond its unit canvas
    (x0, x1), (y0, y1) = target.bounds
    # A midpoint rule with cells of half the narrowest s: exact to far below 1e-6 for Gaussians.
    points, area = mesh(((x0 - margin, x1 + margin), (y0 - margin, y1 + margin)), 0.5 * stds.min())
    assert target.density(points).sum() * area == pytest.approx(1.0, abs=1e-4)


@pytest.mark.parametrize("key", list(PLANE_TARGETS))
def test_samples_land_where_the_density_is(key):
    target = PLANE_TARGETS[key]
    samples = target.sample(50_000, torch.Generator().manual_seed(1))
    assert samples.dtype == torch.float32 and samples.shape == (50_000, 2)
    (x0, x1), (y0, y1) = target.bounds
    x_edges, y_edges = np.linspace(x0, x1, 17), np.linspace(y0, y1, 17)
    expected = target.cell_mass(x_edges, y_edges)
    counts, _, _ = np.histogram2d(samples[:, 0].numpy(), samples[:, 1].numpy(), bins=(x_edges, y_edges))
    # Total variation between the sample histogram and the exact cell masses on 16 x 16 cells (plus the outside).
    # Its sampling noise is at most 0.5 sqrt(2 * 257 / (pi * 50000)) = 0.029; a wrong density would be far off.
    outside_gap = abs((1 - counts.sum() / 50_000) - (1 - expected.sum()))
    tv = 0.5 * (np.abs(counts / 50_000 - expected).sum() + outside_gap)
    assert 0.0 <= tv < 0.03
    other = PLANE_TARGETS["disjoint" if key != "disjoint" else "line"]
    wrong = other.cell_mass(x_edges, y_edges)
    assert 0.5 * np.abs(counts / 50_000 - wrong).sum() > 0.3  # the test can tell distributions apart


def test_the_gan_lab_line_matches_its_closed_form():
    # A segment A -> B blurred by N(0, s^2 I): along it (Phi((L - a)/s) - Phi(-a/s)) / L, across it N(d; 0, s^2).
    target = PLANE_TARGETS["line"]
    a, b, s = np.array([0.8, 0.6]), np.array([0.05, 0.9]), 0.01
    length = float(np.linalg.norm(b - a))
    along_unit = (b - a) / length
    points = target.sample(2000, torch.Generator().manual_seed(2)).numpy().astype(np.float64)
    along = (points - a) @ along_unit
    across = (points - a) @ np.array([-along_unit[1], along_unit[0]])
    exact = (ndtr((length - along) / s) - ndtr(-along / s)) / length * np.exp(-0.5 * (across / s) ** 2)
    exact /= s * math.sqrt(2 * math.pi)
    np.testing.assert_allclose(target.density(points), exact, rtol=1e-6)


def test_the_curves_quadrature_matches_a_finer_rule():
    ring = PLANE_TARGETS["ring"]
    points = ring.sample(1000, torch.Generator().manual_seed(3)).numpy().astype(np.float64)
    u = (np.arange(4096) + 0.5) / 4096  # 16 times the nodes
    centres = gan_lab_ring(torch.as_tensor(u)).numpy()
    squared = ((points[:, None, :] - centres[None]) ** 2).sum(axis=2)
    reference = np.exp(-0.5 * squared / 0.025**2).mean(axis=1) / (2 * math.pi * 0.025**2)
    np.testing.assert_allclose(ring.density(points), reference, rtol=1e-9)
    roll = PLANE_TARGETS["swiss_roll"]
    points = roll.sample(1000, torch.Generator().manual_seed(4)).numpy().astype(np.float64)
    finer = curve_mixture(swiss_roll, 0.05, periodic=False, panel_sigmas=0.25, order=8)
    np.testing.assert_allclose(roll.density(points), finer.pdf(points), rtol=1e-5)


def test_the_papers_mixtures_and_gan_lab_s_canvas():
    ring8, grid25 = PLANE_TARGETS["ring8"], PLANE_TARGETS["grid25"]
    np.testing.assert_allclose(np.linalg.norm(ring8.modes, axis=1), 2.0)
    assert ring8.sigma == 0.02 and len(ring8.modes) == 8
    assert sorted(set(grid25.modes.ravel())) == [-4.0, -2.0, 0.0, 2.0, 4.0] and len(grid25.modes) == 25
    assert grid25.sigma == 0.05
    assert PLANE_TARGETS["disjoint"].sigma == 0.025 and len(PLANE_TARGETS["disjoint"].modes) == 3
    assert PLANE_TARGETS["gaussians"].modes is None  # elongated blobs: no round modes to count against
    assert PLANE_TARGETS["swiss_roll"].modes is None
    # GAN Lab's two Gaussians on its unit canvas: the exact share inside, from each blob's per-axis normal CDFs.
    inside = 0.5 * (ndtr(7) - ndtr(-3)) * (ndtr(3) - ndtr(-7)) + 0.5 * (ndtr(6) - ndtr(-14)) * (ndtr(3) - ndtr(-2))
    gaussians = PLANE_TARGETS["gaussians"]
    assert gaussians.cell_mass([0.0, 0.5, 1.0], [0.0, 1.0]).sum() == pytest.approx(inside, rel=1e-12)
    for key in ("line", "ring", "disjoint", "ring8", "grid25", "swiss_roll"):
        (x0, x1), (y0, y1) = PLANE_TARGETS[key].bounds
        edges = PLANE_TARGETS[key].cell_mass([x0, x1], [y0, y1])
        assert edges.sum() == pytest.approx(1.0, abs=1e-6), key  # the view holds the whole distribution


def test_cell_mass_keeps_far_tails():
    ring8 = PLANE_TARGETS["ring8"]
    mass = ring8.cell_mass(np.linspace(-2.5, 2.5, 65), np.linspace(-2.5, 2.5, 65))
    assert mass.sum() == pytest.approx(1.0, abs=1e-12)
    assert mass.min() >= 0.0
    # A cell 5 s right of the mode at (2, 0): tiny, yet neither 0 nor rounding noise (1 - ndtr would give 0).
    far = ring8.cell_mass([2.1, 2.12], [-0.01, 0.01])[0, 0]
    expected = (ndtr(-5.0) - ndtr(-6.0)) * (ndtr(0.5) - ndtr(-0.5)) / 8
    assert far == pytest.approx(expected, rel=1e-9)


def test_samples_are_reproducible():
    target = PLANE_TARGETS["ring8"]
    a = target.sample(100, torch.Generator().manual_seed(5))
    b = target.sample(100, torch.Generator().manual_seed(5))
    assert torch.equal(a, b)
    assert not torch.equal(a, target.sample(100, torch.Generator().manual_seed(6)))


def test_custom_points_are_a_jittered_choice_with_their_exact_kde():
    points = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]])
    target = custom_points(points)
    assert target.key == CUSTOM
    jitter = 0.02  # 2% of the larger extent, 1
    samples = target.sample(30_000, torch.Generator().manual_seed(7)).numpy().astype(np.float64)
    nearest = np.linalg.norm(samples[:, None] - points[None], axis=2)
    # Each sample sits a Rayleigh(jitter) distance from its point: mean jitter * sqrt(pi / 2).
    assert nearest.min(axis=1).mean() == pytest.approx(jitter * math.sqrt(math.pi / 2), rel=0.02)
    counts = np.bincount(nearest.argmin(axis=1), minlength=3) / len(samples)
    np.testing.assert_allclose(counts, 1 / 3, atol=0.015)  # each point chosen uniformly
    x = np.array([[0.01, 0.02]])
    kde = np.exp(-0.5 * ((x - points) ** 2).sum(axis=1) / jitter**2).mean() / (2 * math.pi * jitter**2)
    assert target.density(x)[0] == pytest.approx(kde, rel=1e-12)
    grid, area = mesh(target.bounds, 0.25 * jitter)
    assert target.density(grid).sum() * area == pytest.approx(1.0, abs=1e-4)


@pytest.mark.parametrize(
    "points, message",
    [
        (np.zeros((0, 2)), "no points"),
        (np.zeros((5, 1)), "pairs"),
        (np.array([[0.0, np.nan]]), "finite"),
        ("text", "pairs"),
    ],
)
def test_unusable_points_get_a_message(points, message):
    with pytest.raises(ValueError, match=message):
        custom_points(points)


def test_a_single_point_is_a_small_gaussian():
    target = custom_points([[3.0, -1.0]])
    assert target.mixture.stds[0, 0] == 0.02
    assert target.density(np.array([[3.0, -1.0]]))[0] == pytest.approx(1 / (2 * math.pi * 0.02**2))


@pytest.mark.parametrize("noise", list(NOISE_PRIORS))
@pytest.mark.parametrize("dim", [1, 2])
def test_the_noise_priors_serve_1d_and_2d_z(noise, dim):
    z = NOISE_PRIORS[noise].sample(20_000, dim, torch.Generator().manual_seed(8), torch.device("cpu"))
    assert z.shape == (20_000, dim)
    expected_std = 1.0 if noise == "gaussian" else 1 / math.sqrt(3)  # U(-1, 1) has variance 1/3
    np.testing.assert_allclose(z.std(dim=0).numpy(), expected_std, rtol=0.03)
