"""Plane metrics: PacGAN's mode numbers, divergences on a grid with nothing dropped, the exact W1 of point sets."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from ganlab.core.plane.metrics import (
    PROTOCOL_SAMPLES,
    grid_divergences,
    histogram_density,
    mode_stats,
    w1_samples,
)
from ganlab.core.plane.targets import PLANE_TARGETS

RING8 = PLANE_TARGETS["ring8"]


def test_the_data_itself_covers_every_mode_with_high_quality():
    samples = RING8.sample(PROTOCOL_SAMPLES, torch.Generator().manual_seed(0)).numpy()
    stats = mode_stats(samples, RING8.modes, RING8.sigma)
    assert stats.covered == 8
    # Within 3 s in 2-D: P(|N(0, I)| < 3) = 1 - exp(-9/2) = 98.89%; binomial s.d. over 2,500 samples is 0.21%.
    assert stats.high_quality_pct == pytest.approx(100 * (1 - math.exp(-4.5)), abs=0.65)
    # A multinomial histogram's KL to its true p is ~ (k - 1) / (2n) = 0.0014 on average.
    assert 0.0 <= stats.reverse_kl < 0.01
    assert stats.counts.sum() == pytest.approx(stats.high_quality_pct / 100 * PROTOCOL_SAMPLES)


def test_a_point_mass_on_one_mode_covers_one_with_reverse_kl_log_8():
    samples = np.repeat(RING8.modes[:1], 100, axis=0)
    stats = mode_stats(samples, RING8.modes, RING8.sigma)
    # q = (1, 0, ..., 0) against p = 1/8 each: sum q log(q / p) = 1 * log(1 / (1/8)) = log 8.
    assert stats.covered == 1
    assert stats.high_quality_pct == 100.0
    assert stats.reverse_kl == pytest.approx(math.log(8), rel=1e-12)


def test_half_on_two_modes_and_the_low_quality_rest():
    near = np.concatenate([np.repeat(RING8.modes[:1], 50, axis=0), np.repeat(RING8.modes[1:2] + 0.04, 50, axis=0)])
    far = np.zeros((100, 2))  # the ring's centre: 100 s from every mode, not high quality, not counted
    stats = mode_stats(np.concatenate([near, far, [[np.nan, 0.0]]]), RING8.modes, RING8.sigma)
    assert stats.covered == 2  # 0.04 is 2.83 s: still high quality
    assert stats.high_quality_pct == pytest.approx(100 * 100 / 201)
    assert stats.reverse_kl == pytest.approx(math.log(4), rel=1e-12)  # q = (1/2, 1/2, 0...): log(1/2 / (1/8))
    just_outside = mode_stats(RING8.modes[:1] + [0.061, 0.0], RING8.modes, RING8.sigma)  # 3.05 s
    assert just_outside.covered == 0 and just_outside.high_quality_pct == 0.0
    assert math.isnan(just_outside.reverse_kl)


def test_reverse_kl_uses_the_true_mode_weights():
    modes = np.array([[0.0, 0.0], [1.0, 0.0]])
    samples = np.array([[0.0, 0.0]] * 3 + [[1.0, 0.0]])
    assert mode_stats(samples, modes, 0.1, weights=[0.75, 0.25]).reverse_kl == pytest.approx(0.0, abs=1e-15)
    expected = 0.75 * math.log(0.75 / 0.5) + 0.25 * math.log(0.25 / 0.5)
    assert mode_stats(samples, modes, 0.1).reverse_kl == pytest.approx(expected, rel=1e-12)


def test_identical_grids_have_no_divergence():
    rng = np.random.default_rng(1)
    p = rng.uniform(size=(8, 8))
    p /= p.sum() * 0.25
    result = grid_divergences(p, p.copy(), 0.25)
    assert (result.kl_pq, result.kl_qp, result.js) == (0.0, 0.0, 0.0)


def test_disjoint_grids_reach_log_2():
    p = np.zeros((4, 4))
    q = np.zeros((4, 4))
    p[:2] = 1 / 8  # cell area 1: half the cells each
    q[2:] = 1 / 8
    result = grid_divergences(p, q, 1.0)
    assert result.kl_pq == math.inf and result.kl_qp == math.inf
    assert result.js == pytest.approx(math.log(2), rel=1e-12)


def test_mass_outside_the_grid_is_counted_not_dropped():
    p = np.full((4, 4), 1 / 16)  # all its mass inside
    q = np.full((4, 4), 1 / 32)  # half inside (the same shape), half outside the grid
    result = grid_divergences(p, q, 1.0)
    # On (cells, outside): p = (1/16 each, 0), q = (1/32 each, 1/2), m = (3/64 each, 1/4).
    assert result.kl_pq == pytest.approx(math.log(2), rel=1e-12)  # sum p log(p/q) = log 2
    assert result.kl_qp == math.inf  # q has mass outside where p has none
    js = 0.5 * (math.log(4 / 3) + 0.5 * math.log(2 / 3) + 0.5 * math.log(2))
    assert result.js == pytest.approx(js, rel=1e-12)
    # Dropping the outside samples and renormalising (GAN Lab's histograms) would have called these equal.
    assert grid_divergences(p, q * 2, 1.0).js == 0.0


def test_w1_of_a_set_with_itself_a_permutation_and_a_shift():
    rng = np.random.default_rng(2)
    a = rng.normal(size=(200, 2))
    assert w1_samples(a, a) == 0.0
    assert w1_samples(a, a[rng.permutation(200)]) == 0.0
    # A translation by v: W1 >= |mean(b) - mean(a)| = |v| (Kantorovich dual with a linear potential), and the
    # identity assignment costs exactly |v|.
    assert w1_samples(a, a + [1.0, 0.0]) == pytest.approx(1.0, rel=1e-12)
    assert w1_samples(a, a + [0.3, -0.4]) == pytest.approx(0.5, rel=1e-12)


def test_w1_picks_the_best_assignment():
    a = np.array([[0.0, 0.0], [10.0, 0.0]])
    b = np.array([[10.0, 1.0], [0.0, 1.0]])  # crossed order: the best plan pairs each point with the one above it
    assert w1_samples(a, b) == pytest.approx(1.0)


def test_w1_refuses_what_it_cannot_do_exactly():
    with pytest.raises(ValueError, match="one size"):
        w1_samples(np.zeros((3, 2)), np.zeros((4, 2)))
    with pytest.raises(ValueError, match="at most 512"):
        w1_samples(np.zeros((513, 2)), np.zeros((513, 2)))
    assert w1_samples(np.array([[np.nan, 0.0]]), np.zeros((1, 2))) == math.inf


def test_histogram_density_keeps_the_outside_share():
    edges = np.linspace(0.0, 1.0, 5)  # cells of 0.25 x 0.25
    samples = np.array([[0.1, 0.1], [0.1, 0.2], [0.9, 0.6], [2.0, 0.5], [np.nan, 0.5], [1.0, 0.5]])
    density, outside = histogram_density(samples, edges, edges)
    assert outside == pytest.approx(3 / 6)  # beyond the right edge (x = 1.0 is outside too), and NaN
    assert density[0, 0] == pytest.approx(2 / (6 * 0.0625))
    assert density[3, 2] == pytest.approx(1 / (6 * 0.0625))
    assert density.sum() * 0.0625 + outside == pytest.approx(1.0)
