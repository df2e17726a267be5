"""Latent paths for the Figure 3 panel: endpoints, norms, and the parallel fallback."""

import numpy as np
import pytest

from ganlab.core.latent import latent_path, lerp, random_z, slerp


def test_both_paths_start_and_end_at_the_endpoints():
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal(32), rng.standard_normal(32)
    for mode in ("lerp", "slerp"):
        path = latent_path(a, b, np.linspace(0, 1, 10), mode)
        assert path.shape == (10, 32)
        np.testing.assert_allclose(path[0], a, atol=1e-12)
        np.testing.assert_allclose(path[-1], b, atol=1e-12)


def test_slerp_keeps_the_norm_where_lerp_cuts_through_the_middle():
    rng = np.random.default_rng(1)
    a = rng.standard_normal(100)
    b = rng.standard_normal(100)
    b *= np.linalg.norm(a) / np.linalg.norm(b)  # same radius: slerp stays on the sphere
    middle_slerp, middle_lerp = slerp(a, b, 0.5), lerp(a, b, 0.5)
    assert np.linalg.norm(middle_slerp) == pytest.approx(np.linalg.norm(a), rel=1e-9)
    assert np.linalg.norm(middle_lerp) < 0.8 * np.linalg.norm(a)  # two random 100-d z are nearly orthogonal
    # equal angles: the midpoint is as far (in angle) from a as from b
    cos = lambda u, v: u @ v / np.linalg.norm(u) / np.linalg.norm(v)  # noqa: E731
    assert cos(middle_slerp, a) == pytest.approx(cos(middle_slerp, b), rel=1e-9)


def test_parallel_and_zero_endpoints_fall_back_to_a_straight_line():
    a = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(slerp(a, 2 * a, 0.25), lerp(a, 2 * a, 0.25))
    np.testing.assert_allclose(slerp(np.zeros(3), a, 0.5), a / 2)


def test_bad_requests_are_refused():
    with pytest.raises(ValueError, match="mode"):
        latent_path(np.zeros(2), np.ones(2), [0.5], "cubic")
    with pytest.raises(ValueError, match="one length"):
        latent_path(np.zeros(2), np.ones(3), [0.5])


def test_random_z_follows_the_prior():
    rng = np.random.default_rng(2)
    uniform = np.stack([random_z("uniform", 8, rng) for _ in range(500)])
    gaussian = np.stack([random_z("gaussian", 8, rng) for _ in range(500)])
    assert uniform.min() >= -1 and uniform.max() <= 1 and uniform.std() == pytest.approx(1 / np.sqrt(3), rel=0.05)
    assert abs(gaussian.mean()) < 0.05 and gaussian.std() == pytest.approx(1.0, rel=0.05)
